"""Ideas and mentors' feedback are moderated content; a team's discussion is a discussion
subject only the team, its mentor and the organisers see. Registered once, used by the
review queue, flags and threads."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from youthportal.core.permissions import can_write
from youthportal.discussions.subjects import SubjectType
from youthportal.discussions.subjects import register as register_subject
from youthportal.extensions import db
from youthportal.hackathon import rules
from youthportal.hackathon.ideas import add_version, idea_text, split_text
from youthportal.hackathon.models import IDEA_FIELDS, Feedback, Idea, IdeaVersion, Team
from youthportal.safety.content import ContentKind, plain_status, register


def _replace_idea(idea: Idea, text: str) -> None:
    """A moderator's edit: the fields between the dashes. If the dashes were removed, the
    whole edited text becomes "how it works" (the first line the title), so nothing the
    moderator did not read stays, and nothing they wrote is lost. Kept as a new version."""
    parts = split_text(text)
    if parts is None:
        whole = text.replace("\r\n", "\n").strip()
        parts = [whole.split("\n", 1)[0], "", "", whole, ""]
    for name, value in zip(IDEA_FIELDS, parts, strict=True):
        setattr(idea, name, value)
    idea.title = idea.title[:120] or "…"
    add_version(idea, None)


def _idea_revisions(idea: Idea) -> list[tuple]:
    rows = db.session.scalars(
        select(IdeaVersion)
        .where(IdeaVersion.idea_id == idea.id, IdeaVersion.version < idea.version)
        .order_by(IdeaVersion.version.desc())
        .limit(5)
    )
    return [
        (row.created_at, "\n\n".join(row.content.get(name) or "" for name in IDEA_FIELDS))
        for row in rows
    ]


register(
    ContentKind(
        name="hack_idea",
        model=Idea,
        label=_l("UneHack idea"),
        url=lambda i: url_for("hackathon.idea", idea_id=i.id),
        text=idea_text,
        group_id=lambda i: None,
        set_status=plain_status,
        replace_text=_replace_idea,
        can_view=rules.may_see_idea,
        revisions=_idea_revisions,
    )
)


def _replace_feedback(feedback: Feedback, text: str) -> None:
    feedback.body = text.strip()


def _feedback_published(feedback: Feedback, status) -> None:
    from youthportal.hackathon.ideas import tell_team
    from youthportal.safety.models import ModerationStatus

    was = feedback.status
    feedback.status = status
    if status == ModerationStatus.PUBLISHED and was != ModerationStatus.PUBLISHED:
        tell_team(feedback)


register(
    ContentKind(
        name="hack_feedback",
        model=Feedback,
        label=_l("Mentor's feedback"),
        url=lambda f: url_for("hackathon.idea", idea_id=f.idea_id),
        text=lambda f: f.body,
        group_id=lambda f: None,
        set_status=_feedback_published,
        replace_text=_replace_feedback,
        can_view=lambda user, f: rules.may_see_idea(user, f.idea),
    )
)


def _team(team_id: int) -> Team | None:
    return db.session.get(Team, team_id)


def _can_view_team(user, team_id: int) -> bool:
    team = _team(team_id)
    return team is not None and rules.sees_team_details(user, team)


def _can_post_team(user, team_id: int) -> bool:
    return can_write(user) and _can_view_team(user, team_id)


register_subject(
    SubjectType(
        name="hack_team",
        can_view=_can_view_team,
        can_post=_can_post_team,
        group_id=lambda team_id: None,
        url=lambda team_id: url_for("hackathon.team", team_id=team_id),
    )
)
