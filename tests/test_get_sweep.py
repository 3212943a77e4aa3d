"""Every GET route, as every role that may open it, with real and extreme ids and odd
query strings for every query argument a view reads: never a 5xx.

Routes come from app.url_map and argument names from the views' source, so a new
route or a new `request.args` read is swept without editing this file.
"""

from __future__ import annotations

import re
from pathlib import Path

from werkzeug.routing import IntegerConverter

from portal.api.services import token_create
from portal.auth.permissions import PUBLIC, ROLES, role_grants
from portal.extensions import db
from portal.training.content import load_modules
from portal.training.services import modules_sync
from tests import factories
from tests.conftest import Auth, csrf_token
from tests.training._files import module_folder

ODD = ["", "   ", "%_*", "+", "+34", "00", "-1", "9" * 30, "x" * 5000, "Jürgen ñ 日本 🙂", "'\"<>"]
ODD_ALONE = ["", "   ", "%_*", "+", "x" * 5000, "Jürgen ñ 日本 🙂", "9" * 30]
EXTREME_IDS = [0, 2**31 - 1, 2**31, 2**63, 2**64]  # -1 never routes: `int` takes no sign
ODD_SLUGS = ["sample", "no-such-thing", "%_*", "x" * 300]
ARG = re.compile(r"request\.args\.(?:get|getlist)\(\s*\"([^\"]+)\"")
PORTAL = Path(__file__).parent.parent / "portal"
ARGS_FORM = re.compile(r"(\w+Form)\(request\.args")
FIELD = re.compile(r"^    (\w+) = \w+Field\((.*)$", re.M)


def _args_by_blueprint() -> dict[str, set[str]]:
    """Query arguments read in each feature package (its folder names its blueprint):
    those read one by one, and the fields of a filter form built from `request.args`."""
    found: dict[str, set[str]] = {}
    for path in PORTAL.rglob("*.py"):
        text = path.read_text()
        names = set(ARG.findall(text))
        for form in ARGS_FORM.findall(text):
            names |= _form_fields(path.parent / "forms.py", form)
        if names:
            found.setdefault(path.parent.name, set()).update(names)
    return found


def _form_fields(forms: Path, form: str) -> set[str]:
    """The names a form's fields take in a query string (`name=` where it is given)."""
    if not forms.exists():
        return set()
    body = forms.read_text().split(f"class {form}(", 1)[-1].split("\nclass ", 1)[0]
    names = set()
    for attribute, call in FIELD.findall(body):
        override = re.search(r'\bname="([^"]+)"', call)
        names.add(override.group(1) if override else attribute)
    return names


def test_the_source_scan_finds_the_arguments_views_read():
    args = _args_by_blueprint()
    assert {"q", "phone", "after", "script", "via"} <= args["customers"]
    assert {"action", "before", "target_id", "from", "to"} <= args["audit"]


def _world(app, client):
    """A customer, a team, users of every role, a synced module with one attempt."""
    team = factories.team()
    customer = factories.customer(team_id=team.id)
    users = {role: factories.user([role], team_id=team.id) for role in ROLES}
    everyone = factories.user(list(ROLES), team_id=team.id)
    folder = module_folder(Path(app.instance_path) / "sweep-modules")
    modules_sync(actor=None, docs=load_modules(folder.parent))
    db.session.commit()
    Auth(client).login(everyone.email)
    token = csrf_token(client, "/training/modules/sample")
    started = client.post("/training/modules/sample/attempts", data={"csrf_token": token})
    assert started.status_code == 302, started.get_data(as_text=True)
    attempt_id = int(started.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    ids = {
        "customer_id": customer.id,
        "user_id": users["frontline"].id,
        "team_id": team.id,
        "attempt_id": attempt_id,
        "promise_id": 1,
    }
    return users, everyone, ids


def _urls(app, rule, ids: dict[str, int]):
    """The rule filled with the real ids and slugs, then with each extreme value."""
    converters = rule._converters
    real = {}
    for name, conv in converters.items():
        real[name] = ids.get(name, 1) if isinstance(conv, IntegerConverter) else "sample"
    variants = [real]
    for name, conv in converters.items():
        odd = EXTREME_IDS if isinstance(conv, IntegerConverter) else ODD_SLUGS
        variants += [{**real, name: value} for value in odd]
    for values in variants:
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(value), path)
        yield path, values is real


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static" and "any(" not in rule.rule:
            yield rule


def _capability(app, rule) -> str | None:
    return getattr(app.view_functions[rule.endpoint], "capability", None)


def _check(response, url: str) -> None:
    assert response.status_code < 500, f"{response.status_code} at {url[:200]}"


def test_no_get_route_answers_5xx_to_odd_input(app, client):
    users, everyone, ids = _world(app, client)
    args = _args_by_blueprint()
    _, bearer = token_create(actor=None, user=everyone, name="Sweep")
    db.session.commit()
    swept = sum(
        _sweep_rule(client, rule, ids, args, {"Authorization": f"Bearer {bearer}"})
        for rule in _get_rules(app)
    )
    for role, user in users.items():
        swept += _sweep_role(app, role, user, ids, args)
    assert swept > 1000


def _sweep_rule(client, rule, ids, args, api_headers) -> int:
    """As a user of every role: every argument odd at once, then each alone (one could
    stop the view before another is read)."""
    blueprint = rule.endpoint.split(".")[0]
    names = sorted(args.get(blueprint, ()))
    headers = api_headers if blueprint == "api" else {}
    swept = 0
    for url, real in _urls(client.application, rule, ids):
        _check(client.get(url, headers=headers), url)
        swept += 1
        if not real:  # an odd id is refused before any argument is read
            continue
        for value in ODD:
            _check(client.get(url, query_string=dict.fromkeys(names, value), headers=headers), url)
        for name in names:
            for value in ODD_ALONE:
                _check(client.get(url, query_string={name: value}, headers=headers), url)
        swept += len(ODD) + len(names) * len(ODD_ALONE)
    return swept


def _sweep_role(app, role, user, ids, args) -> int:
    """As each single role that may open the page, with every argument odd at once."""
    browser = app.test_client()
    Auth(browser).login(user.email)
    swept = 0
    for rule in _get_rules(app):
        capability = _capability(app, rule)
        if rule.endpoint.startswith("api.") or capability in (None, PUBLIC):
            continue
        if not role_grants(role, capability):
            continue
        names = sorted(args.get(rule.endpoint.split(".")[0], ()))
        for url, real in _urls(app, rule, ids):
            if not real:  # the every-role pass above tried the odd ids
                continue
            for value in ODD:
                response = browser.get(url, query_string=dict.fromkeys(names, value))
                _check(response, f"{role} {url}")
                swept += 1
    return swept
