"""Help resources: the helplines a young person sees wherever they may need them."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from youthportal.accounts.ages import COUNTRY_NAMES

HELPLINE_KINDS = {
    "emergency": _l("Emergency (police, ambulance, fire)"),
    "child_helpline": _l("Free helpline for children and young people"),
    "online_safety": _l("Help with online safety"),
    "report_form": _l("Report harmful content online"),
}


def helplines(country: str | None) -> tuple[list[dict], list[tuple[str, str, list[dict]]]]:
    """(lines for everyone, [(country, country name, lines)]) for one country, or for every
    country that has lines when we do not know where the reader is."""
    lines = current_app.config["HELPLINES"]
    countries = (
        [country] if country else [c for c in current_app.config["COUNTRIES"] if lines.get(c)]
    )
    return lines.get("ALL", []), [(c, COUNTRY_NAMES.get(c, c), lines.get(c, [])) for c in countries]


def after_worrying_name(user, words: str):
    """A name (display name, team name, name on a certificate) that may tell of danger: it
    is refused, nothing else of the request is kept, a case holds the words for the
    safeguarding leads, and the child goes to the help page."""
    from flask import redirect, url_for

    from youthportal.extensions import db
    from youthportal.safety.safeguarding import open_name_case

    db.session.rollback()
    open_name_case(user, words)
    db.session.commit()
    return redirect(url_for("safety.urgent_help"))
