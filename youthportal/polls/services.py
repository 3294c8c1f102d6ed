"""Opening and changing polls, and options proposed by young people. Every text is screened;
a held poll or option waits for a facilitator."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from youthportal.core import audience as audiences
from youthportal.core import audit
from youthportal.core.audience import AudienceKind
from youthportal.core.database import lock_row
from youthportal.extensions import db
from youthportal.polls import rules
from youthportal.polls.models import Method, Poll, PollGroup, PollOption
from youthportal.safety import screen
from youthportal.safety.content import status_for, visible
from youthportal.safety.models import ModerationStatus, ReviewReason
from youthportal.safety.review import after_submit, open_item_for, open_review


@dataclass
class PollSetup:
    title: str
    description: str
    method: Method
    options: list[str]
    max_choices: int | None
    scale_labels: list[str]
    is_secret: bool
    allow_change: bool
    results_visibility: str
    reason_mode: str
    quorum_percent: int | None
    receipts: bool
    youth_options: bool
    audience_kind: str
    group_ids: list[int]
    age_bands: list[str]
    opens_at: datetime
    closes_at: datetime


def _text(setup: PollSetup) -> str:
    return "\n\n".join(
        part for part in (setup.title, setup.description, "\n".join(setup.options)) if part
    )


def create(author, setup: PollSetup, locale):
    """Returns (poll or None, verdict)."""
    verdict = screen(_text(setup), author, locale, content_type="poll")
    if verdict.blocked:
        return None, verdict
    poll = Poll(author_id=author.id, status=status_for(verdict), method=setup.method)
    _apply(poll, setup, options=True)
    db.session.add(poll)
    db.session.flush()
    _replace_options(poll, setup.options)
    after_submit(poll, verdict)
    audit.record(author, "poll.created", poll)
    return poll, verdict


def update(editor, poll: Poll, setup: PollSetup, locale):
    """Method and options change only until the first ballot; the rest until closing."""
    verdict = screen(_text(setup), editor, locale, content_type="poll")
    if verdict.blocked:
        return verdict
    lock_row(poll)  # a vote arriving now waits: the settings it is cast under stay put
    setup_open = rules.may_edit_setup(poll)
    if rules.phase(poll) != rules.Phase.UPCOMING:
        # Once voting has begun, who votes, when it opened, the quorum and when results
        # show are fixed (nobody may reveal hidden results early); it may only run longer.
        setup.results_visibility = poll.results_visibility
        setup.audience_kind = poll.audience_kind.value
        setup.group_ids = poll.group_ids
        setup.age_bands = poll.age_bands
        setup.quorum_percent = poll.quorum_percent
        setup.opens_at = poll.opens_at
        setup.closes_at = max(setup.closes_at, poll.closes_at)
    _apply(poll, setup, options=setup_open)
    if setup_open:
        poll.method = setup.method
        _replace_options(poll, setup.options)
    # As with comments: held words take the poll out of sight until a moderator has read
    # them, and a poll that is waiting keeps waiting.
    if poll.status == ModerationStatus.PUBLISHED and not verdict.ok:
        poll.status = ModerationStatus.PENDING
    after_submit(poll, verdict, edited=True)
    audit.record(editor, "poll.updated", poll)
    return verdict


def _apply(poll: Poll, setup: PollSetup, *, options: bool) -> None:
    poll.title = setup.title
    poll.description = setup.description
    poll.opens_at = setup.opens_at
    poll.closes_at = setup.closes_at
    poll.results_visibility = setup.results_visibility
    poll.reason_mode = setup.reason_mode
    poll.quorum_percent = setup.quorum_percent
    poll.youth_options = setup.youth_options
    poll.audience_kind = AudienceKind(setup.audience_kind)
    poll.age_bands = setup.age_bands if setup.audience_kind == "age_bands" else []
    wanted = set(setup.group_ids) if setup.audience_kind == "groups" else set()
    poll.groups = [g for g in poll.groups if g.group_id in wanted] + [
        PollGroup(group_id=g) for g in sorted(wanted - set(poll.group_ids))
    ]
    if options:  # how votes are cast and kept is fixed once a ballot exists
        poll.max_choices = setup.max_choices if setup.method == Method.MULTIPLE else None
        poll.scale_labels = setup.scale_labels if setup.method == Method.SCALE else []
        poll.is_secret = setup.is_secret
        poll.allow_change = setup.allow_change and not setup.is_secret
        poll.receipts = setup.receipts and setup.is_secret


def _replace_options(poll: Poll, labels: list[str]) -> None:
    existing = list(db.session.scalars(select(PollOption).where(PollOption.poll_id == poll.id)))
    for option in existing:
        if option.author_id is None or option.author_id == poll.author_id:
            db.session.delete(option)
    for position, label in enumerate(labels):
        db.session.add(PollOption(poll_id=poll.id, label=label, position=position))
    db.session.flush()


def propose_option(author, poll: Poll, label: str, locale):
    """A young person suggests an option: screened, then always read by a facilitator."""
    verdict = screen(label, author, locale, content_type="poll_option")
    if verdict.blocked:
        return None, verdict
    position = len(rules_options(poll))
    option = PollOption(
        poll_id=poll.id,
        label=verdict.text,
        position=position,
        status=ModerationStatus.PENDING,
        author_id=author.id,
    )
    db.session.add(option)
    db.session.flush()
    after_submit(option, verdict)
    if open_item_for("poll_option", option.id) is None:
        open_review(option, reason=ReviewReason.HELD)
    return option, verdict


def rules_options(poll: Poll) -> list[PollOption]:
    return list(
        db.session.scalars(
            select(PollOption)
            .where(PollOption.poll_id == poll.id)
            .order_by(PollOption.position, PollOption.id)
        )
    )


def visible_options(poll: Poll, user) -> list[PollOption]:
    return list(
        db.session.scalars(
            select(PollOption)
            .where(PollOption.poll_id == poll.id, visible(PollOption, user))
            .order_by(PollOption.position, PollOption.id)
        )
    )


def polls_stmt(user, state: str | None = None):
    """The polls the user may see (rules.may_view, in SQL), by phase."""
    from youthportal.core.model_base import utcnow

    stmt = audiences.visible_in_lists(
        select(Poll).where(visible(Poll, user)), Poll, PollGroup, user
    )
    now = utcnow()
    if state == "open":
        stmt = stmt.where(Poll.opens_at <= now, Poll.closes_at > now)
    elif state == "upcoming":
        stmt = stmt.where(Poll.opens_at > now)
    elif state == "closed":
        stmt = stmt.where(Poll.closes_at <= now)
    return stmt.order_by(Poll.closes_at.desc(), Poll.id.desc())
