"""Password hashing (Argon2id) and a strength check with advice in the user's language."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["ARGON2_TIME_COST"], memory_cost=cfg["ARGON2_MEMORY_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Computed once so that failed sign-ins for unknown names take as long as for known ones.
_DUMMY_HASH: dict[str, str] = {}


def burn_time(password: str) -> None:
    key = f"{current_app.config['ARGON2_TIME_COST']}/{current_app.config['ARGON2_MEMORY_COST']}"
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hash_password("not-a-real-password")
    check_password(_DUMMY_HASH[key], password)


def password_problems(password: str, *, related: tuple[str, ...] = ()) -> list[str]:
    """Kind, concrete advice; an empty list means the password is fine."""
    if len(password) < MIN_LENGTH:
        return [_("Use at least %(n)d characters.", n=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Use at most %(n)d characters.", n=MAX_LENGTH)]
    lowered = password.lower()
    for word in related:
        if word and len(word) >= 3 and word.lower() in lowered:
            return [_("Don't use your login name or display name in your password.")]
    result = zxcvbn(password[:64], user_inputs=[w for w in related if w])
    if result["score"] >= 2:
        return []
    warning = result["feedback"].get("warning") or ""
    advice = [_("This password is too easy to guess.")]
    if "common" in warning or "top" in warning:
        advice = [_("Many people use this password, so it is easy to guess.")]
    elif "Repeats" in warning or "Sequences" in warning:
        advice = [_("Repeated letters or sequences like abc or 123 are easy to guess.")]
    elif "Dates" in warning or "years" in warning.lower():
        advice = [_("Dates and years are easy to guess.")]
    advice.append(
        _("Try three or four words that don't belong together, like a funny little sentence.")
    )
    return advice
