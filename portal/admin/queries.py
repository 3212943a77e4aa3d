"""Reads for the admin pages."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from portal.auth.models import Role, Team, User, user_roles
from portal.extensions import db

PAGE_SIZE = 50


def user_list(*, text: str = "", page: int = 1) -> tuple[list[User], bool]:
    stmt = sa.select(User).options(selectinload(User.roles), selectinload(User.team))
    if text:
        pattern = f"%{text.strip().lower()}%"
        stmt = stmt.where(sa.or_(sa.func.lower(User.name).like(pattern), User.email.like(pattern)))
    stmt = stmt.order_by(User.name, User.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    users = list(db.session.scalars(stmt))
    return users[:PAGE_SIZE], len(users) > PAGE_SIZE


def team_list() -> list:
    members = (
        sa.select(User.team_id, sa.func.count().label("n"))
        .where(User.active.is_(True))
        .group_by(User.team_id)
        .subquery()
    )
    stmt = (
        sa.select(Team, sa.func.coalesce(members.c.n, 0).label("members"))
        .outerjoin(members, members.c.team_id == Team.id)
        .options(selectinload(Team.manager))
        .order_by(Team.name)
    )
    return db.session.execute(stmt).all()


def team_choices() -> list[SelectChoice]:
    teams = db.session.scalars(sa.select(Team).order_by(Team.name))
    return [SelectChoice("", "—")] + [SelectChoice(str(t.id), t.name) for t in teams]


def manager_choices() -> list[tuple]:
    stmt = (
        sa.select(User)
        .join(user_roles, user_roles.c.user_id == User.id)
        .join(Role, Role.id == user_roles.c.role_id)
        .where(Role.name == "manager", User.active.is_(True))
        .order_by(User.name)
    )
    return [SelectChoice("", "—")] + [
        SelectChoice(str(u.id), u.name) for u in db.session.scalars(stmt)
    ]
