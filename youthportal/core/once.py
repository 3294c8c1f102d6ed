"""Double-submission guard: each rendered form carries a one-time token.

The token is claimed (inserted, primary key) in the same transaction as the change the form
makes, so a second POST of the same form (double click, back button, replay) changes nothing.
"""

import secrets

from wtforms import HiddenField

from youthportal.core.database import insert_if_absent
from youthportal.core.models import FormSubmission


class AlreadySubmitted(Exception):
    pass


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OnceField(HiddenField):
    """Hidden field pre-filled with a fresh token each time the form is rendered."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", new_token)
        super().__init__(*args, **kwargs)


def claim(token: str | None) -> None:
    if not token or len(token) > 64:
        raise AlreadySubmitted
    if not insert_if_absent(FormSubmission, token=token):
        raise AlreadySubmitted


def already_sent(target: str):
    """The answer to a replayed form: nothing of this request is kept, the person is told,
    and goes back to `target`."""
    from flask import flash, redirect
    from flask_babel import gettext as _

    from youthportal.extensions import db

    db.session.rollback()
    flash(_("This form was already sent; nothing was changed."))
    return redirect(target)
