"""`flask api token create | list | revoke`: tokens for the systems that call the API."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from portal.api import services
from portal.api.models import ApiToken
from portal.auth.models import User
from portal.auth.services import normalise_email
from portal.extensions import db

api_cli = AppGroup("api", help="The JSON API for the till, phone system and survey tool.")
token_cli = AppGroup("token", help="Create, list and revoke API tokens.")
api_cli.add_command(token_cli)


@token_cli.command("create")
@click.option("--user", "email", required=True, help="The user the token acts as.")
@click.option("--name", required=True, help="Which system holds it, e.g. 'Phone system'.")
def token_create(email: str, name: str) -> None:
    """Create a token and print it: this is the only time it is shown."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise click.ClickException(f"No user with the e-mail {email}.")
    if not name.strip() or len(name) > 80:
        raise click.ClickException("Give the token a name of 1 to 80 characters.")
    token, text = services.token_create(actor=None, user=user, name=name)
    db.session.commit()
    click.echo(f"Token {token.id} for {user.email} ({name}); store it now, it is not kept:")
    click.echo(text)


@token_cli.command("list")
def token_list() -> None:
    """Every token: id, key, name, user, created, last used, revoked."""
    for t in services.token_list():
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        click.echo(
            f"{t.id}\tportal_{t.key}_…\t{t.name}\t{t.user.email}\t"
            f"created {t.created_at:%Y-%m-%d %H:%M}\tlast used {used}\t{state}"
        )


@token_cli.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke a token at once: its next request is refused."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise click.ClickException(f"No token with id {token_id}.")
    services.token_revoke(actor=None, token=token)
    db.session.commit()
    click.echo(f"Token {token_id} ({token.name}) is revoked.")
