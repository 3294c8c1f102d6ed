"""Polls: questions, options, participation (who voted) and ballots (what was chosen) in
separate tables with nothing in common, reasons apart from ballots.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 03:11:54.378434

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('poll',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('method', sa.Enum('single', 'multiple', 'approval', 'ranked', 'scale', name='method', native_enum=False, length=32), nullable=False),
    sa.Column('max_choices', sa.Integer(), nullable=True),
    sa.Column('scale_labels', sa.JSON(), nullable=False),
    sa.Column('is_secret', sa.Boolean(), nullable=False),
    sa.Column('allow_change', sa.Boolean(), nullable=False),
    sa.Column('results_visibility', sa.Enum('live', 'after_vote', 'after_close', name='resultsvisibility', native_enum=False, length=32), nullable=False),
    sa.Column('reason_mode', sa.Enum('off', 'optional', 'required', name='reasonmode', native_enum=False, length=32), nullable=False),
    sa.Column('quorum_percent', sa.Integer(), nullable=True),
    sa.Column('receipts', sa.Boolean(), nullable=False),
    sa.Column('youth_options', sa.Boolean(), nullable=False),
    sa.Column('audience_kind', sa.Enum('everyone', 'groups', 'age_bands', 'parliamentarians', name='audiencekind', native_enum=False, length=32), nullable=False),
    sa.Column('audience_age_bands', sa.String(length=40), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=False),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('seed', sa.String(length=16), nullable=False),
    sa.Column('tally', sa.JSON(), nullable=True),
    sa.Column('audience_size', sa.Integer(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_poll_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll'))
    )
    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.create_index('ix_poll_status_closes', ['status', 'closes_at'], unique=False)

    op.create_table('ballot',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('receipt', sa.String(length=16), nullable=True),
    sa.Column('voter_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_ballot_group_id_youth_group'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_ballot_poll_id_poll'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['voter_id'], ['user.id'], name=op.f('fk_ballot_voter_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot')),
    sa.UniqueConstraint('receipt', name=op.f('uq_ballot_receipt'))
    )
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.create_index('ix_ballot_poll_id', ['poll_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ballot_voter_id'), ['voter_id'], unique=False)

    op.create_table('participation',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('voted_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_participation_poll_id_poll'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_participation_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'user_id', name=op.f('pk_participation'))
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_user_id'), ['user_id'], unique=False)

    op.create_table('poll_group',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_poll_group_group_id_youth_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_poll_group_poll_id_poll'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'group_id', name=op.f('pk_poll_group'))
    )
    with op.batch_alter_table('poll_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_group_group_id'), ['group_id'], unique=False)

    op.create_table('poll_option',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_poll_option_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_poll_option_poll_id_poll'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_option'))
    )
    with op.batch_alter_table('poll_option', schema=None) as batch_op:
        batch_op.create_index('ix_poll_option_poll_status', ['poll_id', 'status', 'position'], unique=False)

    op.create_table('poll_reason',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_poll_reason_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_poll_reason_poll_id_poll'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_reason'))
    )
    with op.batch_alter_table('poll_reason', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_reason_poll_id'), ['poll_id'], unique=False)



def downgrade():
    with op.batch_alter_table('poll_reason', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_reason_poll_id'))

    op.drop_table('poll_reason')
    with op.batch_alter_table('poll_option', schema=None) as batch_op:
        batch_op.drop_index('ix_poll_option_poll_status')

    op.drop_table('poll_option')
    with op.batch_alter_table('poll_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_group_group_id'))

    op.drop_table('poll_group')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_user_id'))

    op.drop_table('participation')
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_voter_id'))
        batch_op.drop_index('ix_ballot_poll_id')

    op.drop_table('ballot')
    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.drop_index('ix_poll_status_closes')

    op.drop_table('poll')
