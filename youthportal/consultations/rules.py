"""What a consultation allows now and to whom. Its phase comes from its dates; views and
templates ask these predicates."""

from datetime import datetime

from youthportal.consultations.models import PHASE_STARTS, Consultation, Phase
from youthportal.core import audience as audiences
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    facilitates_group,
    is_admin,
    is_facilitator,
    is_parliamentarian,
    is_policy_maker,
    is_signed_in,
)
from youthportal.extensions import db

STEPS = (Phase.PROPOSALS, Phase.DISCUSSION, Phase.SUPPORT, Phase.RESULTS, Phase.CLOSED)


def phase(consultation: Consultation, now: datetime | None = None) -> Phase:
    now = now or utcnow()
    current = Phase.UPCOMING
    for step, column in PHASE_STARTS:
        if getattr(consultation, column) <= now:
            current = step
    return current


def audience_of(consultation: Consultation) -> audiences.Audience:
    return audiences.Audience(
        kind=consultation.audience_kind.value,
        group_ids=tuple(consultation.group_ids),
        age_bands=tuple(consultation.age_bands),
    )


def may_create(user) -> bool:
    return is_facilitator(user) or is_admin(user) or is_parliamentarian(user)


def manages(user, consultation: Consultation) -> bool:
    if not is_signed_in(user):
        return False
    if is_admin(user) or consultation.author_id == user.id:
        return True
    if not is_facilitator(user):
        return False
    if consultation.audience_kind.value != "groups":
        return True
    from youthportal.accounts.models import Group

    groups = db.session.scalars(db.select(Group).where(Group.id.in_(consultation.group_ids)))
    return any(facilitates_group(user, group) for group in groups)


def may_view(user, consultation: Consultation) -> bool:
    """Its audience (members waiting for consent read too) and those who organise it; not
    facilitators of other groups, not policy-makers."""
    if not is_signed_in(user) or is_policy_maker(user):
        return False
    if manages(user, consultation):
        return True
    return audiences.includes(audience_of(consultation), user, active_only=False)


def takes_part(user, consultation: Consultation) -> bool:
    return audiences.includes(audience_of(consultation), user)


def may_propose(user, consultation: Consultation) -> bool:
    return phase(consultation) == Phase.PROPOSALS and takes_part(user, consultation)


def may_comment(user, consultation: Consultation) -> bool:
    open_phases = (Phase.PROPOSALS, Phase.DISCUSSION, Phase.SUPPORT)
    return phase(consultation) in open_phases and (
        takes_part(user, consultation) or manages(user, consultation)
    )


def may_support(user, consultation: Consultation) -> bool:
    return phase(consultation) == Phase.SUPPORT and takes_part(user, consultation)


def results_visible(consultation: Consultation) -> bool:
    return phase(consultation) in (Phase.RESULTS, Phase.CLOSED)
