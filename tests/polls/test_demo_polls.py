"""The demo has a live poll with votes, a closed secret poll with its results, and an
upcoming poll that takes options from young people."""

from sqlalchemy import func, select

from youthportal.core.audience import AudienceKind
from youthportal.extensions import db
from youthportal.polls import rules
from youthportal.polls.models import Ballot, Poll


def test_the_demo_polls_are_real_polls_with_real_votes(app):
    from youthportal.demo import seed_demo

    seed_demo()
    db.session.commit()
    seed_demo()  # seeding twice adds nothing
    db.session.commit()
    # The Youth Parliament's adoption vote is the reports demo's (see tests/reports).
    polls = db.session.scalars(
        select(Poll).where(Poll.audience_kind != AudienceKind.COHORT).order_by(Poll.id)
    ).all()
    assert [rules.phase(p).value for p in polls] == ["open", "closed", "upcoming"]
    live, closed, upcoming = polls
    ballots = dict(
        db.session.execute(select(Ballot.poll_id, func.count()).group_by(Ballot.poll_id)).all()
    )
    assert ballots[live.id] == 5 and ballots[closed.id] == 9
    assert closed.tally["ballots"] == 9 and closed.tally["winner"] is not None
    assert closed.audience_size == 9
    assert upcoming.youth_options


def test_the_demo_consultation_is_open_for_support_with_real_proposals(app):
    from youthportal.consultations import rules
    from youthportal.consultations.models import Consultation, Proposal
    from youthportal.demo import seed_demo
    from youthportal.safety.models import ModerationStatus

    seed_demo()
    db.session.commit()
    (consultation,) = db.session.scalars(select(Consultation)).all()
    assert rules.phase(consultation).value == "support"
    proposals = db.session.scalars(select(Proposal)).all()
    assert len(proposals) == 4
    assert all(p.status == ModerationStatus.PUBLISHED for p in proposals)
    assert sum(p.support_count for p in proposals) > 0
