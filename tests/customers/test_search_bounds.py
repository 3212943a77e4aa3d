"""The upper bound of a prefix range, for every prefix ordinary typing can produce."""

import pytest

from portal.customers.search import plan, prefix_upper_bound
from portal.extensions import db
from tests import factories


@pytest.mark.parametrize(
    ("prefix", "bound"),
    [("ab", "ac"), ("a", "b"), ("3461", "3462"), ("z\U0010ffff", "{"), ("\ud7ff", "\ue000")],
)
def test_bound_is_the_next_string_after_every_extension(prefix, bound):
    assert prefix_upper_bound(prefix) == bound


@pytest.mark.parametrize("prefix", ["", "\U0010ffff", "\U0010ffff\U0010ffff"])
def test_a_prefix_without_a_next_string_gets_an_empty_range(prefix):
    """Nothing is greater than every such string; the range matches nothing rather than
    crash (typing "00", the start of an international number, plans an empty prefix)."""
    assert prefix_upper_bound(prefix) == ""


def test_typing_the_international_prefix_plans_an_empty_phone_prefix():
    assert plan("00").phone_prefix == ""


@pytest.mark.parametrize("text", ["00", "0 0", "00 ", "(00)", "z\U0010ffff", "\U0010ffff" * 3])
def test_search_answers_for_texts_that_once_crashed(login_as, client, text):
    login_as("frontline")
    factories.customer(phone="0034612345678")
    db.session.commit()
    response = client.get("/customers/search", query_string={"q": text})
    assert response.status_code == 200
