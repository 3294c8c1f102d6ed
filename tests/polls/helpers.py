"""Making polls and voting in them, for the poll tests."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import login
from youthportal.core.audience import AudienceKind
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Method, Poll, PollGroup, PollOption


def make_poll(
    author,
    method="single",
    options=("Longer breaks", "A school garden", "More sport"),
    *,
    opens_in=timedelta(hours=-1),
    lasts=timedelta(days=3),
    groups=(),
    **fields,
) -> Poll:
    now = utcnow()
    fields.setdefault("is_secret", True)
    if groups:
        fields.setdefault("audience_kind", AudienceKind.GROUPS)
    poll = Poll(
        title=fields.pop("title", "What should our school change first?"),
        method=Method(method),
        author_id=author.id,
        opens_at=now + opens_in,
        closes_at=now + opens_in + lasts,
        **fields,
    )
    if method == "scale":
        poll.scale_labels = poll.scale_labels or ["1", "2", "3", "4", "5"]
    db.session.add(poll)
    db.session.flush()
    for group in groups:
        db.session.add(PollGroup(poll_id=poll.id, group_id=group.id))
    if method != "scale":
        for position, label in enumerate(options):
            db.session.add(PollOption(poll_id=poll.id, label=label, position=position))
    db.session.commit()
    return poll


def option_ids(poll) -> list[int]:
    return list(
        db.session.scalars(
            select(PollOption.id).where(PollOption.poll_id == poll.id).order_by(PollOption.position)
        )
    )


def vote(client, user, poll, choices=None, ranks=None, reason=None, once=None):
    login(client, user)
    data = {"once": once or f"v-{poll.id}-{user.id}"}
    if choices is not None:
        data["choice"] = [str(c) for c in choices]
    for place, option in enumerate(ranks or [], start=1):
        data[f"rank-{place}"] = str(option)
    if reason is not None:
        data["reason"] = reason
    return client.post(f"/polls/{poll.id}/vote", data=data)


def close_now(poll) -> None:
    poll.closes_at = utcnow() - timedelta(seconds=1)
    if poll.opens_at >= poll.closes_at:
        poll.opens_at = poll.closes_at - timedelta(hours=1)
    db.session.commit()
