"""National-size HTTP benchmark: the portal under gunicorn against a minimal reference page.

    python bench/run.py [--database-url URL] [--small-database-url URL] [--rounds 2]
                        [--duration 10] [--connections 8] [--threads 2] [--storm]

Needs the data sets of bench/seed.py (scale 1 in bench_national, 0.05 in bench_small, their
actors' JSON in /tmp), wrk (`apt-get install -y wrk`; installed here if missing and
possible), Redis on 127.0.0.1:6379 (database 3 is flushed) and PostgreSQL (the reference's
table lives in bench_reference).

1. SQL statements per page, at the small and at the large data set: each page requested
   three times through the Flask test client (the third counted, so caches filled by the
   first are warm as they are under load), with the same signed session cookie as below.
2. Starts `youthportal serve --workers 2 --bind 127.0.0.1:PORT` (gunicorn with
   youthportal/ops/gunicorn_conf.py; YOUTHPORTAL_SQLALCHEMY_DATABASE_URI, _SECRET_KEY,
   _INSTANCE_PATH (a temporary folder), _REDIS_URL=redis://127.0.0.1:6379/3 and
   _ACCESS_LOG=/dev/null) and bench/reference_app.py under gunicorn with 2 sync workers.
3. For each round: wrk on the reference page, then on each page for an anonymous visitor
   and a signed-in youth (the review queue for a facilitator), then on the reference again;
   a wrk Lua `done` callback prints requests, errors and the latency percentiles. The
   session cookie is signed with the app's secret key just before each run (as
   bench/_national.session_cookie shows), and each page is fetched once first to check it
   answers 200 (pages that need a sign-in are not measured for the anonymous visitor).
4. Prints one table per round: requests/s, p50, p99, the ratio of requests/s to the
   reference (the mean of its two runs in the round), the CPU milliseconds each request
   cost the portal's workers and PostgreSQL's backends of its database (read from /proc
   before and after each wrk run) and the reference's CPU per request divided by the page's
   (a ratio other work on the machine hardly moves), SQL statements small / large, and MET
   or MISSED against the targets: ratio >= 0.5, p99 < 250 ms, no errors, no more
   statements at the large size than at the small. Then each gunicorn worker's RSS (VmRSS,
   now and the most seen after any wrk run; target under 200 MB), whether gunicorn replaced
   a worker (max_requests), and what the portal logged as slow (its thresholds lowered to
   --slow-request-ms and --slow-query-ms).
5. With `--storm`, the vote storm of bench/vote_storm.py in the same portal afterwards.

Never fails on a timing. The figures of the latest runs are in bench/README.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from _national import (  # noqa: E402
    USER_AGENT,
    CPUMeter,
    children,
    database_name,
    default_actors_path,
    flush_redis,
    get,
    portal_command,
    portal_environment,
    reference_command,
    rss_mb,
    session_cookie,
    stop,
    wait_until_up,
)

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"
RATIO_TARGET, P99_TARGET_MS, RSS_TARGET_MB = 0.5, 250.0, 200.0

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d " ..
    "timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d\\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=SERVER + "bench_national")
    parser.add_argument("--small-database-url", default=SERVER + "bench_small")
    parser.add_argument("--actors", help="seed.py's JSON for --database-url")
    parser.add_argument("--small-actors", help="seed.py's JSON for --small-database-url")
    parser.add_argument("--reference-database-url", default=SERVER + "bench_reference")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--secret-key", default="bench-national-secret")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--reference-port", type=int, default=8102)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pages", help="only these page keys, comma-separated")
    parser.add_argument("--skip-counts", action="store_true")
    parser.add_argument("--storm", action="store_true", help="then the vote storm")
    parser.add_argument("--storm-connections", type=int, default=16)
    parser.add_argument("--json", help="also write every figure here")
    parser.add_argument(
        "--slow-request-ms",
        type=int,
        default=250,
        help="the portal logs requests slower than this (YOUTHPORTAL_SLOW_REQUEST_MS)",
    )
    parser.add_argument(
        "--slow-query-ms",
        type=int,
        default=100,
        help="the portal logs statements slower than this (YOUTHPORTAL_SLOW_QUERY_MS)",
    )
    # Internal: count the statements of each page in a process of its own.
    parser.add_argument("--count-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count-out", help=argparse.SUPPRESS)
    parser.add_argument("--show-sql", help="with --count-only: print this page's statements")
    return parser.parse_args()


# Statement counts -----------------------------------------------------------------------


def count_statements(args) -> None:
    """In this process: each page three times through the test client, the third counted."""
    os.environ["YOUTHPORTAL_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="youthportal-count-")
    from sqlalchemy import event

    from youthportal import create_app
    from youthportal.extensions import db

    actors = json.loads(Path(args.actors).read_text())
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "count"})
    statements: list[str] = []
    with app.app_context():
        event.listen(
            db.engine, "before_cursor_execute", lambda _c, _cur, s, *_a: statements.append(s)
        )
    found = {}
    for page in actors["pages"]:
        for who in page["who"]:
            client = app.test_client()
            if who != "anonymous":
                cookie = session_cookie(app, actors[who]["session_user_id"])
                client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
            for _ in range(3):
                statements.clear()
                started = time.perf_counter()
                response = client.get(page["url"], headers={"User-Agent": USER_AGENT})
                ms = (time.perf_counter() - started) * 1000
            found[f"{page['key']}|{who}"] = {
                "sql": len(statements),
                "status": response.status_code,
                "bytes": len(response.data),
                "ms": round(ms, 1),
            }
            if args.show_sql in (page["key"], f"{page['key']}|{who}"):
                print(f"-- {page['url']} as {who}: {len(statements)} statements", file=sys.stderr)
                for statement in statements:
                    print(" ".join(statement.split()), file=sys.stderr)
    Path(args.count_out).write_text(json.dumps(found))


def counts_for(url: str, actors: Path, work: Path, label: str) -> dict:
    out = work / f"counts-{label}.json"
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--count-only",
            "--database-url",
            url,
            "--actors",
            str(actors),
            "--count-out",
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=(work / f"counts-{label}.log").open("w"),
    )
    return json.loads(out.read_text())


# wrk --------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: apt-get install -y wrk")
    return found


def wrk(args, script: Path, url: str, cookie: str | None = None, meter=None) -> dict:
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        "-H",
        f"User-Agent: {USER_AGENT}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if meter is not None:
        meter.start()
    done = subprocess.run(command + [url], capture_output=True, text=True, check=False)
    cpu = meter.stop() if meter is not None else {"app": 0.0, "db": 0.0}
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result: {done.stdout} {done.stderr}")
    figures = {key: int(value) for key, value in (p.split("=") for p in line.split()[1:])}
    seconds = figures["duration_us"] / 1e6
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": figures["requests"],
        "rps": figures["requests"] / seconds,
        "p50": figures["p50_us"] / 1000,
        "p90": figures["p90_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "max": figures["max_us"] / 1000,
        "errors": errors,
        "error_kinds": {k: figures[k] for k in ("connect", "read", "write", "status", "timeout")},
        "bytes_per_response": figures["bytes"] / max(1, figures["requests"]),
        # CPU milliseconds per request: the server's workers, PostgreSQL's backends.
        "cpu_app": cpu["app"] * 1000 / max(1, figures["requests"]),
        "cpu_db": cpu["db"] * 1000 / max(1, figures["requests"]),
    }


# Machine --------------------------------------------------------------------------------


def machine(database_url: str) -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        postgres = conn.execute(text("SHOW server_version")).scalar()
    engine.dispose()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_mb": memory,
        "python": platform.python_version(),
        "postgresql": postgres,
        "wrk": wrk_version[1] if len(wrk_version) > 1 else "?",
    }


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# The run ----------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    if args.count_only:
        count_statements(args)
        return
    work = Path(tempfile.mkdtemp(prefix="youthportal-run-"))
    actors_path = Path(args.actors or default_actors_path(args.database_url))
    small_path = Path(args.small_actors or default_actors_path(args.small_database_url))
    actors = json.loads(actors_path.read_text())
    pages = actors["pages"]
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if p["key"] in wanted]
    ensure_wrk()
    info = machine(args.database_url)
    info["load average at start"] = load_average()
    print(
        f"machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory_mb'] / 1024:.0f} GB, "
        f"Python {info['python']}, PostgreSQL {info['postgresql']}, wrk {info['wrk']}; "
        f"load average {info['load average at start']}",
        flush=True,
    )
    sizes = actors.get("sizes", {})
    print("data set: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()), flush=True)

    counts = {}
    if not args.skip_counts:
        for label, url, path in (
            ("small", args.small_database_url, small_path),
            ("large", args.database_url, actors_path),
        ):
            if path.exists():
                started = time.perf_counter()
                counts[label] = counts_for(url, path, work, label)
                print(
                    f"statement counts at the {label} set: {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
            else:
                print(f"no {path}: run bench/seed.py for {url} first; {label} counts skipped")

    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    print(flush_redis(args.redis_url), flush=True)
    instance = work / "instance"
    instance.mkdir()
    portal_log = work / "portal.log"
    portal_env = portal_environment(args.database_url, args.secret_key, instance, args.redis_url)
    # Only the thresholds of the portal's own slow-request and slow-statement log lines.
    portal_env["YOUTHPORTAL_SLOW_REQUEST_MS"] = str(args.slow_request_ms)
    portal_env["YOUTHPORTAL_SLOW_QUERY_MS"] = str(args.slow_query_ms)
    portal = subprocess.Popen(
        portal_command(args.port),
        env=portal_env,
        stdout=portal_log.open("w"),
        stderr=subprocess.STDOUT,
        cwd=BENCH.parent,
    )
    reference_env = dict(os.environ, BENCH_REFERENCE_DATABASE_URL=args.reference_database_url)
    reference = subprocess.Popen(
        reference_command(args.reference_port),
        env=reference_env,
        stdout=(work / "reference.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    reference_url = f"http://127.0.0.1:{args.reference_port}/"
    results: dict = {"machine": info, "sizes": sizes, "counts": counts, "rounds": []}
    try:
        up = wait_until_up(base + "/", portal)
        wait_until_up(reference_url, reference)
        print(f"portal up in {up:.1f} s (master {portal.pid}), log {portal_log}", flush=True)
        os.environ["YOUTHPORTAL_INSTANCE_PATH"] = str(work / "signing")
        from youthportal import create_app

        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": args.secret_key}
        )
        cookie_name = app.config["SESSION_COOKIE_NAME"]

        def cookie_of(who: str) -> str | None:
            if who == "anonymous":
                return None
            return f"{cookie_name}={session_cookie(app, actors[who]['session_user_id'])}"

        first_workers = children(portal.pid)
        portal_meter = CPUMeter(lambda: children(portal.pid), database_name(args.database_url))
        reference_meter = CPUMeter(
            lambda: children(reference.pid), database_name(args.reference_database_url)
        )
        # Warm-up: every page a few times, so both workers have compiled its templates.
        for page in pages:
            for who in page["who"]:
                for _ in range(6):
                    get(base + page["url"], cookie_of(who))
        for _ in range(6):
            get(reference_url)
        rss_seen: dict[int, float] = {}

        def sample_rss() -> None:
            for pid in children(portal.pid):
                value = rss_mb(pid)
                if value is not None:
                    rss_seen[pid] = max(rss_seen.get(pid, 0.0), value)

        for number in range(1, args.rounds + 1):
            print(
                f"\nround {number}: wrk -t{args.threads} -c{args.connections} "
                f"-d{args.duration}s, load average {load_average()}",
                flush=True,
            )
            before = wrk(args, script, reference_url, meter=reference_meter)
            rows = []
            for page in pages:
                for who in ("anonymous", "youth", "facilitator"):
                    if who not in page["who"]:
                        if who == "anonymous":
                            status, _, headers = get(base + page["url"])
                            rows.append(
                                {"page": page, "who": who, "skipped": status, "to": headers}
                            )
                        continue
                    cookie = cookie_of(who)
                    status, body, _ = get(base + page["url"], cookie)
                    if status != 200:
                        rows.append({"page": page, "who": who, "skipped": status})
                        continue
                    figures = wrk(args, script, base + page["url"], cookie, portal_meter)
                    figures["size"] = len(body)
                    rows.append({"page": page, "who": who, **figures})
                    sample_rss()
                    print(
                        f"  {page['key']:<18} {who:<11} {figures['rps']:7.1f} req/s "
                        f"p50 {figures['p50']:6.1f} p99 {figures['p99']:6.1f} ms, CPU "
                        f"{figures['cpu_app']:.1f} + {figures['cpu_db']:.1f} ms a request",
                        flush=True,
                    )
            after = wrk(args, script, reference_url, meter=reference_meter)
            reference_rps = (before["rps"] + after["rps"]) / 2
            reference_cpu = sum(r["cpu_app"] + r["cpu_db"] for r in (before, after)) / 2
            round_result = {
                "reference": {
                    "before": before,
                    "after": after,
                    "rps": reference_rps,
                    "cpu": reference_cpu,
                },
                "rows": rows,
                "load average": load_average(),
            }
            results["rounds"].append(round_result)
            print_round(number, round_result, counts)

        workers = children(portal.pid)
        sample_rss()
        rss = {pid: rss_mb(pid) for pid in workers}
        results["rss"] = {"now": rss, "max": rss_seen, "master": rss_mb(portal.pid)}
        print_rss(portal.pid, first_workers, workers, rss, rss_seen)

        if args.storm:
            import vote_storm

            print(flush=True)
            result = vote_storm.storm(
                app, base, actors, args.database_url, args.storm_connections, args.redis_url
            )
            vote_storm.report(result)
            results["storm"] = result
            sample_rss()
            print(
                "worker RSS after the storm: "
                + ", ".join(f"{pid} {rss_mb(pid) or 0:.0f} MB" for pid in children(portal.pid))
            )
    finally:
        stop(portal)
        stop(reference)
    results["load average at end"] = load_average()
    print_log_summary(portal_log)
    print(f"load average at the end: {results['load average at end']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


def print_round(number: int, result: dict, counts: dict) -> None:
    reference = result["reference"]
    ref_rps, ref_cpu = reference["rps"], reference["cpu"]
    b, a = reference["before"], reference["after"]
    print(
        f"\nround {number}: reference page (50 of 10,000 rows) {b['rps']:.0f} / {a['rps']:.0f} "
        f"req/s before / after the pages, p50 {b['p50']:.1f} / {a['p50']:.1f} ms, "
        f"p99 {b['p99']:.1f} / {a['p99']:.1f} ms, CPU {b['cpu_app']:.1f} + {b['cpu_db']:.1f} / "
        f"{a['cpu_app']:.1f} + {a['cpu_db']:.1f} ms a request (app + PostgreSQL)"
    )
    header = (
        f"{'page':<44} {'who':<11} {'req/s':>6} {'p50':>6} {'p99':>6} {'ratio':>5} "
        f"{'CPU ms':>11} {'CPU r.':>6} {'err':>3} {'SQL s/l':>7}  result"
    )
    print(header)
    print("-" * (len(header) + 30))
    for row in result["rows"]:
        page, who = row["page"], row["who"]
        key = f"{page['key']}|{who}"
        small = counts.get("small", {}).get(key, {}).get("sql")
        large = counts.get("large", {}).get(key, {}).get("sql")
        sql = f"{small if small is not None else '-'}/{large if large is not None else '-'}"
        label = page["label"][:44]
        if "skipped" in row:
            where = ""
            if row["skipped"] in (301, 302, 303):
                where = " to " + (row.get("to") or {}).get("Location", "?").split("?")[0]
            reason = (
                "sign-in required"
                if who == "anonymous" and row["skipped"] in (302, 401)
                else "not measured"
            )
            print(f"{label:<44} {who:<11} {reason} (HTTP {row['skipped']}{where})")
            continue
        ratio = row["rps"] / ref_rps if ref_rps else 0.0
        cpu = row["cpu_app"] + row["cpu_db"]
        cpu_ratio = ref_cpu / cpu if cpu else 0.0
        missed = []
        if ratio < RATIO_TARGET:
            missed.append(f"ratio < {RATIO_TARGET}")
        if row["p99"] >= P99_TARGET_MS:
            missed.append(f"p99 >= {P99_TARGET_MS:.0f} ms")
        if row["errors"]:
            missed.append(f"errors {row['error_kinds']}")
        if abs(row["bytes_per_response"] - row["size"]) > 0.5 * row["size"] + 600:
            missed.append(f"responses of {row['bytes_per_response']:.0f} B, not ~{row['size']}")
        if small is not None and large is not None and large > small:
            missed.append("SQL grows")
        row["ratio"], row["cpu_ratio"], row["missed"] = ratio, cpu_ratio, missed
        verdict = "MET" if not missed else "MISSED (" + "; ".join(missed) + ")"
        if small is not None and large is not None and large < small:
            verdict += f" (SQL {small} small, {large} large)"
        cpu_text = f"{row['cpu_app']:.1f}+{row['cpu_db']:.1f}"
        print(
            f"{label:<44} {who:<11} {row['rps']:>6.1f} {row['p50']:>6.1f} {row['p99']:>6.1f} "
            f"{ratio:>5.2f} {cpu_text:>11} {cpu_ratio:>6.2f} {row['errors']:>3} {sql:>7}  "
            f"{verdict}"
        )


def print_rss(master: int, first: list, workers: list, rss: dict, seen: dict) -> None:
    print()
    replaced = sorted((set(first) | set(seen)) - set(workers))
    note = (
        f"; {len(replaced)} workers were replaced during the run (gunicorn max_requests)"
        if replaced
        else "; no worker was replaced during the run"
    )
    print(f"gunicorn master {master}: {rss_mb(master) or 0:.0f} MB{note}")
    for pid in workers:
        now, most = rss.get(pid) or 0.0, seen.get(pid, 0.0)
        verdict = "MET" if max(now, most) < RSS_TARGET_MB else "MISSED"
        print(
            f"worker {pid}: RSS {now:.0f} MB now, {most:.0f} MB at most after a wrk run "
            f"(target < {RSS_TARGET_MB:.0f} MB): {verdict}"
        )
    for pid in replaced:
        most = seen.get(pid)
        verdict = "" if most is None else ("MET" if most < RSS_TARGET_MB else "MISSED")
        shown = "not sampled" if most is None else f"{most:.0f} MB at most"
        print(f"worker {pid} (replaced): {shown} {verdict}")


def print_log_summary(path: Path) -> None:
    """What the portal logged: errors, and statements and requests slower than its
    thresholds (SLOW_QUERY_MS, SLOW_REQUEST_MS)."""
    slow_queries: dict[str, list[float]] = {}
    slow_requests: dict[str, list[float]] = {}
    errors = []
    for line in path.read_text(errors="replace").splitlines():
        if not line.startswith("{"):
            if "Traceback" in line or "[ERROR]" in line or "[CRITICAL]" in line:
                errors.append(line)
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "slow_query":
            slow_queries.setdefault(entry.get("statement", "?"), []).append(entry["duration_ms"])
        elif entry.get("event") == "slow_request":
            key = f"{entry.get('method', '')} {entry.get('path', '?')}"
            slow_requests.setdefault(key, []).append(entry.get("duration_ms", 0))
        elif entry.get("level") in ("ERROR", "CRITICAL"):
            errors.append(entry.get("message", line)[:200])
    print(f"\nportal log {path}: {len(errors)} errors")
    for line in errors[:5]:
        print(f"  {line}")
    for label, found in (("slow statements", slow_queries), ("slow requests", slow_requests)):
        print(f"{label}: {sum(len(v) for v in found.values())}")
        for text, times in sorted(found.items(), key=lambda kv: -len(kv[1]))[:6]:
            print(
                f"  {len(times)}x, median {statistics.median(times):.0f} ms, "
                f"max {max(times):.0f} ms: {' '.join(text.split())[:160]}"
            )


if __name__ == "__main__":
    main()
