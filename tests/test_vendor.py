"""Vendored front-end files are exactly what VENDOR.md records (never edited)."""

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
VENDOR = ROOT / "portal" / "static" / "vendor"
TEST_VENDOR = ROOT / "tests" / "browser" / "vendor"  # test-only, never served
# | file | package | version | taken from | sha256 | licence |
ROW = re.compile(r"^\| (\S+) \| (\S+) \| (\S+) \| .* \| ([0-9a-f]{64}) \|", re.M)
HTMX_VERSION = "2.0.11"  # the 2.x line; 4.x breaks the portal's patterns (STACK.md)
AXE_VERSION = "4.14.1"


def _rows() -> list[tuple[str, str, str, str]]:
    rows = ROW.findall((VENDOR / "VENDOR.md").read_text(encoding="utf-8"))
    assert rows, "VENDOR.md lists no files"
    return rows


def _path(name: str) -> Path:
    """A bare name lives in static/vendor; a path is from the repository root."""
    return ROOT / name if "/" in name else VENDOR / name


def test_every_vendored_file_is_listed_and_matches_its_checksum():
    rows = _rows()
    listed = {_path(name) for name, *_ in rows}
    present = {p for p in VENDOR.iterdir() if p.name != "VENDOR.md"}
    present |= set(TEST_VENDOR.iterdir())
    assert listed == present, "every vendored file needs a VENDOR.md row"
    for name, _package, _version, digest in rows:
        actual = hashlib.sha256(_path(name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} differs from the packed release: re-pack, never edit"


def test_htmx_is_the_pinned_2x_release():
    (version,) = [v for name, package, v, _ in _rows() if package == "htmx.org"]
    assert version == HTMX_VERSION
    text = (VENDOR / "htmx.min.js").read_text(encoding="utf-8")
    assert re.findall(r'version:"([^"]+)"', text) == [HTMX_VERSION]


def test_axe_is_the_pinned_release_and_never_served():
    (version,) = [v for name, package, v, _ in _rows() if package == "axe-core"]
    assert version == AXE_VERSION
    head = (TEST_VENDOR / "axe.min.js").read_text(encoding="utf-8")[:40]
    assert head.startswith(f"/*! axe v{AXE_VERSION}\n")
    # The checker is for the tests only: no template may load it.
    templates = (ROOT / "portal" / "templates").rglob("*.html")
    assert not [t for t in templates if "axe" in t.read_text(encoding="utf-8")]
