"""`youthportal send-reminders`: safe to run hourly from cron, and twice at once.

Institutions are nudged 14 days and 1 day before the requested answer date and once it is
overdue; commitment owners when a promised date passes; the followers of a commitment are
asked "did it happen?" four weeks after it. Each reminder has a key (its target, its stage
and the date it is about); the key is inserted first, so no reminder is ever sent twice,
and a changed date is a new reminder. A missed stage is skipped, never sent late: a
submission already one day from its date gets the one-day nudge only.
"""

from datetime import date, timedelta

from flask import current_app, url_for
from sqlalchemy import select

from youthportal.core.database import insert_if_absent
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.policy import dates
from youthportal.policy.follows import tell_followers
from youthportal.policy.inbox import delivered
from youthportal.policy.models import (
    OPEN_COMMITMENT_STATUSES,
    Commitment,
    FollowTarget,
    ReminderSent,
    Submission,
)
from youthportal.policy.sending import invite_to_claim, officials


def _stage(due: date, today: date) -> str | None:
    if today > due:
        return "overdue"
    for days in sorted(current_app.config["POLICY_REMINDER_DAYS_BEFORE"]):
        if today >= due - timedelta(days=days):
            return f"before-{days}"
    return None


def _claim(key: str) -> bool:
    """True the first time a key is seen (the row is part of this transaction)."""
    return insert_if_absent(ReminderSent, key=key[:80])


def send_reminders(today: date | None = None) -> dict[str, int]:
    today = today or dates.today()
    staff: dict[int, list] = {}

    def officials_of(institution_id: int) -> list:
        """Each institution's officials, asked for once per run."""
        if institution_id not in staff:
            staff[institution_id] = officials(institution_id)
        return staff[institution_id]

    sent = {"submissions": 0, "commitments": 0, "did_it_happen": 0}
    horizon = today + timedelta(days=max(current_app.config["POLICY_REMINDER_DAYS_BEFORE"]))
    open_submissions = db.session.scalars(
        select(Submission)
        .where(
            Submission.answered_at.is_(None),
            Submission.requested_by <= horizon,
            delivered(),
        )
        .order_by(Submission.id)
    )
    for submission in open_submissions:
        stage = _stage(submission.requested_by, today)
        if stage and _claim(f"submission:{submission.id}:{stage}:{submission.requested_by}"):
            _remind_institution(submission, stage, officials_of(submission.institution_id))
            sent["submissions"] += 1
    for commitment in _due_commitments(today):
        if _claim(f"commitment:{commitment.id}:due:{commitment.expected_by}"):
            link = url_for("policy.commitment", commitment_id=commitment.id)
            for official in officials_of(commitment.institution_id):
                notify(official, "commitment_due", link, title=commitment.text[:80])
            sent["commitments"] += 1
    asked_after = timedelta(days=current_app.config["POLICY_DID_IT_HAPPEN_DAYS"])
    for commitment in _due_commitments(today - asked_after):
        if _claim(f"commitment:{commitment.id}:asked:{commitment.expected_by}"):
            tell_followers(
                FollowTarget.COMMITMENT,
                [commitment.id],
                "commitment_did_it_happen",
                url_for("policy.commitment", commitment_id=commitment.id),
                skip=officials_of(commitment.institution_id),  # the question is for the youth
                title=commitment.text[:80],
            )
            sent["did_it_happen"] += 1
    db.session.flush()
    return sent


def _due_commitments(before: date):
    return db.session.scalars(
        select(Commitment)
        .where(
            Commitment.state.in_(OPEN_COMMITMENT_STATUSES),
            Commitment.expected_by < before,
            Commitment.submission_id.in_(
                select(Submission.id).where(Submission.answered_at.is_not(None))
            ),
        )
        .order_by(Commitment.id)
    ).all()


def _remind_institution(submission: Submission, stage: str, people: list) -> None:
    link = url_for("policy.submission", submission_id=submission.id)
    kind = "submission_overdue" if stage == "overdue" else "submission_due_soon"
    for official in people:
        notify(
            official,
            kind,
            link,
            title=submission.sending.title,
            date_iso=submission.requested_by.isoformat(),
        )
    if not people and submission.claimed_at is None:
        invite_to_claim(submission)  # a fresh link: the first one may have expired
