"""Scale benchmark of the public accountability record (youthportal/policy/record.py): 300
institutions in six countries, 1,000 sendings of 40,000 recommendations (40 a sending on
average) to 5,000 submissions over three years, ~3,000 published responses with ~120,000
answers (one per recommendation of the sending) and ~60,000 commitments.

    python bench/policy_scale.py [--database-url URL] [--scale 1.0] [--small 0.1] [--runs 20]

Bulk-loads a throw-away database (SQLite file by default) twice, first at `--small` times the
sizes above (30 institutions, 500 submissions), then at `--scale` times, and reports for each
public page (nobody signed in): SQL statements per request (transaction control not
counted), median and 95th percentile of `--runs` requests after 2 warm-ups, with the figures
recomputed on every request (POLICY_RECORD_CACHE_SECONDS = 0) and cached (the default 60),
and the size of the response. The CSV is read as a stream: chunks, time to the first chunk,
time to the last. Then: each aggregate of the uncached overview timed alone, and a check
that the JSON totals equal the data loaded. Targets (from the issue): the overview renders
in under 150 ms and its query count does not grow with the data.

For PostgreSQL give it a database of its own: its tables are dropped and created.
"""

import argparse
import math
import os
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

parser = argparse.ArgumentParser()
parser.add_argument("--database-url")
parser.add_argument("--scale", type=float, default=1.0, help="1.0: 300 institutions, ...")
parser.add_argument("--small", type=float, default=0.1, help="the first, smaller load")
parser.add_argument("--runs", type=int, default=20)
args = parser.parse_args()

tmp = tempfile.mkdtemp()
os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tmp

from sqlalchemy import event, insert, text  # noqa: E402

from youthportal import create_app  # noqa: E402
from youthportal.accounts.models import Institution, InstitutionKind  # noqa: E402
from youthportal.core.model_base import utcnow  # noqa: E402
from youthportal.extensions import db  # noqa: E402
from youthportal.policy import dates, record  # noqa: E402
from youthportal.policy.models import (  # noqa: E402
    VERDICTS_COMMITTING,
    VERDICTS_NEEDING_REASON,
    Answer,
    Commitment,
    CommitmentStatus,
    PolicyRecommendation,
    Response,
    Sending,
    SourceKind,
    Submission,
    Verdict,
)
from youthportal.reports.models import Topic  # noqa: E402
from youthportal.safety.models import ModerationStatus  # noqa: E402

DEFAULT_TTL = 60  # youthportal/config.py POLICY_RECORD_CACHE_SECONDS
app = create_app(
    {
        "TESTING": True,
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        "POLICY_RECORD_CACHE_SECONDS": 0,
    }
)
TZ = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])

INSTITUTIONS, SENDINGS, SUBMISSIONS, RECOMMENDATIONS = 300, 1_000, 5_000, 40_000
COUNTRIES = ("AL", "XK", "RS", "ME", "MK", "BA")
KIND_NAMES = {
    InstitutionKind.MINISTRY: "Ministry of {}",
    InstitutionKind.PARLIAMENT_COMMITTEE: "Parliamentary Committee on {}",
    InstitutionKind.AGENCY: "National Agency for {}",
    InstitutionKind.MUNICIPALITY: "Municipality {} - Youth Office",
    InstitutionKind.REGULATOR: "Authority for {}",
    InstitutionKind.OTHER: "Council for {}",
}
FIELDS = [
    "Education",
    "Health",
    "Youth and Sport",
    "Employment",
    "Environment",
    "Transport",
    "Culture",
    "Social Protection",
    "Digital Affairs",
    "Justice",
]
TOPICS = [
    ("education", "Education", "Arsimi"),
    ("health", "Health", "Shëndetësia"),
    ("employment", "Work", "Punësimi"),
    ("environment", "Environment", "Mjedisi"),
    ("transport", "Transport", "Transporti"),
    ("participation", "Participation", "Pjesëmarrja"),
]
RECOMMENDATION_TEXTS = [
    "Appoint a full-time psychologist in every secondary school by 2027.",
    "Publish the youth budget every year in a form young people can read.",
    "Introduce a free bus pass for all secondary school students.",
    "Offer every pupil a clear, anonymous way to report bullying, online and offline.",
    "Keep school sports halls and libraries open until 18:00 on weekdays.",
    "Fund at least 500 paid apprenticeships a year outside the capital.",
    "Start career guidance in grade 8, with visits to local employers.",
    "Collect only the data school platforms need and explain why in simple language.",
    "Consult the youth council before any decision about schools in the municipality.",
    "Install drinking-water fountains in every school building.",
]
WEEK, DAY = timedelta(days=7), timedelta(days=1)


def bulk(model, rows, size=5000) -> None:
    for start in range(0, len(rows), size):
        db.session.execute(insert(model), rows[start : start + size])


def spread(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """`parts` integers between `low` and `high` that add up to exactly `total`."""
    counts = [rng.randint(low, high) for _ in range(parts)]
    while (gap := total - sum(counts)) != 0:
        i = rng.randrange(parts)
        step = 1 if gap > 0 else -1
        if low <= counts[i] + step <= high:
            counts[i] += step
    return counts


def local_days(start: datetime, end: datetime) -> int:
    """As youthportal.policy.dates.days_between: calendar days in the portal's time zone."""
    return (end.astimezone(TZ).date() - start.astimezone(TZ).date()).days


def seed(scale: float) -> dict:
    """Drop and create every table, then load the record's data at `scale`."""
    rng = random.Random(20261129)
    n_inst = max(len(COUNTRIES), round(INSTITUTIONS * scale))
    n_send = max(1, round(SENDINGS * scale))
    n_sub = max(n_send, round(SUBMISSIONS * scale))
    n_rec = max(10 * n_send, round(RECOMMENDATIONS * scale))
    now = utcnow().replace(microsecond=0)
    kinds = list(InstitutionKind)
    db.drop_all()
    db.create_all()

    institutions, weights = [], []
    for i in range(n_inst):
        country, kind = COUNTRIES[i % len(COUNTRIES)], kinds[i // len(COUNTRIES) % len(kinds)]
        field = FIELDS[i // (len(COUNTRIES) * len(kinds)) % len(FIELDS)]
        name = KIND_NAMES[kind].format(field)
        if i >= len(COUNTRIES) * len(kinds) * len(FIELDS):
            name += f" ({i})"
        institutions.append(
            {
                "id": i + 1,
                "name": name,
                "kind": kind,
                "country": country,
                "contact_email": f"youth{i + 1}@institution.example",
                "created_at": now - 4 * 365 * DAY,
            }
        )
        # Ministries and committees receive most; a long tail of small offices.
        heavy = kind in (InstitutionKind.MINISTRY, InstitutionKind.PARLIAMENT_COMMITTEE)
        weights.append(rng.uniform(0.3, 1.5) * (3 if heavy else 1))
    bulk(Institution, institutions)
    bulk(
        Topic,
        [
            {"id": t + 1, "key": key, "names": {"en": en, "sq": sq}, "position": t}
            for t, (key, en, sq) in enumerate(TOPICS)
        ],
    )

    sendings, recommendations, submissions = [], [], []
    responses, answers, commitments = [], [], []
    rec_counts = spread(rng, n_rec, n_send, 10, 70)
    sub_counts = spread(rng, n_sub, n_send, 1, min(9, n_inst))
    first = now - 3 * 365 * DAY
    rec_id = sub_id = answer_id = commitment_id = 0
    for s in range(n_send):
        sending_id = s + 1
        sent_at = first + (now - 2 * DAY - first) * (s + rng.random()) / n_send
        requested_by = sent_at.astimezone(TZ).date() + rng.randint(30, 90) * DAY
        sendings.append(
            {
                "id": sending_id,
                "kind": SourceKind.REPORT,
                "topic_id": rng.randrange(len(TOPICS)) + 1,
                "title": f"Youth Parliament report {sending_id}: what we ask for",
                "cover_letter": "Dear colleagues, please find attached the recommendations "
                "the Youth Parliament adopted. We look forward to your answer.",
                "status": ModerationStatus.PUBLISHED,
                "requested_by": requested_by,
                "sent_at": sent_at,
                "created_at": sent_at,
            }
        )
        recs = []
        for number in range(1, rec_counts[s] + 1):
            rec_id += 1
            recs.append((rec_id, number))
            recommendations.append(
                {
                    "id": rec_id,
                    "sending_id": sending_id,
                    "number": number,
                    "text": RECOMMENDATION_TEXTS[(rec_id + number) % len(RECOMMENDATION_TEXTS)],
                    "link": f"#rec-{number}",
                }
            )
        chosen: set[int] = set()
        while len(chosen) < sub_counts[s]:
            chosen.add(rng.choices(range(n_inst), weights)[0] + 1)
        for institution_id in sorted(chosen):
            sub_id += 1
            read_at = answered_at = None
            if rng.random() < 0.82:
                read_at = sent_at + min(90, int(rng.expovariate(1 / 6))) * DAY
                read_at += timedelta(hours=rng.uniform(0, 10))
                if rng.random() < 0.76:
                    answered_at = read_at + int(rng.gammavariate(2, 15)) * DAY
                    answered_at += timedelta(hours=rng.uniform(0, 10))
            if read_at and read_at > now:
                read_at = None
            if answered_at and answered_at > now:
                answered_at = None
            submissions.append(
                {
                    "id": sub_id,
                    "sending_id": sending_id,
                    "institution_id": institution_id,
                    "sent_at": sent_at,
                    "requested_by": requested_by,
                    "read_at": read_at,
                    "read_days": local_days(sent_at, read_at) if read_at else None,
                    "answered_at": answered_at,
                    "answer_days": local_days(sent_at, answered_at) if answered_at else None,
                }
            )
            if answered_at is None:
                continue
            responses.append(
                {
                    "id": sub_id,
                    "submission_id": sub_id,
                    "body": "Thank you for your recommendations. Our answers follow.",
                    "status": ModerationStatus.PUBLISHED,
                    "created_at": answered_at,
                }
            )
            for recommendation_id, number in recs:
                verdict = rng.choices(list(Verdict), (30, 20, 20, 20, 10))[0]
                answer_id += 1
                answers.append(
                    {
                        "id": answer_id,
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
                commitment_id += 1
                state = rng.choices(list(CommitmentStatus), (35, 30, 25, 10))[0]
                commitments.append(
                    {
                        "id": commitment_id,
                        "submission_id": sub_id,
                        "institution_id": institution_id,
                        "recommendation_id": recommendation_id,
                        "number": number,
                        "text": "We will include this in next year's action plan.",
                        "owner_unit": "Directorate for Youth Policy",
                        "expected_by": answered_at.astimezone(TZ).date()
                        + rng.randint(30, 540) * DAY,
                        "state": state,
                        "created_at": answered_at,
                        "updated_at": answered_at + rng.randint(0, 60) * DAY,
                    }
                )
    bulk(Sending, sendings)
    bulk(PolicyRecommendation, recommendations)
    bulk(Submission, submissions)
    bulk(Response, responses)
    bulk(Answer, answers)
    bulk(Commitment, commitments)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does within a minute of a bulk load in production.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    received: dict[int, int] = {}
    for row in submissions:
        received[row["institution_id"]] = received.get(row["institution_id"], 0) + 1
    today = now.astimezone(TZ).date()
    return {
        "institutions": n_inst,
        "sendings": n_send,
        "recommendations": len(recommendations),
        "submissions": len(submissions),
        "read": sum(1 for r in submissions if r["read_at"]),
        "answered": len(responses),
        "answers": len(answers),
        "commitments": len(commitments),
        "commitments past their date": sum(
            1
            for c in commitments
            if c["state"] in (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
            and c["expected_by"] < today
        ),
        "overdue": sum(
            1 for r in submissions if r["answered_at"] is None and r["requested_by"] < today
        ),
        "median_read_days": statistics.median(
            r["read_days"] for r in submissions if r["read_days"] is not None
        ),
        "median_answer_days": statistics.median(
            r["answer_days"] for r in submissions if r["answer_days"] is not None
        ),
        "busiest": max(received, key=received.get),
        "busiest_received": max(received.values()),
        "year": (now - 365 * DAY).astimezone(TZ).year,
    }


# Measuring ---------------------------------------------------------------------------------

TRANSACTION_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")
statements: list[str] = []


def count(_conn, _cursor, statement, *_a) -> None:
    if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
        statements.append(statement)


with app.app_context():
    event.listen(db.engine, "before_cursor_execute", count)


def fetch(client, url: str, stream: bool) -> dict:
    """One request: SQL statements, milliseconds, bytes (and for a stream its chunks and the
    time to the first one)."""
    statements.clear()
    t0 = time.perf_counter()
    if stream:
        response = client.get(url, buffered=False)
        assert response.status_code == 200, (url, response.status_code)
        streamed = response.is_streamed
        size, chunks, first = 0, 0, None
        for chunk in response.response:
            if chunk:
                if first is None:
                    first = time.perf_counter()
                size += len(chunk)
                chunks += 1
        response.close()
    else:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size, chunks, first, streamed = len(response.data), 1, None, response.is_streamed
    end = time.perf_counter()
    return {
        "sql": len(statements),
        "ms": (end - t0) * 1000,
        "first_ms": ((first or end) - t0) * 1000,
        "bytes": size,
        "chunks": chunks,
        "streamed": streamed,
    }


def p95(values: list[float]) -> float:
    """Nearest rank: the 19th of 20."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def measure(client, url: str, stream: bool = False, warmup: int = 2) -> dict:
    for _ in range(warmup):
        fetch(client, url, stream)
    runs = [fetch(client, url, stream) for _ in range(args.runs)]
    sql = sorted({r["sql"] for r in runs})
    return {
        "sql": sql[0] if len(sql) == 1 else f"{sql[0]}-{sql[-1]}",
        "median": statistics.median(r["ms"] for r in runs),
        "p95": p95([r["ms"] for r in runs]),
        "first": statistics.median(r["first_ms"] for r in runs),
        "bytes": runs[-1]["bytes"],
        "chunks": runs[-1]["chunks"],
        "streamed": runs[-1]["streamed"],
    }


def pages(data: dict) -> list[tuple[str, str, str, bool]]:
    return [
        ("overview", "overview, page 1 of the institutions", "/policy/record", False),
        (
            "filtered",
            f"overview, country=AL&year={data['year']}",
            f"/policy/record?country=AL&year={data['year']}",
            False,
        ),
        (
            "institution",
            f"institution page (busiest, {data['busiest_received']} received)",
            f"/policy/record/institutions/{data['busiest']}",
            False,
        ),
        ("json", "open data, JSON", "/policy/record.json", False),
        ("csv", "open data, CSV (streamed)", "/policy/record.csv", True),
    ]


# Where the uncached overview's time goes: each aggregate of record._compute timed alone
# (execute and fetch), then the whole computation.
PARTS = {
    "counts": lambda f, today: record._counts(f, today),
    "medians": lambda f, today: (
        record._medians(Submission.read_days, f),
        record._medians(Submission.answer_days, f),
    ),
    "verdicts": lambda f, today: record._verdicts(f),
    "commitments": lambda f, today: record._commitments(f, today),
    "record._compute": lambda f, today: record._compute(f),
}


def run(scale: float) -> tuple[dict, dict]:
    started = time.perf_counter()
    with app.app_context():
        data = seed(scale)
    record.forget()
    print(
        f"scale {scale:g}: seeded {data['institutions']} institutions, {data['sendings']:,} "
        f"sendings, {data['recommendations']:,} recommendations, {data['submissions']:,} "
        f"submissions ({data['read']:,} read, {data['answered']:,} answered, "
        f"{data['overdue']:,} overdue), "
        f"{data['answers']:,} answers, {data['commitments']:,} commitments "
        f"({data['commitments past their date']:,} past their date) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    client = app.test_client()
    results = {}
    for ttl, mode in ((0, "uncached"), (DEFAULT_TTL, "cached")):
        app.config["POLICY_RECORD_CACHE_SECONDS"] = ttl
        record.forget()
        for key, _label, url, stream in pages(data):
            results[key, mode] = measure(client, url, stream)
    with app.test_request_context("/policy/record"):
        today = dates.today()
        for name, part in PARTS.items():
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                part(record.Filters(), today)
                times.append((time.perf_counter() - t0) * 1000)
                db.session.rollback()
            results["part", name] = statistics.median(times)
    # The figures served are those loaded, and the cache does not change them.
    app.config["POLICY_RECORD_CACHE_SECONDS"] = 0
    fresh = client.get("/policy/record.json")
    app.config["POLICY_RECORD_CACHE_SECONDS"] = DEFAULT_TTL
    assert client.get("/policy/record.json").data == fresh.data, "cached JSON differs"
    total = fresh.get_json()["total"]
    expected = {
        "submissions_received": data["submissions"],
        "submissions_read": data["read"],
        "submissions_answered": data["answered"],
        "submissions_overdue": data["overdue"],
        "median_days_to_first_read": data["median_read_days"],
        "median_days_to_answer": data["median_answer_days"],
        "recommendations (all verdicts)": data["answers"],
        "commitments (all states)": data["commitments"],
        "commitments_overdue": data["commitments past their date"],
    }
    total["recommendations (all verdicts)"] = sum(
        total[f"recommendations_{v.value}"] for v in Verdict
    )
    total["commitments (all states)"] = sum(
        total[f"commitments_{s.value}"] for s in CommitmentStatus
    )
    wrong = [f"{k} {total[k]} (loaded {v})" for k, v in expected.items() if total[k] != v]
    print(
        "figures check: "
        + ("MISMATCH " + "; ".join(wrong) if wrong else "the JSON totals match the data loaded")
    )
    return data, results


# Run ---------------------------------------------------------------------------------------

small_data, small = run(args.small)
data, full = run(args.scale)
with app.app_context():
    dialect = db.engine.dialect.name

print()
print(
    f"{dialect}, {args.runs} requests after 2 warm-ups, median / p95 in ms; SQL per request at "
    f"scale {args.small:g} ({small_data['submissions']:,} submissions) and {args.scale:g} "
    f"({data['submissions']:,})"
)
header = (
    f"{'page':<42} {'SQL small':>9} {'SQL full':>8} {'uncached':>15} {'cached':>13} {'size':>8}"
)
print(header)
print("-" * len(header))
for key, label, _url, _stream in pages(data):
    u, c = full[key, "uncached"], full[key, "cached"]
    print(
        f"{label:<42} {small[key, 'uncached']['sql']!s:>9} {u['sql']!s:>8} "
        f"{u['median']:>6.1f} / {u['p95']:>6.1f} {c['median']:>5.1f} / {c['p95']:>5.1f} "
        f"{u['bytes'] / 1024:>5.1f} KB"
    )
print(
    "cached SQL per request (small / full): "
    + ", ".join(
        f"{key} {small[key, 'cached']['sql']}/{full[key, 'cached']['sql']}"
        for key, *_ in pages(data)
    )
)
csv_u, csv_c = full["csv", "uncached"], full["csv", "cached"]
print(
    f"CSV stream: is_streamed={csv_u['streamed']}, {csv_u['chunks']} non-empty chunks, "
    f"{csv_u['bytes']:,} bytes; first chunk after {csv_u['first']:.1f} ms of "
    f"{csv_u['median']:.1f} ms uncached, {csv_c['first']:.1f} of {csv_c['median']:.1f} ms cached"
)
print(
    "uncached overview, median of 7 (ms): "
    + ", ".join(f"{name} {full['part', name]:.1f}" for name in PARTS)
    + f"; the whole page {full['overview', 'uncached']['median']:.1f}"
)
print(
    "small scale, uncached medians: "
    + ", ".join(f"{key} {small[key, 'uncached']['median']:.1f} ms" for key, *_ in pages(data))
)


def target(label: str, met: bool, detail: str) -> None:
    print(f"target {label}: {'MET' if met else 'MISSED'} ({detail})")


print()
overview = full["overview", "uncached"]
target(
    "overview under 150 ms (figures recomputed)",
    overview["median"] < 150,
    f"median {overview['median']:.1f} ms, p95 {overview['p95']:.1f} ms",
)
same = all(
    small[key, mode]["sql"] == full[key, mode]["sql"]
    for key, *_ in pages(data)
    for mode in ("uncached", "cached")
)
target(
    "constant query counts (uncached and cached)",
    same,
    ", ".join(
        f"{key} {small[key, 'uncached']['sql']}/{full[key, 'uncached']['sql']}"
        for key, *_ in pages(data)
    ),
)
