"""Forms for opening a poll, voting (built per method), and proposing an option."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from youthportal.core.audience import AGE_BAND_LABELS
from youthportal.core.forms import Form, OnceForm, no_control_characters, options
from youthportal.polls.labels import (
    AUDIENCE_LABELS,
    CHOOSABLE_AUDIENCES,
    METHOD_LABELS,
    REASON_LABELS,
    VISIBILITY_LABELS,
)
from youthportal.polls.services import PollSetup

REQUIRED = _l("This field is required.")
MAX_OPTIONS = 20


def strip(value):
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _lines(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def to_utc(local: datetime) -> datetime:
    return local.replace(tzinfo=local_zone()).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone()).replace(tzinfo=None)


class PollForm(OnceForm):
    title = StringField(
        _l("Question"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=200), no_control_characters],
    )
    description = TextAreaField(
        _l("Explanation in plain words (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=3000), no_control_characters],
        render_kw={"rows": 4},
    )
    method = RadioField(
        _l("How do people answer?"),
        choices=options(METHOD_LABELS.items()),
        default="single",
        validators=[DataRequired(message=REQUIRED)],
    )
    options_text = TextAreaField(
        _l("Options, one per line"),
        description=_l("2 to 20 options. Not used for a scale."),
        filters=[strip],
        validators=[Optional(), Length(max=5000), no_control_characters],
        render_kw={"rows": 6},
    )
    max_choices = IntegerField(
        _l("Multiple choice: at most this many options"),
        validators=[Optional(), NumberRange(min=2, max=MAX_OPTIONS)],
    )
    scale_text = TextAreaField(
        _l("Scale: the name of each point, lowest first, one per line"),
        description=_l("Leave empty for 1 to 5. From 2 to 10 points."),
        filters=[strip],
        validators=[Optional(), Length(max=1000), no_control_characters],
        render_kw={"rows": 5},
    )
    is_secret = BooleanField(_l("Secret ballot: nobody can see who chose what"), default=True)
    allow_change = BooleanField(_l("Open ballot only: voters may change their vote until closing"))
    receipts = BooleanField(_l("Secret ballot only: give each voter a receipt to check the count"))
    results_visibility = RadioField(
        _l("When can people see the results?"),
        choices=options(VISIBILITY_LABELS.items()),
        default="after_close",
    )
    reason_mode = RadioField(
        _l("Reasons with the vote"), choices=options(REASON_LABELS.items()), default="off"
    )
    quorum_percent = IntegerField(
        _l(
            "Quorum: results count only if at least this percentage of the audience voted "
            "(optional)"
        ),
        validators=[Optional(), NumberRange(min=1, max=100)],
    )
    youth_options = BooleanField(_l("Young people may propose options before the poll opens"))
    audience_kind = RadioField(
        _l("Who is it for?"),
        choices=options((k, AUDIENCE_LABELS[k]) for k in CHOOSABLE_AUDIENCES),
        default="everyone",
    )
    group_ids = MultiCheckboxField(_l("Groups"), coerce=int, choices=[])
    age_bands = MultiCheckboxField(
        _l("Age bands"), choices=options((band, band) for band in AGE_BAND_LABELS)
    )
    opens_at = DateTimeLocalField(
        _l("Opens (Tirana time)"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Please give a date and time."))],
    )
    closes_at = DateTimeLocalField(
        _l("Closes (Tirana time)"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Please give a date and time."))],
    )

    def validate_options_text(self, field):
        if self.method.data == "scale":
            return
        labels = _lines(field.data)
        if not 2 <= len(labels) <= MAX_OPTIONS:
            raise ValidationError(_l("Give 2 to 20 options, one per line."))
        if any(len(label) > 200 for label in labels):
            raise ValidationError(_l("Each option can have at most 200 characters."))
        if len({label.casefold() for label in labels}) != len(labels):
            raise ValidationError(_l("Each option must be different."))

    def validate_scale_text(self, field):
        labels = _lines(field.data)
        if self.method.data == "scale" and labels and not 2 <= len(labels) <= 10:
            raise ValidationError(_l("A scale has 2 to 10 points."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here: an empty optional field skips its own validators.
        if self.method.data == "multiple" and not self.max_choices.data:
            self.max_choices.errors = [
                *self.max_choices.errors,
                _l("Say how many options a voter may pick."),
            ]
            valid = False
        return valid

    def validate_group_ids(self, field):
        if self.audience_kind.data == "groups" and not field.data:
            raise ValidationError(_l("Choose at least one group."))

    def validate_age_bands(self, field):
        if self.audience_kind.data == "age_bands" and not field.data:
            raise ValidationError(_l("Choose at least one age band."))

    def validate_closes_at(self, field):
        if self.opens_at.data and field.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The poll must close after it opens."))

    def setup(self) -> PollSetup:
        from youthportal.polls.models import Method

        return PollSetup(
            title=" ".join(self.title.data.split()),
            description=self.description.data or "",
            method=Method(self.method.data),
            options=_lines(self.options_text.data) if self.method.data != "scale" else [],
            max_choices=self.max_choices.data,
            scale_labels=_lines(self.scale_text.data) or ["1", "2", "3", "4", "5"],
            is_secret=bool(self.is_secret.data),
            allow_change=bool(self.allow_change.data),
            results_visibility=self.results_visibility.data,
            reason_mode=self.reason_mode.data,
            quorum_percent=self.quorum_percent.data,
            receipts=bool(self.receipts.data),
            youth_options=bool(self.youth_options.data),
            audience_kind=self.audience_kind.data,
            group_ids=list(self.group_ids.data or []),
            age_bands=list(self.age_bands.data or []),
            opens_at=to_utc(self.opens_at.data),
            closes_at=to_utc(self.closes_at.data),
        )


class VoteForm(OnceForm):
    """The choices come from request.form directly (their shape depends on the method) and
    are checked by polls.voting; the form carries the reason and the one-time token."""

    reason = TextAreaField(
        _l("Your reason"),
        filters=[strip],
        validators=[Optional(), Length(max=1000), no_control_characters],
        render_kw={"rows": 3},
    )


class OptionForm(OnceForm):
    label = StringField(
        _l("Your option"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=2, max=200), no_control_characters],
    )


class ReceiptForm(Form):
    code = StringField(
        _l("Your receipt code"),
        filters=[strip],
        validators=[Optional(), Length(max=16)],
        render_kw={"autocomplete": "off"},
    )
