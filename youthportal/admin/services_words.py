"""Admin changes to the watched-word lists. Every change is audit-logged and bumps the list
version (wordlists.lists_changed) so every app server rebuilds its matcher."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from youthportal.accounts.models import User
from youthportal.core import audit
from youthportal.extensions import db
from youthportal.safety import wordlists
from youthportal.safety.models import WatchedWord, WordAction, WordCategory


class WordExists(Exception):
    """The term is already on the list for this language."""


def words_stmt(
    language: str | None = None,
    action: str | None = None,
    category: str | None = None,
    q: str | None = None,
):
    stmt = select(WatchedWord)
    if language:
        stmt = stmt.where(WatchedWord.language == language)
    if action:
        stmt = stmt.where(WatchedWord.action == WordAction(action))
    if category:
        stmt = stmt.where(WatchedWord.category == WordCategory(category))
    if q:
        stmt = stmt.where(WatchedWord.term.contains(q.lower(), autoescape=True))
    # (language, term) is the unique index, so this order needs no sort of its own.
    return stmt.order_by(WatchedWord.language, WatchedWord.term)


def counts_by_language() -> dict[str, int]:
    rows = db.session.execute(
        select(WatchedWord.language, func.count(WatchedWord.id)).group_by(WatchedWord.language)
    )
    return {language: count for language, count in rows}


def term_taken(language: str, term: str, exclude_id: int | None = None) -> bool:
    stmt = select(WatchedWord.id).where(WatchedWord.language == language, WatchedWord.term == term)
    if exclude_id is not None:
        stmt = stmt.where(WatchedWord.id != exclude_id)
    return db.session.scalar(stmt) is not None


def _flush_unique() -> None:
    """A concurrent insert of the same term (the unique constraint) becomes WordExists; the
    caller then rolls the transaction back."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise WordExists from exc


def add_word(admin: User, language: str, term: str, action: str, category: str) -> WatchedWord:
    if term_taken(language, term):
        raise WordExists
    word = WatchedWord(
        language=language,
        term=term,
        action=WordAction(action),
        category=WordCategory(category),
        created_by_id=admin.id,
    )
    db.session.add(word)
    _flush_unique()
    audit.record(admin, "admin.word_added", word, term=term, language=language)
    wordlists.lists_changed()
    return word


def update_word(
    admin: User, word: WatchedWord, language: str, term: str, action: str, category: str
) -> bool:
    """Returns True when something changed (and only then audits and bumps the version)."""
    if term_taken(language, term, exclude_id=word.id):
        raise WordExists
    new = {
        "language": language,
        "term": term,
        "action": WordAction(action),
        "category": WordCategory(category),
    }
    old = {key: getattr(word, key) for key in new}
    if old == new:
        return False
    for key, value in new.items():
        setattr(word, key, value)
    _flush_unique()
    changes = {
        key: {"old": str(old[key]), "new": str(value)}
        for key, value in new.items()
        if old[key] != value
    }
    audit.record(admin, "admin.word_changed", word, term=term, language=language, changes=changes)
    wordlists.lists_changed()
    return True


def delete_word(admin: User, word: WatchedWord) -> None:
    audit.record(
        admin,
        "admin.word_deleted",
        word,
        term=word.term,
        language=word.language,
        word_action=word.action.value,
        category=word.category.value,
    )
    db.session.delete(word)
    db.session.flush()
    wordlists.lists_changed()


def load_starter_lists(admin: User) -> int:
    """Loads the starter lists into an empty table; returns how many words were added."""
    added = wordlists.seed()  # bumps the list version itself when it adds anything
    if added:
        audit.record(admin, "admin.word_added", None, starter_lists=True, count=added)
    return added
