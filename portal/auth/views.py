"""Logging in and out, and a user's own profile (language, password)."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME

from portal.auth import bp, services
from portal.auth.forms import LanguageForm, LoginForm, PasswordForm
from portal.auth.permissions import public, requires
from portal.extensions import db
from portal.web import form_submitted, render, safe_next


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        try:
            user = services.login_authenticate(
                email=form.email.data,
                password=form.password.data,
                ip=request.remote_addr,
                max_failures=current_app.config["LOGIN_MAX_FAILURES"],
                window_minutes=current_app.config["LOGIN_WINDOW_MINUTES"],
                max_address_failures=current_app.config["LOGIN_MAX_ADDRESS_FAILURES"],
            )
        except services.LoginThrottled as exc:
            db.session.commit()
            form.form_errors.append(
                _("Too many failed attempts. Try again in %(n)d minutes.", n=exc.minutes)
            )
        except services.InvalidCredentials:
            db.session.commit()
            form.form_errors.append(_("That e-mail and password do not match an active account."))
        else:
            _keep_chosen_language(user)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data) or url_for("home.index"))
    return render("auth/login.html", form=form)


def _keep_chosen_language(user) -> None:
    """Sign-in keeps the language the person was reading in: a language they switched to
    before signing in (kept in the session) is saved on their account; without a switch,
    their account's language applies, and with none set, the browser's stays."""
    chosen = session.get("language")
    if chosen in current_app.config["LANGUAGES"] and chosen != user.language:
        services.user_set_language(actor=user, language=chosen)


@bp.route("/logout", methods=["POST"])
@requires("home.view")
@login_required
def logout():
    services.user_logout(actor=current_user, ip=request.remote_addr)
    db.session.commit()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/profile", methods=["GET", "POST"])
@requires("profile.edit")
def profile():
    language_form = LanguageForm(prefix="lang", language=current_user.language or "")
    password_form = PasswordForm(prefix="pw")
    if form_submitted(language_form) and language_form.validate_on_submit():
        services.user_set_language(actor=current_user, language=language_form.language.data or None)
        db.session.commit()
        flash(_("Language saved."), "success")
        return redirect(url_for("auth.profile"))
    if form_submitted(password_form) and password_form.validate_on_submit():
        try:
            services.user_change_password(
                actor=current_user,
                current=password_form.current_password.data,
                new=password_form.new_password.data,
            )
        except services.UserError as exc:
            getattr(password_form, exc.field).errors.append(_(exc.message))
        else:
            db.session.commit()
            # The change ended every session, this one too: carry the new token, and
            # renew the remember cookie if this browser kept one.
            remembered = (
                current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
            )
            login_user(current_user._get_current_object(), remember=remembered)
            flash(_("Password changed."), "success")
            return redirect(url_for("auth.profile"))
    return render("auth/profile.html", language_form=language_form, password_form=password_form)


@bp.route("/language", methods=["POST"])
@public
def set_language():
    """Switch the interface language; saved on the account when signed in."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        language = ""
    if current_user.is_authenticated:
        services.user_set_language(actor=current_user, language=language or None)
        db.session.commit()
    session["language"] = language or None
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))
