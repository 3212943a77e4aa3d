"""What a browser would post for a form on a page: a small HTML form reader for tests."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_class = form_class
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            classes = (a.get("class") or "").split()
            self.inside = self.form_class is None or self.form_class in classes
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            self._input(a)
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select, self._first_option, self._selected = a["name"], None, False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a and not self._selected:
                self.fields.append((self._select, value))
                self._selected = True

    def _input(self, a: dict) -> None:
        kind = a.get("type", "text")
        if kind in ("submit", "button") or (kind == "checkbox" and "checked" not in a):
            return
        self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._selected and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def form_items(html: str, form_class: str | None = None) -> list[tuple[str, str]]:
    """(name, value) of each successful control of the form with `form_class` (or of
    every form), in page order: text inputs, checked boxes, textareas, selected options."""
    reader = _FormReader(form_class)
    reader.feed(html)
    return reader.fields


def form_fields(html: str, form_class: str | None = None) -> dict[str, str]:
    """Name -> value (the last one, for a name posted several times)."""
    return dict(form_items(html, form_class))


def form_lists(html: str, form_class: str | None = None) -> dict[str, list[str]]:
    """Name -> every value posted under it (ticked checkboxes sharing a name), as a
    browser would post the form."""
    fields: dict[str, list[str]] = {}
    for name, value in form_items(html, form_class):
        fields.setdefault(name, []).append(value)
    return fields
