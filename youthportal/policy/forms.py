"""Forms: sending, claiming, answering (one block per recommendation), commitment updates,
ratings, replies and the "what changed" summary."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.form import Form as PlainForm
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from youthportal.core.forms import REQUIRED, OnceForm, no_control_characters, options, strip
from youthportal.policy.labels import COMMITMENT_LABELS, RATING_QUESTIONS, VERDICT_LABELS
from youthportal.policy.models import Verdict


def _text(label, max_length, *, required=True, rows=4, description=None):
    return TextAreaField(
        label,
        description=description,
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED) if required else Optional(),
            Length(max=max_length),
            no_control_characters,
        ],
        render_kw={"rows": rows},
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SendForm(OnceForm):
    institutions = CheckboxesField(
        _l("Send to"),
        coerce=int,
        choices=[],
        validators=[DataRequired(message=_l("Choose at least one institution."))],
    )
    cover_letter = _text(
        _l("Cover letter"),
        5000,
        rows=10,
        description=_l("Shown to the institution and to everyone on the public record."),
    )
    requested_by = DateField(
        _l("Answer requested by"),
        validators=[DataRequired(message=_l("Enter a date, for example 2027-03-31."))],
    )


class AnswerForm(PlainForm):
    """The answer to one recommendation (a sub-form: the parent form carries the token)."""

    recommendation_id = HiddenField()
    verdict = RadioField(
        _l("Your answer"),
        choices=options(VERDICT_LABELS.items()),
        validators=[DataRequired(message=_l("Choose an answer."))],
    )
    reason = _text(
        _l("Reasons"),
        3000,
        required=False,
        rows=3,
        description=_l("Needed when the recommendation is not or only partly accepted."),
    )
    commitment = _text(
        _l("What will be done"),
        1000,
        required=False,
        rows=2,
        description=_l("Needed when accepted: it becomes a commitment followed in public."),
    )
    owner_unit = StringField(
        _l("Responsible unit"),
        filters=[strip],
        validators=[Optional(), Length(max=160), no_control_characters],
    )
    expected_by = DateField(_l("Expected by"), validators=[Optional()])

    def validate(self, extra_validators=None):
        """The field rules, then the answer's own (the service checks the same ones)."""
        from youthportal.policy.responses import AnswerInput

        if not super().validate(extra_validators):
            return False
        answer = AnswerInput(
            recommendation_id=0,
            verdict=Verdict(self.verdict.data),
            reason=self.reason.data or "",
            commitment=self.commitment.data or "",
            owner_unit=self.owner_unit.data or "",
            expected_by=self.expected_by.data,
        )
        problems = answer.problems()
        for name in problems:
            self[name].errors.append(
                _l("Please give your reasons.")
                if name == "reason"
                else _l("Needed for a commitment.")
            )
        return not problems


class ResponseForm(OnceForm):
    body = _text(
        _l("Your answer as a whole"),
        8000,
        rows=8,
        description=_l("Published under your institution's name. Do not name young people."),
    )
    answers = FieldList(FormField(AnswerForm))


class CommitmentUpdateForm(OnceForm):
    state = SelectField(_l("Where it stands"), choices=options(COMMITMENT_LABELS.items()))
    expected_by = DateField(_l("Expected by"), validators=[DataRequired(message=REQUIRED)])
    note = _text(_l("What happened"), 2000, required=False, rows=3)


_SCALE = options((n, n) for n in range(1, 6))


class RatingForm(OnceForm):
    clear = RadioField(RATING_QUESTIONS["clear"], choices=_SCALE, validators=[DataRequired()])
    answers_us = RadioField(
        RATING_QUESTIONS["answers_us"], choices=_SCALE, validators=[DataRequired()]
    )
    believable = RadioField(
        RATING_QUESTIONS["believable"], choices=_SCALE, validators=[DataRequired()]
    )


class ReplyForm(OnceForm):
    body = _text(
        _l("Our reply"),
        1000,
        rows=4,
        description=_l("A short public reply from your group. A moderator may read it first."),
    )


class ImpactForm(OnceForm):
    body = _text(
        _l("What changed because of your work"),
        4000,
        rows=8,
        description=_l("In plain words young people understand. Link the commitments by number."),
    )


class FollowForm(OnceForm):
    pass
