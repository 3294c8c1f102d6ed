"""A member's polls in "my data": that they voted (always), what they chose (open polls
only: a secret ballot is linked to nobody, so it cannot be found again), their named reasons
and the options they proposed."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.extensions import db
from youthportal.polls.models import Ballot, Participation, Poll, PollOption, PollReason


@exporter("poll_participation")
def _participation(user) -> list:
    rows = db.session.execute(
        select(Poll.id, Poll.title, Poll.is_secret, Participation.voted_on)
        .join(Participation, Participation.poll_id == Poll.id)
        .where(Participation.user_id == user.id)
        .order_by(Participation.voted_on)
    )
    return [
        {"poll": pid, "title": title, "secret": secret, "voted_on": day}
        for pid, title, secret, day in rows
    ]


@exporter("poll_open_ballots")
def _open_ballots(user) -> list:
    rows = db.session.execute(
        select(Ballot.poll_id, Ballot.choices).where(Ballot.voter_id == user.id)
    )
    return [{"poll": pid, "choices": list(choices)} for pid, choices in rows]


@exporter("poll_reasons")
def _reasons(user) -> list:
    rows = db.session.scalars(select(PollReason).where(PollReason.author_id == user.id))
    return [
        {"poll": r.poll_id, "text": r.body, "status": r.status.value, "on": r.created_on}
        for r in rows
    ]


@exporter("poll_options")
def _options(user) -> list:
    rows = db.session.scalars(select(PollOption).where(PollOption.author_id == user.id))
    return [{"poll": o.poll_id, "option": o.label, "status": o.status.value} for o in rows]
