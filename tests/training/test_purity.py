"""Content parsing, quizzes and grading are a functional core: no Flask, no database."""

import pytest

from tests.service_scripts.test_purity import imported_modules, impure

PURE = [
    "portal.training.content",
    "portal.training.quiz",
    "portal.training.grading",
    "portal.training.quiz_data",
    "portal.training.texts",
    "portal.markdown",
    "portal.yamlines",
    "portal.content_errors",
]


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_neither_flask_nor_the_database(name):
    modules = imported_modules(name)
    assert not impure(modules), sorted(impure(modules))
    assert "portal.extensions" not in modules
