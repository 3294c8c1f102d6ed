"""Moving a report through review: draft → in review → changes requested ↔ draft →
approved → (the adoption vote, see reports.adoption). Who may make each move is decided in
core.permissions; every move is audit-logged and tells the people involved."""

from flask import url_for
from sqlalchemy import exists, select

from youthportal.accounts.models import User
from youthportal.accounts.services import group_facilitators
from youthportal.core import audit
from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_facilitator, may_move_report
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.reports.drafting import Refused, authors
from youthportal.reports.models import Report, Section, State
from youthportal.safety import screen
from youthportal.safety.models import ModerationStatus


def has_text(report: Report) -> bool:
    return db.session.scalar(
        select(
            exists().where(
                Section.report_id == report.id,
                Section.deleted_at.is_(None),
                Section.body != "",
            )
        )
    )


def has_waiting_text(report: Report) -> bool:
    """Is any of its text (title, summary, a section) still waiting for a moderator?"""
    if report.status != ModerationStatus.PUBLISHED:
        return True
    return db.session.scalar(
        select(
            exists().where(
                Section.report_id == report.id,
                Section.deleted_at.is_(None),
                Section.status != ModerationStatus.PUBLISHED,
            )
        )
    )


def cohort_facilitators(report: Report) -> list[User]:
    """Who may review: the cohort's facilitators who still hold a facilitator's role."""
    return [user for user in group_facilitators(report.cohort_id) if is_facilitator(user)]


def move(user, report: Report, to: State, note: str = "", locale=None) -> None:
    """Checks the move, makes it and tells those concerned. Raises Refused."""
    lock_row(report)  # two clicks at once: the second sees the first's state
    db.session.refresh(report)
    if not may_move_report(user, report, to):
        raise Refused("not_allowed")
    if to == State.IN_REVIEW and not has_text(report):
        raise Refused("no_sections")
    if to == State.APPROVED and has_waiting_text(report):
        raise Refused("waiting")
    note = (note or "").strip()
    if to == State.CHANGES_REQUESTED and not note:
        raise Refused("note_required")
    if note:  # read by the whole cohort: screened, and shown only if it passed
        verdict = screen(note, user, locale, content_type="report", group_id=report.cohort_id)
        if verdict.urgent:
            raise Refused("urgent", verdict, words=note)
        if not verdict.ok:
            raise Refused("text", verdict)
        note = verdict.text
    previous = report.state
    report.state = to
    report.updated_at = utcnow()
    if to == State.IN_REVIEW and report.reviewer_id is None:
        facilitators = cohort_facilitators(report)
        report.reviewer_id = facilitators[0].id if facilitators else None
    if to in (State.CHANGES_REQUESTED, State.APPROVED):
        report.review_note = note or None
    audit.record(user, f"report.{to.value}", report, previous=previous.value, note=note)
    _tell(report, to, user)


def take_review(user, report: Report) -> None:
    """A facilitator of the cohort becomes the report's reviewer."""
    from youthportal.core.permissions import may_take_report_review

    if not may_take_report_review(user, report):
        raise Refused("not_allowed")
    report.reviewer_id = user.id
    audit.record(user, "report.reviewer", report)


def _tell(report: Report, to: State, actor) -> None:
    link = url_for("reports.detail", report_id=report.id)
    if to == State.IN_REVIEW:
        reviewers = [report.reviewer] if report.reviewer is not None else []
        for reviewer in reviewers or cohort_facilitators(report):
            notify(reviewer, "report_review_requested", link, title=report.title)
        return
    for author in authors(report):
        if author.user_id != actor.id:
            notify(author.user, "report_state", link, title=report.title, state_code=to.value)
