"""The jury: mentors and judges on an event (invited experts vetted by an admin), criteria
with weights, conflicts of interest, balanced assignments, calibration and scoring."""

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.core import audit
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_admin
from youthportal.extensions import db
from youthportal.hackathon import rules, scoring
from youthportal.hackathon.models import (
    Assignment,
    Conflict,
    Criterion,
    Event,
    Idea,
    Phase,
    Score,
    Staff,
    StaffRole,
    Team,
)
from youthportal.safety import screen
from youthportal.safety.models import ModerationStatus

MAX_CRITERIA = 6
CONFLICT_REASONS = ("family", "school", "knows_member", "helped_team", "other")
STAFF_ROLES = (Role.FACILITATOR, Role.SAFEGUARDING_LEAD, Role.ADMIN, Role.EXPERT)


class JuryRefused(Exception):
    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


# Staff --------------------------------------------------------------------------------------


def add_staff(organiser, event: Event, login_name: str, role: StaffRole) -> Staff:
    user = db.session.scalar(select(User).where(func.lower(User.login_name) == login_name.lower()))
    if user is None or user.role not in STAFF_ROLES or user.status != AccountStatus.ACTIVE:
        raise JuryRefused("not_an_adult")
    vetted = rules.is_vetted_role(user)
    if not insert_if_absent(
        Staff,
        event_id=event.id,
        user_id=user.id,
        role=role,
        vetted_by_id=organiser.id if vetted else None,
        vetted_at=utcnow() if vetted else None,
    ):
        raise JuryRefused("already_staff")
    staff = db.session.get(Staff, (event.id, user.id, role))
    audit.record(organiser, "hackathon.staff_added", event, role=role.value, user_id=user.id)
    return staff


def remove_staff(organiser, event: Event, user_id: int, role: StaffRole) -> None:
    staff = db.session.get(Staff, (event.id, user_id, role))
    if staff is None:
        raise JuryRefused("not_staff")
    if role == StaffRole.JUDGE:
        scored = db.session.scalar(
            select(Score.idea_id)
            .where(Score.event_id == event.id, Score.judge_id == user_id)
            .limit(1)
        )
        if scored is not None:
            raise JuryRefused("judge_has_scored")
        db.session.execute(
            delete(Assignment).where(
                Assignment.event_id == event.id, Assignment.judge_id == user_id
            )
        )
    else:
        teams = select(Team.id).where(Team.event_id == event.id, Team.mentor_id == user_id)
        for team in db.session.scalars(select(Team).where(Team.id.in_(teams))):
            team.mentor_id = None
    db.session.delete(staff)
    audit.record(organiser, "hackathon.staff_removed", event, role=role.value, user_id=user_id)


def vet(admin, staff: Staff) -> None:
    if not is_admin(admin):
        raise JuryRefused("admins_only")
    if staff.vetted_at is None:
        staff.vetted_at = utcnow()
        staff.vetted_by_id = admin.id
        audit.record(admin, "hackathon.staff_vetted", staff.user, event_id=staff.event_id)


def staff_stmt(event: Event):
    return (
        select(Staff)
        .join(User, User.id == Staff.user_id)
        .where(Staff.event_id == event.id)
        .order_by(Staff.role, func.lower(User.display_name), Staff.user_id)
    )


def acting_staff(event: Event, role: StaffRole) -> list[Staff]:
    """The event's mentors or judges who may act (vetted by role or by an admin)."""
    rows = db.session.scalars(
        select(Staff).where(Staff.event_id == event.id, Staff.role == role).order_by(Staff.user_id)
    )
    return [s for s in rows if s.vetted_at is not None or rules.is_vetted_role(s.user)]


def acting_judge_ids(event: Event) -> list[int]:
    return [s.user_id for s in acting_staff(event, StaffRole.JUDGE)]


# Criteria ----------------------------------------------------------------------------------


def set_criteria(organiser, event: Event, rows: list[tuple[str, int]], locale) -> None:
    rows = [(name.strip(), weight) for name, weight in rows if name.strip()]
    if not rows or len(rows) > MAX_CRITERIA:
        raise JuryRefused("criteria_count")
    if sum(w for _n, w in rows) != 100 or any(w <= 0 for _n, w in rows):
        raise JuryRefused("weights")
    if _has_scores(event):
        raise JuryRefused("scoring_started")
    verdict = screen("\n".join(n for n, _w in rows), organiser, locale, content_type="hack_event")
    if not verdict.ok:
        raise JuryRefused("text", verdict)
    event.criteria = [
        Criterion(name=name, weight=weight, position=i) for i, (name, weight) in enumerate(rows)
    ]
    audit.record(organiser, "hackathon.criteria_set", event)


def _has_scores(event: Event) -> bool:
    return (
        db.session.scalar(select(Score.idea_id).where(Score.event_id == event.id).limit(1))
        is not None
    )


# Conflicts ---------------------------------------------------------------------------------


def declare_conflict(judge, event: Event, team: Team, reason: str) -> None:
    """The judge will not score this team: any assignment and score for its idea goes."""
    if team.event_id != event.id or reason not in CONFLICT_REASONS:
        raise JuryRefused("bad_conflict")
    if rules.phase(event) == Phase.RESULTS:
        raise JuryRefused("not_now")  # scores behind results stay as they were
    if (
        not rules.acts_as(judge, event, StaffRole.JUDGE)
        and rules.staff_row(judge, event, StaffRole.JUDGE) is None
    ):
        raise JuryRefused("not_judge")
    insert_if_absent(Conflict, event_id=event.id, judge_id=judge.id, team_id=team.id, reason=reason)
    idea_ids = select(Idea.id).where(Idea.team_id == team.id)
    db.session.execute(delete(Score).where(Score.judge_id == judge.id, Score.idea_id.in_(idea_ids)))
    db.session.execute(
        delete(Assignment).where(Assignment.judge_id == judge.id, Assignment.idea_id.in_(idea_ids))
    )
    audit.record(judge, "hackathon.conflict_declared", event, team_id=team.id)


def conflicts_of(judge, event: Event) -> set[int]:
    return set(
        db.session.scalars(
            select(Conflict.team_id).where(
                Conflict.event_id == event.id, Conflict.judge_id == judge.id
            )
        )
    )


# Assignments --------------------------------------------------------------------------------


def judged_filter(event: Event) -> tuple:
    """Ideas the jury sees: submitted, and published by moderation."""
    return (
        Idea.event_id == event.id,
        Idea.submitted_at.is_not(None),
        Idea.status == ModerationStatus.PUBLISHED,
    )


def judged_ideas(event: Event) -> list[Idea]:
    return list(db.session.scalars(select(Idea).where(*judged_filter(event)).order_by(Idea.id)))


def assign(organiser, event: Event) -> list[int]:
    """Gives every judged idea `judges_per_idea` judges, load balanced, conflicts respected;
    keeps what is already assigned. Calibration ideas go to every judge. Returns the ideas
    that could not get enough judges (too few judges without a conflict)."""
    if rules.phase(event) not in (Phase.SUBMISSION, Phase.JUDGING):
        raise JuryRefused("not_now")
    ideas = judged_ideas(event)
    judges = acting_judge_ids(event)
    if not judges or not ideas:
        raise JuryRefused("nothing_to_assign")
    team_of_idea = {i.id: i.team_id for i in ideas}
    conflicts = {
        (judge, idea)
        for judge, team in db.session.execute(
            select(Conflict.judge_id, Conflict.team_id).where(Conflict.event_id == event.id)
        )
        for idea, idea_team in team_of_idea.items()
        if idea_team == team
    }
    # A team's mentor never judges it.
    conflicts |= {(i.team.mentor_id, i.id) for i in ideas if i.team.mentor_id is not None}
    existing: dict[int, set[int]] = {}
    for judge, idea in db.session.execute(
        select(Assignment.judge_id, Assignment.idea_id).where(Assignment.event_id == event.id)
    ):
        existing.setdefault(idea, set()).add(judge)
    calibration = [i for i in (event.calibration_idea_ids or []) if i in team_of_idea]
    for idea in calibration if event.calibration else []:
        for judge in judges:
            if (judge, idea) not in conflicts:
                existing.setdefault(idea, set()).add(judge)
    wanted, short = scoring.assign(
        list(team_of_idea), judges, event.judges_per_idea, conflicts, existing
    )
    already = {(j, i) for i, js in _current(event).items() for j in js}
    for idea, judge_ids in wanted.items():
        for judge in judge_ids:
            if (judge, idea) not in already:
                db.session.add(
                    Assignment(
                        judge_id=judge,
                        idea_id=idea,
                        event_id=event.id,
                        calibration=event.calibration and idea in calibration,
                    )
                )
    db.session.flush()
    audit.record(organiser, "hackathon.judges_assigned", event, short=len(short))
    return short


def _current(event: Event) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for judge, idea in db.session.execute(
        select(Assignment.judge_id, Assignment.idea_id).where(Assignment.event_id == event.id)
    ):
        found.setdefault(idea, set()).add(judge)
    return found


def choose_calibration(organiser, event: Event, idea_ids: list[int]) -> None:
    judged = {i.id for i in judged_ideas(event)}
    if len(idea_ids) != 2 or len(set(idea_ids)) != 2 or not set(idea_ids) <= judged:
        raise JuryRefused("calibration_ideas")
    if _has_scores(event):
        raise JuryRefused("scoring_started")
    event.calibration = True
    event.calibration_idea_ids = sorted(idea_ids)


def release_calibration(organiser, event: Event) -> None:
    event.calibration_released_at = utcnow()
    audit.record(organiser, "hackathon.calibration_released", event)


def waiting_for_calibration(event: Event, idea: Idea) -> bool:
    return (
        event.calibration
        and event.calibration_released_at is None
        and idea.id not in (event.calibration_idea_ids or [])
    )


# Scoring -------------------------------------------------------------------------------


def score(judge, idea: Idea, values: dict[int, tuple[int, str]], locale) -> None:
    """values: criterion id -> (score, comment). Every criterion, each on the scale."""
    event = db.session.get(Event, idea.event_id)
    if rules.phase(event) != Phase.JUDGING:
        raise JuryRefused("not_judging")
    if rules.has_conflict(judge, idea.team_id):
        raise JuryRefused("conflict_declared")
    if not rules.is_assigned(judge, idea):
        raise JuryRefused("not_assigned")
    if waiting_for_calibration(event, idea):
        raise JuryRefused("calibration_first")
    criteria = {c.id for c in event.criteria}
    if not criteria or set(values) != criteria:
        raise JuryRefused("every_criterion")
    if any(not (1 <= v <= event.scale_max) for v, _c in values.values()):
        raise JuryRefused("scale")
    # Each comment screened on its own and stored as screened (masked words stay masked);
    # the team reads them after the results, so anything a moderator should see is refused.
    screened = {}
    for criterion_id, (_value, comment) in values.items():
        comment = comment.strip()
        if comment:
            verdict = screen(comment, judge, locale, content_type="hack_score")
            if not verdict.ok or verdict.needs_review:
                raise JuryRefused("text", verdict)
            comment = verdict.text
        screened[criterion_id] = comment
    now = utcnow()
    mine = {
        s.criterion_id: s
        for s in db.session.scalars(
            select(Score).where(Score.judge_id == judge.id, Score.idea_id == idea.id)
        )
    }
    for criterion_id, (value, _typed) in values.items():
        comment = screened[criterion_id]
        row = mine.get(criterion_id)
        if row is None:
            db.session.add(
                Score(
                    judge_id=judge.id,
                    idea_id=idea.id,
                    criterion_id=criterion_id,
                    event_id=event.id,
                    value=value,
                    comment=comment,
                    updated_at=now,
                )
            )
        else:
            row.value, row.comment, row.updated_at = value, comment, now
    db.session.get(Assignment, (judge.id, idea.id)).scored_at = now


def my_scores(judge, idea: Idea) -> dict[int, Score]:
    return {
        s.criterion_id: s
        for s in db.session.scalars(
            select(Score).where(Score.judge_id == judge.id, Score.idea_id == idea.id)
        )
    }


def my_assignments_stmt(judge, event: Event):
    return (
        select(Assignment)
        .where(Assignment.event_id == event.id, Assignment.judge_id == judge.id)
        # A judge reads ideas, not who wrote them: the team is never loaded here.
        .options(joinedload(Assignment.idea).raiseload(Idea.team))
        .order_by(
            Assignment.calibration.desc(), Assignment.scored_at.is_not(None), Assignment.idea_id
        )
    )


def dashboard(event: Event) -> dict:
    """Per judge: assigned and scored; per idea: judges and scores. A fixed number of
    queries, whatever the size of the event."""
    judges = {
        user_id: {"user": user, "assigned": 0, "scored": 0}
        for user_id, user in db.session.execute(
            select(Staff.user_id, User)
            .join(User, User.id == Staff.user_id)
            .where(Staff.event_id == event.id, Staff.role == StaffRole.JUDGE)
        )
    }
    for judge_id, assigned, scored in db.session.execute(
        select(
            Assignment.judge_id,
            func.count(),
            func.count(Assignment.scored_at),
        )
        .where(Assignment.event_id == event.id)
        .group_by(Assignment.judge_id)
    ):
        if judge_id in judges:
            judges[judge_id]["assigned"] = assigned
            judges[judge_id]["scored"] = scored
    totals = db.session.execute(
        select(func.count(), func.count(Assignment.scored_at)).where(
            Assignment.event_id == event.id
        )
    ).one()
    return {
        "judges": sorted(judges.values(), key=lambda j: (j["user"].display_name or "").lower()),
        "assigned": totals[0],
        "scored": totals[1],
        "ideas": len(judged_ideas_ids(event)),
    }


def judged_titles(event: Event) -> list[tuple[int, str]]:
    return list(
        db.session.execute(
            select(Idea.id, Idea.title).where(*judged_filter(event)).order_by(Idea.id)
        )
    )


def judged_ideas_ids(event: Event) -> list[int]:
    return list(db.session.scalars(select(Idea.id).where(*judged_filter(event))))


def calibration_profiles(event: Event) -> list[dict]:
    """How each judge scored the calibration ideas, next to the other judges."""
    ids = event.calibration_idea_ids or []
    rows = db.session.execute(
        select(Score.judge_id, Score.idea_id, Score.criterion_id, Score.value).where(
            Score.event_id == event.id, Score.idea_id.in_(ids)
        )
    ).all()
    weights = {c.id: c.weight for c in event.criteria}
    profiles = scoring.judge_profiles(rows, weights) if weights else {}
    users = {
        u.id: u for u in db.session.scalars(select(User).where(User.id.in_(list(profiles) or [-1])))
    }
    means = [p["mean"] for p in profiles.values()]
    overall = sum(means) / len(means) if means else 0.0
    return [
        {
            "user": users[j],
            "mean": p["mean"],
            "difference": p["mean"] - overall,
            "count": p["count"],
        }
        for j, p in sorted(profiles.items(), key=lambda kv: kv[1]["mean"])
    ]
