"""Moderation integrity: one open review item and one active safeguarding case per piece of
content, one appeal per decision or sanction, and when a comment was first published.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 03:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
    # Only what is published now is known to have been published.
    op.execute("UPDATE comment SET published_at = created_at WHERE status = 'published'")

    # Earlier versions allowed a second appeal on the same decision; keep the first.
    for column in ("review_item_id", "sanction_id"):
        op.execute(
            f"DELETE FROM appeal WHERE {column} IS NOT NULL AND id NOT IN "
            f"(SELECT MIN(id) FROM appeal WHERE {column} IS NOT NULL GROUP BY {column})"
        )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_appeal_review_item", ["review_item_id"])
        batch_op.create_unique_constraint("uq_appeal_sanction", ["sanction_id"])

    op.create_index(
        "uq_review_item_open_content",
        "review_item",
        ["content_type", "content_id"],
        unique=True,
        sqlite_where=sa.text("state = 'open'"),
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index(
        "uq_safeguarding_case_active_content",
        "safeguarding_case",
        ["content_type", "content_id"],
        unique=True,
        sqlite_where=sa.text("state != 'closed'"),
        postgresql_where=sa.text("state != 'closed'"),
    )


def downgrade():
    op.drop_index("uq_safeguarding_case_active_content", table_name="safeguarding_case")
    op.drop_index("uq_review_item_open_content", table_name="review_item")
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_constraint("uq_appeal_sanction", type_="unique")
        batch_op.drop_constraint("uq_appeal_review_item", type_="unique")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_column("published_at")
