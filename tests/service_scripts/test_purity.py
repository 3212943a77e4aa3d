"""The script rules are a functional core: no Flask, no database, no copied doctrine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests._ci import unavailable

ROOT = Path(__file__).resolve().parents[2]
PURE = ["content", "drafts", "rules", "reasons", "vocabulary", "wording"]
FORBIDDEN = ("sqlalchemy", "werkzeug", "jinja2")  # and every flask* package


def imported_modules(module: str) -> set[str]:
    """Every module `module` imports, following imports inside the portal package."""
    seen: set[str] = set()
    pending = [module]
    while pending:
        name = pending.pop()
        path = ROOT / (name.replace(".", "/") + ".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for found in names:
                if found in seen:
                    continue
                seen.add(found)
                if (ROOT / (found.replace(".", "/") + ".py")).exists():
                    pending.append(found)
    return seen


def impure(modules: set[str]) -> set[str]:
    roots = {module.split(".")[0] for module in modules}
    return {root for root in roots if root.startswith("flask") or root in FORBIDDEN}


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_neither_flask_nor_the_database(name):
    modules = imported_modules(f"portal.service_scripts.{name}")
    assert not impure(modules), sorted(impure(modules))
    assert "portal.extensions" not in modules


def test_the_import_walk_follows_the_portal_and_catches_the_database():
    assert "yaml" in imported_modules("portal.service_scripts.rules")  # through content.py
    assert impure(imported_modules("portal.service_scripts.models")) >= {"sqlalchemy"}


def seed_overlap_tool() -> Path:
    """The shared tool beside the checkout (../shared), else the workplace's copy."""
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        tool = shared / "tools" / "seed_overlap.py"
        if tool.exists():
            return tool
    return ROOT.parent / "shared" / "tools" / "seed_overlap.py"


def test_content_copies_no_sentence_from_the_seed_texts():
    tool = seed_overlap_tool()
    if not tool.exists():
        unavailable(f"seed overlap tool not found at {tool}")
    result = subprocess.run(
        [sys.executable, str(tool), str(ROOT / "content")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "0 copied runs" in result.stdout, result.stdout
    assert result.returncode == 0
