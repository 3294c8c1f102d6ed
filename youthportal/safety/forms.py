from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from youthportal.core.forms import REQUIRED, Form, OnceForm, no_control_characters, options, strip
from youthportal.safety.labels import (
    CASE_STATE_LABELS,
    DECISION_LABELS,
    DECISION_REASON_LABELS,
    FLAG_REASON_LABELS,
    SANCTION_LABELS,
)


class FlagForm(OnceForm):
    reason = RadioField(
        _l("What is wrong with it?"),
        choices=options(FLAG_REASON_LABELS.items()),
        validators=[DataRequired(message=_l("Please choose a reason."))],
    )
    note = TextAreaField(
        _l("Anything else we should know? (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=1000), no_control_characters],
        render_kw={"rows": 3},
    )


class DecisionForm(OnceForm):
    decision = RadioField(
        _l("Decision"),
        choices=options((k, v) for k, v in DECISION_LABELS.items() if k != "withdrawn"),
        validators=[DataRequired(message=_l("Please choose a decision."))],
    )
    reason_code = SelectField(
        _l("Reason told to the author"),
        choices=options(DECISION_REASON_LABELS.items()),
        default="other",
    )
    note = TextAreaField(
        _l("Note (shown to the author with the reason; kept in the audit log)"),
        filters=[strip],
        validators=[Optional(), Length(max=1000), no_control_characters],
        render_kw={"rows": 2},
    )
    new_text = TextAreaField(
        _l('Edited text (for "Edited and approved")'),
        filters=[strip],
        validators=[Optional(), Length(max=5000), no_control_characters],
        render_kw={"rows": 6},
    )


class SanctionForm(OnceForm):
    kind = RadioField(
        _l("Sanction"),
        choices=options(SANCTION_LABELS.items()),
        validators=[DataRequired(message=_l("Please choose a sanction."))],
    )
    reason = TextAreaField(
        _l("Reason (shown in the audit log and to the member on request)"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=1000), no_control_characters],
        render_kw={"rows": 2},
    )


class ReasonForm(Form):
    reason = TextAreaField(
        _l("Reason"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=1000), no_control_characters],
        render_kw={"rows": 2},
    )


class AppealForm(OnceForm):
    text = TextAreaField(
        _l("Why should the decision be looked at again?"),
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED),
            Length(min=10, max=2000, message=_l("Please write 10 to 2,000 characters.")),
            no_control_characters,
        ],
        render_kw={"rows": 5},
    )


class AppealDecisionForm(OnceForm):
    outcome = RadioField(
        _l("Decision"),
        choices=options(
            [("upheld", _l("The decision stands")), ("overturned", _l("Reverse the decision"))]
        ),
        validators=[DataRequired(message=_l("Please choose a decision."))],
    )
    note = TextAreaField(
        _l("Reason"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=1000), no_control_characters],
        render_kw={"rows": 2},
    )


class CaseActionForm(OnceForm):
    action = RadioField(
        _l("Action"),
        choices=options(
            [
                ("acknowledge", _l("Acknowledge: I am looking after this")),
                ("refer", _l("Referred to a service")),
                ("close", _l("Close the case")),
                ("note", _l("Add a note only")),
            ]
        ),
        validators=[DataRequired(message=_l("Please choose an action."))],
    )
    referred_to = StringField(
        _l("Referred to (service, e.g. ALO 116 111, police, school psychologist)"),
        filters=[strip],
        validators=[Optional(), Length(max=200), no_control_characters],
    )
    note = TextAreaField(
        _l("Note (visible to safeguarding leads only)"),
        filters=[strip],
        validators=[Optional(), Length(max=5000), no_control_characters],
        render_kw={"rows": 4},
    )


class CaseFilterForm(Form):
    class Meta:
        csrf = False

    state = SelectField(
        _l("State"),
        choices=options([("", _l("All")), *CASE_STATE_LABELS.items()]),
        default="",
        validators=[Optional()],
    )


class ConfirmForm(Form):
    pass
