"""Reads behind the training reports: who has done what, and how each question fares.

Set-based: a handful of statements whatever the number of people, then pure Python
and pandas (stats.py) on the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa

from portal.auth.models import Role, Team, User, user_roles
from portal.clock import today
from portal.extensions import db
from portal.training import grading, stats
from portal.training.models import Answer, Assignment, Attempt, Completion, Module, Question
from portal.training.quiz_data import question_from_data

NO_TEAM = ""


@dataclass(frozen=True)
class CompletionRow:
    team: str
    module: str
    assigned: int
    done: int
    overdue: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.assigned) if self.assigned else None


@dataclass(frozen=True)
class OverdueRow:
    team: str
    name: str
    module: str
    due_on: date


def _people(actor: User, team_id: int | None) -> list:
    """Active people the actor may report on (managers: their teams), of one team if given."""
    stmt = (
        sa.select(User.id, User.name.label("person"), User.team_id, Team.name, Team.manager_id)
        .outerjoin(Team, Team.id == User.team_id)
        .where(User.active.is_(True))
    )
    if team_id is not None:
        stmt = stmt.where(User.team_id == team_id)
    people = db.session.execute(stmt).all()
    if "trainer" not in actor.role_names:
        people = [person for person in people if person.manager_id == actor.id]
    return people


def _done() -> set[tuple[int, str]]:
    return {
        (user_id, slug)
        for user_id, slug in db.session.execute(
            sa.select(Completion.user_id, Completion.module_slug).where(
                Completion.reopened_at.is_(None),
                sa.or_(Completion.expires_on.is_(None), Completion.expires_on > today()),
            )
        )
    }


def completion_report(actor: User, team_id: int | None = None) -> list[CompletionRow]:
    """Per team and module: people it is assigned to, how many have a valid completion,
    how many are overdue. Managers see the teams they manage; trainers every team."""
    done = _done()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for person, modules in _assigned(_people(actor, team_id)).items():
        for slug, due_on in modules.items():
            row = counts[(person.name or NO_TEAM, slug)]
            row[0] += 1
            if (person.id, slug) in done:
                row[1] += 1
            elif due_on < today():
                row[2] += 1
    return [CompletionRow(team, slug, *numbers) for (team, slug), numbers in sorted(counts.items())]


def overdue_report(actor: User, team_id: int | None = None) -> list[OverdueRow]:
    """Who is overdue, with what and since when: the oldest due date first."""
    done = _done()
    rows = [
        OverdueRow(person.name or NO_TEAM, person.person, slug, due_on)
        for person, modules in _assigned(_people(actor, team_id)).items()
        for slug, due_on in modules.items()
        if due_on < today() and (person.id, slug) not in done
    ]
    return sorted(rows, key=lambda r: (r.due_on, r.team, r.name, r.module))


def _assigned(people: list) -> dict:
    """person -> {module slug: earliest due date} over every assignment that reaches them."""
    roles = defaultdict(set)
    for user_id, role in db.session.execute(
        sa.select(user_roles.c.user_id, Role.name).join(Role, Role.id == user_roles.c.role_id)
    ):
        roles[user_id].add(role)
    by_role, by_team = defaultdict(list), defaultdict(list)
    for slug, role, team_id, due_on in db.session.execute(
        sa.select(Assignment.module_slug, Assignment.role, Assignment.team_id, Assignment.due_on)
    ):
        (by_role[role] if role else by_team[team_id]).append((slug, due_on))
    out = {}
    for person in people:
        reaching = [a for role in roles[person.id] for a in by_role[role]]
        reaching += by_team.get(person.team_id, []) if person.team_id else []
        modules: dict = {}
        for slug, due_on in reaching:
            modules[slug] = min(due_on, modules.get(slug, due_on))
        if modules:
            out[person] = modules
    return out


def question_report(slug: str, language: str, actor: User) -> pd.DataFrame:
    """Per question of a module (all versions and languages, by question id): attempts,
    difficulty, discrimination, and the prompt as the newest version in `language` words it.
    A manager's figures come from the attempts of their teams' people only.

    Read as plain rows, three statements: loading every answer as an ORM object was
    most of the report page's time."""
    attempts = (
        sa.select(Attempt.id, Attempt.module_id)
        .join(Module, Module.id == Attempt.module_id)
        .where(Module.slug == slug, Attempt.submitted_at.is_not(None))
    )
    if "trainer" not in actor.role_names:
        attempts = attempts.where(Attempt.user_id.in_(_team_members(actor)))
    module_of = dict(db.session.execute(attempts).all())
    given: dict[int, list[grading.Given]] = defaultdict(list)
    for attempt_id, qid, node, choices in db.session.execute(
        sa.select(Answer.attempt_id, Answer.qid, Answer.node, Answer.choices)
        .where(Answer.attempt_id.in_(attempts.with_only_columns(Attempt.id)))
        .order_by(Answer.attempt_id, Answer.id)
    ):
        given[attempt_id].append(grading.Given(qid, node, tuple(choices)))
    questions_of: dict[int, list] = defaultdict(list)
    for module_id, data in db.session.execute(
        sa.select(Question.module_id, Question.data)
        .where(Question.module_id.in_(set(module_of.values())))
        .order_by(Question.module_id, Question.position)
    ):
        questions_of[module_id].append(question_from_data(data))
    rows = [
        (attempt_id, question.id, int(grading.question_correct(question, given[attempt_id])))
        for attempt_id, module_id in module_of.items()
        for question in questions_of[module_id]
    ]
    results = pd.DataFrame(rows, columns=[stats.ATTEMPT, stats.QUESTION, stats.CORRECT])
    table = stats.question_stats(results)
    table["prompt"] = table[stats.QUESTION].map(_prompts(slug, language))
    return table


def _prompts(slug: str, language: str) -> dict[str, str]:
    module = db.session.scalar(
        sa.select(Module)
        .where(Module.slug == slug)
        .order_by((Module.language == language).desc(), Module.version.desc())
        .limit(1)
    )
    return {q.qid: q.data["prompt"] for q in module.questions} if module else {}


def visible_learners(actor: User) -> list[int] | None:
    """Whose training the actor may act on: everyone for trainers (None), the members
    of their teams for managers."""
    if "trainer" in actor.role_names:
        return None
    return list(db.session.scalars(_team_members(actor)))


def _team_members(actor: User) -> sa.Select:
    return sa.select(User.id).join(Team, Team.id == User.team_id).where(Team.manager_id == actor.id)
