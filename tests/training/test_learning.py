"""Learning through the app: my training, reading progress, quiz attempts, completions."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.clock import today
from portal.extensions import db
from portal.training.models import Answer, Assignment, Attempt, Completion
from tests import factories
from tests.conftest import csrf_token
from tests.training._files import module_folder


def start(client) -> str:
    token = csrf_token(client, "/training/modules/sample")
    response = client.post("/training/modules/sample/attempts", data={"csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def step(client, url: str) -> tuple[str, str, list[str], str]:
    page = client.get(url).get_data(as_text=True)
    qid = re.search(r'name="qid" value="([^"]*)"', page)
    if qid is None:
        return "", "", [], page
    node = re.search(r'name="node" value="([^"]*)"', page).group(1)
    return qid.group(1), node, re.findall(r'name="choice" value="([^"]*)"', page), page


def answer(client, url: str, qid: str, node: str, choices: list[str]):
    token = csrf_token(client, url)
    data = {"csrf_token": token, "qid": qid, "node": node, "choice": choices}
    return client.post(url, data=data)


def take(client, url: str, right: bool) -> str:
    """Answer every step; the sample's right option is always 'a'."""
    while True:
        qid, node, options, page = step(client, url)
        if not qid:
            return page
        pick = "a" if right else next(o for o in options if o != "a")
        assert answer(client, url, qid, node, [pick]).status_code == 302


def test_my_training_lists_modules_for_my_role_and_what_is_assigned(sample, login_as, client):
    team = factories.team("Norte")
    login_as("trainer", team_id=team.id)  # the sample is written for frontline only
    assert "Sample" not in client.get("/training/").get_data(as_text=True)
    db.session.add(Assignment(module_slug="sample", team_id=team.id, due_on=today() - timedelta(1)))
    db.session.commit()
    page = client.get("/training/").get_data(as_text=True)
    assert "Sample" in page and "Overdue" in page


def test_reading_resumes_where_the_learner_left_off(sample, login_as, client):
    login_as("frontline")
    assert ">Start</a>" in client.get("/training/").get_data(as_text=True)
    client.get("/training/lessons/lesson-two")
    page = client.get("/training/").get_data(as_text=True)
    assert 'href="/training/lessons/lesson-two">Continue reading' in page
    module = client.get("/training/modules/sample").get_data(as_text=True)
    assert "Continue where you left off" in module


def test_fail_then_pass_records_the_version_and_score(sample, login_as, client):
    user = login_as("frontline")
    url = start(client)
    result = take(client, url, right=False)
    assert "Not passed: 0%" in result and "The wrong thing" in result  # feedback per answer
    assert "Because." in result  # the explanation
    assert "Try again (1 attempt left)" in result
    assert db.session.scalar(sa.select(sa.func.count(Completion.id))) == 0
    url = start(client)
    result = take(client, url, right=True)
    assert "Passed: 100%" in result
    completion = db.session.scalar(sa.select(Completion))
    assert (completion.user_id, completion.module_id, completion.version) == (
        user.id,
        sample.id,
        1,
    )
    assert completion.score_percent == 100
    assert completion.expires_on == today() + timedelta(days=365)
    assert "Done" in client.get("/training/").get_data(as_text=True)


def test_attempts_are_limited(sample, login_as, client):
    login_as("frontline")
    for _ in range(2):
        take(client, start(client), right=False)
    token = csrf_token(client, "/training/modules/sample")
    response = client.post(
        "/training/modules/sample/attempts", data={"csrf_token": token}, follow_redirects=True
    )
    assert "You have used every attempt." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 2


def test_an_answer_for_a_question_not_at_hand_is_refused(sample, login_as, client):
    login_as("frontline")
    url = start(client)
    response = answer(client, url, "q3", "", ["a"])
    assert response.status_code == 200
    assert "That question is not the one this attempt is at." in response.get_data(as_text=True)
    response = answer(client, url, "q1", "", ["zz"])
    assert "That answer is not one of the options." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 0


def test_a_scenario_branches_on_the_chosen_option(sample, login_as, client):
    login_as("frontline")
    url = start(client)
    for qid in ("q1", "q2", "q3", "q4"):
        assert answer(client, url, qid, "", ["a"]).status_code == 302
    qid, node, _options, _page = step(client, url)
    assert (qid, node) == ("q5", "n1")
    answer(client, url, "q5", "n1", ["a"])
    assert step(client, url)[:2] == ("q5", "n2")  # 'a' leads on to n2
    answer(client, url, "q5", "n2", ["a"])
    assert step(client, url)[0] == ""  # finished


def test_somebody_elses_attempt_is_not_found(sample, login_as, client, auth):
    login_as("frontline")
    url = start(client)
    auth.logout()
    login_as("frontline")
    assert client.get(url).status_code == 404


def test_an_expired_completion_brings_the_module_back(sample, login_as, client):
    login_as("frontline")
    take(client, start(client), right=True)
    completion = db.session.scalar(sa.select(Completion))
    completion.expires_on = today()
    db.session.commit()
    page = client.get("/training/").get_data(as_text=True)
    assert "Done" not in page and "For your role" in page


def test_htmx_answers_swap_only_the_quiz(sample, login_as, client, htmx_headers):
    login_as("frontline")
    url = start(client)
    token = csrf_token(client, url)
    response = client.post(
        url,
        data={"csrf_token": token, "qid": "q1", "node": "", "choice": "a"},
        headers=htmx_headers,
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="quiz"') and "Question 2 of 5" in body


def test_my_training_statements_do_not_grow_with_the_modules(sample, login_as, client, tmp_path):
    from portal.training.content import load_modules
    from portal.training.services import modules_sync

    login_as("frontline")

    def statements() -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/training/").status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    one = statements()
    for name in ("second", "third"):
        module_folder(tmp_path / "more", name)
    modules_sync(actor=None, docs=load_modules(tmp_path / "more"))
    db.session.commit()
    page = client.get("/training/").get_data(as_text=True)
    assert page.count(">Start</a>") == 3
    assert statements() == one


def test_counts_take_the_plural_that_fits_and_percentages_are_spanish(sample, login_as, client):
    login_as("frontline", language="es")
    page = client.get("/training/modules/sample").get_data(as_text=True)
    assert "2 intentos" in page and "Aprobado con 60\xa0%" in page
    result = take(client, start(client), right=False)
    assert "No superado: 0\xa0%" in result and "El aprobado está en el 60\xa0%" in result
    assert "Intentarlo de nuevo (queda 1 intento)" in result
    assert "queda 1 intento" in client.get("/training/modules/sample").get_data(as_text=True)
    result = take(client, start(client), right=True)
    assert "Superado: 100\xa0%" in result
