"""Consultations: questions with dated phases, proposals (moderated, merged into one
another), supports (one per member and proposal) and co-author credits.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 03:26:46.950639

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('support_limit', sa.Integer(), nullable=True),
    sa.Column('audience_kind', sa.Enum('everyone', 'groups', 'age_bands', 'parliamentarians', name='audiencekind', native_enum=False, length=32), nullable=False),
    sa.Column('audience_age_bands', sa.String(length=40), nullable=False),
    sa.Column('proposals_at', sa.DateTime(), nullable=False),
    sa.Column('discussion_at', sa.DateTime(), nullable=False),
    sa.Column('support_at', sa.DateTime(), nullable=False),
    sa.Column('results_at', sa.DateTime(), nullable=False),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('outcome_at', sa.DateTime(), nullable=True),
    sa.Column('report_requested_by_id', sa.Integer(), nullable=True),
    sa.Column('report_requested_at', sa.DateTime(), nullable=True),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_consultation_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_requested_by_id'], ['user.id'], name=op.f('fk_consultation_report_requested_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation'))
    )
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.create_index('ix_consultation_status_closes', ['status', 'closes_at'], unique=False)

    op.create_table('consultation_group',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_group_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_consultation_group_group_id_youth_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('consultation_id', 'group_id', name=op.f('pk_consultation_group'))
    )
    with op.batch_alter_table('consultation_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_group_group_id'), ['group_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_proposal_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_proposal_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposal.id'], name=op.f('fk_proposal_merged_into_id_proposal'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index('ix_proposal_consultation_created', ['consultation_id', 'created_at'], unique=False)
        batch_op.create_index('ix_proposal_list', ['consultation_id', 'status', 'merged_into_id', 'support_count'], unique=False)

    op.create_table('proposal_credit',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_proposal_credit_proposal_id_proposal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_proposal_credit_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'user_id', name=op.f('pk_proposal_credit'))
    )
    op.create_table('support',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_support_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_support_group_id_youth_group'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_support_proposal_id_proposal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_support_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'user_id', name=op.f('pk_support'))
    )
    with op.batch_alter_table('support', schema=None) as batch_op:
        batch_op.create_index('ix_support_consultation_user', ['consultation_id', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_user_id'))
        batch_op.drop_index('ix_support_consultation_user')

    op.drop_table('support')
    op.drop_table('proposal_credit')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_proposal_list')
        batch_op.drop_index('ix_proposal_consultation_created')

    op.drop_table('proposal')
    with op.batch_alter_table('consultation_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_group_group_id'))

    op.drop_table('consultation_group')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_index('ix_consultation_status_closes')

    op.drop_table('consultation')
