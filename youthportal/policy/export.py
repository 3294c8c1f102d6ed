"""A member's part of the loop with policy-makers in "my data": ratings they gave, replies
and "what changed" summaries they wrote, answers and commitment updates (officials), and
what they follow."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.extensions import db
from youthportal.policy.models import (
    CohortReply,
    CommitmentUpdate,
    Follow,
    ImpactSummary,
    Rating,
    Response,
    Sending,
)


@exporter("policy_ratings")
def _ratings(user) -> list:
    rows = db.session.scalars(select(Rating).where(Rating.user_id == user.id))
    return [
        {
            "submission": r.submission_id,
            "clear": r.clear,
            "answers_us": r.answers_us,
            "believable": r.believable,
            "rated_at": r.created_at,
        }
        for r in rows
    ]


@exporter("policy_texts")
def _texts(user) -> list:
    """Every text the member wrote on this part of the portal, with where and when."""
    found = []
    for model, kind, text in (
        (Sending, "cover_letter", lambda r: r.cover_letter),
        (Response, "answer", lambda r: r.body),
        (CohortReply, "reply", lambda r: r.body),
        (ImpactSummary, "what_changed", lambda r: r.body),
        (CommitmentUpdate, "commitment_update", lambda r: r.note),
    ):
        for row in db.session.scalars(select(model).where(model.author_id == user.id)):
            found.append(
                {
                    "kind": kind,
                    "id": row.id,
                    "text": text(row),
                    "status": row.status.value,
                    "at": row.created_at,
                }
            )
    return found


@exporter("policy_follows")
def _follows(user) -> list:
    rows = db.session.scalars(select(Follow).where(Follow.user_id == user.id))
    return [{"target": f.target.value, "id": f.target_id, "since": f.created_at} for f in rows]
