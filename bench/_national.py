"""What bench/seed.py, bench/run.py and bench/vote_storm.py share: where the seeded actors are
written, the User-Agent every benchmark client sends, and signing a session cookie for a
user without going through POST /login (its rate limit would stop a benchmark).

Not a benchmark of its own.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

# Flask-Login's "basic" session protection hashes the client address and User-Agent into
# the session (`_id`); every client of the benchmark sends this one, so a cookie signed here
# matches what the server computes and the session is not rewritten on every request.
USER_AGENT = "youthportal-bench/1.0"
CLIENT_ADDRESS = "127.0.0.1"


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "bench"


def default_actors_path(url: str) -> Path:
    """Where seed.py writes the ids and URLs of a data set (one file per database)."""
    return Path("/tmp") / f"youthportal-bench-{database_name(url)}.json"


def session_cookie(app, session_user_id: str) -> str:
    """The value of the session cookie of a user signed in just now, as POST /login leaves it
    (youthportal.accounts.session.start_session, then flask_login.login_user): the user id
    with its session version, fresh, permanent, `last_seen` now and the identifier of this
    client. Sign it again before each measurement: `last_seen` older than 30 s makes the app
    rewrite the cookie on every response."""
    with app.test_request_context(
        "/", headers={"User-Agent": USER_AGENT}, environ_base={"REMOTE_ADDR": CLIENT_ADDRESS}
    ):
        ident = app.login_manager._session_identifier_generator()
    data = {
        "_permanent": True,
        "last_seen": int(time.time()),
        "_user_id": session_user_id,
        "_fresh": True,
        "_id": ident,
    }
    return app.session_interface.get_signing_serializer(app).dumps(data)


# Servers ----------------------------------------------------------------------------------

BENCH_DIR = Path(__file__).resolve().parent


def portal_command(port: int, workers: int = 2) -> list[str]:
    """`youthportal serve` from the same environment as this Python."""
    import shutil
    import sys

    script = Path(sys.executable).with_name("youthportal")
    if not script.exists():
        script = Path(shutil.which("youthportal") or "youthportal")
    return [str(script), "serve", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]


def portal_environment(database_url: str, secret_key: str, instance: Path, redis_url: str):
    import os

    env = dict(os.environ)
    env.update(
        {
            "YOUTHPORTAL_SQLALCHEMY_DATABASE_URI": database_url,
            "YOUTHPORTAL_SECRET_KEY": secret_key,
            "YOUTHPORTAL_INSTANCE_PATH": str(instance),
            "YOUTHPORTAL_REDIS_URL": redis_url,
            "YOUTHPORTAL_ACCESS_LOG": "/dev/null",
        }
    )
    return env


def reference_command(port: int, workers: int = 2) -> list[str]:
    import sys

    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--preload",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(BENCH_DIR),
        "--access-logfile",
        "/dev/null",
        "--no-control-socket",
        "reference_app:app",
    ]


def flush_redis(url: str) -> str:
    """FLUSHDB on the benchmark's own Redis database (the /N of the URL), nothing else."""
    try:
        import redis
    except ImportError:
        return "redis package missing: not flushed"
    client = redis.Redis.from_url(url, socket_timeout=2)
    client.flushdb()
    return f"flushed {url}"


def get(url: str, cookie: str | None = None, timeout: float = 30.0) -> tuple[int, bytes, dict]:
    """One GET without following redirects: (status, body, headers)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", path or "/", headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def wait_until_up(url: str, process, timeout: float = 90.0) -> float:
    """Seconds until `url` answers 200; raises if the process died or time ran out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            status, _, _ = get(url, timeout=5)
            if status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s")


def stop(process, timeout: float = 30.0) -> None:
    """SIGTERM to the gunicorn master we started (it stops its own workers), SIGKILL if it
    does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except Exception:
        process.kill()
        process.wait(10)


def children(pid: int) -> list[int]:
    """The worker processes of a gunicorn master."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return sorted(int(p) for p in text.split())
    except OSError:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
        return sorted(found)


def rss_mb(pid: int) -> float | None:
    """VmRSS of a process in MB (None once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# CPU time ---------------------------------------------------------------------------------

_TICKS = None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far (None once it is gone)."""
    global _TICKS
    if _TICKS is None:
        import os

        _TICKS = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def postgres_backends(database: str) -> list[int]:
    """The server processes of PostgreSQL's connections to `database` (this machine's)."""
    import subprocess

    done = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(line) for line in done.stdout.split() if line.isdigit()]


class CPUMeter:
    """CPU seconds used by some processes between `start` and `stop`: the app server's
    workers and PostgreSQL's backends for its database. Unlike requests per second, this
    hardly depends on what else the machine is doing."""

    def __init__(self, workers, database: str):
        self.workers, self.database = workers, database

    def _snapshot(self) -> tuple[dict, dict]:
        apps = {pid: cpu_seconds(pid) for pid in self.workers()}
        dbs = {pid: cpu_seconds(pid) for pid in postgres_backends(self.database)}
        return apps, dbs

    def start(self) -> None:
        self.before = self._snapshot()

    def stop(self) -> dict:
        after = self._snapshot()
        used = []
        for then, now in zip(self.before, after, strict=True):
            total = 0.0
            for pid, seconds in now.items():
                if seconds is not None:
                    total += seconds - (then.get(pid) or 0.0)
            used.append(total)
        return {"app": used[0], "db": used[1]}
