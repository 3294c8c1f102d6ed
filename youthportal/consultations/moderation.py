"""Consultations and proposals are moderated content; a proposal's comments are a
discussion subject. Registered once, used by the review queue, flags and threads."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from youthportal.consultations import rules
from youthportal.consultations.models import Consultation, Proposal
from youthportal.discussions.subjects import SubjectType
from youthportal.discussions.subjects import register as register_subject
from youthportal.extensions import db
from youthportal.safety.content import ContentKind, plain_status, register
from youthportal.safety.models import ModerationStatus


def _first_group(consultation: Consultation) -> int | None:
    return consultation.group_ids[0] if consultation.group_ids else None


def _replace_consultation(consultation: Consultation, text: str) -> None:
    title, _, rest = text.strip().partition("\n\n")
    consultation.title = title.strip()[:200] or consultation.title
    consultation.description = rest.strip()


def _replace_proposal(proposal: Proposal, text: str) -> None:
    title, _, rest = text.strip().partition("\n\n")
    proposal.title = title.strip()[:120] or proposal.title
    proposal.body = rest.strip() or proposal.body


register(
    ContentKind(
        name="consultation",
        model=Consultation,
        label=_l("Consultation"),
        url=lambda c: url_for("consultations.detail", consultation_id=c.id),
        text=lambda c: "\n\n".join(part for part in (c.title, c.description) if part),
        group_id=_first_group,
        set_status=plain_status,
        replace_text=_replace_consultation,
        can_view=rules.may_view,
    )
)

register(
    ContentKind(
        name="proposal",
        model=Proposal,
        label=_l("Proposal"),
        url=lambda p: url_for("consultations.proposal", proposal_id=p.id),
        text=lambda p: f"{p.title}\n\n{p.body}",
        group_id=lambda p: _first_group(p.consultation),
        set_status=plain_status,
        replace_text=_replace_proposal,
        can_view=lambda user, p: rules.may_view(user, p.consultation),
    )
)


def _proposal(proposal_id: int) -> Proposal | None:
    return db.session.get(Proposal, proposal_id)


def _can_view_thread(user, proposal_id: int) -> bool:
    proposal = _proposal(proposal_id)
    return (
        proposal is not None
        and proposal.status == ModerationStatus.PUBLISHED
        and rules.may_view(user, proposal.consultation)
    )


def _can_post(user, proposal_id: int) -> bool:
    from youthportal.core.permissions import can_write

    proposal = _proposal(proposal_id)
    return (
        proposal is not None
        and can_write(user)
        and _can_view_thread(user, proposal_id)
        and rules.may_comment(user, proposal.consultation)
    )


register_subject(
    SubjectType(
        name="proposal",
        can_view=_can_view_thread,
        can_post=_can_post,
        group_id=lambda proposal_id: _first_group(_proposal(proposal_id).consultation),
        url=lambda proposal_id: url_for("consultations.proposal", proposal_id=proposal_id),
    )
)
