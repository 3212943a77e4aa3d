"""Trainers write service scripts in the browser with the modules' workflow: a draft
with a live preview of the conditions in plain words and the body as a fitting
customer would hear it; review by a second person; a new version the card uses at once;
archiving; history with a diff."""

from __future__ import annotations

from html import unescape

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.service_scripts.content import load_scripts
from portal.service_scripts.models import ContentStatus, ServiceScript
from portal.service_scripts.services import scripts_sync
from portal.training.models import ContentDraft
from tests import factories
from tests.conftest import csrf_token
from tests.customers.test_card_script import SCRIPTS, low_score, panel
from tests.formdata import form_lists

BASE = "/training/authoring/scripts"


@pytest.fixture
def scripts(app):
    scripts_sync(actor=None, docs=load_scripts(SCRIPTS))
    db.session.commit()


def post(client, url: str, page: str = "/training/authoring", **data):
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def draft(slug: str) -> ContentDraft:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(ContentDraft).where(ContentDraft.kind == "script", ContentDraft.slug == slug)
    )


def fields(slug: str, texts: dict[str, str]) -> dict[str, str]:
    return {"file_0": texts[f"{slug}.es.md"], "file_1": texts[f"{slug}.en.md"]}


def preview(client, slug: str, texts: dict[str, str]) -> str:
    edit = f"{BASE}/{slug}/edit"
    response = post(
        client, f"{BASE}/{slug}/preview", page=edit, revision="1", **fields(slug, texts)
    )
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def save(client, slug: str, texts: dict[str, str], revision: int):
    edit = f"{BASE}/{slug}/edit"
    return post(
        client, edit, page=edit, revision=str(revision), action="save", **fields(slug, texts)
    )


def upset_customer():
    """A customer who gave Billing a low score three days ago: the recovery script fits."""
    customer = factories.customer("José", "Núñez Peña", language="en")
    low_score(customer)
    db.session.commit()
    return customer


def card_panel(client, customer) -> str:
    return panel(client.get(f"/customers/{customer.id}").get_data(as_text=True))


def with_front(texts: dict[str, str], old: str, new: str) -> dict[str, str]:
    out = {}
    for name, text in texts.items():
        assert old in text, (name, old)
        out[name] = text.replace(old, new, 1)
    return out


def test_a_new_script_starts_from_a_skeleton_that_passes_every_check(scripts, login_as, client):
    login_as("trainer")
    response = post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    assert response.headers["Location"].endswith(f"{BASE}/late-delivery/edit")
    page = unescape(client.get(f"{BASE}/late-delivery/edit").get_data(as_text=True))
    assert "Every check passes." in page
    assert "late-delivery.es.md" in page and "late-delivery.en.md" in page
    assert "Hello, Ana. How can I help you today?" in page  # filled for an example customer
    assert "no more specific script fits" in page  # no conditions: it fits everyone
    # The vocabulary a trainer needs is on the page.
    assert "<code>complaint_department</code>" in page and "{promise_due}" in page
    assert sorted(draft("late-delivery").texts) == ["late-delivery.en.md", "late-delivery.es.md"]
    taken = post(client, f"{BASE}/new", **{"script-slug": "complaint-intake"})
    assert taken.status_code == 302
    listing = unescape(client.get("/training/authoring").get_data(as_text=True))
    assert "'complaint-intake' already exists: open it instead." in listing
    post(client, f"{BASE}/new", **{"script-slug": "Bad Id"})
    assert "Use lowercase letters" in client.get("/training/authoring").get_data(as_text=True)


def test_the_preview_explains_the_conditions_and_fills_the_body(scripts, login_as, client):
    login_as("trainer")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    texts = with_front(
        draft("late-delivery").texts,
        "when: {}",
        "when: {tier: standard, complaint_department: delivery}",
    )
    texts = {
        name: text.replace("How can I help you today?", "I see the {complaint_department} issue.")
        for name, text in texts.items()
    }
    html = preview(client, "late-delivery", texts)
    assert "Every check passes." in html
    assert "Chosen when:</strong> Standard · complaint with Delivery 3 days ago" in html
    assert "For such a customer the card shows this script first." in html
    assert "I see the our Delivery team issue." in html  # the placeholder, filled
    assert "{complaint_department}" not in html.split('id="preview"')[1]
    assert draft("late-delivery").revision == 1  # a preview saves nothing


def test_the_preview_names_problems_with_file_and_line(scripts, login_as, client):
    login_as("trainer")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    texts = with_front(draft("late-delivery").texts, "when: {}", "when: {tier: diamond}")
    texts["late-delivery.en.md"] += "\nHello {nickname}"
    html = preview(client, "late-delivery", texts)
    assert "late-delivery.es.md:11" in html and "unknown value 'diamond'" in html
    assert "unknown placeholder '{nickname}'" in html
    edit = f"{BASE}/late-delivery/edit"
    save(client, "late-delivery", texts, revision=1)
    post(client, f"{BASE}/late-delivery/submit", page=edit)
    assert draft("late-delivery").status == ContentStatus.DRAFT  # not to review while broken
    assert "diamond" in draft("late-delivery").texts["late-delivery.es.md"]  # kept as typed


def test_the_preview_warns_of_contradictions_rivals_and_missing_lessons(scripts, login_as, client):
    login_as("trainer")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    texts = draft("late-delivery").texts
    contradiction = with_front(
        texts, "when: {}", "when: {open_complaint: false, complaint_department: delivery}"
    )
    html = preview(client, "late-delivery", contradiction)
    assert "does not meet them: two conditions may contradict each other" in html
    # A script with fewer conditions than the shipped recovery script loses to it.
    rival = with_front(texts, "when: {}", "when: {recent_low_satisfaction: true}")
    rival = with_front(rival, "priority: 0", "priority: 1")
    html = preview(client, "late-delivery", rival)
    assert "the card shows “Winning the customer back after a bad experience” first" in html
    lost = with_front(
        texts, "lesson: commandment-01-earn-my-trust", "lesson: commandment-99-nowhere"
    )
    html = preview(client, "late-delivery", lost)
    assert "The lesson 'commandment-99-nowhere' is not published" in html


def test_a_second_person_publishes_a_new_version_and_the_card_uses_it(
    scripts, login_as, client, auth
):
    author = login_as("trainer")
    edit = f"{BASE}/recovery-after-bad-experience/edit"
    opened = post(client, f"{BASE}/recovery-after-bad-experience/draft")
    assert opened.headers["Location"].endswith(edit)
    texts = draft("recovery-after-bad-experience").texts
    assert "version: 2" in texts["recovery-after-bad-experience.en.md"]
    new = dict(texts)
    new["recovery-after-bad-experience.en.md"] = new["recovery-after-bad-experience.en.md"].replace(
        "title: Winning the customer back after a bad experience",
        "title: Making it right after a bad experience",
    )
    assert save(client, "recovery-after-bad-experience", new, revision=1).status_code == 302
    post(client, f"{BASE}/recovery-after-bad-experience/submit", page=edit)
    post(client, f"{BASE}/recovery-after-bad-experience/publish", page=edit)
    assert draft("recovery-after-bad-experience").status == ContentStatus.IN_REVIEW
    page = client.get(edit).get_data(as_text=True)
    assert "Another trainer or a manager approves and publishes it." in page
    auth.logout()
    login_as("manager")
    published = post(client, f"{BASE}/recovery-after-bad-experience/publish", page="/")
    assert published.headers["Location"].endswith(f"{BASE}/recovery-after-bad-experience/history")
    rows = db.session.scalars(
        sa.select(ServiceScript).where(ServiceScript.slug == "recovery-after-bad-experience")
    ).all()
    assert sorted((r.version, r.language, r.status.value) for r in rows) == [
        (1, "en", "published"),
        (1, "es", "published"),
        (2, "en", "published"),
        (2, "es", "published"),
    ]
    newest = next(r for r in rows if r.version == 2 and r.language == "en")
    assert newest.author_id != author.id and draft("recovery-after-bad-experience") is None
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "script.published"))
    assert event.detail == {"slug": "recovery-after-bad-experience", "version": 2}
    # The card picks the new version up at once.
    auth.logout()
    login_as("frontline")
    html = card_panel(client, upset_customer())
    assert "Making it right after a bad experience" in html
    assert f'value="{newest.id}" form="interaction-form"' in html
    # History, for approvers: a readable diff of the title line.
    auth.logout()
    login_as("manager")
    page = client.get(f"{BASE}/recovery-after-bad-experience/history?a=1&b=2")
    text = page.get_data(as_text=True)
    assert '<span class="diff-add">+title: Making it right after a bad experience</span>' in text
    assert "<code>recovery-after-bad-experience.en.md</code>" in text


def card_of(client, auth, login_as, customer) -> str:
    """The card's script panel as a frontline employee sees it (signs them in)."""
    auth.logout()
    login_as("frontline")
    html = card_panel(client, customer)
    auth.logout()
    return html


def test_archiving_a_script_takes_it_off_the_card(scripts, login_as, client, auth):
    login_as("frontline")
    customer = upset_customer()
    assert "Winning the customer back" in card_panel(client, customer)
    auth.logout()
    login_as("manager")
    url = f"{BASE}/recovery-after-bad-experience/archive"
    listing = client.get("/training/authoring").get_data(as_text=True)
    assert f'href="{url}"' in listing  # one click to the confirmation
    confirm = client.get(url).get_data(as_text=True)
    assert "Why archive it?" in confirm and "It stops being shown" in confirm
    refused = post(client, url, page=url, reason="  ")
    assert refused.status_code == 200 and "Say why it is archived." in refused.get_data(
        as_text=True
    )
    assert "Winning the customer back" in card_of(client, auth, login_as, customer)
    login_as("manager")
    assert (
        post(client, url, page=url, reason="Replaced by the new recovery policy").status_code == 302
    )
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "script.archived"))
    assert event.detail == {
        "slug": "recovery-after-bad-experience",
        "reason": "Replaced by the new recovery policy",
    }
    assert client.get(f"{BASE}/nothing-here/archive").status_code == 404
    auth.logout()
    login_as("frontline")
    html = card_panel(client, customer)
    assert "Winning the customer back" not in html and "script-panel" in html
    statuses = db.session.scalars(
        sa.select(ServiceScript.status).where(ServiceScript.slug == "recovery-after-bad-experience")
    ).all()
    assert set(statuses) == {ContentStatus.ARCHIVED}


def test_frontline_staff_neither_write_nor_publish_scripts(scripts, login_as, client):
    login_as("frontline")
    token = csrf_token(client, "/")
    for url in ("new", "complaint-intake/draft", "complaint-intake/publish", "x/archive"):
        response = client.post(f"{BASE}/{url}", data={"csrf_token": token, "script-slug": "x"})
        assert response.status_code == 403, url
    assert client.get(f"{BASE}/complaint-intake/history").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ContentDraft.id))) == 0


def test_opening_a_script_that_does_not_exist_says_so_and_a_missing_draft_is_404(
    scripts, login_as, client
):
    login_as("trainer")
    assert client.get(f"{BASE}/nothing-here/edit").status_code == 404
    missing = post(client, f"{BASE}/nothing-here/draft")
    assert missing.status_code == 302
    assert "There is nothing called" in unescape(
        client.get("/training/authoring").get_data(as_text=True)
    )


def draft_form(page: str) -> dict[str, list[str]]:
    return form_lists(page, "draft-form")


def test_the_conditions_form_writes_both_files_without_saving(scripts, login_as, client):
    login_as("trainer")
    edit = f"{BASE}/complaint-intake/edit"
    post(client, f"{BASE}/complaint-intake/draft")
    page = client.get(edit).get_data(as_text=True)
    fields = draft_form(page)
    assert fields["when-open_complaint"] == ["true"]  # the form shows the files' block
    fields["when-tier"] = ["gold", "platinum"]
    fields["when-days_since_last_purchase-min"] = ["30"]
    fields["action"] = ["conditions"]
    response = client.post(edit, data=fields)
    html = unescape(response.get_data(as_text=True))
    expected = (
        "when:\n  tier: [gold, platinum]\n  open_complaint: true\n"
        "  days_since_last_purchase: {min: 30}\n---"
    )
    assert html.count(expected) == 2  # both files, in the text areas
    assert "Conditions written into both files below." in html
    assert draft("complaint-intake").revision == 1  # not saved yet
    saved = draft_form(response.get_data(as_text=True))
    saved["action"] = ["save"]
    assert client.post(edit, data=saved).status_code == 302
    texts = draft("complaint-intake").texts
    assert all(expected in text for text in texts.values())


def test_a_wrong_condition_is_named_and_what_was_ticked_is_kept(scripts, login_as, client):
    login_as("trainer")
    edit = f"{BASE}/complaint-intake/edit"
    post(client, f"{BASE}/complaint-intake/draft")
    fields = draft_form(client.get(edit).get_data(as_text=True))
    before = {name: fields[name] for name in ("file_0", "file_1")}
    fields["when-tier"] = ["gold"]
    fields["when-points_expiring-min"] = ["500"]
    fields["when-points_expiring-max"] = ["100"]
    fields["when-purchases-min"] = ["many"]
    fields["action"] = ["conditions"]
    html = unescape(client.post(edit, data=fields).get_data(as_text=True))
    assert "Points expiring: 'from' (500) is greater than 'to' (100); no customer would" in html
    assert "Purchases: 'many' is not a whole number (0 or more)." in html
    assert "Every check passes." not in html  # never beside a contradiction
    assert "the conditions need fixing" in html
    assert "<code>tier</code><br>" not in html and "Tier <code" in html  # named in words
    again = draft_form(html)
    assert again["when-tier"] == ["gold"] and again["when-purchases-min"] == ["many"]
    assert {name: again[name] for name in ("file_0", "file_1")} == before  # files untouched


def test_a_lesson_counts_as_linked_only_while_its_module_is_published(
    scripts, login_as, client, tmp_path
):
    from portal.training.authoring import MODULES, archive
    from portal.training.content import load_modules
    from portal.training.services import modules_sync
    from tests.training._files import edit, module_folder

    folder = module_folder(tmp_path / "modules")
    for name in ("module.md", "module.en.md"):
        edit(folder / name, "{#lesson-one}", "{#commandment-01-earn-my-trust}")
    modules_sync(actor=None, docs=load_modules(tmp_path / "modules"))
    db.session.commit()
    trainer = login_as("trainer")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    warning = "The lesson 'commandment-01-earn-my-trust' is not published"
    assert warning not in unescape(client.get(f"{BASE}/late-delivery/edit").get_data(as_text=True))
    archive(actor=trainer, kind=MODULES, slug="sample")
    db.session.commit()
    assert warning in unescape(client.get(f"{BASE}/late-delivery/edit").get_data(as_text=True))


def test_the_editor_shows_condition_values_without_yaml(scripts, login_as, client):
    login_as("trainer", language="es")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    page = unescape(client.get(f"{BASE}/late-delivery/edit").get_data(as_text=True))
    assert "{min: 1, max: 1}" not in page
    assert "primera compra: de 1 a 1" in page


def test_a_spanish_trainer_reads_the_file_checker_in_spanish(scripts, login_as, client):
    login_as("trainer", language="es")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    texts = with_front(
        draft("late-delivery").texts,
        "when: {}",
        "when: {days_since_last_purchase: {min: 30, max: 10}}",
    )
    html = preview(client, "late-delivery", texts)
    assert (
        "late-delivery.es.md:11: la condición «Días desde la última compra» tiene «min» "
        "mayor que «max»"
    ) in html
    assert "greater than" not in html and "days_since_last_purchase'" not in html
    assert "Todas las comprobaciones" not in html and "Every check passes." not in html


def test_the_cli_check_keeps_english_with_file_and_line(tmp_path):
    from portal.content_errors import ContentError
    from portal.service_scripts.content import parse_script
    from portal.service_scripts.drafts import script_texts, skeleton_docs

    text = script_texts(skeleton_docs("late-delivery"))["late-delivery.en.md"]
    text = text.replace("when: {}", "when: {days_since_last_purchase: {min: 30, max: 10}}")
    with pytest.raises(ContentError) as raised:
        parse_script(text, "late-delivery.en.md")
    assert str(raised.value) == (
        "late-delivery.en.md:11: condition 'days_since_last_purchase' has 'min' greater than 'max'"
    )


def test_the_file_checks_of_a_script_are_in_spanish_too(scripts, login_as, client):
    login_as("trainer", language="es")
    post(client, f"{BASE}/new", **{"script-slug": "late-delivery"})
    texts = with_front(draft("late-delivery").texts, "priority: 0", "priority: -1")
    texts["late-delivery.en.md"] += "\nHello {nickname}"
    html = preview(client, "late-delivery", texts)
    assert "«priority» debe ser un número entero de 0 o más" in html
    assert "late-delivery.en.md:" in html and "marcador desconocido «{nickname}»" in html
    assert "must be" not in html and "unknown placeholder" not in html
