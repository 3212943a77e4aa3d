"""Reading a lesson, also from the card's script, and going back to the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.extensions import db
from portal.service_scripts.content import load_scripts
from portal.service_scripts.services import scripts_sync
from portal.training.content import load_modules
from portal.training.services import modules_sync
from tests import factories
from tests.customers.test_card_script import low_score, panel
from tests.training._files import edit, module_folder

SCRIPTS = Path(__file__).resolve().parents[2] / "content" / "scripts"


@pytest.fixture
def lessons(app, tmp_path):
    """The sample module, its first lesson renamed to the one the recovery script links."""
    folder = module_folder(tmp_path / "modules")
    for name in ("module.md", "module.en.md"):
        edit(folder / name, "{#lesson-one}", "{#commandment-01-earn-my-trust}")
    modules_sync(actor=None, docs=load_modules(tmp_path / "modules"))
    scripts_sync(actor=None, docs=load_scripts(SCRIPTS))
    db.session.commit()


def test_a_lesson_reads_in_the_employees_language_with_its_place(lessons, login_as, client):
    login_as("frontline")
    page = client.get("/training/lessons/lesson-two").get_data(as_text=True)
    assert '<h1 id="lesson-h">Second</h1>' in page and "Lesson text two." in page
    assert "Lesson 2 of 2" in page and "Sample" in page
    assert 'rel="prev">← First' in page and 'rel="next"' not in page
    spanish = client.get("/training/lessons/lesson-two", headers={"Accept-Language": "es"})
    assert "Segunda" in spanish.get_data(as_text=True)


def test_strangers_are_sent_to_sign_in(lessons, client):
    response = client.get("/training/lessons/lesson-two")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["frontline", "trainer", "manager", "admin"])
def test_every_role_may_read_a_lesson(lessons, login_as, client, role):
    login_as(role)
    assert client.get("/training/lessons/lesson-two").status_code == 200


def test_unknown_lessons_are_404(lessons, login_as, client):
    login_as("frontline")
    assert client.get("/training/lessons/no-such-lesson").status_code == 404


@pytest.mark.parametrize(
    ("back", "kept"),
    [("/customers/42", True), ("//evil.example/customers/1", False), ("https://x.test", False)],
)
def test_only_a_card_can_be_the_way_back(lessons, login_as, client, back, kept):
    login_as("frontline")
    page = client.get(f"/training/lessons/lesson-two?back={back}").get_data(as_text=True)
    assert ("Back to the customer" in page) is kept
    assert 'href="//evil' not in page and 'href="https://x.test' not in page


def test_the_cards_script_links_its_lesson_and_the_lesson_links_back(lessons, login_as, client):
    login_as("frontline")
    c = factories.customer("José", "Núñez Peña", language="en")
    low_score(c)
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    link = f"/training/lessons/commandment-01-earn-my-trust?back=/customers/{c.id}"
    assert f'href="{link}"' in html and "Lesson: First" in html
    lesson = client.get(link).get_data(as_text=True)
    assert f'href="/customers/{c.id}"' in lesson and "Back to the customer" in lesson


def test_without_its_lesson_published_the_script_names_the_commandment_only(app, login_as, client):
    scripts_sync(actor=None, docs=load_scripts(SCRIPTS))
    login_as("frontline")
    c = factories.customer(language="en")
    low_score(c)
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    assert "Applies commandment 1" in html and "/training/lessons/" not in html
