"""service scripts, and indexes on the links to interactions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:01:24.589863

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('service_scripts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'in_review', 'published', 'archived', name='contentstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('commandment', sa.SmallInteger(), nullable=False),
    sa.Column('lesson', sa.String(length=120), nullable=True),
    sa.Column('upsell', sa.Boolean(), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_service_scripts_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_scripts')),
    sa.UniqueConstraint('slug', 'language', 'version', name='uq_service_scripts_version')
    )
    with op.batch_alter_table('service_scripts', schema=None) as batch_op:
        batch_op.create_index('ix_service_scripts_status_language', ['status', 'language'], unique=False)

    # Child tables point at interactions; index those links before rebuilding it.
    for table in ('complaints', 'promises', 'survey_answers'):
        op.create_index(op.f(f'ix_{table}_interaction_id'), table, ['interaction_id'], unique=False)

    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('script_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('script_followed', sa.Boolean(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_interactions_script_id_service_scripts'), 'service_scripts', ['script_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_interactions_script_id_service_scripts'), type_='foreignkey')
        batch_op.drop_column('script_followed')
        batch_op.drop_column('script_id')

    for table in ('complaints', 'promises', 'survey_answers'):
        op.drop_index(op.f(f'ix_{table}_interaction_id'), table_name=table)

    with op.batch_alter_table('service_scripts', schema=None) as batch_op:
        batch_op.drop_index('ix_service_scripts_status_language')

    op.drop_table('service_scripts')
