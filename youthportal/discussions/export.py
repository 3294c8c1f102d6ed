"""A member's comments and reactions in "my data"."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.discussions.models import Comment, Reaction
from youthportal.extensions import db


@exporter("comments")
def _comments(user) -> list:
    rows = db.session.scalars(
        select(Comment).where(Comment.author_id == user.id).order_by(Comment.created_at)
    )
    return [
        {
            # The thread by number only: its title may be someone else's words.
            "thread": c.thread_id,
            "thread_title": c.thread.title if c.thread.author_id == user.id else None,
            "text": c.body,
            "status": c.status.value,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
        }
        for c in rows
    ]


@exporter("reactions")
def _reactions(user) -> list:
    rows = db.session.execute(
        select(Reaction.comment_id, Reaction.kind, Reaction.created_at).where(
            Reaction.user_id == user.id
        )
    )
    return [{"comment": cid, "reaction": kind.value, "at": at} for cid, kind, at in rows]
