"""Real Chromium (Debian's, never a downloaded one) against the app served from a thread.

The live app gets its own SQLite file in a temporary folder, whatever database the rest
of the suite uses, filled by the real demo command (`demo --customers 200`, the four
demo logins with the password "demo") plus one fixed customer the scenarios look up.
Under CI=true a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from werkzeug.serving import make_server

from portal import create_app
from portal.auth.models import User
from portal.clock import utcnow
from portal.customers.models import Complaint, CustomerNameTerm, Department, SurveyAnswer
from portal.customers.normalise import name_terms
from portal.extensions import db
from tests import factories
from tests._ci import unavailable

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "demo"
# email, full name, role: the logins the README documents
DEMO_LOGINS = (
    ("frontline@demo.example", "Lucía Peña Ortega", "frontline"),
    ("trainer@demo.example", "Jorge Ibáñez Soler", "trainer"),
    ("manager@demo.example", "Carmen Núñez Vidal", "manager"),
    ("admin@demo.example", "Raúl Gil Herrero", "admin"),
)
DEMO_CUSTOMERS = 200


def pytest_collection_modifyitems(items):
    # A session-wide hook: mark only the items collected from this folder.
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The app picks the language from Accept-Language (default Spanish): test in English.
    return {**browser_context_args, "locale": "en-GB"}


def demo_first_name(role: str) -> str:
    return next(name for _email, name, r in DEMO_LOGINS if r == role).split(" ")[0]


def _schema_build(app) -> None:
    if Path(app.extensions["migrate"].directory).is_dir():
        upgrade()
    else:  # before the first migration existed
        db.create_all()


def _demo_seed(app) -> None:
    """The demo company through its own command; the four logins alone without it."""
    try:
        from portal.demo.cli import demo_command
    except ImportError:
        demo_command = None
    if demo_command is not None:
        result = app.test_cli_runner().invoke(
            demo_command, ["--customers", str(DEMO_CUSTOMERS)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        # The demo stores Spanish as every employee's language, and a stored preference
        # beats Accept-Language: clear it on the four logins so the browser's en-GB decides.
        db.session.execute(
            sa.update(User)
            .where(User.email.in_([email for email, _name, _role in DEMO_LOGINS]))
            .values(language=None)
        )
        db.session.commit()
        return
    from portal.auth.services import roles_ensure, user_create

    roles_ensure()
    for email, name, role in DEMO_LOGINS:
        user_create(actor=None, email=email, name=name, password=DEMO_PASSWORD, roles=[role])
    db.session.commit()


def _scenario_seed() -> None:
    """A customer no generated name resembles, with an open Billing complaint and a
    low Billing score three days ago."""
    c = factories.customer(
        "José",
        "Núñez Peña",
        number="B0000001",
        email="jose.nunez@example.test",
        phone="612 34 56 78",
        customer_since=date(2021, 5, 4),
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
    db.session.add(
        SurveyAnswer(
            customer_id=c.id,
            department=Department.BILLING,
            answered_at=utcnow() - timedelta(days=3),
            csat=1,
            comment="Nobody called me back",
        )
    )
    # A second trainer: whoever wrote a module cannot publish it alone.
    from portal.auth.services import user_create

    user_create(
        actor=None,
        email="trainer2@demo.example",
        name="Irene Soto Vega",
        password=DEMO_PASSWORD,
        roles=["trainer"],
    )
    db.session.commit()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
            "SECRET_KEY": "browser-tests",
            "SQLITE_BUSY_TIMEOUT_MS": 1000,  # the busy-save test waits this out
            "INSTANCE_PATH": str(folder),
        }
    )
    with app.app_context():
        _schema_build(app)
        _demo_seed(app)
        _scenario_seed()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_app):
    return live_app[1]


@pytest.fixture
def sign_in(page, base_url):
    """sign_in("manager") fills and submits the real login form as that demo login."""

    def sign_in(role: str, password: str = DEMO_PASSWORD):
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
