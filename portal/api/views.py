"""The API's endpoints: HTTP only. Lookups, the card and the writes are the customers
feature's own queries and services, so the API answers what the card shows."""

from __future__ import annotations

from flask import Response, abort, g, request

from portal.api import bp, present, schema
from portal.api.auth import api_actor
from portal.api.errors import api_error
from portal.api.openapi import openapi_document
from portal.audit.services import audit_record
from portal.auth.permissions import public, requires
from portal.customers import card, queries, services
from portal.customers.models import Customer
from portal.customers.normalise import normalise_phone
from portal.customers.search import MIN_LENGTH
from portal.extensions import db

SCORES = ("csat", "nps", "effort")
# The card reports an unknown script beside its radio buttons; the API names the field
# it was sent.
FIELD_NAMES = {"script_followed": "script_id"}


@bp.get("/customers/lookup")
@requires("customers.search")
def customer_lookup():
    """Screen pop for the phone system: the customers with this number, any formatting."""
    number = normalise_phone(request.args.get("phone", "")[:40])
    if not number:
        abort(api_error(400, "Give the number as ?phone=", {"phone": "Required, with digits."}))
    matches = queries.customers_by_phone(actor=api_actor(), phone_norm=number)
    return {"phone": number, "customers": [present.customer_summary(c) for c in matches]}


@bp.get("/customers/search")
@requires("customers.search")
def customer_search():
    query, results = queries.customer_search(actor=api_actor(), text=request.args.get("q", ""))
    if query.kind == "too_short":
        hint = f"Type at least {MIN_LENGTH} letters or digits of a name, number, phone or e-mail."
        abort(api_error(400, hint, {"q": hint}))
    return {"customers": [present.customer_summary(c) for c in results]}


@bp.get("/customers/<int:customer_id>")
@requires("customers.view")
def customer_context(customer_id: int):
    customer = _load(customer_id)
    audit_record(
        actor=api_actor(),
        action="customer.card_opened",
        target=customer,
        detail={"via": "api", "token_id": g.api_token.id},
        ip=request.remote_addr,
    )
    body = present.customer_context(card.card_get(customer))
    db.session.commit()  # after reading: a commit expires what was loaded
    return body


@bp.post("/customers/<int:customer_id>/interactions")
@requires("customers.act")
def interaction_new(customer_id: int):
    customer = _load(customer_id)
    fields = schema.validate(_json_body(), schema.INTERACTION)
    interaction = services.interaction_log(actor=api_actor(), customer=customer, **fields)
    body = present.interaction(interaction)
    db.session.commit()
    return body, 201


@bp.post("/customers/<int:customer_id>/survey-answers")
@requires("customers.act")
def survey_answer_new(customer_id: int):
    customer = _load(customer_id)
    fields = schema.validate(_json_body(), schema.SURVEY_ANSWER)
    scores = {name: fields.pop(name) for name in SCORES}
    answer = services.survey_answer_record(
        actor=api_actor(), customer=customer, scores=scores, **fields
    )
    body = present.survey_answer(answer)
    db.session.commit()
    return body, 201


@bp.get("/openapi.json")
@public
def openapi():
    return openapi_document()


@bp.errorhandler(schema.Invalid)
def invalid(error: schema.Invalid) -> Response:
    db.session.rollback()
    return api_error(422, fields=error.fields)


@bp.errorhandler(services.CardError)
def refused(error: services.CardError) -> Response:
    """A rule the service enforces; its message is the English original."""
    db.session.rollback()
    field = FIELD_NAMES.get(error.field, error.field)
    return api_error(422, fields={field: error.message % error.params})


def _load(customer_id: int) -> Customer:
    """The customer if the token's user may see them; otherwise 404, never 403, so
    that a caller cannot tell a customer out of scope from one that does not exist."""
    customer = queries.customer_get(actor=api_actor(), customer_id=customer_id)
    return customer or abort(404)


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(api_error(400, "Send a JSON object, with Content-Type: application/json."))
    return body
