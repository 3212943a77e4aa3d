"""Training pages for every employee: reading a lesson, also straight from a card."""

from __future__ import annotations

import re

from flask import abort, request
from flask_babel import get_locale

from portal.auth.permissions import requires
from portal.markdown import render_markdown
from portal.training import bp, queries
from portal.web import render

# Only the card may be returned to: a local path, never an address elsewhere.
BACK = re.compile(r"/customers/\d+")


@bp.route("/lessons/<slug>")
@requires("training.learn")
def lesson(slug: str):
    found = queries.lesson_published(slug, str(get_locale())) or abort(404)
    back = request.args.get("back", "")
    siblings = queries.lesson_siblings(found)
    return render(
        "training/lesson.html",
        lesson=found,
        module=found.module,
        html=render_markdown(found.body),
        back=back if BACK.fullmatch(back) else None,
        siblings=siblings,
    )
