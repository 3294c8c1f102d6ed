"""What a consultation allows now and to whom. Its phase comes from its dates; views and
templates ask these predicates."""

from datetime import datetime

from youthportal.consultations.models import PHASE_STARTS, Consultation, Phase
from youthportal.core import audience as audiences
from youthportal.core.model_base import utcnow

STEPS = (Phase.PROPOSALS, Phase.DISCUSSION, Phase.SUPPORT, Phase.RESULTS, Phase.CLOSED)


def phase(consultation: Consultation, now: datetime | None = None) -> Phase:
    now = now or utcnow()
    current = Phase.UPCOMING
    for step, column in PHASE_STARTS:
        if getattr(consultation, column) <= now:
            current = step
    return current


# Who sees and organises it is shared with consultations and polls (core.audience).
audience_of = audiences.of
may_create = audiences.may_open
manages = audiences.organises
may_view = audiences.may_view


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
