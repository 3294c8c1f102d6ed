"""Speed of the text-analysis engine on a long post with a large word list.

    python bench/screening_speed.py [--runs 200] [--entries 5000]

Builds a WordMatcher from the seed lists plus generated pseudo-words (Latin and Cyrillic,
single words and phrases) up to --entries, then times analyse() on a 5,000-character text
that mixes the five languages, contact details, insults and an urgent phrase. Target: median
under 5 ms.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.safety.corpus import CORPUS  # noqa: E402
from youthportal.safety.analyse import analyse  # noqa: E402
from youthportal.safety.data.watched_words import SEED  # noqa: E402
from youthportal.safety.words import WordEntry, WordMatcher  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=200)
parser.add_argument("--entries", type=int, default=5000)
parser.add_argument("--chars", type=int, default=5000)
args = parser.parse_args()

SYLLABLES = "ba be bi bo bu da de di do dra gje gu ka ke ki ko kra la le li lo ma me mi mo na ne "
SYLLABLES += "ni no pa pe po ra re ri ro sa se shi sko ta te ti to tra va ve vi vo za ze zi zo"
CYRILLIC = "ба бе во ги де жи зо ка ке ли ма но пе ра се ти ул фа цо ча ше ѓу ќе љу ње џа"


def pseudo_words(count: int, rng: random.Random) -> list[WordEntry]:
    latin, cyrillic = SYLLABLES.split(), CYRILLIC.split()
    actions = ["block", "hold", "flag", "mask"]
    categories = ["bullying", "hate", "sexual", "self_harm", "violence", "spam"]
    out = []
    for i in range(count):
        pool = cyrillic if i % 4 == 0 else latin
        word = "".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
        if i % 7 == 0:  # some phrases
            word += " " + "".join(rng.choice(pool) for _ in range(rng.randint(2, 3)))
        language = rng.choice(["sq", "en", "sr", "bs", "mk"])
        out.append(WordEntry(word, language, rng.choice(actions), rng.choice(categories)))
    return out


def mixed_text(chars: int, rng: random.Random) -> str:
    clean = [t for _, label, t in CORPUS if label == "clean"]
    other = [t for _, label, t in CORPUS if label != "clean"]
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < chars:
        # Mostly ordinary text, one in ten sentences with something to find.
        parts.append(rng.choice(other) if rng.random() < 0.1 else rng.choice(clean))
    return " ".join(parts)[:chars]


rng = random.Random(42)
entries = [WordEntry(t, lang, a, c) for lang, t, a, c in SEED]
entries += pseudo_words(max(0, args.entries - len(entries)), rng)

start = time.perf_counter()
matcher = WordMatcher(entries)
build_ms = (time.perf_counter() - start) * 1000
text = mixed_text(args.chars, rng)

analyse(text, "sq", matcher=matcher)  # warm caches (character map, urgent automaton)
timings = []
for _ in range(args.runs):
    start = time.perf_counter()
    verdict = analyse(text, "sq", matcher=matcher)
    timings.append((time.perf_counter() - start) * 1000)
timings.sort()

print(f"word list: {len(matcher)} entries, automaton built in {build_ms:.1f} ms")
print(f"text: {len(text)} characters, {len(verdict.findings)} findings, action {verdict.action}")
print(
    f"analyse over {args.runs} runs: median {statistics.median(timings):.2f} ms, "
    f"p95 {timings[int(len(timings) * 0.95) - 1]:.2f} ms, max {timings[-1]:.2f} ms"
)
print("target: median < 5 ms:", "OK" if statistics.median(timings) < 5 else "TOO SLOW")
