"""From youth to policy-makers: sendings, submissions per institution, responses, answers per
recommendation, commitments and their history, ratings, replies, impact summaries, follows and
the reminders already sent; institutions get a contact e-mail, cohorts a speaker.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 12:09:13.442238

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policy_reminder',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_policy_reminder'))
    )
    op.create_table('policy_follow',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Enum('submission', 'commitment', name='followtarget', native_enum=False, length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_policy_follow_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'target', 'target_id', name=op.f('pk_policy_follow'))
    )
    with op.batch_alter_table('policy_follow', schema=None) as batch_op:
        batch_op.create_index('ix_policy_follow_target', ['target', 'target_id'], unique=False)

    op.create_table('policy_impact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_policy_impact_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_policy_impact_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_impact')),
    sa.UniqueConstraint('report_id', name=op.f('uq_policy_impact_report_id'))
    )
    op.create_table('policy_sending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('report', 'consultation', name='sourcekind', native_enum=False, length=32), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('cover_letter', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('requested_by', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_policy_sending_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['cohort_id'], ['youth_group.id'], name=op.f('fk_policy_sending_cohort_id_youth_group'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_policy_sending_consultation_id_consultation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_policy_sending_report_id_report'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['report_topic.id'], name=op.f('fk_policy_sending_topic_id_report_topic'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['report_version.id'], name=op.f('fk_policy_sending_version_id_report_version'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_sending'))
    )
    with op.batch_alter_table('policy_sending', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_sending_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_sending_report_id'), ['report_id'], unique=False)

    op.create_table('policy_recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sending_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['sending_id'], ['policy_sending.id'], name=op.f('fk_policy_recommendation_sending_id_policy_sending'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_recommendation'))
    )
    with op.batch_alter_table('policy_recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_recommendation_sending_id'), ['sending_id'], unique=False)

    op.create_table('policy_submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sending_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by', sa.Date(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('read_days', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answer_days', sa.Integer(), nullable=True),
    sa.Column('claim_nonce', sa.String(length=32), nullable=True),
    sa.Column('claim_email', sa.String(length=254), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['user.id'], name=op.f('fk_policy_submission_claimed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_policy_submission_institution_id_institution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sending_id'], ['policy_sending.id'], name=op.f('fk_policy_submission_sending_id_policy_sending'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_submission')),
    sa.UniqueConstraint('sending_id', 'institution_id', name='uq_policy_submission_sent_once')
    )
    with op.batch_alter_table('policy_submission', schema=None) as batch_op:
        batch_op.create_index('ix_policy_submission_institution_sent', ['institution_id', 'sent_at'], unique=False)
        batch_op.create_index('ix_policy_submission_open', ['answered_at', 'requested_by'], unique=False)
        batch_op.create_index('ix_policy_submission_sent', ['sent_at'], unique=False)

    op.create_table('policy_commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_unit', sa.String(length=160), nullable=False),
    sa.Column('expected_by', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('planned', 'in_progress', 'done', 'dropped', name='commitmentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_policy_commitment_institution_id_institution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['policy_recommendation.id'], name=op.f('fk_policy_commitment_recommendation_id_policy_recommendation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['policy_submission.id'], name=op.f('fk_policy_commitment_submission_id_policy_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_commitment'))
    )
    with op.batch_alter_table('policy_commitment', schema=None) as batch_op:
        batch_op.create_index('ix_policy_commitment_due', ['state', 'expected_by'], unique=False)
        batch_op.create_index('ix_policy_commitment_institution_state', ['institution_id', 'state'], unique=False)
        batch_op.create_index('ix_policy_commitment_record', ['submission_id', 'state', 'expected_by', 'institution_id'], unique=False)

    op.create_table('policy_rating',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('clear', sa.Integer(), nullable=False),
    sa.Column('answers_us', sa.Integer(), nullable=False),
    sa.Column('believable', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['policy_submission.id'], name=op.f('fk_policy_rating_submission_id_policy_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_policy_rating_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id', 'user_id', name=op.f('pk_policy_rating'))
    )
    op.create_table('policy_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_policy_reply_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['policy_submission.id'], name=op.f('fk_policy_reply_submission_id_policy_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_reply'))
    )
    with op.batch_alter_table('policy_reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_reply_submission_id'), ['submission_id'], unique=False)

    op.create_table('policy_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_policy_response_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['policy_submission.id'], name=op.f('fk_policy_response_submission_id_policy_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_response')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_policy_response_submission_id'))
    )
    op.create_table('policy_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.Enum('accepted', 'partly_accepted', 'under_consideration', 'not_accepted', 'already_in_place', name='verdict', native_enum=False, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['policy_recommendation.id'], name=op.f('fk_policy_answer_recommendation_id_policy_recommendation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['policy_response.id'], name=op.f('fk_policy_answer_response_id_policy_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_answer')),
    sa.UniqueConstraint('response_id', 'recommendation_id', name='uq_policy_answer_once')
    )
    with op.batch_alter_table('policy_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_answer_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index('ix_policy_answer_response_verdict', ['response_id', 'verdict'], unique=False)

    op.create_table('policy_commitment_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('planned', 'in_progress', 'done', 'dropped', name='commitmentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('expected_by', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_policy_commitment_update_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['commitment_id'], ['policy_commitment.id'], name=op.f('fk_policy_commitment_update_commitment_id_policy_commitment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_commitment_update'))
    )
    with op.batch_alter_table('policy_commitment_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_commitment_update_commitment_id'), ['commitment_id'], unique=False)

    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))

    with op.batch_alter_table('report_cohort_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_report_cohort_rules_speaker_id_user'), 'user', ['speaker_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('report_cohort_rules', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_report_cohort_rules_speaker_id_user'), type_='foreignkey')
        batch_op.drop_column('speaker_id')

    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.drop_column('contact_email')

    with op.batch_alter_table('policy_commitment_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_commitment_update_commitment_id'))

    op.drop_table('policy_commitment_update')
    with op.batch_alter_table('policy_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_answer_response_verdict')
        batch_op.drop_index(batch_op.f('ix_policy_answer_recommendation_id'))

    op.drop_table('policy_answer')
    op.drop_table('policy_response')
    with op.batch_alter_table('policy_reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_reply_submission_id'))

    op.drop_table('policy_reply')
    op.drop_table('policy_rating')
    with op.batch_alter_table('policy_commitment', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_commitment_record')
        batch_op.drop_index('ix_policy_commitment_institution_state')
        batch_op.drop_index('ix_policy_commitment_due')

    op.drop_table('policy_commitment')
    with op.batch_alter_table('policy_submission', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_submission_sent')
        batch_op.drop_index('ix_policy_submission_open')
        batch_op.drop_index('ix_policy_submission_institution_sent')

    op.drop_table('policy_submission')
    with op.batch_alter_table('policy_recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_recommendation_sending_id'))

    op.drop_table('policy_recommendation')
    with op.batch_alter_table('policy_sending', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_sending_report_id'))
        batch_op.drop_index(batch_op.f('ix_policy_sending_consultation_id'))

    op.drop_table('policy_sending')
    op.drop_table('policy_impact')
    with op.batch_alter_table('policy_follow', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_follow_target')

    op.drop_table('policy_follow')
    op.drop_table('policy_reminder')
