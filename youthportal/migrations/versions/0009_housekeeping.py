"""Housekeeping: users get the time they were warned that their unused account will be
deleted (`youthportal housekeeping`), indexed for the deletion that follows the warning.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inactivity_warned_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_inactivity_warned_at'), ['inactivity_warned_at'], unique=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_inactivity_warned_at'))
        batch_op.drop_column('inactivity_warned_at')
