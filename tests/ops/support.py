"""What the production tests share: a database of their own, the portal under gunicorn in a
subprocess, and a small browser (cookies, CSRF tokens) speaking HTTP to it."""

import contextlib
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import PASSWORD  # noqa: F401 - the password of every test account

REDIS_URL = "redis://127.0.0.1:6379/9"
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def suite_url() -> str | None:
    return os.environ.get("YOUTHPORTAL_TEST_DATABASE_URL")


def on_postgresql() -> bool:
    url = suite_url()
    return bool(url) and url.startswith("postgresql")


def needs_postgresql():
    return pytest.mark.skipif(
        not on_postgresql(), reason="runs in the PostgreSQL suite (YOUTHPORTAL_TEST_DATABASE_URL)"
    )


def reachable(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def require_redis() -> None:
    if not reachable("127.0.0.1", 6379):
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")


@contextlib.contextmanager
def separate_database(tmp_path: Path):
    """A fresh, empty database beside the suite's: a SQLite file, or a PostgreSQL database
    on the suite's server, dropped afterwards."""
    if not on_postgresql():
        yield f"sqlite:///{tmp_path / 'separate.sqlite3'}"
        return
    name = f"yp_ops_{uuid.uuid4().hex[:10]}"
    server_url = make_url(suite_url()).set(database="postgres")
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(suite_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def through(url: str, port: int) -> str:
    """The same database URL, reached through a proxy on 127.0.0.1:port."""
    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`youthportal serve` (gunicorn, one worker) on a free port, its log kept in a file."""

    def __init__(self, tmp_path: Path, name: str, settings: dict):
        self.port = free_port()
        self.log_path = tmp_path / f"{name}.log"
        env = dict(os.environ)
        env.update(
            {
                "YOUTHPORTAL_INSTANCE_PATH": str(tmp_path / f"instance-{name}"),
                "YOUTHPORTAL_WORKERS": "1",
                "YOUTHPORTAL_ACCESS_LOG": "/dev/null",
                "YOUTHPORTAL_ARGON2_TIME_COST": "1",
                "YOUTHPORTAL_ARGON2_MEMORY_COST": "256",
                "YOUTHPORTAL_MAIL_BACKEND": "file",
                "YOUTHPORTAL_LOG_FORMAT": "json",
            }
        )
        env.update({f"YOUTHPORTAL_{k}": str(v) for k, v in settings.items()})
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "youthportal.cli", "serve", "--bind", f"127.0.0.1:{self.port}"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log_path.read_text()}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()  # noqa: S310
                return
            time.sleep(0.2)
        raise RuntimeError(f"server did not start:\n{self.log_path.read_text()}")

    def log_lines(self) -> list[dict]:
        self._log.flush()
        lines = []
        for raw in self.log_path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                lines.append(json.loads(raw))
        return lines

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


class Browser:
    """Cookies shared by every server on 127.0.0.1 (a cookie's domain ignores the port),
    as one browser going through a load balancer to different app servers."""

    def __init__(self, language: str = "en"):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.language = language

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers={"Accept-Language": self.language})
        try:
            with self.opener.open(req, timeout=15) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def get(self, url: str):
        return self.request(url)

    def hidden_fields(self, url: str, action: str) -> dict:
        """The hidden inputs (CSRF token, one-time token) of the page's form for `action`."""
        status, page, _ = self.get(url)
        assert status == 200, (status, url)
        parser = _HiddenInputs(urllib.parse.urlsplit(action).path)
        parser.feed(page)
        assert "csrf_token" in parser.fields, f"no form for {action} on {url}"
        return parser.fields

    def post_form(self, page_url: str, action_url: str, fields: dict):
        return self.request(action_url, {**self.hidden_fields(page_url, action_url), **fields})

    def sign_in(self, base: str, identifier: str, password: str):
        return self.post_form(
            base + "/login", base + "/login", {"identifier": identifier, "password": password}
        )


class _HiddenInputs(HTMLParser):
    def __init__(self, action_path: str):
        super().__init__()
        self.action_path = action_path
        self.inside = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urllib.parse.urlsplit(attrs.get("action") or "").path
            self.inside = action == self.action_path or (not action and not self.fields)
        elif tag == "input" and self.inside and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
