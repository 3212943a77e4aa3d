"""page speed indexes: covering indexes for the homes' survey figures and open promises

The trainer's and manager's homes summarise the last 30 days of survey answers (about
40,000 at 1M customers) and count open overdue promises; these indexes answer them
without reading the tables. The two indexes they replace were their prefixes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 17:15:00

"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_promises_employee_open", "promises", ["employee_id", "kept_at", "due_on"])
    op.drop_index("ix_promises_employee_due", table_name="promises")
    op.create_index(
        "ix_survey_answers_employee_scores",
        "survey_answers",
        ["employee_id", "answered_at", "department", "csat"],
    )
    op.drop_index("ix_survey_answers_employee_at", table_name="survey_answers")
    op.create_index(
        "ix_survey_answers_at_scores", "survey_answers", ["answered_at", "department", "csat"]
    )


def downgrade():
    op.drop_index("ix_survey_answers_at_scores", table_name="survey_answers")
    op.create_index(
        "ix_survey_answers_employee_at", "survey_answers", ["employee_id", "answered_at"]
    )
    op.drop_index("ix_survey_answers_employee_scores", table_name="survey_answers")
    op.create_index("ix_promises_employee_due", "promises", ["employee_id", "due_on"])
    op.drop_index("ix_promises_employee_open", table_name="promises")
