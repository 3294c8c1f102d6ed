"""Every counting method against examples worked out by hand, and properties that must hold
for any set of ballots."""

from hypothesis import given, settings
from hypothesis import strategies as st

from youthportal.polls.tally import (
    count_choices,
    instant_runoff,
    safe_breakdown,
    scale_summary,
)

A, B, C, D = 1, 2, 3, 4


# --- single, multiple and approval --------------------------------------------------------


def test_single_choice_counts_and_ranks_with_ties_in_option_order():
    result = count_choices([(A,), (B,), (B,), (C,), (A,)], [A, B, C, D])
    assert result.counts == {A: 2, B: 2, C: 1, D: 0}
    assert result.ballots == 5
    assert result.ranked() == [(A, 2), (B, 2), (C, 1), (D, 0)]
    assert result.leaders == [A, B]
    assert result.share(C) == 0.2


def test_multiple_and_approval_count_each_ballot_once_per_option():
    result = count_choices([(A, B), (B, C), (B,), (A, A)], [A, B, C])
    assert result.counts == {A: 2, B: 3, C: 1}
    assert result.ballots == 4
    assert result.share(B) == 0.75


def test_no_ballots_means_no_leader():
    result = count_choices([], [A, B])
    assert result.leaders == [] and result.share(A) == 0.0


# --- instant-runoff -----------------------------------------------------------------------


def test_a_first_round_majority_wins_at_once():
    result = instant_runoff([(A, B), (A,), (A, C), (B, A), (C,)], [A, B, C])
    assert result.winner == A
    assert len(result.rounds) == 1
    assert result.rounds[0].counts == {A: 3, B: 1, C: 1}


def test_transfers_decide_the_winner_over_three_rounds():
    # First preferences: A 4, B 3, C 2, D 1. D goes (1), its ballot moves to C: C 3.
    # B and C tie on 3; in round 1 C had 2 and B 3, so C goes; C's ballots move to B.
    ballots = [(A,)] * 4 + [(B, A)] * 3 + [(C, B)] * 2 + [(D, C, B)]
    result = instant_runoff(ballots, [A, B, C, D])
    assert [r.eliminated for r in result.rounds] == [(D,), (C,), ()]
    assert result.rounds[1].counts == {A: 4, B: 3, C: 3}
    assert result.rounds[1].by_earlier_round
    assert result.rounds[2].counts == {A: 4, B: 6}
    assert result.winner == B


def test_exhausted_ballots_stop_counting_and_the_majority_is_of_ballots_still_counting():
    # C goes first; its two ballots rank nobody else and are exhausted.
    ballots = [(A,)] * 3 + [(B,)] * 4 + [(C,)] * 2
    result = instant_runoff(ballots, [A, B, C])
    assert result.rounds[1].exhausted == 2
    assert result.rounds[1].counts == {A: 3, B: 4}
    assert result.winner == B  # 4 of the 7 still counting


def test_a_tie_in_every_round_is_decided_by_a_repeatable_lot():
    ballots = [(A,), (B,)]
    first = instant_runoff(ballots, [A, B], seed="poll-7")
    again = instant_runoff(ballots, [A, B], seed="poll-7")
    assert first.winner in (A, B) and first.winner == again.winner
    assert first.rounds[0].by_lot


def test_no_ballots_has_no_winner():
    result = instant_runoff([], [A, B])
    assert result.winner is None and result.rounds[0].counts == {A: 0, B: 0}


rankings = st.lists(
    st.lists(st.sampled_from([A, B, C, D]), unique=True, min_size=0, max_size=4).map(tuple),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_every_round_accounts_for_every_ballot(ballots):
    result = instant_runoff(ballots, [A, B, C, D], seed="p")
    for round_ in result.rounds:
        assert sum(round_.counts.values()) + round_.exhausted == len(ballots)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_a_one_round_runoff_is_plurality(ballots):
    result = instant_runoff(ballots, [A, B, C, D], seed="p")
    if len(result.rounds) == 1 and result.winner is not None:
        plurality = count_choices([b[:1] for b in ballots if b], [A, B, C, D])
        assert plurality.leaders == [result.winner]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([A, B, C]).map(lambda o: (o,)), max_size=60))
def test_choice_counts_sum_to_the_ballots(ballots):
    result = count_choices(ballots, [A, B, C])
    assert sum(result.counts.values()) == result.ballots == len(ballots)


# --- scale --------------------------------------------------------------------------------


def test_scale_gives_mean_median_and_distribution():
    result = scale_summary([1, 2, 2, 5], [1, 2, 3, 4, 5])
    assert result.distribution == {1: 1, 2: 2, 3: 0, 4: 0, 5: 1}
    assert result.mean == 2.5 and result.median == 2.0 and result.ballots == 4
    assert scale_summary([], [1, 2, 3]).mean is None


# --- breakdowns ---------------------------------------------------------------------------


def test_rows_with_a_small_cell_are_merged_into_other():
    cells = {
        "13-15": {A: 9, B: 6},
        "16-18": {A: 7, B: 5},
        "9-12": {A: 6, B: 2},
        "Class 7A": {A: 5, B: 5},
    }
    result = safe_breakdown(cells, [A, B], k=5)
    assert [label for label, _ in result.rows] == ["13-15", "16-18"]
    assert result.other == {A: 11, B: 7}


def test_a_zero_is_a_small_cell_too():
    # Six members who all chose A: showing B = 0 would tell how each of them voted.
    # And showing 13-15 alone would let anyone subtract it from the totals: no split at all.
    result = safe_breakdown({"9-12": {A: 6, B: 0}, "13-15": {A: 20, B: 20}}, [A, B], k=5)
    assert not result.shown and result.other is None


def test_other_too_small_takes_the_smallest_shown_row_so_nothing_can_be_subtracted():
    cells = {"a": {A: 10, B: 10}, "b": {A: 6, B: 5}, "c": {A: 1, B: 0}}
    result = safe_breakdown(cells, [A, B], k=5)
    assert [label for label, _ in result.rows] == ["a"]
    assert result.other == {A: 7, B: 5}


def test_no_split_is_shown_when_no_row_is_safe():
    result = safe_breakdown({"a": {A: 3, B: 1}, "b": {A: 2, B: 2}}, [A, B], k=5)
    assert not result.shown and result.other is None


cell_tables = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.fixed_dictionaries({A: st.integers(0, 15), B: st.integers(0, 15)}),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(cell_tables, st.integers(1, 8))
def test_every_shown_cell_is_at_least_k_and_the_rows_add_up(cells, k):
    result = safe_breakdown(cells, [A, B], k=k)
    shown = [counts for _, counts in result.rows]
    if result.other is not None:
        shown.append(result.other)
    for counts in shown:
        assert all(n >= k for n in counts.values())
    if result.shown:
        for option in (A, B):
            assert sum(c[option] for c in shown) == sum(c[option] for c in cells.values())
