"""Word-level three-way merge and diff for report sections edited by several people at once.

Two young people may open the same section, change it and save. Neither edit may ever be
lost: the later save is merged with the earlier one against the revision both started from
(the *base*). Changes to different places combine silently; different changes to the same
words become a conflict that the authors settle together, with both versions on screen.

Everything works on tokens: words and the whitespace between them. So fixing one word never
clashes with fixing the next one, and a line break is always a boundary of its own.

Chunk representation: a merge is a tuple of chunks covering the texts from start to end.
Every chunk, "same" or "conflict", carries the three original texts of its stretch
(``base``, ``mine``, ``theirs``); a "same" chunk also carries ``text``, what the merge keeps
there. Joining one field over all chunks therefore rebuilds that original exactly, whether or
not the merge is clean, so an author's own version can always be shown or restored.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME = "same"
CONFLICT = "conflict"
EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

# A newline alone, other whitespace runs, or a word (punctuation stays on its word). The three
# alternatives cover every character, so the split never loses anything.
_TOKEN = re.compile(r"\n|[^\S\n]+|\S+")


def tokens(text: str) -> list[str]:
    """Split text into words and the whitespace between them, losslessly.

    Each newline is a token of its own, so changes on different lines never touch.
    ``"".join(tokens(t)) == t`` for every string.
    """
    return _TOKEN.findall(text)


def _is_word(token: str) -> bool:
    return not token.isspace()


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    # autojunk would treat frequent tokens (spaces!) as noise and give odd alignments.
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


# --- three-way merge ------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One stretch of a merge.

    ``base``, ``mine`` and ``theirs`` are always the original texts of this stretch. For a
    ``"same"`` chunk ``text`` is what the merge keeps: the shared text, the only side that
    changed, or the change both made alike. A ``"conflict"`` chunk has no ``text``: both sides
    changed the stretch differently and a person has to choose.
    """

    kind: str
    text: str = ""
    base: str = ""
    mine: str = ""
    theirs: str = ""


@dataclass(frozen=True)
class Merge:
    """The result of ``merge3``: chunks that cover base, mine and theirs from start to end."""

    chunks: tuple[Chunk, ...]

    @property
    def clean(self) -> bool:
        """True when nothing needs a person's decision."""
        return all(chunk.kind == SAME for chunk in self.chunks)

    @property
    def text(self) -> str | None:
        """The merged text, or None while a conflict is open (never guess for the authors)."""
        if not self.clean:
            return None
        return "".join(chunk.text for chunk in self.chunks)

    def preferring(self, which: str) -> str:
        """Everything that merged cleanly, and ``which`` side ("mine" or "theirs") where the
        two overlap: a starting point for resolving that loses neither person's other edits."""
        if which not in ("mine", "theirs"):
            raise ValueError(f"unknown side {which!r}")
        return "".join(
            chunk.text if chunk.kind == SAME else getattr(chunk, which) for chunk in self.chunks
        )

    def side(self, which: str) -> str:
        """One original text ("mine", "theirs" or "base"), rebuilt exactly from the chunks.

        Lets the editor show or restore an author's own version next to a conflict.
        """
        if which not in ("base", "mine", "theirs"):
            raise ValueError(f"unknown side {which!r}")
        return "".join(getattr(chunk, which) for chunk in self.chunks)

    @property
    def conflicts(self) -> list[Chunk]:
        """The stretches a person has to settle, in text order."""
        return [chunk for chunk in self.chunks if chunk.kind == CONFLICT]


def merge3(base: str, mine: str, theirs: str) -> Merge:
    """Merge two edits of the same base text word by word (the diff3 algorithm).

    Changes to separate places are both kept; a change both made alike is kept once; changes
    to the same place (including two different insertions at one point) become one conflict.
    """
    if len({base, mine, theirs}) < 3:
        # Nothing to reconcile: only one side changed the text, or both alike.
        return Merge((_resolve(base, mine, theirs),) if base or mine or theirs else ())
    stretches = _stretches(tokens(base), tokens(mine), tokens(theirs))
    chunks = [_resolve("".join(b), "".join(m), "".join(t)) for b, m, t in stretches]
    return Merge(tuple(_coalesce(chunks)))


def _resolve(base: str, mine: str, theirs: str) -> Chunk:
    """The chunk for one stretch: resolved unless both sides changed it differently."""
    if mine == theirs or theirs == base:
        text = mine
    elif mine == base:
        text = theirs
    else:
        return Chunk(CONFLICT, base=base, mine=mine, theirs=theirs)
    return Chunk(SAME, text=text, base=base, mine=mine, theirs=theirs)


def _alignment(base: list[str], other: list[str]) -> dict[int, int]:
    """Base token index -> index of the same token in ``other``, for tokens the diff kept."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return {i + k: j + k for i, j, size in matcher.get_matching_blocks() for k in range(size)}


def _stretches(
    base: list[str], mine: list[str], theirs: list[str]
) -> list[tuple[list[str], list[str], list[str]]]:
    """Cut the three token lists into aligned stretches (diff3).

    Stable stretches are base tokens both sides kept in place, so all three agree there. In
    between lie unstable stretches, running up to the next base token both sides kept: what
    happens inside one is decided by ``_resolve``. Because every stable stretch is at least
    one token long, two sides' edits separated by any kept token (even a space) never meet.
    """
    to_mine, to_theirs = _alignment(base, mine), _alignment(base, theirs)
    out = []
    b = m = t = 0
    while b < len(base):
        size = 0
        while (
            b + size < len(base)
            and to_mine.get(b + size) == m + size
            and to_theirs.get(b + size) == t + size
        ):
            size += 1
        if size:
            out.append((base[b : b + size], mine[m : m + size], theirs[t : t + size]))
            b, m, t = b + size, m + size, t + size
            continue
        kept = next((i for i in range(b, len(base)) if i in to_mine and i in to_theirs), None)
        if kept is None:
            break  # unstable up to the end: the tail below takes it
        out.append((base[b:kept], mine[m : to_mine[kept]], theirs[t : to_theirs[kept]]))
        b, m, t = kept, to_mine[kept], to_theirs[kept]
    if b < len(base) or m < len(mine) or t < len(theirs):
        out.append((base[b:], mine[m:], theirs[t:]))
    return out


def _coalesce(chunks: list[Chunk]) -> list[Chunk]:
    """Join conflicts separated only by spaces on one line into a single conflict.

    Two authors rewriting the same phrase differently should see one choice, not one per
    word. Line breaks still separate conflicts, so each stays small enough to read.
    """
    out: list[Chunk] = []
    for chunk in chunks:
        if chunk.kind == CONFLICT and out and out[-1].kind == CONFLICT:
            chunk = _join([out.pop(), chunk])
        elif (
            chunk.kind == CONFLICT
            and len(out) >= 2
            and out[-2].kind == CONFLICT
            and _is_line_space(out[-1])
        ):
            gap = out.pop()
            chunk = _join([out.pop(), gap, chunk])
        out.append(chunk)
    return out


def _is_line_space(chunk: Chunk) -> bool:
    """A stretch all three texts share that is only spaces or tabs (no line break)."""
    text = chunk.base
    return (
        chunk.kind == SAME
        and text == chunk.mine == chunk.theirs
        and text.isspace()
        and "\n" not in text
    )


def _join(chunks: list[Chunk]) -> Chunk:
    # Re-resolve the joined stretch rather than assume: the result stays truthful either way.
    return _resolve(
        "".join(c.base for c in chunks),
        "".join(c.mine for c in chunks),
        "".join(c.theirs for c in chunks),
    )


# --- history diff ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffPart:
    """A run of text in a revision diff: kept ("equal"), added ("insert") or removed ("delete")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Word-level diff of two revisions, for the section history.

    Joining the "equal" and "delete" parts gives ``old``; joining "equal" and "insert" gives
    ``new``. A replaced stretch is a delete followed by an insert, and a lone space between
    two changes is folded into them so a rewritten phrase reads as one change.
    """
    a, b = tokens(old), tokens(new)
    parts = []
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == EQUAL:
            parts.append(DiffPart(EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart(INSERT, "".join(b[j1:j2])))
    return _group_changes(_fold_spaces(parts))


def _fold_spaces(parts: list[DiffPart]) -> list[DiffPart]:
    """Turn spaces kept between two changes (same line) into a delete plus an insert."""
    out = []
    for index, part in enumerate(parts):
        between_changes = (
            0 < index < len(parts) - 1
            and parts[index - 1].op != EQUAL
            and parts[index + 1].op != EQUAL
        )
        if part.op == EQUAL and between_changes and part.text.isspace() and "\n" not in part.text:
            out += [DiffPart(DELETE, part.text), DiffPart(INSERT, part.text)]
        else:
            out.append(part)
    return out


def _group_changes(parts: list[DiffPart]) -> list[DiffPart]:
    """Merge each run of changes into one delete then one insert, and neighbouring equals."""
    out: list[DiffPart] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(DiffPart(DELETE, "".join(deleted)))
        if inserted:
            out.append(DiffPart(INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for part in parts:
        if part.op == DELETE:
            deleted.append(part.text)
        elif part.op == INSERT:
            inserted.append(part.text)
        else:
            flush()
            if out and out[-1].op == EQUAL:
                out[-1] = DiffPart(EQUAL, out[-1].text + part.text)
            else:
                out.append(part)
    flush()
    return out


def diff_stats(old: str, new: str) -> tuple[int, int]:
    """(words inserted, words deleted) between two revisions, for the history list ("+12 −3").

    Only words count: reflowing spaces or line breaks is not shown as work.
    """
    a, b = tokens(old), tokens(new)
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op != EQUAL:
            deleted += sum(map(_is_word, a[i1:i2]))
            inserted += sum(map(_is_word, b[j1:j2]))
    return inserted, deleted
