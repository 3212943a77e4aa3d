"""`flask content check` and `flask content sync`: the content folder in and out."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.service_scripts.content import ContentError, load_scripts

content_cli = AppGroup("content", help="Check and load training content and service scripts.")


def content_folder(folder: str | None) -> Path:
    return Path(folder or current_app.config["CONTENT_FOLDER"])


def _load(folder: Path):
    scripts = folder / "scripts"
    if not scripts.is_dir():
        raise click.ClickException(f"{scripts} is not a folder")
    try:
        return load_scripts(scripts)
    except ContentError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s); nothing loaded") from error


@content_cli.command("check")
@click.option("--folder", type=click.Path(file_okay=False), help="Default: CONTENT_FOLDER.")
def content_check(folder: str | None) -> None:
    """Validate every content file; exit non-zero on any problem."""
    docs = _load(content_folder(folder))
    click.echo(f"{len(docs)} service scripts valid.")


@content_cli.command("sync")
@click.option("--folder", type=click.Path(file_okay=False), help="Default: CONTENT_FOLDER.")
def content_sync(folder: str | None) -> None:
    """Load the content folder into the database (idempotent; all or nothing)."""
    from portal.service_scripts.services import scripts_sync

    docs = _load(content_folder(folder))
    try:
        report = scripts_sync(actor=None, docs=docs)
    except ContentError as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s); nothing loaded") from error
    db.session.commit()
    click.echo(
        f"Service scripts: {report.added} new versions, {report.status_changed} status "
        f"changes, {report.unchanged} unchanged."
    )
