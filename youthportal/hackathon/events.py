"""Creating and changing UneHack events. The organisers' texts are screened like every
text; an adult's text that screening would hold is refused with the reason, so they fix it."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from youthportal.core import audit
from youthportal.core.permissions import is_expert
from youthportal.extensions import db
from youthportal.hackathon import rules
from youthportal.hackathon.models import PHASE_STARTS, Challenge, Event, Phase, Score, Staff, Team
from youthportal.safety import screen


class SetupRefused(Exception):
    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


@dataclass
class EventSetup:
    title: str
    description: str
    rules: str
    challenges: list[str]
    min_age: int
    max_age: int
    same_band_teams: bool
    team_min: int
    team_max: int
    dates: dict[str, datetime]  # registration_at ... results_at
    scale_max: int = 5
    judges_per_idea: int = 3
    calibration: bool = False


def _screen(author, setup: EventSetup, locale):
    text = "\n\n".join([setup.title, setup.description, setup.rules, *setup.challenges])
    verdict = screen(text, author, locale, content_type="hack_event")
    if not verdict.ok:
        raise SetupRefused("text", verdict)


def create(author, setup: EventSetup, locale) -> Event:
    _screen(author, setup, locale)
    event = Event(author_id=author.id)
    _apply(event, setup)
    db.session.add(event)
    db.session.flush()
    audit.record(author, "hackathon.created", event)
    return event


def update(editor, event: Event, setup: EventSetup, locale) -> Event:
    _screen(editor, setup, locale)
    largest = db.session.scalar(
        select(func.max(Team.member_count)).where(Team.event_id == event.id)
    )
    if largest and setup.team_max < largest:
        raise SetupRefused("team_max_below_team")
    started = rules.phase(event)
    if started != Phase.UPCOMING and setup.dates["registration_at"] != event.registration_at:
        # What has happened stays: registration that began cannot be moved to the future.
        setup.dates["registration_at"] = event.registration_at
    scored = db.session.scalar(select(Score.idea_id).where(Score.event_id == event.id).limit(1))
    if scored is not None and setup.scale_max != event.scale_max:
        raise SetupRefused("scale_fixed")
    setup.calibration = event.calibration  # set on the judging dashboard, not here
    _apply(event, setup)
    audit.record(editor, "hackathon.updated", event)
    return event


def _apply(event: Event, setup: EventSetup) -> None:
    event.title = setup.title
    event.description = setup.description
    event.rules = setup.rules
    event.min_age, event.max_age = setup.min_age, setup.max_age
    event.same_band_teams = setup.same_band_teams
    event.team_min, event.team_max = setup.team_min, setup.team_max
    for _phase, column in PHASE_STARTS:
        setattr(event, column, setup.dates[column])
    event.scale_max = setup.scale_max
    event.judges_per_idea = setup.judges_per_idea
    event.calibration = setup.calibration
    _replace_challenges(event, setup.challenges)


def _replace_challenges(event: Event, titles: list[str]) -> None:
    """Keeps challenges whose title stays (ideas point at them), adds and orders the rest."""
    by_title = {c.title: c for c in event.challenges}
    kept = []
    for position, title in enumerate(titles):
        challenge = by_title.pop(title, None) or Challenge(title=title)
        challenge.position = position
        kept.append(challenge)
    event.challenges = kept


def events_stmt(user, state: str | None = None):
    from youthportal.core.model_base import utcnow

    stmt = select(Event)
    if is_expert(user):
        stmt = stmt.where(Event.id.in_(select(Staff.event_id).where(Staff.user_id == user.id)))
    now = utcnow()
    if state == "current":
        stmt = stmt.where(Event.results_at > now)
    elif state == "past":
        stmt = stmt.where(Event.results_at <= now)
    return stmt.order_by(Event.registration_at.desc(), Event.id.desc())
