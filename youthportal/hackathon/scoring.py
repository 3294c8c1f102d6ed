"""Fair jury results. Plain data in, plain data out: no Flask, no database.

1. Each judge's score for an idea is the weighted mean of their criterion scores
   (weights in percent, adding up to 100), so it stays on the event's scale.
2. Judges differ: a harsh judge gives 2s where a lenient one gives 4s. Each judge's scores
   are turned into z-scores (how far above or below that judge's own average, in that
   judge's own spread), so every judge counts the same whatever their habits. A judge who
   gave every idea the same score says nothing about the order: their z-scores are 0.
3. An idea's normalised score is the mean of its judges' z-scores; the ranking uses it.
   Ties are broken, in order, by: the higher raw weighted mean, the smaller spread between
   judges (they agreed more), the earlier submission, the lower idea number.
4. Agreement: the spread per idea (highest minus lowest judge score on the scale) and the
   standard deviation, so a facilitator sees disagreements before publishing.
"""

from dataclasses import dataclass, field
from math import sqrt

# A spread larger than this share of the scale's range is shown as a disagreement.
DISAGREEMENT_SHARE = 0.4
# Ranking compares normalised scores rounded to this many places: no float noise decides.
PRECISION = 9


def weighted(values: dict[int, float], weights: dict[int, int]) -> float:
    """Weighted mean of one judge's criterion scores for one idea."""
    total_weight = sum(weights[c] for c in values)
    if total_weight <= 0:
        raise ValueError("no weight")
    return sum(values[c] * weights[c] for c in values) / total_weight


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def _stdev(xs: list[float]) -> float:
    """Population standard deviation (a judge's scores are all of their scores)."""
    if len(xs) < 2:
        return 0.0
    m = _mean(xs)
    return sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def z_scores(by_judge: dict[int, dict[int, float]]) -> dict[int, dict[int, float]]:
    """judge -> idea -> weighted score, into judge -> idea -> z-score."""
    result: dict[int, dict[int, float]] = {}
    for judge, scores in by_judge.items():
        values = list(scores.values())
        m, s = _mean(values), _stdev(values)
        result[judge] = {idea: (v - m) / s if s > 0 else 0.0 for idea, v in scores.items()}
    return result


@dataclass
class IdeaResult:
    idea_id: int
    judges: int = 0
    raw: float = 0.0  # mean of the judges' weighted scores, on the scale
    normalised: float = 0.0  # mean of the judges' z-scores
    spread: float = 0.0  # highest minus lowest judge score
    stdev: float = 0.0
    disagreement: bool = False
    rank: int = 0
    per_judge: dict[int, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "idea_id": self.idea_id,
            "judges": self.judges,
            "raw": round(self.raw, 4),
            "normalised": round(self.normalised, 4),
            "spread": round(self.spread, 4),
            "stdev": round(self.stdev, 4),
            "disagreement": self.disagreement,
            "rank": self.rank,
        }


def results(
    scores: list[tuple[int, int, int, float]],
    weights: dict[int, int],
    *,
    scale: tuple[int, int] = (1, 5),
    submitted_order: dict[int, int] | None = None,
    idea_ids: list[int] | None = None,
) -> list[IdeaResult]:
    """scores: (judge, idea, criterion, value). Only a judge's complete scoring of an idea
    (every criterion) counts. Returns every idea ranked, best first; ideas nobody scored
    come last, unranked (rank 0)."""
    criteria = set(weights)
    cells: dict[tuple[int, int], dict[int, float]] = {}
    for judge, idea, criterion, value in scores:
        if criterion in criteria:
            cells.setdefault((judge, idea), {})[criterion] = value
    by_judge: dict[int, dict[int, float]] = {}
    for (judge, idea), values in cells.items():
        if set(values) == criteria:
            by_judge.setdefault(judge, {})[idea] = weighted(values, weights)
    z = z_scores(by_judge)

    found: dict[int, IdeaResult] = {i: IdeaResult(i) for i in (idea_ids or [])}
    for judge, ideas in by_judge.items():
        for idea, value in ideas.items():
            found.setdefault(idea, IdeaResult(idea)).per_judge[judge] = value
    low, high = scale
    for idea_id, result in found.items():
        values = list(result.per_judge.values())
        if not values:
            continue
        result.judges = len(values)
        result.raw = _mean(values)
        result.normalised = _mean([z[j][idea_id] for j in result.per_judge])
        result.spread = max(values) - min(values)
        result.stdev = _stdev(values)
        result.disagreement = result.spread > DISAGREEMENT_SHARE * (high - low)

    order = submitted_order or {}
    scored = sorted(
        (r for r in found.values() if r.judges),
        key=lambda r: (
            -round(r.normalised, PRECISION),
            -round(r.raw, PRECISION),
            round(r.spread, PRECISION),
            order.get(r.idea_id, 0),
            r.idea_id,
        ),
    )
    for place, result in enumerate(scored, start=1):
        result.rank = place
    unscored = sorted((r for r in found.values() if not r.judges), key=lambda r: r.idea_id)
    return scored + unscored


def judge_profiles(scores, weights) -> dict[int, dict]:
    """For calibration: each judge's mean and spread over what they scored."""
    criteria = set(weights)
    cells: dict[tuple[int, int], dict[int, float]] = {}
    for judge, idea, criterion, value in scores:
        if criterion in criteria:
            cells.setdefault((judge, idea), {})[criterion] = value
    by_judge: dict[int, list[float]] = {}
    for (judge, _idea), values in cells.items():
        if set(values) == criteria:
            by_judge.setdefault(judge, []).append(weighted(values, weights))
    return {
        judge: {"count": len(v), "mean": _mean(v), "stdev": _stdev(v)}
        for judge, v in by_judge.items()
    }


def assign(
    idea_ids: list[int],
    judge_ids: list[int],
    per_idea: int,
    conflicts: set[tuple[int, int]],
    existing: dict[int, set[int]] | None = None,
) -> tuple[dict[int, set[int]], list[int]]:
    """Balanced assignment: every idea gets `per_idea` judges without a conflict, each time
    the least-loaded judge first (ties by judge number, so the result is reproducible).
    Ideas with the fewest possible judges are served first. `existing` assignments are
    kept. Returns (idea -> judges, ideas that could not get enough judges)."""
    assigned = {i: set((existing or {}).get(i, set())) for i in idea_ids}
    load = {j: 0 for j in judge_ids}
    for judges in assigned.values():
        for j in judges:
            if j in load:
                load[j] += 1

    def eligible(idea):
        return [j for j in judge_ids if (j, idea) not in conflicts and j not in assigned[idea]]

    short = []
    for idea in sorted(idea_ids, key=lambda i: (len(eligible(i)), i)):
        while len(assigned[idea]) < per_idea:
            candidates = eligible(idea)
            if not candidates:
                short.append(idea)
                break
            judge = min(candidates, key=lambda j: (load[j], j))
            assigned[idea].add(judge)
            load[judge] += 1
    return assigned, short
