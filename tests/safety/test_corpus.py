"""The labelled corpus: recall on personal information, urgent disclosures and insults, and
(almost) no false alarms on ordinary texts. Failures are printed to help improve the engine."""

from collections import Counter

import pytest

from tests.safety.corpus import CORPUS
from youthportal.safety.analyse import analyse

PII_KINDS = {"email", "phone", "handle", "url", "address", "school", "location"}
LANGUAGES = {"sq", "en", "sr", "bs", "mk"}


def caught(label: str, text: str, verdict) -> bool:
    if label == "clean":
        return not (verdict.ok and verdict.text == text and not verdict.needs_review)
    if label == "pii":
        return verdict.blocked and any(f.kind in PII_KINDS for f in verdict.findings)
    if label == "urgent":
        return verdict.urgent
    # insult: anything but publishing it unchanged
    return not verdict.ok or verdict.needs_review or verdict.text != text


@pytest.fixture(scope="module")
def results():
    return [(lang, label, text, analyse(text, lang, youth=True)) for lang, label, text in CORPUS]


def describe(rows) -> str:
    lines = []
    for lang, label, text, verdict in rows:
        found = ", ".join(f"{f.kind}:{f.text!r}" for f in verdict.findings) or "nothing found"
        lines.append(f"  [{lang}/{label}] {text!r} -> {verdict.action} ({found})")
    return "\n".join(lines)


def test_corpus_shape():
    counts = Counter(label for _, label, _ in CORPUS)
    assert len(CORPUS) >= 320
    assert counts["clean"] >= 130 and counts["pii"] >= 90
    assert counts["insult"] >= 50 and counts["urgent"] >= 50
    for label in counts:
        assert {lang for lang, lab, _ in CORPUS if lab == label} == LANGUAGES, label
    assert len({text for _, _, text in CORPUS}) == len(CORPUS), "duplicate texts"


@pytest.mark.parametrize(("label", "minimum"), [("pii", 0.95), ("urgent", 0.95), ("insult", 0.9)])
def test_recall(results, label, minimum):
    rows = [row for row in results if row[1] == label]
    missed = [row for row in rows if not caught(label, row[2], row[3])]
    recall = 1 - len(missed) / len(rows)
    assert recall >= minimum, f"{label} recall {recall:.3f} < {minimum}; missed:\n" + describe(
        missed
    )


def test_false_positives_on_clean_texts(results):
    rows = [row for row in results if row[1] == "clean"]
    wrong = [row for row in rows if caught("clean", row[2], row[3])]
    rate = len(wrong) / len(rows)
    assert rate <= 0.02, f"false positives {rate:.3f} > 0.02:\n" + describe(wrong)
