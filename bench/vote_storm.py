"""Vote storm: 500 distinct signed-in youth vote in one open poll through the running portal,
16 connections at once, while another client reads the poll's live results page.

    python bench/vote_storm.py [--database-url URL] [--actors FILE] [--connections 16]
    python bench/vote_storm.py --base-url http://127.0.0.1:8101 --secret-key KEY ...

Uses the data set of bench/seed.py (its poll 3: open, live results, for 20 groups of 25
youth). Without `--base-url` it starts the portal itself (`youthportal serve --workers 2`,
Redis database 3 flushed first) and stops it afterwards; with `--base-url` it votes in a
portal already running with the same `--secret-key` (bench/run.py --storm does this).

Each voter does what a browser does: GET /polls/<id> with a session cookie signed for them
(POST /login is rate limited per address, so the cookie is signed with the app's secret key
as bench/_national.session_cookie shows), reads the CSRF token and the one-time token of the
vote form, keeps the session cookie the page set, and POSTs its choice to /polls/<id>/vote
as the form does. One voter in ten double-clicks: the same form is POSTed twice at once,
and the second must be refused (the one-time token or the participation's key). Meanwhile
a watcher (the poll's facilitator) reads /polls/<id>/results again and again.

Before the storm the poll is reset in the database (its participations, ballots and reasons
deleted, its closing moved 5 days ahead, its live count dropped from Redis). Afterwards the
database is counted: participations and ballots must both be 500, no member may have two
participations, every voter must be there, and the count the results page shows must hold
500 ballots. Prints HTTP errors, vote latencies and the results page's p50/p99/max during
the storm against a quiet baseline. Never fails on a timing: prints MET or MISSED.
"""

import argparse
import html
import json
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _national import USER_AGENT, default_actors_path, session_cookie  # noqa: E402

RESULTS_TARGET_MS = 250
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_national"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"


def percentile(values: list[float], p: float) -> float:
    """Nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


class Client:
    """One browser: a session cookie kept across requests, a new connection per request
    (gunicorn's sync workers close each one)."""

    def __init__(self, base_url: str, cookie_name: str, cookie: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookie_name, self.cookie = cookie_name, cookie

    def request(self, method: str, path: str, form: list | None = None):
        import http.client

        headers = {"User-Agent": USER_AGENT, "Cookie": f"{self.cookie_name}={self.cookie}"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                if value.startswith(f"{self.cookie_name}="):
                    self.cookie = value.split(";", 1)[0].split("=", 1)[1]
            return response.status, data, (time.perf_counter() - started) * 1000
        finally:
            conn.close()


def vote_form_fields(page: str, poll_id: int) -> dict[str, str] | None:
    """The hidden fields of the vote form (CSRF token, one-time token) on the poll page."""
    start = page.find(f'action="/polls/{poll_id}/vote"')
    if start < 0:
        return None
    end = page.find("</form>", start)
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page[start:end]):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and value and name.group(1) in ("csrf_token", "once"):
            fields[name.group(1)] = html.unescape(value.group(1))
    return fields if len(fields) == 2 else None


def reset(database_url: str, poll_id: int, redis_url: str | None) -> None:
    """The storm's poll as seeded: open for 5 more days, no ballots, no live count."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.begin() as conn:
        for table in ("participation", "ballot", "poll_reason"):
            conn.execute(text(f"DELETE FROM {table} WHERE poll_id = :p"), {"p": poll_id})
        conn.execute(
            text(
                "UPDATE poll SET tally = NULL, audience_size = NULL, "
                "opens_at = LEAST(opens_at, (now() at time zone 'utc') - interval '1 hour'), "
                "closes_at = (now() at time zone 'utc') + interval '5 days' WHERE id = :p"
            ),
            {"p": poll_id},
        )
    engine.dispose()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url, socket_timeout=2)
        for key in client.scan_iter(match=f"*poll-live:{poll_id}*"):
            client.delete(key)


def check(app, database_url: str, poll_id: int, voters: list[int]) -> dict:
    """What the database holds after the storm."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        participants = [
            row[0]
            for row in conn.execute(
                text("SELECT user_id FROM participation WHERE poll_id = :p"), {"p": poll_id}
            )
        ]
        ballots = conn.execute(
            text("SELECT choices FROM ballot WHERE poll_id = :p"), {"p": poll_id}
        ).all()
        doubles = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT user_id FROM participation WHERE poll_id = :p "
                "GROUP BY user_id HAVING count(*) > 1) AS twice"
            ),
            {"p": poll_id},
        ).scalar()
    engine.dispose()
    from youthportal.extensions import db
    from youthportal.polls import results
    from youthportal.polls.models import Poll

    with app.app_context():
        counted = results.count(db.session.get(Poll, poll_id))
        db.session.rollback()
    return {
        "participations": len(participants),
        "distinct participants": len(set(participants)),
        "ballots": len(ballots),
        "members with two participations": doubles,
        "voters missing": len(set(voters) - set(participants)),
        "participants who are not voters": len(set(participants) - set(voters)),
        "ballots with one choice": sum(1 for (choices,) in ballots if len(choices) == 1),
        "ballots in the results' count": counted["ballots"],
        "votes in the results' count": sum(counted["counts"].values()),
    }


def storm(
    app, base_url: str, actors: dict, database_url: str, connections: int, redis_url: str | None
) -> dict:
    poll_id = actors["storm"]["poll_id"]
    options = actors["storm"]["option_ids"]
    voters = actors["storm"]["voters"]
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    reset(database_url, poll_id, redis_url)

    watcher_id = actors["storm"]["watcher"][1]
    results_path = f"/polls/{poll_id}/results"

    def watch(stop: threading.Event, latencies: list, statuses: list) -> None:
        client = Client(base_url, cookie_name, session_cookie(app, watcher_id))
        while not stop.is_set():
            status, _, ms = client.request("GET", results_path)
            statuses.append(status)
            latencies.append(ms)

    # A quiet baseline of the results page: 3 s without voters.
    quiet, quiet_status = [], []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(stop, quiet, quiet_status))
    thread.start()
    time.sleep(3)
    stop.set()
    thread.join()

    cookies = {uid: session_cookie(app, sid) for uid, sid in voters}
    outcomes: list[dict] = []
    lock = threading.Lock()

    def vote(n: int, uid: int) -> None:
        client = Client(base_url, cookie_name, cookies[uid])
        started = time.perf_counter()
        status, body, get_ms = client.request("GET", f"/polls/{poll_id}")
        fields = (
            vote_form_fields(body.decode("utf-8", "replace"), poll_id) if status == 200 else None
        )
        record = {"voter": uid, "get": status, "post": None, "double": None}
        if fields is None:
            record["problem"] = "no vote form"
        else:
            form = [
                ("csrf_token", fields["csrf_token"]),
                ("once", fields["once"]),
                ("choice", str(options[(uid * 7) % len(options)])),
            ]
            path = f"/polls/{poll_id}/vote"
            if n % 10 == 0:
                # A double click: the same form twice at once, from the same browser.
                twin = Client(base_url, cookie_name, client.cookie)
                second = {}
                other = threading.Thread(
                    target=lambda: second.update(status=twin.request("POST", path, form)[0])
                )
                other.start()
                status, _, post_ms = client.request("POST", path, form)
                other.join()
                record["double"] = second.get("status")
            else:
                status, _, post_ms = client.request("POST", path, form)
            record["post"] = status
            record["get_ms"], record["post_ms"] = get_ms, post_ms
        record["ms"] = (time.perf_counter() - started) * 1000
        with lock:
            outcomes.append(record)

    during, during_status = [], []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop, during, during_status))
    watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(lambda item: vote(*item), enumerate(u for u, _ in voters)))
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()

    counts = check(app, database_url, poll_id, [u for u, _ in voters])
    accepted = sum(1 for o in outcomes if o["post"] == 200) + sum(
        1 for o in outcomes if o["double"] == 200
    )
    errors = [o for o in outcomes if not as_expected(o)]
    vote_ms = [o["ms"] for o in outcomes if "get_ms" in o]
    post_ms = [o["post_ms"] for o in outcomes if "post_ms" in o]
    return {
        "poll": poll_id,
        "voters": len(voters),
        "connections": connections,
        "seconds": seconds,
        "votes per second": len(voters) / seconds,
        "accepted votes (HTTP 200)": accepted,
        "double clicks": sum(1 for o in outcomes if o["double"] is not None),
        "double clicks refused": sum(
            1 for o in outcomes if o["double"] is not None and as_expected(o)
        ),
        "http errors": len(errors),
        "error samples": errors[:5],
        "vote (GET + POST) p50 ms": statistics.median(vote_ms) if vote_ms else float("nan"),
        "vote POST p50 ms": statistics.median(post_ms) if post_ms else float("nan"),
        "vote POST p99 ms": percentile(post_ms, 99),
        "results quiet": summary(quiet, quiet_status),
        "results during storm": summary(during, during_status),
        "database": counts,
    }


def as_expected(outcome: dict) -> bool:
    """The page and the vote answered 200; of a double click's two POSTs one was counted
    (200) and the other refused as already sent (302 back to the poll) or already voted
    (409), in either order."""
    if outcome["get"] != 200 or outcome["post"] is None:
        return False
    if outcome["double"] is None:
        return outcome["post"] == 200
    return sorted([outcome["post"], outcome["double"]]) in ([200, 302], [200, 409])


def summary(latencies: list[float], statuses: list[int]) -> dict:
    return {
        "requests": len(latencies),
        "non-200": sum(1 for s in statuses if s != 200),
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": percentile(latencies, 99),
        "max": max(latencies, default=float("nan")),
    }


def report(result: dict) -> bool:
    """Print the figures; True when every target is met."""
    db_counts = result["database"]
    print(
        f"vote storm: {result['voters']} voters, {result['connections']} connections, "
        f"{result['seconds']:.1f} s ({result['votes per second']:.0f} votes/s); "
        f"vote GET+POST p50 {result['vote (GET + POST) p50 ms']:.0f} ms, "
        f"POST p50 {result['vote POST p50 ms']:.0f} ms, p99 {result['vote POST p99 ms']:.0f} ms"
    )
    print(
        f"  HTTP: {result['accepted votes (HTTP 200)']} votes accepted, "
        f"{result['double clicks']} double clicks ({result['double clicks refused']} second "
        f"POSTs refused), {result['http errors']} errors"
    )
    for sample in result["error samples"]:
        print(f"    error: {sample}")
    print("  database: " + ", ".join(f"{k} {v}" for k, v in db_counts.items()))
    for label, key in (("quiet", "results quiet"), ("during the storm", "results during storm")):
        s = result[key]
        print(
            f"  results page {label}: {s['requests']} requests, {s['non-200']} not 200, "
            f"p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, max {s['max']:.1f} ms"
        )
    n = result["voters"]
    targets = [
        ("zero HTTP errors", result["http errors"] == 0, f"{result['http errors']} errors"),
        (
            f"{n} participations, {n} ballots, no double",
            db_counts["participations"] == n
            and db_counts["ballots"] == n
            and db_counts["distinct participants"] == n
            and db_counts["members with two participations"] == 0
            and db_counts["voters missing"] == 0
            and db_counts["ballots in the results' count"] == n,
            f"{db_counts['participations']} participations, {db_counts['ballots']} ballots, "
            f"{db_counts['members with two participations']} doubles",
        ),
        (
            f"results page under {RESULTS_TARGET_MS} ms during the storm",
            result["results during storm"]["max"] < RESULTS_TARGET_MS
            and result["results during storm"]["non-200"] == 0,
            f"p99 {result['results during storm']['p99']:.1f} ms, "
            f"max {result['results during storm']['max']:.1f} ms",
        ),
    ]
    for label, met, detail in targets:
        print(f"  target {label}: {'MET' if met else 'MISSED'} ({detail})")
    return all(met for _, met, _ in targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--actors", help="seed.py's JSON (default /tmp/youthportal-bench-<db>.json)"
    )
    parser.add_argument("--base-url", help="a portal already running (else one is started)")
    parser.add_argument("--secret-key", default="bench-national-secret")
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    import os
    import subprocess

    from _national import (
        flush_redis,
        portal_command,
        portal_environment,
        stop,
        wait_until_up,
    )

    work = Path(tempfile.mkdtemp(prefix="youthportal-storm-"))
    os.environ["YOUTHPORTAL_INSTANCE_PATH"] = str(work)
    from youthportal import create_app

    actors = json.loads(Path(args.actors or default_actors_path(args.database_url)).read_text())
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": args.secret_key})
    server = None
    base_url = args.base_url
    if base_url is None:
        print(flush_redis(args.redis_url))
        env = portal_environment(args.database_url, args.secret_key, work, args.redis_url)
        log = (work / "portal.log").open("w")
        server = subprocess.Popen(
            portal_command(args.port), env=env, stdout=log, stderr=subprocess.STDOUT
        )
        base_url = f"http://127.0.0.1:{args.port}"
        up = wait_until_up(base_url + "/", server)
        print(f"portal up in {up:.1f} s (pid {server.pid}, log {work / 'portal.log'})")
    try:
        result = storm(app, base_url, actors, args.database_url, args.connections, args.redis_url)
    finally:
        if server is not None:
            stop(server)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
