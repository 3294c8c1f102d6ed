"""Casting a vote: checked, counted once, and in a secret poll impossible to trace back.

The participation row (who) and the ballot (what) are written in one transaction; the
participation's primary key makes a second vote fail even when two requests race. Nothing
about the choice is logged or audit-recorded.
"""

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update

from youthportal.accounts.ages import user_age_band
from youthportal.core import audience as audiences
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls import rules
from youthportal.polls.models import (
    Ballot,
    Method,
    Participation,
    Poll,
    PollOption,
    PollReason,
    ReasonMode,
    random_reason_id,
)
from youthportal.safety import screen
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit


class VoteRefused(Exception):
    """`code` names the translated message the voter sees (see polls.labels)."""

    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


@dataclass
class Cast:
    receipt: str | None
    changed: bool  # an open poll's earlier vote was replaced
    reason_held: bool = False
    urgent: bool = False


def published_option_ids(poll: Poll) -> list[int]:
    return list(
        db.session.scalars(
            select(PollOption.id)
            .where(PollOption.poll_id == poll.id, PollOption.status == ModerationStatus.PUBLISHED)
            .order_by(PollOption.position, PollOption.id)
        )
    )


def scale_points(poll: Poll) -> list[int]:
    return list(range(1, len(poll.scale_labels or []) + 1)) or [1, 2, 3, 4, 5]


def own_option_ids(poll: Poll, user) -> set[int]:
    """People's choice: the option of the voter's own team, which they may not choose."""
    if poll.event_id is None or user is None:
        return set()
    from youthportal.hackathon.rules import own_idea_ids_stmt

    return set(
        db.session.scalars(
            select(PollOption.id).where(
                PollOption.poll_id == poll.id,
                PollOption.idea_id.in_(own_idea_ids_stmt(user, poll.event_id)),
            )
        )
    )


def check_choices(poll: Poll, raw: list, user=None) -> list[int]:
    """The ballot as stored, or VoteRefused. `raw` holds the submitted values in order
    (for ranked choice: first choice first, blanks as empty strings at the end)."""
    try:
        values = [int(v) for v in raw if str(v).strip() != ""]
    except (TypeError, ValueError):
        raise VoteRefused("malformed") from None
    if poll.method == Method.SCALE:
        if len(values) != 1 or values[0] not in scale_points(poll):
            raise VoteRefused("choose_point")
        return values
    own = own_option_ids(poll, user)
    allowed = set(published_option_ids(poll)) - own
    if not values:
        raise VoteRefused("choose_option")
    if own & set(values):
        raise VoteRefused("own_team")
    if any(v not in allowed for v in values):
        raise VoteRefused("unknown_option")
    if len(set(values)) != len(values):
        raise VoteRefused("duplicate" if poll.method == Method.RANKED else "malformed")
    if poll.method == Method.SINGLE and len(values) != 1:
        raise VoteRefused("one_option")
    if poll.method == Method.MULTIPLE and len(values) > (poll.max_choices or len(allowed)):
        raise VoteRefused("too_many")
    if poll.method == Method.RANKED:
        # A ranking is 1st, 2nd, 3rd ... without gaps: "1st and 3rd" is not a ranking.
        filled = [str(v).strip() != "" for v in raw]
        if any(later and not earlier for earlier, later in zip(filled, filled[1:], strict=False)):
            raise VoteRefused("ranking_gap")
    return values


def cast(poll: Poll, user, raw_choices: list, reason: str | None, locale) -> Cast:
    # Closing takes this row for update; a vote holds it shared, so a vote that started
    # before the close is counted, and one that starts after is refused.
    db.session.execute(select(Poll.id).where(Poll.id == poll.id).with_for_update(read=True))
    if rules.phase(poll) != rules.Phase.OPEN:
        raise VoteRefused("not_open")
    if not audiences.includes(rules.audience_of(poll), user):
        raise VoteRefused("not_audience")
    choices = check_choices(poll, raw_choices, user)
    reason = (reason or "").strip()
    if poll.reason_mode == ReasonMode.OFF:
        reason = ""
    elif poll.reason_mode == ReasonMode.REQUIRED and not reason:
        raise VoteRefused("reason_required")
    verdict = None
    if reason:
        # No screening event for a secret poll's reason: its time would mark who voted.
        verdict = screen(
            reason, user, locale, content_type="poll_reason", record=not poll.is_secret
        )
        if verdict.blocked:
            raise VoteRefused("reason_refused", verdict)

    earlier = db.session.get(Participation, (poll.id, user.id))
    if earlier is not None:
        if poll.is_secret or not poll.allow_change:
            raise VoteRefused("already_voted")
        ballot = db.session.scalar(
            select(Ballot).where(Ballot.poll_id == poll.id, Ballot.voter_id == user.id)
        )
        ballot.choices = choices
        result = Cast(receipt=None, changed=True)
    else:
        today = utcnow().date()
        if not insert_if_absent(Participation, poll_id=poll.id, user_id=user.id, voted_on=today):
            raise VoteRefused("already_voted")  # the same member, a moment earlier
        # Written now (SQLite holds its write lock from here): if the poll was counted in
        # the meantime, this vote comes too late and is refused, never silently uncounted.
        closes_at, counted = db.session.execute(
            select(Poll.closes_at, Poll.tally.is_not(None)).where(Poll.id == poll.id)
        ).one()
        if counted or closes_at <= utcnow():
            raise VoteRefused("not_open")
        receipt = _receipt() if poll.receipts else None
        ballot = Ballot(
            poll_id=poll.id,
            choices=choices,
            age_band=user_age_band(user),
            group_id=audiences.breakdown_group(rules.audience_of(poll), user),
            receipt=receipt,
            voter_id=None if poll.is_secret else user.id,
        )
        db.session.add(ballot)
        db.session.flush()
        if poll.is_secret:
            _trade_places(poll, ballot)
        result = Cast(receipt=receipt, changed=False)
    if reason:
        result.reason_held, result.urgent = _keep_reason(poll, user, reason, verdict)
    return result


def _receipt() -> str:
    # 12 characters a voter can copy from a phone screen: no 0/O or 1/I/l to confuse.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


_PAYLOAD = ("choices", "age_band", "group_id", "receipt")


def _trade_places(poll: Poll, ballot: Ballot) -> None:
    """Swap the new ballot's content with a random ballot of the poll (itself included):
    an incremental Fisher-Yates shuffle, so the rows' order is a random permutation of the
    votes and cannot be lined up with the order of the participation rows."""
    count = db.session.scalar(select(func.count()).where(Ballot.poll_id == poll.id))
    pick = secrets.randbelow(count)
    picked = db.session.scalar(
        select(Ballot.id).where(Ballot.poll_id == poll.id).order_by(Ballot.id).offset(pick).limit(1)
    )
    # Lock the row and read it again: another vote may have traded with it a moment ago,
    # and its content must move whole, never be copied from an outdated read.
    other = db.session.scalar(
        select(Ballot)
        .where(Ballot.id == picked)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if other is None or other.id == ballot.id:
        return
    mine = {name: getattr(ballot, name) for name in _PAYLOAD}
    theirs = {name: getattr(other, name) for name in _PAYLOAD}
    # Receipts are unique: clear one first so the two updates never collide.
    db.session.execute(update(Ballot).where(Ballot.id == other.id).values(receipt=None))
    db.session.execute(update(Ballot).where(Ballot.id == ballot.id).values(**theirs))
    db.session.execute(update(Ballot).where(Ballot.id == other.id).values(**mine))
    db.session.expire(ballot)
    db.session.expire(other)


def _keep_reason(poll: Poll, user, text: str, verdict) -> tuple[bool, bool]:
    """Store the reason apart from the ballot. In a secret poll it has no author, unless
    it may tell of danger: then a safeguarding lead must know who needs help (the reason
    is still not linked to the ballot)."""
    if not poll.is_secret and poll.allow_change:
        for old in db.session.scalars(
            select(PollReason).where(PollReason.poll_id == poll.id, PollReason.author_id == user.id)
        ):
            old.status = ModerationStatus.REMOVED
    anonymous = poll.is_secret and not verdict.urgent
    ident = random_reason_id()
    while db.session.get(PollReason, ident) is not None:  # a clash: draw again
        ident = random_reason_id()
    row = PollReason(
        id=ident,
        poll_id=poll.id,
        body=verdict.text,
        status=status_for(verdict),
        author_id=None if anonymous else user.id,
        created_on=utcnow().date(),
    )
    db.session.add(row)
    db.session.flush()
    if not anonymous:
        after_submit(row, verdict)
    # else: held reasons of a secret poll reach the review queue at closing (results.close),
    # when they are shown; a review item now would record the moment of the vote.
    return row.status == ModerationStatus.PENDING, verdict.urgent


def my_open_ballot(poll: Poll, user) -> list:
    """An open poll's voter sees what they chose (a secret poll's voter only that they
    voted)."""
    if poll.is_secret:
        return []
    ballot = db.session.scalar(
        select(Ballot.choices).where(Ballot.poll_id == poll.id, Ballot.voter_id == user.id)
    )
    return list(ballot or [])


def receipts_stmt(poll: Poll, code: str | None = None):
    stmt = select(Ballot).where(Ballot.poll_id == poll.id, Ballot.receipt.is_not(None))
    if code:
        stmt = stmt.where(Ballot.receipt == code)
    return stmt.order_by(Ballot.receipt)
