"""National-size data set for bench/run.py and bench/vote_storm.py, bulk-loaded into PostgreSQL.

    createdb -h 127.0.0.1 -U postgres bench_national
    python bench/seed.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_national
    createdb -h 127.0.0.1 -U postgres bench_small
    python bench/seed.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_small \
        --scale 0.05

Sizes at `--scale 1` (each multiplied by the scale, with small minimums):
- 50,000 youth in 2,000 groups of 25 (20 of them Youth Parliament cohorts), 100 facilitators
  (20 groups each), an admin and a safeguarding lead; guardian consent rows for the youth
  under their country's consent age (2 % of them still waiting), 100,000 notifications;
- 10,100 discussion threads with 500,000 comments (one in five a reply, 1 % held for review
  with an open review item, reactions); thread 1 (group 1) has exactly 2,000 published
  comments besides its opening one: 1,600 top-level (65 pages of 25), 400 replies, at
  every scale;
- 500 polls with 600,000 ballots and as many participation rows (secret: separate tables,
  ballots shuffled per poll); poll 1 is closed with 20,000 ballots, poll 2 open with live
  results and 20,000 ballots, poll 3 the vote storm's: open, live results, for groups 21-40
  (exactly 500 eligible youth), no ballots yet. Closed polls are counted afterwards as
  `youthportal close-polls` would (poll 1 through youthportal.polls.results.close itself);
- 300 consultations with 30,000 proposals (consultation 1: 2,000 proposals, support phase)
  and ~130,000 supports kept in step with each proposal's count;
- 1,000 reports of the cohorts with 40,000 revisions (report 1: a draft, report 2: adopted,
  10 sections of 4 revisions each; the others 4 sections of 10), 75 % adopted with version 1
  and its numbered recommendations;
- 300 institutions, 1,000 sendings (each adopted report and 250 consultations' results),
  5,000 submissions with reads, answers per recommendation, commitments and their updates;
- a UneHack event in its building phase with 300 teams of 3 (16-18) and their draft ideas.

Every table is dropped and created (db.drop_all/create_all), then loaded with COPY
(psycopg's cursor.copy), the sequences set past the ids used, and `VACUUM ANALYZE` run.
The ids and addresses bench/run.py needs (the signed-in youth, the facilitator, the pages,
the vote storm's poll, voters and watcher) are written as JSON to `--out` (default
/tmp/youthportal-bench-<database>.json). Prints the time and row count of each table.
"""

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from itertools import chain
from math import gcd
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--database-url", required=True, help="postgresql+psycopg://...")
parser.add_argument("--scale", type=float, default=1.0, help="1.0: the sizes above")
parser.add_argument("--out", help="the actors' JSON (default /tmp/youthportal-bench-<db>.json)")
args = parser.parse_args()
if not args.database_url.startswith("postgresql"):
    sys.exit("seed.py loads with PostgreSQL's COPY: give a postgresql+psycopg:// URL")

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="youthportal-seed-")

from _national import default_actors_path  # noqa: E402
from flask_migrate import stamp  # noqa: E402
from sqlalchemy import JSON, Integer, func, select, text, update  # noqa: E402
from sqlalchemy import Enum as EnumType  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.ages import AGE_BANDS, age_on  # noqa: E402
from youthportal.accounts.models import (  # noqa: E402
    Group,
    GroupMember,
    GuardianConsent,
    Institution,
    InstitutionKind,
    User,
)
from youthportal.accounts.passwords import hash_password  # noqa: E402
from youthportal.consultations.models import Consultation, Proposal, Support  # noqa: E402
from youthportal.core import audience as audiences  # noqa: E402
from youthportal.core.markdown import render as render_markdown  # noqa: E402
from youthportal.core.model_base import UTCDateTime  # noqa: E402
from youthportal.discussions.models import Comment, Reaction, Thread  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.hackathon.models import (  # noqa: E402
    Challenge,
    Criterion,
    Event,
    Idea,
    IdeaVersion,
    Staff,
    Team,
    TeamMember,
)
from youthportal.notifications.models import Notification  # noqa: E402
from youthportal.policy.models import (  # noqa: E402
    VERDICTS_COMMITTING,
    VERDICTS_NEEDING_REASON,
    Answer,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    PolicyRecommendation,
    Response,
    Sending,
    Submission,
    Verdict,
)
from youthportal.polls import results as poll_results  # noqa: E402
from youthportal.polls import rules as poll_rules  # noqa: E402
from youthportal.polls.models import Ballot, Participation, Poll, PollGroup, PollOption  # noqa: E402
from youthportal.reports.models import (  # noqa: E402
    Author,
    Recommendation,
    Report,
    Revision,
    Section,
    Topic,
    Version,
)
from youthportal.reports.render import recommendations as find_recommendations  # noqa: E402
from youthportal.safety.models import ReviewItem  # noqa: E402

S = args.scale
PASSWORD = "Sunny-Meadow-42"  # the demo's password: every seeded account shares it
COUNTRIES = ("AL", "XK", "RS", "MK", "BA", "ME")
CONSENT_AGE = {"AL": 16, "XK": 16, "RS": 15, "MK": 14, "BA": 16, "ME": 16}
PER_GROUP = 25
GROUPS_PER_FACILITATOR = 20
BIG_THREAD_COMMENTS = 2_000  # besides the opening comment, at every scale
STORM_GROUPS = range(21, 41)  # 20 groups of 25: the 500 youth of the vote storm
DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)

rng = random.Random(20261129)
NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.date()


def scaled(full: int, minimum: int = 1) -> int:
    return max(minimum, round(full * S))


# Sizes ------------------------------------------------------------------------------------

N_GROUPS = scaled(2_000, 60)
N_YOUTH = N_GROUPS * PER_GROUP
N_FACILITATORS = -(-N_GROUPS // GROUPS_PER_FACILITATOR)
N_COHORTS = scaled(20, 2)
N_PUBLIC_THREADS = scaled(100, 5)
THREADS_PER_GROUP = 5
N_COMMENTS = scaled(500_000, 5_000)
N_POLLS = scaled(500, 12)
N_BALLOTS = scaled(600_000)
BIG_POLL = scaled(20_000, 500)
N_CONSULTATIONS = scaled(300, 6)
N_PROPOSALS = scaled(30_000)
BIG_CONSULTATION = scaled(2_000, 100)
N_REPORTS = scaled(1_000, 10)
N_INSTITUTIONS = scaled(300, 6)
N_SUBMISSIONS = scaled(5_000)
N_TEAMS = scaled(300, 10)
NOTIFICATIONS_PER_YOUTH = 2

FACILITATOR_0 = N_YOUTH + 1  # groups 1-20: the bench's facilitator
ADMIN = N_YOUTH + N_FACILITATORS + 1
LEAD = ADMIN + 1
COHORT_GROUPS = list(range(N_GROUPS - N_COHORTS + 1, N_GROUPS + 1))


def facilitator_of(group_id: int) -> int:
    return FACILITATOR_0 + (group_id - 1) // GROUPS_PER_FACILITATOR


def members_of(group_id: int) -> range:
    first = (group_id - 1) * PER_GROUP + 1
    return range(first, first + PER_GROUP)


def group_of(user_id: int) -> int:
    return (user_id - 1) // PER_GROUP + 1


# Bulk loading -----------------------------------------------------------------------------


def _to_naive_utc(value):
    return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None


def _to_json(value):
    return json.dumps(value) if value is not None else None


def _to_enum_value(value):
    return value.value if isinstance(value, Enum) else value


def _converter(column):
    if isinstance(column.type, UTCDateTime):
        return _to_naive_utc
    if isinstance(column.type, JSON):
        return _to_json
    if isinstance(column.type, EnumType):
        return _to_enum_value
    return None


class Loader:
    """COPY rows (dicts keyed by column) into a table. A column a row leaves out gets the
    model's Python default (PostgreSQL knows none of them) or NULL; values are stored as the
    app's column types store them (naive UTC datetimes, JSON text, enum values)."""

    def __init__(self, engine):
        self.raw = engine.raw_connection()
        self.conn = self.raw.driver_connection
        self.report: list[tuple[str, int, float]] = []

    def copy(self, model, rows) -> int:
        table = model.__table__
        started = time.perf_counter()
        plan = []
        for column in table.columns:
            default = column.default
            if default is not None and default.is_callable:
                kind, fill = 1, default.arg
            elif default is not None and default.is_scalar:
                kind, fill = 2, default.arg
            else:
                kind, fill = 0, None
            plan.append((column.name, kind, fill, _converter(column)))
        columns_sql = ", ".join(f'"{column.name}"' for column in table.columns)
        count = 0
        statement = f'COPY "{table.name}" ({columns_sql}) FROM STDIN'
        with self.conn.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = []
                for name, kind, fill, convert in plan:
                    if name in row:
                        value = row[name]
                    elif kind == 1:
                        value = fill(None)
                    else:
                        value = fill
                    values.append(value if convert is None else convert(value))
                copy.write_row(values)
                count += 1
        self.conn.commit()
        seconds = time.perf_counter() - started
        self.report.append((table.name, count, seconds))
        print(f"  {table.name:<26} {count:>9,} rows {seconds:>7.1f} s", flush=True)
        return count

    def close(self):
        self.raw.close()


# Texts ------------------------------------------------------------------------------------

COMMENT_TEXTS = [
    "I think we should have more time for sport after school.",
    "Mendoj se biblioteka duhet të jetë e hapur edhe të shtunën.",
    "Good idea! In our class we tried it and it worked.",
    "Ne duhet të flasim me drejtorin për këtë çështje.",
    "What about the students who live far away from the school?",
    "**Yes**, and the buses should come more often in the morning.",
    "Unë jam dakord, por duhet të pyesim edhe prindërit.",
    "Can we make a list of ideas and vote on them next week?",
    "Mislim da je ovo dobar predlog za našu školu.",
    "The canteen could offer fruit instead of sweets.",
    "Po, por kush do ta paguajë? Duhet një buxhet i vogël.",
    "We could ask the municipality for a small grant.",
]
COMMENT_HTML = [render_markdown(t) for t in COMMENT_TEXTS]
SENTENCES = [
    "Young people in our municipality say that the school day is too long and too tiring.",
    "Të rinjtë kërkojnë hapësira ku mund të takohen pa paguar.",
    "Many pupils do not know where to turn when they are bullied online.",
    "Transporti publik nuk arrin në fshatrat përreth në orët e mbrëmjes.",
    "Teachers told us that they would welcome more training on digital safety.",
    "Shumë nxënës nuk kanë qasje në internet të shpejtë në shtëpi.",
    "The survey of 1,200 students shows that two in three feel stressed before exams.",
    "Prindërit dhe mësuesit duhet të bashkëpunojnë më shumë.",
]
RECOMMENDATIONS = [
    "Appoint a full-time psychologist in every secondary school by 2027.",
    "Publish the youth budget every year in a form young people can read.",
    "Introduce a free bus pass for all secondary school students.",
    "Offer every pupil a clear, anonymous way to report bullying, online and offline.",
    "Hapni sallat e sportit dhe bibliotekat deri në orën 18:00 gjatë ditëve të punës.",
    "Fund at least 500 paid apprenticeships a year outside the capital.",
    "Konsultoni këshillin rinor para çdo vendimi për shkollat.",
    "Install drinking-water fountains in every school building.",
]
SECTION_TITLES = [
    "Introduction",
    "Hyrje",
    "What young people told us",
    "Çfarë na thanë të rinjtë",
    "Mental health at school",
    "Transport",
    "Online safety",
    "Participation",
    "Our recommendations",
    "Përfundime",
]


def section_body(seed: int, revision: int) -> str:
    """About 150 words in three paragraphs and two recommendations ('! '); each revision adds
    a sentence, so revisions differ."""
    parts = []
    for p in range(3):
        sentences = [SENTENCES[(seed + p * 3 + k) % len(SENTENCES)] for k in range(3)]
        parts.append(" ".join(sentences))
        if p < 2:
            parts.append("! " + RECOMMENDATIONS[(seed + p) % len(RECOMMENDATIONS)])
    parts.append(" ".join(SENTENCES[(seed + k) % len(SENTENCES)] for k in range(revision % 4)))
    return "\n\n".join(part for part in parts if part)


# The load ---------------------------------------------------------------------------------


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def band_of(birth_year: int, birth_month: int) -> str:
    age = min(max(age_on(birth_year, birth_month, TODAY), 9), 18)
    return next(label for label, low, high in AGE_BANDS if low <= age <= high)


def spread(total: int, parts: int, low: int, high: int) -> list[int]:
    """`parts` integers between `low` and `high` adding up to `total` exactly."""
    counts = [rng.randint(low, high) for _ in range(parts)]
    while (gap := total - sum(counts)) != 0:
        i = rng.randrange(parts)
        step = 1 if gap > 0 else -1
        if low <= counts[i] + step <= high:
            counts[i] += step
    return counts


def coprime_stride(n: int, start: int = 7) -> int:
    stride = start
    while gcd(stride, n) != 1:
        stride += 1
    return stride


@dataclass
class People:
    """Who the other tables refer to."""

    pending: set[int]  # youth waiting for a guardian: they neither write nor vote
    active: list[int]  # every other young person
    band: dict[int, str]  # age band of each young person
    institutions: int


def load_people(load: Loader, password_hash: str) -> People:
    """Youth, facilitators, an admin and a lead; groups and memberships; guardian consent;
    institutions; notifications."""
    youth_rows, consents, pending = [], [], set()
    births = {}
    for u in range(1, N_YOUTH + 1):
        g = group_of(u)
        country = COUNTRIES[(g - 1) % len(COUNTRIES)]
        year, month = 2008 + (u * 7) % 10, 1 + (u * 5) % 12
        births[u] = (year, month)
        cohort = g in COHORT_GROUPS
        under_age = age_on(year, month, TODAY) < CONSENT_AGE[country]
        waiting = under_age and g > 40 and not cohort and u % 50 == 7
        joined = ago(30 + (u * 13) % 700)
        youth_rows.append(
            {
                "id": u,
                "login_name": f"y{u}",
                "display_name": f"Youth {u}",
                "avatar": ("fox", "owl", "cat", "bear", "panda", "rabbit")[u % 6],
                "role": "youth",
                "status": "pending_consent" if waiting else "active",
                "birth_year": year,
                "birth_month": month,
                "country": country,
                "password_hash": password_hash,
                "session_version": 1,
                "approved_count": 0 if waiting else 5 + u % 20,
                "created_at": joined,
                "parliament_term_start": TODAY - 200 * DAY if cohort or u == 1 else None,
                "parliament_term_end": TODAY + 500 * DAY if cohort or u == 1 else None,
                "is_champion": u % 97 == 3,
            }
        )
        if waiting:
            pending.add(u)
            consents.append(
                {
                    "id": len(consents) + 1,
                    "user_id": u,
                    "guardian_email": f"guardian{u}@example.org",
                    "status": "pending",
                    "token_nonce": secrets.token_hex(8),
                    "requested_at": joined,
                    "last_sent_at": joined,
                }
            )
        elif under_age:
            consents.append(
                {
                    "id": len(consents) + 1,
                    "user_id": u,
                    "guardian_email": None,
                    "status": "accepted",
                    "method": "email" if u % 3 else "paper",
                    "token_nonce": secrets.token_hex(8),
                    "requested_at": joined,
                    "decided_at": joined + DAY,
                    "form_reference": None if u % 3 else f"Form {u}",
                    "form_signed_on": None if u % 3 else (joined + DAY).date(),
                }
            )
    adults = []
    for f in range(N_FACILITATORS):
        adults.append(
            {
                "id": FACILITATOR_0 + f,
                "login_name": f"facilitator{f}",
                "display_name": f"Facilitator {f}",
                "role": "facilitator",
                "email": f"facilitator{f}@bench.example",
                "password_hash": password_hash,
                "session_version": 1,
                "created_at": ago(800),
            }
        )
    for ident, login, role in ((ADMIN, "admin", "admin"), (LEAD, "lead", "safeguarding_lead")):
        adults.append(
            {
                "id": ident,
                "login_name": login,
                "display_name": login.title(),
                "role": role,
                "email": f"{login}@bench.example",
                "password_hash": password_hash,
                "session_version": 1,
                "totp_secret": "JBSWY3DPEHPK3PXP",
                "totp_enabled": True,
                "created_at": ago(900),
            }
        )
    active = [u for u in range(1, N_YOUTH + 1) if u not in pending]
    band = {u: band_of(*births[u]) for u in range(1, N_YOUTH + 1)}

    institution_rows = institutions()
    load.copy(Institution, institution_rows)
    load.copy(User, chain(youth_rows, adults))
    load.copy(
        Group,
        (
            {
                "id": g,
                "name": f"Youth Parliament {g}" if g in COHORT_GROUPS else f"Class {g}",
                "kind": "parliament_cohort" if g in COHORT_GROUPS else "school_class",
                "country": COUNTRIES[(g - 1) % len(COUNTRIES)],
                "created_by_id": facilitator_of(g),
                "created_at": ago(800),
            }
            for g in range(1, N_GROUPS + 1)
        ),
    )
    memberships = [
        {"group_id": group_of(u), "user_id": u, "role": "member", "joined_at": ago(700)}
        for u in range(1, N_YOUTH + 1)
    ]
    # The signed-in youth of bench/run.py also sits in the first Youth Parliament cohort.
    memberships.append(
        {"group_id": COHORT_GROUPS[0], "user_id": 1, "role": "member", "joined_at": ago(300)}
    )
    memberships += [
        {"group_id": g, "user_id": facilitator_of(g), "role": "facilitator", "joined_at": ago(800)}
        for g in range(1, N_GROUPS + 1)
    ]
    load.copy(GroupMember, memberships)
    load.copy(GuardianConsent, consents)
    load.copy(
        Notification,
        (
            {
                "id": (u - 1) * NOTIFICATIONS_PER_YOUTH + n + 1,
                "user_id": u,
                "kind": "comment_reply",
                "params": {"name": f"Youth {u % N_YOUTH + 1}"},
                "link": "/discussions/t/1",
                "created_at": ago(n + u % 30),
                "visible_at": ago(n + u % 30),
                "read_at": ago(n) if n or u % 10 else None,
            }
            for u in range(1, N_YOUTH + 1)
            for n in range(NOTIFICATIONS_PER_YOUTH)
        ),
    )
    return People(pending, active, band, len(institution_rows))


def load_discussions(load: Loader, people: People, review_items: list, out: dict) -> None:
    """Threads of the groups and the public space, comments, reactions, held comments with
    their review items (loaded with the consultations' ones)."""
    pending, active = people.pending, people.active
    threads, comments, reactions = [], [], []
    thread_specs = [(1, 1)]  # (thread id, group id or None)
    for g in range(1, N_GROUPS + 1):
        for _ in range(THREADS_PER_GROUP - (1 if g == 1 else 0)):
            thread_specs.append((len(thread_specs) + 1, g))
    for _ in range(N_PUBLIC_THREADS):
        thread_specs.append((len(thread_specs) + 1, None))
    others = len(thread_specs) - 1
    rest = max(others, N_COMMENTS - BIG_THREAD_COMMENTS - 1)
    per_thread = [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    sizes = [BIG_THREAD_COMMENTS + 1, *per_thread]
    comment_id = 0
    for (thread_id, group_id), size in zip(thread_specs, sizes, strict=True):
        writers = [u for u in members_of(group_id) if u not in pending] if group_id else active
        big = thread_id == 1
        offset = (thread_id * 31) % len(writers)
        start = ago(5 + (thread_id * 7) % 360) if not big else ago(30)
        step = MINUTE * (20 if big else 90)
        published, last_top, last_at = 0, None, start
        author = writers[offset]
        for j in range(size):
            comment_id += 1
            at = start + j * step
            opening = j == 0
            writer = author if opening else writers[(offset + j * 3) % len(writers)]
            held = not big and not opening and comment_id % 100 == 37 and writer != 1
            reply = not opening and j % 5 == 0 and last_top is not None
            text_n = (comment_id * 7) % len(COMMENT_TEXTS)
            comments.append(
                {
                    "id": comment_id,
                    "thread_id": thread_id,
                    "parent_id": last_top if reply else None,
                    "author_id": writer,
                    "is_opening": opening,
                    "body": COMMENT_TEXTS[text_n],
                    "body_html": COMMENT_HTML[text_n],
                    "status": "pending" if held else "published",
                    "published_at": None if held else at,
                    "created_at": at,
                }
            )
            if held:
                review_items.append(
                    {
                        "id": len(review_items) + 1,
                        "content_type": "comment",
                        "content_id": comment_id,
                        "author_id": writer,
                        "group_id": group_id,
                        "reason": "held",
                        "findings": [],
                        "state": "open",
                        "opened_at": at,
                    }
                )
                continue
            last_at = at
            if not opening:
                published += 1
                if not reply:
                    last_top = comment_id
            likes = j % 4 if big else (1 if comment_id % 5 == 0 else 0)
            kinds = ("like", "agree", "idea", "thanks")
            for k in range(likes):
                reactions.append(
                    {
                        "comment_id": comment_id,
                        "user_id": writers[(offset + j * 3 + 1 + k) % len(writers)],
                        "kind": kinds[(j + k) % 4],
                        "created_at": at + MINUTE,
                    }
                )
        threads.append(
            {
                "id": thread_id,
                "subject_type": "group" if group_id else "public",
                "subject_id": group_id or 0,
                "group_id": group_id,
                "title": (
                    "Our school day: what should change?"
                    if big
                    else f"Discussion {thread_id}: ideas for our town"
                ),
                "author_id": author,
                "status": "published",
                "created_at": start,
                "last_activity_at": last_at,
                "comment_count": published,
            }
        )
    # A reaction's key is (comment, user, kind): the same member never reacts twice alike.
    reactions = list({(r["comment_id"], r["user_id"], r["kind"]): r for r in reactions}.values())
    load.copy(Thread, threads)
    load.copy(Comment, comments)
    load.copy(Reaction, reactions)
    big_visible = sum(1 for c in comments[: BIG_THREAD_COMMENTS + 1] if not c["is_opening"])
    out["big_thread_comments"] = big_visible
    out["big_thread_top_level"] = sum(
        1 for c in comments[: BIG_THREAD_COMMENTS + 1] if c["parent_id"] is None
    )
    del comments, reactions


def load_polls(load: Loader, people: People, out: dict) -> None:
    """Polls, options, ballots and participations (the storm's poll with none)."""
    pending, active, band = people.pending, people.active, people.band
    polls, options, groups_of_polls, ballots, participations = [], [], [], [], []
    option_ids: dict[int, list[int]] = {}
    rest = N_BALLOTS - 2 * BIG_POLL
    small = [
        rest // (N_POLLS - 3) + (1 if i < rest % (N_POLLS - 3) else 0) for i in range(N_POLLS - 3)
    ]
    ballots_of = [BIG_POLL, BIG_POLL, 0, *small]
    stride = coprime_stride(len(active))
    closed_ids = []
    for p in range(1, N_POLLS + 1):
        if p == 1:
            method, opens, closes, visibility = "single", ago(12), ago(2), "after_close"
        elif p in (2, 3):
            method, opens, closes, visibility = "single", ago(3), NOW + 5 * DAY, "live"
        else:
            method = {1: "approval", 2: "scale", 3: "ranked"}.get(p % 10, "single")
            if p % 5 == 0:
                opens, closes = ago(2 + p % 5), NOW + (3 + p % 9) * DAY
                visibility = "live" if p % 2 else "after_vote"
            else:
                closes = ago(1 + (p * 3) % 360)
                opens = closes - (7 + p % 14) * DAY
                visibility = "live" if p % 3 else "after_close"
        if closes <= NOW:
            closed_ids.append(p)
        secret = p % 7 != 6
        author = facilitator_of(STORM_GROUPS[0]) if p == 3 else FACILITATOR_0 + p % N_FACILITATORS
        polls.append(
            {
                "id": p,
                "title": (
                    "Vote storm: which day should the youth centre stay open late?"
                    if p == 3
                    else f"Poll {p}: what should our municipality do first?"
                ),
                "description": "Tell us what matters most to you.",
                "method": method,
                "max_choices": None,
                "scale_labels": ["1", "2", "3", "4", "5"] if method == "scale" else [],
                "is_secret": secret,
                "allow_change": False,
                "results_visibility": visibility,
                "reason_mode": "off",
                "audience_kind": "groups" if p == 3 else "everyone",
                "audience_age_bands": "",
                "opens_at": opens,
                "closes_at": closes,
                "author_id": author,
                "created_at": opens - DAY,
                "status": "published",
                "seed": secrets.token_hex(8),
                "tally": None,
            }
        )
        if p == 3:
            groups_of_polls += [{"poll_id": 3, "group_id": g} for g in STORM_GROUPS]
        if method != "scale":
            ids = []
            for position in range(4):
                ident = len(options) + 1
                ids.append(ident)
                options.append(
                    {
                        "id": ident,
                        "poll_id": p,
                        "label": ("Monday", "Wednesday", "Friday", "Saturday")[position]
                        if p == 3
                        else f"Option {position + 1}",
                        "position": position,
                        "status": "published",
                        "created_at": opens - DAY,
                    }
                )
            option_ids[p] = ids
        count = ballots_of[p - 1]
        start = (p * 977) % len(active)
        rows = []
        for k in range(count):
            voter = active[(start + k * stride) % len(active)]
            if method == "scale":
                choices = [1 + (voter * 7 + p) % 5]
            elif method == "approval":
                picks = option_ids[p]
                choices = [o for n, o in enumerate(picks) if (voter >> n) & 1] or [picks[0]]
            elif method == "ranked":
                order = option_ids[p][:]
                rng.shuffle(order)
                choices = order[: 2 + voter % 3]
            else:
                choices = [option_ids[p][(voter * voter + p) % 4]]
            rows.append(
                {
                    "id": secrets.token_hex(16),
                    "poll_id": p,
                    "choices": choices,
                    "age_band": band[voter],
                    "group_id": None,
                    "receipt": None,
                    "voter_id": None if secret else voter,
                }
            )
            voted_at = opens + (min(closes, NOW) - opens) * ((k * 7919) % 1000) / 1000
            participations.append({"poll_id": p, "user_id": voter, "voted_on": voted_at.date()})
        if secret:
            # What a secret poll's ballots look like after the re-deal at closing (and the
            # trading of places while it runs): no order shared with the participations.
            payloads = [(r["choices"], r["age_band"]) for r in rows]
            rng.shuffle(payloads)
            for row, (choices, age_band) in zip(rows, payloads, strict=True):
                row["choices"], row["age_band"] = choices, age_band
        ballots += rows
    load.copy(Poll, polls)
    load.copy(PollGroup, groups_of_polls)
    load.copy(PollOption, options)
    load.copy(Ballot, ballots)
    load.copy(Participation, participations)
    storm_voters = [u for g in STORM_GROUPS for u in members_of(g)]
    assert not set(storm_voters) & pending, "a storm voter is waiting for consent"
    out["storm"] = {
        "poll_id": 3,
        "option_ids": option_ids[3],
        "groups": list(STORM_GROUPS),
        "voters": storm_voters,
        "watcher": facilitator_of(STORM_GROUPS[0]),
    }
    out["closed_polls"] = closed_ids
    out["poll_ballots"] = {"closed": BIG_POLL, "live": BIG_POLL}
    del ballots, participations


def load_consultations(load: Loader, people: People, review_items: list, out: dict):
    """Consultations, proposals, supports; then every review item. Returns the
    consultations, the proposals and the ids of those whose results can be sent."""
    active, band = people.active, people.band
    stride = coprime_stride(len(active))
    consultations, proposals, supports = [], [], []
    rest = N_PROPOSALS - BIG_CONSULTATION
    others = N_CONSULTATIONS - 1
    sizes = [BIG_CONSULTATION] + [
        rest // others + (1 if i < rest % others else 0) for i in range(others)
    ]
    sendable = []
    for c, size in enumerate(sizes, start=1):
        if c == 1:
            base = ago(25)  # proposals 25 days ago, support phase since 4 days
        elif c % 6 == 0:
            base = ago(3 + c % 25)  # still running
        else:
            base = ago(40 + (c * 11) % 900)  # results out, or closed
            sendable.append(c)
        dates = {
            "proposals_at": base,
            "discussion_at": base + 14 * DAY,
            "support_at": base + 21 * DAY,
            "results_at": base + 35 * DAY,
            "closes_at": base + 60 * DAY,
        }
        consultations.append(
            {
                "id": c,
                "title": f"Consultation {c}: how can our schools be better places?",
                "description": "Send your proposals, discuss them and support the best.",
                "categories": ["School", "Health", "Free time"],
                "audience_kind": "everyone",
                "audience_age_bands": "",
                "author_id": FACILITATOR_0 + c % N_FACILITATORS,
                "status": "published",
                "created_at": base - DAY,
                "outcome": "We will send the ten most supported proposals to the ministry."
                if dates["results_at"] <= NOW
                else None,
                "outcome_at": dates["results_at"] + DAY if dates["results_at"] <= NOW else None,
                **dates,
            }
        )
        supported = dates["support_at"] <= NOW
        for n in range(size):
            pid = len(proposals) + 1
            writer = active[(pid * 37) % len(active)]
            held = pid % 97 == 5
            backers = 0
            if supported and not held:
                backers = (pid * 7) % 40 if c == 1 else pid % 9
            proposals.append(
                {
                    "id": pid,
                    "consultation_id": c,
                    "title": f"Proposal {pid}: a quiet room for homework",
                    "body": "A room in every school where we can do homework after classes.",
                    "category": ("School", "Health", "Free time")[pid % 3],
                    "author_id": writer,
                    "status": "pending" if held else "published",
                    "created_at": base + timedelta(minutes=(n * 97) % (14 * 24 * 60)),
                    "support_count": backers,
                }
            )
            if held:
                review_items.append(
                    {
                        "id": len(review_items) + 1,
                        "content_type": "proposal",
                        "content_id": pid,
                        "author_id": writer,
                        "group_id": None,
                        "reason": "held",
                        "findings": [],
                        "state": "open",
                        "opened_at": base + HOUR,
                    }
                )
            for k in range(backers):
                backer = active[(pid * 131 + k * stride) % len(active)]
                supports.append(
                    {
                        "proposal_id": pid,
                        "user_id": backer,
                        "consultation_id": c,
                        "age_band": band[backer],
                        "group_id": None,
                        "created_at": dates["support_at"] + (k + 1) * MINUTE,
                    }
                )
    load.copy(Consultation, consultations)
    load.copy(Proposal, proposals)
    load.copy(Support, supports)
    load.copy(ReviewItem, review_items)
    out["consultation_proposals"] = BIG_CONSULTATION
    return consultations, proposals, sendable


def load_reports(load: Loader):
    """Topics, reports, co-authors, sections, revisions, adopted versions and their
    recommendations. Returns what the sendings to institutions are made of."""
    topics = [
        ("education", "Education", "Arsimi"),
        ("health", "Health", "Shëndetësia"),
        ("employment", "Work", "Punësimi"),
        ("environment", "Environment", "Mjedisi"),
        ("transport", "Transport", "Transporti"),
        ("participation", "Participation", "Pjesëmarrja"),
    ]
    load.copy(
        Topic,
        (
            {"id": t + 1, "key": key, "names": {"en": en, "sq": sq}, "position": t}
            for t, (key, en, sq) in enumerate(topics)
        ),
    )
    reports, authors, sections, revisions, versions, recs = [], [], [], [], [], []
    adopted_reports = []
    states = {}
    for r in range(1, N_REPORTS + 1):
        if r == 1:
            state = "draft"
        elif r == 2:
            state = "adopted"
        else:
            state = {0: "draft", 1: "draft", 2: "draft", 3: "in_review", 4: "in_review"}.get(
                r % 20, "adopted"
            )
        states[r] = state
        if state == "adopted":
            adopted_reports.append(r)
    first_adoption = ago(3 * 365)
    adopted_at = {
        r: first_adoption + (ago(20) - first_adoption) * (n + 0.5) / len(adopted_reports)
        for n, r in enumerate(adopted_reports)
    }
    section_id = revision_id = 0
    report_sections = {}
    for r in range(1, N_REPORTS + 1):
        cohort = COHORT_GROUPS[(r - 1) % N_COHORTS]
        members = list(members_of(cohort))
        owner = members[r % PER_GROUP]
        co_authors = [owner, members[(r + 1) % PER_GROUP], members[(r + 2) % PER_GROUP]]
        if r == 1:
            co_authors = [owner, 1, members[(r + 1) % PER_GROUP]]
        state = states[r]
        created = (adopted_at.get(r) or ago(10 + r % 200)) - 60 * DAY
        updated = adopted_at.get(r) or created + 30 * DAY
        reports.append(
            {
                "id": r,
                "cohort_id": cohort,
                "owner_id": owner,
                "reviewer_id": facilitator_of(cohort) if state != "draft" else None,
                "topic_id": 1 + r % len(topics),
                "title": f"Report {r}: what the Youth Parliament asks for",
                "summary": "Our proposals on schools, transport and safety online.",
                "author_id": owner,
                "status": "published",
                "state": state,
                "structure_version": 1,
                "vote_rules": {"majority": "simple", "quorum_percent": 50}
                if state == "adopted"
                else None,
                "created_at": created,
                "updated_at": updated,
                "adopted_at": adopted_at.get(r),
            }
        )
        for n, user in enumerate(co_authors):
            authors.append({"report_id": r, "user_id": user, "added_at": created + n * HOUR})
        count, per = (10, 4) if r <= 2 else (4, 10)
        report_sections[r] = []
        for position in range(count):
            section_id += 1
            title = SECTION_TITLES[position % len(SECTION_TITLES)]
            body = ""
            for number in range(1, per + 1):
                revision_id += 1
                body = section_body(section_id + r, number)
                revisions.append(
                    {
                        "id": revision_id,
                        "section_id": section_id,
                        "number": number,
                        "title": title,
                        "body": body,
                        "kind": "edit",
                        "note": "",
                        "base_number": number - 1 or None,
                        "author_id": co_authors[(number + position) % len(co_authors)],
                        "status": "published",
                        "created_at": created + (position * per + number) * HOUR,
                    }
                )
            sections.append(
                {
                    "id": section_id,
                    "report_id": r,
                    "position": position,
                    "title": title,
                    "body": body,
                    "revision": per,
                    "status": "published",
                    "public_title": title,
                    "public_body": body,
                    "public_revision": per,
                    "updated_at": updated,
                }
            )
            report_sections[r].append((title, body))
        if state == "adopted":
            version_id = len(versions) + 1
            numbered = 0
            for index, (_title, body) in enumerate(report_sections[r]):
                for rec in find_recommendations(body):
                    numbered += 1
                    recs.append(
                        {
                            "id": len(recs) + 1,
                            "version_id": version_id,
                            "number": numbered,
                            "section_index": index,
                            "text": rec,
                        }
                    )
            versions.append(
                {
                    "id": version_id,
                    "report_id": r,
                    "number": 1,
                    "title": f"Report {r}: what the Youth Parliament asks for",
                    "summary": "Our proposals on schools, transport and safety online.",
                    "sections": [
                        {"title": t, "body": b, "sources": []} for t, b in report_sections[r]
                    ],
                    "sources": [],
                    "vote": {
                        "yes": 15,
                        "no": 4,
                        "abstain": 2,
                        "turnout": 21,
                        "members": PER_GROUP,
                        "quorum_percent": 50,
                        "majority": "simple",
                        "quorum_met": True,
                        "majority_met": True,
                    },
                    "topic_id": 1 + r % len(topics),
                    "credit_collectively": r % 4 == 0,
                    "author_ids": co_authors,
                    "adopted_at": adopted_at[r],
                    "status": "published",
                }
            )
    load.copy(Report, reports)
    load.copy(Author, authors)
    load.copy(Section, sections)
    load.copy(Revision, revisions)
    load.copy(Version, versions)
    load.copy(Recommendation, recs)
    version_of_report = {v["report_id"]: v for v in versions}
    recs_of_version: dict[int, list] = {}
    for rec in recs:
        recs_of_version.setdefault(rec["version_id"], []).append(rec)
    return reports, adopted_reports, adopted_at, version_of_report, recs_of_version


def load_policy(load, people, consultations, proposals, sendable, reports_loaded) -> None:
    """A sending of each adopted report and of each consultation with results, its
    submissions to institutions, reads, answers, commitments."""
    reports, adopted_reports, adopted_at, version_of_report, recs_of_version = reports_loaded
    top_proposals: dict[int, list] = {}
    for proposal in proposals:
        if proposal["consultation_id"] in sendable and proposal["status"] == "published":
            top_proposals.setdefault(proposal["consultation_id"], []).append(proposal)
    consultation_by_id = {c["id"]: c for c in consultations}
    sending_specs = []  # (sent_at, kind, source id)
    for r in adopted_reports:
        sending_specs.append((adopted_at[r] + 3 * DAY, "report", r))
    for c in sendable:
        sent = min(consultation_by_id[c]["results_at"] + 5 * DAY, NOW - HOUR)
        sending_specs.append((sent, "consultation", c))
    sending_specs.sort()
    policy = policy_rows(
        sending_specs,
        version_of_report,
        recs_of_version,
        top_proposals,
        consultation_by_id,
        {r["id"]: r for r in reports},
        people.institutions,
    )
    for model, rows in policy:
        load.copy(model, rows)


def load_hackathon(load: Loader, people: People) -> None:
    """A UneHack event in its building phase: challenges, criteria, mentors, teams of three
    16-18 year olds and their draft ideas."""
    active, band = people.active, people.band
    load.copy(Event, [hack_event()])
    load.copy(
        Challenge,
        (
            {"id": c + 1, "event_id": 1, "title": title, "position": c}
            for c, title in enumerate(
                (
                    "Help children recognise a scam message",
                    "Make reporting online bullying easier",
                    "Teach parents about privacy settings",
                )
            )
        ),
    )
    load.copy(
        Criterion,
        (
            {"id": c + 1, "event_id": 1, "name": name, "weight": weight, "position": c}
            for c, (name, weight) in enumerate(
                (
                    ("Impact", 25),
                    ("Originality", 20),
                    ("Feasibility", 20),
                    ("Design", 15),
                    ("Safety and privacy", 10),
                    ("Presentation", 10),
                )
            )
        ),
    )
    load.copy(
        Staff,
        (
            {
                "event_id": 1,
                "user_id": FACILITATOR_0 + f,
                "role": "mentor",
                "vetted_at": ago(30),
            }
            for f in range(min(3, N_FACILITATORS))
        ),
    )
    oldest = [u for u in active if band[u] == "16-18"]
    teams, team_members, ideas, idea_versions = [], [], [], []
    for t in range(N_TEAMS):
        members = oldest[t * 3 : t * 3 + 3]
        created = ago(18) + t * MINUTE
        teams.append(
            {
                "id": t + 1,
                "event_id": 1,
                "name": f"Team {t + 1:03d}",
                "code": f"B{t + 1:07d}",
                "age_band": "16-18",
                "mentor_id": FACILITATOR_0 + t % min(3, N_FACILITATORS),
                "created_by_id": members[0],
                "created_at": created,
                "member_count": len(members),
            }
        )
        team_members += [
            {"team_id": t + 1, "user_id": u, "event_id": 1, "joined_at": created + n * HOUR}
            for n, u in enumerate(members)
        ]
        content = {
            "title": f"Idea of team {t + 1:03d}",
            "problem": "Children do not know how to spot a fake prize message.",
            "helps": "Pupils aged 9 to 12 and their parents.",
            "how": "A short game that shows real and fake messages side by side.",
            "built": "A prototype in Scratch.",
            "links": ["https://scratch.mit.edu/projects/1"],
        }
        ideas.append(
            {
                "id": t + 1,
                "event_id": 1,
                "team_id": t + 1,
                "challenge_id": 1 + t % 3,
                "author_id": members[0],
                "status": "published",
                "version": 1,
                "created_at": ago(9),
                "updated_at": ago(9),
                "submitted_at": None,
                **content,
            }
        )
        idea_versions.append(
            {
                "id": t + 1,
                "idea_id": t + 1,
                "version": 1,
                "content": content,
                "author_id": members[0],
                "created_at": ago(9),
            }
        )
    load.copy(Team, teams)
    load.copy(TeamMember, team_members)
    load.copy(Idea, ideas)
    load.copy(IdeaVersion, idea_versions)


def seed(load: Loader, password_hash: str) -> dict:
    out: dict = {}
    people = load_people(load, password_hash)
    review_items: list[dict] = []
    load_discussions(load, people, review_items, out)
    load_polls(load, people, out)
    consultations, proposals, sendable = load_consultations(load, people, review_items, out)
    reports_loaded = load_reports(load)
    load_policy(load, people, consultations, proposals, sendable, reports_loaded)
    load_hackathon(load, people)
    out["report_sections"] = {"draft": 10, "adopted": 10}
    return out


def institutions() -> list[dict]:
    kinds = list(InstitutionKind)
    fields = ["Education", "Health", "Youth and Sport", "Employment", "Environment", "Transport"]
    names = {
        InstitutionKind.MINISTRY: "Ministry of {}",
        InstitutionKind.PARLIAMENT_COMMITTEE: "Parliamentary Committee on {}",
        InstitutionKind.AGENCY: "National Agency for {}",
        InstitutionKind.MUNICIPALITY: "Municipality {} - Youth Office",
        InstitutionKind.REGULATOR: "Authority for {}",
        InstitutionKind.OTHER: "Council for {}",
    }
    rows = []
    for i in range(N_INSTITUTIONS):
        country = COUNTRIES[i % len(COUNTRIES)]
        kind = kinds[i // len(COUNTRIES) % len(kinds)]
        name = names[kind].format(fields[i // (len(COUNTRIES) * len(kinds)) % len(fields)])
        rows.append(
            {
                "id": i + 1,
                "name": f"{name} ({i + 1})",
                "kind": kind,
                "country": country,
                "contact_email": f"youth{i + 1}@institution.example",
                "created_at": ago(4 * 365),
            }
        )
    return rows


def policy_rows(specs, versions, recs_of_version, top_proposals, consultations, reports, n_inst):
    sendings, recommendations, submissions = [], [], []
    responses, answers, commitments, updates = [], [], [], []
    per_sending = spread(
        max(len(specs), min(N_SUBMISSIONS, 9 * len(specs))), len(specs), 1, min(9, n_inst)
    )
    for s, ((sent_at, kind, source), count) in enumerate(zip(specs, per_sending, strict=True)):
        sending_id = s + 1
        requested_by = sent_at.date() + 60 * DAY
        base = {
            "id": sending_id,
            "kind": kind,
            "status": "published",
            "author_id": FACILITATOR_0 + s % N_FACILITATORS,
            "requested_by": requested_by,
            "sent_at": sent_at,
            "created_at": sent_at,
            "cover_letter": "Dear colleagues, please find our recommendations attached. "
            "We look forward to your answer.",
        }
        texts = []
        if kind == "report":
            version = versions[source]
            report = reports[source]
            base |= {
                "report_id": source,
                "version_id": version["id"],
                "cohort_id": report["cohort_id"],
                "topic_id": report["topic_id"],
                "title": version["title"],
            }
            texts = [
                (rec["text"], f"/reports/{source}/v/1#rec-{rec['number']}")
                for rec in recs_of_version[version["id"]]
            ]
        else:
            base |= {
                "consultation_id": source,
                "title": f"Results: {consultations[source]['title']}"[:200],
            }
            best = sorted(
                top_proposals.get(source, []), key=lambda p: (-p["support_count"], p["id"])
            )[:10]
            texts = [(p["title"], f"/consultations/proposals/{p['id']}") for p in best]
        sendings.append(base)
        recs = []
        for number, (rec_text, link) in enumerate(texts, start=1):
            ident = len(recommendations) + 1
            recs.append((ident, number))
            recommendations.append(
                {
                    "id": ident,
                    "sending_id": sending_id,
                    "number": number,
                    "text": rec_text,
                    "link": link,
                }
            )
        chosen = rng.sample(range(1, n_inst + 1), count)
        for institution_id in sorted(chosen):
            sub_id = len(submissions) + 1
            read_at = answered_at = None
            if rng.random() < 0.82:
                read_at = sent_at + min(90, int(rng.expovariate(1 / 6))) * DAY + HOUR
                if rng.random() < 0.76:
                    answered_at = read_at + int(rng.gammavariate(2, 15)) * DAY + HOUR
            if read_at and read_at > NOW:
                read_at = None
            if answered_at and (answered_at > NOW or read_at is None):
                answered_at = None
            submissions.append(
                {
                    "id": sub_id,
                    "sending_id": sending_id,
                    "institution_id": institution_id,
                    "sent_at": sent_at,
                    "requested_by": requested_by,
                    "read_at": read_at,
                    "read_days": (read_at.date() - sent_at.date()).days if read_at else None,
                    "answered_at": answered_at,
                    "answer_days": (answered_at.date() - sent_at.date()).days
                    if answered_at
                    else None,
                    "claim_email": f"youth{institution_id}@institution.example",
                    "claim_nonce": secrets.token_hex(8),
                }
            )
            if answered_at is None:
                continue
            responses.append(
                {
                    "id": sub_id,
                    "submission_id": sub_id,
                    "body": "Thank you for your recommendations. Our answers follow.",
                    "status": "published",
                    "created_at": answered_at,
                }
            )
            for recommendation_id, number in recs:
                verdict = rng.choices(list(Verdict), (30, 20, 20, 20, 10))[0]
                answers.append(
                    {
                        "id": len(answers) + 1,
                        "response_id": sub_id,
                        "recommendation_id": recommendation_id,
                        "number": number,
                        "verdict": verdict,
                        "reason": "Budget constraints this year."
                        if verdict in VERDICTS_NEEDING_REASON
                        else "",
                    }
                )
                if verdict not in VERDICTS_COMMITTING:
                    continue
                state = rng.choices(list(CommitmentStatus), (35, 30, 25, 10))[0]
                expected = answered_at.date() + rng.randint(30, 540) * DAY
                commitment_id = len(commitments) + 1
                commitments.append(
                    {
                        "id": commitment_id,
                        "submission_id": sub_id,
                        "institution_id": institution_id,
                        "recommendation_id": recommendation_id,
                        "number": number,
                        "text": "We will include this in next year's action plan.",
                        "owner_unit": "Directorate for Youth Policy",
                        "expected_by": expected,
                        "state": state,
                        "created_at": answered_at,
                        "updated_at": answered_at,
                    }
                )
                updates.append(
                    {
                        "id": commitment_id,
                        "commitment_id": commitment_id,
                        "state": state,
                        "expected_by": expected,
                        "note": "",
                        "status": "published",
                        "created_at": answered_at,
                    }
                )
    return [
        (Sending, sendings),
        (PolicyRecommendation, recommendations),
        (Submission, submissions),
        (Response, responses),
        (Answer, answers),
        (Commitment, commitments),
        (CommitmentUpdate, updates),
    ]


def hack_event() -> dict:
    return {
        "id": 1,
        "title": "UneHack for Safety Online - national round",
        "description": "Teams of young people build ideas that keep children safe online.",
        "rules": "Be kind, build together, keep personal data out of your idea.",
        "min_age": 12,
        "max_age": 18,
        "same_band_teams": True,
        "team_min": 2,
        "team_max": 5,
        "registration_at": ago(30),
        "forming_at": ago(20),
        "building_at": ago(10),
        "submission_at": NOW + 5 * DAY,
        "judging_at": NOW + 12 * DAY,
        "results_at": NOW + 20 * DAY,
        "scale_max": 5,
        "judges_per_idea": 3,
        "author_id": FACILITATOR_0,
        "created_at": ago(40),
    }


def finish(app, closed_ids: list[int]) -> dict[str, float]:
    """Sequences past the ids used, statistics, then the closed polls counted as
    `youthportal close-polls` would have counted them when they closed."""
    timings = {}
    t0 = time.perf_counter()
    with app.app_context(), db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            column = table.columns.get("id")
            if column is None or not isinstance(column.type, Integer):
                continue
            # NULL (nothing set) for an id that is not a serial column.
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f"GREATEST(COALESCE(MAX(id), 0), 1), MAX(id) IS NOT NULL) "
                    f'FROM "{table.name}"'
                )
            )
        conn.commit()
    timings["sequences"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with app.app_context():
        engine = db.engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    timings["vacuum analyze"] = time.perf_counter() - t0
    vacuum = timings["vacuum analyze"]
    print(f"  sequences {timings['sequences']:.1f} s, VACUUM ANALYZE {vacuum:.1f} s")

    t0 = time.perf_counter()
    with app.test_request_context("/"):
        everyone = None
        for poll_id in closed_ids:
            poll = db.session.get(Poll, poll_id)
            if poll_id == 1:
                poll_results.close(poll)  # the app's own closing: count, re-deal, freeze
            else:
                # The same count and freeze, without re-dealing ballots loaded in random
                # order already.
                tally = poll_results.count(poll)
                tally["turnout"] = poll_results.turnout(poll)
                if everyone is None:
                    everyone = audiences.size(poll_rules.audience_of(poll))
                db.session.execute(
                    update(Poll)
                    .where(Poll.id == poll_id)
                    .values(tally=tally, audience_size=everyone)
                )
            db.session.commit()
    timings["closing polls"] = time.perf_counter() - t0
    print(f"  {len(closed_ids)} closed polls counted in {timings['closing polls']:.1f} s")
    return timings


def main() -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "SECRET_KEY": "seed",
            "TESTING": False,
        }
    )
    started = time.perf_counter()
    print(
        f"scale {S:g}: {N_YOUTH:,} youth in {N_GROUPS:,} groups, {N_COMMENTS:,} comments, "
        f"{N_POLLS} polls / {N_BALLOTS:,} ballots, {N_CONSULTATIONS} consultations / "
        f"{N_PROPOSALS:,} proposals, {N_REPORTS:,} reports, {N_SUBMISSIONS:,} submissions, "
        f"{N_TEAMS} teams",
        flush=True,
    )
    with app.app_context():
        t0 = time.perf_counter()
        db.drop_all()
        db.create_all()
        # The models are the migrations' head: recorded, as `youthportal init-db` would have.
        stamp()
        schema_s = time.perf_counter() - t0
        print(f"  schema dropped and created in {schema_s:.1f} s")
        password_hash = hash_password(PASSWORD)
        load = Loader(db.engine)
        try:
            out = seed(load, password_hash)
        finally:
            load.close()
    timings = finish(app, out["closed_polls"])
    total = time.perf_counter() - started

    with app.app_context():
        counts = {}
        with db.engine.connect() as conn:
            for table in db.metadata.sorted_tables:
                counts[table.name] = conn.execute(
                    text(f'SELECT count(*) FROM "{table.name}"')
                ).scalar()
        poll3 = db.session.scalar(select(func.count()).where(Participation.poll_id == 3))
    assert poll3 == 0
    print()
    print(f"{'table':<28} {'rows':>10} {'COPY s':>8}")
    for name, rows, seconds in load.report:
        print(f"{name:<28} {rows:>10,} {seconds:>8.1f}")
    print(
        f"total {sum(r for _, r, _ in load.report):,} rows loaded; "
        f"schema {schema_s:.1f} s, COPY {sum(s for *_, s in load.report):.1f} s, "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + f"; everything {total:.1f} s"
    )

    youth_id = 1
    pages = [
        ("home", "home", "/", ["anonymous", "youth"]),
        (
            "discussion_p1",
            f"discussion of {out['big_thread_comments']:,} comments, page 1",
            "/discussions/t/1",
            ["youth"],
        ),
        (
            "discussion_p40",
            f"discussion of {out['big_thread_comments']:,} comments, page 40",
            "/discussions/t/1?page=40",
            ["youth"],
        ),
        (
            "proposals",
            f"proposals list ({out['consultation_proposals']:,} proposals)",
            "/consultations/1",
            ["youth"],
        ),
        (
            "poll_results",
            f"poll results (closed, {out['poll_ballots']['closed']:,} ballots)",
            "/polls/1/results",
            ["youth"],
        ),
        (
            "poll_results_live",
            f"poll results (live, {out['poll_ballots']['live']:,} ballots)",
            "/polls/2/results",
            ["youth"],
        ),
        ("report", "report page (draft, 10 sections, co-author)", "/reports/1", ["youth"]),
        (
            "report_version",
            "adopted report (version 1, 10 sections)",
            "/reports/2/v/1",
            ["anonymous", "youth"],
        ),
        ("review_queue", "review queue", "/moderation/", ["facilitator"]),
        (
            "accountability",
            "accountability overview",
            "/policy/record",
            ["anonymous", "youth"],
        ),
    ]
    actors = {
        "database_url": args.database_url,
        "scale": S,
        "seeded_at": NOW.isoformat(),
        "password": PASSWORD,
        "youth": {"id": youth_id, "session_user_id": f"{youth_id}.1", "login": "y1"},
        "facilitator": {
            "id": FACILITATOR_0,
            "session_user_id": f"{FACILITATOR_0}.1",
            "login": "facilitator0",
        },
        "storm": out["storm"]
        | {
            "voters": [[u, f"{u}.1"] for u in out["storm"]["voters"]],
            "watcher": [out["storm"]["watcher"], f"{out['storm']['watcher']}.1"],
        },
        "pages": [
            {"key": key, "label": label, "url": url, "who": who} for key, label, url, who in pages
        ],
        "sizes": {
            "youth": N_YOUTH,
            "groups": N_GROUPS,
            "comments": counts["comment"],
            "consultations": counts["consultation"],
            "proposals": counts["proposal"],
            "polls": counts["poll"],
            "ballots": counts["ballot"],
            "reports": counts["report"],
            "revisions": counts["report_revision"],
            "submissions": counts["policy_submission"],
            "teams": counts["hack_team"],
        },
        "rows": counts,
        "copy_seconds": {name: round(seconds, 2) for name, _, seconds in load.report},
        "seconds": round(total, 1),
    }
    path = Path(args.out) if args.out else default_actors_path(args.database_url)
    path.write_text(json.dumps(actors, indent=1))
    print(f"actors and pages written to {path}")


if __name__ == "__main__":
    main()
