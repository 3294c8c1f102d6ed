"""The word-level merge behind collaborative report sections: examples of what two authors
expect when they save the same section, and properties that must hold for any three texts
(no edit is ever lost, each author's own text can always be rebuilt)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from youthportal.reports.merge import (
    Chunk,
    DiffPart,
    Merge,
    diff_stats,
    merge3,
    tokens,
    word_diff,
)

SECTION = (
    "Young people want more sport halls.\n"
    "\n"
    "The municipality should open school gyms after classes.\n"
    "\n"
    "We also ask for free buses on weekends."
)


def assert_rebuilds_sides(merge: Merge, base: str, mine: str, theirs: str) -> None:
    assert merge.side("mine") == mine
    assert merge.side("theirs") == theirs
    assert merge.side("base") == base


# --- tokens ---------------------------------------------------------------------------------


def test_tokens_keep_words_spaces_and_each_newline_apart():
    assert tokens("Hello,  world!\n\nBye") == ["Hello,", "  ", "world!", "\n", "\n", "Bye"]
    assert tokens("a \r\nb") == ["a", " \r", "\n", "b"]
    assert tokens("") == []


# --- merge: what the authors expect ---------------------------------------------------------


def test_edits_to_different_paragraphs_are_both_kept():
    mine = SECTION.replace("more sport halls", "more sport halls and a skate park")
    theirs = SECTION.replace("free buses on weekends", "free buses on weekends and holidays")
    merge = merge3(SECTION, mine, theirs)
    assert merge.clean and merge.conflicts == []
    assert "and a skate park" in merge.text and "and holidays" in merge.text
    assert merge.text == mine.replace("on weekends", "on weekends and holidays")


def test_edits_to_different_words_of_one_sentence_are_both_kept():
    base = "The municipality should open school gyms after classes."
    mine = "The city should open school gyms after classes."
    theirs = "The municipality should open school gyms after lessons."
    merge = merge3(base, mine, theirs)
    assert merge.text == "The city should open school gyms after lessons."


def test_edits_to_neighbouring_words_do_not_conflict():
    merge = merge3("open school gyms", "open public gyms", "open school halls")
    assert merge.text == "open public halls"


def test_the_same_edit_by_both_is_applied_once():
    mine = theirs = SECTION.replace("gyms", "sports halls")
    merge = merge3(SECTION, mine, theirs)
    assert merge.text == mine
    assert merge.text.count("sports halls") == 1


def test_the_same_edit_plus_a_separate_one_is_applied_once():
    base = "We want parks. We want buses. We want libraries."
    mine = "We want green parks. We want buses. We want open libraries."
    theirs = "We want green parks. We want cheap buses. We want libraries."
    merge = merge3(base, mine, theirs)
    assert merge.text == "We want green parks. We want cheap buses. We want open libraries."


def test_different_changes_to_the_same_word_conflict_and_keep_both_versions():
    base = "The municipality should open school gyms after classes."
    mine = "The municipality should open school gyms after lessons."
    theirs = "The municipality should open school gyms after school."
    merge = merge3(base, mine, theirs)
    assert not merge.clean and merge.text is None
    [conflict] = merge.conflicts
    assert (conflict.kind, conflict.base, conflict.mine, conflict.theirs) == (
        "conflict",
        "classes.",
        "lessons.",
        "school.",
    )
    assert_rebuilds_sides(merge, base, mine, theirs)


def test_rewrites_of_the_same_phrase_are_one_conflict():
    merge = merge3("open school gyms today", "open new sport halls today", "open big pools today")
    [conflict] = merge.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (
        "school gyms",
        "new sport halls",
        "big pools",
    )


def test_conflicts_on_different_lines_stay_apart_and_clean_edits_around_them_are_kept():
    base = "one two\nthree four\nfive six"
    mine = "one TWO\nthree four\nfive SIX"
    theirs = "one 2\nthree 4\nfive 6"
    merge = merge3(base, mine, theirs)
    assert [(c.mine, c.theirs) for c in merge.conflicts] == [("TWO", "2"), ("SIX", "6")]
    [resolved] = [c for c in merge.chunks if c.kind == "same" and c.mine != c.theirs]
    assert (resolved.base, resolved.text) == ("four", "4")
    assert_rebuilds_sides(merge, base, mine, theirs)


def test_deleting_a_paragraph_the_other_edited_is_a_conflict():
    mine = SECTION.replace("The municipality should open school gyms after classes.\n\n", "")
    theirs = SECTION.replace("school gyms", "school gyms and pools")
    merge = merge3(SECTION, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.mine == ""
    assert "and pools" in conflict.theirs
    assert_rebuilds_sides(merge, SECTION, mine, theirs)


def test_different_insertions_at_the_same_point_conflict():
    base = "We ask for buses."
    merge = merge3(base, "We ask for free buses.", "We ask for night buses.")
    [conflict] = merge.conflicts
    assert conflict.base == ""
    assert {conflict.mine.strip(), conflict.theirs.strip()} == {"free", "night"}
    assert_rebuilds_sides(merge, base, "We ask for free buses.", "We ask for night buses.")


def test_albanian_and_macedonian_text():
    base = "Të rinjtë në Shkodër kërkojnë çka? Министерството за образование одговара."
    mine = base.replace("kërkojnë", "kërkojnë më shumë")
    theirs = base.replace("одговара", "ќе одговори")
    merge = merge3(base, mine, theirs)
    assert merge.text == (
        "Të rinjtë në Shkodër kërkojnë më shumë çka? Министерството за образование ќе одговори."
    )
    clash = merge3("čać šžđ", "čać ŠŽĐ", "čać šž đ!")
    assert [c.mine for c in clash.conflicts] == ["ŠŽĐ"]
    assert_rebuilds_sides(clash, "čać šžđ", "čać ŠŽĐ", "čać šž đ!")


def test_crlf_texts_merge_like_lf_texts():
    crlf = SECTION.replace("\n", "\r\n")
    mine = crlf.replace("sport halls", "sport halls and parks")
    theirs = crlf.replace("free buses", "cheap buses")
    assert merge3(crlf, mine, theirs).text == merge3(
        SECTION, mine.replace("\r\n", "\n"), theirs.replace("\r\n", "\n")
    ).text.replace("\n", "\r\n")


def test_mixed_line_endings_never_lose_a_side():
    crlf = SECTION.replace("\n", "\r\n")
    mine = SECTION.replace("gyms", "halls")  # saved from a browser that sends LF
    theirs = crlf.replace("gyms", "pools")
    merge = merge3(crlf, mine, theirs)
    assert not merge.clean
    assert_rebuilds_sides(merge, crlf, mine, theirs)


def test_both_start_from_an_empty_section():
    merge = merge3("", "Our idea: a youth centre.", "We need sport halls.")
    [conflict] = merge.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (
        "",
        "Our idea: a youth centre.",
        "We need sport halls.",
    )
    assert merge3("", "", "We need sport halls.").text == "We need sport halls."
    assert merge3("", "Our idea.", "").text == "Our idea."
    assert merge3("", "", "") == Merge(())
    assert merge3("", "", "").text == ""


def test_unchanged_sides_take_the_other():
    assert merge3(SECTION, SECTION, "new").text == "new"
    assert merge3(SECTION, "new", SECTION).text == "new"
    assert merge3(SECTION, "new", "new").text == "new"
    assert merge3(SECTION, "", SECTION).text == ""


def test_side_rejects_unknown_names():
    with pytest.raises(ValueError):
        merge3("a", "b", "c").side("ours")


# --- history diff ---------------------------------------------------------------------------


def test_word_diff_marks_a_replaced_word_as_delete_then_insert():
    assert word_diff("open school gyms", "open public gyms") == [
        DiffPart("equal", "open "),
        DiffPart("delete", "school"),
        DiffPart("insert", "public"),
        DiffPart("equal", " gyms"),
    ]


def test_word_diff_reads_a_rewritten_phrase_as_one_change():
    assert word_diff("we want school gyms now", "we want new halls now") == [
        DiffPart("equal", "we want "),
        DiffPart("delete", "school gyms"),
        DiffPart("insert", "new halls"),
        DiffPart("equal", " now"),
    ]


def test_word_diff_of_unchanged_text_is_one_equal_part():
    assert word_diff(SECTION, SECTION) == [DiffPart("equal", SECTION)]
    assert word_diff("", "") == []
    assert word_diff("", "new text") == [DiffPart("insert", "new text")]


def test_word_diff_joins_back_to_both_revisions():
    new = SECTION.replace("gyms", "sport halls").replace("We also ask", "Also:")
    parts = word_diff(SECTION, new)
    assert "".join(p.text for p in parts if p.op != "insert") == SECTION
    assert "".join(p.text for p in parts if p.op != "delete") == new


def test_diff_stats_counts_words_not_spaces():
    assert diff_stats("open school gyms", "open public gyms and pools") == (3, 1)
    assert diff_stats("a b", "a\n\nb") == (0, 0)
    assert diff_stats("", "") == (0, 0)
    assert diff_stats("one two three", "") == (0, 3)


# --- properties -----------------------------------------------------------------------------

# A tiny vocabulary, so random texts share words and whitespace all the time.
PIECES = ["a", "b", "the", "ë", "çka,", "Министерството", "đ.", " ", "  ", "\n", "\r\n", "\n\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@st.composite
def edited(draw, base: str) -> str:
    """``base`` with a few random token stretches replaced: like a real edit of it."""
    parts = tokens(base)
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, len(parts)))
        end = draw(st.integers(start, min(len(parts), start + 3)))
        parts[start:end] = draw(st.lists(st.sampled_from(PIECES), max_size=3))
    return "".join(parts)


@st.composite
def triples(draw) -> tuple[str, str, str]:
    base = draw(texts)
    mine = draw(st.one_of(edited(base), texts))
    theirs = draw(st.one_of(edited(base), edited(mine), texts))
    return base, mine, theirs


@settings(max_examples=300, deadline=None)
@given(triples())
def test_no_side_is_ever_lost(triple):
    base, mine, theirs = triple
    merge = merge3(base, mine, theirs)
    assert_rebuilds_sides(merge, base, mine, theirs)
    assert merge.clean == (merge.conflicts == [])
    assert (merge.text is None) == (not merge.clean)
    for chunk in merge.chunks:
        assert chunk.kind in ("same", "conflict")
        if chunk.kind == "conflict":
            assert chunk.text == ""
            assert len({chunk.base, chunk.mine, chunk.theirs}) == 3
        # A stretch only one side changed keeps that change; one both changed alike, once.
        elif chunk.theirs == chunk.base:
            assert chunk.text == chunk.mine
        else:
            assert chunk.text == chunk.theirs and chunk.mine in (chunk.base, chunk.theirs)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_an_unchanged_side_yields_the_other(base, other):
    assert merge3(base, base, other).text == other
    assert merge3(base, other, base).text == other
    assert merge3(base, other, other).text == other


@settings(max_examples=300, deadline=None)
@given(triples())
def test_who_saved_first_does_not_matter(triple):
    base, mine, theirs = triple
    forward, backward = merge3(base, mine, theirs), merge3(base, theirs, mine)
    assert forward.clean == backward.clean
    assert forward.text == backward.text
    assert [(c.mine, c.theirs) for c in forward.conflicts] == [
        (c.theirs, c.mine) for c in backward.conflicts
    ]


SEPARATORS = st.sampled_from([" ", "\n"])
NEW_WORDS = st.sampled_from(["new", "ë", "Министерството", "çka,", "idea."])


@st.composite
def disjoint_edits(draw) -> tuple[str, str, str, str]:
    """A base of distinct words and two sides editing separate stretches of it.

    Returns (base, mine, theirs, expected merge). Words in the base are distinct so that the
    diff cannot align an edit elsewhere, and at least one untouched word lies between any two
    edits; replacements keep the word-separator rhythm so no tokens fuse.
    """
    size = draw(st.integers(1, 10))
    pairs = [f"fjalë{i}{draw(SEPARATORS)}" for i in range(size)]
    sides = {"mine": [], "theirs": [], "both": []}
    start = 0
    while start <= size:
        if not draw(st.booleans()):
            start += 1
            continue
        length = draw(st.integers(0, min(2, size - start)))
        new_pair = st.tuples(NEW_WORDS, SEPARATORS).map("".join)
        new = draw(st.lists(new_pair, min_size=int(length == 0), max_size=2))
        edit = (start, start + length, new)
        sides[draw(st.sampled_from(["mine", "theirs"]))].append(edit)
        sides["both"].append(edit)
        start += length + 1  # leave the next word untouched
    return (
        "".join(pairs),
        apply(pairs, sides["mine"]),
        apply(pairs, sides["theirs"]),
        apply(pairs, sides["both"]),
    )


def apply(pairs: list[str], edits: list[tuple[int, int, list[str]]]) -> str:
    result = list(pairs)
    for start, end, new in reversed(edits):  # from the end, so earlier indexes still hold
        result[start:end] = new
    return "".join(result)


@settings(max_examples=300, deadline=None)
@given(disjoint_edits())
def test_edits_to_separate_places_always_merge_cleanly(case):
    base, mine, theirs, expected = case
    merge = merge3(base, mine, theirs)
    assert merge.clean
    assert merge.text == expected
    assert_rebuilds_sides(merge, base, mine, theirs)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_word_diff_joins_back_and_agrees_with_stats(old, new):
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.op in ("equal", "delete")) == old
    assert "".join(p.text for p in parts if p.op in ("equal", "insert")) == new
    assert all(p.text for p in parts)
    assert all(a.op != b.op for a, b in zip(parts, parts[1:], strict=False))

    def words(op: str) -> int:
        return sum(1 for p in parts if p.op == op for t in tokens(p.text) if not t.isspace())

    assert diff_stats(old, new) == (words("insert"), words("delete"))


def test_chunk_defaults_are_empty():
    assert Chunk("same") == Chunk("same", text="", base="", mine="", theirs="")
