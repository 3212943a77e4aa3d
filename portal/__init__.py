"""The Clienting Portal: `create_app()` builds the Flask application.

Order: configuration → extensions → request hooks → blueprints → errors → CLI →
trusted proxy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from portal.config import load_config
from portal.extensions import babel, csrf, db, htmx, login_manager, migrate

MIGRATIONS = str(Path(__file__).parent / "migrations")
SQLITE_MMAP_BYTES = 2 * 1024**3  # address space, not memory; SQLite caps it at its build limit
SQLITE_CACHE_KIB = 32 * 1024  # per connection


def create_app(test_config: dict | None = None) -> Flask:
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    load_config(app, test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    register_hooks(app)
    register_blueprints(app)
    register_errors(app)
    register_cli(app)
    register_proxy(app)
    return app


def register_proxy(app: Flask) -> None:
    """Believe X-Forwarded-* only from as many proxies as configured (none by default)."""
    hops = {
        name: int(app.config[f"PROXY_FIX_X_{name.upper()}"] or 0)
        for name in ("for", "proto", "host", "port", "prefix")
    }
    if any(hops.values()):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{k}": v for k, v in hops.items()})


def register_extensions(app: Flask) -> None:
    from portal import models  # noqa: F401  (every table known to metadata)
    from portal.i18n import select_locale

    _sqlite_busy_timeout(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    from portal.auth.login import configure_login

    configure_login(login_manager)


def _sqlite_busy_timeout(app: Flask) -> None:
    """How long a write waits for another's write lock: SQLITE_BUSY_TIMEOUT_MS, passed as
    the driver's `timeout` (sqlite3 sets SQLite's busy handler from it)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("timeout", int(app.config["SQLITE_BUSY_TIMEOUT_MS"]) / 1000)
    options["connect_args"] = connect_args
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL and enforced foreign keys on every SQLite connection (the busy timeout comes
    from the app's configuration, see `_sqlite_busy_timeout`)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Reads through a memory map and a larger page cache: a card touches pages all over
    # a multi-GB file at a million customers.
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def register_hooks(app: Flask) -> None:
    from portal.context import field_attrs, inject_globals
    from portal.i18n import install_cached_gettext
    from portal.labels import register_filters
    from portal.security import enforce_capabilities, set_security_headers
    from portal.widgets import control, field_html

    app.before_request(enforce_capabilities)
    app.after_request(set_security_headers)
    app.context_processor(inject_globals)
    app.jinja_env.globals["field_attrs"] = field_attrs
    app.jinja_env.globals["control"] = control
    app.jinja_env.globals["field_html"] = field_html
    register_filters(app)
    install_cached_gettext(app)


def register_blueprints(app: Flask) -> None:
    from portal import admin, api, audit, auth, converters, customers, home, training

    converters.register(app)  # before the rules that use `<int:…>`

    for module in (auth, home, customers, training, admin, audit, api):
        app.register_blueprint(module.bp)


def register_errors(app: Flask) -> None:
    from portal.errors import register

    register(app)


def register_cli(app: Flask) -> None:
    from portal.cli import register

    register(app)
