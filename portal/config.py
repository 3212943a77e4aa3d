"""Configuration: safe defaults, then instance/config.py, then PORTAL_* variables.

Nothing here runs at import; `load_config(app, overrides)` is called by the factory.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULTS = {
    "DATABASE_URL": None,  # None means SQLite in the instance folder
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "HTTPS": False,  # PORTAL_HTTPS=true: served over HTTPS, so every cookie is Secure
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_NAME": "portal_session",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": timedelta(days=7),
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
    "WTF_CSRF_TIME_LIMIT": None,  # token lives as long as the session
    "LANGUAGES": ("es", "en"),
    "BABEL_DEFAULT_LOCALE": "es",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Madrid",
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_WINDOW_MINUTES": 15,
    # failures on e-mails of no account, from one address, before that address waits
    "LOGIN_MAX_ADDRESS_FAILURES": 20,
    # Trusted reverse-proxy hops (Werkzeug ProxyFix); 0 ignores X-Forwarded-* headers,
    # which anyone can send when no proxy strips them.
    "PROXY_FIX_X_FOR": 0,
    "PROXY_FIX_X_PROTO": 0,
    "PROXY_FIX_X_HOST": 0,
    "PROXY_FIX_X_PORT": 0,
    "PROXY_FIX_X_PREFIX": 0,
    "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
    "CONTENT_FOLDER": None,  # None means the content/ folder beside the portal package
    # The most points one person may award or redeem in one entry, by role; a person with
    # several roles gets the highest. A role not listed may not change points at all.
    "POINTS_LIMITS": {
        "frontline": {"award": 500, "redeem": 5000},
        "manager": {"award": 20000, "redeem": 100000},
        "admin": {"award": 20000, "redeem": 100000},
    },
}
POINTS_ACTIONS = ("award", "redeem")


class ConfigError(click.ClickException):
    """A setting is wrong; the CLI prints the message on one line, no traceback."""


def load_config(app, overrides: dict | None = None) -> None:
    app.config.update(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if overrides:
        app.config.update(overrides)
    apply_https(app.config)
    app.config["SQLALCHEMY_DATABASE_URI"] = _database_uri(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    _check_points_limits(app.config["POINTS_LIMITS"])
    if not app.config.get("CONTENT_FOLDER"):
        app.config["CONTENT_FOLDER"] = str(Path(app.root_path).parent / "content")


def _check_points_limits(limits) -> None:
    """PORTAL_POINTS_LIMITS arrives as JSON: refuse a shape the card could misread."""
    example = '{"frontline": {"award": 500, "redeem": 5000}}'
    if not isinstance(limits, dict):
        raise ConfigError(f"POINTS_LIMITS must map roles to limits, for example {example}")
    for role, per_action in limits.items():
        if not isinstance(per_action, dict) or set(per_action) - set(POINTS_ACTIONS):
            raise ConfigError(
                f"POINTS_LIMITS[{role!r}] must map 'award' and 'redeem' to a whole number"
            )
        for action, limit in per_action.items():
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise ConfigError(
                    f"POINTS_LIMITS[{role!r}][{action!r}] must be a whole number, 0 or more"
                )


def apply_https(config) -> None:
    """Told the portal is served over HTTPS (HTTPS, an https PREFERRED_URL_SCHEME, or a
    Secure session cookie), both the session and the remember cookie are Secure: one
    left plain would sign its holder in over an unencrypted request."""
    https = (
        bool(config.get("HTTPS"))
        or config.get("PREFERRED_URL_SCHEME") == "https"
        or bool(config.get("SESSION_COOKIE_SECURE"))
    )
    if https:
        config["HTTPS"] = True
        config["PREFERRED_URL_SCHEME"] = "https"
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True


def _database_uri(app) -> str:
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or app.config.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(app.instance_path) / "portal.db")
    try:
        parsed = make_url(str(url))
    except ArgumentError as exc:
        raise ConfigError(f"PORTAL_DATABASE_URL is not a valid database URL: {url!r}") from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"PORTAL_DATABASE_URL must point to SQLite or PostgreSQL, not {parsed.drivername!r}"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # Flask-SQLAlchemy would resolve a relative path against the instance folder.
        parsed = parsed.set(database=os.path.abspath(parsed.database))
    return parsed.render_as_string(hide_password=False)


def _instance_secret(instance: Path) -> str:
    """Read the instance's secret key, creating it on first run (never hard-coded)."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
