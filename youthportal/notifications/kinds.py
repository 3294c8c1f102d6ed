"""Every kind of notification: its label for preferences and its message template.

Later features add their kinds here; the text is rendered in the reader's language.
"""

from flask_babel import lazy_gettext as _l

KINDS = {
    "welcome": {
        "label": _l("Welcome messages"),
        "message": _l("Welcome to the Youth Portal, %(name)s!"),
    },
    "consent_accepted": {
        "label": _l("Guardian consent"),
        "message": _l("Your guardian said yes. You can now take part fully."),
    },
    "member_joined": {
        "label": _l("New members in my groups"),
        "message": _l("%(name)s joined your group %(group)s."),
    },
    "consent_decided": {
        "label": _l("Consent decisions in my groups"),
        "message": _l("A guardian decided about a member of %(group)s."),
    },
    "role_changed": {
        "label": _l("Changes to my account"),
        "message": _l("Your role on the portal was changed."),
    },
}


def render_message(kind: str, params: dict) -> str:
    spec = KINDS.get(kind)
    if spec is None:
        return kind
    try:
        return str(spec["message"]) % params
    except (KeyError, TypeError, ValueError):
        return str(spec["label"])
