"""Teams: founding one (its name screened), joining with a code or an invitation, leaving,
and the "looking for a team" board. Every refusal is a `TeamRefused` with a code the views
translate; nothing is changed when one is raised."""

from flask import url_for
from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.exc import IntegrityError

from youthportal.accounts.ages import user_age_band
from youthportal.core import audit
from youthportal.core.database import insert_if_absent, lock_row
from youthportal.extensions import db
from youthportal.hackathon import rules
from youthportal.hackathon.models import (
    BoardEntry,
    Event,
    Idea,
    Invitation,
    StaffRole,
    Team,
    TeamMember,
)
from youthportal.notifications.services import notify
from youthportal.safety import screen

# Skills and interests on the board: a fixed list, so nobody writes free text about
# themselves there. Labels are in labels.SKILL_LABELS.
SKILLS = (
    "ideas",
    "drawing",
    "writing",
    "coding",
    "games",
    "video",
    "research",
    "presenting",
    "online_safety",
    "helping_others",
)


class TeamRefused(Exception):
    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


def _check_can_join(user, event: Event) -> None:
    if not rules.may_join_teams(user, event):
        raise TeamRefused("not_now")
    if not rules.age_fits(user, event):
        raise TeamRefused("age")
    if rules.team_of(user, event.id) is not None:
        raise TeamRefused("already_in_team")


def create_team(user, event: Event, name: str, locale) -> Team:
    _check_can_join(user, event)
    name = " ".join(name.split())
    verdict = screen(name, user, locale, content_type="name")
    if not verdict.ok:
        raise TeamRefused("name_refused", verdict)
    taken = db.session.scalar(
        select(Team.id).where(Team.event_id == event.id, func.lower(Team.name) == name.lower())
    )
    if taken is not None:
        raise TeamRefused("name_taken")
    team = Team(
        event_id=event.id,
        name=verdict.text or name,
        age_band=user_age_band(user),
        created_by_id=user.id,
        mentor_id=_least_busy_mentor(event),
        member_count=0,
    )
    db.session.add(team)
    try:
        db.session.flush()
    except IntegrityError:  # another team took the name a moment earlier
        raise TeamRefused("name_taken") from None
    _add_member(user, team)
    return team


def _least_busy_mentor(event: Event) -> int | None:
    """A new team gets the acting mentor with the fewest teams (the lowest id on a tie)."""
    from youthportal.hackathon.jury import acting_staff

    mentors = acting_staff(event, StaffRole.MENTOR)
    if not mentors:
        return None
    load = dict(
        db.session.execute(
            select(Team.mentor_id, func.count(Team.id))
            .where(Team.event_id == event.id, Team.mentor_id.is_not(None))
            .group_by(Team.mentor_id)
        ).all()
    )
    return min(mentors, key=lambda s: (load.get(s.user_id, 0), s.user_id)).user_id


def _add_member(user, team: Team) -> None:
    if not insert_if_absent(TeamMember, team_id=team.id, user_id=user.id, event_id=team.event_id):
        raise TeamRefused("already_in_team")  # the same member, a moment earlier
    team.member_count = (team.member_count or 0) + 1
    db.session.execute(
        delete(BoardEntry).where(
            BoardEntry.event_id == team.event_id, BoardEntry.user_id == user.id
        )
    )
    db.session.execute(
        delete(Invitation).where(
            Invitation.user_id == user.id,
            Invitation.team_id.in_(select(Team.id).where(Team.event_id == team.event_id)),
        )
    )
    db.session.expire(team, ["members"])


def join(user, event: Event, team: Team) -> None:
    """Join `team` (found by its code or an invitation). The team row is locked, so two
    people taking the last place at once cannot both get it."""
    _check_can_join(user, event)
    lock_row(team)
    db.session.refresh(team)
    if team.member_count >= event.team_max:
        raise TeamRefused("team_full")
    if not rules.band_fits(user, event, team):
        raise TeamRefused("band")
    others = [m.user for m in team.members]
    _add_member(user, team)
    for member in others:
        notify(
            member,
            "team_joined",
            url_for("hackathon.team", team_id=team.id),
            name=user.display_name,
            team=team.name,
        )


def team_by_code(event: Event, code: str) -> Team | None:
    code = "".join(code.split()).upper()
    return db.session.scalar(select(Team).where(Team.event_id == event.id, Team.code == code))


def leave(user, team: Team) -> bool:
    """Returns True when the team was dissolved (its last member left and it had no idea)."""
    event = db.session.get(Event, team.event_id)
    if not rules.is_team_member(user, team):
        raise TeamRefused("not_member")
    if rules.phase(event) not in rules.TEAM_PHASES:
        raise TeamRefused("not_now")
    lock_row(team)
    db.session.refresh(team)
    db.session.execute(
        delete(TeamMember).where(TeamMember.team_id == team.id, TeamMember.user_id == user.id)
    )
    db.session.expire(team, ["members"])
    team.member_count = max((team.member_count or 1) - 1, 0)
    has_idea = db.session.scalar(select(Idea.id).where(Idea.team_id == team.id)) is not None
    if team.member_count == 0 and not has_idea:
        db.session.delete(team)
        return True
    return False


# The board --------------------------------------------------------------------------------


def join_board(user, event: Event, skills: list[str]) -> None:
    _check_can_join(user, event)
    skills = [s for s in SKILLS if s in set(skills)]
    entry = db.session.get(BoardEntry, (event.id, user.id))
    if entry is None:
        insert_if_absent(BoardEntry, event_id=event.id, user_id=user.id, skills=skills)
    else:
        entry.skills = skills


def leave_board(user, event: Event) -> None:
    db.session.execute(
        delete(BoardEntry).where(BoardEntry.event_id == event.id, BoardEntry.user_id == user.id)
    )


def board_stmt(event: Event, skill: str | None = None):
    stmt = select(BoardEntry).where(BoardEntry.event_id == event.id)
    if skill in SKILLS:
        # The JSON list as text holds the quoted code, on both databases.
        stmt = stmt.where(cast(BoardEntry.skills, String).contains(f'"{skill}"'))
    return stmt.order_by(BoardEntry.created_at, BoardEntry.user_id)


def invite(inviter, team: Team, invitee_id: int) -> None:
    event = db.session.get(Event, team.event_id)
    if not rules.is_team_member(inviter, team) or rules.phase(event) not in rules.TEAM_PHASES:
        raise TeamRefused("not_now")
    entry = db.session.get(BoardEntry, (event.id, invitee_id))
    if entry is None:
        raise TeamRefused("not_on_board")
    if team.member_count >= event.team_max:
        raise TeamRefused("team_full")
    if not rules.band_fits(entry.user, event, team):
        raise TeamRefused("band")
    if insert_if_absent(Invitation, team_id=team.id, user_id=invitee_id, invited_by_id=inviter.id):
        notify(
            entry.user,
            "team_invitation",
            url_for("hackathon.event", event_id=event.id),
            team=team.name,
        )


def my_invitations(user, event: Event) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .join(Team, Team.id == Invitation.team_id)
            .where(Invitation.user_id == user.id, Team.event_id == event.id)
            .order_by(Invitation.created_at)
        )
    )


def answer_invitation(user, team: Team, accept: bool) -> None:
    invitation = db.session.get(Invitation, (team.id, user.id))
    if invitation is None:
        raise TeamRefused("no_invitation")
    db.session.delete(invitation)
    if accept:
        join(user, db.session.get(Event, team.event_id), team)


def attach_mentor(organiser, team: Team, mentor_id: int | None) -> None:
    event = db.session.get(Event, team.event_id)
    if mentor_id is not None:
        from youthportal.hackathon.jury import acting_staff

        if mentor_id not in {s.user_id for s in acting_staff(event, StaffRole.MENTOR)}:
            raise TeamRefused("not_a_mentor")
    team.mentor_id = mentor_id
    audit.record(organiser, "hackathon.mentor_attached", team)


def teams_stmt(event: Event):
    return select(Team).where(Team.event_id == event.id).order_by(func.lower(Team.name), Team.id)
