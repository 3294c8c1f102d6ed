"""Forms for UneHack: the event, teams, the board, ideas, feedback, the jury, certificates."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from youthportal.accounts.ages import MAX_AGE, MIN_AGE
from youthportal.core.forms import REQUIRED, Form, OnceForm, no_control_characters, options
from youthportal.hackathon.events import EventSetup
from youthportal.hackathon.jury import CONFLICT_REASONS, MAX_CRITERIA
from youthportal.hackathon.labels import CONFLICT_LABELS, SKILL_LABELS, STAFF_ROLE_LABELS
from youthportal.hackathon.teams import SKILLS
from youthportal.polls.forms import MultiCheckboxField, strip, to_utc

DATES = (
    ("registration_at", _l("Registration opens (Tirana time)")),
    ("forming_at", _l("Team forming starts")),
    ("building_at", _l("Building starts")),
    ("submission_at", _l("Submission starts")),
    ("judging_at", _l("Deadline for ideas; judging starts")),
    ("results_at", _l("Results from")),
)


def _when(label):
    return DateTimeLocalField(
        label,
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Please give a date and time."))],
    )


def _text(label, *, required=True, max_length=5000, rows=4, description=None, min_length=0):
    validators = [DataRequired(message=REQUIRED)] if required else [Optional()]
    return TextAreaField(
        label,
        description=description,
        filters=[strip],
        validators=[*validators, Length(min=min_length, max=max_length), no_control_characters],
        render_kw={"rows": rows},
    )


class EventForm(OnceForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=200), no_control_characters],
    )
    description = _text(_l("What the event is about"))
    rules = _text(_l("Rules"), required=False)
    challenges_text = _text(
        _l("Challenges, one per line"),
        description=_l('For example: "Help a 12-year-old spot a fake profile".'),
        max_length=3000,
    )
    min_age = IntegerField(
        _l("Youngest age"),
        default=12,
        validators=[DataRequired(message=REQUIRED), NumberRange(MIN_AGE, MAX_AGE)],
    )
    max_age = IntegerField(
        _l("Oldest age"),
        default=18,
        validators=[DataRequired(message=REQUIRED), NumberRange(MIN_AGE, MAX_AGE)],
    )
    same_band_teams = BooleanField(
        _l("Teams only mix members of the same age band (9-12, 13-15, 16-18)"), default=True
    )
    team_min = IntegerField(
        _l("Smallest team"),
        default=2,
        validators=[DataRequired(message=REQUIRED), NumberRange(1, 10)],
    )
    team_max = IntegerField(
        _l("Largest team"),
        default=5,
        validators=[DataRequired(message=REQUIRED), NumberRange(1, 10)],
    )
    registration_at = _when(DATES[0][1])
    forming_at = _when(DATES[1][1])
    building_at = _when(DATES[2][1])
    submission_at = _when(DATES[3][1])
    judging_at = _when(DATES[4][1])
    results_at = _when(DATES[5][1])
    scale_max = IntegerField(
        _l("Scores go from 1 to"),
        default=5,
        validators=[DataRequired(message=REQUIRED), NumberRange(3, 10)],
    )
    judges_per_idea = IntegerField(
        _l("Judges per idea"),
        default=3,
        validators=[DataRequired(message=REQUIRED), NumberRange(3, 10)],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.min_age.data and self.max_age.data and self.min_age.data > self.max_age.data:
            self.max_age.errors = [
                *self.max_age.errors,
                _l("The oldest age must not be below the youngest."),
            ]
            valid = False
        if self.team_min.data and self.team_max.data and self.team_min.data > self.team_max.data:
            self.team_max.errors = [
                *self.team_max.errors,
                _l("The largest team must not be smaller than the smallest."),
            ]
            valid = False
        moments = [getattr(self, name).data for name, _ in DATES]
        if all(moments) and any(a >= b for a, b in zip(moments, moments[1:], strict=False)):
            self.results_at.errors = [
                *self.results_at.errors,
                _l("Each phase must start after the one before it."),
            ]
            valid = False
        if not self.challenges():
            self.challenges_text.errors = [
                *self.challenges_text.errors,
                _l("Give at least one challenge."),
            ]
            valid = False
        return valid

    def challenges(self) -> list[str]:
        found = []
        for line in (self.challenges_text.data or "").splitlines():
            title = " ".join(line.split())[:300]
            if title and title not in found:
                found.append(title)
        return found

    def setup(self) -> EventSetup:
        return EventSetup(
            title=" ".join(self.title.data.split()),
            description=self.description.data,
            rules=self.rules.data or "",
            challenges=self.challenges(),
            min_age=self.min_age.data,
            max_age=self.max_age.data,
            same_band_teams=bool(self.same_band_teams.data),
            team_min=self.team_min.data,
            team_max=self.team_max.data,
            dates={name: to_utc(getattr(self, name).data) for name, _ in DATES},
            scale_max=self.scale_max.data,
            judges_per_idea=self.judges_per_idea.data,
        )


class TeamForm(OnceForm):
    name = StringField(
        _l("Team name"),
        description=_l("A name for the team, not your own names."),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=3, max=60), no_control_characters],
    )


class JoinForm(OnceForm):
    code = StringField(
        _l("Team code"),
        description=_l("Your team's members find the code on their team page."),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=6, max=16)],
    )


class BoardForm(OnceForm):
    skills = MultiCheckboxField(
        _l("What I like doing (choose any)"), choices=options((s, SKILL_LABELS[s]) for s in SKILLS)
    )


class ConfirmForm(OnceForm):
    pass


class InviteForm(OnceForm):
    user_id = HiddenField()


class IdeaForm(OnceForm):
    base_version = HiddenField()
    title = StringField(
        _l("Name of the idea"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=3, max=120), no_control_characters],
    )
    challenge_id = SelectField(
        _l("Which challenge does it answer?"), choices=[], validators=[Optional()]
    )
    problem = _text(
        _l("The problem"), max_length=3000, description=_l("What goes wrong online, and for whom?")
    )
    helps = _text(_l("Who it helps"), max_length=2000)
    how = _text(_l("How it works"), max_length=5000, rows=6)
    built = _text(
        _l("What we built"),
        required=False,
        max_length=5000,
        description=_l("A prototype, drawings, a game, a plan... Describe it in words."),
    )
    links_text = _text(
        _l("Links to what we built (optional, one per line)"),
        required=False,
        max_length=1500,
        rows=3,
        description=_l("Only https links to the allowed websites."),
    )

    def links(self) -> list[str]:
        return [line.strip() for line in (self.links_text.data or "").splitlines() if line.strip()]


class FeedbackForm(OnceForm):
    body = _text(_l("Your feedback to the team"), max_length=3000, min_length=10)


class StaffForm(OnceForm):
    login_name = StringField(
        _l("Login name of the adult"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=40)],
    )
    role = RadioField(_l("Role"), choices=options(STAFF_ROLE_LABELS.items()), default="mentor")


class CriterionRow(Form):
    class Meta:
        csrf = False

    name = StringField(
        _l("Criterion"),
        filters=[strip],
        validators=[Optional(), Length(max=120), no_control_characters],
    )
    weight = IntegerField(_l("Weight (%)"), validators=[Optional(), NumberRange(1, 100)])


class CriteriaForm(OnceForm):
    rows = FieldList(FormField(CriterionRow), min_entries=MAX_CRITERIA, max_entries=MAX_CRITERIA)

    def criteria(self) -> list[tuple[str, int]]:
        return [
            (row.form.name.data, row.form.weight.data or 0)
            for row in self.rows
            if (row.form.name.data or "").strip()
        ]


class MentorForm(OnceForm):
    mentor_id = SelectField(_l("Mentor"), choices=[], validators=[Optional()])


class ConflictForm(OnceForm):
    team_id = SelectField(_l("Team"), coerce=int, choices=[])
    reason = RadioField(
        _l("Why"),
        choices=options((r, CONFLICT_LABELS[r]) for r in CONFLICT_REASONS),
        default="knows_member",
    )


class CalibrationForm(OnceForm):
    idea_ids = MultiCheckboxField(_l("Calibration ideas (choose two)"), coerce=int, choices=[])

    def validate_idea_ids(self, field):
        if len(field.data or []) != 2:
            raise ValidationError(_l("Choose exactly two ideas."))


class CertificateForm(Form):
    name = StringField(
        _l("Name on the certificate"),
        description=_l("As you want it printed. It is not saved."),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=2, max=60), no_control_characters],
    )


class PromoteForm(OnceForm):
    consultation_id = SelectField(_l("Consultation"), coerce=int, choices=[])


class ImageForm(OnceForm):
    image = FileField(
        _l("Picture (PNG or JPEG, up to 900 KB)"),
        validators=[FileRequired(message=_l("Please choose a picture."))],
    )
    alt_text = StringField(
        _l("Describe the picture for people who cannot see it"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=300), no_control_characters],
    )
    reviewed = BooleanField(
        _l("I looked at it: no faces, names, school logos or other personal details"),
        validators=[DataRequired(message=_l("Please look at the picture first."))],
    )
