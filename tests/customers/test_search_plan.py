"""Routing a typed query by its shape (pure)."""

import pytest

from portal.customers.normalise import fold, name_terms, normalise_phone
from portal.customers.search import plan, prefix_upper_bound


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "too_short"),
        ("j", "too_short"),
        ("  ", "too_short"),
        ("jo", "name"),
        ("José García", "name"),
        ("ana@", "email"),
        ("612 34", "digits"),
        ("+34 612 34 56 78", "digits"),
        ("C0012345", "code"),
        ("'; DROP TABLE customers; --", "name"),
        ("<script>", "name"),
    ],
)
def test_plan_routes_by_shape(text, kind):
    assert plan(text).kind == kind


def test_name_words_are_folded():
    assert plan("JOSÉ  Núñez").words == ("jose", "nunez")


@pytest.mark.parametrize(
    "raw", ["+34 612 34 56 78", "612345678", "0034612345678", "612-345-678", "(+34) 612.34.56.78"]
)
def test_phone_numbers_in_any_format_normalise_alike(raw):
    assert normalise_phone(raw) == "34612345678"


@pytest.mark.parametrize(
    ("raw", "prefix"),
    [
        ("612 34", "3461234"),
        ("+34 61", "3461"),
        ("0034 6123", "346123"),
        ("34612345678", "34612345678"),
    ],
)
def test_partial_phone_prefix(raw, prefix):
    assert plan(raw).phone_prefix == prefix


def test_fold_and_terms():
    assert fold("María-José  Ibáñez") == "maria jose ibanez"
    assert name_terms("María José", "Peña Peña") == ["maria", "jose", "pena"]


def test_prefix_upper_bound_is_the_next_string():
    assert prefix_upper_bound("jos") == "jot"
    assert prefix_upper_bound("jos") > "josé" and prefix_upper_bound("jos") <= "jot"
