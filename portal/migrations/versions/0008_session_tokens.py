"""session tokens: a per-user value carried in session and remember cookies; an index
for the per-address login throttle

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 16:50:00

"""

import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    # Each existing user gets their own random token; cookies issued before this revision
    # carry a bare id and stop working, which signs everyone in once more.
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    conn = op.get_bind()
    ids = conn.execute(sa.select(users.c.id)).scalars().all()
    if ids:
        conn.execute(
            users.update()
            .where(users.c.id == sa.bindparam("uid"))
            .values(session_token=sa.bindparam("token")),
            [{"uid": i, "token": secrets.token_urlsafe(24)} for i in ids],
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_ip_at", ["ip", "at"], unique=False)


def downgrade():
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_ip_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
