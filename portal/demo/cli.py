"""`flask --app portal demo`: build the demo company described in portal.demo.generate."""

from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext

from portal.clock import today
from portal.demo import services
from portal.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from portal.demo.training import training_build
from portal.demo.words import COMPANY, TEAMS
from portal.extensions import db

KEPT = "The database already holds data; left unchanged (use --reset to rebuild)."
REFUSED = (
    "The database already holds data; nothing was changed. Run with --reset to delete "
    "everything and rebuild it, or with --keep-existing to leave it as it is."
)
SHOWN = (
    ("customers", "customers"),
    ("purchases", "purchases"),
    ("interactions", "interactions"),
    ("complaints", "complaints"),
    ("promises", "promises"),
    ("survey_answers", "survey answers"),
    ("points_entries", "points entries"),
    ("privileges", "privileges"),
    ("training_modules", "training modules"),
    ("training_attempts", "quiz attempts"),
    ("training_completions", "completions"),
    ("service_scripts", "service scripts"),
)


@click.command("demo")
@click.option(
    "--customers",
    default=5000,
    show_default=True,
    type=click.IntRange(1, 10_000_000),
    help="How many customers to create.",
)
@click.option(
    "--seed", default=1, show_default=True, type=click.IntRange(min=0), help="Same seed, same data."
)
@click.option("--reset", is_flag=True, help="Delete everything in the database, then build.")
@click.option(
    "--keep-existing", is_flag=True, help="If the database holds data, leave it and succeed."
)
@with_appcontext
def demo_command(customers: int, seed: int, reset: bool, keep_existing: bool) -> None:
    """Build a realistic demo company: six teams, about sixty employees, customers with
    two years of purchases, contacts, complaints, promises, surveys and points."""
    if reset and keep_existing:
        raise click.UsageError("Choose either --reset or --keep-existing, not both.")
    started = time.perf_counter()
    services.schema_ensure()
    if services.database_holds_data():
        if keep_existing:
            click.echo(KEPT)
            return
        if not reset:
            raise click.ClickException(REFUSED)
        services.schema_rebuild()
    with click.progressbar(
        length=customers,
        label="Building the demo company",
        file=sys.stderr,
        item_show_func=lambda stage: stage,
    ) as bar:
        counts = services.demo_build(
            customers=customers, seed=seed, today=today(), progress=bar.update
        )
    counts.update(_content_load())
    counts.update(training_build(seed=seed, today=today()))
    _report(counts, time.perf_counter() - started)


def _content_load() -> dict[str, int]:
    """The shipped modules and service scripts, so the demo's cards have something to
    say and a lesson to link."""
    from portal.service_scripts.services import scripts_sync
    from portal.training.cli import content_folder, content_load
    from portal.training.services import modules_sync

    content = content_load(content_folder(None))
    modules_sync(actor=None, docs=content.modules)
    scripts_sync(actor=None, docs=content.scripts)
    db.session.commit()
    return {
        "training_modules": len({doc.id for doc in content.modules}),
        "service_scripts": len(content.scripts),
    }


def _report(counts: dict[str, int], seconds: float) -> None:
    made = ", ".join(f"{counts.get(key, 0):,} {label}" for key, label in SHOWN)
    click.echo(
        f"{COMPANY} is ready ({seconds:.1f} s): {counts['teams']} teams, "
        f"{counts['users']} employees, {made}."
    )
    click.echo(f'Sign in with the password "{DEMO_PASSWORD}" as:')
    for email, _name, role, team in DEMO_LOGINS:
        where = "" if team is None else f", {TEAMS[team][0]}"
        click.echo(f"  {email:<26} {role}{where}")
