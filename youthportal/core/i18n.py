"""Locale and time-zone selection and formatting helpers."""

from flask import current_app, g, request
from flask_login import current_user

LANG_COOKIE = "yp_lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    # user setting, then the switcher's cookie, then Accept-Language, then the default.
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in languages:
        return cookie
    return (
        match_accept_language(request.accept_languages, languages)
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def match_accept_language(accepted, languages) -> str | None:
    """Best of our languages for an Accept-Language header, in the browser's order of
    preference: exact tag, then same language with another script or region ("sr-Latn-RS"
    and "sr" both mean sr_Latn here)."""
    ours = {code.lower().replace("_", "-"): code for code in languages}
    for tag, _quality in accepted:
        tag = tag.lower().replace("_", "-")
        if tag in ours:
            return ours[tag]
        primary = tag.split("-")[0]
        for candidate, code in ours.items():
            if candidate.split("-")[0] == primary:
                return code
    return None


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def html_lang(locale_code: str) -> str:
    """BCP 47 tag for <html lang>: sr_Latn -> sr-Latn."""
    return locale_code.replace("_", "-")


def current_locale_code() -> str:
    if "locale_code" not in g:
        from flask_babel import get_locale

        g.locale_code = str(get_locale())
    return g.locale_code
