"""Imports every feature's models so that metadata (and migrations) see them all."""

from portal.api.models import ApiToken
from portal.audit.models import AuditEvent
from portal.auth.models import LoginAttempt, Role, Team, User, user_roles
from portal.customers.models import (
    Complaint,
    Customer,
    CustomerNameTerm,
    Interaction,
    PointsEntry,
    Privilege,
    Promise,
    Purchase,
    SurveyAnswer,
)
from portal.service_scripts.models import ServiceScript
from portal.training.models import (
    Answer,
    Assignment,
    Attempt,
    Completion,
    ContentDraft,
    Lesson,
    LessonProgress,
    Module,
    Question,
)

__all__ = [
    "Answer",
    "ApiToken",
    "Assignment",
    "Attempt",
    "AuditEvent",
    "Complaint",
    "Completion",
    "ContentDraft",
    "Customer",
    "CustomerNameTerm",
    "Interaction",
    "Lesson",
    "LessonProgress",
    "LoginAttempt",
    "Module",
    "PointsEntry",
    "Privilege",
    "Promise",
    "Purchase",
    "Question",
    "Role",
    "ServiceScript",
    "SurveyAnswer",
    "Team",
    "User",
    "user_roles",
]
