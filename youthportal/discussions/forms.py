from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from youthportal.core.forms import REQUIRED, Form, OnceForm, no_control_characters, strip

BODY_HINT = _l(
    "You can use *italic*, **bold**, lists and > quotes. Be kind, and keep phone numbers, "
    "addresses and accounts to yourself."
)


def _body(label=None):
    return TextAreaField(
        label or _l("Your comment"),
        description=BODY_HINT,
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED),
            Length(max=5000, message=_l("Please keep it under 5,000 characters.")),
            no_control_characters,
        ],
        render_kw={"rows": 5},
    )


class ThreadForm(OnceForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            DataRequired(message=REQUIRED),
            Length(min=3, max=120, message=_l("Use 3 to 120 characters.")),
            no_control_characters,
        ],
    )
    body = _body(_l("What do you want to say?"))


class CommentForm(OnceForm):
    body = _body()


class EditForm(Form):
    body = _body(_l("Your text"))


class ConfirmForm(Form):
    pass
