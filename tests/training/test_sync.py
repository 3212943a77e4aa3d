"""`content sync` and `content export` for modules: versions, all or nothing, round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa

from portal.extensions import db
from portal.service_scripts.models import ContentStatus
from portal.training.models import Lesson, Module, Question
from portal.training.queries import lesson_published, lesson_title_published
from tests.training._files import edit, module_folder

CONTENT = Path(__file__).resolve().parents[2] / "content"


def folder_with_module(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    module_folder(root / "modules")
    (root / "scripts").mkdir()
    return root


def cli(runner, command: str, root: Path):
    return runner.invoke(args=["content", command, "--folder", str(root)])


def versions() -> list[tuple[str, str, int, str]]:
    stmt = sa.select(Module.slug, Module.language, Module.version, Module.status).order_by(
        Module.slug, Module.language, Module.version
    )
    return [tuple(row) for row in db.session.execute(stmt)]


def test_sync_stores_each_language_with_lessons_and_questions(app, runner, tmp_path):
    root = folder_with_module(tmp_path)
    result = cli(runner, "sync", root)
    assert result.exit_code == 0, result.output
    assert "Modules: 2 new versions" in result.output
    assert versions() == [("sample", "en", 1, "published"), ("sample", "es", 1, "published")]
    assert db.session.scalar(sa.select(sa.func.count(Lesson.id))) == 4
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == 10
    assert "0 new versions, 0 status changes, 2 unchanged" in cli(runner, "sync", root).output
    lesson = lesson_published("lesson-two", "en")
    assert (lesson.title, lesson.module.language) == ("Second", "en")
    assert lesson_title_published("lesson-two", "en") == "Second"


def test_a_change_without_a_new_version_is_refused_and_nothing_loads(app, runner, tmp_path):
    root = folder_with_module(tmp_path)
    assert cli(runner, "sync", root).exit_code == 0
    edit(root / "modules" / "sample" / "module.md", "Texto de la lección", "Otro texto")
    result = cli(runner, "sync", root)
    assert result.exit_code != 0
    assert "module.md:2: version 1 of 'sample' (es) is already stored" in result.output
    assert len(versions()) == 2
    for name in ("module.md", "module.en.md"):
        edit(root / "modules" / "sample" / name, "version: 1", "version: 2")
    assert cli(runner, "sync", root).exit_code == 0
    assert [v for _s, lang, v, _st in versions() if lang == "es"] == [1, 2]


def test_an_invalid_file_loads_nothing(app, runner, tmp_path):
    root = folder_with_module(tmp_path)
    edit(root / "modules" / "sample" / "quiz.en.yaml", "next: n2", "next: n7")
    result = cli(runner, "sync", root)
    assert result.exit_code != 0 and "nothing loaded" in result.output
    assert "quiz.en.yaml" in result.output and "'next' names no node 'n7'" in result.output
    assert versions() == []


def test_export_writes_back_exactly_the_canonical_files(app, runner, tmp_path):
    root = folder_with_module(tmp_path)
    assert cli(runner, "sync", root).exit_code == 0
    first = tmp_path / "first"
    assert cli(runner, "export", first).exit_code == 0
    # The export is canonical: loading it and exporting again changes no byte.
    db.session.execute(sa.delete(Module))
    db.session.commit()
    (first / "scripts").mkdir(exist_ok=True)
    assert cli(runner, "sync", first).exit_code == 0
    again = cli(runner, "export", first)
    assert again.exit_code == 0 and "0 files changed" in again.output


def test_export_includes_drafts(app, runner, tmp_path):
    root = folder_with_module(tmp_path)
    for name in ("module.md", "module.en.md"):
        edit(root / "modules" / "sample" / name, "status: published", "status: draft")
    assert cli(runner, "sync", root).exit_code == 0
    out = tmp_path / "out"
    assert cli(runner, "export", out).exit_code == 0
    assert "status: draft" in (out / "modules" / "sample" / "module.md").read_text()
    assert lesson_published("lesson-one", "es") is None  # a draft is not a lesson to read
    assert lesson_title_published("lesson-one", "es") is None


def test_the_real_content_folder_round_trips_byte_for_byte(app, runner, tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy, ignore=shutil.ignore_patterns("README.md"))
    result = cli(runner, "sync", copy)
    assert result.exit_code == 0, result.output
    exported = cli(runner, "export", copy)
    assert exported.exit_code == 0 and "0 files changed" in exported.output, exported.output
    assert ContentStatus.PUBLISHED in {status for *_rest, status in versions()}


def test_export_writes_a_browser_draft_as_canonical_files(app, runner, tmp_path):
    from portal.training.authoring import MODULES, SCRIPTS, draft_new
    from tests import factories
    from tests.training._template import filled

    trainer = factories.user(["trainer"])
    draft = draft_new(actor=trainer, kind=MODULES, slug="fresh")
    draft.texts = filled(draft.texts)  # template words left in would fail the check
    draft_new(actor=trainer, kind=SCRIPTS, slug="fresh-script")
    db.session.commit()
    out = tmp_path / "out"
    assert cli(runner, "export", out).exit_code == 0
    text = (out / "modules" / "fresh" / "module.en.md").read_text(encoding="utf-8")
    assert "status: draft" in text and "## The greeting {#lesson-1}" in text
    script = (out / "scripts" / "fresh-script.es.md").read_text(encoding="utf-8")
    assert script.startswith("---\nid: fresh-script\nlanguage: es\n") and "status: draft" in script
    assert sorted(p.name for p in (out / "scripts").iterdir()) == [
        "fresh-script.en.md",
        "fresh-script.es.md",
    ]
    assert cli(runner, "check", out).exit_code == 0  # what it wrote passes every check
