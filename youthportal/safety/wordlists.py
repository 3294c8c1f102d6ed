"""The admin-editable watched-word lists: seeding, and the matcher built once per change.

Every process keeps one compiled automaton and the list version it was built from; a change
of the lists bumps the version (a settings row), so all app servers rebuild on their next
request.
"""

import secrets
import threading

from sqlalchemy import func, select

from youthportal.core import settings
from youthportal.extensions import db
from youthportal.safety.models import WatchedWord, WordAction, WordCategory
from youthportal.safety.words import WordEntry, WordMatcher

VERSION_KEY = "watched_words_version"
_lock = threading.Lock()
_cache: dict = {"version": None, "matcher": None}


def entries() -> list[WordEntry]:
    rows = db.session.execute(
        select(WatchedWord.term, WatchedWord.language, WatchedWord.action, WatchedWord.category)
    )
    return [
        WordEntry(term=term, language=lang, action=action.value, category=category.value)
        for term, lang, action, category in rows
    ]


def current_matcher() -> WordMatcher:
    version = settings.internal(VERSION_KEY) or "none"
    with _lock:
        if _cache["version"] != version or _cache["matcher"] is None:
            _cache["matcher"] = WordMatcher(entries())
            _cache["version"] = version
        return _cache["matcher"]


def lists_changed() -> None:
    settings.put_internal(VERSION_KEY, secrets.token_hex(8))


def seed() -> int:
    """Load the starter lists into an empty table. Returns how many entries were added."""
    from youthportal.safety.data.watched_words import SEED

    if db.session.scalar(select(func.count(WatchedWord.id))):
        return 0
    seen = set()
    for language, term, action, category in SEED:
        key = (language, term.strip().lower())
        if key in seen:
            continue
        seen.add(key)
        db.session.add(
            WatchedWord(
                language=language,
                term=term.strip(),
                action=WordAction(action),
                category=WordCategory(category),
            )
        )
    db.session.flush()
    lists_changed()
    return len(seen)
