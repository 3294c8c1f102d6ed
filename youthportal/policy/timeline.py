"""A report's public timeline: adopted → sent → read → answered → commitments, with dates.
A fixed handful of queries, whatever the number of institutions or commitments."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from youthportal.extensions import db
from youthportal.policy.inbox import delivered
from youthportal.policy.models import Commitment, CommitmentUpdate, Sending, Submission
from youthportal.safety.models import ModerationStatus


@dataclass
class Event:
    at: datetime
    kind: str  # adopted, sent, read, answered, commitment, commitment_update
    subject: object
    detail: object = None


def report_submissions(report_id: int) -> list[Submission]:
    return list(
        db.session.scalars(
            select(Submission)
            .join(Sending, Sending.id == Submission.sending_id)
            .where(Sending.report_id == report_id, delivered())
            .order_by(Submission.sent_at, Submission.id)
        )
    )


def events(report, versions, submissions: list[Submission]) -> list[Event]:
    found = [Event(v.adopted_at, "adopted", v) for v in versions]
    for s in submissions:
        found.append(Event(s.sent_at, "sent", s))
        if s.read_at:
            found.append(Event(s.read_at, "read", s))
        if s.answered_at:
            found.append(Event(s.answered_at, "answered", s))
    answered = [s.id for s in submissions if s.answered_at]
    if answered:
        commitments = {
            c.id: c
            for c in db.session.scalars(
                select(Commitment).where(Commitment.submission_id.in_(answered))
            )
        }
        updates = db.session.scalars(
            select(CommitmentUpdate)
            .where(
                CommitmentUpdate.commitment_id.in_(list(commitments)),
                CommitmentUpdate.status == ModerationStatus.PUBLISHED,
            )
            .order_by(CommitmentUpdate.created_at, CommitmentUpdate.id)
        )
        seen = set()
        for update in updates:
            commitment = commitments[update.commitment_id]
            kind = "commitment_update" if commitment.id in seen else "commitment"
            seen.add(commitment.id)
            found.append(Event(update.created_at, kind, commitment, update))
    found.sort(key=lambda e: e.at)
    return found
