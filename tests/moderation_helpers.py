"""Shared helpers for the discussion and moderation tests."""

from datetime import timedelta

import pyotp

from tests.conftest import make_group, make_user
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.discussions import services
from youthportal.extensions import db
from youthportal.safety.wordlists import seed


def trusted_youth(group=None, age=15, **fields):
    """An older account with approved posts: its clean posts appear without waiting."""
    fields.setdefault("approved_count", 5)
    fields.setdefault("created_at", utcnow() - timedelta(days=30))
    return make_user(age=age, group=group, **fields)


def lead(**fields):
    return make_user(Role.SAFEGUARDING_LEAD, totp_secret=pyotp.random_base32(), **fields)


def admin(**fields):
    return make_user(Role.ADMIN, totp_secret=pyotp.random_base32(), **fields)


def setup_group():
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    return facilitator, group


def group_thread(group, author, title="Phones at school", body="What rules do we want?"):
    """A published thread in the group's space, started by an adult."""
    from flask import current_app

    with current_app.test_request_context():
        thread, verdict = services.start_thread(author, "group", group.id, title, body, "en")
    db.session.commit()
    assert thread is not None, verdict
    return thread


def post(thread, author, body, parent=None):
    from flask import current_app

    with current_app.test_request_context():
        comment, verdict = services.add_comment(author, thread, body, "en", parent=parent)
    db.session.commit()
    return comment, verdict


def load_words():
    seed()
    db.session.commit()
