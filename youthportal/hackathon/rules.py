"""What an event allows now, and to whom. Views and templates ask these predicates; nothing
else decides.

Who is who: facilitators and admins organise events; young people take part in teams;
mentors and judges are vetted adults listed on the event (invited experts wait for an
admin). Policy-makers see only published results.
"""

from datetime import datetime

from sqlalchemy import select

from youthportal.accounts.ages import user_age, user_age_band
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    can_write,
    is_admin,
    is_adult,
    is_expert,
    is_facilitator,
    is_policy_maker,
    is_signed_in,
    is_youth,
)
from youthportal.extensions import db
from youthportal.hackathon.models import (
    PHASE_STARTS,
    Assignment,
    Conflict,
    Event,
    Idea,
    Phase,
    Staff,
    StaffRole,
    Team,
    TeamMember,
)

STEPS = (Phase.UPCOMING, *(p for p, _column in PHASE_STARTS))
TEAM_PHASES = (Phase.REGISTRATION, Phase.FORMING)
BUILD_PHASES = (Phase.BUILDING, Phase.SUBMISSION)


def phase(event: Event, now: datetime | None = None) -> Phase:
    now = now or utcnow()
    current = Phase.UPCOMING
    for step, column in PHASE_STARTS:
        if now >= getattr(event, column):
            current = step
    return current


def organises(user, event: Event | None = None) -> bool:
    """Events belong to the organisation: every facilitator and admin runs them."""
    return is_facilitator(user) or is_admin(user)


def may_view_event(user, event: Event | None) -> bool:
    """Young people and the organisation's adults; invited experts only the events they
    mentor or judge; officials only published results."""
    if not is_signed_in(user) or is_policy_maker(user):
        return False
    if is_expert(user):
        return event is None or is_staff(user, event)
    return True


def is_staff(user, event: Event) -> bool:
    return (
        db.session.scalar(
            select(Staff.user_id)
            .where(Staff.event_id == event.id, Staff.user_id == user.id)
            .limit(1)
        )
        is not None
    )


def may_read_results(user, event: Event) -> bool:
    """Published results and ideas: every signed-in member, officials too; invited experts
    only for the events they took part in. Never visitors: children's names stay inside."""
    if not is_signed_in(user):
        return False
    return not is_expert(user) or is_staff(user, event)


def may_see_board(user) -> bool:
    """The board lists young people looking for a team: for them and the organisers."""
    return is_youth(user) or organises(user)


def results_public(event: Event) -> bool:
    return event.results_published_at is not None


# Taking part -----------------------------------------------------------------------------


def team_of(user, event_id: int) -> Team | None:
    if not is_youth(user):
        return None
    return db.session.scalar(
        select(Team)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.event_id == event_id, TeamMember.user_id == user.id)
    )


def is_team_member(user, team: Team) -> bool:
    return is_youth(user) and any(m.user_id == user.id for m in team.members)


def takes_part(user, event_id: int | None) -> bool:
    """Members of a team that submitted an idea: they vote for the people's choice."""
    if event_id is None or not is_youth(user):
        return False
    return (
        db.session.scalar(participants_stmt(event_id).where(TeamMember.user_id == user.id))
        is not None
    )


def participants_stmt(event_id: int):
    return (
        select(TeamMember.user_id)
        .join(Idea, Idea.team_id == TeamMember.team_id)
        .where(TeamMember.event_id == event_id, Idea.submitted_at.is_not(None))
    )


def participant_event_ids_stmt(user):
    return (
        select(TeamMember.event_id)
        .join(Idea, Idea.team_id == TeamMember.team_id)
        .where(TeamMember.user_id == user.id, Idea.submitted_at.is_not(None))
    )


def own_idea_ids_stmt(user, event_id: int):
    return (
        select(Idea.id)
        .join(TeamMember, TeamMember.team_id == Idea.team_id)
        .where(TeamMember.user_id == user.id, Idea.event_id == event_id)
    )


def age_fits(user, event: Event) -> bool:
    age = user_age(user)
    return age is not None and event.min_age <= age <= event.max_age


def band_fits(user, event: Event, team: Team) -> bool:
    return not event.same_band_teams or team.age_band == user_age_band(user)


def may_join_teams(user, event: Event) -> bool:
    return is_youth(user) and can_write(user) and phase(event) in TEAM_PHASES


# Mentors and judges -------------------------------------------------------------------------


def is_vetted_role(user) -> bool:
    """Facilitators and admins are the organisation's own, vetted adults."""
    return is_facilitator(user) or is_admin(user)


def staff_row(user, event: Event, role: StaffRole) -> Staff | None:
    if not is_adult(user) or is_policy_maker(user):
        return None
    return db.session.get(Staff, (event.id, user.id, role))


def acts_as(user, event: Event, role: StaffRole) -> bool:
    """A listed mentor or judge who may act: vetted by role, or by an admin."""
    row = staff_row(user, event, role)
    return row is not None and (row.vetted_at is not None or is_vetted_role(user))


def is_mentor_of(user, team: Team) -> bool:
    return (
        is_signed_in(user)
        and team.mentor_id == user.id
        and acts_as(user, db.session.get(Event, team.event_id), StaffRole.MENTOR)
    )


def may_give_feedback(user, idea: Idea) -> bool:
    event = db.session.get(Event, idea.event_id)
    if phase(event) not in BUILD_PHASES or not can_write(user):
        return False
    return is_mentor_of(user, idea.team) or (
        organises(user) and acts_as(user, event, StaffRole.MENTOR)
    )


def is_assigned(user, idea: Idea) -> bool:
    """A vetted judge with this idea to score; only ever a submitted idea moderation has
    published (a held or removed idea leaves the jury's sight)."""
    from youthportal.safety.models import ModerationStatus

    return (
        is_signed_in(user)
        and idea.submitted_at is not None
        and idea.status == ModerationStatus.PUBLISHED
        and db.session.get(Assignment, (user.id, idea.id)) is not None
        and acts_as(user, db.session.get(Event, idea.event_id), StaffRole.JUDGE)
    )


def has_conflict(user, team_id: int) -> bool:
    """A declared conflict, or mentoring the team: nobody judges the team they helped."""
    if not is_signed_in(user):
        return False
    declared = db.session.scalar(
        select(Conflict.team_id).where(Conflict.judge_id == user.id, Conflict.team_id == team_id)
    )
    mentor = db.session.scalar(select(Team.mentor_id).where(Team.id == team_id))
    return declared is not None or mentor == user.id


# Ideas --------------------------------------------------------------------------------------


def may_see_idea(user, idea: Idea) -> bool:
    """Drafts: only the team, its mentor and the organisers. Submitted ideas: also judges
    assigned to them. Once results are published, every submitted, published idea is public."""
    event = db.session.get(Event, idea.event_id)
    team = idea.team
    if is_team_member(user, team) or is_mentor_of(user, team) or organises(user):
        return True
    if idea.submitted_at is None:
        return False
    if is_assigned(user, idea):
        return True
    from youthportal.safety.models import ModerationStatus

    return (
        results_public(event)
        and idea.status == ModerationStatus.PUBLISHED
        and may_read_results(user, event)
    )


def may_edit_idea(user, idea_or_team, event: Event) -> bool:
    team = idea_or_team if isinstance(idea_or_team, Team) else idea_or_team.team
    return (
        is_team_member(user, team)
        and can_write(user)
        and phase(event) in (Phase.FORMING, *BUILD_PHASES)
    )


def sees_team_details(user, team: Team) -> bool:
    """The team's code and its thread: the team, its mentor, the organisers."""
    return is_team_member(user, team) or is_mentor_of(user, team) or organises(user)
