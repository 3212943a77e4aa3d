"""Changing an assignment: its due date, or removing it (after a confirmation). Trainers
change any; managers those of the teams they manage."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.permissions import requires
from portal.extensions import db
from portal.i18n import current_language
from portal.training import assigning, bp, queries
from portal.training.forms import AssignmentEditForm, StartForm
from portal.training.models import Assignment
from portal.web import render


def _assignment(assignment_id: int) -> Assignment:
    found = assigning.assignment_get(actor=current_user, assignment_id=assignment_id)
    return found or abort(404)


def _title(slug: str) -> str:
    return dict(queries.modules_published_titles(current_language())).get(slug, slug)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@requires("training.assign")
def assignment_edit(assignment_id: int):
    assignment = _assignment(assignment_id)
    form = AssignmentEditForm(obj=assignment if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            assigning.assignment_update(
                actor=current_user, assignment=assignment, due_on=form.due_on.data
            )
        except assigning.AssignError as error:
            db.session.rollback()
            form.due_on.errors.append(_(error.message))
        else:
            db.session.commit()
            flash(_("Due date changed."), "success")
            return redirect(url_for("training.assignments"))
    return render(
        "training/assignment_edit.html",
        assignment=assignment,
        title=_title(assignment.module_slug),
        form=form,
    )


@bp.route("/assignments/<int:assignment_id>/remove", methods=["GET", "POST"])
@requires("training.assign")
def assignment_remove(assignment_id: int):
    """GET asks to confirm; POST removes."""
    assignment = _assignment(assignment_id)
    form = StartForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        assigning.assignment_remove(actor=current_user, assignment=assignment)
        db.session.commit()
        flash(_("Assignment removed."), "success")
        return redirect(url_for("training.assignments"))
    return render(
        "training/assignment_remove.html",
        assignment=assignment,
        title=_title(assignment.module_slug),
        form=StartForm(formdata=None),
    )
