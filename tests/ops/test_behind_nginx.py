"""Behind nginx: with PROXY_COUNT set, the client's own address (X-Forwarded-For) is what
the sign-in limit counts, so one person's typos never lock out everyone else; without it,
the header is ignored (anyone could forge it)."""

import pytest

from tests import conftest as base
from tests.conftest import IsolatedClient, make_user
from youthportal import create_app
from youthportal.extensions import db


@pytest.fixture
def app_with(app, tmp_path_factory):
    """Makes apps on the suite's database with a low per-address sign-in limit; their
    connections are closed afterwards."""
    made = []

    def make(**settings):
        other = create_app(
            base.test_config(
                tmp_path_factory,
                SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                LOGIN_LIMIT_PER_ADDRESS="2 per 15 minutes",
                **settings,
            )
        )
        other.test_client_class = IsolatedClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


def _sign_in(client, address: str):
    return client.post(
        "/login",
        data={"identifier": "arta", "password": "wrong password"},
        headers={"X-Forwarded-For": address},
    ).status_code


def test_behind_nginx_each_clients_failed_sign_ins_count_for_that_client(app_with):
    make_user(login="arta")
    client = app_with(PROXY_COUNT=1).test_client()
    assert [_sign_in(client, "203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert _sign_in(client, "198.51.100.20") == 200, "someone else can still sign in"


def test_reached_directly_a_forged_address_changes_nothing(app_with):
    make_user(login="arta")
    client = app_with().test_client()
    codes = [_sign_in(client, f"203.0.113.{n}") for n in range(3)]
    assert codes == [200, 200, 429]
