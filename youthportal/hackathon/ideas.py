"""A team's idea: drafts until the deadline, every save kept as a version, every save
screened. Links only to allow-listed sites. An edit based on an older version is never
applied over a newer one: the team sees both and chooses."""

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from flask import url_for
from sqlalchemy import select

from youthportal.core import settings
from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon import rules
from youthportal.hackathon.models import (
    IDEA_FIELDS,
    Event,
    Feedback,
    Idea,
    IdeaVersion,
    Team,
)
from youthportal.notifications.services import notify
from youthportal.safety import screen, screen_parts
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit

MAX_LINKS = 5


class IdeaRefused(Exception):
    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


@dataclass
class IdeaDraft:
    title: str
    problem: str
    helps: str
    how: str
    built: str
    links: list[str]
    challenge_id: int | None


def link_domains() -> list[str]:
    return [d.strip().lower() for d in (settings.get("hack_link_domains") or "").split() if d]


def check_links(raw: list[str]) -> list[str]:
    """https links to allow-listed sites (or their subdomains) only."""
    allowed = link_domains()
    links = []
    for url in (u.strip() for u in raw):
        if not url:
            continue
        parsed = urlparse(url)
        host = (parsed.hostname or "").lower()
        if parsed.scheme != "https" or not any(
            host == d or host.endswith("." + d) for d in allowed
        ):
            raise IdeaRefused("link")
        links.append(url)
    if len(links) > MAX_LINKS:
        raise IdeaRefused("too_many_links")
    return links


# Between the fields of an idea in the text a moderator reads and may edit.
SEPARATOR = "\n\n---\n\n"


def idea_text(idea_or_draft) -> str:
    """What is screened and what a moderator reads: the fields, apart by a line of dashes."""
    return SEPARATOR.join(getattr(idea_or_draft, name) or "" for name in IDEA_FIELDS)


def split_text(text: str) -> list[str] | None:
    """The fields back out of a moderator's edit (None when the dashes were not kept)."""
    # A line of dashes, even the last one when the text was trimmed after it.
    parts = re.split(r"\n[ \t]*-{3,}[ \t]*(?=\n|$)", text.replace("\r\n", "\n").strip())
    return [p.strip() for p in parts] if len(parts) == len(IDEA_FIELDS) else None


def add_version(idea: Idea, author_id: int | None) -> None:
    idea.version += 1
    idea.updated_at = utcnow()
    db.session.add(
        IdeaVersion(
            idea_id=idea.id, version=idea.version, content=_snapshot(idea), author_id=author_id
        )
    )


def _snapshot(idea: Idea) -> dict:
    data = {name: getattr(idea, name) for name in IDEA_FIELDS}
    data["links"] = list(idea.links or [])
    data["challenge_id"] = idea.challenge_id
    return data


def save(user, team: Team, draft: IdeaDraft, base_version: int | None, locale):
    """Creates or updates the team's idea. `base_version`: the version the form showed
    (None for a first idea). Raises IdeaRefused("conflict") when someone in
    the team saved in between: nothing is overwritten. Returns (idea, verdict)."""
    event = db.session.get(Event, team.event_id)
    if not rules.may_edit_idea(user, team, event):
        raise IdeaRefused("deadline" if rules.phase(event) not in rules.TEAM_PHASES else "not_now")
    if draft.challenge_id is not None and draft.challenge_id not in {
        c.id for c in event.challenges
    }:
        raise IdeaRefused("challenge")
    links = check_links(draft.links)
    lock_row(team)
    idea = db.session.scalar(select(Idea).where(Idea.team_id == team.id))
    if idea is not None:
        db.session.refresh(idea)
        if base_version != idea.version:
            raise IdeaRefused("conflict")
    elif base_version is not None:
        raise IdeaRefused("conflict")
    # The fields as stored: masked words stay masked.
    verdict, fields = screen_parts(
        [getattr(draft, name) for name in IDEA_FIELDS],
        user,
        locale,
        sep=SEPARATOR,
        content_type="hack_idea",
    )
    if verdict.blocked:
        raise IdeaRefused("text", verdict)
    values = dict(zip(IDEA_FIELDS, fields, strict=True))
    edited = idea is not None
    if idea is None:
        idea = Idea(event_id=event.id, team_id=team.id, version=0, updated_at=utcnow())
        db.session.add(idea)
    for name in IDEA_FIELDS:
        setattr(idea, name, values[name])
    idea.title = idea.title[:120]
    idea.links = links
    idea.challenge_id = draft.challenge_id
    idea.author_id = user.id
    idea.status = status_for(verdict)
    db.session.flush()
    add_version(idea, user.id)
    after_submit(idea, verdict, edited=edited)
    return idea, verdict


def submit(user, idea: Idea) -> None:
    """Marks the idea as ready for the jury. It stays editable until the deadline."""
    event = db.session.get(Event, idea.event_id)
    if not rules.is_team_member(user, idea.team):
        raise IdeaRefused("not_member")
    if rules.phase(event) not in rules.BUILD_PHASES:
        raise IdeaRefused("deadline")
    if idea.submitted_at is None:
        idea.submitted_at = utcnow()


def withdraw_submission(user, idea: Idea) -> None:
    event = db.session.get(Event, idea.event_id)
    if not rules.is_team_member(user, idea.team):
        raise IdeaRefused("not_member")
    if rules.phase(event) not in rules.BUILD_PHASES:
        raise IdeaRefused("deadline")
    idea.submitted_at = None


def versions_stmt(idea: Idea):
    return (
        select(IdeaVersion)
        .where(IdeaVersion.idea_id == idea.id)
        .order_by(IdeaVersion.version.desc())
    )


# Feedback -------------------------------------------------------------------------------


def give_feedback(mentor, idea: Idea, body: str, locale) -> tuple[Feedback | None, object]:
    if not rules.may_give_feedback(mentor, idea):
        raise IdeaRefused("not_now")
    verdict = screen(body, mentor, locale, content_type="hack_feedback")
    if verdict.blocked:
        return None, verdict
    feedback = Feedback(
        idea_id=idea.id, body=verdict.text, author_id=mentor.id, status=status_for(verdict)
    )
    db.session.add(feedback)
    db.session.flush()
    after_submit(feedback, verdict)
    if feedback.status == ModerationStatus.PUBLISHED:
        tell_team(feedback)
    return feedback, verdict


def tell_team(feedback: Feedback) -> None:
    for member in feedback.idea.team.members:
        notify(
            member.user,
            "idea_feedback",
            url_for("hackathon.idea", idea_id=feedback.idea_id),
            title=feedback.idea.title,
        )


def feedback_stmt(idea: Idea, user):
    from youthportal.safety.content import visible

    return (
        select(Feedback)
        .where(Feedback.idea_id == idea.id, visible(Feedback, user))
        .order_by(Feedback.created_at, Feedback.id)
    )
