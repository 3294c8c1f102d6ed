"""Safeguarding and moderation: discussions, review items, flags, sanctions, appeals,
safeguarding cases, screening events and watched words; trust and pre-moderation columns.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:01:07.163537

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=30), nullable=False),
    sa.Column('content_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Enum('bullying', 'hate', 'personal_info', 'sexual', 'danger', 'spam', 'other', name='flagreason', native_enum=False, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('outcome', sa.Enum('upheld', 'not_upheld', name='flagoutcome', native_enum=False, length=32), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['user.id'], name=op.f('fk_flag_reporter_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag')),
    sa.UniqueConstraint('content_type', 'content_id', 'reporter_id', name='uq_flag_content_reporter')
    )
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_reporter_id'), ['reporter_id'], unique=False)

    op.create_table('screen_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('content_type', sa.String(length=30), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_screen_event_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screen_event'))
    )
    with op.batch_alter_table('screen_event', schema=None) as batch_op:
        batch_op.create_index('ix_screen_event_author_created', ['author_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_screen_event_created_at'), ['created_at'], unique=False)

    op.create_table('watched_word',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('term', sa.String(length=120), nullable=False),
    sa.Column('action', sa.Enum('block', 'hold', 'flag', 'mask', name='wordaction', native_enum=False, length=32), nullable=False),
    sa.Column('category', sa.Enum('bullying', 'hate', 'sexual', 'self_harm', 'violence', 'spam', name='wordcategory', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_watched_word_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watched_word')),
    sa.UniqueConstraint('language', 'term', name='uq_watched_word_language_term')
    )
    op.create_table('review_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=30), nullable=False),
    sa.Column('content_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Enum('held', 'flagged', 'auto_flag', 'urgent', 'edited', name='reviewreason', native_enum=False, length=32), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('flag_count', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('open', 'closed', name='reviewstate', native_enum=False, length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.Enum('approved', 'edited', 'hidden', 'removed', 'escalated', name='reviewdecision', native_enum=False, length=32), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_review_item_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_review_item_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_review_item_group_id_youth_group'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_item'))
    )
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.create_index('ix_review_item_content', ['content_type', 'content_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_item_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_review_item_queue', ['state', 'urgent', 'opened_at'], unique=False)

    op.create_table('thread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=30), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(), nullable=False),
    sa.Column('comment_count', sa.Integer(), nullable=False),
    sa.Column('is_locked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_thread_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_thread_group_id_youth_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread'))
    )
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_thread_subject_activity', ['subject_type', 'subject_id', 'status', 'last_activity_at'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('is_opening', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('removed_by_author', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_comment_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['comment.id'], name=op.f('fk_comment_parent_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_comment_thread_id_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_comment_thread_status_created', ['thread_id', 'status', 'created_at'], unique=False)

    op.create_table('safeguarding_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=30), nullable=False),
    sa.Column('content_id', sa.Integer(), nullable=False),
    sa.Column('review_item_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.Enum('screening', 'flag', 'escalation', name='casesource', native_enum=False, length=32), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('state', sa.Enum('new', 'acknowledged', 'referred', 'closed', name='casestate', native_enum=False, length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('referred_to', sa.String(length=200), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['user.id'], name=op.f('fk_safeguarding_case_acknowledged_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_item_id'], ['review_item.id'], name=op.f('fk_safeguarding_case_review_item_id_review_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['user.id'], name=op.f('fk_safeguarding_case_subject_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_case'))
    )
    with op.batch_alter_table('safeguarding_case', schema=None) as batch_op:
        batch_op.create_index('ix_safeguarding_case_state_opened', ['state', 'opened_at'], unique=False)

    op.create_table('sanction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('warning', 'mute', 'suspension', name='sanctionkind', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('review_item_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_sanction_issued_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_item_id'], ['review_item.id'], name=op.f('fk_sanction_review_item_id_review_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sanction_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sanction'))
    )
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sanction_user_id'), ['user_id'], unique=False)

    op.create_table('appeal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appellant_id', sa.Integer(), nullable=False),
    sa.Column('review_item_id', sa.Integer(), nullable=True),
    sa.Column('sanction_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.Enum('open', 'upheld', 'overturned', name='appealstate', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['appellant_id'], ['user.id'], name=op.f('fk_appeal_appellant_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_appeal_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_item_id'], ['review_item.id'], name=op.f('fk_appeal_review_item_id_review_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sanction_id'], ['sanction.id'], name=op.f('fk_appeal_sanction_id_sanction'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeal'))
    )
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeal_appellant_id'), ['appellant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_state'), ['state'], unique=False)

    op.create_table('case_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_case_note_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['safeguarding_case.id'], name=op.f('fk_case_note_case_id_safeguarding_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note'))
    )
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_note_case_id'), ['case_id'], unique=False)

    op.create_table('comment_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_revision_comment_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_revision'))
    )
    with op.batch_alter_table('comment_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_revision_comment_id'), ['comment_id'], unique=False)

    op.create_table('reaction',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('like', 'agree', 'idea', 'thanks', name='reactionkind', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_reaction_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reaction_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'user_id', 'kind', name=op.f('pk_reaction'))
    )
    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reaction_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('muted_until', sa.DateTime(), nullable=True))

    with op.batch_alter_table('youth_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_premoderated', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    with op.batch_alter_table('youth_group', schema=None) as batch_op:
        batch_op.drop_column('is_premoderated')

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('muted_until')
        batch_op.drop_column('approved_count')

    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reaction_user_id'))

    op.drop_table('reaction')
    with op.batch_alter_table('comment_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_revision_comment_id'))

    op.drop_table('comment_revision')
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_note_case_id'))

    op.drop_table('case_note')
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_state'))
        batch_op.drop_index(batch_op.f('ix_appeal_appellant_id'))

    op.drop_table('appeal')
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sanction_user_id'))

    op.drop_table('sanction')
    with op.batch_alter_table('safeguarding_case', schema=None) as batch_op:
        batch_op.drop_index('ix_safeguarding_case_state_opened')

    op.drop_table('safeguarding_case')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_thread_status_created')
        batch_op.drop_index(batch_op.f('ix_comment_parent_id'))
        batch_op.drop_index(batch_op.f('ix_comment_author_id'))

    op.drop_table('comment')
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.drop_index('ix_thread_subject_activity')
        batch_op.drop_index(batch_op.f('ix_thread_group_id'))

    op.drop_table('thread')
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.drop_index('ix_review_item_queue')
        batch_op.drop_index(batch_op.f('ix_review_item_group_id'))
        batch_op.drop_index('ix_review_item_content')

    op.drop_table('review_item')
    op.drop_table('watched_word')
    with op.batch_alter_table('screen_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screen_event_created_at'))
        batch_op.drop_index('ix_screen_event_author_created')

    op.drop_table('screen_event')
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_flag_created_at'))

    op.drop_table('flag')
