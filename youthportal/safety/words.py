"""Watched words and phrases, matched with one Aho-Corasick automaton on whole words only.

Terms are normalised exactly like the texts, so one entry catches its Cyrillic and Latin
spelling, leetspeak and spaced-out letters. A term may hold "..." for a gap of up to three
words: "has my ... photos" matches "has my photos" and "has my private photos".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from youthportal.safety.normalise import Normalised, normalise, variants
from youthportal.safety.verdict import Finding

MAX_GAP_WORDS = 3
# When two entries normalise to the same key, the stronger action wins.
_STRENGTH = {"mask": 1, "flag": 2, "hold": 3, "block": 4}
_GAP = re.compile(r"\s*(?:\.\.\.|…)\s*")


@dataclass(frozen=True)
class WordEntry:
    term: str
    language: str = ""
    action: str = "hold"
    category: str | None = None


class WordMatcher:
    def __init__(self, entries: Iterable[WordEntry], *, kind: str = "word"):
        self.kind = kind
        self.entries: list[WordEntry] = []
        self._parts: list[int] = []  # how many parts each entry has
        refs: dict[str, list[tuple[int, int]]] = {}
        whole: dict[str, int] = {}  # one-part key -> the strongest entry with that key
        for entry in entries:
            parts = [_keys(p) for p in _GAP.split(entry.term.strip())]
            parts = [p for p in parts if p]
            if not parts:
                continue
            index = len(self.entries)
            self.entries.append(entry)
            self._parts.append(len(parts))
            if len(parts) == 1:
                for key in parts[0]:
                    best = whole.get(key)
                    if best is None or _stronger(entry, self.entries[best]):
                        whole[key] = index
                continue
            for number, keys in enumerate(parts):
                for key in keys:
                    refs.setdefault(key, []).append((index, number))
        for key, index in whole.items():
            refs.setdefault(key, []).append((index, 0))
        self._automaton = ahocorasick.Automaton()
        for key, key_refs in refs.items():
            self._automaton.add_word(key, (len(key), tuple(key_refs)))
        self._ready = bool(refs)
        if self._ready:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.entries)

    def find(
        self, forms: Normalised | list[Normalised], languages: Iterable[str] | None = None
    ) -> list[Finding]:
        """Findings in the normalised forms (see normalise.variants), original spans."""
        if not self._ready:
            return []
        if isinstance(forms, Normalised):
            forms = variants(forms)
        wanted = set(languages) if languages is not None else None
        found: dict[tuple[int, int, int], Finding] = {}
        for form in forms:
            for index, start, end in self._matches(form.text):
                entry = self.entries[index]
                if wanted is not None and entry.language and entry.language not in wanted:
                    continue
                a, b = form.span(start, end)
                found.setdefault(
                    (a, b, index),
                    Finding(
                        kind=self.kind,
                        action=entry.action,
                        start=a,
                        end=b,
                        text=form.source[a:b],
                        category=entry.category,
                        term=entry.term,
                    ),
                )
        return list(found.values())

    def _matches(self, s: str) -> Iterable[tuple[int, int, int]]:
        """(entry index, start, end) of every whole-word match in s."""
        n = len(s)
        partial: dict[int, list[tuple[int, int, int]]] = {}
        for last, (length, key_refs) in self._automaton.iter(s):
            start, end = last - length + 1, last + 1
            if (start > 0 and s[start - 1].isalnum()) or (end < n and s[end].isalnum()):
                continue
            for index, part in key_refs:
                if self._parts[index] == 1:
                    yield index, start, end
                else:
                    partial.setdefault(index, []).append((part, start, end))
        for index, hits in partial.items():
            for start, end in _chains(s, hits, self._parts[index]):
                yield index, start, end


def _keys(term: str) -> list[str]:
    """The normalised forms of one term (two when it has a run of three letters)."""
    return list(dict.fromkeys(v.text for v in variants(normalise(term)) if v.text))


def _stronger(a: WordEntry, b: WordEntry) -> bool:
    return _STRENGTH.get(a.action, 0) > _STRENGTH.get(b.action, 0)


def _chains(s: str, hits: list[tuple[int, int, int]], parts: int) -> list[tuple[int, int]]:
    """Spans where part 0, 1, ... follow each other with at most MAX_GAP_WORDS between."""
    by_part: list[list[tuple[int, int]]] = [[] for _ in range(parts)]
    for part, start, end in hits:
        by_part[part].append((start, end))
    if any(not spans for spans in by_part):
        return []
    out = []
    for first_start, first_end in sorted(by_part[0]):
        end = first_end
        for spans in by_part[1:]:
            end = next((e for a, e in sorted(spans) if a > end and _gap(s, end, a)), -1)
            if end < 0:
                break
        if end >= 0:
            out.append((first_start, end))
    return out


def _gap(s: str, end: int, start: int) -> bool:
    return s.count(" ", end, start) - 1 <= MAX_GAP_WORDS
