"""Urgent disclosures: words that may mean a child is in danger. Such a text is held for a
safeguarding lead (never blocked: the child must be heard), whatever else it contains."""

import re
from functools import cache

from youthportal.safety.normalise import Normalised, fold
from youthportal.safety.verdict import HOLD, Finding
from youthportal.safety.words import WordEntry, WordMatcher

# What follows a phrase can make it ordinary: "don't tell anyone your password" is advice,
# "I don't want to live in a city full of rubbish" is an opinion.
_ADVICE = re.compile(
    r"\W*(?:\w+\W+){0,2}?(?:password|passwords|pin|code|where you live|your address"
    r"|fjalekalim\w*|kodin|adres\w*|lozink\w*|sifr\w*|pin\w*|ku jeton)\b"
)
_LIVE_VERB = re.compile(r"\b(?:live|jetoj|zivim|zivjeti|ziveam)\b")
_LIVE_SOMEWHERE = re.compile(
    r"\W*(?:in|ne|u|vo|na)\s+(?:a|the|this|that|such|nje|kete|ate|ovom|ovakvom|takvom|ovoj"
    r"|takvoj|ovaa|takva|takov|vakva)\b"
)


@cache
def matcher() -> WordMatcher:
    from youthportal.safety.data.urgent_phrases import PHRASES

    return WordMatcher(
        (WordEntry(phrase, language, HOLD, category) for language, phrase, category in PHRASES),
        kind="urgent",
    )


def find(forms: list[Normalised]) -> list[Finding]:
    return [f for f in matcher().find(forms) if not _ordinary(f, forms[0].source)]


def _ordinary(finding: Finding, source: str) -> bool:
    after = fold(source[finding.end : finding.end + 40]).text
    if finding.category == "secrecy":
        return bool(_ADVICE.match(after))
    if finding.category == "self_harm" and _LIVE_VERB.search(finding.term or ""):
        return bool(_LIVE_SOMEWHERE.match(after))
    return False
