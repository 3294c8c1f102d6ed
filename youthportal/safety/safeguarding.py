"""Safeguarding cases: possible disclosures of harm reach the safeguarding leads at once.

The alert (in-app and e-mail) carries no child's words, only a link to the case.
"""

from flask import url_for
from sqlalchemy import select

from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.core import audit
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_admin, is_safeguarding_lead
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.safety.models import CaseNote, CaseSource, CaseState, SafeguardingCase


class NotNow(Exception):
    """The case's state does not allow this step (a closed case cannot be referred)."""


def _active_leads_stmt():
    return select(User).where(
        User.role == Role.SAFEGUARDING_LEAD, User.status == AccountStatus.ACTIVE
    )


def leads() -> list[User]:
    """The safeguarding leads; if there are none yet, the admins, so no alert is lost."""
    found = list(db.session.scalars(_active_leads_stmt()))
    if found:
        return found
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.ADMIN, User.status == AccountStatus.ACTIVE)
        )
    )


def can_handle_cases(user) -> bool:
    """Safeguarding leads handle cases. While the organisation has no active lead, the admins
    receive the alerts, so they may open the cases too."""
    if is_safeguarding_lead(user):
        return True
    return is_admin(user) and db.session.scalar(_active_leads_stmt().limit(1)) is None


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
    """The one active case about this content: opened (and the leads alerted) or, when one
    is open already, given the new categories. A unique index keeps it one under races."""
    created = insert_if_absent(
        SafeguardingCase,
        content_type=content_type,
        content_id=content_id,
        subject_id=subject_id,
        source=source,
        categories=sorted(set(categories)),
        review_item_id=review_item.id if review_item is not None else None,
        state=CaseState.NEW,
        opened_at=utcnow(),
    )
    case = db.session.scalar(
        select(SafeguardingCase)
        .where(
            SafeguardingCase.content_type == content_type,
            SafeguardingCase.content_id == content_id,
            SafeguardingCase.state != CaseState.CLOSED,
        )
        .with_for_update(of=SafeguardingCase)
        .execution_options(populate_existing=True)
    )
    if not created:
        case.categories = sorted(set(case.categories) | set(categories))
        if case.review_item_id is None and review_item is not None:
            case.review_item_id = review_item.id
        return case
    audit.record(actor, "safeguarding.opened", case, source=source.value)
    link = url_for("safeguarding.case", case_id=case.id)
    for lead in leads():
        notify(lead, "safeguarding_alert", link=link)
    return case


def open_name_case(user: User, words: str) -> SafeguardingCase:
    """Someone chose a display name that may tell of danger. Names are refused, never
    stored, so the words are kept in a note that only the leads read."""
    case = open_case(
        "name", user.id, subject_id=user.id, source=CaseSource.SCREENING, categories=[]
    )
    db.session.add(CaseNote(case_id=case.id, author_id=None, body=words))
    db.session.flush()
    return case


def acknowledge(case: SafeguardingCase, lead: User) -> None:
    if case.state != CaseState.NEW:
        return
    case.state = CaseState.ACKNOWLEDGED
    case.acknowledged_at = utcnow()
    case.acknowledged_by_id = lead.id
    audit.record(lead, "safeguarding.acknowledged", case)


# The audit log (which admins read) records that a step happened, never the leads' words:
# where a case was referred and why it was closed stay in the case and its notes.


def refer(case: SafeguardingCase, lead: User, referred_to: str) -> None:
    if case.state == CaseState.CLOSED:
        raise NotNow
    if case.state == CaseState.NEW:
        acknowledge(case, lead)
    case.state = CaseState.REFERRED
    case.referred_to = referred_to
    audit.record(lead, "safeguarding.referred", case)


def close(case: SafeguardingCase, lead: User) -> None:
    if case.state == CaseState.CLOSED:
        raise NotNow
    if case.state == CaseState.NEW:
        acknowledge(case, lead)
    case.state = CaseState.CLOSED
    case.closed_at = utcnow()
    audit.record(lead, "safeguarding.closed", case)


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
