"""Facilitator forms."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from youthportal.accounts.ages import COUNTRY_NAMES, MAX_AGE, MIN_AGE, age_on
from youthportal.accounts.forms import DISPLAY_NAME_RE
from youthportal.accounts.models import GroupKind
from youthportal.core.forms import (
    REQUIRED,
    Form,
    OnceForm,
    no_control_characters,
    options,
    strip,
)
from youthportal.groups.services import RosterPupil
from youthportal.safety import screen

GROUP_KIND_LABELS = {
    GroupKind.SCHOOL_CLASS: _l("School class"),
    GroupKind.PARLIAMENT_COHORT: _l("Youth Parliament cohort"),
    GroupKind.CHAMPIONS: _l("Youth Champions for Safer Internet"),
    GroupKind.CLUB: _l("Club or other group"),
}

MAX_ROSTER = 60


class GroupForm(OnceForm):
    name = StringField(
        _l("Name of the group"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=3, max=80), no_control_characters],
        description=_l("For example: Class 8B, Tirana 2026 cohort."),
    )
    kind = SelectField(
        _l("Kind of group"),
        choices=options((k.value, label) for k, label in GROUP_KIND_LABELS.items()),
    )
    country = SelectField(_l("Country"), choices=options(COUNTRY_NAMES.items()))
    submit = SubmitField(_l("Create the group"))


class InviteForm(OnceForm):
    days = IntegerField(
        _l("Valid for (days)"),
        default=14,
        validators=[
            DataRequired(message=REQUIRED),
            NumberRange(min=1, max=90, message=_l("Choose between 1 and 90 days.")),
        ],
    )
    max_uses = IntegerField(
        _l("How many people can use it"),
        default=35,
        validators=[
            DataRequired(message=REQUIRED),
            NumberRange(min=1, max=500, message=_l("Choose between 1 and 500.")),
        ],
    )
    submit = SubmitField(_l("Create an invite code"))


class ConfirmForm(Form):
    """A bare POST form (CSRF only) for one-click actions such as revoking."""

    submit = SubmitField(_l("Confirm"))


ROSTER_LINE = re.compile(r"^(?P<name>.+?)\s*[,;]\s*(?P<year>\d{4})-(?P<month>\d{1,2})$")


class RosterForm(OnceForm):
    pupils = TextAreaField(
        _l("Pupils, one per line"),
        validators=[DataRequired(message=REQUIRED), Length(max=6000)],
        description=_l(
            "Write a display name (a nickname, not the full name), a comma, then the year and "
            "month of birth. For example: Blue Star, 2013-04"
        ),
    )
    submit = SubmitField(_l("Create the accounts"))

    def validate_pupils(self, field):
        lines = [line.strip() for line in field.data.splitlines() if line.strip()]
        if len(lines) > MAX_ROSTER:
            raise ValidationError(_l("At most %(n)s pupils at a time.", n=MAX_ROSTER))
        pupils, problems, seen = [], [], set()
        today = date.today()
        for number, line in enumerate(lines, start=1):
            match = ROSTER_LINE.match(line)
            if not match:
                problems.append(
                    _l("Line %(n)s: write a name, a comma and a date like 2013-04.", n=number)
                )
                continue
            name = " ".join(match["name"].split())
            year, month = int(match["year"]), int(match["month"])
            if not (3 <= len(name) <= 24 and DISPLAY_NAME_RE.fullmatch(name)):
                problems.append(
                    _l("Line %(n)s: the name needs 3 to 24 letters, digits or spaces.", n=number)
                )
            elif not screen(name, content_type="name").ok:
                problems.append(_l("Line %(n)s: the name looks like contact details.", n=number))
            elif not 1 <= month <= 12 or not MIN_AGE <= age_on(year, month, today) <= MAX_AGE:
                problems.append(_l("Line %(n)s: the pupil must be 9 to 18 years old.", n=number))
            elif name.lower() in seen:
                problems.append(_l("Line %(n)s: this name is already in the list.", n=number))
            else:
                seen.add(name.lower())
                pupils.append(RosterPupil(name, year, month))
        if problems:
            raise ValidationError(" ".join(str(p) for p in problems))
        self.parsed = pupils


class PaperConsentForm(OnceForm):
    form_reference = StringField(
        _l("Form reference"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=80), no_control_characters],
        description=_l("The number or name under which the signed paper form is filed."),
    )
    signed_on = DateField(
        _l("Date the guardian signed"), validators=[DataRequired(message=REQUIRED)]
    )
    confirm = BooleanField(
        _l("I have the form, signed by the parent or guardian, in front of me."),
        validators=[DataRequired(message=_l("Please tick the box to confirm."))],
    )
    submit = SubmitField(_l("Record consent"))

    def validate_signed_on(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("The date cannot be in the future."))


class BadgesForm(Form):
    parliament_term_start = DateField(_l("Parliament term starts"), validators=[Optional()])
    parliament_term_end = DateField(_l("Parliament term ends"), validators=[Optional()])
    is_champion = BooleanField(_l("Youth Champion for Safer Internet"))
    submit = SubmitField(_l("Save"))

    def validate_parliament_term_end(self, field):
        start = self.parliament_term_start.data
        if field.data and not start:
            raise ValidationError(_l("Please also give the start of the term."))
        if field.data and start and field.data < start:
            raise ValidationError(_l("The end must be after the start."))
