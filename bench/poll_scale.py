"""Scale benchmark of polls: 20,000 youth in 200 groups, 200 polls, 300,000 ballots.

    python bench/poll_scale.py [--database-url URL] [--youth 20000] [--ballots 300000]

Bulk-loads a throw-away database (SQLite file by default), then reports:
- closing a poll of 20,000 ballots (counted once, ballots re-dealt, audience frozen);
- the results page of that poll afterwards (median of 20 requests; target under 150 ms);
- a live results page (recounted only when a ballot came in);
- one vote cast into the 20,000-ballot poll while it is open (the ballot trades places);
- the poll list with 200 polls (its query count is pinned by the tests).
"""

import argparse
import os
import secrets
import tempfile
import time
from datetime import timedelta

parser = argparse.ArgumentParser()
parser.add_argument("--database-url")
parser.add_argument("--youth", type=int, default=20_000)
parser.add_argument("--ballots", type=int, default=300_000)
args = parser.parse_args()

from _measure import measure, sign_in  # noqa: E402

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

from sqlalchemy import insert, select  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import Group, GroupMember, Role, User  # noqa: E402
from youthportal.core.model_base import utcnow  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.polls import results  # noqa: E402
from youthportal.polls.models import (  # noqa: E402
    Ballot,
    Participation,
    Poll,
    PollOption,
)

app = create_app(
    {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "PER_PAGE": 25,
    }
)
GROUPS, POLLS, BIG = 200, 200, 20_000


def chunks(rows, size=5000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def bulk(model, rows) -> None:
    for part in chunks(rows):
        db.session.execute(insert(model), part)


started = time.perf_counter()
with app.app_context():
    db.drop_all()
    db.create_all()
    now = utcnow()
    bulk(
        Group,
        [{"id": g + 1, "name": f"Class {g + 1}", "country": "AL"} for g in range(GROUPS)],
    )
    bulk(
        User,
        [
            {
                "id": u + 1,
                "login_name": f"y{u}",
                "display_name": f"Youth {u}",
                "role": Role.YOUTH,
                "password_hash": "!",
                "birth_year": 2008 + u % 9,
                "birth_month": 1 + u % 12,
                "approved_count": 5,
                "created_at": now - timedelta(days=60),
            }
            for u in range(args.youth)
        ],
    )
    db.session.add(
        User(
            id=args.youth + 1,
            login_name="fac",
            display_name="Facilitator",
            role=Role.FACILITATOR,
            password_hash="!",
        )
    )
    bulk(GroupMember, [{"group_id": u % GROUPS + 1, "user_id": u + 1} for u in range(args.youth)])
    polls, options = [], []
    for p in range(POLLS):
        closes = now + timedelta(days=3) if p % 2 else now - timedelta(days=1)
        polls.append(
            {
                "id": p + 1,
                "title": f"Poll {p + 1}: what should change first?",
                "description": "",
                "method": "single",
                "scale_labels": [],
                "opens_at": now - timedelta(days=10),
                "closes_at": closes,
                "results_visibility": "live",
                "audience_kind": "everyone",
                "audience_age_bands": "",
                "seed": secrets.token_hex(8),
            }
        )
        options += [
            {"poll_id": p + 1, "label": f"Option {o + 1}", "position": o, "status": "published"}
            for o in range(4)
        ]
    bulk(Poll, polls)
    bulk(PollOption, options)
    db.session.flush()
    option_ids = {}
    for poll_id, option_id in db.session.execute(select(PollOption.poll_id, PollOption.id)):
        option_ids.setdefault(poll_id, []).append(option_id)
    # Poll 2 (open) and poll 1 (closed, not yet counted) get 20,000 ballots each; the rest
    # share what is left.
    per_poll = max(1, (args.ballots - 2 * BIG) // (POLLS - 2))
    ballots, voted = [], []
    for poll_id in range(1, POLLS + 1):
        count = min(BIG if poll_id <= 2 else per_poll, args.youth - 10)  # some never vote
        for n in range(count):
            user = (n * 7 + poll_id) % args.youth + 1
            ballots.append(
                {
                    "id": secrets.token_hex(16),
                    "poll_id": poll_id,
                    "choices": [option_ids[poll_id][(n * n + poll_id) % 4]],
                    "age_band": ("9-12", "13-15", "16-18")[n % 3],
                    "group_id": user % GROUPS + 1,
                }
            )
            voted.append({"poll_id": poll_id, "user_id": user, "voted_on": now.date()})
    bulk(Ballot, ballots)
    bulk(Participation, voted)
    db.session.commit()
    users = {"youth": db.session.get(User, args.youth).get_id()}
    users["facilitator"] = db.session.scalar(select(User).where(User.login_name == "fac")).get_id()
    total = len(ballots)
seconds = time.perf_counter() - started
print(f"seeded {args.youth} youth, {POLLS} polls, {total} ballots in {seconds:.1f} s")

with app.app_context():
    poll = db.session.get(Poll, 1)
    t0 = time.perf_counter()
    results.current(poll)
    db.session.commit()
    ms = (time.perf_counter() - t0) * 1000
    print(f"closing the 20,000-ballot poll (count, re-deal, freeze): {ms:.0f} ms")

client = app.test_client()
sign_in(client, users["youth"])
queries, ms = measure(app, client, "/polls/1/results")
print(f"results page, closed poll of 20,000 ballots: {queries} SQL, median {ms:.1f} ms")
queries, ms = measure(app, client, "/polls/2/results")
print(
    f"results page, live poll of 20,000 ballots (cached count): {queries} SQL, median {ms:.1f} ms"
)

# One more vote into the open 20,000-ballot poll: a member who has not voted there.
with app.app_context():
    voted_ids = set(
        db.session.scalars(select(Participation.user_id).where(Participation.poll_id == 2))
    )
    newcomer = next(
        u
        for u in db.session.scalars(select(User).where(User.role == Role.YOUTH))
        if u.id not in voted_ids
    )
    newcomer_id = newcomer.get_id()
    option = db.session.scalar(select(PollOption.id).where(PollOption.poll_id == 2))
voter = app.test_client()
sign_in(voter, newcomer_id)
t0 = time.perf_counter()
response = voter.post("/polls/2/vote", data={"choice": [option], "once": "bench-vote"})
assert response.status_code == 200, response.status_code
print(f"one vote into the open 20,000-ballot poll: {(time.perf_counter() - t0) * 1000:.1f} ms")
t0 = time.perf_counter()
client.get("/polls/2/results")
print(
    f"live results right after a new ballot (recount): {(time.perf_counter() - t0) * 1000:.0f} ms"
)

queries, ms = measure(app, client, "/polls/")
print(f"poll list (page of 25 of {POLLS} polls): {queries} SQL, median {ms:.1f} ms")
