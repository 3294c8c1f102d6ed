"""Reports of the Youth Parliament: topics (with a default list), a cohort's adoption rules,
reports, co-authors, sections, revisions, suggestions, sources, adopted versions and their
numbered recommendations; comments can be marked resolved; a poll option can carry a fixed
answer key (yes, no, abstain of an adoption vote).

Revision ID: 0007
Revises: 0006

"""
import warnings

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_topic')),
    sa.UniqueConstraint('key', name=op.f('uq_report_topic_key'))
    )
    op.create_table('report_cohort_rules',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('quorum_percent', sa.Integer(), nullable=False),
    sa.Column('majority', sa.Enum('simple', 'absolute', 'two_thirds', name='majority', native_enum=False, length=32), nullable=False),
    sa.Column('credit_collectively', sa.Boolean(), nullable=False),
    sa.Column('secret_vote', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['youth_group.id'], name=op.f('fk_report_cohort_rules_group_id_youth_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', name=op.f('pk_report_cohort_rules'))
    )
    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('draft', 'in_review', 'changes_requested', 'approved', 'voting', 'adopted', 'not_adopted', name='state', native_enum=False, length=32), nullable=False),
    sa.Column('structure_version', sa.Integer(), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('vote_poll_id', sa.Integer(), nullable=True),
    sa.Column('vote_rules', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cohort_id'], ['youth_group.id'], name=op.f('fk_report_cohort_id_youth_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_report_owner_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], name=op.f('fk_report_reviewer_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['report_topic.id'], name=op.f('fk_report_topic_id_report_topic'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['vote_poll_id'], ['poll.id'], name=op.f('fk_report_vote_poll_id_poll'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_report_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index('ix_report_cohort_state', ['cohort_id', 'state', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_topic_id'), ['topic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_updated_at'), ['updated_at'], unique=False)

    op.create_table('report_author',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_author_report_id_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_report_author_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'user_id', name=op.f('pk_report_author'))
    )
    with op.batch_alter_table('report_author', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_author_user_id'), ['user_id'], unique=False)

    op.create_table('report_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('public_title', sa.String(length=160), nullable=False),
    sa.Column('public_body', sa.Text(), nullable=False),
    sa.Column('public_revision', sa.Integer(), nullable=False),
    sa.Column('withheld', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_section_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_section'))
    )
    with op.batch_alter_table('report_section', schema=None) as batch_op:
        batch_op.create_index('ix_report_section_report', ['report_id', 'deleted_at', 'position'], unique=False)

    op.create_table('report_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('vote', sa.JSON(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('credit_collectively', sa.Boolean(), nullable=False),
    sa.Column('author_ids', sa.JSON(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_version_report_id_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['report_topic.id'], name=op.f('fk_report_version_topic_id_report_topic'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_version')),
    sa.UniqueConstraint('report_id', 'number', name='uq_report_version_report_number')
    )
    with op.batch_alter_table('report_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_version_adopted_at'), ['adopted_at'], unique=False)

    op.create_table('report_recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('section_index', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['report_version.id'], name=op.f('fk_report_recommendation_version_id_report_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_recommendation'))
    )
    with op.batch_alter_table('report_recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_recommendation_version_id'), ['version_id'], unique=False)

    op.create_table('report_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('edit', 'merge', 'resolved', 'restore', 'suggestion', 'moderation', name='revisionkind', native_enum=False, length=32), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('base_number', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('suggestion_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('withheld', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_report_revision_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['report_section.id'], name=op.f('fk_report_revision_section_id_report_section'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_revision')),
    sa.UniqueConstraint('section_id', 'number', name='uq_report_revision_section_number')
    )
    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_revision_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_report_revision_created', ['section_id', 'created_at'], unique=False)

    op.create_table('report_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('consultation', 'poll', 'discussion', 'idea', name='sourcekind', native_enum=False, length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], name=op.f('fk_report_source_added_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_source_report_id_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['report_section.id'], name=op.f('fk_report_source_section_id_report_section'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_source')),
    sa.UniqueConstraint('report_id', 'kind', 'target_id', 'section_id', name='uq_report_source')
    )
    with op.batch_alter_table('report_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_source_report_id'), ['report_id'], unique=False)

    op.create_table('report_suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('base_number', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'hidden', 'removed', name='moderationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('open', 'accepted', 'declined', 'withdrawn', name='suggestionstate', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_report_suggestion_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_report_suggestion_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['report_section.id'], name=op.f('fk_report_suggestion_section_id_report_section'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_suggestion'))
    )
    with op.batch_alter_table('report_suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_suggestion_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_suggestion_section_id'), ['section_id'], unique=False)
        batch_op.create_index('ix_report_suggestion_state', ['section_id', 'state'], unique=False)

    # A revision credits the suggestion it came from; the suggestion table exists only now.
    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_report_revision_suggestion_id_report_suggestion'), 'report_suggestion', ['suggestion_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('resolved_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_resolved_by_id_user'), 'user', ['resolved_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('poll_option', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=16), nullable=True))

    _seed_topics()



TOPICS = (
    ("internet-safety", "Siguria në internet", "Internet safety", "Bezbednost na internetu",
     "Безбедност на интернет", "Sigurnost na internetu"),
    ("education", "Arsimi", "Education", "Obrazovanje", "Образование", "Obrazovanje"),
    ("health", "Shëndeti", "Health", "Zdravlje", "Здравје", "Zdravlje"),
    ("violence", "Mbrojtja nga dhuna", "Protection from violence", "Zaštita od nasilja",
     "Заштита од насилство", "Zaštita od nasilja"),
    ("participation", "Pjesëmarrja", "Participation", "Učešće", "Учество", "Učešće"),
    ("social-protection", "Mbrojtja sociale", "Social protection", "Socijalna zaštita",
     "Социјална заштита", "Socijalna zaštita"),
    ("environment", "Mjedisi", "Environment", "Životna sredina", "Животна средина",
     "Okoliš"),
)


def _seed_topics():
    topic = sa.table(
        "report_topic",
        sa.column("key", sa.String),
        sa.column("names", sa.JSON),
        sa.column("position", sa.Integer),
        sa.column("is_active", sa.Boolean),
    )
    op.bulk_insert(
        topic,
        [
            {
                "key": key,
                "names": dict(zip(("sq", "en", "sr", "mk", "bs"), names, strict=True)),
                "position": position,
                "is_active": True,
            }
            for position, (key, *names) in enumerate(TOPICS, start=1)
        ],
    )


def downgrade():
    # SQLite rebuilds poll_option to drop a column, reflecting the tables it points at; the
    # lower(name) index of hack_team cannot be reflected there, and need not be.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
        with op.batch_alter_table('poll_option', schema=None) as batch_op:
            batch_op.drop_column('key')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_resolved_by_id_user'), type_='foreignkey')
        batch_op.drop_column('resolved_by_id')
        batch_op.drop_column('resolved_at')

    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_report_revision_suggestion_id_report_suggestion'), type_='foreignkey')

    with op.batch_alter_table('report_suggestion', schema=None) as batch_op:
        batch_op.drop_index('ix_report_suggestion_state')
        batch_op.drop_index(batch_op.f('ix_report_suggestion_section_id'))
        batch_op.drop_index(batch_op.f('ix_report_suggestion_author_id'))

    op.drop_table('report_suggestion')
    with op.batch_alter_table('report_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_source_report_id'))

    op.drop_table('report_source')
    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_report_revision_created')
        batch_op.drop_index(batch_op.f('ix_report_revision_author_id'))

    op.drop_table('report_revision')
    with op.batch_alter_table('report_recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_recommendation_version_id'))

    op.drop_table('report_recommendation')
    with op.batch_alter_table('report_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_version_adopted_at'))

    op.drop_table('report_version')
    with op.batch_alter_table('report_section', schema=None) as batch_op:
        batch_op.drop_index('ix_report_section_report')

    op.drop_table('report_section')
    with op.batch_alter_table('report_author', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_author_user_id'))

    op.drop_table('report_author')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_updated_at'))
        batch_op.drop_index(batch_op.f('ix_report_topic_id'))
        batch_op.drop_index(batch_op.f('ix_report_state'))
        batch_op.drop_index(batch_op.f('ix_report_reviewer_id'))
        batch_op.drop_index('ix_report_cohort_state')
        batch_op.drop_index(batch_op.f('ix_report_cohort_id'))

    op.drop_table('report')
    op.drop_table('report_cohort_rules')
    op.drop_table('report_topic')
