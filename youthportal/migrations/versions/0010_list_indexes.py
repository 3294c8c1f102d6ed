"""Indexes in the order of the long lists: a thread's top-level comments, a consultation's
most supported proposals and the review queue (urgent first, then the oldest), so that a
late page is read from the index instead of sorting every row first (bench/run.py at
national size).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment") as batch_op:
        batch_op.create_index(
            "ix_comment_thread_top_level",
            ["thread_id", sa.literal_column("is_opening DESC"), "created_at", "id"],
            postgresql_where=sa.text("parent_id IS NULL"),
            sqlite_where=sa.text("parent_id IS NULL"),
        )
    with op.batch_alter_table("proposal") as batch_op:
        batch_op.create_index(
            "ix_proposal_supported",
            ["consultation_id", sa.literal_column("support_count DESC"), "created_at", "id"],
            postgresql_where=sa.text("merged_into_id IS NULL"),
            sqlite_where=sa.text("merged_into_id IS NULL"),
        )
    with op.batch_alter_table("review_item") as batch_op:
        batch_op.drop_index("ix_review_item_queue")
        batch_op.create_index(
            "ix_review_item_queue", ["state", sa.literal_column("urgent DESC"), "opened_at", "id"]
        )


def downgrade():
    with op.batch_alter_table("review_item") as batch_op:
        batch_op.drop_index("ix_review_item_queue")
        batch_op.create_index("ix_review_item_queue", ["state", "urgent", "opened_at"])
    with op.batch_alter_table("proposal") as batch_op:
        batch_op.drop_index("ix_proposal_supported")
    with op.batch_alter_table("comment") as batch_op:
        batch_op.drop_index("ix_comment_thread_top_level")
