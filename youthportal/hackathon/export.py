"""A member's UneHack data in "my data": teams, board entries, idea versions they saved,
and (for mentors and judges) their feedback, scores and declared conflicts."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.extensions import db
from youthportal.hackathon.models import (
    BoardEntry,
    Conflict,
    Feedback,
    IdeaVersion,
    Score,
    Team,
    TeamMember,
)


@exporter("hack_teams")
def _teams(user) -> list:
    rows = db.session.execute(
        select(Team.event_id, Team.name, TeamMember.joined_at)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.user_id == user.id)
        .order_by(TeamMember.joined_at)
    )
    return [{"event": event, "team": name, "joined_at": when} for event, name, when in rows]


@exporter("hack_board")
def _board(user) -> list:
    rows = db.session.scalars(select(BoardEntry).where(BoardEntry.user_id == user.id))
    return [{"event": r.event_id, "skills": list(r.skills or [])} for r in rows]


@exporter("hack_idea_versions")
def _idea_versions(user) -> list:
    rows = db.session.scalars(
        select(IdeaVersion).where(IdeaVersion.author_id == user.id).order_by(IdeaVersion.created_at)
    )
    return [
        {"idea": r.idea_id, "version": r.version, "saved_at": r.created_at, "content": r.content}
        for r in rows
    ]


@exporter("hack_feedback")
def _feedback(user) -> list:
    rows = db.session.scalars(select(Feedback).where(Feedback.author_id == user.id))
    return [{"idea": f.idea_id, "text": f.body, "status": f.status.value} for f in rows]


@exporter("hack_scores")
def _scores(user) -> list:
    rows = db.session.scalars(select(Score).where(Score.judge_id == user.id))
    return [
        {"idea": s.idea_id, "criterion": s.criterion_id, "score": s.value, "comment": s.comment}
        for s in rows
    ]


@exporter("hack_conflicts")
def _conflicts(user) -> list:
    rows = db.session.scalars(select(Conflict).where(Conflict.judge_id == user.id))
    return [{"event": c.event_id, "team": c.team_id, "reason": c.reason} for c in rows]
