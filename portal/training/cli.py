"""`flask content check | sync`: the content folder (modules and service scripts) in.

Both commands read and validate everything first; `sync` then loads all of it in
one transaction, or nothing when any file has a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from portal.content_errors import ContentError, Problem
from portal.extensions import db
from portal.service_scripts.content import ScriptDoc, load_scripts
from portal.training.content import ModuleDoc, load_modules

content_cli = AppGroup("content", help="Check and load training modules and service scripts.")


def content_folder(folder: str | None) -> Path:
    return Path(folder or current_app.config["CONTENT_FOLDER"])


@dataclass(frozen=True)
class Content:
    modules: list[ModuleDoc]
    scripts: list[ScriptDoc]


def content_load(folder: Path) -> Content:
    """Everything under `folder`, validated; ContentError lists every problem."""
    problems: list[Problem] = []
    found = {}
    for name, loader in (("modules", load_modules), ("scripts", load_scripts)):
        path = folder / name
        if not path.is_dir():
            problems.append(Problem(str(path), 1, "folder is missing"))
            continue
        try:
            found[name] = loader(path)
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return Content(modules=found["modules"], scripts=found["scripts"])


def _fail(error: ContentError) -> click.ClickException:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    return click.ClickException(f"{len(error.problems)} problem(s); nothing loaded")


def _read(folder: str | None) -> Content:
    try:
        return content_load(content_folder(folder))
    except ContentError as error:
        raise _fail(error) from error


FOLDER = click.option(
    "--folder", type=click.Path(file_okay=False), help="Default: the CONTENT_FOLDER setting."
)


@content_cli.command("check")
@FOLDER
def content_check(folder: str | None) -> None:
    """Validate every content file; exit non-zero on any problem."""
    content = _read(folder)
    modules = len({doc.id for doc in content.modules})
    click.echo(f"{modules} modules and {len(content.scripts)} service scripts valid.")


@content_cli.command("sync")
@FOLDER
def content_sync(folder: str | None) -> None:
    """Load the content folder into the database (idempotent; all or nothing)."""
    from portal.service_scripts.services import scripts_sync
    from portal.training.services import modules_sync

    content = _read(folder)
    try:
        modules = modules_sync(actor=None, docs=content.modules)
        scripts = scripts_sync(actor=None, docs=content.scripts)
    except ContentError as error:
        db.session.rollback()
        raise _fail(error) from error
    db.session.commit()
    for name, report in (("Modules", modules), ("Service scripts", scripts)):
        click.echo(
            f"{name}: {report.added} new versions, {report.status_changed} status changes, "
            f"{report.unchanged} unchanged."
        )


@content_cli.command("export")
@FOLDER
def content_export(folder: str | None) -> None:
    """Write the newest version of every module and script (drafts included) to files."""
    from portal.service_scripts.content import dump_script
    from portal.service_scripts.queries import scripts_newest
    from portal.training.authoring import KINDS
    from portal.training.content import FILES, dump_module
    from portal.training.models import ContentDraft
    from portal.training.queries import module_doc, modules_newest
    from portal.training.quiz_data import dump_quiz

    root = content_folder(folder)
    written = 0
    drafts = {(d.kind, d.slug): d for d in db.session.scalars(sa.select(ContentDraft))}
    for row in modules_newest():
        if ("module", row.slug) in drafts:
            continue  # the draft is newer than any stored version
        doc = module_doc(row)
        target = root / "modules" / doc.id
        target.mkdir(parents=True, exist_ok=True)
        module_name, quiz_name = FILES[doc.language]
        written += _write(target / module_name, dump_module(doc))
        written += _write(target / quiz_name, dump_quiz(doc.questions))
    for doc in scripts_newest():
        if ("script", doc.id) in drafts:
            continue
        target = root / "scripts" / f"{doc.id}.{doc.language}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        written += _write(target, dump_script(doc))
    for (kind_name, slug), draft in drafts.items():
        kind = KINDS[kind_name]
        try:
            texts = kind.texts(kind.parse(slug, draft.texts))
        except ContentError as error:
            click.echo(f"draft of '{slug}' not exported: {error.problems[0]}", err=True)
            continue
        target = root / "modules" / slug if kind_name == "module" else root / "scripts"
        target.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            written += _write(target / name, text)
    click.echo(f"{written} files changed under {root}.")


def _write(path: Path, text: str) -> int:
    """Write `text` unless the file already says exactly that; 1 if it changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return 0
    path.write_text(text, encoding="utf-8")
    return 1
