"""review comments on drafts sent back to their author

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 17:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('content_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_comment', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('review_comment_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_comment_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_content_drafts_review_comment_by_id_users'),
            'users', ['review_comment_by_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('content_drafts', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_content_drafts_review_comment_by_id_users'), type_='foreignkey'
        )
        batch_op.drop_column('review_comment_at')
        batch_op.drop_column('review_comment_by_id')
        batch_op.drop_column('review_comment')
