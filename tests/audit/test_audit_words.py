"""The audit log in people's words: actions and details labelled, names beside ids,
a validated date range, and a CSV export of what the filters select."""

import csv
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.audit.labels import ACTIONS, DETAIL_KEYS, detail_lines
from portal.audit.models import AuditEvent
from portal.audit.services import audit_record
from portal.extensions import db
from portal.training.authoring import KINDS
from tests import factories

PORTAL = Path(__file__).parent.parent.parent / "portal"
# `action=` (or `action = `) up to its comma: the literal(s) it may be; f-strings expanded.
ACTION_LINE = re.compile(r"\baction\s*=\s*((?:f?\"[^\"]*\"|[^,)\"\n])+)")
LITERAL = re.compile(r"f?\"([^\"]+)\"")
PLACEHOLDERS = {"{kind.name}": sorted(KINDS), "{what}": ["modules", "scripts"]}


def _written_actions() -> set[str]:
    found = set()
    for path in PORTAL.rglob("*.py"):
        source = path.read_text()
        if "audit_record" not in source:
            continue
        for line in ACTION_LINE.findall(source):
            for text in LITERAL.findall(line):
                names = [text]
                for placeholder, values in PLACEHOLDERS.items():
                    if placeholder in text:
                        names = [n.replace(placeholder, v) for n in names for v in values]
                assert "{" not in names[0], f"add the values of {text!r} to PLACEHOLDERS"
                found.update(names)
    return found


def test_every_action_the_code_writes_has_a_label():
    written = _written_actions()
    assert {"login.succeeded", "module.published", "scripts.synced"} <= written
    missing = sorted(written - set(ACTIONS))
    assert missing == [], "add these to portal/audit/labels.py ACTIONS"


def test_the_page_shows_labels_names_and_readable_details(login_as, client):
    admin = login_as("admin", email="root@example.test")
    customer = factories.customer("Ana", "García")
    audit_record(
        actor=admin, action="customer.card_opened", target=customer, detail={"via": "search"}
    )
    user = factories.user(["frontline"], name="Pablo Ortega")
    detail = {
        "roles": [["frontline"], ["manager"]],
        "active": [True, False],
        "password_reset": True,
    }
    audit_record(actor=admin, action="user.updated", target=user, detail=detail)
    db.session.commit()
    page = client.get("/admin/audit/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Ficha de cliente abierta" in page
    assert f"Cliente #{customer.id} · Ana García" in page
    assert f"Usuario #{user.id} · Pablo Ortega" in page
    assert "Abierta desde: búsqueda" in page
    assert "Roles: Atención al cliente → Responsable" in page
    assert "Activo: sí → no" in page and "Contraseña restablecida: sí" in page
    results = page[page.index('id="results"') :]
    assert "{&#34;" not in results and "[[" not in results  # no raw JSON left


def test_detail_lines_label_every_key_and_keep_unknown_ones(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        lines = detail_lines(
            {"delta": 1500, "balance": 2500, "mystery": "x", "due_on": "2026-12-01"}
        )
        assert lines == [
            ("Points", "1,500"),
            ("Balance", "2,500"),
            ("mystery", "x"),
            ("Due on", "Dec 1, 2026"),
        ]
    assert "mystery" not in DETAIL_KEYS


@pytest.fixture
def three_days(app):
    """Events at 23:30 UTC on 30 Nov, 1 Dec and 2 Dec: in Madrid (UTC+1) the next day."""
    for day in ("2026-11-30", "2026-12-01", "2026-12-02"):
        db.session.add(AuditEvent(action=f"test.{day}", at=datetime.fromisoformat(f"{day} 23:30")))
    db.session.commit()


def test_date_range_counts_days_on_the_users_clock(login_as, client, three_days):
    login_as("admin")
    page = client.get("/admin/audit/?from=2026-12-02&to=2026-12-02").get_data(as_text=True)
    # 1 Dec 23:30 UTC is 2 Dec 00:30 in Madrid; 2 Dec 23:30 UTC is already 3 Dec there.
    assert "test.2026-12-01" in page
    assert "test.2026-11-30" not in page and "test.2026-12-02" not in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=2026-13-01", "Write the date as year-month-day, for example 2026-12-01."),
        ("to=yesterday", "Write the date as year-month-day, for example 2026-12-01."),
        ("from=0001-01-01", "Choose a day between the years 1900 and 2999."),
        ("from=2026-12-02&to=2026-12-01", "The end date comes before the start date."),
        ("target_id=2147483648", "Number must be between 1 and 2147483647."),
    ],
)
def test_bad_filters_get_a_clear_message_and_keep_what_was_typed(
    login_as, client, three_days, htmx_headers, query, message
):
    login_as("admin")
    response = client.get(f"/admin/audit/?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "test.2026" not in page  # no events listed under filters that make no sense
    value = query.split("&")[0].split("=")[1]
    assert f'value="{value}"' in page
    fragment = client.get(f"/admin/audit/?{query}", headers=htmx_headers).get_data(as_text=True)
    assert message in fragment  # the fragment htmx swaps in says it too


def test_csv_export_follows_the_filters_and_is_audited(login_as, client, three_days):
    admin = login_as("admin")
    customer = factories.customer("Ana", "García")
    audit_record(actor=admin, action="points.awarded", target=customer, detail={"delta": 1500})
    db.session.commit()
    response = client.get(
        "/admin/audit/export.csv?action=points.", headers={"Accept-Language": "es"}
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))  # Spanish: see portal/csvout.py
    assert rows[0][:4] == ["Cuándo", "Quién", "Correo electrónico", "Acción"]
    assert len(rows) == 2
    assert rows[1][3:9] == [
        "Puntos concedidos",
        "points.awarded",
        "Cliente",
        str(customer.id),
        "Ana García",
        "Puntos: 1.500",
    ]
    exported = db.session.scalars(sa.select(AuditEvent).filter_by(action="audit.exported")).one()
    assert exported.actor_id == admin.id and exported.detail == {"filters": {"action": "points."}}
    dated = client.get("/admin/audit/export.csv?from=2026-12-02&to=2026-12-02")
    assert "test.2026-12-01" in dated.get_data(as_text=True)
    assert "test.2026-12-02" not in dated.get_data(as_text=True)


def test_csv_export_with_bad_dates_goes_back_to_the_form(login_as, client):
    login_as("admin")
    response = client.get("/admin/audit/export.csv?from=2026-12-02&to=2026-12-01")
    assert response.status_code == 302
    assert "/admin/audit/?" in response.headers["Location"]
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "audit.exported")
        )
        == 0
    )


@pytest.mark.parametrize("role", ["frontline", "trainer", "manager"])
def test_only_admins_export_the_log(login_as, client, role):
    login_as(role)
    assert client.get("/admin/audit/export.csv").status_code in (403, 404)
