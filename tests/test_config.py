"""Configuration layering, the generated secret key, SQLite settings, bad URLs."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.config import ConfigError
from portal.extensions import db


def test_invalid_database_url_names_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", "not a url at all")
    with pytest.raises(ConfigError, match="PORTAL_DATABASE_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_unsupported_database_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(ConfigError, match="SQLite or PostgreSQL"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_cli_prints_one_line_error_for_a_bad_url(tmp_path):
    env = {**os.environ, "PORTAL_DATABASE_URL": "::nonsense::", "FLASK_APP": "portal"}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "db", "current"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "PORTAL_DATABASE_URL is not a valid database URL" in result.stderr


def test_secret_key_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_layers_defaults_then_instance_file_then_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("LOGIN_MAX_FAILURES = 9\nLOGIN_WINDOW_MINUTES = 30\n")
    monkeypatch.setenv("PORTAL_LOGIN_WINDOW_MINUTES", "45")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["LOGIN_MAX_FAILURES"] == 9
    assert app.config["LOGIN_WINDOW_MINUTES"] == 45
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/portal.db"
    with app.app_context():
        with db.engine.connect() as conn:
            pragma = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
        db.engine.dispose()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}


def test_plain_postgresql_url_uses_psycopg3(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", "postgresql://u@127.0.0.1:5432/x")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    assert url.drivername == "postgresql+psycopg"


def test_points_limits_are_read_as_json_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_POINTS_LIMITS", '{"frontline": {"award": 50, "redeem": 100}}')
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["POINTS_LIMITS"] == {"frontline": {"award": 50, "redeem": 100}}


@pytest.mark.parametrize(
    "value",
    [
        '["frontline"]',
        '{"frontline": 500}',
        '{"frontline": {"give": 5}}',
        '{"frontline": {"award": -1}}',
        '{"frontline": {"award": "lots"}}',
    ],
)
def test_a_malformed_points_limit_is_refused_with_the_setting_named(tmp_path, monkeypatch, value):
    monkeypatch.setenv("PORTAL_POINTS_LIMITS", value)
    with pytest.raises(ConfigError, match="POINTS_LIMITS"):
        create_app({"INSTANCE_PATH": str(tmp_path)})
