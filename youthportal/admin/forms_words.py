"""Forms of the watched-word admin pages."""

import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from youthportal.core.forms import REQUIRED, Form, OnceForm, options, strip
from youthportal.safety.labels import CATEGORY_LABELS, WORD_ACTION_LABELS
from youthportal.safety.models import WordAction, WordCategory

# The languages of the watched-word lists, in the portal's order (Serbian is "sr" here; its
# interface locale is sr_Latn).
WORD_LANGUAGES = ("sq", "en", "sr", "bs", "mk")

DUPLICATE_MESSAGE = _l("This word is already on the list for this language.")


def language_names() -> dict[str, str]:
    """Each list language with its name as the language switcher shows it."""
    names = current_app.config["LANGUAGES"]
    return {
        code: next((name for key, name in names.items() if key.split("_")[0] == code), code)
        for code in WORD_LANGUAGES
    }


def lower_case(value):
    return value.lower() if isinstance(value, str) else value


def single_line(form, field):
    # Control characters, tabs and line breaks included.
    if field.data and re.search(r"[\x00-\x1f\x7f]", field.data):
        raise ValidationError(_l("Please remove special invisible characters."))


ACTIONS = [(a.value, WORD_ACTION_LABELS[a.value]) for a in WordAction]
CATEGORIES = [(c.value, CATEGORY_LABELS[c.value]) for c in WordCategory]


class WordForm(OnceForm):
    language = SelectField(_l("Language"))
    term = StringField(
        _l("Word or phrase"),
        description=_l(
            "Whole words only, any spelling (Cyrillic or Latin, with or without accents). "
            'Use "..." for a gap of up to three words.'
        ),
        filters=[strip, lower_case],
        validators=[DataRequired(message=REQUIRED), Length(min=1, max=120), single_line],
    )
    action = SelectField(_l("Action"), choices=options(ACTIONS))
    category = SelectField(_l("Category"), choices=options(CATEGORIES))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = options(language_names().items())


class DeleteWordForm(OnceForm):
    submit = SubmitField(_l("Delete"))


class SeedForm(OnceForm):
    submit = SubmitField(_l("Load the starter lists"))


class WordFilterForm(Form):
    class Meta:
        csrf = False

    language = SelectField(_l("Language"), validators=[Optional()])
    action = SelectField(
        _l("Action"),
        choices=options([("", _l("All actions")), *ACTIONS]),
        validators=[Optional()],
    )
    category = SelectField(
        _l("Category"),
        choices=options([("", _l("All categories")), *CATEGORIES]),
        validators=[Optional()],
    )
    q = StringField(_l("Search"), filters=[strip], validators=[Optional(), Length(max=120)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = options(
            [("", _l("All languages"))] + list(language_names().items())
        )

    def value(self, name: str) -> str | None:
        """A filter's value, or None when it is empty or not valid."""
        field = self[name]
        return None if field.errors or not field.data else field.data
