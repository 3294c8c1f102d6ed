"""Scale benchmark of UneHack judging: one event with 300 teams (900 youth), 300 submitted
ideas, 30 judges, 5 judges per idea and 6 criteria: 9,000 scores.

    python bench/hackathon_scale.py [--database-url URL]

Bulk-loads a throw-away database (SQLite file by default), then reports (target: each
under 200 ms, with query counts that do not grow with the event):
- the results computation alone (two queries, normalisation and ranking in Python);
- the judging dashboard (per-judge progress, calibration, people's choice);
- the results preview an organiser reads before publishing (300 ideas ranked);
- publishing (ranking frozen, awards written, 900 participants notified);
- the published results page;
- a judge's own page and the balanced assignment of 300 ideas to 30 judges.
"""

import argparse
import os
import tempfile
import time
from datetime import timedelta

parser = argparse.ArgumentParser()
parser.add_argument("--database-url")
args = parser.parse_args()

from _measure import measure, sign_in  # noqa: E402

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

from sqlalchemy import insert  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import Role, User  # noqa: E402
from youthportal.core.model_base import utcnow  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.hackathon import results, scoring  # noqa: E402
from youthportal.hackathon.models import (  # noqa: E402
    Assignment,
    Challenge,
    Criterion,
    Event,
    Idea,
    Score,
    Staff,
    Team,
    TeamMember,
)

TEAMS, PER_TEAM, JUDGES, PER_IDEA = 300, 3, 30, 5
WEIGHTS = (25, 20, 20, 15, 10, 10)

app = create_app(
    {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "PER_PAGE": 25,
    }
)


def bulk(model, rows, size=5000) -> None:
    for start in range(0, len(rows), size):
        db.session.execute(insert(model), rows[start : start + size])


started = time.perf_counter()
with app.app_context():
    db.drop_all()
    db.create_all()
    now = utcnow()
    youth = TEAMS * PER_TEAM
    users = [
        {
            "id": u + 1,
            "login_name": f"y{u}",
            "display_name": f"Youth {u}",
            "role": Role.YOUTH,
            "password_hash": "!",
            "birth_year": now.year - 17,
            "birth_month": 1,
            "created_at": now - timedelta(days=60),
        }
        for u in range(youth)
    ]
    users += [
        {
            "id": youth + 1 + j,
            "login_name": f"judge{j}",
            "display_name": f"Judge {j}",
            "role": Role.FACILITATOR,
            "password_hash": "!",
            "email": f"judge{j}@example.org",
        }
        for j in range(JUDGES)
    ]
    bulk(User, users)
    judge_ids = [youth + 1 + j for j in range(JUDGES)]
    day = timedelta(days=1)
    event = Event(
        id=1,
        title="UneHack at national size",
        registration_at=now - 6 * day,
        forming_at=now - 5 * day,
        building_at=now - 4 * day,
        submission_at=now - 3 * day,
        judging_at=now - 2 * day,
        results_at=now - day,
        judges_per_idea=PER_IDEA,
        author_id=judge_ids[0],
    )
    db.session.add(event)
    db.session.flush()
    db.session.add_all(
        [Challenge(event_id=1, title=f"Challenge {c}", position=c) for c in range(3)]
    )
    db.session.add_all(
        [
            Criterion(event_id=1, name=f"Criterion {c}", weight=w, position=c)
            for c, w in enumerate(WEIGHTS)
        ]
    )
    db.session.flush()
    challenges = [c.id for c in db.session.get(Event, 1).challenges]
    criteria = [c.id for c in db.session.get(Event, 1).criteria]
    bulk(
        Team,
        [
            {
                "id": t + 1,
                "event_id": 1,
                "name": f"Team {t:03d}",
                "code": f"C{t:07d}",
                "age_band": "16-18",
                "member_count": PER_TEAM,
            }
            for t in range(TEAMS)
        ],
    )
    bulk(
        TeamMember,
        [{"team_id": u // PER_TEAM + 1, "user_id": u + 1, "event_id": 1} for u in range(youth)],
    )
    bulk(
        Idea,
        [
            {
                "id": t + 1,
                "event_id": 1,
                "team_id": t + 1,
                "challenge_id": challenges[t % 3],
                "title": f"Idea {t:03d}",
                "problem": "A problem",
                "helps": "Children",
                "how": "Like this",
                "built": "",
                "links": [],
                "status": "published",
                "version": 1,
                "submitted_at": now - 3 * day + t * timedelta(seconds=1),
            }
            for t in range(TEAMS)
        ],
    )
    bulk(
        Staff,
        [{"event_id": 1, "user_id": j, "role": "judge", "vetted_at": now} for j in judge_ids],
    )
    assigned, _short = scoring.assign(list(range(1, TEAMS + 1)), judge_ids, PER_IDEA, set())
    habit = {j: (n % 3) - 1 for n, j in enumerate(judge_ids)}  # harsh, middle, lenient
    assignment_rows, score_rows = [], []
    for idea_id, judges in assigned.items():
        for judge in judges:
            assignment_rows.append(
                {"judge_id": judge, "idea_id": idea_id, "event_id": 1, "scored_at": now}
            )
            for n, criterion in enumerate(criteria):
                value = min(5, max(1, 3 + habit[judge] + (idea_id * 7 + n) % 3 - 1))
                score_rows.append(
                    {
                        "judge_id": judge,
                        "idea_id": idea_id,
                        "criterion_id": criterion,
                        "event_id": 1,
                        "value": value,
                        "comment": "",
                        "updated_at": now,
                    }
                )
    bulk(Assignment, assignment_rows)
    bulk(Score, score_rows)
    db.session.commit()
    organiser = db.session.get(User, judge_ids[0]).get_id()
    judge = db.session.get(User, judge_ids[1]).get_id()
    participant = db.session.get(User, 1).get_id()
print(
    f"seeded {TEAMS} teams ({youth} youth), {TEAMS} ideas, {JUDGES} judges, "
    f"{len(score_rows)} scores in {time.perf_counter() - started:.1f} s"
)

with app.app_context():
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        ranking = results.compute(db.session.get(Event, 1))
        times.append((time.perf_counter() - t0) * 1000)
        db.session.expire_all()
    times.sort()
    print(f"results computation (300 ideas ranked): median {times[10]:.1f} ms")

client = app.test_client()
sign_in(client, organiser)
for label, url in (
    ("judging dashboard", "/unehack/1/jury"),
    ("results preview (300 ideas ranked)", "/unehack/1/results"),
    ("teams list (page of 25 of 300)", "/unehack/1/teams"),
):
    queries, ms = measure(app, client, url)
    print(f"{label}: {queries} SQL, median {ms:.1f} ms")

t0 = time.perf_counter()
response = client.post("/unehack/1/results", data={"once": "bench-publish"})
assert response.status_code == 302, response.status_code
print(f"publishing (freeze, awards, 900 notifications): {(time.perf_counter() - t0) * 1000:.0f} ms")

reader = app.test_client()
sign_in(reader, participant)
queries, ms = measure(app, reader, "/unehack/1/results")
print(f"published results page: {queries} SQL, median {ms:.1f} ms")

judge_client = app.test_client()
sign_in(judge_client, judge)
queries, ms = measure(app, judge_client, "/unehack/1/judging")
print(f"a judge's page (page of 25 assignments): {queries} SQL, median {ms:.1f} ms")

t0 = time.perf_counter()
scoring.assign(list(range(1, TEAMS + 1)), judge_ids, PER_IDEA, set())
print(f"balanced assignment of 300 ideas to 30 judges: {(time.perf_counter() - t0) * 1000:.0f} ms")
