"""Frontline pages: search, screen pop by phone number, the context card."""

from datetime import date

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.audit.services import audit_record
from portal.auth.permissions import requires
from portal.clock import today
from portal.customers import bp, card, queries, services
from portal.customers.forms import InteractionForm, PointsForm, PromiseForm
from portal.customers.models import Promise
from portal.customers.normalise import normalise_phone, phone_display
from portal.extensions import db
from portal.formats import date_medium, number
from portal.forms import focus_first_error
from portal.i18n import current_locale
from portal.service_scripts.panel import panel_get
from portal.web import render, safe_next, wants_fragment

OPENED_VIA = {"search", "pop", "link"}
FULL_PAGE_LIMIT = 50


@bp.route("/search")
@requires("customers.search")
def search():
    text = request.args.get("q", "")
    # The list under the box shows a few; the page itself (Enter, or "all results") more.
    listbox = wants_fragment()
    limit = queries.RESULT_LIMIT if listbox else FULL_PAGE_LIMIT
    query, results = queries.customer_search(actor=current_user, text=text, limit=limit)
    total = len(results)
    if total == limit:
        total = queries.customer_search_count(actor=current_user, text=text)
    return render(
        "customers/search.html",
        "results",
        q=text,
        query=query,
        results=results,
        total=total,
        capped=total > queries.COUNT_CAP,
        listbox=listbox,
    )


@bp.route("/privacy", methods=["POST"])
@requires("customers.view")
def privacy_toggle():
    """Privacy mode on or off for this session (the customer can see the screen); a
    plain form, so it works without JavaScript, which only spares the reload."""
    session["privacy"] = not session.get("privacy", False)
    if wants_fragment():
        return "", 204
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))


@bp.route("/lookup")
@requires("customers.search")
def lookup():
    """Screen pop: the phone system opens this with the caller's number."""
    raw = request.args.get("phone", "")[:40]
    number = normalise_phone(raw)
    matches = queries.customers_by_phone(actor=current_user, phone_norm=number) if number else []
    if len(matches) == 1:
        return redirect(url_for("customers.card_view", customer_id=matches[0].id, via="pop"))
    return render("customers/lookup.html", phone_shown=phone_display(raw), matches=matches)


@bp.route("/<int:customer_id>")
@requires("customers.view")
def card_view(customer_id: int):
    customer = queries.customer_get(actor=current_user, customer_id=customer_id) or abort(404)
    via = request.args.get("via")
    audit_record(
        actor=current_user,
        action="customer.card_opened",
        target=customer,
        detail={"via": via if via in OPENED_VIA else "link"},
        ip=request.remote_addr,
    )
    # Render first, then commit the audit event with it: committing earlier would expire
    # the loaded customer and user and cost two more reads on the way out.
    response = _card_page(customer)
    db.session.commit()
    return response


def _card_page(customer, saved: str | None = None, **forms):
    """The card with its action forms; a plain htmx request gets only the card body."""
    for form in forms.values():
        focus_first_error(form)
    # Forms not handed in start empty, even while answering a POST (formdata=None).
    forms = {
        "interaction_form": forms.get("interaction_form")
        or InteractionForm(prefix="i", formdata=None),
        "promise_form": forms.get("promise_form") or PromiseForm(prefix="p", formdata=None),
        "points_form": forms.get("points_form") or PointsForm(prefix="pt", formdata=None),
    }
    data = card.card_get(customer)
    timeline, more = card.timeline_page(customer.id)
    facts = card.script_facts(data, today())
    panel = panel_get(facts, slug=request.args.get("script"), reader=str(current_locale()))
    return render(
        "customers/card.html",
        "card_body",
        card=data,
        c=customer,
        timeline=timeline,
        more=more,
        saved=saved,
        panel=panel,
        **forms,
    )


@bp.route("/<int:customer_id>/scripts/<slug>")
@requires("customers.view")
def script_view(customer_id: int, slug: str):
    """Another script that fits, picked from the panel; htmx swaps only the panel. A
    script that exists but no longer fits gets the best fit; one that does not exist, 404."""
    customer = _load(customer_id)
    facts = card.script_facts(card.card_get(customer), today())
    panel = panel_get(facts, slug, reader=str(current_locale()))
    if not panel.slug_published:
        abort(404)
    return render("customers/script.html", "script_panel", c=customer, panel=panel)


def _load(customer_id: int):
    return queries.customer_get(actor=current_user, customer_id=customer_id) or abort(404)


def _saved(customer, message: str):
    """After a write: the refreshed card body for htmx, else Post/Redirect/Get."""
    if wants_fragment():
        return _card_page(customer, saved=message)
    flash(message, "success")
    return redirect(url_for("customers.card_view", customer_id=customer.id))


def _shown(value):
    """A refusal's parameter as the reader's language writes it."""
    if isinstance(value, int):
        return number(value)
    return date_medium(value) if isinstance(value, date) else value


def _refused(customer, form, error: services.CardError, name: str):
    db.session.rollback()
    params = {k: _shown(v) for k, v in error.params.items()}
    getattr(form, error.field).errors.append(_(error.message, **params))
    return _card_page(customer, **{name: form})


@bp.route("/<int:customer_id>/interactions", methods=["POST"])
@requires("customers.act")
def interaction_new(customer_id: int):
    customer = _load(customer_id)
    form = InteractionForm(prefix="i")
    if not form.validate_on_submit():
        return _card_page(customer, interaction_form=form)
    fields = {k: v for k, v in form.data.items() if k not in ("csrf_token",)}
    try:
        services.interaction_log(actor=current_user, customer=customer, **fields)
    except services.CardError as exc:
        return _refused(customer, form, exc, "interaction_form")
    db.session.commit()
    return _saved(customer, _("Interaction saved."))


@bp.route("/<int:customer_id>/promises", methods=["POST"])
@requires("customers.act")
def promise_new(customer_id: int):
    customer = _load(customer_id)
    form = PromiseForm(prefix="p")
    if not form.validate_on_submit():
        return _card_page(customer, promise_form=form)
    try:
        services.promise_create(
            actor=current_user,
            customer=customer,
            kind=form.kind.data,
            description=form.description.data,
            due_on=form.due_on.data,
        )
    except services.CardError as exc:
        return _refused(customer, form, exc, "promise_form")
    db.session.commit()
    return _saved(customer, _("Promise recorded."))


@bp.route("/<int:customer_id>/promises/<int:promise_id>/kept", methods=["POST"])
@requires("customers.act")
def promise_kept(customer_id: int, promise_id: int):
    customer = _load(customer_id)
    promise = db.session.get(Promise, promise_id)
    if promise is None or promise.customer_id != customer.id:
        abort(404)
    services.promise_keep(actor=current_user, promise=promise)
    db.session.commit()
    return _saved(customer, _("Promise marked as kept."))


@bp.route("/<int:customer_id>/points", methods=["POST"])
@requires("customers.act")
def points_new(customer_id: int):
    customer = _load(customer_id)
    form = PointsForm(prefix="pt")
    if not form.validate_on_submit():
        return _card_page(customer, points_form=form)
    try:
        services.points_change(
            actor=current_user,
            customer=customer,
            points=form.points.data,
            redeem=form.action.data == "redeem",
            reason=form.reason.data,
            limits=current_app.config["POINTS_LIMITS"],
        )
    except services.CardError as exc:
        return _refused(customer, form, exc, "points_form")
    db.session.commit()
    return _saved(customer, _("Points updated."))


@bp.route("/<int:customer_id>/timeline")
@requires("customers.view")
def timeline(customer_id: int):
    customer = queries.customer_get(actor=current_user, customer_id=customer_id) or abort(404)
    after = _parse_cursor(request.args.get("after"))
    rows, more = card.timeline_page(customer.id, after=after)
    return render("customers/timeline.html", "items", c=customer, timeline=rows, more=more)


def _parse_cursor(value: str | None) -> card.TimelineCursor | None:
    try:
        return card.TimelineCursor.parse(value) if value else None
    except ValueError:
        abort(400)
