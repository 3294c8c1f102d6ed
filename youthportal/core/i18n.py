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
    match = request.accept_languages.best_match([code.replace("_", "-") for code in languages])
    if match:
        return match.replace("-", "_")
    return current_app.config["BABEL_DEFAULT_LOCALE"]


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
