"""The public accountability record: per institution and overall, how many submissions were
received and answered, the median days to the first read and to the answer, what was said to
the recommendations, where the commitments stand and what is overdue.

Every figure is an SQL aggregate (medians by window functions, on SQLite and PostgreSQL
alike), so the number of queries never grows with the data; the result for a set of filters
is cached for a minute. No personal data: institutions, counts and days only.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, case, func, or_, select

from youthportal.accounts.models import Institution
from youthportal.core import cache
from youthportal.extensions import db
from youthportal.notifications.services import local_tz
from youthportal.policy import dates
from youthportal.policy.inbox import delivered
from youthportal.policy.models import (
    OPEN_COMMITMENT_STATUSES,
    Answer,
    Commitment,
    CommitmentStatus,
    Response,
    Sending,
    Submission,
    Verdict,
)
from youthportal.safety.models import ModerationStatus


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    topic_id: int | None = None
    year: int | None = None
    institution_id: int | None = None

    def conditions(self) -> list:
        found = [delivered()]
        if self.country:
            found.append(
                Submission.institution_id.in_(
                    select(Institution.id).where(Institution.country == self.country)
                )
            )
        if self.topic_id:
            found.append(
                Submission.sending_id.in_(
                    select(Sending.id).where(Sending.topic_id == self.topic_id)
                )
            )
        if self.year:
            start, end = (
                datetime(year, 1, 1, tzinfo=local_tz()) for year in (self.year, self.year + 1)
            )
            found += [Submission.sent_at >= start, Submission.sent_at < end]
        if self.institution_id:
            found.append(Submission.institution_id == self.institution_id)
        return found

    def as_args(self) -> dict:
        return {k: v for k, v in vars(self).items() if v and k != "institution_id"}


@dataclass(frozen=True)
class InstitutionRow:
    id: int
    name: str
    country: str
    kind: object  # InstitutionKind


@dataclass
class Figures:
    """One institution's figures, or everyone's (institution None)."""

    institution: InstitutionRow | None = None
    received: int = 0
    read: int = 0
    answered: int = 0
    overdue: int = 0
    median_read_days: float | None = None
    median_answer_days: float | None = None
    verdicts: dict = field(default_factory=lambda: {v: 0 for v in Verdict})
    commitments: dict = field(default_factory=lambda: {s: 0 for s in CommitmentStatus})
    overdue_commitments: int = 0

    @property
    def answered_share(self) -> int | None:
        return round(100 * self.answered / self.received) if self.received else None

    @property
    def recommendations_answered(self) -> int:
        return sum(self.verdicts.values())

    @property
    def commitment_count(self) -> int:
        return sum(self.commitments.values())


def _counts(filters: Filters, today):
    unanswered = Submission.answered_at.is_(None)
    return db.session.execute(
        select(
            Submission.institution_id,
            func.count(Submission.id),
            func.count(Submission.read_at),
            func.count(Submission.answered_at),
            func.coalesce(
                func.sum(case((and_(unanswered, Submission.requested_by < today), 1), else_=0)), 0
            ),
        )
        .where(*filters.conditions())
        .group_by(Submission.institution_id)
    ).all()


def _medians(column, filters: Filters) -> tuple[dict, float | None]:
    """Median of `column` per institution and overall: rows numbered in order within each
    partition, the middle one (or the mean of the middle two) averaged."""

    def query(partition):
        ranked = (
            select(
                Submission.institution_id.label("iid"),
                column.label("days"),
                func.row_number().over(partition_by=partition, order_by=column).label("rn"),
                func.count().over(partition_by=partition).label("n"),
            )
            .where(column.is_not(None), *filters.conditions())
            .subquery()
        )
        middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
        return ranked, middle

    ranked, middle = query([Submission.institution_id])
    per = {
        iid: float(value)
        for iid, value in db.session.execute(
            select(ranked.c.iid, func.avg(ranked.c.days)).where(middle).group_by(ranked.c.iid)
        )
    }
    ranked, middle = query(None)
    overall = db.session.scalar(select(func.avg(ranked.c.days)).where(middle))
    return per, (float(overall) if overall is not None else None)


def _verdicts(filters: Filters):
    """Answers counted per response first (an index holds both columns), then per
    institution: the join then touches one row per response and verdict, not per answer."""
    per_response = (
        select(Answer.response_id, Answer.verdict, func.count().label("n"))
        .group_by(Answer.response_id, Answer.verdict)
        .subquery()
    )
    return db.session.execute(
        select(Submission.institution_id, per_response.c.verdict, func.sum(per_response.c.n))
        .join(Response, Response.id == per_response.c.response_id)
        .join(Submission, Submission.id == Response.submission_id)
        .where(Response.status == ModerationStatus.PUBLISHED, *filters.conditions())
        .group_by(Submission.institution_id, per_response.c.verdict)
    ).all()


def _commitments(filters: Filters, today):
    late = and_(Commitment.state.in_(OPEN_COMMITMENT_STATUSES), Commitment.expected_by < today)
    return db.session.execute(
        select(
            Commitment.institution_id,
            Commitment.state,
            func.count(Commitment.id),
            func.coalesce(func.sum(case((late, 1), else_=0)), 0),
        )
        .join(Submission, Submission.id == Commitment.submission_id)
        .where(Submission.answered_at.is_not(None), *filters.conditions())
        .group_by(Commitment.institution_id, Commitment.state)
    ).all()


def _compute(filters: Filters) -> tuple[Figures, list[Figures]]:
    today = dates.today()
    rows: dict[int, Figures] = {}
    total = Figures()

    def row(iid) -> Figures:
        found = rows.get(iid)
        if found is None:
            found = rows[iid] = Figures()
        return found

    for iid, received, read, answered, overdue in _counts(filters, today):
        figures = row(iid)
        figures.received, figures.read, figures.answered = received, read, answered
        figures.overdue = int(overdue)
    read_per, total.median_read_days = _medians(Submission.read_days, filters)
    answer_per, total.median_answer_days = _medians(Submission.answer_days, filters)
    for iid, value in read_per.items():
        row(iid).median_read_days = value
    for iid, value in answer_per.items():
        row(iid).median_answer_days = value
    for iid, verdict, count in _verdicts(filters):
        row(iid).verdicts[Verdict(verdict)] = int(count)  # a SUM: Decimal on PostgreSQL
    for iid, state, count, late in _commitments(filters, today):
        figures = row(iid)
        figures.commitments[CommitmentStatus(state)] = count
        figures.overdue_commitments += int(late)
    # Plain values, not database objects: the result outlives the request in the cache.
    institutions = db.session.execute(
        select(Institution.id, Institution.name, Institution.country, Institution.kind).where(
            Institution.id.in_(list(rows))
        )
    )
    for iid, name, country, kind in institutions:
        rows[iid].institution = InstitutionRow(iid, name, country, kind)
    for figures in rows.values():
        total.received += figures.received
        total.read += figures.read
        total.answered += figures.answered
        total.overdue += figures.overdue
        total.overdue_commitments += figures.overdue_commitments
        for key, value in figures.verdicts.items():
            total.verdicts[key] += value
        for key, value in figures.commitments.items():
            total.commitments[key] += value
    ordered = sorted(
        (f for f in rows.values() if f.institution is not None),
        key=lambda f: (f.institution.country, f.institution.name.casefold()),
    )
    return total, ordered


CACHE_NAMESPACE = "policy-record"


def figures(filters: Filters) -> tuple[Figures, list[Figures]]:
    """(everyone's figures, one row per institution that received something), cached for
    POLICY_RECORD_CACHE_SECONDS per set of filters and day, shared by every app server."""
    ttl = current_app.config["POLICY_RECORD_CACHE_SECONDS"]
    if not ttl:
        return _compute(filters)
    key = cache.make_key(CACHE_NAMESPACE, filters, dates.today())
    hit = cache.shared().get(key)
    if hit is not None:
        return hit
    result = _compute(filters)
    cache.shared().set(key, result, ttl)
    return result


def forget() -> None:
    """Drop cached figures on every server (after a change the record must show at once)."""
    cache.shared().bump(CACHE_NAMESPACE)


def filter_choices():
    """Countries, topics and years that occur, for the filter form (three small queries)."""
    from youthportal.reports.models import Topic

    countries = db.session.scalars(
        select(Institution.country).distinct().order_by(Institution.country)
    ).all()
    topics = db.session.scalars(select(Topic).order_by(Topic.id)).all()
    first = db.session.scalar(select(func.min(Submission.sent_at)))
    years = list(range(dates.local_date(first).year, dates.today().year + 1)) if first else []
    return countries, topics, list(reversed(years))


CSV_COLUMNS = (
    "institution_id",
    "institution",
    "country",
    "kind",
    "submissions_received",
    "submissions_read",
    "submissions_answered",
    "answered_percent",
    "median_days_to_first_read",
    "median_days_to_answer",
    "submissions_overdue",
    *(f"recommendations_{v.value}" for v in Verdict),
    *(f"commitments_{s.value}" for s in CommitmentStatus),
    "commitments_overdue",
)


def as_record(f: Figures) -> dict:
    """One row of the open data (CSV and JSON): codes and numbers, no personal data."""
    institution = f.institution
    values = [
        institution.id if institution else None,
        institution.name if institution else None,
        institution.country if institution else None,
        institution.kind.value if institution else None,
        f.received,
        f.read,
        f.answered,
        f.answered_share,
        f.median_read_days,
        f.median_answer_days,
        f.overdue,
        *(f.verdicts[v] for v in Verdict),
        *(f.commitments[s] for s in CommitmentStatus),
        f.overdue_commitments,
    ]
    return dict(zip(CSV_COLUMNS, values, strict=True))
