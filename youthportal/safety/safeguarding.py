"""Safeguarding cases: possible disclosures of harm reach the safeguarding leads at once.

The alert (in-app and e-mail) carries no child's words, only a link to the case.
"""

from flask import url_for
from sqlalchemy import select

from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.safety.models import CaseNote, CaseSource, CaseState, SafeguardingCase


def leads() -> list[User]:
    """The safeguarding leads; if there are none yet, the admins, so no alert is lost."""
    for role in (Role.SAFEGUARDING_LEAD, Role.ADMIN):
        found = list(
            db.session.scalars(
                select(User).where(User.role == role, User.status == AccountStatus.ACTIVE)
            )
        )
        if found:
            return found
    return []


def open_case(
    content_type: str,
    content_id: int,
    *,
    subject_id: int | None,
    source: CaseSource,
    categories: list[str],
    review_item=None,
    actor=None,
) -> SafeguardingCase:
    existing = db.session.scalar(
        select(SafeguardingCase).where(
            SafeguardingCase.content_type == content_type,
            SafeguardingCase.content_id == content_id,
            SafeguardingCase.state != CaseState.CLOSED,
        )
    )
    if existing is not None:
        existing.categories = sorted(set(existing.categories) | set(categories))
        return existing
    case = SafeguardingCase(
        content_type=content_type,
        content_id=content_id,
        subject_id=subject_id,
        source=source,
        categories=sorted(set(categories)),
        review_item_id=review_item.id if review_item is not None else None,
    )
    db.session.add(case)
    db.session.flush()
    audit.record(actor, "safeguarding.opened", case, source=source.value)
    link = url_for("safeguarding.case", case_id=case.id)
    for lead in leads():
        notify(lead, "safeguarding_alert", link=link)
    return case


def acknowledge(case: SafeguardingCase, lead: User) -> None:
    if case.state != CaseState.NEW:
        return
    case.state = CaseState.ACKNOWLEDGED
    case.acknowledged_at = utcnow()
    case.acknowledged_by_id = lead.id
    audit.record(lead, "safeguarding.acknowledged", case)


def refer(case: SafeguardingCase, lead: User, referred_to: str) -> None:
    if case.state == CaseState.NEW:
        acknowledge(case, lead)
    case.state = CaseState.REFERRED
    case.referred_to = referred_to
    audit.record(lead, "safeguarding.referred", case, reason=referred_to)


def close(case: SafeguardingCase, lead: User, reason: str) -> None:
    if case.state == CaseState.NEW:
        acknowledge(case, lead)
    case.state = CaseState.CLOSED
    case.closed_at = utcnow()
    audit.record(lead, "safeguarding.closed", case, reason=reason)


def add_note(case: SafeguardingCase, lead: User, body: str) -> CaseNote:
    note = CaseNote(case_id=case.id, author_id=lead.id, body=body)
    db.session.add(note)
    db.session.flush()
    audit.record(lead, "safeguarding.noted", case)
    return note


def cases_stmt(state: CaseState | None = None):
    stmt = select(SafeguardingCase)
    if state is not None:
        stmt = stmt.where(SafeguardingCase.state == state)
    # New cases first, then the oldest open ones.
    order = (SafeguardingCase.state != CaseState.NEW, SafeguardingCase.opened_at)
    return stmt.order_by(*order, SafeguardingCase.id)


def notes_stmt(case: SafeguardingCase):
    return select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.created_at)
