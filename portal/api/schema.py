"""What the API's request bodies may hold, as one table per body. The same table checks
a request and describes it in the OpenAPI document, so the two cannot disagree.

Each field's `schema` is JSON Schema (what OpenAPI 3.1 uses); the checker below
understands the few keywords the tables use: type, enum, minimum, maximum, maxLength.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.customers.forms import NOTES_MAX_LENGTH
from portal.customers.models import Channel, Department, InteractionType, Outcome


@dataclass(frozen=True)
class Field:
    name: str
    schema: dict
    description: str
    required: bool = False


class Invalid(ValueError):
    """The body broke its table; `fields` maps each bad field to what is wrong."""

    def __init__(self, fields: dict[str, str]):
        super().__init__(fields)
        self.fields = fields


def one_of(values: type[StrEnum] | tuple[str, ...]) -> dict:
    return {"type": "string", "enum": [str(v) for v in values]}


def whole(low: int | None = None, high: int | None = None) -> dict:
    bounds = {"minimum": low, "maximum": high}
    return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}


def text(max_length: int) -> dict:
    return {"type": "string", "maxLength": max_length}


INTERACTION = (
    Field("channel", one_of(Channel), "Where it happened.", required=True),
    Field("type", one_of(InteractionType), "What kind of contact it was.", required=True),
    Field("department", one_of(Department), "The department that served.", required=True),
    Field("outcome", one_of(Outcome), "How it ended.", required=True),
    Field("notes", text(NOTES_MAX_LENGTH), "What the employee noted."),
    Field("script_id", whole(1), "The service script the employee had beside the card."),
    Field(
        "script_followed",
        one_of(("followed", "skipped")),
        "Whether that script was followed (only with script_id).",
    ),
)

SURVEY_ANSWER = (
    Field("department", one_of(Department), "The department the answer is about.", True),
    Field("csat", whole(1, 5), "Satisfaction, 1 (very unhappy) to 5 (very happy)."),
    Field("nps", whole(0, 10), "Likelihood to recommend, 0 to 10."),
    Field("effort", whole(1, 7), "Effort the customer had to make, 1 (little) to 7."),
    Field("comment", text(NOTES_MAX_LENGTH), "The customer's own words."),
    Field("interaction_id", whole(1), "The interaction of this customer being answered."),
)


def body_schema(fields: tuple[Field, ...]) -> dict:
    """The table as a JSON Schema object; optional fields may also be null."""
    properties = {
        f.name: {
            **f.schema,
            "type": f.schema["type"] if f.required else [f.schema["type"], "null"],
            "description": f.description,
        }
        for f in fields
    }
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def validate(body: dict, fields: tuple[Field, ...]) -> dict:
    """Every field of the table, None when absent; Invalid lists every problem at once."""
    known = {f.name for f in fields}
    problems = {name: "Unknown field." for name in body if name not in known}
    clean = {}
    for f in fields:
        value = body.get(f.name)
        problem = ("Required." if f.required else None) if value is None else _check(value, f)
        if problem:
            problems[f.name] = problem
        clean[f.name] = value
    if problems:
        raise Invalid(problems)
    return clean


def _check(value, f: Field) -> str | None:
    schema = f.schema
    if "enum" in schema:
        return None if value in schema["enum"] else f"Must be one of: {', '.join(schema['enum'])}."
    if schema["type"] == "string":
        if not isinstance(value, str):
            return "Must be text."
        limit = schema["maxLength"]
        return None if len(value) <= limit else f"Must be at most {limit} characters."
    low, high = schema.get("minimum"), schema.get("maximum")
    whole_number = isinstance(value, int) and not isinstance(value, bool)
    if not whole_number or (low is not None and value < low) or (high is not None and value > high):
        return _range_message(low, high)
    return None


def _range_message(low: int | None, high: int | None) -> str:
    if high is None:
        return f"Must be a whole number of at least {low}."
    return f"Must be a whole number from {low} to {high}."
