"""Administration: users (roles, team, active) and teams."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.admin import bp, queries
from portal.admin.forms import NewUserForm, TeamForm, UserForm
from portal.auth import services
from portal.auth.models import Team, User
from portal.auth.permissions import requires
from portal.extensions import db
from portal.web import render

MAX_PAGE = 10**6  # the page's row offset must stay a database integer


@bp.route("/users")
@requires("users.manage")
def users():
    text = request.args.get("q", "")[:100]
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    rows, more = queries.user_list(text=text, page=page)
    return render("admin/users.html", "results", users=rows, q=text, page=page, more=more)


@bp.route("/users/new", methods=["GET", "POST"])
@requires("users.manage")
def user_new():
    form = _user_form(NewUserForm)
    if form.validate_on_submit():
        return _save_user(form, user=None)
    return render("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("users.manage")
def user_edit(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = _user_form(UserForm, obj=user)
    if request.method == "GET":
        form.roles.data = sorted(user.role_names)
    if form.validate_on_submit():
        return _save_user(form, user=user)
    return render("admin/user_form.html", form=form, user=user)


def _user_form(form_class: type[UserForm], **kwargs) -> UserForm:
    form = form_class(**kwargs)
    form.team_id.choices = queries.team_choices()
    return form


def _save_user(form: UserForm, *, user: User | None):
    fields = {
        "name": form.name.data,
        "email": form.email.data,
        "roles": form.roles.data,
        "team_id": form.team_id.data,
    }
    try:
        if user is None:
            user = services.user_create(actor=current_user, password=form.password.data, **fields)
            user.active = form.active.data
        else:
            services.user_update(
                actor=current_user,
                user=user,
                active=form.active.data,
                new_password=form.password.data or None,
                **fields,
            )
    except services.UserError as exc:
        db.session.rollback()
        getattr(form, exc.field).errors.append(_(exc.message))
        return render("admin/user_form.html", form=form, user=user)
    db.session.commit()
    flash(_("Saved %(name)s.", name=user.name), "success")
    # Post/Redirect/Get to the user's own page: what was saved, ready for the next change.
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.route("/teams")
@requires("teams.manage")
def teams():
    return render("admin/teams.html", teams=queries.team_list())


@bp.route("/teams/new", methods=["GET", "POST"], defaults={"team_id": None})
@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@requires("teams.manage")
def team_edit(team_id: int | None):
    team = None if team_id is None else (db.session.get(Team, team_id) or abort(404))
    form = TeamForm(obj=team)
    form.manager_id.choices = queries.manager_choices()
    if form.validate_on_submit():
        try:
            team = services.team_save(
                actor=current_user,
                team=team,
                name=form.name.data,
                location=form.location.data,
                manager_id=form.manager_id.data,
            )
        except services.UserError as exc:
            db.session.rollback()
            getattr(form, exc.field).errors.append(_(exc.message))
        else:
            db.session.commit()
            flash(_("Saved %(name)s.", name=team.name), "success")
            return redirect(url_for("admin.teams"))
    return render("admin/team_form.html", form=form, team=team)
