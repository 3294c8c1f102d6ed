"""Results: the ranking computed from the scores (see scoring.py for the rules), published
once by a facilitator (frozen, with the awards), and the optional people's choice vote run
by the polls engine."""

from datetime import timedelta

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import raiseload

from youthportal.accounts.models import User
from youthportal.core import audit
from youthportal.core.audience import AudienceKind
from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon import jury, rules, scoring
from youthportal.hackathon.models import (
    Award,
    AwardKind,
    Event,
    Idea,
    Phase,
    Score,
    Team,
    TeamMember,
)
from youthportal.notifications.services import notify
from youthportal.polls.models import Method, Poll, PollOption, ResultsVisibility
from youthportal.safety.models import ModerationStatus

PODIUM = 3


class ResultsRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def compute(event: Event) -> list[scoring.IdeaResult]:
    """Two queries whatever the size of the event: the ideas, and every score."""
    weights = {c.id: c.weight for c in event.criteria}
    if not weights:
        return []
    judged_rows = db.session.execute(
        select(Idea.id).where(*jury.judged_filter(event)).order_by(Idea.submitted_at, Idea.id)
    ).all()
    rows = db.session.execute(
        select(Score.judge_id, Score.idea_id, Score.criterion_id, Score.value).where(
            Score.event_id == event.id
        )
    ).all()
    order = {idea_id: n for n, (idea_id,) in enumerate(judged_rows)}
    judged = set(order)
    return scoring.results(
        [r for r in rows if r[1] in judged],
        weights,
        scale=(1, event.scale_max),
        submitted_order=order,
        idea_ids=sorted(judged),
    )


def ideas_by_id(ids) -> dict[int, Idea]:
    """Ideas with their team's name (not its members: a ranking shows team names only)."""
    ids = list(ids)
    if not ids:
        return {}
    stmt = select(Idea).where(Idea.id.in_(ids)).options(raiseload(Idea.team, Team.members))
    return {i.id: i for i in db.session.scalars(stmt)}


def publish(organiser, event: Event) -> None:
    lock_row(event)
    db.session.refresh(event)
    if event.results_published_at is not None:
        raise ResultsRefused("already_published")
    if rules.phase(event) != Phase.RESULTS:
        raise ResultsRefused("not_yet")
    ranking = [r for r in compute(event) if r.judges]
    if not ranking:
        raise ResultsRefused("no_scores")
    ideas = ideas_by_id(r.idea_id for r in ranking)
    for result in ranking[:PODIUM]:
        db.session.add(
            Award(
                event_id=event.id, idea_id=result.idea_id, kind=AwardKind.OVERALL, place=result.rank
            )
        )
    best_per_challenge: dict[int, int] = {}
    for result in ranking:
        challenge_id = ideas[result.idea_id].challenge_id
        if challenge_id is not None and challenge_id not in best_per_challenge:
            best_per_challenge[challenge_id] = result.idea_id
    for challenge_id, idea_id in best_per_challenge.items():
        db.session.add(
            Award(
                event_id=event.id,
                idea_id=idea_id,
                kind=AwardKind.CHALLENGE,
                challenge_id=challenge_id,
            )
        )
    for idea_id in peoples_choice_winners(event):
        db.session.add(Award(event_id=event.id, idea_id=idea_id, kind=AwardKind.PEOPLES_CHOICE))
    event.results = {
        "ranking": [r.as_dict() for r in ranking],
        "rule": "normalised",
        "criteria": [{"name": c.name, "weight": c.weight} for c in event.criteria],
    }
    event.results_published_at = utcnow()
    audit.record(organiser, "hackathon.results_published", event)
    members = db.session.scalars(
        select(User)
        .join(TeamMember, TeamMember.user_id == User.id)
        .join(Idea, Idea.team_id == TeamMember.team_id)
        .where(Idea.id.in_(list(ideas)))
    )
    for user in members:
        notify(
            user, "hack_results", url_for("hackathon.results", event_id=event.id), title=event.title
        )


def awards(event: Event) -> list[Award]:
    return list(
        db.session.scalars(
            select(Award)
            .where(Award.event_id == event.id)
            .order_by(Award.kind, Award.place, Award.id)
        )
    )


# People's choice --------------------------------------------------------------------------


def peoples_choice_poll(event: Event) -> Poll | None:
    return db.session.scalar(select(Poll).where(Poll.event_id == event.id))


def open_peoples_choice(organiser, event: Event) -> Poll:
    """An approval vote among the participants on every judged idea; nobody may choose
    their own team's idea. Secret, results after closing, closes when results are due."""
    if peoples_choice_poll(event) is not None:
        raise ResultsRefused("already_open")
    if rules.phase(event) != Phase.JUDGING:
        raise ResultsRefused("not_judging")
    ideas = jury.judged_ideas(event)
    if len(ideas) < 2:
        raise ResultsRefused("too_few_ideas")
    now = utcnow()
    poll = Poll(
        title=event.title[:180],
        description="",
        method=Method.APPROVAL,
        is_secret=True,
        results_visibility=ResultsVisibility.AFTER_CLOSE,
        audience_kind=AudienceKind.EVENT,
        event_id=event.id,
        opens_at=now,
        closes_at=max(event.results_at, now + timedelta(hours=1)),
        author_id=organiser.id,
        status=ModerationStatus.PUBLISHED,
    )
    db.session.add(poll)
    db.session.flush()
    for position, idea in enumerate(ideas):
        db.session.add(
            PollOption(
                poll_id=poll.id,
                label=f"{idea.title} ({idea.team.name})"[:200],
                position=position,
                idea_id=idea.id,
            )
        )
    audit.record(organiser, "hackathon.peoples_choice_opened", event, poll_id=poll.id)
    return poll


def peoples_choice_winners(event: Event) -> list[int]:
    """The most approved idea(s) of a closed people's choice vote (ties share the award)."""
    from youthportal.polls import results as poll_results
    from youthportal.polls import rules as poll_rules

    poll = peoples_choice_poll(event)
    if poll is None or poll_rules.phase(poll) != poll_rules.Phase.CLOSED:
        return []
    tally = poll.tally or poll_results.close(poll)
    counts = {int(k): v for k, v in (tally.get("counts") or {}).items()}
    if not counts or max(counts.values()) == 0:
        return []
    best = max(counts.values())
    options = {
        o.id: o.idea_id
        for o in db.session.scalars(select(PollOption).where(PollOption.poll_id == poll.id))
    }
    return sorted(options[o] for o, n in counts.items() if n == best and options.get(o))
