"""Faults of the services the portal stands on, made by cutting a TCP proxy between the
portal and the real service: Redis gone (the portal keeps serving, limits per process),
PostgreSQL restarting (a request in flight fails cleanly with nothing half-written, the next
one succeeds), SMTP gone (mail waits in the outbox and goes out later)."""

import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event, func, select, update
from sqlalchemy.engine import make_url

from tests import conftest as base
from tests.conftest import PASSWORD, login, make_group, make_user
from tests.ops.support import (
    Browser,
    Server,
    free_port,
    needs_postgresql,
    require_redis,
    through,
)
from tests.ops.tcp_proxy import TcpProxy
from tests.polls.helpers import make_poll, option_ids
from youthportal import create_app
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.mail import deliver_due, queue_mail
from youthportal.notifications.models import OutboxMessage
from youthportal.polls.models import Ballot, Participation


@pytest.fixture
def proxy_factory():
    proxies = []

    def make(host: str, port: int) -> TcpProxy:
        proxy = TcpProxy(host, port)
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()


def _wait_until(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# --- Redis ---------------------------------------------------------------------------------


def test_when_redis_goes_away_the_portal_keeps_serving_and_limits_per_process(
    own_app, own_database, proxy_factory, tmp_path
):
    require_redis()
    redis_proxy = proxy_factory("127.0.0.1", 6379)
    make_user(Role.YOUTH, login="arta")
    server = Server(
        tmp_path,
        "redis-fault",
        {
            "SQLALCHEMY_DATABASE_URI": own_database,
            "SECRET_KEY": "redis-fault",
            "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/9",
            "CACHE_KEY_PREFIX": f"yptest-{uuid.uuid4().hex[:8]}:",
            "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes",
        },
    )
    try:
        browser = Browser()
        assert browser.get(server.base + "/readyz")[0] == 200

        redis_proxy.cut()
        assert browser.get(server.base + "/")[0] == 200
        assert browser.get(server.base + "/policy/record")[0] == 200  # its cache: in memory
        status, body, _ = browser.get(server.base + "/readyz")
        assert status == 503 and '"redis":"unreachable"' in body.replace(" ", "")
        # The sign-in limit still holds, counted in this process.
        for _ in range(3):
            status, page, _ = browser.sign_in(server.base, "arta", "wrong password")
            assert status == 200 and "not right" in page
        assert browser.sign_in(server.base, "arta", PASSWORD)[0] == 429

        events = server.log_lines()
        assert any("falling back to in-memory storage" in line["message"] for line in events), (
            "the rate limiter's fallback is logged"
        )
        assert any(line.get("event") == "redis_down" for line in events)

        redis_proxy.restore()
        assert _wait_until(lambda: browser.get(server.base + "/readyz")[0] == 200)
        assert browser.get(server.base + "/policy/record")[0] == 200
        assert any(line.get("event") == "redis_up" for line in server.log_lines())
    finally:
        server.stop()


# --- PostgreSQL ----------------------------------------------------------------------------


@pytest.fixture
def app_through_proxy(own_database, proxy_factory, tmp_path_factory):
    url = make_url(own_database)
    proxy = proxy_factory(url.host or "127.0.0.1", url.port or 5432)
    app = create_app(
        base.test_config(
            tmp_path_factory, SQLALCHEMY_DATABASE_URI=through(own_database, proxy.port)
        )
    )
    app.test_client_class = base.IsolatedClient
    with app.app_context():
        yield app, proxy
        db.session.remove()
        db.engine.dispose()


@needs_postgresql()
def test_when_postgresql_restarts_requests_fail_cleanly_and_the_next_ones_succeed(
    app_through_proxy,
):
    app, proxy = app_through_proxy
    teacher = make_user(Role.FACILITATOR)
    group = make_group(teacher)
    voter = make_user(Role.YOUTH, group=group)
    poll = make_poll(teacher, groups=[group])
    page, vote_url, choice = f"/polls/{poll.id}", f"/polls/{poll.id}/vote", option_ids(poll)[0]
    client = app.test_client()
    login(client, voter)
    # The test itself holds no connection while the database is away.
    db.session.remove()
    assert client.get(page).status_code == 200

    # The database goes away: the page says so in the reader's language, and asks to retry.
    proxy.cut()
    client.language = "en"
    response = client.get(page)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "The portal is briefly unavailable" in response.text
    assert "nothing was saved halfway" in response.text
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json["checks"]["database"] == "unreachable"
    client.language = "sq"
    assert "Portali nuk është i disponueshëm" in client.get(page).text

    # It is back (as after a restart: every pooled connection is dead): the next request
    # succeeds, the pool replaces its connections before use.
    proxy.restore()
    assert client.get(page).status_code == 200

    # The connection drops in the middle of a vote, after the participation was written and
    # before the ballot: neither stays.
    def cut_after_participation(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO PARTICIPATION"):
            proxy.cut()

    event.listen(db.engine, "after_cursor_execute", cut_after_participation)
    try:
        response = client.post(vote_url, data={"once": "first", "choice": choice})
    finally:
        event.remove(db.engine, "after_cursor_execute", cut_after_participation)
    assert response.status_code == 503
    proxy.restore()
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 0
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 0

    # Sending the vote again works: one participation, one ballot.
    response = client.post(vote_url, data={"once": "second", "choice": choice})
    assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 1
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1


# --- SMTP ----------------------------------------------------------------------------------


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def test_when_smtp_is_down_mail_waits_in_the_outbox_and_goes_out_later(
    app, smtp_server, proxy_factory
):
    inbox, smtp_port = smtp_server
    proxy = proxy_factory("127.0.0.1", smtp_port)
    saved = {k: app.config[k] for k in ("MAIL_BACKEND", "MAIL_SMTP_PORT", "MAIL_SMTP_STARTTLS")}
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=proxy.port,
        MAIL_SMTP_STARTTLS=False,
    )
    try:
        queue_mail("guardian@example.org", "Please confirm", "A link")
        queue_mail("teacher@example.org", "A new member", "Another link")
        db.session.commit()

        proxy.cut()
        assert deliver_due() == (0, 2)
        waiting = db.session.scalars(select(OutboxMessage)).all()
        assert all(m.sent_at is None and m.failed_at is None for m in waiting)
        assert all(m.attempts == 1 and m.send_after > utcnow() for m in waiting)
        assert deliver_due() == (0, 0), "a failed message waits for its back-off"
        assert inbox.messages == []

        proxy.restore()
        # The back-off has passed.
        db.session.execute(update(OutboxMessage).values(send_after=utcnow()))
        db.session.commit()
        assert deliver_due() == (2, 0)
        assert sorted(m.rcpt_tos[0] for m in inbox.messages) == [
            "guardian@example.org",
            "teacher@example.org",
        ]
        assert all(m.sent_at is not None for m in db.session.scalars(select(OutboxMessage)))
        assert deliver_due() == (0, 0), "nothing is sent twice"
    finally:
        app.config.update(saved)


def test_mail_is_sent_over_tls_with_the_servers_certificate_checked(app, monkeypatch):
    """STARTTLS and SMTPS both get a context that verifies the certificate and host name."""
    import smtplib

    contexts = []

    class Recorder:
        def __init__(self, *args, context=None, **kwargs):
            contexts.append(context)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self, context=None):
            contexts.append(context)

        def send_message(self, mail):
            pass

    monkeypatch.setattr(smtplib, "SMTP", Recorder)
    monkeypatch.setattr(smtplib, "SMTP_SSL", Recorder)
    for ssl_from_start in (False, True):
        monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
        monkeypatch.setitem(app.config, "MAIL_SMTP_SSL", ssl_from_start)
        queue_mail("guardian@example.org", "Please confirm", "A link")
        db.session.commit()
        assert deliver_due() == (1, 0)
    verified = [c for c in contexts if c is not None]
    assert len(verified) == 2
    assert all(c.check_hostname and c.verify_mode.name == "CERT_REQUIRED" for c in verified)
