"""The database behaves transactionally on SQLite as on PostgreSQL."""

from sqlalchemy import func, select

from youthportal.core import once
from youthportal.core.models import FormSubmission
from youthportal.extensions import db


def test_a_rolled_back_form_token_can_be_used_again():
    # A form refused after its one-time token was claimed must be sendable again: the claim
    # belongs to the transaction of the change it protects.
    once.claim("token-1")
    db.session.rollback()
    assert db.session.scalar(select(func.count(FormSubmission.token))) == 0
    once.claim("token-1")
    db.session.commit()
    assert db.session.scalar(select(func.count(FormSubmission.token))) == 1
