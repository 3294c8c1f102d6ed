"""One canonical form of a text for matching, with offsets back to what the author wrote.

fold() maps every character: Unicode NFKC, casefold, Serbian/Macedonian Cyrillic to Latin,
diacritics stripped (ë→e, č→c, đ→dj). normalise() then also undoes leetspeak, joins spaced-out
letters ("s.t.u.p.i.d") and collapses punctuation to single spaces. Every character of the
result knows the index of the original character it came from, so a finding can point at the
author's own text. Pure Python, no Flask: the screening pipeline runs it on every post.
"""

import re
import unicodedata
from dataclasses import dataclass, field

# Serbian and Macedonian Cyrillic (plus the few Russian/Bulgarian letters a phone keyboard
# may give) written the way young people spell these languages in Latin letters, so that
# Cyrillic and Latin spellings become the same string. ж→z and not ž: diacritics go anyway.
# fmt: off
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e",
    "ж": "z", "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj",
    "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "ћ": "c", "ќ": "kj", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz",
    "ш": "s", "ѐ": "e", "ѝ": "i", "й": "j", "щ": "st", "ъ": "", "ь": "", "ы": "y",
    "э": "e", "ю": "ju", "я": "ja", "ё": "e", "є": "je", "і": "i", "ї": "ji", "ў": "u",
}
# fmt: on
# Latin letters that do not decompose into a base letter plus a combining mark.
_LATIN = {"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "þ": "th"}
# Apostrophe look-alikes become one apostrophe, so "don’t" and "don't" fold alike.
_APOSTROPHES = {"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"}
_SPECIAL = {**_CYRILLIC, **_LATIN, **_APOSTROPHES}

_LEET = str.maketrans("013457$@", "oieastsa")
# From a leet character to the end of its token (letters, digits, $@!); the start of the token
# is found by looking back, so plain words cost nothing.
_LEET_TAIL = re.compile(r"[013457$@!][\w$@!]*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# "!" is a letter only inside a word ("sh!t"), not as the exclamation mark after one.
_INNER_BANG = re.compile(r"(?<=[^\W_])!(?=[^\W_])")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# Three or more single letters with 1-3 separators between them: "s.t.u.p.i.d", "s t u p i d".
_SPACED_LETTERS = re.compile(r"(?<![^\W_])[^\W\d_](?:(?:[^\w\n]|_){1,3}[^\W\d_](?![^\W_])){2,}")
# Quick tests (they start with a literal, which the regex engine finds fast) before the above.
_SPACED_AFTER_SPACE = re.compile(r" [^\W\d_][^\w\n]{1,3}[^\W\d_][^\w\n]{1,3}[^\W\d_](?![^\W_])")
_SPACED_AFTER_MARK = re.compile(
    r"[.\-_*/·,~+|:;'\"(\[]\w[.\-_*/·,~+|:;'\" ]{1,3}\w[.\-_*/·,~+|:;'\" ]"
)
# Punctuation becomes a space one for one; then runs of spaces become one space.
_SEPARATOR = re.compile(r"[^\w ]|_")
_SPACES = re.compile(r" {2,}")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")

_cache: dict[str, str] = {}


@dataclass
class Normalised:
    text: str
    # offsets[i] is the index in the original text of the character text[i] came from.
    offsets: list[int]
    source: str = field(default="", repr=False)
    # Where a character's original stretch ends, when it stands for several ("sss" → "s").
    ends: dict[int, int] | None = field(default=None, repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end] (end exclusive)."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return at, at
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        if self.ends:
            last = self.ends.get(end - 1, last)
        # Keep combining marks that belonged to the last character.
        while last < len(self.source) and unicodedata.combining(self.source[last]):
            last += 1
        return first, last

    def original(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.source[a:b]


def _map_unit(unit: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKC", unit).casefold():
        mapped = _SPECIAL.get(ch)
        if mapped is None:
            mapped = "".join(c for c in unicodedata.normalize("NFD", ch) if not _is_mark(c))
            mapped = "".join(_SPECIAL.get(c, c) for c in mapped)
        out.append(mapped)
    return "".join(out)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _units(text: str) -> list[tuple[int, str]]:
    """Characters, except that a base letter and its combining marks stay together (only
    needed for decomposed input, where ë may arrive as e + U+0308)."""
    units: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if units and _is_mark(ch):
            start, unit = units[-1]
            units[-1] = (start, unit + ch)
        else:
            units.append((i, ch))
    return units


def fold(text: str) -> Normalised:
    """Characters mapped one by one; punctuation and spacing untouched."""
    if text.isascii():
        return Normalised(text.lower(), list(range(len(text))), text)
    if unicodedata.is_normalized("NFC", text):
        chars = set(text)
        for ch in chars:
            if ch not in _cache:
                _cache[ch] = _map_unit(ch)
        folded = "".join(map(_cache.__getitem__, text))
        if all(len(_cache[ch]) == 1 for ch in chars):
            return Normalised(folded, list(range(len(text))), text)
        # đ → dj, a lone combining mark → nothing: only those characters need work.
        odd = "".join(ch for ch in chars if len(_cache[ch]) != 1)
        offsets: list[int] = []
        last = 0
        for m in re.finditer(f"[{re.escape(odd)}]", text):
            i = m.start()
            offsets.extend(range(last, i))
            offsets.extend([i] * len(_cache[text[i]]))
            last = i + 1
        offsets.extend(range(last, len(text)))
        return Normalised(folded, offsets, text)
    parts, offsets = [], []
    for start, unit in _units(text):
        mapped = _map_unit(unit)
        parts.append(mapped)
        offsets.extend([start] * len(mapped))
    return Normalised("".join(parts), offsets, text)


def _rewrite(norm: Normalised, pattern: re.Pattern, replace) -> Normalised:
    """Replace every match of pattern; replace(match, offsets) -> (text, offsets)."""
    s, offs = norm.text, norm.offsets
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for m in pattern.finditer(s):
        a, b = m.span()
        out.append(s[last:a])
        out_offsets.extend(offs[last:a])
        text, new_offsets = replace(m, offs)
        out.append(text)
        out_offsets.extend(new_offsets)
        last = b
    if not out:
        return norm
    out.append(s[last:])
    out_offsets.extend(offs[last:])
    return Normalised("".join(out), out_offsets, norm.source)


def _unleet(s: str) -> str:
    out: list[str] = []
    last = 0
    for m in _LEET_TAIL.finditer(s):
        start = m.start()
        while start > last and (s[start - 1].isalnum() or s[start - 1] in "_$@!"):
            start -= 1
        out.append(s[last:start])
        out.append(_leet_token(s[start : m.end()]))
        last = m.end()
    out.append(s[last:])
    return "".join(out)


def _leet_token(token: str) -> str:
    if not _HAS_LETTER.search(token):
        return token  # a number such as 2017 stays a number
    token = token.translate(_LEET)
    return _INNER_BANG.sub("i", token) if "!" in token else token


def _drop(m: re.Match, offs: list[int]) -> tuple[str, list[int]]:
    return "", []


def _join_letters(m: re.Match, offs: list[int]) -> tuple[str, list[int]]:
    """Join the letters; a wider gap than the usual one between them is a word break
    ("v r a j   v e t e n" → "vraj veten")."""
    group, start = m.group(), m.start()
    letters = [i for i, ch in enumerate(group) if ch.isalpha()]
    narrowest = min(b - a for a, b in zip(letters, letters[1:], strict=False))
    text, new_offsets = [group[letters[0]]], [offs[start + letters[0]]]
    for a, b in zip(letters, letters[1:], strict=False):
        if b - a > narrowest:
            text.append(" ")
            new_offsets.append(offs[start + a + 1])
        text.append(group[b])
        new_offsets.append(offs[start + b])
    return "".join(text), new_offsets


def _space(m: re.Match, offs: list[int]) -> tuple[str, list[int]]:
    return " ", [offs[m.start()]]


def tidy(folded: Normalised, *, leet: bool = True) -> Normalised:
    """The matching form of an already folded text."""
    norm = folded
    if "'" in norm.text:
        norm = _rewrite(norm, _APOSTROPHE_IN_WORD, _drop)
    if leet:
        # One-for-one replacements: the offsets stay valid.
        norm = Normalised(_unleet(norm.text), norm.offsets, norm.source)
    if _SPACED_AFTER_SPACE.search(" " + norm.text) or _SPACED_AFTER_MARK.search(norm.text):
        norm = _rewrite(norm, _SPACED_LETTERS, _join_letters)
    norm = Normalised(_SEPARATOR.sub(" ", norm.text), norm.offsets, norm.source)
    norm = _rewrite(norm, _SPACES, _space)
    s, offs = norm.text, norm.offsets
    if s.startswith(" "):
        s, offs = s[1:], offs[1:]
    if s.endswith(" "):
        s, offs = s[:-1], offs[:-1]
    return Normalised(s, offs, norm.source)


def normalise(text: str, *, leet: bool = True) -> Normalised:
    return tidy(fold(text), leet=leet)


def variants(norm: Normalised) -> list[Normalised]:
    """The forms to match: as is, or with runs of 3+ identical letters cut to one letter
    ("stuuupid" → "stupid") and to two ("assss" → "ass"). Double letters are never cut, so
    "class assessment" stays as it is."""
    if not _REPEATS.search(norm.text):
        return [norm]
    return [_cut_repeats(norm, n) for n in (1, 2)]


def _cut_repeats(norm: Normalised, n: int) -> Normalised:
    s, offs = norm.text, norm.offsets
    text: list[str] = []
    offsets: list[int] = []
    ends: dict[int, int] = {}
    last = 0
    for m in _REPEATS.finditer(s):
        a, b = m.span()
        text.append(s[last:a] + m.group()[:n])
        offsets.extend(offs[last : a + n])
        ends[len(offsets) - 1] = offs[b - 1] + 1  # the kept letter covers the whole run
        last = b
    text.append(s[last:])
    offsets.extend(offs[last:])
    return Normalised("".join(text), offsets, norm.source, ends)
