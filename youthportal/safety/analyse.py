"""analyse(text) -> Verdict: personal information, watched words and urgent disclosures.

Pure: no Flask, no database, no I/O. screening.screen() adds what depends on the author and
passes the matcher built from the admin-edited word lists.
"""

from collections.abc import Iterable
from functools import cache

from youthportal.safety import pii, urgent
from youthportal.safety.normalise import fold, tidy, variants
from youthportal.safety.verdict import Verdict, decide
from youthportal.safety.words import WordEntry, WordMatcher


@cache
def seed_matcher() -> WordMatcher:
    """The starter lists, for callers without a database (tests, benchmarks)."""
    from youthportal.safety.data.watched_words import SEED

    return WordMatcher(
        WordEntry(term, language, action, category) for language, term, action, category in SEED
    )


def analyse(
    text: str,
    locale: str | None = None,
    *,
    youth: bool = True,
    allowed_domains: Iterable[str] = (),
    public_numbers: Iterable[str] = (),
    matcher: WordMatcher | None = None,
) -> Verdict:
    # Words are matched in every language: young people mix them, and the locale is only the
    # language of the interface.
    folded = fold(text)
    findings = pii.find(
        text,
        youth=youth,
        allowed_domains=allowed_domains,
        public_numbers=public_numbers,
        folded=folded,
    )
    forms = variants(tidy(folded, leet=True))
    findings += (matcher if matcher is not None else seed_matcher()).find(forms)
    findings += urgent.find(forms)
    return decide(text, findings)
