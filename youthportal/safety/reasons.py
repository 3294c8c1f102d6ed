"""Kind explanations shown to the author, one per kind of finding (translated lazily)."""

from flask_babel import lazy_gettext as _l

REASONS = {
    "email": _l(
        "It looks like an e-mail address. To keep you safe, don't share contact details here."
    ),
    "phone": _l("It looks like a phone number. To keep you safe, don't share phone numbers here."),
    "handle": _l(
        "It looks like a social media account. To keep you safe, don't share accounts here."
    ),
    "url": _l("Links to other websites can't be used here, except to the help services."),
    "address": _l("It looks like an address. Where you live is private: please leave it out."),
    "school": _l(
        "It looks like the name of your school. That helps strangers find you: please leave it out."
    ),
    "location": _l("It says where you live. That is private: please leave it out."),
    "word": _l("Some words in your text are not OK here. Please say it in a kinder way."),
    "urgent": _l("A trusted adult from our team will read this soon. You are not alone."),
    "premoderation": _l(
        "New posts are read by a facilitator before everyone can see them. This usually takes "
        "less than a day."
    ),
    "group_premoderation": _l(
        "In this group a facilitator reads every post before others can see it."
    ),
    "new_account_link": _l("New accounts can't post links yet."),
    "rate_limit": _l(
        "You have posted a lot in a short time. Please take a break and try again later."
    ),
    "muted": _l("You can't post for a while because of an earlier decision by a moderator."),
}


def explain(kind: str) -> str:
    message = REASONS.get(kind)
    return str(message) if message is not None else ""
