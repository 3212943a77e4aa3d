"""Training modules as files: parse, validate and write back `content/modules/<slug>/`.

A module is `module.md` (Spanish) and `module.en.md` (English): YAML front matter,
then Markdown whose `## Title {#lesson-id}` headings start the lessons; and
`quiz.yaml` / `quiz.en.yaml` with the same ids. Every problem is reported with its
file and line, all at once. `dump_module` (and quiz_data.dump_quiz) write the canonical form
that `parse_*` reads back unchanged, so a sync then an export leaves files
byte-identical. Pure: no Flask, no database. The format is in content/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.content_errors import N_, ContentError, Problem, split_front_matter
from portal.training.quiz import Question, parse_quiz, quiz_problems
from portal.training.quiz_data import quiz_shape
from portal.training.template import LESSON_TEXTS, LESSON_TITLES, TITLES
from portal.yamlines import Lined, YamlError, load

LANGUAGES = ("es", "en")
FILES = {"es": ("module.md", "quiz.yaml"), "en": ("module.en.md", "quiz.en.yaml")}
STATUSES = ("draft", "in_review", "published", "archived")
ROLES = ("frontline", "trainer", "manager", "admin")
CHANGES = ("major", "minor")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*\{#(?P<id>[^}]*)\}\s*$")
MIN_QUESTIONS = 5
# Front matter fields in their canonical order; those that must agree across languages
# are every field but the title and the language.
FIELDS = (
    "id",
    "title",
    "version",
    "status",
    "language",
    "estimated_minutes",
    "audience",
    "due_within_days",
    "recertify_after_days",
    "pass_mark",
    "attempts",
    "doctrine",
    "change",
)
SHARED = tuple(name for name in FIELDS if name not in ("title", "language"))


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class ModuleDoc:
    id: str
    title: str
    version: int
    status: str
    language: str
    estimated_minutes: int
    audience: tuple[str, ...]
    due_within_days: int
    recertify_after_days: int
    pass_mark: int
    attempts: int
    doctrine: tuple[str, ...]
    change: str
    intro: str = ""
    lessons: tuple[Lesson, ...] = ()
    questions: tuple[Question, ...] = ()
    path: str = field(default="", compare=False)

    def front(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in FIELDS}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _is_whole(low: int, high: int | None = None):
    def check(value: object) -> bool:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
        return ok and (high is None or value <= high)

    if high is None:
        return check, N_("'%(field)s' must be a whole number of at least %(low)s"), (("low", low),)
    message = N_("'%(field)s' must be a whole number from %(low)s to %(high)s")
    return check, message, (("low", low), ("high", high))


def _is_list_of(allowed: tuple[str, ...] | None):
    def check(value: object) -> bool:
        if not isinstance(value, list) or not value or len(set(value)) != len(value):
            return False
        if allowed is None:
            return all(isinstance(v, str) and SLUG.fullmatch(v) for v in value)
        return all(v in allowed for v in value)

    if allowed is None:
        return check, N_("'%(field)s' must be a non-empty list of slug tags, without repeats"), ()
    message = N_("'%(field)s' must be a non-empty list of roles (%(allowed)s), without repeats")
    return check, message, (("allowed", ", ".join(allowed)),)


CHECKS = {
    "id": (
        lambda v: isinstance(v, str) and SLUG.fullmatch(v) is not None,
        N_("'%(field)s' must be a slug"),
        (),
    ),
    "title": (
        lambda v: isinstance(v, str) and bool(v.strip()),
        N_("'%(field)s' must be a non-empty text"),
        (),
    ),
    "version": _is_whole(1),
    "status": (
        lambda v: v in STATUSES,
        N_("'%(field)s' must be one of %(allowed)s"),
        (("allowed", ", ".join(STATUSES)),),
    ),
    "language": (lambda v: v in LANGUAGES, N_("'%(field)s' must be es or en"), ()),
    "estimated_minutes": _is_whole(1, 600),
    "audience": _is_list_of(ROLES),
    "due_within_days": _is_whole(1, 3650),
    "recertify_after_days": _is_whole(0, 3650),
    "pass_mark": _is_whole(1, 100),
    "attempts": _is_whole(1, 100),
    "doctrine": _is_list_of(None),
    "change": (lambda v: v in CHANGES, N_("'%(field)s' must be major or minor"), ()),
}


class _ModuleParser:
    def __init__(self, path: str, unwritten_ok: bool = False) -> None:
        self.path, self.unwritten_ok = path, unwritten_ok
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, params: tuple = ()) -> None:
        self.problems.append(Problem(self.path, line, message, params))

    def unwritten(self, line: int, message: str, params: tuple = ()) -> None:
        """Template words left in: a problem, except while the author is still writing."""
        if not self.unwritten_ok:
            self.problem(line, message, params)

    def parse(self, text: str) -> dict[str, Any] | None:
        split = split_front_matter(text)
        if isinstance(split, Problem):
            self.problem(split.line, split.message)
            return None
        front_text, body, body_line = split
        try:
            front = load(front_text, first_line=2)
        except YamlError as error:
            self.problem(error.line, f"front matter is {error.message}")
            return None
        if not isinstance(front, Lined):
            self.problem(2, N_("front matter must be a mapping of fields"))
            return None
        fields = self._fields(front)
        intro, lessons = self._lessons(body, body_line)
        return {**fields, "intro": intro, "lessons": lessons}

    def _fields(self, front: Lined) -> dict[str, Any]:
        for name in front:
            if name not in CHECKS:
                message, params = N_("unknown field '%(field)s'"), (("field", str(name)),)
                self.problem(front.line_of(str(name)), message, params)
        values = {}
        for name, (check, message, params) in CHECKS.items():
            if name not in front:
                self.problem(2, N_("missing required field '%(field)s'"), (("field", name),))
            elif not check(front[name]):
                self.problem(front.line_of(name), message, (("field", name), *params))
            values[name] = front.get(name)
        for name in ("audience", "doctrine"):
            if isinstance(values[name], list):
                values[name] = tuple(values[name])
        if isinstance(values["title"], str):
            values["title"] = values["title"].strip()
            if values["title"] in TITLES:
                message = N_("'title' is still the template's '%(title)s'")
                self.unwritten(front.line_of("title"), message, (("title", values["title"]),))
        return values

    def _lessons(self, body: str, first_line: int) -> tuple[str, tuple[Lesson, ...]]:
        intro: list[str] = []
        lessons: list[tuple[str, str, list[str], int]] = []
        fenced = False
        for offset, text in enumerate(body.splitlines()):
            line = first_line + offset
            if text.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if not fenced and text.startswith("## "):
                self._heading(text, line, lessons)
                continue
            if not fenced and text.startswith("# "):
                self.problem(line, N_("use '## Title {#lesson-id}' for lessons, not '#'"))
            (lessons[-1][2] if lessons else intro).append(text)
        if not lessons:
            message = N_("the module has no lessons: start each with '## Title {#id}'")
            self.problem(first_line, message)
        seen: dict[str, int] = {}
        out = []
        for lesson_id, title, lines, line in lessons:
            if lesson_id in seen:
                message = N_("duplicate lesson id '%(lesson)s' (also line %(other)s)")
                self.problem(line, message, (("lesson", lesson_id), ("other", seen[lesson_id])))
            seen.setdefault(lesson_id, line)
            text = "\n".join(lines).strip()
            self._lesson_text(lesson_id, title, text, lines, line)
            out.append(Lesson(lesson_id, title, text))
        return "\n".join(intro).strip(), tuple(out)

    def _lesson_text(self, lesson_id: str, title: str, text: str, lines: list, line: int) -> None:
        if title in LESSON_TITLES:
            message = N_("lesson '%(lesson)s': the title is still the template's")
            self.unwritten(line, message, (("lesson", lesson_id),))
        if not text:
            self.problem(line, N_("lesson '%(lesson)s' has no text"), (("lesson", lesson_id),))
        elif text in LESSON_TEXTS:
            first = next(n for n, row in enumerate(lines, start=1) if row.strip())
            message = N_("lesson '%(lesson)s': the text is still the template's")
            self.unwritten(line + first, message, (("lesson", lesson_id),))

    def _heading(self, text: str, line: int, lessons: list) -> None:
        match = HEADING.match(text)
        if match is None:
            self.problem(line, N_("a lesson heading needs its id: '## Title {#lesson-id}'"))
            lessons.append((f"line-{line}", text[3:].strip(), [], line))
            return
        lesson_id, title = match["id"], match["title"]
        if not SLUG.fullmatch(lesson_id):
            message = N_("lesson id '%(lesson)s' must be lowercase letters, digits, hyphens")
            self.problem(line, message, (("lesson", lesson_id),))
        if not title:
            self.problem(line, N_("the lesson heading has no title"))
        lessons.append((lesson_id, title, [], line))


def parse_module(
    module_text: str, quiz_text: str, module_path: str, quiz_path: str, unwritten_ok: bool = False
) -> ModuleDoc:
    """One language of a module; ContentError lists every problem in both files.
    `unwritten_ok`: the template's words are not problems (see template.py)."""
    parser = _ModuleParser(module_path, unwritten_ok)
    parsed = parser.parse(module_text)
    problems = list(parser.problems)
    questions, quiz_found = parse_quiz(quiz_text, quiz_path, unwritten_ok)
    problems.extend(quiz_found)
    if parsed is not None and not quiz_found:
        problems.extend(quiz_problems(questions, quiz_path, MIN_QUESTIONS))
    if problems or parsed is None:
        raise ContentError(problems)
    return ModuleDoc(**parsed, questions=tuple(questions), path=module_path)


def read_module(folder: str | Path, language: str) -> ModuleDoc:
    folder = Path(folder)
    module_name, quiz_name = FILES[language]
    module_path, quiz_path = folder / module_name, folder / quiz_name
    problems = [
        Problem(str(path), 1, "file is missing")
        for path in (module_path, quiz_path)
        if not path.is_file()
    ]
    if problems:
        raise ContentError(problems)
    doc = parse_module(
        module_path.read_text(encoding="utf-8"),
        quiz_path.read_text(encoding="utf-8"),
        str(module_path),
        str(quiz_path),
    )
    checks = [
        (doc.id != folder.name, "id", f"id '{doc.id}' does not match the folder '{folder.name}'"),
        (doc.language != language, "language", f"language must be '{language}' in this file"),
    ]
    found = [Problem(str(module_path), 2, message) for bad, _name, message in checks if bad]
    if found:
        raise ContentError(found)
    return doc


def load_modules(folder: str | Path) -> list[ModuleDoc]:
    """Every module under `folder` in both languages, validated together."""
    docs, problems = [], []
    for module_folder in sorted(p for p in Path(folder).iterdir() if p.is_dir()):
        pair = {}
        for language in LANGUAGES:
            try:
                pair[language] = read_module(module_folder, language)
            except ContentError as error:
                problems.extend(error.problems)
        if len(pair) == len(LANGUAGES):
            problems.extend(pair_problems(pair["es"], pair["en"]))
        docs.extend(pair.values())
    if problems:
        raise ContentError(problems)
    return docs


def pair_problems(es: ModuleDoc, en: ModuleDoc) -> list[Problem]:
    """The English version must say the same thing as the Spanish one, structurally."""
    problems = []
    for name in SHARED:
        if getattr(es, name) != getattr(en, name):
            message = N_("'%(field)s' differs from the Spanish version")
            problems.append(Problem(en.path, 2, message, (("field", name),)))
    if [lesson.id for lesson in es.lessons] != [lesson.id for lesson in en.lessons]:
        message = N_("lesson ids differ from the Spanish version (same ids, same order)")
        problems.append(Problem(en.path, 1, message))
    quiz_path = en.path.replace(FILES["en"][0], FILES["en"][1])
    es_shape, en_shape = quiz_shape(es.questions), quiz_shape(en.questions)
    if es_shape != en_shape:
        differing = next((q for q, r in zip(es_shape, en_shape, strict=False) if q != r), None) or (
            "the number of questions",
        )
        message = (
            f"quiz differs from the Spanish one at question '{differing[0]}' "
            "(ids, types, correct answers or branches)"
        )
        problems.append(Problem(quiz_path, 1, message))
    return problems


def dump_module(doc: ModuleDoc) -> str:
    """module.md in canonical form: `parse` of it gives `doc` back."""
    front = yaml.safe_dump(
        doc.front(), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None
    )
    parts = [doc.intro] if doc.intro else []
    parts += [f"## {lesson.title} {{#{lesson.id}}}\n\n{lesson.body}" for lesson in doc.lessons]
    return f"---\n{front}---\n" + "\n\n".join(parts) + "\n"
