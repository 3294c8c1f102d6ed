"""An institution's inbox: what was sent to it, new, read, answered or overdue. Opening a
submission marks it read for the institution (the youth see which institution read it and
when, never which person)."""

from flask import url_for
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import joinedload

from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.policy import dates
from youthportal.policy.follows import tell_followers
from youthportal.policy.models import FollowTarget, Sending, Submission
from youthportal.safety.models import ModerationStatus

BOXES = ("new", "read", "answered", "overdue", "all")


def delivered():
    """Submissions whose letter is public (a held letter has not been sent yet)."""
    return Submission.sending_id.in_(
        select(Sending.id).where(Sending.status == ModerationStatus.PUBLISHED)
    )


def _box_filter(box: str):
    unanswered = Submission.answered_at.is_(None)
    return {
        "new": Submission.read_at.is_(None) & unanswered,
        "read": Submission.read_at.is_not(None) & unanswered,
        "answered": Submission.answered_at.is_not(None),
        "overdue": unanswered & (Submission.requested_by < dates.today()),
        "all": None,
    }[box]


def inbox_stmt(institution_id: int, box: str):
    stmt = (
        select(Submission)
        .options(
            # The list shows titles: not the sendings' recommendations (selectin by default).
            joinedload(Submission.sending).lazyload(Sending.recommendations),
            joinedload(Submission.institution),
        )
        .where(Submission.institution_id == institution_id, delivered())
    )
    condition = _box_filter(box)
    if condition is not None:
        stmt = stmt.where(condition)
    return stmt.order_by(Submission.sent_at.desc(), Submission.id.desc())


def box_counts(institution_id: int) -> dict[str, int]:
    """Every box's count in one query."""
    columns = [
        func.coalesce(func.sum(case((_box_filter(box), 1), else_=0)), 0).label(box)
        for box in BOXES
        if box != "all"
    ]
    row = db.session.execute(
        select(*columns, func.count(Submission.id).label("all")).where(
            Submission.institution_id == institution_id, delivered()
        )
    ).one()
    return dict(row._mapping)


def mark_read(user, submission: Submission) -> bool:
    """The first opening by an official of the institution; later ones change nothing."""
    if submission.read_at is not None:
        return False
    now = utcnow()
    # Conditional, so two officials opening it at once notify the followers once.
    marked = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.read_at.is_(None))
        .values(read_at=now, read_days=dates.days_between(submission.sent_at, now))
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if not marked:
        return False
    audit.record(user, "policy.read", submission)
    tell_followers(
        FollowTarget.SUBMISSION,
        [submission.id],
        "submission_read",
        url_for("policy.submission", submission_id=submission.id),
        title=submission.sending.title,
        institution=submission.institution.name,
    )
    return True
