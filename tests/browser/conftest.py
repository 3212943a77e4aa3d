"""Real Chromium (Debian's, never a downloaded one) against the app served from a thread.

The live app uses its own SQLite file with the four demo logins and a few customers.
Under CI=true a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from portal import create_app
from portal.clock import utcnow
from portal.customers.models import Complaint, CustomerNameTerm, Department
from portal.customers.normalise import name_terms
from portal.extensions import db
from tests import factories

CHROMIUM = "/usr/bin/chromium"
DEMO_ROLES = ("frontline", "trainer", "manager", "admin")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: browser tests may not skip under CI")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); fails under CI")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB"}


def _seed() -> None:
    team = factories.team("Madrid Centro")
    for role in DEMO_ROLES:
        factories.user(
            [role],
            email=f"{role}@demo.example",
            name=f"Demo {role.title()}",
            team_id=team.id if role == "frontline" else None,
        )
    c = factories.customer(
        "José", "Núñez Peña", phone="612 34 56 78", customer_since=date(2021, 5, 4)
    )
    for term in name_terms(c.first_name, c.last_name):
        db.session.add(CustomerNameTerm(term=term, customer_id=c.id))
    db.session.add(
        Complaint(
            customer_id=c.id,
            department=Department.BILLING,
            summary="Charged twice for the same order",
            opened_at=utcnow() - timedelta(days=3),
        )
    )
    db.session.commit()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
            "SECRET_KEY": "browser-tests",
            "INSTANCE_PATH": str(folder),
        }
    )
    with app.app_context():
        upgrade()
        _seed()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_app):
    return live_app[1]


@pytest.fixture
def sign_in(page, base_url):
    def sign_in(role: str, password: str = factories.PASSWORD):
        page.goto(f"{base_url}/login")
        page.get_by_label("E-mail").fill(f"{role}@demo.example")
        page.get_by_label("Password").fill(password)
        # The boosted form posts through htmx: wait for the answer, not for a navigation.
        with page.expect_response(
            lambda r: r.url.endswith("/login") and r.request.method == "POST"
        ):
            page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return sign_in
