"""Results: counted once when a poll closes (and frozen: a closed poll's results never
change), or, while it runs, recounted only when a new ballot came in."""

import random
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update

from youthportal.accounts.models import Group
from youthportal.core import audience as audiences
from youthportal.core import settings
from youthportal.core.cache import shared
from youthportal.extensions import db
from youthportal.polls import rules
from youthportal.polls.models import Ballot, Method, Participation, Poll, PollOption
from youthportal.polls.tally import (
    count_choices,
    instant_runoff,
    safe_breakdown,
    scale_summary,
)
from youthportal.polls.voting import published_option_ids, scale_points

# A live count is kept this long at most (seconds); it is replaced as soon as a ballot comes in.
LIVE_RESULTS_TTL = 3600
# While a poll runs, its turnout line ("12 of 480 members") may use an audience counted this
# long ago (seconds): counting a national audience costs a scan of the members. The quorum is
# decided on the size frozen at closing, never on this.
RUNNING_AUDIENCE_TTL = 300


def turnout(poll: Poll) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Participation).where(Participation.poll_id == poll.id)
    )


def count(poll: Poll) -> dict:
    """The whole result as plain data (stored as JSON at closing)."""
    rows = db.session.execute(
        select(Ballot.choices, Ballot.age_band, Ballot.group_id).where(Ballot.poll_id == poll.id)
    ).all()
    ballots = [list(choices) for choices, _, _ in rows]
    if poll.method == Method.SCALE:
        columns = scale_points(poll)
        summary = scale_summary((b[0] for b in ballots), columns)
        result = {
            "distribution": {str(k): v for k, v in summary.distribution.items()},
            "mean": summary.mean,
            "median": summary.median,
        }
        first = [b[0] for b in ballots]
    else:
        columns = published_option_ids(poll)
        if poll.method == Method.RANKED:
            runoff = instant_runoff(ballots, columns, seed=poll.seed)
            result = {
                "rounds": [
                    {
                        "counts": {str(k): v for k, v in r.counts.items()},
                        "exhausted": r.exhausted,
                        "eliminated": list(r.eliminated),
                        "by_lot": r.by_lot,
                        "by_earlier_round": r.by_earlier_round,
                    }
                    for r in runoff.rounds
                ],
                "winner": runoff.winner,
            }
            first = [b[0] for b in ballots]
        else:
            counted = count_choices(ballots, columns)
            result = {
                "counts": {str(k): v for k, v in counted.counts.items()},
                "leaders": counted.leaders,
            }
            first = None
    result["ballots"] = len(ballots)
    result["breakdowns"] = _breakdowns(poll, rows, columns, first)
    return result


def _breakdowns(poll: Poll, rows, columns, first) -> dict:
    """By age band and by group: each ballot counts once per column it chose (its first
    preference for ranked choice, its point for a scale). Cells under k never leave here."""
    k = settings.get("breakdown_min_cell")
    out = {}
    group_names = {}
    group_ids = {g for _, _, g in rows if g is not None}
    if group_ids:
        group_names = dict(
            db.session.execute(select(Group.id, Group.name).where(Group.id.in_(group_ids))).all()
        )
    for key, pick in (("age_band", 1), ("group", 2)):
        cells: dict[str, dict] = {}
        for index, row in enumerate(rows):
            label = row[pick]
            if label is None:
                continue
            label = group_names.get(label, str(label)) if key == "group" else label
            chosen = [first[index]] if first is not None else list(row[0])
            cell = cells.setdefault(label, {})
            for column in chosen:
                cell[column] = cell.get(column, 0) + 1
        table = safe_breakdown(cells, columns, k)
        out[key] = {
            "rows": [
                [label, {str(c): n for c, n in counts.items()}] for label, counts in table.rows
            ],
            "other": {str(c): n for c, n in table.other.items()} if table.other else None,
            "k": table.k,
        }
    return out


def current(poll: Poll) -> dict:
    """Frozen results of a closed poll, or a live count reused until a ballot comes in."""
    if rules.phase(poll) == rules.Phase.CLOSED:
        return close(poll)
    if poll.allow_change:
        return count(poll)  # a changed vote keeps the number of ballots: no cache
    ballots = db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll.id)
    )
    # Shared by every app server (Redis when configured): one count per new ballot in all.
    key = f"poll-live:{poll.id}"
    cached = shared().get(key)
    if cached and cached[0] == ballots:
        return cached[1]
    result = count(poll)
    shared().set(key, (ballots, result), LIVE_RESULTS_TTL)
    return result


def current_kept(poll: Poll) -> dict:
    """current(), committed when this very call counted a poll that has just closed (its
    frozen count is kept); otherwise nothing was written and nothing is committed."""
    closing = poll.tally is None and rules.phase(poll) == rules.Phase.CLOSED
    tally = current(poll)
    if closing:
        db.session.commit()
    return tally


def close(poll: Poll) -> dict:
    """Count once, under the poll's row lock (votes in flight finish first), freeze the
    audience size for the quorum, and re-deal the ballots so the rows carry no trace of
    the order or the transactions in which they were cast."""
    if poll.tally is not None:
        return poll.tally
    # A write first: on SQLite it takes the database's write lock before anything is read,
    # so a vote in flight either committed before (and is counted) or waits and is refused.
    db.session.execute(
        update(Poll)
        .where(Poll.id == poll.id)
        .values(seed=Poll.seed)
        .execution_options(synchronize_session=False)
    )
    locked = db.session.scalar(
        select(Poll)
        .where(Poll.id == poll.id)
        .with_for_update(of=Poll)
        .execution_options(populate_existing=True)
    )
    if locked.tally is not None:
        return locked.tally
    if poll.is_secret:
        _redeal(poll)
        _redeal_reasons(poll)
    tally = count(poll)
    tally["turnout"] = turnout(poll)  # frozen with the count
    # Frozen at closing, unless the vote froze its electorate when it opened (adoption votes).
    size = (
        locked.audience_size
        if locked.audience_size is not None
        else audiences.size(rules.audience_of(poll))
    )
    db.session.execute(
        update(Poll)
        .where(Poll.id == poll.id, Poll.tally.is_(None))
        .values(tally=tally, audience_size=size)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(poll)
    return tally  # the caller commits (views right after reading)


def close_due() -> int:
    """Counts the polls whose closing time has passed (cron: `youthportal close-polls`), so
    the count and the audience size are taken at closing, not at the first visit."""
    from youthportal.core.model_base import utcnow

    due = db.session.scalars(
        select(Poll).where(Poll.closes_at <= utcnow(), Poll.tally.is_(None)).order_by(Poll.id)
    ).all()
    for poll in due:
        close(poll)
        db.session.commit()  # one poll at a time: a long run never holds every lock
    return len(due)


def _redeal(poll: Poll) -> None:
    """Rewrite the poll's ballots in a random order within one transaction."""
    rows = [
        dict(row._mapping)
        for row in db.session.execute(
            select(
                Ballot.id,
                Ballot.poll_id,
                Ballot.choices,
                Ballot.age_band,
                Ballot.group_id,
                Ballot.receipt,
                Ballot.voter_id,
            ).where(Ballot.poll_id == poll.id)
        )
    ]
    if not rows:
        return
    random.SystemRandom().shuffle(rows)
    db.session.execute(delete(Ballot).where(Ballot.poll_id == poll.id))
    db.session.execute(insert(Ballot), rows)


def _redeal_reasons(poll: Poll) -> None:
    """Reasons of a secret poll: rewritten in a random order (their rows must not follow
    the order of the votes), and the held ones go to the review queue only now, so no
    review item carries the moment someone voted."""
    from youthportal.polls.models import PollReason
    from youthportal.safety.models import ModerationStatus, ReviewReason
    from youthportal.safety.review import open_review

    rows = [
        {c.name: getattr(reason, c.name) for c in PollReason.__table__.columns}
        for reason in db.session.scalars(select(PollReason).where(PollReason.poll_id == poll.id))
    ]
    if not rows:
        return
    random.SystemRandom().shuffle(rows)
    db.session.execute(delete(PollReason).where(PollReason.poll_id == poll.id))
    db.session.execute(insert(PollReason), rows)
    for reason in db.session.scalars(
        select(PollReason).where(
            PollReason.poll_id == poll.id, PollReason.status == ModerationStatus.PENDING
        )
    ):
        open_review(reason, reason=ReviewReason.HELD)


@dataclass(frozen=True)
class Quorum:
    required_percent: int | None
    turnout: int
    audience: int

    @property
    def percent(self) -> float:
        return 100 * self.turnout / self.audience if self.audience else 0.0

    @property
    def met(self) -> bool:
        if not self.required_percent:
            return True
        return self.turnout * 100 >= self.required_percent * self.audience


def quorum(poll: Poll) -> Quorum:
    """Turnout and audience as frozen at closing, or as they are now while it runs."""
    size = poll.audience_size
    if size is None:
        key = f"poll-audience:{poll.id}"
        size = shared().get(key)
        if size is None:
            size = audiences.size(rules.audience_of(poll))
            shared().set(key, size, RUNNING_AUDIENCE_TTL)
    frozen = (poll.tally or {}).get("turnout")
    return Quorum(poll.quorum_percent, frozen if frozen is not None else turnout(poll), size)


def options_by_id(poll: Poll) -> dict[int, PollOption]:
    return {
        o.id: o
        for o in db.session.scalars(
            select(PollOption).where(PollOption.poll_id == poll.id).order_by(PollOption.position)
        )
    }
