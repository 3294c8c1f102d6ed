"""Two app servers behind one load balancer share nothing in their processes: a session
opened on one is valid on the other, the sign-in limit counts attempts on both, and a vote
cast through one is seen by the other (PostgreSQL and Redis, as in production)."""

import uuid

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, make_group, make_user
from tests.ops.support import REDIS_URL, Browser, Server, needs_postgresql, require_redis
from tests.polls.helpers import make_poll, option_ids
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.polls.models import Ballot, Participation, ResultsVisibility

pytestmark = needs_postgresql()


@pytest.fixture
def two_servers(own_app, own_database, tmp_path):
    require_redis()
    settings = {
        "SQLALCHEMY_DATABASE_URI": own_database,
        "SECRET_KEY": "two-servers-share-this-secret",
        "REDIS_URL": REDIS_URL,
        # A fresh namespace in Redis for this test: counters of earlier runs never count.
        "CACHE_KEY_PREFIX": f"yptest-{uuid.uuid4().hex[:8]}:",
        "LOGIN_LIMIT_PER_ACCOUNT": "4 per 15 minutes",
    }
    servers = [Server(tmp_path, name, settings) for name in ("a", "b")]
    yield servers
    for server in servers:
        server.stop()


def test_a_session_opened_on_one_server_is_valid_on_the_other(two_servers):
    a, b = two_servers
    make_user(Role.FACILITATOR, login="teacher", display_name="Teacher Vjosa")
    browser = Browser()
    status, _, headers = browser.sign_in(a.base, "teacher", PASSWORD)
    assert status == 302, "signed in on server a"
    status, page, _ = browser.get(b.base + "/profile")
    assert status == 200
    assert "Teacher Vjosa" in page
    # Signing out on b ends the session for a too.
    browser.post_form(b.base + "/profile", b.base + "/logout", {})
    status, _, headers = browser.get(a.base + "/profile")
    assert status == 302 and "/login" in headers["Location"]


def test_the_sign_in_limit_counts_attempts_on_both_servers(two_servers):
    a, b = two_servers
    make_user(Role.YOUTH, login="arta")
    browser = Browser()
    for server in (a, b, a, b):  # four wrong passwords, two on each server
        status, page, _ = browser.sign_in(server.base, "arta", "not-the-password")
        assert status == 200 and "not right" in page
    for server in (a, b):
        status, page, _ = browser.sign_in(server.base, "arta", PASSWORD)
        assert status == 429, "the limit of four holds across the two servers"
        assert "Too many tries" in page


def test_a_vote_cast_through_one_server_is_seen_by_the_other(two_servers):
    a, b = two_servers
    teacher = make_user(Role.FACILITATOR, login="teacher")
    group = make_group(teacher)
    make_user(Role.YOUTH, login="voter", group=group)
    make_user(Role.YOUTH, login="reader", group=group)
    poll = make_poll(teacher, groups=[group], results_visibility=ResultsVisibility.LIVE)
    first_option = option_ids(poll)[0]

    reader = Browser()
    reader.sign_in(b.base, "reader", PASSWORD)
    status, page, _ = reader.get(f"{b.base}/polls/{poll.id}/results")
    assert status == 200 and "<dd>0</dd>" in page  # b has counted (and cached) no ballot

    voter = Browser()
    voter.sign_in(a.base, "voter", PASSWORD)
    status, _, _ = voter.post_form(
        f"{a.base}/polls/{poll.id}", f"{a.base}/polls/{poll.id}/vote", {"choice": first_option}
    )
    assert status == 200  # the "thank you" page, with the receipt when the poll gives one

    status, page, _ = reader.get(f"{b.base}/polls/{poll.id}/results")
    assert status == 200 and "<dd>1</dd>" in page
    status, page, _ = voter.get(f"{b.base}/polls/{poll.id}")
    assert "You voted. Thank you!" in page
    # A second ballot sent through the other server (a replayed form) is refused.
    token = voter.hidden_fields(f"{b.base}/polls/{poll.id}", f"{b.base}/logout")["csrf_token"]
    status, _, _ = voter.request(
        f"{b.base}/polls/{poll.id}/vote",
        {"csrf_token": token, "once": "another-form", "choice": first_option},
    )
    assert status == 409
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 1
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1
