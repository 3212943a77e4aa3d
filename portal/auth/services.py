"""Writes for people: creating users, roles and teams, logging in with throttling.

Services flush, never commit; the request (or CLI command) commits once.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from portal.audit.services import audit_record
from portal.auth.models import LoginAttempt, Role, Team, User
from portal.auth.permissions import ROLES
from portal.clock import utcnow
from portal.extensions import db
from portal.i18n import N_

# Checked when the e-mail is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash("not-a-password")
MIN_PASSWORD_LENGTH = 8  # the messages below say 8


class AuthError(Exception):
    pass


class InvalidCredentials(AuthError):
    pass


class LoginThrottled(AuthError):
    def __init__(self, minutes: int):
        super().__init__(minutes)
        self.minutes = minutes


class UserError(ValueError):
    """A user or team change that breaks a rule; the message is shown to the admin."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def roles_ensure() -> dict[str, Role]:
    existing = {r.name: r for r in db.session.scalars(sa.select(Role))}
    for name in ROLES:
        if name not in existing:
            existing[name] = Role(name=name)
            db.session.add(existing[name])
    db.session.flush()
    return existing


def user_create(
    *,
    actor: User | None,
    email: str,
    name: str,
    password: str,
    roles: list[str],
    team_id: int | None = None,
    language: str | None = None,
    password_hash: str | None = None,
) -> User:
    email = normalise_email(email)
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise UserError("email", N_("A user with this e-mail already exists."))
    if password_hash is None and len(password) < MIN_PASSWORD_LENGTH and actor is not None:
        raise UserError("password", N_("Use at least 8 characters."))
    user = User(
        email=email,
        name=name.strip(),
        password_hash=password_hash or generate_password_hash(password),
        team_id=team_id,
        language=language,
    )
    user.roles = _roles_named(roles)
    db.session.add(user)
    db.session.flush()
    audit_record(actor=actor, action="user.created", target=user, detail={"roles": roles})
    return user


def user_update(
    *,
    actor: User,
    user: User,
    name: str,
    email: str,
    roles: list[str],
    team_id: int | None,
    active: bool,
    new_password: str | None = None,
) -> User:
    email = normalise_email(email)
    clash = db.session.scalar(sa.select(User.id).where(User.email == email, User.id != user.id))
    if clash:
        raise UserError("email", N_("A user with this e-mail already exists."))
    if user.id == actor.id and ("admin" not in roles or not active):
        raise UserError(
            "roles", N_("You cannot remove your own admin role or deactivate yourself.")
        )
    before = {"roles": sorted(user.role_names), "active": user.active, "team_id": user.team_id}
    user.name, user.email, user.team_id, user.active = name.strip(), email, team_id, active
    user.roles = _roles_named(roles)
    if new_password:
        if len(new_password) < MIN_PASSWORD_LENGTH:
            raise UserError("new_password", N_("Use at least 8 characters."))
        user.password_hash = generate_password_hash(new_password)
    after = {"roles": sorted(roles), "active": active, "team_id": team_id}
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if new_password:
        changed["password_reset"] = True
    if new_password or (before["active"] and not active):
        # Whoever held the old password, or the account, is signed out everywhere.
        user.sessions_end()
        changed["sessions_ended"] = True
    db.session.flush()
    audit_record(actor=actor, action="user.updated", target=user, detail=changed)
    return user


def user_set_language(*, actor: User, language: str | None) -> None:
    actor.language = language
    db.session.flush()


def user_change_password(*, actor: User, current: str, new: str) -> None:
    if not check_password_hash(actor.password_hash, current):
        raise UserError("current_password", N_("The current password is not right."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise UserError("new_password", N_("Use at least 8 characters."))
    actor.password_hash = generate_password_hash(new)
    # Every other session ends; the view signs this one in again with the new token.
    actor.sessions_end()
    db.session.flush()
    audit_record(
        actor=actor, action="user.password_changed", target=actor, detail={"sessions_ended": True}
    )


def user_logout(*, actor: User, ip: str | None) -> None:
    """End every session of the user, not only this browser's: a copied session or
    remember cookie must not outlive the logout, and the server keeps no list of
    sessions to end one by one."""
    actor.sessions_end()
    db.session.flush()
    audit_record(actor=actor, action="logout", target=actor, ip=ip)


def team_save(
    *, actor: User, team: Team | None, name: str, location: str | None, manager_id: int | None
) -> Team:
    name = name.strip()
    query = sa.select(Team.id).where(Team.name == name)
    if team is not None:
        query = query.where(Team.id != team.id)
    if db.session.scalar(query):
        raise UserError("name", N_("A team with this name already exists."))
    created = team is None
    team = team or Team()
    team.name, team.location, team.manager_id = name, (location or None), manager_id
    db.session.add(team)
    db.session.flush()
    action = "team.created" if created else "team.updated"
    audit_record(actor=actor, action=action, target=team, detail={"name": name})
    return team


def _roles_named(names: list[str]) -> list[Role]:
    unknown = set(names) - set(ROLES)
    if unknown:
        raise UserError("roles", N_("Unknown role."))
    if not names:
        raise UserError("roles", N_("Give the user at least one role."))
    existing = roles_ensure()
    return [existing[n] for n in ROLES if n in names]


def login_authenticate(
    *,
    email: str,
    password: str,
    ip: str | None,
    max_failures: int,
    window_minutes: int,
    max_address_failures: int,
) -> User:
    """Return the user, or raise InvalidCredentials / LoginThrottled. Records every try.

    Two limits, so that one address cannot deny everyone behind it (an office, or the
    reverse proxy): an e-mail with `max_failures` failures since its last success is
    locked, whoever tries it; an address is throttled only after `max_address_failures`
    failures on e-mails that belong to no account, that is guessing, never colleagues
    mistyping their own passwords. A throttled address is refused for every e-mail, so
    the refusal does not tell which accounts exist.
    """
    email = normalise_email(email)
    now = utcnow()
    since = now - timedelta(minutes=window_minutes)
    oldest = _oldest_failure_over_limit(email, ip, since, max_failures, max_address_failures)
    if oldest is not None:
        raise LoginThrottled(_minutes_until(oldest, window_minutes, now))
    user = db.session.scalar(sa.select(User).where(User.email == email))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = bool(user and valid and user.active)
    db.session.add(LoginAttempt(email=email, ip=ip, succeeded=succeeded, at=now))
    if not succeeded:
        audit_record(actor=None, action="login.failed", detail={"email": email}, ip=ip)
        db.session.flush()
        raise InvalidCredentials()
    user.last_login_at = now
    audit_record(actor=user, action="login.succeeded", target=user, ip=ip)
    db.session.flush()
    return user


def _oldest_failure_over_limit(email, ip, since, max_failures, max_address_failures):
    """When a limit is reached, the oldest failure it counts (the throttle lifts when that
    one leaves the window); otherwise None."""
    last_success = db.session.scalar(
        sa.select(sa.func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True)
        )
    )
    start = max(since, last_success) if last_success else since
    failed = sa.and_(LoginAttempt.succeeded.is_(False), LoginAttempt.at > start)
    count, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(LoginAttempt.at)).where(
            failed, LoginAttempt.email == email
        )
    ).one()
    if count >= max_failures:
        return oldest
    if not ip:
        return None
    unknown = ~sa.exists().where(User.email == LoginAttempt.email)
    count, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(LoginAttempt.at)).where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.at > since,
            LoginAttempt.ip == ip,
            unknown,
        )
    ).one()
    return oldest if count >= max_address_failures else None


def _minutes_until(oldest, window_minutes: int, now) -> int:
    seconds = (oldest + timedelta(minutes=window_minutes) - now).total_seconds()
    return max(1, int(seconds // 60) + 1)
