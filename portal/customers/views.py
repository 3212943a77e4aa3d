"""Frontline pages: search, screen pop by phone number, the context card."""

from datetime import datetime

from flask import abort, redirect, request, url_for
from flask_login import current_user

from portal.audit.services import audit_record
from portal.auth.permissions import requires
from portal.customers import bp, card, queries
from portal.customers.normalise import normalise_phone
from portal.extensions import db
from portal.web import render

OPENED_VIA = {"search", "pop", "link"}


@bp.route("/search")
@requires("customers.search")
def search():
    text = request.args.get("q", "")
    query, results = queries.customer_search(actor=current_user, text=text)
    return render("customers/search.html", "results", q=text, query=query, results=results)


@bp.route("/lookup")
@requires("customers.search")
def lookup():
    """Screen pop: the phone system opens this with the caller's number."""
    raw = request.args.get("phone", "")[:40]
    number = normalise_phone(raw)
    matches = queries.customers_by_phone(actor=current_user, phone_norm=number) if number else []
    if len(matches) == 1:
        return redirect(url_for("customers.card_view", customer_id=matches[0].id, via="pop"))
    return render("customers/lookup.html", phone=raw, matches=matches)


@bp.route("/<int:customer_id>")
@requires("customers.view")
def card_view(customer_id: int):
    customer = queries.customer_get(actor=current_user, customer_id=customer_id) or abort(404)
    via = request.args.get("via")
    audit_record(
        actor=current_user,
        action="customer.card_opened",
        target=customer,
        detail={"via": via if via in OPENED_VIA else "link"},
        ip=request.remote_addr,
    )
    db.session.commit()
    data = card.card_get(customer)
    timeline, more = card.timeline_page(customer.id)
    return render("customers/card.html", card=data, c=customer, timeline=timeline, more=more)


@bp.route("/<int:customer_id>/timeline")
@requires("customers.view")
def timeline(customer_id: int):
    customer = queries.customer_get(actor=current_user, customer_id=customer_id) or abort(404)
    before = _parse_before(request.args.get("before"))
    rows, more = card.timeline_page(customer.id, before=before)
    return render("customers/timeline.html", "items", c=customer, timeline=rows, more=more)


def _parse_before(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        abort(400)
