"""Watched words: whole words only, every spelling of an entry, original spans."""

import pytest

from youthportal.safety.analyse import analyse, seed_matcher
from youthportal.safety.data.watched_words import SEED
from youthportal.safety.normalise import normalise
from youthportal.safety.words import WordEntry, WordMatcher

MATCHER = WordMatcher(
    [
        WordEntry("stupid", "en", "hold", "bullying"),
        WordEntry("ass", "en", "mask", "bullying"),
        WordEntry("kill yourself", "en", "block", "self_harm"),
        WordEntry("ѓубре", "mk", "hold", "bullying"),
        WordEntry("убиј се", "mk", "block", "self_harm"),
        WordEntry("shit", "en", "mask", "bullying"),
        WordEntry("has my ... photos", "en", "hold", "sextortion"),
        WordEntry("kurac", "sr", "block", "sexual"),
        WordEntry("Kurac", "bs", "hold", "sexual"),
    ]
)


def found(text: str, matcher: WordMatcher = MATCHER) -> list[tuple[str, str]]:
    return [(f.term, f.text) for f in matcher.find(normalise(text))]


def test_whole_words_only():
    for text in [
        "Scunthorpe",
        "class assessment",
        "I passed my exam",
        "The assassin was caught",
        "Shitje me zbritje, shitësi ishte i sjellshëm",
        "massive grass",
    ]:
        assert found(text) == [], text


def test_match_reports_the_original_span():
    text = "You are so S.T.U.P.I.D!!"
    [finding] = MATCHER.find(normalise(text))
    assert (finding.start, finding.end) == (11, 22)
    assert text[finding.start : finding.end] == finding.text == "S.T.U.P.I.D"
    assert finding.kind == "word"
    assert (finding.action, finding.category, finding.term) == ("hold", "bullying", "stupid")


def test_cyrillic_entry_matches_both_scripts():
    assert found("Ти си ѓубре") == [("ѓубре", "ѓубре")]
    assert found("ti si gjubre") == [("ѓубре", "gjubre")]
    assert found("Ubij se!") == [("убиј се", "Ubij se")]


def test_leet_and_repeated_letters():
    assert found("$tup1d") == [("stupid", "$tup1d")]
    assert found("stuuuupid") == [("stupid", "stuuuupid")]
    assert found("a$$") == [("ass", "a$$")]
    assert found("you asssss") == [("ass", "asssss")]
    assert found("sh!t") == [("shit", "sh!t")]


def test_multi_word_terms_and_gaps():
    assert found("just kill   yourself") == [("kill yourself", "kill   yourself")]
    assert found("k.i.l.l yourself") == [("kill yourself", "k.i.l.l yourself")]
    assert found("he has my private photos") == [("has my ... photos", "has my private photos")]
    assert found("he has my photos") == [("has my ... photos", "has my photos")]
    # More than three words in the gap: no match.
    assert found("he has my old school class trip photos") == []


def test_same_key_keeps_the_strongest_action():
    [finding] = MATCHER.find(normalise("kurac"))
    assert finding.action == "block"


def test_language_filter():
    assert MATCHER.find(normalise("stupid"), languages=["sq"]) == []
    assert len(MATCHER.find(normalise("stupid"), languages=["en"])) == 1


def test_empty_matcher():
    assert WordMatcher([]).find(normalise("anything")) == []
    assert WordMatcher([WordEntry("!!!")]).find(normalise("!!!")) == []


def test_seed_lists_are_complete_and_valid():
    languages = {language for language, *_ in SEED}
    assert languages == {"sq", "en", "sr", "bs", "mk"}
    for language in languages:
        assert sum(1 for entry in SEED if entry[0] == language) >= 40, language
    actions = {"block", "hold", "flag", "mask"}
    categories = {"bullying", "hate", "sexual", "self_harm", "violence", "spam"}
    for _, term, action, category in SEED:
        assert action in actions and category in categories, term
        assert term.strip() and len(term) <= 120
    keys = [(language, term.strip().lower()) for language, term, *_ in SEED]
    assert len(keys) == len(set(keys)), "duplicate (language, term) pairs"
    assert len(seed_matcher()) == len(SEED)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("kys", "block"),
        ("vraj veten", "block"),
        ("ubij se", "block"),
        ("убиј се", "block"),
        ("free followers here", "publish"),  # flagged for review, still published
        ("you idiot", "hold"),
        ("what the fuck", "publish"),  # masked
    ],
)
def test_seed_actions(text, action):
    verdict = analyse(text, "en")
    assert verdict.action == action, verdict.findings


def test_mask_and_flag_in_the_verdict():
    verdict = analyse("this is shit", "en")
    assert verdict.ok and verdict.text == "this is ****"
    verdict = analyse("click here for free robux", "en")
    assert verdict.ok and verdict.needs_review and verdict.text == "click here for free robux"


def test_urgent_phrases_hold_and_mark():
    verdict = analyse("He told me it's our secret", "en")
    assert verdict.urgent and verdict.held
    assert {f.category for f in verdict.findings} == {"secrecy"}
    assert verdict.findings[0].kind == "urgent"
    # Advice is not a secret.
    assert analyse("Don't tell anyone your password.", "en").ok
    # An opinion about a place is not self-harm.
    assert analyse("I don't want to live in a city without parks.", "en").ok
    # An urgent disclosure with contact details is still held, never blocked.
    verdict = analyse("I want to die, call me 069 123 4567", "en")
    assert verdict.urgent and verdict.held
