"""Customers and everything that happens with them: purchases, interactions,
complaints, promises, survey answers, privileges and the points ledger.

Money is kept in integer cents. Identifiers are stored as entered and normalised
(`*_norm`, `name_folded`, `CustomerNameTerm`) so lookups can use plain B-tree
prefix ranges on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.dbtypes import enum_column, folded_text
from portal.extensions import db


class Tier(StrEnum):
    STANDARD = "standard"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class Channel(StrEnum):
    STORE = "store"
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    WEB = "web"


class Department(StrEnum):
    SALES = "sales"
    BILLING = "billing"
    SUPPORT = "support"
    DELIVERY = "delivery"
    RETURNS = "returns"
    LOYALTY = "loyalty"


class InteractionType(StrEnum):
    ENQUIRY = "enquiry"
    SALE = "sale"
    SERVICE = "service"
    COMPLAINT = "complaint"
    FOLLOW_UP = "follow_up"
    ADVICE = "advice"


class Outcome(StrEnum):
    RESOLVED = "resolved"
    PENDING = "pending"
    ESCALATED = "escalated"
    NO_ANSWER = "no_answer"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class PromiseKind(StrEnum):
    CALL_BACK = "call_back"
    REFUND = "refund"
    DELIVERY = "delivery"
    VISIT = "visit"
    OTHER = "other"


class PointsKind(StrEnum):
    AWARD = "award"
    REDEEM = "redeem"
    EXPIRE = "expire"
    ADJUST = "adjust"


def _fk(table: str, *, nullable: bool = False, ondelete: str = "CASCADE"):
    return mapped_column(sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable)


class Customer(db.Model):
    __tablename__ = "customers"
    __table_args__ = (
        sa.Index("ix_customers_email_norm", "email_norm"),
        sa.Index("ix_customers_phone_norm", "phone_norm"),
        sa.Index("ix_customers_name_folded", "name_folded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)
    loyalty_id: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    first_name: Mapped[str] = mapped_column(sa.String(80))
    last_name: Mapped[str] = mapped_column(sa.String(120))
    name_folded: Mapped[str] = mapped_column(folded_text(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    email_norm: Mapped[str | None] = mapped_column(folded_text(254))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    phone_norm: Mapped[str | None] = mapped_column(folded_text(20))
    tier: Mapped[Tier] = mapped_column(enum_column(Tier), default=Tier.STANDARD)
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    birthday: Mapped[date | None]
    customer_since: Mapped[date]
    last_activity_at: Mapped[datetime | None]
    # Preferences and consents (one row per customer, so they live on it).
    language: Mapped[str] = mapped_column(sa.String(5), default="es")
    preferred_channel: Mapped[Channel | None] = mapped_column(enum_column(Channel))
    interests: Mapped[str | None] = mapped_column(sa.String(300))
    do_not_contact: Mapped[bool] = mapped_column(default=False)
    do_not_upsell: Mapped[bool] = mapped_column(default=False)
    consents_updated_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner = relationship("User", foreign_keys=[owner_id])
    team = relationship("Team", foreign_keys=[team_id])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class CustomerNameTerm(db.Model):
    """Each accent-folded word of a customer's name, for prefix lookup of any word."""

    __tablename__ = "customer_name_terms"
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[str] = mapped_column(folded_text(60), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Privilege(db.Model):
    __tablename__ = "privileges"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    name: Mapped[str] = mapped_column(sa.String(120))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    expires_on: Mapped[date | None]

    __table_args__ = (sa.Index("ix_privileges_customer", "customer_id"),)


class PointsEntry(db.Model):
    """The points ledger. `seq` numbers a customer's entries; its uniqueness makes two
    concurrent writers conflict instead of both spending the same balance."""

    __tablename__ = "points_entries"
    __table_args__ = (
        sa.UniqueConstraint("customer_id", "seq", name="uq_points_entries_customer_seq"),
        sa.CheckConstraint("balance_after >= 0", name="balance_not_negative"),
        sa.Index("ix_points_entries_expiry", "customer_id", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    seq: Mapped[int]
    kind: Mapped[PointsKind] = mapped_column(enum_column(PointsKind))
    delta: Mapped[int]
    balance_after: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.String(200))
    expires_on: Mapped[date | None]
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Purchase(db.Model):
    __tablename__ = "purchases"
    __table_args__ = (
        sa.Index("ix_purchases_customer_at", "customer_id", "occurred_at"),
        sa.Index("ix_purchases_at", "occurred_at"),
        sa.CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    occurred_at: Mapped[datetime]
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    items: Mapped[int] = mapped_column(default=1)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.STORE)
    department: Mapped[Department] = mapped_column(
        enum_column(Department), default=Department.SALES
    )
    reference: Mapped[str | None] = mapped_column(sa.String(40))
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")


class Interaction(db.Model):
    __tablename__ = "interactions"
    __table_args__ = (
        sa.Index("ix_interactions_customer_at", "customer_id", "occurred_at"),
        sa.Index("ix_interactions_employee_at", "employee_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    department: Mapped[Department] = mapped_column(enum_column(Department))
    type: Mapped[InteractionType] = mapped_column(enum_column(InteractionType))
    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    # Which service script the employee had beside the card, and whether they followed it.
    script_id: Mapped[int | None] = _fk("service_scripts", nullable=True, ondelete="SET NULL")
    script_followed: Mapped[bool | None]


class Complaint(db.Model):
    __tablename__ = "complaints"
    __table_args__ = (sa.Index("ix_complaints_customer_status", "customer_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    interaction_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    department: Mapped[Department] = mapped_column(enum_column(Department))
    summary: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[ComplaintStatus] = mapped_column(
        enum_column(ComplaintStatus), default=ComplaintStatus.OPEN
    )
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class Promise(db.Model):
    """A commitment made to a customer; it stays on the card until kept."""

    __tablename__ = "promises"
    __table_args__ = (
        sa.Index("ix_promises_customer_kept", "customer_id", "kept_at"),
        # An employee's open promises by due date: the home's list and overdue counts.
        sa.Index("ix_promises_employee_open", "employee_id", "kept_at", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    interaction_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    kind: Mapped[PromiseKind] = mapped_column(enum_column(PromiseKind))
    description: Mapped[str] = mapped_column(sa.String(300))
    due_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kept_at: Mapped[datetime | None]


class SurveyAnswer(db.Model):
    __tablename__ = "survey_answers"
    __table_args__ = (
        sa.Index("ix_survey_answers_customer_at", "customer_id", "answered_at"),
        # Covering for the homes' figures (department, CSAT) by employee or by date alone.
        sa.Index(
            "ix_survey_answers_employee_scores", "employee_id", "answered_at", "department", "csat"
        ),
        sa.Index("ix_survey_answers_at_scores", "answered_at", "department", "csat"),
        sa.CheckConstraint("csat IS NULL OR csat BETWEEN 1 AND 5", name="csat_range"),
        sa.CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name="nps_range"),
        sa.CheckConstraint("effort IS NULL OR effort BETWEEN 1 AND 7", name="effort_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = _fk("customers")
    interaction_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    employee_id: Mapped[int | None] = _fk("users", nullable=True, ondelete="SET NULL")
    department: Mapped[Department | None] = mapped_column(enum_column(Department))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    csat: Mapped[int | None] = mapped_column(sa.SmallInteger)
    nps: Mapped[int | None] = mapped_column(sa.SmallInteger)
    effort: Mapped[int | None] = mapped_column(sa.SmallInteger)
    comment: Mapped[str | None] = mapped_column(sa.Text)
