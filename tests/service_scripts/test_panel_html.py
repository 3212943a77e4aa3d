"""The card shows a script's cached HTML with the facts put in: the same text as
rendering the filled Markdown, and nothing a person typed becomes markup."""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

import pytest

from portal.markdown import render_markdown
from portal.service_scripts.content import load_scripts
from portal.service_scripts.panel import filled_html
from portal.service_scripts.rules import CardFacts, fill
from tests.service_scripts._build import TODAY

SCRIPTS = load_scripts(Path(__file__).resolve().parents[2] / "content" / "scripts")
FACTS = [
    CardFacts(),
    CardFacts(
        today=TODAY,
        first_name="<b>Ana</b> *y* [Luis](javascript:alert(1)) & \\\\co",
        owner_name='Marta "la jefa" Gil',
        tier="gold",
        points_expiring=1200,
        expiry_date=TODAY + timedelta(days=10),
        complaint_department="billing",
        low_satisfaction_department="support",
        promise_description="_call_ back {tier}",
        promise_due=TODAY,
        customer_since=TODAY - timedelta(days=800),
        last_purchase_date=TODAY - timedelta(days=30),
    ),
]


@pytest.mark.parametrize("facts", FACTS, ids=["nothing known", "typed markup"])
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.path.rsplit("/", 1)[-1])
def test_cached_html_reads_like_rendering_the_filled_markdown(script, facts):
    fast = str(filled_html(script, facts))
    slow = str(render_markdown(fill(script, facts)))
    assert html.unescape(fast) == html.unescape(slow)
    assert "<b>" not in fast and "<a " not in fast  # typed markup stays text
    assert "QZX" not in fast
