"""Trust levels of young people, derived from their approved contributions.

0: new; every post waits for a facilitator. 1: posts appear after screening. 2: trusted;
higher posting limits. The thresholds are settings, so the level is computed, never stored.
"""

from datetime import date

from youthportal.accounts.ages import user_age
from youthportal.core import settings


def trust_level(user) -> int:
    if not user.is_youth:
        return 2
    if user.approved_count >= settings.get("trust_level_2_after"):
        return 2
    if user.approved_count >= settings.get("trust_level_1_after"):
        return 1
    return 0


def needs_premoderation(user, today: date | None = None) -> bool:
    if not user.is_youth:
        return False
    age = user_age(user, today)
    if age is not None and age < settings.get("premoderation_under_age"):
        return True
    return trust_level(user) == 0


def count_approval(user) -> None:
    user.approved_count = (user.approved_count or 0) + 1
