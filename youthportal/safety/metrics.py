"""Moderation metrics per week: what screening did, what members flagged, how fast reviews
closed and how often flags were upheld.

Weeks start on Monday at midnight in the portal's time zone (BABEL_DEFAULT_TIMEZONE); rows are
stored in UTC. The week boundaries are computed in Python (so summer time is right on every
database) and handed to SQL as a CASE expression, so the counts are grouped in the database: four
queries whatever the number of rows, and at most one result row per week for the counts. Only the
medians need the individual review durations (two timestamp columns per closed item).
"""

import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import and_, case, func, literal, select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import Flag, FlagOutcome, ReviewItem, ScreenEvent
from youthportal.safety.verdict import BLOCK, HOLD

PERIODS = (4, 12, 26, 52)
DEFAULT_WEEKS = 12


@dataclass
class WeekRow:
    """One week (or, from `totals`, the whole period starting at `start`)."""

    start: date  # the Monday, local time
    screened: int = 0
    held: int = 0
    blocked: int = 0
    urgent: int = 0
    flagged: int = 0
    flags_decided: int = 0
    flags_upheld: int = 0
    review_hours: list[float] = field(default_factory=list, repr=False)
    current: bool = False  # the week in progress

    @property
    def reviewed(self) -> int:
        return len(self.review_hours)

    @property
    def median_review_hours(self) -> float | None:
        return statistics.median(self.review_hours) if self.review_hours else None

    @property
    def upheld_share(self) -> float | None:
        return self.flags_upheld / self.flags_decided if self.flags_decided else None


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def week_start(moment: datetime, zone: ZoneInfo) -> date:
    """The local Monday of the week an aware datetime falls in."""
    day = moment.astimezone(zone).date()
    return day - timedelta(days=day.weekday())


def _boundaries(mondays: list[date], zone: ZoneInfo) -> list[datetime]:
    """UTC instants of each local Monday midnight, plus the end of the last week."""
    days = [*mondays, mondays[-1] + timedelta(days=7)]
    return [datetime.combine(day, time(), tzinfo=zone).astimezone(UTC) for day in days]


def _week_index(column, bounds: list[datetime]):
    """SQL: the index of the week a timestamp falls in (callers filter to the period)."""
    if len(bounds) == 2:
        return literal(0)
    return case(
        *((column < bound, index) for index, bound in enumerate(bounds[1:-1])),
        else_=len(bounds) - 2,
    )


def _in_period(column, bounds: list[datetime]):
    return and_(column >= bounds[0], column < bounds[-1])


def weekly(weeks: int = DEFAULT_WEEKS, now: datetime | None = None) -> list[WeekRow]:
    """The last `weeks` weeks, oldest first; the last one is the week in progress."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    zone = local_zone()
    now = now or utcnow()
    this_monday = week_start(now, zone)
    mondays = [this_monday - timedelta(weeks=weeks - 1 - n) for n in range(weeks)]
    rows = [WeekRow(start=monday) for monday in mondays]
    rows[-1].current = True
    bounds = _boundaries(mondays, zone)

    # Screening: one aggregate row per week.
    screened = (
        select(
            _week_index(ScreenEvent.created_at, bounds).label("week"),
            ScreenEvent.action.label("action"),
            ScreenEvent.urgent.label("urgent"),
        )
        .where(_in_period(ScreenEvent.created_at, bounds))
        .subquery()
    )
    for week, total, held, blocked, urgent in db.session.execute(
        select(
            screened.c.week,
            func.count(),
            func.sum(case((screened.c.action == HOLD, 1), else_=0)),
            func.sum(case((screened.c.action == BLOCK, 1), else_=0)),
            func.sum(case((screened.c.urgent, 1), else_=0)),
        ).group_by(screened.c.week)
    ):
        row = rows[week]
        row.screened, row.held, row.blocked, row.urgent = total, held, blocked, urgent

    # Flags raised, by the week they were created.
    raised = (
        select(_week_index(Flag.created_at, bounds).label("week"))
        .where(_in_period(Flag.created_at, bounds))
        .subquery()
    )
    for week, total in db.session.execute(
        select(raised.c.week, func.count()).group_by(raised.c.week)
    ):
        rows[week].flagged = total

    # Flags decided, by the week they were decided.
    decided = (
        select(_week_index(Flag.decided_at, bounds).label("week"), Flag.outcome.label("outcome"))
        .where(_in_period(Flag.decided_at, bounds), Flag.outcome.is_not(None))
        .subquery()
    )
    for week, total, upheld in db.session.execute(
        select(
            decided.c.week,
            func.count(),
            func.sum(case((decided.c.outcome == FlagOutcome.UPHELD, 1), else_=0)),
        ).group_by(decided.c.week)
    ):
        rows[week].flags_decided, rows[week].flags_upheld = total, upheld

    # Review durations of the items closed in the period (for the medians).
    for opened_at, closed_at in db.session.execute(
        select(ReviewItem.opened_at, ReviewItem.closed_at).where(
            _in_period(ReviewItem.closed_at, bounds)
        )
    ):
        index = (week_start(closed_at, zone) - mondays[0]).days // 7
        hours = max((closed_at - opened_at).total_seconds(), 0) / 3600
        rows[index].review_hours.append(hours)
    return rows


def totals(rows: list[WeekRow]) -> WeekRow:
    """The whole period: sums, and the median over every review (not a median of medians)."""
    total = WeekRow(start=rows[0].start)
    for row in rows:
        total.screened += row.screened
        total.held += row.held
        total.blocked += row.blocked
        total.urgent += row.urgent
        total.flagged += row.flagged
        total.flags_decided += row.flags_decided
        total.flags_upheld += row.flags_upheld
        total.review_hours.extend(row.review_hours)
    return total
