"""A content checker's problem as the authoring pages show it: file and line, then the
message in the reader's language with conditions named in words (`content check` on
the command line prints the English text, str(problem))."""

from __future__ import annotations

from portal.content_errors import Problem
from portal.i18n import current_language, translate
from portal.service_scripts.drafts import condition_name


def problem_text(problem: Problem) -> str:
    """'file:line: message', translated; a `condition` parameter in words."""
    language = current_language()
    params = {
        name: condition_name(str(value), language) if name == "condition" else value
        for name, value in problem.params
    }
    message = translate(problem.message)
    return f"{problem.path}:{problem.line}: {message % params if params else message}"


def problem_texts(problems: list[Problem]) -> list[str]:
    return [problem_text(problem) for problem in problems]
