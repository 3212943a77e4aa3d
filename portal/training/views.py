"""Training pages for every employee: my training, modules, lessons, quizzes."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.permissions import requires
from portal.csvout import csv_response
from portal.extensions import db
from portal.formats import decimal
from portal.i18n import current_language
from portal.labels import audience_label
from portal.markdown import render_markdown
from portal.training import assigning, bp, grading, learning, queries, stats
from portal.training import reports as reports_q
from portal.training.forms import AnswerForm, AssignmentForm, StartForm
from portal.training.models import Attempt
from portal.web import render, wants_fragment

# Only the card may be returned to: a local path, never an address elsewhere.
BACK = re.compile(r"/customers/\d+")


@bp.route("/")
@requires("training.learn")
def index():
    return render("training/my.html", items=queries.my_training(current_user, current_language()))


@bp.route("/modules/<slug>")
@requires("training.learn")
def module_view(slug: str):
    module = queries.module_for(slug, current_language()) or abort(404)
    mine = queries.my_training(current_user, current_language())
    item = next((i for i in mine if i.module.slug == slug), None)
    return render("training/module.html", module=module, item=item, form=StartForm())


@bp.route("/lessons/<slug>")
@requires("training.learn")
def lesson(slug: str):
    found = queries.lesson_published(slug, current_language()) or abort(404)
    learning.progress_record(user=current_user, module=found.module, lesson_slug=found.slug)
    db.session.commit()
    back = request.args.get("back", "")
    return render(
        "training/lesson.html",
        lesson=found,
        module=found.module,
        html=render_markdown(found.body),
        back=back if BACK.fullmatch(back) else None,
        siblings=queries.lesson_siblings(found),
    )


@bp.route("/modules/<slug>/attempts", methods=["POST"])
@requires("training.learn")
def attempt_new(slug: str):
    module = queries.module_for(slug, current_language()) or abort(404)
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        attempt = learning.attempt_start(user=current_user, module=module)
    except learning.LearningError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "error")
        return redirect(url_for("training.module_view", slug=slug))
    db.session.commit()
    return redirect(url_for("training.attempt_view", attempt_id=attempt.id))


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)  # another person's attempt is not there for you
    return attempt


@bp.route("/attempts/<int:attempt_id>")
@requires("training.learn")
def attempt_view(attempt_id: int):
    return _attempt_page(_own_attempt(attempt_id))


def _attempt_page(attempt: Attempt, form: AnswerForm | None = None, error: str | None = None):
    questions = learning.questions_of(attempt.module)
    given = learning.given_of(attempt)
    step = None if attempt.submitted_at else grading.next_step(questions, given)
    options = []
    if step is not None:
        options = grading.shuffled(step.choices, attempt.seed, f"{step.question.id}/{step.node}")
    return render(
        "training/attempt.html",
        "quiz",
        attempt=attempt,
        module=attempt.module,
        step=step,
        options=options,
        position=[q.id for q in questions].index(step.question.id) + 1 if step else None,
        total=len(questions),
        review=_review(questions, given) if attempt.submitted_at else [],
        attempts_left=attempt.module.attempts
        - learning.attempts_used(attempt.user_id, attempt.module.slug),
        form=form or AnswerForm(formdata=None),
        start_form=StartForm(formdata=None),
        error=error,
    )


def _review(questions, given) -> list[dict]:
    """Each question with the options picked and their feedback, after submitting."""
    by_step = {(g.qid, g.node): g for g in given}
    rows = []
    for question in questions:
        steps = (
            [("", question.prompt, question.choices)]
            if question.type != "scenario"
            else [(node.id, node.text, node.choices) for node in question.nodes]
        )
        picked = []
        for node, text, choices in steps:
            answer = by_step.get((question.id, node))
            if answer is None:
                continue
            for choice in choices:
                if choice.id in answer.choices:
                    picked.append({"step": text, "choice": choice})
        rows.append(
            {
                "question": question,
                "correct": grading.question_correct(question, given),
                "picked": picked,
            }
        )
    return rows


@bp.route("/attempts/<int:attempt_id>", methods=["POST"])
@requires("training.learn")
def attempt_answer(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        learning.answer_record(
            user=current_user,
            attempt=attempt,
            qid=form.qid.data or "",
            node=form.node.data or "",
            choices=form.choice.data or [],
        )
    except learning.LearningError as error:
        db.session.rollback()
        return _attempt_page(_own_attempt(attempt_id), form, _(error.message, **error.params))
    db.session.commit()
    if wants_fragment():
        return _attempt_page(attempt)
    return redirect(url_for("training.attempt_view", attempt_id=attempt.id))


def _assignment_form(form: AssignmentForm | None = None) -> AssignmentForm:
    form = form or AssignmentForm(formdata=None)
    modules = queries.modules_published_titles(current_language())
    form.module.choices = [("", _("Choose a module")), *modules]
    targets = [("", _("Choose a role or a team"))]
    targets += [
        (f"role:{role}", audience_label(role)) for role in assigning.roles_assignable(current_user)
    ]
    targets += [
        (f"team:{team.id}", _("Team %(name)s", name=team.name))
        for team in assigning.teams_assignable(current_user)
    ]
    form.target.choices = targets
    return form


@bp.route("/assignments", methods=["GET", "POST"])
@requires("training.assign")
def assignments():
    form = _assignment_form(AssignmentForm() if request.method == "POST" else None)
    if form.validate_on_submit():
        try:
            assigning.assignment_create(
                actor=current_user,
                module_slug=form.module.data,
                target=form.target.data,
                due_on=form.due_on.data,
            )
        except assigning.AssignError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(_(error.message))
        else:
            db.session.commit()
            flash(_("Module assigned."), "success")
            return redirect(url_for("training.assignments"))
    rows = assigning.assignments_list(current_user)
    titles = dict(queries.modules_published_titles(current_language()))
    return render("training/assignments.html", form=form, rows=rows, titles=titles)


@bp.route("/reports")
@requires("training.report")
def reports():
    modules = queries.modules_published_titles(current_language())
    slug = request.args.get("module") or (modules[0][0] if modules else "")
    if modules and slug not in dict(modules):
        abort(404)
    teams = assigning.teams_assignable(current_user)  # trainers: every team; managers: theirs
    team_id = request.args.get("team", type=int)
    if team_id is not None and team_id not in {team.id for team in teams}:
        team_id = None  # not one of the actor's teams: the whole report, still scoped
    sort = "difficulty" if request.args.get("sort") == "difficulty" else "quiz"
    table = reports_q.question_report(slug, current_language(), current_user) if slug else None
    if table is not None and sort == "difficulty":  # hardest (fewest right) first
        table = table.sort_values(stats.DIFFICULTY, kind="stable")
    module = queries.module_for(slug, current_language()) if slug else None
    stuck = []
    if module is not None and current_user.can("training.assign"):
        stuck = learning.learners_out_of_attempts(
            slug, module.attempts, reports_q.visible_learners(current_user)
        )
    return render(
        "training/reports.html",
        completion=reports_q.completion_report(current_user, team_id),
        overdue=reports_q.overdue_report(current_user, team_id),
        teams=teams,
        team_id=team_id,
        sort=sort,
        modules=modules,
        titles=dict(modules),
        slug=slug,
        questions=table.to_dict("records") if table is not None else [],
        stuck=stuck,
        form=StartForm(formdata=None),
    )


@bp.route("/reports/reset", methods=["POST"])
@requires("training.assign")
def attempts_reset():
    """Give a learner who used every attempt a fresh set (their answers stay stored)."""
    slug = request.form.get("module", "")
    learner_id = request.form.get("learner", type=int)
    visible = reports_q.visible_learners(current_user)
    if not StartForm().validate_on_submit() or learner_id is None:
        abort(400)
    if visible is not None and learner_id not in visible:
        abort(404)
    learning.attempts_reset(actor=current_user, learner_id=learner_id, slug=slug)
    db.session.commit()
    flash(_("Attempts reset."), "success")
    return redirect(url_for("training.reports", module=slug))


@bp.route("/reports/completion.csv")
@requires("training.report")
def reports_completion_csv():
    rows = [
        (r.team or _("No team"), r.module, r.assigned, r.done, r.overdue, r.percent)
        for r in reports_q.completion_report(current_user)
    ]
    header = (_("Team"), _("Module"), _("Assigned"), _("Done"), _("Overdue"), _("Share done"))
    return csv_response("training-completion.csv", header, rows)


@bp.route("/reports/questions.csv")
@requires("training.report")
def reports_questions_csv():
    modules = dict(queries.modules_published_titles(current_language()))
    slug = request.args.get("module") or next(iter(modules), "")
    if slug and slug not in modules:
        abort(404)
    table = reports_q.question_report(slug, current_language(), current_user)
    rows = [
        (
            r["question"],
            r["prompt"],
            r["attempts"],
            _round(r["difficulty"]),
            _round(r["discrimination"]),
        )
        for r in table.to_dict("records")
    ]
    header = (_("Question"), _("Prompt"), _("Attempts"), _("Share correct"), _("Discrimination"))
    return csv_response(f"training-questions-{slug}.csv", header, rows)


def _round(value: float) -> str:
    return "" if value != value else decimal(value)  # NaN: not enough answers yet
