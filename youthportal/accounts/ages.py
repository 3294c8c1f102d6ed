"""Age bands and the digital consent age, from year and month of birth only."""

from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l

AGE_BANDS = (("9-12", 9, 12), ("13-15", 13, 15), ("16-18", 16, 18))
MIN_AGE, MAX_AGE = 9, 18

COUNTRY_NAMES = {
    "AL": _l("Albania"),
    "XK": _l("Kosovo"),
    "RS": _l("Serbia"),
    "BA": _l("Bosnia and Herzegovina"),
    "ME": _l("Montenegro"),
    "MK": _l("North Macedonia"),
}


def age_on(birth_year: int, birth_month: int, today: date) -> int:
    """Age in whole years. Without the day we count the birthday as the first of the month
    after, so nobody is ever treated as older than they are."""
    age = today.year - birth_year
    if today.month <= birth_month:
        age -= 1
    return age


def age_band(age: int) -> str | None:
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return None


def user_age(user, today: date | None = None) -> int | None:
    if user.birth_year is None or user.birth_month is None:
        return None
    return age_on(user.birth_year, user.birth_month, today or date.today())


def user_age_band(user, today: date | None = None) -> str | None:
    age = user_age(user, today)
    if age is None:
        return None
    # A member who turned 19 keeps the oldest band until the account is reviewed.
    return age_band(min(max(age, MIN_AGE), MAX_AGE))


def consent_age(country: str) -> int:
    from youthportal.core import settings

    key = f"consent_age_{country}"
    if key in settings.SPECS:
        return int(settings.get(key))
    return int(current_app.config["CONSENT_AGE"].get(country, 16))


def needs_guardian_consent(birth_year: int, birth_month: int, country: str, today=None) -> bool:
    return age_on(birth_year, birth_month, today or date.today()) < consent_age(country)
