"""Many votes at once, through the app: one member's twenty simultaneous clicks count once,
two hundred members voting together are all counted, and nobody sees an error page."""

import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from tests.conftest import make_group, make_user
from tests.polls.helpers import make_poll, option_ids
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.polls.models import Ballot, Participation


def _vote_in_thread(app, user_id, poll_id, option_id, token):
    # Each thread is a separate browser with its own app context, as under a real server.
    with app.app_context():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
            session["last_seen"] = int(time.time())
        data = {"choice": [option_id], "once": token}
        response = client.post(f"/polls/{poll_id}/vote", data=data)
        db.session.remove()
        return response.status_code


def _counts(poll):
    db.session.expire_all()
    ballots = db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll.id)
    )
    voters = db.session.scalar(
        select(func.count()).select_from(Participation).where(Participation.poll_id == poll.id)
    )
    return ballots, voters


def test_twenty_simultaneous_votes_by_one_member_count_once(app):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group])
    teen = make_user(age=15, group=group)
    option, teen_id, poll_id = option_ids(poll)[0], teen.get_id(), poll.id
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(
            pool.map(
                lambda n: _vote_in_thread(app, teen_id, poll_id, option, f"same-{n}"), range(20)
            )
        )
    elapsed = time.perf_counter() - started
    assert 500 not in codes
    assert codes.count(200) == 1 and codes.count(409) == 19, codes
    assert _counts(poll) == (1, 1)
    print(f"\n20 simultaneous votes by one member: {elapsed:.2f} s, codes {set(codes)}")


def test_two_hundred_members_voting_together_are_all_counted(app):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], receipts=True)
    members = [make_user(age=15, group=group) for _ in range(200)]
    options, member_ids, poll_id = option_ids(poll), [m.get_id() for m in members], poll.id
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(
            pool.map(
                lambda n: _vote_in_thread(app, member_ids[n], poll_id, options[n % 3], f"many-{n}"),
                range(200),
            )
        )
    elapsed = time.perf_counter() - started
    assert codes == [200] * 200, sorted(set(codes))
    assert _counts(poll) == (200, 200)
    # Ballots traded places while others voted: none was lost or copied on the way.
    chosen = [choices[0] for choices in db.session.scalars(select(Ballot.choices))]
    assert sorted(chosen) == sorted(options[n % 3] for n in range(200))
    receipts = db.session.scalars(select(Ballot.receipt)).all()
    assert len(set(receipts)) == 200 and None not in receipts
    print(f"\n200 members in parallel (20 threads): {elapsed:.2f} s")
