"""`render`: the one place that decides between a full page and an htmx fragment."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, make_response, render_template, request
from flask.typing import ResponseReturnValue


def wants_fragment() -> bool:
    """Fragment only for an htmx request that is neither boosted nor a history restore."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_block(template_name: str, block: str, **context) -> str:
    """Render one named block. Macros it needs must be imported inside the block,
    because the template's top level does not run for a fragment."""
    app = current_app._get_current_object()
    template = app.jinja_env.get_template(template_name)
    app.update_template_context(context)
    ctx = template.new_context(context)
    return "".join(template.blocks[block](ctx))


def render(
    template_name: str, fragment: str | None = None, status: int = 200, **context
) -> ResponseReturnValue:
    if fragment and wants_fragment():
        body = render_block(template_name, fragment, **context)
    else:
        body = render_template(template_name, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def form_submitted(form) -> bool:
    """True when this POST carries fields of `form` (pages with several prefixed forms)."""
    prefix = form._prefix
    return request.method == "POST" and any(key.startswith(prefix) for key in request.form)


def safe_next(target: str | None) -> str | None:
    """A path on this site to go back to, or None: never an absolute URL someone slipped
    in ("//evil.example" and "/\\evil.example" are other hosts to a browser)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
