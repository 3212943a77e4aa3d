"""The OpenAPI 3.1 document of the API, written as data. Request bodies come from the
tables in schema.py, which also check the requests, so the two cannot drift apart."""

from __future__ import annotations

from functools import lru_cache

from portal.api import schema
from portal.api.errors import CODES
from portal.customers.models import Department, Tier

SERVER = "/api/v1"


def _obj(**properties) -> dict:
    """An object schema whose every property is always present (values may be null)."""
    return {"type": "object", "properties": properties, "required": list(properties)}


def _null(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


INT, TEXT, BOOL = {"type": "integer"}, {"type": "string"}, {"type": "boolean"}
TIME = {"type": "string", "format": "date-time", "description": "UTC, ISO 8601."}
DAY = {"type": "string", "format": "date"}
DEPARTMENT = _null("string", enum=[*Department, None])

SCHEMAS = {
    "Error": _obj(
        error=_obj(
            code={"type": "string", "enum": sorted(set(CODES.values()))},
            message=TEXT,
            fields={
                "type": "object",
                "additionalProperties": TEXT,
                "description": "What is wrong with each field named.",
            },
        )
    ),
    "CustomerSummary": _obj(
        id=INT, number=TEXT, name=TEXT, tier={"type": "string", "enum": list(Tier)}
    ),
    "CustomerList": _obj(customers=_list(_ref("CustomerSummary"))),
    "PhoneMatches": _obj(
        phone={"type": "string", "description": "The number as normalised for matching."},
        customers=_list(_ref("CustomerSummary")),
    ),
    "CustomerContext": _obj(
        customer={
            "allOf": [
                _ref("CustomerSummary"),
                _obj(
                    first_name=TEXT,
                    last_name=TEXT,
                    loyalty_id=_null("string"),
                    email=_null("string"),
                    phone=_null("string"),
                    language=TEXT,
                    customer_since=DAY,
                    owner=_null("string", description="The employee who looks after them."),
                    preferred_channel=_null("string"),
                    interests=_null("string"),
                    do_not_contact=BOOL,
                    do_not_upsell=BOOL,
                ),
            ]
        },
        value=_obj(
            revenue_cents=INT,
            purchases=INT,
            average_ticket_cents=_null("integer"),
            last_purchase_at=_null("string", format="date-time"),
            last_90_days_cents=INT,
            usual_90_days_cents=_null(
                "integer", description="Their usual 90-day spend over the year before."
            ),
            trend=_null("string", enum=["falling", "stable", "rising", None]),
        ),
        predicted={
            **_obj(
                segment=_null("string"),
                predicted_value_cents=_null("integer"),
                probability_active=_null("number"),
                churn_risk=_null("number"),
                note=TEXT,
            ),
            "description": "Null until the analytics feature computes them; never estimated.",
        },
        recovery=_list(
            {
                **_obj(
                    kind={"type": "string", "enum": ["complaint", "low_satisfaction"]},
                    department=DEPARTMENT,
                    at=TIME,
                    text=_null("string"),
                ),
                "description": "Recent bad experiences to mention before offering anything.",
            }
        ),
        complaints=_list(_obj(id=INT, department=TEXT, summary=TEXT, status=TEXT, opened_at=TIME)),
        promises=_list(
            _obj(
                id=INT,
                kind=TEXT,
                description=TEXT,
                due_on=DAY,
                overdue=BOOL,
                employee=_null("string"),
            )
        ),
        points=_obj(balance=INT, expiring=INT, expiring_on=_null("string", format="date")),
        privileges=_list(
            _obj(name=TEXT, notes=_null("string"), expires_on=_null("string", format="date"))
        ),
        occasion=_null("string", enum=["birthday", "customer_anniversary", None]),
        advocate={"type": "boolean", "description": "Their latest NPS within a year was 9-10."},
    ),
    "NewInteraction": schema.body_schema(schema.INTERACTION),
    "Interaction": _obj(
        id=INT,
        customer_id=INT,
        employee_id=_null("integer"),
        occurred_at=TIME,
        channel=TEXT,
        type=TEXT,
        department=TEXT,
        outcome=TEXT,
        notes=_null("string"),
        script_id=_null("integer"),
        script_followed=_null("boolean"),
    ),
    "NewSurveyAnswer": {
        **schema.body_schema(schema.SURVEY_ANSWER),
        "description": "At least one of csat, nps and effort.",
    },
    "SurveyAnswer": _obj(
        id=INT,
        customer_id=INT,
        interaction_id=_null("integer"),
        employee_id=_null("integer", description="The employee of the interaction answered."),
        department=DEPARTMENT,
        answered_at=TIME,
        csat=_null("integer"),
        nps=_null("integer"),
        effort=_null("integer"),
        comment=_null("string"),
    ),
}

ERRORS = {
    "400": "The query or body could not be used.",
    "401": "No token, or one that is unknown, revoked or of a deactivated user.",
    "403": "The token's user lacks the capability.",
    "404": "No such customer, or not one the token's user may see.",
    "422": "Some fields are not valid (see error.fields); nothing was stored.",
}


def _json(description: str, name: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def _operation(summary: str, capability: str, ok: tuple[str, str, str], errors: str, **extra):
    """`ok` is (status, description, schema); `errors` the statuses it may also answer."""
    status, description, name = ok
    responses = {status: _json(description, name)}
    responses.update({code: {"$ref": f"#/components/responses/E{code}"} for code in errors.split()})
    return {"summary": summary, "x-capability": capability, "responses": responses, **extra}


def _query(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": True,
        "description": description,
        "schema": TEXT,
    }


CUSTOMER_ID = {"name": "customer_id", "in": "path", "required": True, "schema": INT}


def _body(name: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


PATHS = {
    "/customers/lookup": {
        "get": _operation(
            "Customers with this phone number (screen pop)",
            "customers.search",
            ("200", "The matches, most recently active first (up to 20).", "PhoneMatches"),
            "400 401 403",
            parameters=[_query("phone", "The number in any formatting: +34 612 34 56 78.")],
        )
    },
    "/customers/search": {
        "get": _operation(
            "Search by name, number, loyalty id, phone or e-mail",
            "customers.search",
            ("200", "Up to 10 matches, best first.", "CustomerList"),
            "400 401 403",
            parameters=[_query("q", "At least two letters or digits.")],
        )
    },
    "/customers/{customer_id}": {
        "get": _operation(
            "The customer's context card (audited as customer.card_opened, via api)",
            "customers.view",
            ("200", "What the card shows.", "CustomerContext"),
            "401 403 404",
            parameters=[CUSTOMER_ID],
        )
    },
    "/customers/{customer_id}/interactions": {
        "post": _operation(
            "Log an interaction, as the card does",
            "customers.act",
            ("201", "The stored interaction.", "Interaction"),
            "400 401 403 404 422",
            parameters=[CUSTOMER_ID],
            requestBody=_body("NewInteraction"),
        )
    },
    "/customers/{customer_id}/survey-answers": {
        "post": _operation(
            "Record a satisfaction answer",
            "customers.act",
            ("201", "The stored answer.", "SurveyAnswer"),
            "400 401 403 404 422",
            parameters=[CUSTOMER_ID],
            requestBody=_body("NewSurveyAnswer"),
        )
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "security": [],
            "responses": {"200": {"description": "The OpenAPI document."}},
        }
    },
}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Clienting Portal API",
            "version": "1",
            "description": (
                "For the point of sale, the phone system and the survey tool. Each token "
                "acts as one portal user: that user's roles decide what it may do "
                "(x-capability on each operation) and their scope which customers it sees. "
                "Errors: {error: {code, message, fields}}."
            ),
        },
        "servers": [{"url": SERVER}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "flask --app portal api token create --user EMAIL --name NAME",
                }
            },
            "schemas": SCHEMAS,
            "responses": {
                f"E{code}": _json(description, "Error") for code, description in ERRORS.items()
            },
        },
    }
