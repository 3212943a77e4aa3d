"""The audit log as CSV rows: the same words as the page, one event a row."""

from __future__ import annotations

from portal.audit.labels import action_label, detail_lines, target_label
from portal.formats import datetime_local_iso
from portal.i18n import N_, translate

CSV_HEADER = (
    N_("When"),
    N_("Who"),
    N_("E-mail"),
    N_("Action"),
    N_("Action code"),
    N_("Target"),
    N_("Target id"),
    N_("Target name"),
    N_("Detail"),
    N_("IP"),
)


def csv_header() -> tuple[str, ...]:
    return tuple(translate(title) for title in CSV_HEADER)


def csv_row(row) -> tuple:
    event, actor_name, actor_email, target_name = row
    detail = "; ".join(f"{key}: {value}" for key, value in detail_lines(event.detail, event.action))
    return (
        datetime_local_iso(event.at),
        actor_name or translate(N_("system")),
        actor_email or "",
        action_label(event.action),
        event.action,
        target_label(event.target_type),
        event.target_id,
        target_name or "",
        detail,
        event.ip or "",
    )
