"""Suggestions: cohort members (and co-authors who prefer it) propose a new text for a
section; a co-author accepts it (a revision credited to the suggestion) or declines it with
a reason. A suggestion written on an older text is never applied blindly."""

from flask import url_for
from sqlalchemy import select

from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import may_decide_suggestion, may_suggest_in_report
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.reports import editing
from youthportal.reports.drafting import Refused, authors
from youthportal.reports.models import (
    EDITABLE_STATES,
    Report,
    RevisionKind,
    Section,
    Suggestion,
    SuggestionState,
)
from youthportal.safety import screen, screen_parts
from youthportal.safety.content import status_for, visible
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit


def suggest(user, report: Report, section: Section, body: str, base_number: int, note, locale):
    if not may_suggest_in_report(user, report):
        raise Refused("frozen" if report.state not in EDITABLE_STATES else "not_member")
    # Suggestions are written on the text every member may read, never on held words.
    base = editing.revision_of(section, base_number)
    if base is None or base.status != ModerationStatus.PUBLISHED or base.withheld:
        raise Refused("stale")
    body = editing.normalise(body)
    verdict, (note, body) = screen_parts(
        [note, body], user, locale, content_type="report_suggestion", group_id=report.cohort_id
    )
    if verdict.blocked:
        raise Refused("text", verdict)
    suggestion = Suggestion(
        section_id=section.id,
        author_id=user.id,
        body=body,
        note=note[:200],
        base_number=base_number,
        status=status_for(verdict),
    )
    db.session.add(suggestion)
    db.session.flush()
    after_submit(suggestion, verdict)
    if suggestion.status == ModerationStatus.PUBLISHED:
        tell_authors(report, section, user)
    return suggestion, verdict


def tell_authors(report: Report, section: Section, suggester) -> None:
    link = url_for("reports.section", report_id=report.id, section_id=section.id)
    for author in authors(report):
        if suggester is None or author.user_id != suggester.id:
            notify(author.user, "report_suggestion", link, title=report.title)


def _check_open(user, report: Report, suggestion: Suggestion) -> None:
    if not may_decide_suggestion(user, report):
        raise Refused("not_author")
    lock_row(suggestion)
    db.session.refresh(suggestion)
    if suggestion.state != SuggestionState.OPEN:
        raise Refused("suggestion_closed")


def accept(
    user, report: Report, section: Section, suggestion: Suggestion, seen_revision: int, locale
):
    """Applies the suggestion as written on the section's newest text; refused when the
    section changed since the suggestion (or since the author looked at it)."""
    _check_open(user, report, suggestion)
    if suggestion.status != ModerationStatus.PUBLISHED:
        raise Refused("suggestion_waiting")
    lock_row(section)
    db.session.refresh(section)
    if seen_revision != section.revision:
        raise Refused("stale")
    if suggestion.base_number != section.revision:
        raise Refused("suggestion_stale")
    outcome = editing.save(
        user,
        report,
        section,
        title=section.title,
        body=suggestion.body,
        base_revision=section.revision,
        note=suggestion.note,
        locale=locale,
        kind=RevisionKind.SUGGESTION,
        suggestion=suggestion,
    )
    close(user, suggestion, SuggestionState.ACCEPTED)
    return outcome


def close(user, suggestion: Suggestion, state: SuggestionState, reason: str | None = None):
    suggestion.state = state
    suggestion.decided_by_id = user.id
    suggestion.decided_at = utcnow()
    suggestion.reason = reason
    if suggestion.author is not None and suggestion.author_id != user.id:
        section = db.session.get(Section, suggestion.section_id)
        notify(
            suggestion.author,
            "report_suggestion_decided",
            url_for("reports.section", report_id=section.report_id, section_id=section.id),
            decision_code=state.value,
        )


def decline(user, report: Report, suggestion: Suggestion, reason: str, locale) -> None:
    _check_open(user, report, suggestion)
    if suggestion.status != ModerationStatus.PUBLISHED:
        raise Refused("suggestion_waiting")
    reason = (reason or "").strip()
    if not reason:
        raise Refused("reason_required")
    verdict = screen(
        reason, user, locale, content_type="report_suggestion", group_id=report.cohort_id
    )
    if verdict.urgent:
        raise Refused("urgent", verdict, words=reason)
    if verdict.blocked:
        raise Refused("text", verdict)
    # The reason is read only by the person who suggested: a held reason waits unshown.
    close(user, suggestion, SuggestionState.DECLINED, verdict.text if verdict.ok else None)


def withdraw(user, suggestion: Suggestion) -> None:
    if suggestion.author_id != user.id:
        raise Refused("not_allowed")
    lock_row(suggestion)
    db.session.refresh(suggestion)
    if suggestion.state != SuggestionState.OPEN:
        raise Refused("suggestion_closed")
    suggestion.state = SuggestionState.WITHDRAWN
    suggestion.decided_at = utcnow()


def credit_if_applied(user, suggestion_id: int | None, section: Section, revision=None) -> None:
    """An author combined a stale suggestion by hand in the editor: credit it as accepted,
    and the saved revision to it (as accepting it directly does)."""
    if not suggestion_id:
        return
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.section_id != section.id:
        return
    if suggestion.state != SuggestionState.OPEN or suggestion.status != ModerationStatus.PUBLISHED:
        return
    if revision is not None:
        revision.suggestion_id = suggestion.id
    close(user, suggestion, SuggestionState.ACCEPTED)


def open_stmt(section_ids, user):
    return (
        select(Suggestion)
        .where(
            Suggestion.section_id.in_(section_ids),
            Suggestion.state == SuggestionState.OPEN,
            visible(Suggestion, user),
        )
        .order_by(Suggestion.created_at, Suggestion.id)
    )


def all_stmt(section: Section, user):
    return (
        select(Suggestion)
        .where(Suggestion.section_id == section.id, visible(Suggestion, user))
        .order_by(Suggestion.created_at.desc(), Suggestion.id.desc())
    )
