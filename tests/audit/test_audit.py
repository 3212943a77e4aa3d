"""The audit log: written by services, read by admins, never changed."""

import pytest
import sqlalchemy as sa

from portal.audit.models import AppendOnlyError, AuditEvent
from portal.audit.services import audit_record
from portal.extensions import db


def test_orm_refuses_to_change_or_delete_an_event(app):
    audit_record(actor=None, action="test.event")
    db.session.commit()
    event = db.session.scalars(sa.select(AuditEvent).filter_by(action="test.event")).one()
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AppendOnlyError):
        db.session.commit()


def test_admin_reads_and_filters_the_log(login_as, client, auth):
    admin = login_as("admin", email="root@example.test")
    audit_record(actor=admin, action="customer.card_opened", target_type="customer", target_id=7)
    db.session.commit()
    page = client.get("/admin/audit/?action=customer.").get_data(as_text=True)
    assert "Customer card opened" in page and "Customer #7" in page
    assert "login.succeeded" not in page
    page = client.get("/admin/audit/?actor=root@example.test&action=login").get_data(as_text=True)
    assert "login.succeeded" in page


def test_an_event_commits_and_rolls_back_with_the_request(app):
    audit_record(actor=None, action="test.kept", target_type="customer", target_id=3)
    db.session.commit()
    audit_record(actor=None, action="test.dropped")
    db.session.rollback()
    actions = db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.action.like("test.%"))
    )
    assert list(actions) == ["test.kept"]
    event = db.session.scalars(sa.select(AuditEvent).filter_by(action="test.kept")).one()
    assert event.at is not None and event.detail == {} and event.target_id == 3


def test_the_log_has_no_route_that_writes(app):
    methods = {
        m
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("audit.")
        for m in rule.methods
    }
    assert methods <= {"GET", "HEAD", "OPTIONS"}


def test_audit_page_escapes_detail(login_as, client):
    admin = login_as("admin")
    audit_record(actor=admin, action="x.test", detail={"note": "<script>alert(1)</script>"})
    db.session.commit()
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "<script>alert(1)" not in page
