"""Fair jury results, worked by hand: weighted means on the scale, judge-normalised
z-scores so that a harsh and a lenient judge count the same, the documented tie rule, and a
balanced assignment that respects conflicts of interest."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from youthportal.hackathon import scoring

WEIGHTS = {1: 30, 2: 25, 3: 25, 4: 20}


def rows(judge, idea, values):
    return [(judge, idea, c, v) for c, v in zip(WEIGHTS, values, strict=True)]


def test_weighted_mean_by_hand():
    # 0.30*5 + 0.25*4 + 0.25*3 + 0.20*2 = 1.5 + 1.0 + 0.75 + 0.4 = 3.65
    assert scoring.weighted({1: 5, 2: 4, 3: 3, 4: 2}, WEIGHTS) == pytest.approx(3.65)


def test_a_harsh_and_a_lenient_judge_count_the_same():
    # Judge 1 is harsh (1..3), judge 2 lenient (3..5), each on different ideas: raw means
    # would rank judge 2's ideas first. Normalised, the best of each judge ties at the top.
    scores = (
        rows(1, 10, [3] * 4)
        + rows(1, 11, [2] * 4)
        + rows(1, 12, [1] * 4)
        + rows(2, 20, [5] * 4)
        + rows(2, 21, [4] * 4)
        + rows(2, 22, [3] * 4)
    )
    result = {r.idea_id: r for r in scoring.results(scores, WEIGHTS)}
    assert result[10].raw == pytest.approx(3) and result[20].raw == pytest.approx(5)
    assert result[10].normalised == pytest.approx(result[20].normalised)
    assert result[12].normalised == pytest.approx(result[22].normalised)
    # z-scores by hand: scores 3, 2, 1 have mean 2 and population spread sqrt(2/3).
    assert result[10].normalised == pytest.approx(1 / (2 / 3) ** 0.5)


def test_both_judges_on_the_same_ideas_rank_alike_after_normalisation():
    # The harsh judge gives 1-3, the lenient 3-5, in the same order: raw means differ by
    # idea mix, normalised scores agree on the order A > B > C.
    scores = (
        rows(1, 1, [3] * 4)
        + rows(1, 2, [2] * 4)
        + rows(1, 3, [1] * 4)
        + rows(2, 1, [5] * 4)
        + rows(2, 2, [4] * 4)
        + rows(2, 3, [3] * 4)
    )
    ranked = scoring.results(scores, WEIGHTS)
    assert [r.idea_id for r in ranked] == [1, 2, 3]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert ranked[0].spread == pytest.approx(2)  # 5 - 3


def test_normalisation_changes_an_unfair_raw_ranking():
    # Idea 1 was only seen by the lenient judge (their worst idea: 4), idea 2 only by the
    # harsh judge (their best: 3). Raw: 1 before 2. Normalised: 2 (top of its judge) first.
    scores = rows(1, 2, [3] * 4) + rows(1, 3, [1] * 4) + rows(2, 1, [4] * 4) + rows(2, 4, [5] * 4)
    ranked = scoring.results(scores, WEIGHTS)
    position = {r.idea_id: r.rank for r in ranked}
    assert position[2] < position[1]


def test_ties_go_to_the_higher_raw_mean_then_agreement_then_earlier_submission():
    # Two judges who give every idea the same score say nothing: all z-scores are 0.
    flat = rows(1, 1, [4] * 4) + rows(1, 2, [4] * 4) + rows(2, 1, [2] * 4) + rows(2, 2, [2] * 4)
    ranked = scoring.results(flat, WEIGHTS, submitted_order={1: 1, 2: 0})
    assert all(r.normalised == 0 for r in ranked)
    assert [r.idea_id for r in ranked] == [2, 1]  # same raw, same spread: earlier first
    # A higher raw mean wins a tie of normalised scores.
    more = rows(1, 1, [5] * 4) + rows(1, 2, [5] * 4) + rows(2, 1, [3] * 4) + rows(3, 2, [5] * 4)
    ranked = scoring.results(more, WEIGHTS)
    assert ranked[0].idea_id == 2


def test_incomplete_scorings_do_not_count_and_unscored_ideas_come_last():
    scores = rows(1, 1, [4] * 4) + rows(1, 2, [2] * 4) + [(1, 3, 1, 5)]  # idea 3: one criterion
    ranked = scoring.results(scores, WEIGHTS, idea_ids=[1, 2, 3, 4])
    assert [r.idea_id for r in ranked] == [1, 2, 3, 4]
    assert ranked[2].judges == 0 and ranked[2].rank == 0


def test_disagreement_is_flagged_when_the_spread_is_large():
    scores = rows(1, 1, [5] * 4) + rows(2, 1, [1] * 4) + rows(1, 2, [3] * 4) + rows(2, 2, [3] * 4)
    result = {r.idea_id: r for r in scoring.results(scores, WEIGHTS, scale=(1, 5))}
    assert result[1].disagreement and not result[2].disagreement


@given(
    weights=st.lists(st.integers(1, 97), min_size=1, max_size=6).filter(lambda w: sum(w) <= 100),
    scale=st.integers(3, 10),
    data=st.data(),
)
def test_weights_adding_to_100_keep_every_score_on_the_scale(weights, scale, data):
    weights = [*weights[:-1], 100 - sum(weights[:-1])] if sum(weights[:-1]) < 100 else [100]
    by_id = dict(enumerate(weights, start=1))
    values = {c: data.draw(st.integers(1, scale)) for c in by_id}
    score = scoring.weighted(values, by_id)
    assert 1 - 1e-9 <= score <= scale + 1e-9
    assert min(values.values()) - 1e-9 <= score <= max(values.values()) + 1e-9


def test_assignment_is_balanced_and_respects_conflicts():
    ideas = list(range(1, 31))
    judges = list(range(100, 110))
    conflicts = {(100, 1), (101, 1), (102, 1), (100, 2)}
    assigned, short = scoring.assign(ideas, judges, 3, conflicts)
    assert not short
    assert all(len(js) == 3 for js in assigned.values())
    assert not any((j, i) in conflicts for i, js in assigned.items() for j in js)
    load = [sum(j in js for js in assigned.values()) for j in judges]
    assert max(load) - min(load) <= 1  # 90 scorings over 10 judges: 9 each


def test_assignment_reports_ideas_without_enough_judges():
    assigned, short = scoring.assign([1, 2], [7, 8, 9], 3, {(7, 1)})
    assert short == [1] and len(assigned[2]) == 3


def test_assignment_keeps_what_exists():
    assigned, _ = scoring.assign([1], [7, 8, 9, 10], 3, set(), existing={1: {10}})
    assert 10 in assigned[1] and len(assigned[1]) == 3
