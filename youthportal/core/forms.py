"""Base form: every message, WTForms' own included, comes from our translation catalogues."""

import re

from flask import abort, flash, redirect
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from youthportal.core import once
from youthportal.core.once import OnceField

# WTForms' built-in messages, listed so that extraction puts them in our catalogues.
WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid date value."),
    _l("Invalid Choice: could not coerce."),
    _l("This field is required."),
)
REQUIRED = _l("This field is required.")


class _BabelTranslations:
    def gettext(self, string):
        return get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ungettext(singular, plural, n)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _BabelTranslations()


class OnceForm(Form):
    """A form whose successful submission can happen only once (see core/once.py)."""

    once = OnceField()


class StripWhitespace:
    def __call__(self, value):
        return value.strip() if isinstance(value, str) else value


strip = StripWhitespace()


def no_control_characters(form, field):
    if field.data and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", field.data):
        raise ValidationError(_l("Please remove special invisible characters."))


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices; labels may be lazy (translated at render)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def form_errors(form) -> str:
    """Every message of an invalid form, as one sentence (messages may be lazy strings)."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def claimed(form, back: str, *, explain: bool = True):
    """None when the form is valid and its one-time token was still free; otherwise the
    answer to return: the form's messages (or 400 for a bare confirmation button, where
    only a forged or broken request fails), or "already sent" for a replay."""
    if not form.validate_on_submit():
        if not explain:
            abort(400)
        flash(form_errors(form) or _("Please check the form."), "error")
        return redirect(back)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(back)
    return None


def refusal(reason: str, exc, target: str):
    """A refused change: nothing of the request is kept, the person is told why (`reason`)
    and what screening found, and goes back to `target`."""
    from youthportal.extensions import db

    db.session.rollback()
    messages = exc.verdict.messages() if getattr(exc, "verdict", None) else []
    flash(" ".join([part for part in (reason, *messages) if part]), "error")
    return redirect(target)
