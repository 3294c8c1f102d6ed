"""Forms: opening a consultation, a proposal, merging, the outcome."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from youthportal.consultations.services import ConsultationSetup
from youthportal.core.audience import AGE_BAND_LABELS
from youthportal.core.forms import OnceForm, no_control_characters, options
from youthportal.polls.forms import MultiCheckboxField, strip, to_utc
from youthportal.polls.labels import AUDIENCE_LABELS, CHOOSABLE_AUDIENCES

REQUIRED = _l("This field is required.")
DATES = (
    ("proposals_at", _l("Collecting proposals from (Tirana time)")),
    ("discussion_at", _l("Discussing from")),
    ("support_at", _l("Supporting from")),
    ("results_at", _l("Results from")),
    ("closes_at", _l("Closes")),
)


def _when(label):
    return DateTimeLocalField(
        label,
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Please give a date and time."))],
    )


class ConsultationForm(OnceForm):
    title = StringField(
        _l("Question"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=200), no_control_characters],
    )
    description = TextAreaField(
        _l("What it is about, in plain words"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=5000), no_control_characters],
        render_kw={"rows": 5},
    )
    categories_text = TextAreaField(
        _l("Categories, one per line (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=1000), no_control_characters],
        render_kw={"rows": 3},
    )
    support_limit = IntegerField(
        _l("Each person may support at most this many proposals (optional)"),
        validators=[Optional(), NumberRange(min=1, max=50)],
    )
    audience_kind = RadioField(
        _l("Who is it for?"),
        choices=options((k, AUDIENCE_LABELS[k]) for k in CHOOSABLE_AUDIENCES),
        default="everyone",
    )
    group_ids = MultiCheckboxField(_l("Groups"), coerce=int, choices=[])
    age_bands = MultiCheckboxField(
        _l("Age bands"), choices=options((band, band) for band in AGE_BAND_LABELS)
    )
    proposals_at = _when(DATES[0][1])
    discussion_at = _when(DATES[1][1])
    support_at = _when(DATES[2][1])
    results_at = _when(DATES[3][1])
    closes_at = _when(DATES[4][1])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.audience_kind.data == "groups" and not self.group_ids.data:
            self.group_ids.errors = [*self.group_ids.errors, _l("Choose at least one group.")]
            valid = False
        if self.audience_kind.data == "age_bands" and not self.age_bands.data:
            self.age_bands.errors = [*self.age_bands.errors, _l("Choose at least one age band.")]
            valid = False
        moments = [getattr(self, name).data for name, _ in DATES]
        if all(moments) and any(a >= b for a, b in zip(moments, moments[1:], strict=False)):
            self.closes_at.errors = [
                *self.closes_at.errors,
                _l("Each phase must start after the one before it."),
            ]
            valid = False
        return valid

    def setup(self) -> ConsultationSetup:
        categories = []
        for line in (self.categories_text.data or "").splitlines():
            name = " ".join(line.split())[:60]
            if name and name not in categories:
                categories.append(name)
        return ConsultationSetup(
            title=" ".join(self.title.data.split()),
            description=self.description.data,
            categories=categories,
            support_limit=self.support_limit.data,
            audience_kind=self.audience_kind.data,
            group_ids=list(self.group_ids.data or []),
            age_bands=list(self.age_bands.data or []),
            **{name: to_utc(getattr(self, name).data) for name, _ in DATES},
        )


class ProposalForm(OnceForm):
    title = StringField(
        _l("Title of your proposal"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=120), no_control_characters],
    )
    body = TextAreaField(
        _l("Your proposal"),
        description=_l(
            "What should change, and why? Do not write names, phone numbers or addresses."
        ),
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED),
            Length(min=20, max=3000),
            no_control_characters,
        ],
        render_kw={"rows": 6},
    )
    category = SelectField(_l("Category"), choices=[], validators=[Optional()])


class MergeForm(OnceForm):
    target = SelectField(_l("Join it into"), coerce=int, choices=[])


class OutcomeForm(OnceForm):
    outcome = TextAreaField(
        _l("What happens next"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=5000), no_control_characters],
        render_kw={"rows": 5},
    )


def check_category(form: ProposalForm, categories: list[str]) -> None:
    form.category.choices = options([("", _l("(none)")), *((c, c) for c in categories)])
    if not categories:
        form.category.data = ""


class ConfirmForm(OnceForm):
    pass
