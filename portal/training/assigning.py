"""Assigning modules to roles or teams, by trainers and managers.

A trainer may assign to any role or team; a manager only to the teams they manage.
Targets are written `role:<name>` or `team:<id>` in the form.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import Team, User
from portal.auth.permissions import ROLES
from portal.clock import today
from portal.extensions import db
from portal.i18n import N_
from portal.service_scripts.models import ContentStatus
from portal.training.models import Assignment, Module


class AssignError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def teams_assignable(actor: User) -> list[Team]:
    stmt = sa.select(Team).order_by(Team.name)
    if "trainer" not in actor.role_names:
        stmt = stmt.where(Team.manager_id == actor.id)
    return list(db.session.scalars(stmt))


def roles_assignable(actor: User) -> tuple[str, ...]:
    return ROLES if "trainer" in actor.role_names else ()


def assignments_list(actor: User) -> list[tuple[Assignment, str | None]]:
    """Assignments the actor may see (all for trainers, their teams' for managers),
    with the team's name; newest due date first."""
    stmt = (
        sa.select(Assignment, Team.name)
        .outerjoin(Team, Team.id == Assignment.team_id)
        .order_by(Assignment.due_on.desc(), Assignment.id.desc())
    )
    if "trainer" not in actor.role_names:
        stmt = stmt.where(Team.manager_id == actor.id)
    return [tuple(row) for row in db.session.execute(stmt)]


def assignment_create(
    *, actor: User, module_slug: str, target: str, due_on: date | None
) -> Assignment:
    """`due_on` None means the module's own `due_within_days` from today."""
    module = db.session.scalar(
        sa.select(Module)
        .where(Module.slug == module_slug, Module.status == ContentStatus.PUBLISHED)
        .limit(1)
    )
    if module is None:
        raise AssignError("module", N_("Choose a published module."))
    if due_on is None:
        due_on = today() + timedelta(days=module.due_within_days)
    if due_on < today():
        raise AssignError("due_on", N_("The due date cannot be in the past."))
    kind, _sep, value = target.partition(":")
    role, team_id = None, None
    if kind == "role" and value in roles_assignable(actor):
        role = value
    elif kind == "team" and value.isdigit():
        team_id = int(value)
        if team_id not in {team.id for team in teams_assignable(actor)}:
            raise AssignError("target", N_("You can only assign to the teams you manage."))
    else:
        raise AssignError("target", N_("Choose a role or a team."))
    same = db.session.scalar(
        sa.select(Assignment.id).where(
            Assignment.module_slug == module_slug,
            Assignment.role.is_(None) if role is None else Assignment.role == role,
            Assignment.team_id.is_(None) if team_id is None else Assignment.team_id == team_id,
        )
    )
    if same is not None:
        raise AssignError(
            "target",
            N_("This module is already assigned to them: change that assignment's due date."),
        )
    assignment = Assignment(
        module_slug=module_slug, role=role, team_id=team_id, due_on=due_on, assigned_by_id=actor.id
    )
    db.session.add(assignment)
    db.session.flush()
    audit_record(
        actor=actor,
        action="training.assigned",
        target_type="training_assignment",
        target_id=assignment.id,
        detail={"module": module_slug, "role": role, "team_id": team_id, "due_on": str(due_on)},
    )
    return assignment


def assignment_get(*, actor: User, assignment_id: int) -> Assignment | None:
    """The assignment if the actor may change it: any for trainers, their teams' for
    managers (a role-wide assignment is a trainer's)."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or "trainer" in actor.role_names:
        return assignment
    teams = {team.id for team in teams_assignable(actor)}
    return assignment if assignment.team_id in teams else None


def assignment_update(*, actor: User, assignment: Assignment, due_on: date) -> Assignment:
    if due_on < today():
        raise AssignError("due_on", N_("The due date cannot be in the past."))
    before = assignment.due_on
    assignment.due_on = due_on
    db.session.flush()
    audit_record(
        actor=actor,
        action="training.assignment_changed",
        target_type="training_assignment",
        target_id=assignment.id,
        detail={"module": assignment.module_slug, "due_on": [str(before), str(due_on)]},
    )
    return assignment


def assignment_remove(*, actor: User, assignment: Assignment) -> None:
    """Learners stop seeing it as assigned; completions already made stay."""
    detail = {"module": assignment.module_slug, "role": assignment.role}
    detail |= {"team_id": assignment.team_id, "due_on": str(assignment.due_on)}
    audit_record(
        actor=actor,
        action="training.assignment_removed",
        target_type="training_assignment",
        target_id=assignment.id,
        detail=detail,
    )
    db.session.delete(assignment)
    db.session.flush()
