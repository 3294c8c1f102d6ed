"""UneHack events in a chosen phase, with teams, ideas, judges and scores, for the tests."""

from datetime import timedelta

from tests.conftest import make_user
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon.models import (
    Assignment,
    Challenge,
    Criterion,
    Event,
    Idea,
    IdeaVersion,
    Score,
    Staff,
    StaffRole,
    Team,
    TeamMember,
)
from youthportal.safety.models import ModerationStatus

PHASES = ("registration", "forming", "building", "submission", "judging", "results")
COLUMNS = (
    "registration_at",
    "forming_at",
    "building_at",
    "submission_at",
    "judging_at",
    "results_at",
)


def make_dates(phase: str) -> dict:
    now = utcnow()
    index = PHASES.index(phase) if phase != "upcoming" else -1
    return {
        name: now + timedelta(days=n - index) - timedelta(hours=1) for n, name in enumerate(COLUMNS)
    }


def make_event(author, phase="forming", **fields) -> Event:
    event = Event(
        title=fields.pop("title", "UneHack 2026: safer together"),
        description=fields.pop("description", "Build an idea that makes the internet safer."),
        rules=fields.pop("rules", "Be kind. Work as a team."),
        author_id=author.id,
        **make_dates(phase),
        **fields,
    )
    event.challenges = [
        Challenge(title="Help a 12-year-old spot a fake profile", position=0),
        Challenge(title="Make reporting bullying easy", position=1),
    ]
    db.session.add(event)
    db.session.commit()
    return event


def set_phase(event, phase) -> None:
    for name, value in make_dates(phase).items():
        setattr(event, name, value)
    db.session.commit()


def make_team(event, members, name=None) -> Team:
    team = Team(
        event_id=event.id,
        name=name or f"Team {members[0].id}",
        age_band="16-18",
        created_by_id=members[0].id,
        member_count=len(members),
    )
    db.session.add(team)
    db.session.flush()
    for member in members:
        db.session.add(TeamMember(team_id=team.id, user_id=member.id, event_id=event.id))
    db.session.commit()
    return team


def make_idea(team, *, submitted=True, status=ModerationStatus.PUBLISHED, title=None, challenge=0):
    event = db.session.get(Event, team.event_id)
    idea = Idea(
        event_id=team.event_id,
        team_id=team.id,
        challenge_id=event.challenges[challenge].id if challenge is not None else None,
        title=title or f"Idea of {team.name}",
        problem="Children cannot tell fake profiles from real ones.",
        helps="Children aged 10 to 14.",
        how="A quiz game that teaches five signs of a fake profile.",
        built="A paper prototype and a small web page.",
        links=[],
        author_id=team.members[0].user_id,
        status=status,
        version=1,
        submitted_at=utcnow() - timedelta(hours=2) if submitted else None,
    )
    db.session.add(idea)
    db.session.flush()
    db.session.add(IdeaVersion(idea_id=idea.id, version=1, content={"title": idea.title}))
    db.session.commit()
    return idea


def youth_team(event, size=3, age=16, name=None) -> tuple[Team, list]:
    members = [trusted_youth(age=age) for _ in range(size)]
    return make_team(event, members, name=name), members


def add_staff(event, user, role=StaffRole.JUDGE, vetted=True) -> Staff:
    staff = Staff(
        event_id=event.id,
        user_id=user.id,
        role=role,
        vetted_at=utcnow() if vetted else None,
    )
    db.session.add(staff)
    db.session.commit()
    return staff


def judges(event, n=3) -> list:
    found = []
    for _ in range(n):
        judge = make_user(Role.FACILITATOR)
        add_staff(event, judge, StaffRole.JUDGE)
        found.append(judge)
    return found


def set_criteria(event, weights=(30, 25, 25, 20)) -> list[Criterion]:
    names = ("Impact", "Feasibility", "Creativity", "Child-centred design")
    event.criteria = [Criterion(name=names[i], weight=w, position=i) for i, w in enumerate(weights)]
    db.session.commit()
    return event.criteria


def assign(judge, idea, calibration=False) -> Assignment:
    row = Assignment(
        judge_id=judge.id, idea_id=idea.id, event_id=idea.event_id, calibration=calibration
    )
    db.session.add(row)
    db.session.commit()
    return row


def give_scores(judge, idea, values) -> None:
    """values: one score per criterion, in the criteria's order."""
    event = db.session.get(Event, idea.event_id)
    for criterion, value in zip(event.criteria, values, strict=True):
        db.session.add(
            Score(
                judge_id=judge.id,
                idea_id=idea.id,
                criterion_id=criterion.id,
                event_id=event.id,
                value=value,
            )
        )
    row = db.session.get(Assignment, (judge.id, idea.id))
    if row is not None:
        row.scored_at = utcnow()
    db.session.commit()


def text(response) -> str:
    """The page as a reader sees it (entities such as &#39; unescaped)."""
    import html

    return html.unescape(response.get_data(as_text=True))
