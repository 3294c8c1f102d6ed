"""UneHack: events with dated phases, challenges, teams and their members, the "looking
for a team" board, invitations, ideas and their versions, mentors' feedback, staff (mentors,
judges, vetting), conflicts of interest, criteria, assignments, scores, awards and pictures
attached by facilitators; a poll can
be an event's people's choice vote and an option can stand for an idea.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 07:08:27.632156

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hack_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('rules', sa.Text(), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('max_age', sa.Integer(), nullable=False),
    sa.Column('same_band_teams', sa.Boolean(), nullable=False),
    sa.Column('team_min', sa.Integer(), nullable=False),
    sa.Column('team_max', sa.Integer(), nullable=False),
    sa.Column('registration_at', sa.DateTime(), nullable=False),
    sa.Column('forming_at', sa.DateTime(), nullable=False),
    sa.Column('building_at', sa.DateTime(), nullable=False),
    sa.Column('submission_at', sa.DateTime(), nullable=False),
    sa.Column('judging_at', sa.DateTime(), nullable=False),
    sa.Column('results_at', sa.DateTime(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('judges_per_idea', sa.Integer(), nullable=False),
    sa.Column('calibration', sa.Boolean(), nullable=False),
    sa.Column('calibration_idea_ids', sa.JSON(), nullable=False),
    sa.Column('calibration_released_at', sa.DateTime(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('results', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('results_published_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_hack_event_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_event'))
    )
    with op.batch_alter_table('hack_event', schema=None) as batch_op:
        batch_op.create_index('ix_hack_event_results_at', ['results_at'], unique=False)

    op.create_table('hack_board_entry',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_board_entry_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_hack_board_entry_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'user_id', name=op.f('pk_hack_board_entry'))
    )
    with op.batch_alter_table('hack_board_entry', schema=None) as batch_op:
        batch_op.create_index('ix_hack_board_event_created', ['event_id', 'created_at'], unique=False)

    op.create_table('hack_challenge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_challenge_event_id_hack_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_challenge'))
    )
    op.create_table('hack_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_criterion_event_id_hack_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_criterion'))
    )
    op.create_table('hack_staff',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('mentor', 'judge', name='staffrole', native_enum=False, length=32), nullable=False),
    sa.Column('vetted_by_id', sa.Integer(), nullable=True),
    sa.Column('vetted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_staff_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_hack_staff_user_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vetted_by_id'], ['user.id'], name=op.f('fk_hack_staff_vetted_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('event_id', 'user_id', 'role', name=op.f('pk_hack_staff'))
    )
    with op.batch_alter_table('hack_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hack_staff_user_id'), ['user_id'], unique=False)

    op.create_table('hack_team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('mentor_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('member_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_hack_team_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_team_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['user.id'], name=op.f('fk_hack_team_mentor_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_team')),
    sa.UniqueConstraint('code', name=op.f('uq_hack_team_code'))
    )
    with op.batch_alter_table('hack_team', schema=None) as batch_op:
        batch_op.create_index('ix_hack_team_event', ['event_id', 'name'], unique=False)

    op.create_table('hack_conflict',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_conflict_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judge_id'], ['user.id'], name=op.f('fk_hack_conflict_judge_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['hack_team.id'], name=op.f('fk_hack_conflict_team_id_hack_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('judge_id', 'team_id', name=op.f('pk_hack_conflict'))
    )
    with op.batch_alter_table('hack_conflict', schema=None) as batch_op:
        batch_op.create_index('ix_hack_conflict_event', ['event_id'], unique=False)

    op.create_table('hack_idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('helps', sa.Text(), nullable=False),
    sa.Column('how', sa.Text(), nullable=False),
    sa.Column('built', sa.Text(), nullable=False),
    sa.Column('links', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('promoted_proposal_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_hack_idea_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['challenge_id'], ['hack_challenge.id'], name=op.f('fk_hack_idea_challenge_id_hack_challenge'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_idea_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['promoted_proposal_id'], ['proposal.id'], name=op.f('fk_hack_idea_promoted_proposal_id_proposal'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['hack_team.id'], name=op.f('fk_hack_idea_team_id_hack_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_idea')),
    sa.UniqueConstraint('team_id', name=op.f('uq_hack_idea_team_id'))
    )
    with op.batch_alter_table('hack_idea', schema=None) as batch_op:
        batch_op.create_index('ix_hack_idea_event_submitted', ['event_id', 'submitted_at'], unique=False)

    op.create_table('hack_invitation',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_hack_invitation_invited_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['hack_team.id'], name=op.f('fk_hack_invitation_team_id_hack_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_hack_invitation_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('team_id', 'user_id', name=op.f('pk_hack_invitation'))
    )
    with op.batch_alter_table('hack_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hack_invitation_user_id'), ['user_id'], unique=False)

    op.create_table('hack_team_member',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_team_member_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['hack_team.id'], name=op.f('fk_hack_team_member_team_id_hack_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_hack_team_member_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('team_id', 'user_id', name=op.f('pk_hack_team_member')),
    sa.UniqueConstraint('event_id', 'user_id', name='uq_hack_member_event_user')
    )
    with op.batch_alter_table('hack_team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hack_team_member_user_id'), ['user_id'], unique=False)

    op.create_table('hack_assignment',
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('calibration', sa.Boolean(), nullable=False),
    sa.Column('scored_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_assignment_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_assignment_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judge_id'], ['user.id'], name=op.f('fk_hack_assignment_judge_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('judge_id', 'idea_id', name=op.f('pk_hack_assignment'))
    )
    with op.batch_alter_table('hack_assignment', schema=None) as batch_op:
        batch_op.create_index('ix_hack_assignment_event_judge', ['event_id', 'judge_id'], unique=False)
        batch_op.create_index('ix_hack_assignment_idea', ['idea_id'], unique=False)

    op.create_table('hack_award',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('overall', 'challenge', 'peoples_choice', name='awardkind', native_enum=False, length=32), nullable=False),
    sa.Column('place', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['hack_challenge.id'], name=op.f('fk_hack_award_challenge_id_hack_challenge'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_award_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_award_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_award'))
    )
    with op.batch_alter_table('hack_award', schema=None) as batch_op:
        batch_op.create_index('ix_hack_award_event', ['event_id', 'kind', 'place'], unique=False)

    op.create_table('hack_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_hack_feedback_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_feedback_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_feedback'))
    )
    with op.batch_alter_table('hack_feedback', schema=None) as batch_op:
        batch_op.create_index('ix_hack_feedback_idea', ['idea_id', 'created_at'], unique=False)

    op.create_table('hack_idea_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_hack_idea_version_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_idea_version_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_idea_version')),
    sa.UniqueConstraint('idea_id', 'version', name='uq_hack_idea_version')
    )
    op.create_table('hack_score',
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['hack_criterion.id'], name=op.f('fk_hack_score_criterion_id_hack_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['hack_event.id'], name=op.f('fk_hack_score_event_id_hack_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_score_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judge_id'], ['user.id'], name=op.f('fk_hack_score_judge_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('judge_id', 'idea_id', 'criterion_id', name=op.f('pk_hack_score'))
    )
    with op.batch_alter_table('hack_score', schema=None) as batch_op:
        batch_op.create_index('ix_hack_score_event', ['event_id', 'judge_id'], unique=False)

    op.create_table('hack_idea_image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('mimetype', sa.String(length=20), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('alt_text', sa.String(length=300), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['hack_idea.id'], name=op.f('fk_hack_idea_image_idea_id_hack_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_hack_idea_image_uploaded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hack_idea_image'))
    )
    with op.batch_alter_table('hack_idea_image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hack_idea_image_idea_id'), ['idea_id'], unique=False)

    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_poll_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_poll_event_id_hack_event'), 'hack_event', ['event_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('poll_option', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idea_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_poll_option_idea_id_hack_idea'), 'hack_idea', ['idea_id'], ['id'], ondelete='CASCADE')


    # Last: SQLite's batch operations above reflect tables and cannot read an index on an
    # expression.
    op.create_index('uq_hack_team_event_name', 'hack_team', ['event_id', sa.text('lower(name)')], unique=True)


def downgrade():
    op.drop_index('uq_hack_team_event_name', table_name='hack_team')
    with op.batch_alter_table('poll_option', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_poll_option_idea_id_hack_idea'), type_='foreignkey')
        batch_op.drop_column('idea_id')

    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_poll_event_id_hack_event'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_poll_event_id'))
        batch_op.drop_column('event_id')

    with op.batch_alter_table('hack_idea_image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hack_idea_image_idea_id'))

    op.drop_table('hack_idea_image')
    with op.batch_alter_table('hack_score', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_score_event')

    op.drop_table('hack_score')
    op.drop_table('hack_idea_version')
    with op.batch_alter_table('hack_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_feedback_idea')

    op.drop_table('hack_feedback')
    with op.batch_alter_table('hack_award', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_award_event')

    op.drop_table('hack_award')
    with op.batch_alter_table('hack_assignment', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_assignment_idea')
        batch_op.drop_index('ix_hack_assignment_event_judge')

    op.drop_table('hack_assignment')
    with op.batch_alter_table('hack_team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hack_team_member_user_id'))

    op.drop_table('hack_team_member')
    with op.batch_alter_table('hack_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hack_invitation_user_id'))

    op.drop_table('hack_invitation')
    with op.batch_alter_table('hack_idea', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_idea_event_submitted')

    op.drop_table('hack_idea')
    with op.batch_alter_table('hack_conflict', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_conflict_event')

    op.drop_table('hack_conflict')
    with op.batch_alter_table('hack_team', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_team_event')

    op.drop_table('hack_team')
    with op.batch_alter_table('hack_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hack_staff_user_id'))

    op.drop_table('hack_staff')
    op.drop_table('hack_criterion')
    op.drop_table('hack_challenge')
    with op.batch_alter_table('hack_board_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_board_event_created')

    op.drop_table('hack_board_entry')
    with op.batch_alter_table('hack_event', schema=None) as batch_op:
        batch_op.drop_index('ix_hack_event_results_at')

    op.drop_table('hack_event')
