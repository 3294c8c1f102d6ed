"""Admin forms."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from youthportal.accounts.ages import COUNTRY_NAMES
from youthportal.accounts.forms import EMAIL_MESSAGE
from youthportal.accounts.labels import ROLE_LABELS
from youthportal.accounts.models import InstitutionKind, Role
from youthportal.core.forms import (
    REQUIRED,
    Form,
    OnceForm,
    no_control_characters,
    options,
    strip,
)

INSTITUTION_KIND_LABELS = {
    InstitutionKind.MINISTRY: _l("Ministry"),
    InstitutionKind.PARLIAMENT_COMMITTEE: _l("Parliament committee"),
    InstitutionKind.AGENCY: _l("Agency"),
    InstitutionKind.MUNICIPALITY: _l("Municipality"),
    InstitutionKind.REGULATOR: _l("Regulator"),
    InstitutionKind.OTHER: _l("Other"),
}

ADULT_ROLES = [r for r in Role if r != Role.YOUTH]


def _reason_field():
    return TextAreaField(
        _l("Reason (kept in the audit log)"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=500), no_control_characters],
    )


class SuspendForm(Form):
    reason = _reason_field()
    submit = SubmitField(_l("Suspend"))


class ReinstateForm(Form):
    reason = _reason_field()
    submit = SubmitField(_l("Reinstate"))


class RoleForm(Form):
    role = SelectField(
        _l("New role"), choices=options((r.value, ROLE_LABELS[r]) for r in ADULT_ROLES)
    )
    institution = SelectField(
        _l("Institution (for policy-makers)"), coerce=int, validators=[Optional()]
    )
    reason = _reason_field()
    submit = SubmitField(_l("Change role"))


class InviteAdultForm(OnceForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Email(message=EMAIL_MESSAGE), Length(max=254)],
    )
    role = SelectField(_l("Role"), choices=options((r.value, ROLE_LABELS[r]) for r in ADULT_ROLES))
    institution = SelectField(
        _l("Institution (for policy-makers)"), coerce=int, validators=[Optional()]
    )
    submit = SubmitField(_l("Send the invitation"))


class InstitutionForm(OnceForm):
    name = StringField(
        _l("Name"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=2, max=160), no_control_characters],
    )
    kind = SelectField(
        _l("Kind"),
        choices=options((k.value, label) for k, label in INSTITUTION_KIND_LABELS.items()),
    )
    country = SelectField(_l("Country"), choices=options(COUNTRY_NAMES.items()))
    contact_email = StringField(
        _l("Contact e-mail"),
        description=_l(
            "While the institution has no official with an account, submissions go here "
            "with a link to claim them."
        ),
        filters=[strip],
        validators=[Optional(), Email(message=EMAIL_MESSAGE), Length(max=254)],
    )
    submit = SubmitField(_l("Save"))


class UserFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[strip], validators=[Optional(), Length(max=80)])
    role = SelectField(
        _l("Role"),
        choices=options([("", _l("All roles"))] + [(r.value, ROLE_LABELS[r]) for r in Role]),
        validators=[Optional()],
    )


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validators=[Optional()])
    actor = StringField(
        _l("Who (login name)"), filters=[strip], validators=[Optional(), Length(max=40)]
    )


DOMAIN_RE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def domain_list(text: str) -> list[str]:
    """One site name per line (commas and spaces also separate); lower-case, no scheme."""
    items = re.split(r"[\s,]+", (text or "").lower())
    return [
        item.removeprefix("https://").removeprefix("http://").strip("/") for item in items if item
    ]


def valid_domains(form, field):
    bad = [item for item in domain_list(field.data) if not DOMAIN_RE.match(item)]
    if bad:
        raise ValidationError(
            _l("These are not site names like isigurt.al: %(items)s", items=", ".join(bad[:5]))
        )
    field.data = "\n".join(dict.fromkeys(domain_list(field.data)))
