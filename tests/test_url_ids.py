"""Ids in URLs beyond what an id column holds are simply not found (404), never a
crash when the value reaches the driver."""

import pytest

from portal.api.services import token_create
from portal.converters import BIGGEST_ID
from portal.extensions import db
from tests import factories

HUGE = [2**31, 2**63, 2**64, 10**30]
PAGES = [
    "/customers/{}",
    "/customers/{}/timeline",
    "/customers/{}/scripts/default",
    "/training/attempts/{}",
    "/admin/users/{}",
    "/admin/teams/{}",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("number", HUGE)
def test_an_id_above_the_64_bit_range_is_not_found(login_as, client, page, number):
    login_as("admin", "manager", "trainer", "frontline")
    assert client.get(page.format(number)).status_code == 404


@pytest.mark.parametrize("number", HUGE)
def test_a_post_to_an_id_above_the_range_is_not_found(login_as, client, number):
    login_as("frontline")
    assert client.post(f"/customers/{number}/promises/{number}/kept").status_code == 404


def test_the_biggest_database_id_still_routes(login_as, client):
    login_as("frontline")
    assert BIGGEST_ID == 2**31 - 1
    assert client.get(f"/customers/{BIGGEST_ID}").status_code == 404  # routed, not found
    customer = factories.customer()
    db.session.commit()
    assert client.get(f"/customers/{customer.id}").status_code == 200


@pytest.mark.parametrize("number", HUGE)
def test_the_api_answers_not_found_for_an_id_above_the_range(app, client, number):
    user = factories.user(["frontline"])
    _, text = token_create(actor=None, user=user, name="Test system")
    db.session.commit()
    response = client.get(
        f"/api/v1/customers/{number}", headers={"Authorization": f"Bearer {text}"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users?page=" + "9" * 30,
        "/admin/users?page=" + str(10**17),
        "/admin/audit/?target_id=" + "9" * 30,
        "/admin/audit/?before=" + str(2**63),
        "/admin/audit/?target_id=" + str(2**31),
    ],
)
def test_a_huge_number_in_a_query_argument_is_no_crash(login_as, client, url):
    login_as("admin")
    assert client.get(url).status_code == 200
