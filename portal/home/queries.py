"""Reads behind each role's home page, scoped to the person asking."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.auth.models import Role, Team, User, user_roles
from portal.clock import today, utcnow
from portal.customers.models import Customer, Interaction, Promise, SurveyAnswer
from portal.extensions import db

LOW_CSAT = 2


def promises_due_list(*, actor: User, within_days: int = 7, limit: int = 20) -> list:
    """The actor's unkept promises due within the window (overdue ones first)."""
    horizon = today() + timedelta(days=within_days)
    stmt = (
        sa.select(Promise, Customer.first_name, Customer.last_name)
        .join(Customer, Customer.id == Promise.customer_id)
        .where(Promise.employee_id == actor.id, Promise.kept_at.is_(None))
        .where(Promise.due_on <= horizon)
        .order_by(Promise.due_on, Promise.id)
        .limit(limit)
    )
    return db.session.execute(stmt).all()


RECENT_WINDOW = 20  # interactions read per customer listed


def interactions_recent_list(*, actor: User, limit: int = 10) -> list:
    """The customers the actor served last, each once, with their latest interaction.

    Reads the newest `limit * RECENT_WINDOW` interactions through the employee's index and
    keeps the first of each customer: grouping all of an employee's history (tens of
    thousands of rows at a million customers) would cost more than the whole page."""
    stmt = (
        sa.select(Interaction, Customer.first_name, Customer.last_name)
        .join(Customer, Customer.id == Interaction.customer_id)
        .where(Interaction.employee_id == actor.id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(limit * RECENT_WINDOW)
    )
    rows, seen = [], set()
    for row in db.session.execute(stmt):
        if row[0].customer_id not in seen:
            seen.add(row[0].customer_id)
            rows.append(row)
            if len(rows) == limit:
                break
    return rows


def team_overview_list(*, actor: User, days: int = 30) -> list[dict]:
    """For each team the actor manages: every member with interactions, survey count,
    mean CSAT and overdue promises over the last `days` days (one query per measure)."""
    since = utcnow() - timedelta(days=days)
    members = db.session.execute(
        sa.select(User.id, User.name, Team.id.label("team_id"), Team.name.label("team"))
        .join(Team, Team.id == User.team_id)
        .where(Team.manager_id == actor.id, User.active.is_(True), User.id != actor.id)
        .order_by(Team.name, User.name)
    ).all()
    ids = [m.id for m in members]
    if not ids:
        return []
    interactions = dict(
        db.session.execute(
            sa.select(Interaction.employee_id, sa.func.count())
            .where(Interaction.employee_id.in_(ids), Interaction.occurred_at >= since)
            .group_by(Interaction.employee_id)
        ).all()
    )
    surveys = {
        row.employee_id: row
        for row in db.session.execute(
            sa.select(
                SurveyAnswer.employee_id,
                sa.func.count(SurveyAnswer.csat).label("n"),
                sa.func.avg(SurveyAnswer.csat).label("mean"),
            )
            .where(SurveyAnswer.employee_id.in_(ids), SurveyAnswer.answered_at >= since)
            .group_by(SurveyAnswer.employee_id)
        )
    }
    overdue = dict(
        db.session.execute(
            sa.select(Promise.employee_id, sa.func.count())
            .where(Promise.employee_id.in_(ids), Promise.kept_at.is_(None))
            .where(Promise.due_on < today())
            .group_by(Promise.employee_id)
        ).all()
    )
    rows = []
    for m in members:
        survey = surveys.get(m.id)
        rows.append(
            {
                "team": m.team,
                "name": m.name,
                "interactions": interactions.get(m.id, 0),
                "surveys": survey.n if survey else 0,
                "csat": float(survey.mean) if survey and survey.mean is not None else None,
                "overdue": overdue.get(m.id, 0),
            }
        )
    return rows


def people_seen(actor: User) -> sa.Select | None:
    """Whose customers' answers the actor reads: everyone for a trainer (None), the
    members of the teams they manage for anyone else (a manager)."""
    if "trainer" in actor.role_names:
        return None
    return sa.select(User.id).join(Team, Team.id == User.team_id).where(Team.manager_id == actor.id)


def _scoped(stmt: sa.Select, actor: User) -> sa.Select:
    people = people_seen(actor)
    return stmt if people is None else stmt.where(SurveyAnswer.employee_id.in_(people))


def low_satisfaction_list(*, actor: User, days: int = 30, limit: int = 20) -> list:
    """Recent unhappy answers with a comment: what the training should address."""
    since = utcnow() - timedelta(days=days)
    stmt = (
        sa.select(SurveyAnswer, User.name.label("employee"))
        .outerjoin(User, User.id == SurveyAnswer.employee_id)
        .where(SurveyAnswer.answered_at >= since, SurveyAnswer.csat <= LOW_CSAT)
        .where(SurveyAnswer.comment.is_not(None))
        .order_by(SurveyAnswer.answered_at.desc())
        .limit(limit)
    )
    return db.session.execute(_scoped(stmt, actor)).all()


def low_satisfaction_by_department(*, actor: User, days: int = 30) -> list:
    since = utcnow() - timedelta(days=days)
    stmt = (
        sa.select(
            SurveyAnswer.department,
            sa.func.count(SurveyAnswer.csat).label("answers"),
            sa.func.sum(sa.case((SurveyAnswer.csat <= LOW_CSAT, 1), else_=0)).label("low"),
        )
        .where(SurveyAnswer.answered_at >= since, SurveyAnswer.csat.is_not(None))
        .group_by(SurveyAnswer.department)
        .order_by(SurveyAnswer.department)
    )
    return db.session.execute(_scoped(stmt, actor)).all()


def users_by_role() -> list:
    stmt = (
        sa.select(Role.name, sa.func.count(User.id))
        .join(user_roles, user_roles.c.role_id == Role.id)
        .join(User, User.id == user_roles.c.user_id)
        .where(User.active.is_(True))
        .group_by(Role.name)
        .order_by(Role.name)
    )
    return db.session.execute(stmt).all()


def audit_latest_list(limit: int = 10) -> list:
    stmt = (
        sa.select(AuditEvent, User.name.label("actor"))
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    return db.session.execute(stmt).all()
