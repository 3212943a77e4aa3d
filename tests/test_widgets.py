"""The fast form controls write exactly what WTForms' own widgets write."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.admin.forms import TeamForm, UserForm
from portal.auth.forms import LanguageForm, LoginForm, PasswordForm
from portal.customers.forms import InteractionForm, PointsForm, PromiseForm
from portal.training.forms import AssignmentForm, DraftForm, NewModuleForm
from portal.widgets import RENDER, control

FORMS = [UserForm, TeamForm, LoginForm, LanguageForm]  # PasswordForm: WTForms renders it
FORMS += [InteractionForm, PromiseForm, PointsForm]
TYPED = {  # what a person might have typed, including markup that must stay inert
    "i-notes": 'He said "<b>no</b>" & left',
    "i-csat": "2",
    "i-nps": "eleven",
    "i-channel": "phone",
    "i-script_followed": "skipped",
    "p-description": "<script>alert(1)</script>",
    "p-due_on": "31/02/2026",
    "pt-points": "-5",
    "email": 'x"@example.test',
    "name": "Ana <Gil>",
}
EXTRA = {"aria-describedby": "x-hint x-error", "aria-invalid": "true", "autofocus": True}


def _forms(form_class, app):
    prefix = {InteractionForm: "i", PromiseForm: "p", PointsForm: "pt"}.get(form_class, "")
    empty = form_class(prefix=prefix, formdata=None)
    typed = form_class(prefix=prefix, formdata=MultiDict(TYPED))
    for form in (empty, typed):
        for field in form:  # choices the views fill from the database
            if getattr(field, "choices", False) is None:
                field.choices = [("", "—"), ("1", "Ana <Gil> & co")]
    typed.validate()
    return empty, typed


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
def test_fast_controls_match_wtforms_markup(app, form_class):
    with app.test_request_context():
        checked = 0
        for form in _forms(form_class, app):
            for field in form:
                if field.type not in RENDER:
                    continue
                assert str(control(field)) == str(field()), field.name
                assert str(control(field, **EXTRA)) == str(field(**EXTRA)), field.name
                checked += 1
        assert checked > 0


def test_typed_markup_comes_back_escaped(app):
    with app.test_request_context():
        form = PromiseForm(prefix="p", formdata=MultiDict(TYPED))
        html = str(control(form.description))
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_cached_empty_controls_follow_the_language_and_never_hold_typed_values(app):
    from flask_babel import refresh

    from portal.widgets import _untouched

    _untouched.clear()
    for language, word in (("en", "Phone"), ("es", "Teléfono")):
        with app.test_request_context(headers={"Accept-Language": language}):
            refresh()  # the test's app context would otherwise keep the first locale
            empty = InteractionForm(prefix="i", formdata=None)
            assert f">{word}</option>" in str(control(empty.channel))
    assert len(_untouched) == 2
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        typed = InteractionForm(prefix="i", formdata=MultiDict({"i-channel": "email"}))
        html = str(control(typed.channel))
        assert 'selected value="email"' in html
        assert 'selected value="email"' not in str(
            control(InteractionForm(prefix="i", formdata=None).channel)
        )
    assert len(_untouched) == 2  # the typed one was not cached


# The `field` macro as it was written in Jinja before portal.widgets.field_html took over
# (radio groups since wrapped in a fieldset with a legend, in both).
FIELD_MACRO = """{% macro field(f, autofocus=false, autocomplete=none, class_="") %}
{% set attrs = field_attrs(f, autofocus=autofocus, autocomplete=autocomplete) %}
<div class="field {{ class_ }}{% if f.errors %} has-error{% endif %}">
  {% if f.type == "BooleanField" %}
    <label class="check">{{ f(**attrs) }} {{ f.label.text }}</label>
  {% elif f.type == "CheckboxesField" %}
    <fieldset {% if f.errors %}aria-describedby="{{ f.id }}-error"{% endif %}><legend>{{ f.label.text }}</legend>{{ f(class_="checks") }}</fieldset>
  {% elif f.type == "RadioField" %}
    <fieldset><legend>{{ f.label.text }}</legend>{{ control(f, **attrs) }}</fieldset>
  {% else %}
    <label for="{{ f.id }}">{{ f.label.text }}</label>
    {{ control(f, **attrs) }}
  {% endif %}
  {% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
  {% if f.errors %}<p class="error" id="{{ f.id }}-error">{{ f.errors|join(" ") }}</p>{% endif %}
</div>
{% endmacro %}"""  # noqa: E501
CALLS = [{}, {"class_": "inline-radios"}, {"autofocus": True, "autocomplete": "email"}]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "form_class",
    [*FORMS, PasswordForm, AssignmentForm, DraftForm, NewModuleForm],
    ids=lambda f: f.__name__,
)
def test_field_html_matches_the_jinja_macro(app, form_class, language):
    from flask_babel import refresh

    from portal.widgets import field_html

    macro = app.jinja_env.from_string(FIELD_MACRO).module.field
    with app.test_request_context(headers={"Accept-Language": language}):
        refresh()
        for _round in range(2):  # the second round answers from the cache
            for form in _forms(form_class, app):
                for field in form:
                    for params in CALLS:
                        assert str(field_html(field, **params)) == str(macro(field, **params))
        form = _forms(form_class, app)[1]
        next(iter(form)).errors = ['Bad <b>value</b> & "more"', "Second"]
        field = next(iter(form))
        assert str(field_html(field)) == str(macro(field))
        assert "<b>" not in str(field_html(field))


def test_field_html_never_caches_typed_values_or_errors(app):
    from portal.widgets import _untouched, field_html

    _untouched.clear()
    with app.test_request_context():
        empty = PromiseForm(prefix="p", formdata=None)
        typed = PromiseForm(prefix="p", formdata=MultiDict(TYPED))
        typed.validate()
        assert "&lt;script&gt;" in str(field_html(typed.description))
        assert "has-error" in str(field_html(typed.due_on))
        assert "&lt;script" not in str(field_html(empty.description))
        assert "has-error" not in str(field_html(empty.due_on))
        assert str(field_html(PromiseForm(prefix="p", formdata=None).description)) == str(
            field_html(empty.description)
        )
    assert len([key for key in _untouched if key[0] == "field"]) == 2


def test_card_form_choices_follow_the_language_and_are_not_shared(app):
    from flask_babel import refresh

    for language, word in (("en", "Phone"), ("es", "Teléfono"), ("en", "Phone")):
        with app.test_request_context(headers={"Accept-Language": language}):
            refresh()
            first, second = (InteractionForm(prefix="i", formdata=None) for _ in range(2))
            assert word in [choice.label for choice in first.channel.choices]
            first.channel.choices.pop()
            assert len(second.channel.choices) == len(first.channel.choices) + 1
