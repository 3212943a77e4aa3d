"""Vendored front-end files are exactly what VENDOR.md records (never edited)."""

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).parent.parent / "portal" / "static" / "vendor"
# | file | package | version | taken from | sha256 | licence |
ROW = re.compile(r"^\| (\S+) \| (\S+) \| (\S+) \| .* \| ([0-9a-f]{64}) \|", re.M)
HTMX_VERSION = "2.0.11"  # the 2.x line; 4.x breaks the portal's patterns (STACK.md)


def _rows() -> list[tuple[str, str, str, str]]:
    rows = ROW.findall((VENDOR / "VENDOR.md").read_text(encoding="utf-8"))
    assert rows, "VENDOR.md lists no files"
    return rows


def test_every_vendored_file_is_listed_and_matches_its_checksum():
    rows = _rows()
    listed = {name for name, *_ in rows}
    present = {p.name for p in VENDOR.iterdir() if p.name != "VENDOR.md"}
    assert listed == present, "every file in static/vendor needs a VENDOR.md row"
    for name, _package, _version, digest in rows:
        actual = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} differs from the packed release: re-pack, never edit"


def test_htmx_is_the_pinned_2x_release():
    (version,) = [v for name, package, v, _ in _rows() if package == "htmx.org"]
    assert version == HTMX_VERSION
    text = (VENDOR / "htmx.min.js").read_text(encoding="utf-8")
    assert re.findall(r'version:"([^"]+)"', text) == [HTMX_VERSION]
