"""Vendored front-end files are exactly what VENDOR.md records (never edited)."""

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).parent.parent / "portal" / "static" / "vendor"
ROW = re.compile(r"^\| (\S+) \| (\S+) \| (\S+) \| .* \| ([0-9a-f]{64}) \|", re.M)


def test_every_vendored_file_matches_its_recorded_checksum():
    rows = ROW.findall((VENDOR / "VENDOR.md").read_text())
    assert rows, "VENDOR.md lists no files"
    listed = {name for name, *_ in rows}
    present = {p.name for p in VENDOR.iterdir() if p.name != "VENDOR.md"}
    assert listed == present
    for name, _package, _version, digest in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_htmx_is_the_pinned_2x_release():
    text = (VENDOR / "htmx.min.js").read_text()
    assert 'version:"2.0.11"' in text
