"""A module as its four files' texts (a draft written in the browser), both ways. Pure."""

from __future__ import annotations

from portal.content_errors import N_, ContentError, Problem
from portal.training.content import (
    FILES,
    LANGUAGES,
    ModuleDoc,
    dump_module,
    pair_problems,
    parse_module,
)
from portal.training.quiz_data import dump_quiz


def parse_module_texts(
    slug: str, texts: dict[str, str], unwritten_ok: bool = False
) -> list[ModuleDoc]:
    """Both languages of a module from its four files' texts (a draft written in the
    browser); the same checks as files on disk, problems named `<slug>/<file>:line`.
    `unwritten_ok` lets the template's words through (the settings form reads them)."""
    docs, problems = {}, []
    for language, (module_name, quiz_name) in FILES.items():
        module_path, quiz_path = f"{slug}/{module_name}", f"{slug}/{quiz_name}"
        try:
            doc = parse_module(
                texts.get(module_name, ""),
                texts.get(quiz_name, ""),
                module_path,
                quiz_path,
                unwritten_ok,
            )
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if doc.id != slug:
            message, params = (
                N_("id '%(id)s' must stay '%(slug)s'"),
                (("id", doc.id), ("slug", slug)),
            )
            problems.append(Problem(module_path, 2, message, params))
        if doc.language != language:
            message = N_("language must be '%(language)s' in this file")
            problems.append(Problem(module_path, 2, message, (("language", language),)))
        docs[language] = doc
    if len(docs) == len(LANGUAGES):
        problems.extend(pair_problems(docs["es"], docs["en"]))
    if problems:
        raise ContentError(problems)
    return list(docs.values())


def module_texts(docs: list[ModuleDoc]) -> dict[str, str]:
    """The four canonical files of a module (both languages), by file name."""
    texts = {}
    for doc in docs:
        module_name, quiz_name = FILES[doc.language]
        texts[module_name] = dump_module(doc)
        texts[quiz_name] = dump_quiz(doc.questions)
    return texts
