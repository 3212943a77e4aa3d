"""Form controls as HTML, the same markup WTForms' widgets write, several times faster.

The card renders about twenty controls per request; WTForms' widgets spend most of
a card's template time on generic attribute handling. These cover the field types
the portal uses and hand anything else to WTForms. A test compares both outputs.
`field_html` writes a whole labelled field, as the `field` macro in
_macros/forms.html always did (that macro now calls it); tests compare with the old macro.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

INPUT_TYPES = {
    "StringField": "text",
    "EmailField": "email",
    "IntegerField": "number",
    "DateField": "date",
    "HiddenField": "hidden",
}
# The validators' flags WTForms copies onto the control, per widget.
INPUT_FLAGS = ("disabled", "max", "maxlength", "min", "minlength", "pattern", "readonly")
INPUT_FLAGS += ("required", "step")
SELECT_FLAGS = ("disabled", "required")


def _key(name: str) -> str:
    if name in ("class_", "class__", "for_"):
        return name[:-1]
    if name.startswith(("data_", "aria_")):
        return name.replace("_", "-")
    return name


def attributes(params: dict) -> str:
    """html_params: sorted by key, True as a bare name, False left out."""
    out = []
    for key, value in sorted(params.items()):
        if value is True:
            out.append(_key(key))
        elif value is not False:
            out.append(f'{_key(key)}="{escape(value)}"')
    return " ".join(out)


def _with_flags(field, params: dict, names: tuple[str, ...]) -> dict:
    flags = field.flags
    for name in names:
        if name not in params:
            value = getattr(flags, name, None)
            if value is not None:
                params[name] = value() if callable(value) else value
    return params


def _input(field, params: dict) -> str:
    params.setdefault("id", field.id)
    params.setdefault("type", INPUT_TYPES[field.type])
    params.setdefault("value", field._value())
    _with_flags(field, params, INPUT_FLAGS)
    return f"<input {attributes({'name': field.name, **params})}>"


def _textarea(field, params: dict) -> str:
    params.setdefault("id", field.id)
    _with_flags(field, params, INPUT_FLAGS)
    body = escape(field._value())
    return f"<textarea {attributes({'name': field.name, **params})}>\r\n{body}</textarea>"


def _select(field, params: dict) -> str:
    params.setdefault("id", field.id)
    _with_flags(field, params, SELECT_FLAGS)
    html = [f"<select {attributes({'name': field.name, **params})}>"]
    for choice in field._iter_choices_normalized():
        option = {"value": choice.value, **(choice.render_kw or {})}
        if choice.selected:
            option["selected"] = True
        html.append(f"<option {attributes(option)}>{escape(choice.label or choice.value)}</option>")
    html.append("</select>")
    return "".join(html)


def _radios(field, params: dict) -> str:
    params.setdefault("id", field.id)
    html = [f"<ul {attributes(params)}>"]
    flags = _with_flags(field, {}, SELECT_FLAGS)
    for index, choice in enumerate(field._iter_choices_normalized()):
        option_id = f"{field.id}-{index}"
        radio = {"id": option_id, "name": field.name, "type": "radio", "value": choice.value}
        radio.update(flags)
        if choice.selected:
            radio["checked"] = True
        label = escape(choice.label)
        html.append(
            f'<li><input {attributes(radio)}> <label for="{option_id}">{label}</label></li>'
        )
    html.append("</ul>")
    return "".join(html)


RENDER: dict[str, Callable[[object, dict], str]] = {
    **dict.fromkeys(INPUT_TYPES, _input),
    "TextAreaField": _textarea,
    "SelectField": _select,
    "RadioField": _radios,
}


def control(field, **params) -> Markup:
    """The field's control with `params` as extra attributes."""
    render = RENDER.get(field.type)
    special = getattr(field, "render_kw", None) or getattr(field, "has_groups", lambda: False)()
    if render is None or special or type(field.widget).__module__ != "wtforms.widgets.core":
        return field(**params)
    key = _cache_key(field, params)
    if key is None:
        return Markup(render(field, params))  # noqa: S704  (every value escaped above)
    html = _untouched.get(key)
    if html is None:
        html = _untouched[key] = Markup(render(field, dict(params)))  # noqa: S704
    return html


# Controls of forms whose choices never change (Meta.cache_controls), as rendered when
# nothing was typed into them yet, per language: the card shows the same three empty
# forms to every customer. Anything typed, or any error, is rendered afresh.
_untouched: dict[tuple, Markup] = {}


def _cache_key(field, params: dict) -> tuple | None:
    if not getattr(field.meta, "cache_controls", False):
        return None
    if field.raw_data is not None or field.errors:
        return None
    from portal.i18n import current_locale

    return (
        str(current_locale()),
        type(field.meta),
        field.id,
        field.name,
        repr(field.data),
        tuple(sorted((k, str(v)) for k, v in params.items())),
    )


def field_html(field, autofocus: bool = False, autocomplete=None, class_: str = "") -> Markup:
    """Label, control, hint and error of one field; untouched card fields are cached,
    with their labels, per language: the label's lazy translation alone cost 20 µs."""
    key = _cache_key(field, {"autofocus": autofocus, "autocomplete": autocomplete, "c": class_})
    if key is None:
        return _field_html(field, autofocus, autocomplete, class_)
    key = ("field", *key)
    html = _untouched.get(key)
    if html is None:
        html = _untouched[key] = _field_html(field, autofocus, autocomplete, class_)
    return html


def _field_html(field, autofocus: bool, autocomplete, class_: str) -> Markup:
    from portal.context import field_attrs

    errors, label = field.errors, escape(field.label.text)
    # portal.forms.focus_first_error marks the field to correct first.
    autofocus = autofocus or bool(errors and getattr(field, "focus", False))
    attrs = field_attrs(field, autofocus=autofocus, autocomplete=autocomplete)
    html = [f'\n\n<div class="field {escape(class_)}{" has-error" if errors else ""}">\n  ']
    if field.type == "BooleanField":
        html.append(f'\n    <label class="check">{field(**attrs)} {label}</label>\n  ')
    elif field.type == "CheckboxesField":
        described = f'aria-describedby="{escape(field.id)}-error"' if errors else ""
        html.append(f"\n    <fieldset {described}><legend>{label}</legend>")
        html.append(f"{field(class_='checks')}</fieldset>\n  ")
    elif field.type == "RadioField":  # a group of controls: named by a legend, not a label
        html.append(
            f"\n    <fieldset><legend>{label}</legend>{control(field, **attrs)}</fieldset>\n  "
        )
    else:
        html.append(f'\n    <label for="{escape(field.id)}">{label}</label>')
        html.append(f"\n    {control(field, **attrs)}\n  ")
    html.append("\n  ")
    if field.description:
        html.append(f'<p class="hint" id="{escape(field.id)}-hint">{escape(field.description)}</p>')
    html.append("\n  ")
    if errors:
        html.append(
            f'<p class="error" id="{escape(field.id)}-error">{Markup(" ").join(errors)}</p>'
        )
    html.append("\n</div>\n")
    return Markup("".join(html))  # noqa: S704  (every value escaped above)
