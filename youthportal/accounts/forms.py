"""Account forms: messages next to each field, in the user's language."""

import re
from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from youthportal.accounts import services
from youthportal.accounts.ages import MAX_AGE, MIN_AGE, age_on
from youthportal.accounts.avatars import AVATARS
from youthportal.accounts.passwords import password_problems
from youthportal.core.forms import (
    REQUIRED,
    Form,
    OnceForm,
    no_control_characters,
    options,
    strip,
)
from youthportal.safety import screen

LOGIN_NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{2,29}")
DISPLAY_NAME_RE = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _login_name_format(form, field):
    value = (field.data or "").strip().lower()
    if not LOGIN_NAME_RE.fullmatch(value):
        raise ValidationError(
            _l("Use 3 to 30 small letters, digits, dots, dashes or underscores (no spaces).")
        )


def _login_name_free(form, field):
    if services.login_taken(field.data):
        raise ValidationError(_l("This login name is taken. Please try another one."))


def _display_name(form, field):
    value = " ".join((field.data or "").split())
    field.data = value
    if not 3 <= len(value) <= 24:
        raise ValidationError(_l("Use 3 to 24 characters."))
    if not DISPLAY_NAME_RE.fullmatch(value):
        raise ValidationError(_l("Use only letters, digits and single spaces."))
    verdict = screen(value, author=None, locale=str(get_locale()), content_type="name")
    if verdict.urgent:
        # Words that may tell of danger: the view makes sure an adult reads them and shows
        # where to get help (see `worrying_name`).
        form.worrying_name = value
        raise ValidationError(
            _l(
                "Please choose another name. If something is worrying you, the Help page "
                "lists people you can talk to now, for free."
            )
        )
    if not verdict.ok:
        raise ValidationError(" ".join(verdict.messages()))


def _email_free(form, field):
    if field.data and services.email_taken(field.data):
        raise ValidationError(_l("This e-mail address is already used by another account."))


def _strong_password(form, field):
    related = tuple(
        str(getattr(form, name).data or "")
        for name in ("login_name", "display_name")
        if hasattr(form, name)
    )
    problems = password_problems(field.data or "", related=related)
    if problems:
        raise ValidationError(" ".join(problems))


def password_fields():
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=REQUIRED), _strong_password],
        description=_l("At least 8 characters. A few random words together work well."),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(message=REQUIRED),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )
    return password, confirm


def birth_year_choices(today: date | None = None):
    today = today or date.today()
    years = range(today.year - MIN_AGE, today.year - MAX_AGE - 2, -1)
    return options([("", _l("Year"))] + [(y, y) for y in years])


def month_choices():
    names = get_locale().months["stand-alone"]["wide"]
    return options([("", _l("Month"))] + [(m, names[m]) for m in range(1, 13)])


def avatar_choices():
    return options(AVATARS.items())


EMAIL_MESSAGE = _l("Please enter a valid e-mail address, like name@example.com.")


class JoinForm(OnceForm):
    invite_code = StringField(
        _l("Invite code"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=16)],
        description=_l("You get it from your facilitator, teacher or club."),
    )
    login_name = StringField(
        _l("Login name"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), _login_name_format, _login_name_free],
        description=_l("You use it to sign in. Others don't see it."),
    )
    display_name = StringField(
        _l("Display name"),
        validators=[DataRequired(message=REQUIRED), _display_name],
        description=_l(
            "Others see this name. Choose a nickname, not your full name: "
            "3 to 24 letters, digits or spaces."
        ),
    )
    avatar = RadioField(_l("Avatar"), validators=[DataRequired(message=REQUIRED)])
    birth_year = SelectField(_l("Year of birth"), validators=[DataRequired(message=REQUIRED)])
    birth_month = SelectField(_l("Month of birth"), validators=[DataRequired(message=REQUIRED)])
    password, confirm = password_fields()
    email = EmailField(
        _l("Your e-mail (optional)"),
        filters=[strip],
        validators=[Optional(), Email(message=EMAIL_MESSAGE), Length(max=254), _email_free],
        description=_l("Only if you want messages by e-mail. Nobody else sees it."),
    )
    guardian_email = EmailField(
        _l("Your parent's or guardian's e-mail"),
        filters=[strip],
        validators=[Optional(), Email(message=EMAIL_MESSAGE), Length(max=254)],
        description=_l(
            "Needed if you are younger than the consent age in your country. We only use it "
            "to ask them, and delete it once they have answered."
        ),
    )
    submit = SubmitField(_l("Join"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.avatar.choices = avatar_choices()
        self.birth_year.choices = birth_year_choices()
        self.birth_month.choices = month_choices()

    def age(self, today: date | None = None) -> int | None:
        try:
            return age_on(
                int(self.birth_year.data), int(self.birth_month.data), today or date.today()
            )
        except (TypeError, ValueError):
            return None

    def validate_birth_month(self, field):
        age = self.age()
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            raise ValidationError(_l("This portal is for young people aged 9 to 18."))


class LoginForm(Form):
    identifier = StringField(
        _l("Login name or e-mail"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=REQUIRED), Length(max=256)]
    )
    remember = BooleanField(_l("Keep me signed in on this device (adults only)"))
    submit = SubmitField(_l("Sign in"))


class TwoStepForm(Form):
    code = StringField(
        _l("Six-digit code from your authenticator app"),
        filters=[lambda v: (v or "").replace(" ", "")],
        validators=[DataRequired(message=REQUIRED), Length(min=6, max=6)],
    )
    submit = SubmitField(_l("Continue"))


class TwoStepDisableForm(Form):
    password = PasswordField(_l("Your password"), validators=[DataRequired(message=REQUIRED)])
    submit = SubmitField(_l("Turn off two-step sign-in"))


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(message=REQUIRED)]
    )
    password, confirm = password_fields()
    submit = SubmitField(_l("Change password"))


class NewPasswordForm(Form):
    password, confirm = password_fields()
    submit = SubmitField(_l("Save the new password"))


class ProfileForm(Form):
    display_name = StringField(
        _l("Display name"), validators=[DataRequired(message=REQUIRED), _display_name]
    )
    avatar = RadioField(_l("Avatar"), validators=[DataRequired(message=REQUIRED)])
    email = EmailField(
        _l("E-mail (optional)"),
        filters=[strip],
        validators=[Optional(), Email(message=EMAIL_MESSAGE), Length(max=254)],
    )
    email_opt_in = BooleanField(_l("Send me notifications by e-mail"))
    locale = SelectField(_l("Language"))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.avatar.choices = avatar_choices()
        self.locale.choices = options((languages or {}).items())


class DeleteAccountForm(Form):
    password = PasswordField(
        _l("Your password, to confirm"), validators=[DataRequired(message=REQUIRED)]
    )
    confirm = BooleanField(
        _l("I understand that my account will be deleted and cannot be brought back."),
        validators=[DataRequired(message=_l("Please tick the box to confirm."))],
    )
    submit = SubmitField(_l("Delete my account"))


class ResendConsentForm(OnceForm):
    guardian_email = EmailField(
        _l("Your parent's or guardian's e-mail"),
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED),
            Email(message=EMAIL_MESSAGE),
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Send the e-mail"))


class GuardianDecisionForm(OnceForm):
    accept = SubmitField(_l("Yes, I agree"))
    decline = SubmitField(_l("No, I don't agree"))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("Your e-mail"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Email(message=EMAIL_MESSAGE)],
    )
    submit = SubmitField(_l("Send me a link"))


class AcceptInvitationForm(Form):
    login_name = StringField(
        _l("Login name"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), _login_name_format, _login_name_free],
    )
    display_name = StringField(
        _l("Your name as others will see it"),
        filters=[strip],
        validators=[DataRequired(message=REQUIRED), Length(min=3, max=60), no_control_characters],
    )
    password, confirm = password_fields()
    submit = SubmitField(_l("Create my account"))


class LanguageForm(Form):
    language = SelectField(_l("Language"))
    submit = SubmitField(_l("Change language"))
