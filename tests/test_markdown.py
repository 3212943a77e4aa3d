"""Trainers' Markdown renders as formatting only: scripts, handlers and frames are inert."""

from html.parser import HTMLParser

import pytest

from portal.markdown import render_markdown


class Elements(HTMLParser):
    """Every real element and attribute in a piece of HTML (escaped text is not one)."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_plain_formatting_survives():
    html = render_markdown("1. **Say:** hello\n2. *Listen*\n\n[guide](https://example.test/a)")
    assert "<ol>" in html and "<strong>Say:</strong>" in html and "<em>Listen</em>" in html
    assert '<a href="https://example.test/a" rel="noopener noreferrer">guide</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.test"></iframe>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_dangerous_markup_is_rendered_inert(text):
    elements = Elements(str(render_markdown(text))).found
    assert {tag for tag, _ in elements} <= {"p", "a"}
    for _tag, attrs in elements:
        assert not any(name.startswith("on") or name == "src" for name in attrs)
        assert not (attrs.get("href") or "https:").lower().startswith(("javascript", "data"))
