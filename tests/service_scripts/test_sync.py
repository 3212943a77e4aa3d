"""Loading content/scripts into the database: versions, idempotence, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.service_scripts.models import ContentStatus, ServiceScript
from portal.service_scripts.queries import scripts_published

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A private copy of the real content folder, safe to edit."""
    shutil.copytree(CONTENT / "scripts", tmp_path / "scripts")
    (tmp_path / "modules").mkdir()
    return tmp_path


def sync(runner, folder: Path):
    return runner.invoke(args=["content", "sync", "--folder", str(folder)])


def rows() -> list[tuple[str, str, int, str]]:
    stmt = sa.select(
        ServiceScript.slug, ServiceScript.language, ServiceScript.version, ServiceScript.status
    ).order_by(ServiceScript.slug, ServiceScript.language, ServiceScript.version)
    return [tuple(row) for row in db.session.execute(stmt)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sync_loads_every_script_once_and_is_idempotent(app, runner, folder):
    files = len(list((folder / "scripts").glob("*.md")))
    first = sync(runner, folder)
    assert first.exit_code == 0, first.output
    assert f"{files} new versions" in first.output
    stored = rows()
    assert len(stored) == files
    again = sync(runner, folder)
    assert again.exit_code == 0, again.output
    assert f"0 new versions, 0 status changes, {files} unchanged" in again.output
    assert rows() == stored
    audits = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "scripts.synced"))
    assert len(list(audits)) == 1  # the no-op sync records nothing


def test_changed_content_needs_a_new_version_and_then_wins(app, runner, folder):
    assert sync(runner, folder).exit_code == 0
    path = folder / "scripts" / "welcome-first-purchase.en.md"
    edit(path, "**Say:**", "**Tell them:**")
    refused = sync(runner, folder)
    assert refused.exit_code != 0
    assert "welcome-first-purchase.en.md:1: version 1" in refused.output
    assert "raise 'version'" in refused.output
    assert max(v for s, lang, v, _ in rows() if s == "welcome-first-purchase") == 1

    edit(path, "version: 1", "version: 2")
    assert sync(runner, folder).exit_code == 0
    versions = [v for s, lang, v, _ in rows() if (s, lang) == ("welcome-first-purchase", "en")]
    assert versions == [1, 2]  # the old version stays for the record
    current = {(d.id, d.language): d for _id, d in scripts_published()}
    assert current[("welcome-first-purchase", "en")].version == 2
    assert "Tell them:" in current[("welcome-first-purchase", "en")].body
    assert current[("welcome-first-purchase", "es")].version == 1


def test_a_status_change_in_the_file_updates_the_stored_version(app, runner, folder):
    assert sync(runner, folder).exit_code == 0
    for language in ("es", "en"):
        edit(folder / "scripts" / f"points-expiring.{language}.md", "published", "archived")
    result = sync(runner, folder)
    assert "2 status changes" in result.output, result.output
    statuses = {st for s, _lang, _v, st in rows() if s == "points-expiring"}
    assert statuses == {ContentStatus.ARCHIVED}
    assert "points-expiring" not in {d.id for _id, d in scripts_published()}


def test_one_broken_file_loads_nothing_and_names_file_and_line(app, runner, folder):
    edit(folder / "scripts" / "guide-decision.es.md", "commandment: 5", "commandment: 12")
    result = sync(runner, folder)
    assert result.exit_code != 0
    assert "guide-decision.es.md:6: 'commandment' must be a whole number from 1 to 10" in (
        result.output
    )
    assert "nothing loaded" in result.output
    assert rows() == []


def test_check_validates_without_loading(app, runner, folder):
    ok = runner.invoke(args=["content", "check", "--folder", str(folder)])
    assert ok.exit_code == 0 and "0 modules and 28 service scripts valid" in ok.output
    assert rows() == []
    (folder / "scripts" / "broken.es.md").write_text("no front matter\n", encoding="utf-8")
    bad = runner.invoke(args=["content", "check", "--folder", str(folder)])
    assert bad.exit_code != 0
    assert "broken.es.md:1: missing front matter" in bad.output


def test_the_real_content_folder_syncs_by_default(app, runner):
    result = runner.invoke(args=["content", "sync"])
    assert result.exit_code == 0, result.output
    assert {lang for _s, lang, _v, _st in rows()} == {"es", "en"}
