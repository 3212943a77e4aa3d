"""Command-line groups. `db` comes from Flask-Migrate; the features add their own."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from portal.auth.permissions import ROLES
from portal.extensions import db

users_cli = AppGroup("users", help="Manage portal users.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLES))
@click.password_option()
def users_create(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Create a user (for example the first administrator)."""
    from portal.auth import services

    if len(password) < services.MIN_PASSWORD_LENGTH:
        raise click.ClickException("Use at least 8 characters.")
    try:
        user = services.user_create(
            actor=None, email=email, name=name, password=password, roles=list(roles)
        )
    except services.UserError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"Created {user.email} with roles {', '.join(roles)}.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
@with_appcontext
def serve_command(host: str, port: int, debug: bool) -> None:
    """Development server like `flask run`, without versions in its Server header."""
    from werkzeug.serving import run_simple

    from portal.security import NeutralRequestHandler

    app = current_app._get_current_object()
    run_simple(
        host,
        port,
        app,
        use_reloader=debug,
        use_debugger=debug,
        threaded=True,
        request_handler=NeutralRequestHandler,
    )


def register(app: Flask) -> None:
    from portal.api.cli import api_cli
    from portal.demo.cli import demo_command
    from portal.training.cli import content_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(content_cli)
    app.cli.add_command(api_cli)
    app.cli.add_command(serve_command)
