"""Service scripts as files: parse and validate `content/scripts/<slug>.<lang>.md`.

A script is YAML front matter between two `---` lines, then a Markdown body the
employee speaks. Every problem in a file is reported at once, each with its file and
line, so a trainer fixes a script in one pass and broken content fails CI. What a file
may say is in vocabulary.py; what it means is in rules.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.content_errors import N_, ContentError, Problem, split_front_matter
from portal.service_scripts.vocabulary import (
    FIELDS,
    LANGUAGES,
    PLACEHOLDERS,
    REQUIRED,
    SHARED_FIELDS,
    Check,
    Condition,
    ConditionError,
    Range,
    parse_condition,
)

FILE_NAME = re.compile(r"(?P<id>[^.]+)\.(?P<language>[^.]+)\.md")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class ScriptDoc:
    id: str
    language: str
    title: str
    priority: int
    commandment: int
    lesson: str
    upsell: bool
    version: int
    status: str
    when: tuple[Condition, ...]
    body: str
    path: str = ""

    def conditions(self) -> dict[str, Any]:
        """The `when` block as plain JSON-ready data (for the database's JSON column)."""
        return {c.key: _plain(c.value) for c in self.when}


def _plain(value: bool | Range | tuple[str, ...]) -> Any:
    if isinstance(value, Range):
        return {k: v for k, v in (("min", value.min), ("max", value.max)) if v is not None}
    if isinstance(value, tuple):
        return value[0] if len(value) == 1 else list(value)  # one word as written
    return value


FRONT_ORDER = ("id", "language", "title", "priority", "commandment", "lesson", "upsell")
FRONT_ORDER += ("version", "status")


def dump_script(doc: ScriptDoc) -> str:
    """The script file in canonical form: `parse_script` of it gives `doc` back."""
    front: dict[str, Any] = {name: getattr(doc, name) for name in FRONT_ORDER}
    front["when"] = doc.conditions()
    text = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None
    )
    return f"---\n{text}---\n{doc.body}\n"


def read_script(path: str | Path) -> ScriptDoc:
    path = Path(path)
    return parse_script(path.read_text(encoding="utf-8"), str(path))


def parse_script(text: str, path: str) -> ScriptDoc:
    """Parse one script; `path` names it in errors and must be `<slug>.<lang>.md`."""
    parser = _Parser(path)
    doc = parser.parse(text)
    if parser.problems or doc is None:
        raise ContentError(parser.problems)
    return doc


def load_scripts(folder: str | Path) -> list[ScriptDoc]:
    """Every script in `folder`, validated together; one error lists every problem."""
    docs, problems = [], []
    for path in sorted(Path(folder).glob("*.md")):
        try:
            docs.append(read_script(path))
        except ContentError as error:
            problems.extend(error.problems)
    problems.extend(collection_problems(docs))
    if problems:
        raise ContentError(problems)
    return docs


def collection_problems(docs: list[ScriptDoc]) -> list[Problem]:
    problems, seen = [], {}
    for doc in docs:
        key = (doc.id, doc.language)
        if key in seen:
            message = N_("duplicate script id '%(id)s' in '%(language)s' (also %(other)s)")
            params = (("id", doc.id), ("language", doc.language), ("other", seen[key]))
            problems.append(Problem(doc.path, 1, message, params))
        seen.setdefault(key, doc.path)
    by_id: dict[str, dict[str, ScriptDoc]] = {}
    for doc in docs:
        by_id.setdefault(doc.id, {})[doc.language] = doc
    for versions in by_id.values():
        problems.extend(_language_problems(versions))
    return problems


def _language_problems(versions: dict[str, ScriptDoc]) -> list[Problem]:
    problems = []
    any_doc = next(iter(versions.values()))
    for language in LANGUAGES:
        if language not in versions:
            message = N_("script '%(id)s' has no '%(language)s' version")
            params = (("id", any_doc.id), ("language", language))
            problems.append(Problem(any_doc.path, 1, message, params))
    if len(versions) > 1:
        first, *rest = versions.values()
        for other in rest:
            for name in SHARED_FIELDS:
                if _comparable(getattr(first, name)) != _comparable(getattr(other, name)):
                    message = N_("'%(field)s' differs from the '%(language)s' version")
                    params = (("field", name), ("language", first.language))
                    problems.append(Problem(other.path, 1, message, params))
    return problems


def _comparable(value: object) -> object:
    # Conditions may be written in any order; they are an AND.
    return frozenset(value) if isinstance(value, tuple) else value


class _Parser:
    """Collects problems while parsing one file, so all of them are reported."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self.when_lines: dict[str, int] = {}

    def problem(self, line: int, message: str, params: tuple = ()) -> None:
        self.problems.append(Problem(self.path, line, message, params))

    def parse(self, text: str) -> ScriptDoc | None:
        split = split_front_matter(text)
        if isinstance(split, Problem):
            self.problem(split.line, split.message)
            return None
        front, body, body_line = split
        data = self._front_matter(front)
        if data is None:
            return None
        self._check_body(body, body_line)
        fields = self._fields(data)
        when = self._when(data.get("when"))
        if self.problems:
            return None
        return ScriptDoc(**fields, when=when, body=body.strip(), path=self.path)

    def _front_matter(self, front: str) -> dict | None:
        # Line 1 of the file is '---', so front matter line n is file line n + 1.
        try:
            node = yaml.compose(front, Loader=yaml.SafeLoader)
            data = yaml.safe_load(front)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            line = mark.line + 2 if mark else 1
            reason = getattr(error, "problem", None) or error
            message = N_("front matter is not valid YAML: %(reason)s")
            self.problem(line, message, (("reason", str(reason)),))
            return None
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            self.problem(2, N_("front matter must be a mapping of fields"))
            return None
        self.lines = self._key_lines(node, "field")
        when_node = next((v for k, v in node.value if str(k.value) == "when"), None)
        if isinstance(when_node, yaml.MappingNode):
            self.when_lines = self._key_lines(when_node, "condition")
        return data

    def _key_lines(self, node: yaml.MappingNode, what: str) -> dict[str, int]:
        lines: dict[str, int] = {}
        for key, _ in node.value:
            name, line = str(key.value), key.start_mark.line + 2
            if name in lines:
                if what == "condition":
                    message = N_("duplicate condition '%(condition)s'")
                else:
                    message = N_("duplicate field '%(field)s'")
                self.problem(line, message, ((what if what == "condition" else "field", name),))
            lines[name] = line
        return lines

    def line(self, name: str) -> int:
        return self.lines.get(name, 2)

    def _fields(self, data: dict) -> dict[str, Any]:
        for name in REQUIRED:
            if name not in data:
                self.problem(1, N_("missing required field '%(field)s'"), (("field", name),))
        for name in data:
            if name not in REQUIRED:
                message, params = N_("unknown field '%(field)s'"), (("field", str(name)),)
                self.problem(self.line(str(name)), message, params)
        fields = {name: self._field(data, name, check) for name, check in FIELDS.items()}
        if fields["title"]:
            fields["title"] = fields["title"].strip()
        self._check_file_name(fields)
        return fields

    def _check_file_name(self, fields: dict[str, Any]) -> None:
        match = FILE_NAME.fullmatch(Path(self.path).name)
        if match is None:
            self.problem(1, N_("file name must be <slug>.<es|en>.md"))
            return
        for name in ("id", "language"):
            value = fields[name]
            if value is not None and value != match[name]:
                message = N_("%(field)s '%(value)s' does not match the file name ('%(expected)s')")
                params = (("field", name), ("value", value), ("expected", match[name]))
                self.problem(self.line(name), message, params)

    def _field(self, data: dict, name: str, check: Check) -> Any:
        """The field's value if it passes `check`; None (and a problem) if it does not."""
        value = data.get(name)
        passes, message, params = check
        if name in data and not passes(value):
            self.problem(self.line(name), message, (("field", name), *params))
            return None
        return value

    def _when(self, when: object) -> tuple[Condition, ...]:
        if when is None:
            return ()  # `when:` left empty: the script fits everyone
        if not isinstance(when, dict):
            self.problem(self.line("when"), N_("'when' must be a mapping of conditions"))
            return ()
        conditions = []
        for key, value in when.items():
            line = self.when_lines.get(str(key), self.line("when"))
            condition = self._condition(str(key), value, line)
            if condition is not None:
                conditions.append(condition)
        return tuple(conditions)

    def _condition(self, key: str, value: object, line: int) -> Condition | None:
        try:
            return parse_condition(key, value)
        except ConditionError as error:
            self.problem(line, error.message, error.params)
            return None

    def _check_body(self, body: str, first_line: int) -> None:
        if not body.strip():
            self.problem(first_line, N_("the script has no body"))
        for offset, text in enumerate(body.splitlines()):
            line = first_line + offset
            for match in PLACEHOLDER.finditer(text):
                if match[1] not in PLACEHOLDERS:
                    message = N_("unknown placeholder '%(placeholder)s'")
                    self.problem(line, message, (("placeholder", match[0]),))
            # A brace left over would reach the customer as a raw '{'.
            if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
                self.problem(line, N_("unmatched brace: write placeholders as {name}"))
