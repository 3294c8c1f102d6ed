"""Consultations in a chosen phase, and proposals in them, for the tests."""

from datetime import timedelta

from youthportal.consultations.models import Consultation, ConsultationGroup, Proposal
from youthportal.core.audience import AudienceKind
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus

PHASES = ("proposals", "discussion", "support", "results", "closed")


def make_consultation(author, phase="proposals", *, groups=(), **fields) -> Consultation:
    """Dates one day apart, placed so that `phase` is the current one."""
    starts = make_dates(phase)
    if groups:
        fields.setdefault("audience_kind", AudienceKind.GROUPS)
    consultation = Consultation(
        title=fields.pop("title", "How can our school be safer online?"),
        description=fields.pop("description", "Tell us what would help."),
        author_id=author.id,
        **starts,
        **fields,
    )
    db.session.add(consultation)
    db.session.flush()
    for group in groups:
        db.session.add(ConsultationGroup(consultation_id=consultation.id, group_id=group.id))
    db.session.commit()
    return consultation


def make_proposal(consultation, author, title="Lessons about fake profiles", **fields):
    proposal = Proposal(
        consultation_id=consultation.id,
        title=title,
        body=fields.pop("body", "Every class should learn how to spot a fake profile."),
        author_id=author.id,
        status=fields.pop("status", ModerationStatus.PUBLISHED),
        **fields,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def set_phase(consultation, phase) -> None:
    fresh = make_dates(phase)
    for name, value in fresh.items():
        setattr(consultation, name, value)
    db.session.commit()


def make_dates(phase):
    now = utcnow()
    index = PHASES.index(phase) if phase != "upcoming" else -1
    return {
        name: now + timedelta(days=n - index) - timedelta(hours=1)
        for n, name in enumerate(
            ("proposals_at", "discussion_at", "support_at", "results_at", "closes_at")
        )
    }
