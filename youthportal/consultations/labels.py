"""Translated words for consultations: phases, sorting, why a support was refused."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

PHASE_LABELS = {
    "upcoming": _l("Starting soon"),
    "proposals": _l("Collecting proposals"),
    "discussion": _l("Discussing"),
    "support": _l("Supporting"),
    "results": _l("Results"),
    "closed": _l("Closed"),
}

PHASE_HELP = {
    "upcoming": _l("The consultation has not started yet."),
    "proposals": _l("Send your proposals. Everyone can read and discuss the published ones."),
    "discussion": _l("Talk about the proposals before the supporting starts."),
    "support": _l(
        "Support the proposals you agree with. You can take a support back until this phase ends."
    ),
    "results": _l("The most supported proposals and what happens next."),
    "closed": _l("This consultation is closed."),
}

SORT_LABELS = {
    "supported": _l("Most supported"),
    "newest": _l("Newest"),
    "random": _l("Random order"),
}


def support_refusal(code: str, limit: int) -> str:
    if code == "limit":
        return ngettext(
            "You can support at most %(num)d proposal here. "
            "Take a support back to give it to another.",
            "You can support at most %(num)d proposals here. "
            "Take a support back to give it to another.",
            limit,
        )
    return {
        "already": _("You already support this proposal."),
        "not_now": _("Supporting is not open now."),
        "own": _("You cannot support your own proposal."),
        "not_supportable": _("This proposal cannot be supported."),
    }[code]
