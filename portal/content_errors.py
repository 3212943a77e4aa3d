"""Problems found in content files, each with its file and line. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark a message for extraction (as portal.i18n.N_, which needs Flask; the content
    checkers stay pure); it is translated when shown."""
    return message


@dataclass(frozen=True)
class Problem:
    """`message` is an English message id (marked with N_) with `%(name)s` slots filled
    from `params`, so the web UI can translate it when shown; str() is the English text
    the command line prints."""

    path: str
    line: int
    message: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def text(self) -> str:
        return self.message % dict(self.params) if self.params else self.message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


class ContentError(ValueError):
    """One or more problems; `path`, `line` and `message` are those of the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        self.path, self.line, self.message = first.path, first.line, first.text
        super().__init__("\n".join(map(str, self.problems)))


def split_front_matter(text: str) -> tuple[str, str, int] | Problem:
    """(front matter, body, file line where the body starts), or the Problem (path
    left empty for the caller to fill)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Problem("", 1, N_("missing front matter: the file must start with a '---' line"))
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return Problem("", 1, N_("front matter is not closed by a '---' line"))
