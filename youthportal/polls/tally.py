"""Counting votes: pure functions, no database, so every method is tested against hand-worked
examples and properties.

Ballots arrive as plain values: for choice methods a tuple of option ids (one for single
choice, up to N for multiple choice, any number for approval), for ranked choice a tuple of
option ids in order of preference, for scale the chosen point.

Instant-runoff tie rule (shown on the results page): when several options share the fewest
votes in a round, the one with fewer votes in the previous round is eliminated, looking back
round by round to the first; if they were tied in every round, a lot is drawn with a
generator seeded by the poll's public seed, so anyone can repeat the count and get the same
result.
"""

import random
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceResult:
    """Single, multiple and approval: how many ballots chose each option."""

    counts: dict[int, int]
    ballots: int

    def ranked(self) -> list[tuple[int, int]]:
        """Options by votes, most first; equal votes keep the poll's option order."""
        order = {option: n for n, option in enumerate(self.counts)}
        return sorted(self.counts.items(), key=lambda item: (-item[1], order[item[0]]))

    def share(self, option: int) -> float:
        """Share of the ballots that chose the option (0..1)."""
        return self.counts[option] / self.ballots if self.ballots else 0.0

    @property
    def leaders(self) -> list[int]:
        """The option(s) with the most votes; several when tied, none without ballots."""
        if not self.ballots:
            return []
        top = max(self.counts.values())
        return [option for option, n in self.counts.items() if n == top and n > 0]


def count_choices(ballots: Iterable[Sequence[int]], options: Sequence[int]) -> ChoiceResult:
    counts = dict.fromkeys(options, 0)
    total = 0
    for ballot in ballots:
        total += 1
        # An option a moderator hid after votes came in is not counted (and never crashes
        # the count); the ballot still counts as cast.
        for option in set(ballot) & counts.keys():
            counts[option] += 1
    return ChoiceResult(counts=counts, ballots=total)


@dataclass(frozen=True)
class Round:
    counts: dict[int, int]  # continuing options and their votes in this round
    exhausted: int  # ballots with no continuing option left
    eliminated: tuple[int, ...] = ()
    by_lot: bool = False  # the elimination needed the lot (tied in every round)
    by_earlier_round: bool = False  # the elimination looked back at earlier rounds


@dataclass(frozen=True)
class RunoffResult:
    rounds: list[Round] = field(default_factory=list)
    winner: int | None = None
    ballots: int = 0


def instant_runoff(
    ballots: Iterable[Sequence[int]], options: Sequence[int], *, seed: str = ""
) -> RunoffResult:
    """Each round, every ballot counts for its highest-ranked continuing option; an option
    with more than half of the ballots still counting wins; otherwise the weakest option is
    eliminated (see the module's tie rule) and its ballots move on to their next choice."""
    ballots = [tuple(b) for b in ballots]
    continuing = list(options)
    rounds: list[Round] = []
    lot = random.Random(f"irv:{seed}")
    while True:
        counts = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ballot in ballots:
            choice = next((o for o in ballot if o in counts), None)
            if choice is None:
                exhausted += 1
            else:
                counts[choice] += 1
        active = len(ballots) - exhausted
        if active == 0:
            rounds.append(Round(counts, exhausted))
            return RunoffResult(rounds, None, len(ballots))
        leader = max(continuing, key=lambda o: counts[o])
        if counts[leader] * 2 > active or len(continuing) == 1:
            rounds.append(Round(counts, exhausted))
            return RunoffResult(rounds, leader, len(ballots))
        loser, how = _weakest(continuing, counts, rounds, lot)
        rounds.append(
            Round(
                counts,
                exhausted,
                eliminated=(loser,),
                by_lot=how == "lot",
                by_earlier_round=how == "earlier",
            )
        )
        continuing.remove(loser)


def _weakest(continuing, counts, rounds, lot) -> tuple[int, str]:
    fewest = min(counts[o] for o in continuing)
    tied = [o for o in continuing if counts[o] == fewest]
    if len(tied) == 1:
        return tied[0], "votes"
    for earlier in reversed(rounds):
        low = min(earlier.counts[o] for o in tied)
        narrower = [o for o in tied if earlier.counts[o] == low]
        if len(narrower) == 1:
            return narrower[0], "earlier"
        tied = narrower
    return lot.choice(sorted(tied)), "lot"


@dataclass(frozen=True)
class ScaleResult:
    distribution: dict[int, int]  # point -> number of ballots
    ballots: int
    mean: float | None
    median: float | None


def scale_summary(points: Iterable[int], scale: Sequence[int]) -> ScaleResult:
    values = list(points)
    values = [value for value in values if value in scale]
    distribution = dict.fromkeys(scale, 0)
    for value in values:
        distribution[value] += 1
    if not values:
        return ScaleResult(distribution, 0, None, None)
    return ScaleResult(
        distribution, len(values), statistics.fmean(values), float(statistics.median(values))
    )


# --- breakdowns that never expose an individual -------------------------------------------


OTHER = "other"


@dataclass(frozen=True)
class Breakdown:
    """Rows of (label, counts per column) that are safe to show, and an "other" row that
    merges the rest. `rows` is empty when no split is safe."""

    rows: list[tuple[str, dict]]
    other: dict | None
    k: int

    @property
    def shown(self) -> bool:
        return bool(self.rows)


def safe_breakdown(cells: dict[str, dict], columns: Sequence, k: int) -> Breakdown:
    """Every cell that is shown holds at least k ballots, zero included (a zero in a small
    group would tell that all its members chose something else). Rows with a smaller cell
    are merged into "other"; if "other" then has a cell under k (but is not empty), the
    smallest shown rows join it until it is safe. Because the shown rows and "other" add up
    to the overall result, nothing smaller than k can be worked out by subtraction."""
    k = max(1, int(k))

    def total(counts):
        return sum(counts.get(c, 0) for c in columns)

    def safe(counts):
        return all(counts.get(c, 0) >= k for c in columns)

    rows = sorted(
        ((label, {c: counts.get(c, 0) for c in columns}) for label, counts in cells.items()),
        key=lambda row: (-total(row[1]), str(row[0])),
    )
    shown = [row for row in rows if safe(row[1])]
    merged = [row for row in rows if not safe(row[1])]
    while True:
        other = Counter()
        for _, counts in merged:
            other.update(counts)
        other = {c: other.get(c, 0) for c in columns}
        if total(other) == 0:
            return Breakdown(shown, None, k)
        if safe(other) and shown:
            return Breakdown(shown, other, k)
        if not shown:
            return Breakdown([], None, k)
        merged.append(shown.pop())  # the smallest shown row joins "other"
