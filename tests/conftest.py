"""Test fixtures: one app per session, a clean database per test, factories per role.

Set YOUTHPORTAL_TEST_DATABASE_URL to run the same suite on PostgreSQL, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

import itertools
import os
import time
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, text

from youthportal import create_app
from youthportal.accounts.models import (
    AccountStatus,
    Group,
    GroupKind,
    GroupMember,
    GuardianConsent,
    Institution,
    MemberRole,
    Role,
    User,
)
from youthportal.accounts.passwords import hash_password
from youthportal.extensions import db, limiter

PASSWORD = "Purple-Kite-Lantern-7"
TRANSACTION_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")
_counter = itertools.count(1)


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("YOUTHPORTAL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def test_config(tmp_path_factory, **extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 256,
        "MAIL_BACKEND": "memory",
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        # The public record shows each change at once in tests (production caches a minute).
        "POLICY_RECORD_CACHE_SECONDS": 0,
    }
    config.update(extra)
    return config


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context (fresh `g` and database session), as it
    would in production; the test's own session sees the request's changes afterwards."""

    # Most tests read English texts; set to None to see what a browser without a preference
    # gets (Albanian, the default).
    language: str | None = "en"

    def open(self, *args, **kwargs):
        if self.language and not isinstance(args[0] if args else None, dict):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("Accept-Language", self.language)
            kwargs["headers"] = headers
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.commit()
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    os.environ["YOUTHPORTAL_INSTANCE_PATH"] = str(instance)
    app = create_app(test_config(tmp_path_factory))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _wipe(app):
    with app.app_context():
        db.session.remove()
        tables = list(reversed(db.metadata.sorted_tables))
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean(app):
    """Every test starts with empty tables, fresh rate limits and an empty mailbox."""
    limiter.reset()
    app.extensions["youthportal_cache"].clear_memory()
    app.extensions["mail_sent"] = []
    ctx = app.app_context()
    ctx.push()
    yield
    db.session.remove()
    ctx.pop()
    _wipe(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def mailbox(app):
    """Delivers the outbox and returns what was sent (the memory backend captures it)."""
    from youthportal.notifications.mail import deliver_due

    def deliver():
        deliver_due()
        return app.extensions["mail_sent"]

    return deliver


# --- factories ----------------------------------------------------------------------------


def birth_for_age(age: int, today: date | None = None) -> tuple[int, int]:
    """Year and month of birth of someone who turned `age` last month."""
    today = today or date.today()
    month = today.month - 1 or 12
    year = today.year - age - (1 if today.month == 1 else 0)
    return year, month


def make_user(
    role: Role | str = Role.YOUTH,
    *,
    age: int = 16,
    login: str | None = None,
    display_name: str | None = None,
    status: AccountStatus | None = None,
    email: str | None = None,
    password: str = PASSWORD,
    group: Group | None = None,
    totp_secret: str | None = None,
    institution: Institution | None = None,
    country: str = "AL",
    **fields,
) -> User:
    role = Role(role)
    n = next(_counter)
    login = login or f"{role.value.replace('_', '')}{n}"
    user = User(
        login_name=login,
        display_name=display_name or f"Member {n}",
        role=role,
        status=status or AccountStatus.ACTIVE,
        email=email
        if email is not None
        else (None if role == Role.YOUTH else f"{login}@example.org"),
        password_hash=hash_password(password),
        country=country,
        institution_id=institution.id if institution else None,
        totp_secret=totp_secret,
        totp_enabled=bool(totp_secret),
        **fields,
    )
    if role == Role.YOUTH:
        user.birth_year, user.birth_month = birth_for_age(age)
    db.session.add(user)
    db.session.flush()
    if group is not None:
        member_role = MemberRole.MEMBER if role == Role.YOUTH else MemberRole.FACILITATOR
        db.session.add(GroupMember(group_id=group.id, user_id=user.id, role=member_role))
    if user.status == AccountStatus.PENDING_CONSENT:
        db.session.add(
            GuardianConsent(
                user_id=user.id, token_nonce="n0nce", guardian_email="parent@example.org"
            )
        )
    db.session.commit()
    return user


def make_group(facilitator: User | None = None, name: str | None = None, country="AL") -> Group:
    group = Group(
        name=name or f"Class {next(_counter)}", kind=GroupKind.SCHOOL_CLASS, country=country
    )
    db.session.add(group)
    db.session.flush()
    if facilitator is not None:
        db.session.add(
            GroupMember(group_id=group.id, user_id=facilitator.id, role=MemberRole.FACILITATOR)
        )
    db.session.commit()
    return group


def make_institution(name="Ministry of Education", country="AL") -> Institution:
    inst = Institution(name=name, country=country)
    db.session.add(inst)
    db.session.commit()
    return inst


def login(client, user: User) -> None:
    """Signs a user in by setting up their session as the sign-in form would."""
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["last_seen"] = int(time.time())


@pytest.fixture
def factories():
    class F:
        user = staticmethod(make_user)
        group = staticmethod(make_group)
        institution = staticmethod(make_institution)

    return F


@pytest.fixture
def count_queries(app):
    """with count_queries() as counter: ...; counter.count is the number of SQL statements."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        class Counter:
            count = 0
            statements: list[str] = []

        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
                return  # BEGIN/SAVEPOINT are not queries (SQLite emits BEGIN explicitly)
            counter.count += 1
            counter.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting
