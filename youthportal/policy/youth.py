"""What the young people make of an answer: their ratings (only averages, only from k), their
short public "our reply", and the facilitator's "what changed because of your work"."""

from flask import current_app, url_for
from sqlalchemy import func, select

from youthportal.core import audit
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import looks_after_sending, speaks_for_sending
from youthportal.extensions import db
from youthportal.policy.models import CohortReply, ImpactSummary, Rating, Submission
from youthportal.policy.sending import Refused
from youthportal.safety import screen
from youthportal.safety.content import status_for, visible
from youthportal.safety.review import after_submit

SCALE = range(1, 6)


def rate(user, submission: Submission, clear: int, answers_us: int, believable: int) -> Rating:
    if submission.answered_at is None:
        raise Refused("not_answered")
    if not speaks_for_sending(user, submission.sending):
        raise Refused("forbidden")
    if any(value not in SCALE for value in (clear, answers_us, believable)):
        raise Refused("incomplete")
    values = {"clear": clear, "answers_us": answers_us, "believable": believable}
    if not insert_if_absent(Rating, submission_id=submission.id, user_id=user.id, **values):
        rating = db.session.get(Rating, (submission.id, user.id))
        for name, value in values.items():
            setattr(rating, name, value)
    db.session.flush()
    return db.session.get(Rating, (submission.id, user.id))


def my_rating(user, submission: Submission) -> Rating | None:
    if not user.is_authenticated:
        return None
    return db.session.get(Rating, (submission.id, user.id))


def rating_summary(submission: Submission) -> dict | None:
    """Averages of the three questions, or None below k ratings (so nobody's rating can be
    worked out)."""
    row = db.session.execute(
        select(
            func.count(),
            func.avg(Rating.clear),
            func.avg(Rating.answers_us),
            func.avg(Rating.believable),
        ).where(Rating.submission_id == submission.id)
    ).one()
    count = row[0]
    if count < current_app.config["POLICY_RATING_MIN"]:
        return {"count": count, "shown": False}
    return {
        "count": count,
        "shown": True,
        "clear": round(float(row[1]), 1),
        "answers_us": round(float(row[2]), 1),
        "believable": round(float(row[3]), 1),
    }


# Our reply -------------------------------------------------------------------------------


def reply(user, submission: Submission, body: str, locale) -> tuple[CohortReply, object]:
    if submission.answered_at is None:
        raise Refused("not_answered")
    if not speaks_for_sending(user, submission.sending):
        raise Refused("forbidden")
    verdict = screen(
        body, user, locale, content_type="policy_reply", group_id=submission.sending.cohort_id
    )
    if verdict.blocked:
        raise Refused("screening", verdict)
    row = CohortReply(
        submission_id=submission.id,
        body=verdict.text,
        author_id=user.id,
        status=status_for(verdict),
    )
    db.session.add(row)
    db.session.flush()
    after_submit(row, verdict)
    audit.record(user, "policy.replied", submission, reply_id=row.id)
    return row, verdict


def replies_stmt(submission: Submission, user):
    return (
        select(CohortReply)
        .where(CohortReply.submission_id == submission.id, visible(CohortReply, user))
        .order_by(CohortReply.created_at, CohortReply.id)
    )


# What changed because of your work ---------------------------------------------------------


def impact_of(report_id: int) -> ImpactSummary | None:
    return db.session.scalar(select(ImpactSummary).where(ImpactSummary.report_id == report_id))


def save_impact(user, report, sending, body: str, locale) -> tuple[ImpactSummary, object]:
    if not looks_after_sending(user, sending):
        raise Refused("forbidden")
    verdict = screen(body, user, locale, content_type="policy_impact", group_id=report.cohort_id)
    if verdict.blocked:
        raise Refused("screening", verdict)
    summary = impact_of(report.id)
    edited = summary is not None
    if summary is None:
        summary = ImpactSummary(report_id=report.id, body="")
        db.session.add(summary)
    summary.body = verdict.text
    summary.author_id = user.id
    summary.status = status_for(verdict)
    summary.updated_at = utcnow()
    db.session.flush()
    after_submit(summary, verdict, edited=edited)
    audit.record(user, "policy.impact_saved", report)
    if summary.status.value == "published":
        tell_cohort_of_impact(report)
    return summary, verdict


def tell_cohort_of_impact(report) -> None:
    from youthportal.core import audience as audiences
    from youthportal.notifications.services import notify

    cohort = audiences.Audience(kind="groups", group_ids=(report.cohort_id,))
    members = db.session.scalars(audiences.members_stmt(cohort))
    link = url_for("policy.timeline", report_id=report.id)
    for member in members:
        notify(member, "policy_impact", link, title=report.title)
