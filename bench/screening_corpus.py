"""Precision and recall of the text-analysis engine on the labelled corpus, per label.

    python bench/screening_corpus.py [--misses]

A text counts as flagged for a label when: pii - blocked for personal information; urgent -
marked urgent; insult - not published unchanged (blocked, held, masked or sent for review);
insult - a watched word found (the test in tests/safety/test_corpus.py also counts any
text not published unchanged); clean - published unchanged (so its "recall" is the share of
ordinary texts left alone). Precision is the share of flagged texts that carry that label.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.safety.corpus import CORPUS  # noqa: E402
from youthportal.safety.analyse import analyse  # noqa: E402

PII_KINDS = {"email", "phone", "handle", "url", "address", "school", "location"}
LABELS = ("clean", "pii", "insult", "urgent")

parser = argparse.ArgumentParser()
parser.add_argument("--misses", action="store_true", help="list the texts each label missed")
args = parser.parse_args()


def flags(text: str, verdict) -> set[str]:
    out = set()
    if verdict.ok and verdict.text == text and not verdict.needs_review:
        out.add("clean")
    if verdict.blocked and any(f.kind in PII_KINDS for f in verdict.findings):
        out.add("pii")
    if verdict.urgent:
        out.add("urgent")
    if any(f.kind == "word" for f in verdict.findings):
        out.add("insult")
    return out


rows = [(lang, label, text, analyse(text, lang, youth=True)) for lang, label, text in CORPUS]
total = Counter(label for _, label, _, _ in rows)
hits, flagged, misses = Counter(), Counter(), {label: [] for label in LABELS}
for lang, label, text, verdict in rows:
    got = flags(text, verdict)
    for name in got:
        flagged[name] += 1
    if label in got:
        hits[label] += 1
    else:
        misses[label].append((lang, text, verdict))

print(f"{len(rows)} texts in {len({r[0] for r in rows})} languages\n")
print(f"{'label':8} {'texts':>6} {'found':>6} {'flagged':>8} {'recall':>7} {'precision':>10}")
for label in LABELS:
    recall = hits[label] / total[label] if total[label] else 0
    precision = hits[label] / flagged[label] if flagged[label] else 0
    print(
        f"{label:8} {total[label]:6} {hits[label]:6} {flagged[label]:8} "
        f"{recall:7.3f} {precision:10.3f}"
    )
if args.misses:
    for label in LABELS:
        for lang, text, verdict in misses[label]:
            kinds = ", ".join(f"{f.kind}:{f.text!r}" for f in verdict.findings) or "-"
            print(f"missed {label} [{lang}] {text!r} -> {verdict.action} ({kinds})")
