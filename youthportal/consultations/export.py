"""A member's consultations in "my data": their proposals and the proposals they support."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.consultations.models import Proposal, Support
from youthportal.extensions import db


@exporter("proposals")
def _proposals(user) -> list:
    rows = db.session.scalars(
        select(Proposal).where(Proposal.author_id == user.id).order_by(Proposal.created_at)
    )
    return [
        {
            "consultation": p.consultation_id,
            "title": p.title,
            "text": p.body,
            "status": p.status.value,
            "merged_into": p.merged_into_id,
            "created_at": p.created_at,
        }
        for p in rows
    ]


@exporter("supports")
def _supports(user) -> list:
    rows = db.session.execute(
        select(Support.proposal_id, Support.consultation_id, Support.created_at).where(
            Support.user_id == user.id
        )
    )
    return [{"proposal": pid, "consultation": cid, "at": at} for pid, cid, at in rows]
