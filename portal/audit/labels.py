"""What the audit log's codes mean to a person: every action the code writes, the kinds
of target and the keys of the details, each with an English label (translated when shown).

A test reads the source for every `action=` an `audit_record` call writes and fails when
one has no label here: a new audit action needs its line in ACTIONS.
"""

from __future__ import annotations

from datetime import date

from portal.formats import date_medium, number
from portal.i18n import N_, translate
from portal.labels import label

ACTIONS = {
    "login.succeeded": N_("Signed in"),
    "login.failed": N_("Sign-in refused"),
    "logout": N_("Signed out"),
    "user.created": N_("User created"),
    "user.updated": N_("User changed"),
    "user.password_changed": N_("Own password changed"),
    "team.created": N_("Team created"),
    "team.updated": N_("Team changed"),
    "api_token.created": N_("API token created"),
    "api_token.revoked": N_("API token revoked"),
    "customer.card_opened": N_("Customer card opened"),
    "interaction.logged": N_("Interaction recorded"),
    "survey.answered": N_("Survey answer recorded"),
    "promise.made": N_("Promise made"),
    "promise.kept": N_("Promise kept"),
    "points.awarded": N_("Points awarded"),
    "points.redeemed": N_("Points redeemed"),
    "draft.opened": N_("Draft opened"),
    "draft.submitted": N_("Draft sent for review"),
    "draft.returned": N_("Draft sent back to its author"),
    "module.published": N_("Module published"),
    "module.archived": N_("Module archived"),
    "script.published": N_("Script published"),
    "script.archived": N_("Script archived"),
    "modules.synced": N_("Modules loaded from the content files"),
    "scripts.synced": N_("Scripts loaded from the content files"),
    "training.assigned": N_("Module assigned"),
    "training.assignment_changed": N_("Assignment changed"),
    "training.assignment_removed": N_("Assignment removed"),
    "quiz.started": N_("Quiz started"),
    "quiz.submitted": N_("Quiz finished"),
    "quiz.attempts_reset": N_("Quiz attempts reset"),
    "audit.exported": N_("Audit log exported"),
}

TARGET_TYPES = {
    "customer": N_("Customer"),
    "user": N_("User"),
    "team": N_("Team"),
    "api_token": N_("API token"),
    "content_draft": N_("Draft"),
    "training_module": N_("Module"),
    "training_modules": N_("Modules"),
    "service_script": N_("Script"),
    "service_scripts": N_("Scripts"),
    "training_assignment": N_("Assignment"),
}

DETAIL_KEYS = {
    # the audit log's own filters, kept with an export
    "action": N_("Action starts with"),
    "actor": N_("By (e-mail)"),
    "target_type": N_("Target type"),
    "target_id": N_("Target id"),
    "from": N_("From"),
    "to": N_("To"),
    # what services record
    "active": N_("Active"),
    "added": N_("Added"),
    "answer_id": N_("Survey answer"),
    "attempt_id": N_("Attempt"),
    "balance": N_("Balance"),
    "change": N_("Change"),
    "channel": N_("Channel"),
    "delta": N_("Points"),
    "due_on": N_("Due on"),
    "email": N_("E-mail"),
    "filters": N_("Filters"),
    "interaction_id": N_("Interaction"),
    "kind": N_("Kind"),
    "module": N_("Module"),
    "name": N_("Name"),
    "passed": N_("Passed"),
    "password_reset": N_("Password reset"),
    "promise_id": N_("Promise"),
    "reopened": N_("Completions reopened"),
    "reason": N_("Reason"),
    "comment": N_("Comment"),
    "sessions_ended": N_("Sessions ended"),
    "role": N_("Role"),
    "roles": N_("Roles"),
    "rows": N_("Rows"),
    "score": N_("Score"),
    "script_id": N_("Script"),
    "slug": N_("Identifier"),
    "status_changed": N_("Status changed"),
    "team_id": N_("Team"),
    "token_id": N_("API token"),
    "user_id": N_("User"),
    "version": N_("Version"),
    "via": N_("Opened from"),
    "voided": N_("Attempts set aside"),
}

# Codes that appear as detail values (how a card was opened); others go through label().
VALUES = {
    "search": N_("search"),
    "link": N_("link"),
    "api": N_("API"),
    "pop": N_("phone number lookup"),
}


def action_label(code: str) -> str:
    """The action in words; an unknown code (an old or new action) as it was stored."""
    return translate(ACTIONS[code]) if code in ACTIONS else code


def target_label(target_type: str | None) -> str:
    if not target_type:
        return ""
    return translate(TARGET_TYPES[target_type]) if target_type in TARGET_TYPES else target_type


# Actions whose details hold [before, after] for each field that changed.
CHANGES = {"user.updated"}


def detail_lines(detail: dict | None, action: str = "") -> list[tuple[str, str]]:
    """(label, value) per key, in the order stored; a change as "before → after"."""
    lines = []
    for key, value in (detail or {}).items():
        if action in CHANGES and isinstance(value, list) and len(value) == 2:
            text = f"{value_text(value[0])} → {value_text(value[1])}"
        else:
            text = value_text(value)
        lines.append((_key(key), text))
    return lines


def _key(key: str) -> str:
    return translate(DETAIL_KEYS[key]) if key in DETAIL_KEYS else key


def value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate(N_("yes")) if value else translate(N_("no"))
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in detail_lines(value))
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "—"
    text = str(value)
    if text in VALUES:
        return translate(VALUES[text])
    if _is_iso_day(text):
        return date_medium(date.fromisoformat(text))
    return label(text)


def _is_iso_day(text: str) -> bool:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
