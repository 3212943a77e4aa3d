"""The OpenAPI document describes exactly the API's routes, and is a valid document."""

import json
import re

from openapi_spec_validator import validate

from portal.api.openapi import SERVER
from portal.api.schema import INTERACTION, SURVEY_ANSWER

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _routes(app) -> set[tuple[str, str]]:
    """(path as OpenAPI writes it, method) for every rule of the API blueprint."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix(SERVER))
        found |= {(path, m.lower()) for m in rule.methods - IGNORED_METHODS}
    return found


def _document(client) -> dict:
    response = client.get(f"{SERVER}/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def test_every_route_is_documented_and_nothing_else(app, client):
    document = _document(client)
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert documented == _routes(app)


def test_the_document_is_valid_openapi_3_1(client):
    document = _document(client)
    assert document["openapi"].startswith("3.1")
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    validate(document)


def test_each_operation_names_its_capability_as_the_view_declares(app, client):
    document = _document(client)
    views = {rule.rule.removeprefix(SERVER): rule.endpoint for rule in app.url_map.iter_rules()}
    for path, ops in document["paths"].items():
        flask_path = re.sub(r"\{(\w+)\}", r"<int:\1>", path)
        for op in ops.values():
            declared = app.view_functions[views[flask_path]].capability
            assert op.get("x-capability", "public") == declared, path


def test_request_bodies_list_the_validated_fields(client):
    schemas = _document(client)["components"]["schemas"]
    for name, fields in (("NewInteraction", INTERACTION), ("NewSurveyAnswer", SURVEY_ANSWER)):
        assert sorted(schemas[name]["properties"]) == sorted(f.name for f in fields)
