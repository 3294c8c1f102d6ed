"""A winning idea goes to the Youth Parliament: it becomes a proposal in a consultation
that collects proposals, credited to the team's members. (Citing it in a report comes with
the reports feature.)"""

from flask_babel import gettext as _
from sqlalchemy import select

from youthportal.consultations import rules as consultation_rules
from youthportal.consultations.models import Consultation, Phase, Proposal, ProposalCredit
from youthportal.core import audit
from youthportal.extensions import db
from youthportal.hackathon import rules
from youthportal.hackathon.models import Award, Event, Idea
from youthportal.safety.models import ModerationStatus


class PromoteRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def target_consultations(user) -> list[Consultation]:
    """Consultations collecting proposals now, that this organiser runs."""
    found = db.session.scalars(
        select(Consultation)
        .where(Consultation.status == ModerationStatus.PUBLISHED)
        .order_by(Consultation.closes_at)
    )
    return [
        c
        for c in found
        if consultation_rules.phase(c) == Phase.PROPOSALS and consultation_rules.manages(user, c)
    ]


def is_winner(idea: Idea) -> bool:
    return db.session.scalar(select(Award.id).where(Award.idea_id == idea.id).limit(1)) is not None


def promote(organiser, idea: Idea, consultation: Consultation) -> Proposal:
    event = db.session.get(Event, idea.event_id)
    if (
        not rules.results_public(event)
        or not is_winner(idea)
        or idea.status != ModerationStatus.PUBLISHED
    ):
        raise PromoteRefused("not_winner")
    if idea.promoted_proposal_id is not None:
        raise PromoteRefused("already")
    if consultation not in target_consultations(organiser):
        raise PromoteRefused("consultation")
    members = [m.user for m in idea.team.members]
    if not members:
        raise PromoteRefused("no_members")
    body = "\n\n".join(
        part
        for part in (
            idea.problem,
            idea.helps,
            idea.how,
            _(
                "From the UneHack idea of the team %(team)s at %(event)s.",
                team=idea.team.name,
                event=event.title,
            ),
        )
        if part
    )
    # Already moderated as the idea: published as it stands, credited to the whole team.
    proposal = Proposal(
        consultation_id=consultation.id,
        title=idea.title[:120],
        body=body,
        author_id=members[0].id,
        status=ModerationStatus.PUBLISHED,
    )
    db.session.add(proposal)
    db.session.flush()
    for member in members[1:]:
        db.session.add(ProposalCredit(proposal_id=proposal.id, user_id=member.id))
    idea.promoted_proposal_id = proposal.id
    audit.record(organiser, "hackathon.idea_promoted", idea, proposal_id=proposal.id)
    return proposal
