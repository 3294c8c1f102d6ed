"""Moderation metrics: weekly numbers in Europe/Tirane weeks, the chart and the page."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pyotp
import pytest

from tests.conftest import login, make_user
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety import chart, metrics
from youthportal.safety.models import (
    Flag,
    FlagOutcome,
    FlagReason,
    ReviewItem,
    ReviewReason,
    ReviewState,
    ScreenEvent,
)

SVG = "{http://www.w3.org/2000/svg}"


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def screen(at: datetime, action: str = "publish", urgent: bool = False) -> None:
    db.session.add(ScreenEvent(created_at=at, content_type="comment", action=action, urgent=urgent))


_content_ids = iter(range(1, 100_000))


def flag(reporter, at: datetime, outcome: FlagOutcome | None = None, decided=None) -> None:
    db.session.add(
        Flag(
            content_type="comment",
            content_id=next(_content_ids),
            reporter_id=reporter.id,
            reason=FlagReason.SPAM,
            created_at=at,
            outcome=outcome,
            decided_at=decided,
        )
    )


def reviewed(closed_at: datetime | None, hours: float = 1, opened_at=None) -> None:
    opened_at = opened_at or closed_at - timedelta(hours=hours)
    db.session.add(
        ReviewItem(
            content_type="comment",
            content_id=next(_content_ids),
            reason=ReviewReason.HELD,
            state=ReviewState.CLOSED if closed_at else ReviewState.OPEN,
            opened_at=opened_at,
            closed_at=closed_at,
        )
    )


def as_table(rows):
    return [
        (
            r.start,
            r.screened,
            r.held,
            r.blocked,
            r.urgent,
            r.flagged,
            r.median_review_hours,
            r.upheld_share,
        )
        for r in rows
    ]


# --- the numbers ------------------------------------------------------------------------------


def test_weekly_numbers_in_tirane_weeks():
    reporter = make_user()
    # Now: Wednesday 19 March 2025 (Tirane is UTC+1 in winter). Weeks: 3, 10 and 17 March.
    now = utc(2025, 3, 19, 12)

    # Before the period: Sunday 2 March 23:59:59 local.
    screen(utc(2025, 3, 2, 22, 59, 59), "hold")
    # Week of 3 March: the very first local second, then a few more.
    screen(utc(2025, 3, 2, 23, 0))
    screen(utc(2025, 3, 4, 10))
    screen(utc(2025, 3, 5, 10), "hold")
    screen(utc(2025, 3, 6, 10), "block", urgent=True)
    screen(utc(2025, 3, 9, 22, 30))  # Sunday 23:30 local: still this week
    # Week of 10 March: Sunday 23:30 UTC is already Monday 00:30 in Tirane.
    screen(utc(2025, 3, 9, 23, 30), "hold", urgent=True)
    screen(utc(2025, 3, 12, 10))
    # Week of 17 March (in progress).
    screen(utc(2025, 3, 18, 10))
    # After now, beyond the period's end (next Monday local).
    screen(utc(2025, 3, 23, 23, 0))

    flag(reporter, utc(2025, 3, 7, 9), FlagOutcome.UPHELD, decided=utc(2025, 3, 8, 9))
    flag(reporter, utc(2025, 3, 9, 23, 30), FlagOutcome.NOT_UPHELD, decided=utc(2025, 3, 11))
    flag(reporter, utc(2025, 3, 11, 9), FlagOutcome.NOT_UPHELD, decided=utc(2025, 3, 12))
    flag(reporter, utc(2025, 3, 12, 9), FlagOutcome.UPHELD, decided=utc(2025, 3, 13))
    flag(reporter, utc(2025, 3, 13, 9))  # not decided yet
    flag(reporter, utc(2025, 2, 20, 9))  # before the period

    reviewed(utc(2025, 3, 3, 10), hours=2)
    reviewed(utc(2025, 3, 4, 6), hours=6)
    reviewed(utc(2025, 3, 5, 4), hours=4)
    reviewed(utc(2025, 3, 11, 10), hours=1)
    reviewed(utc(2025, 3, 12, 10), hours=4)
    # Closed Sunday 23:30 UTC = Monday 00:30 local: the week of 17 March.
    reviewed(utc(2025, 3, 16, 23, 30), hours=10)
    reviewed(None, opened_at=utc(2025, 3, 18))  # still open
    reviewed(utc(2025, 3, 1, 10), hours=3)  # before the period
    db.session.commit()

    rows = metrics.weekly(3, now=now)
    assert as_table(rows) == [
        (date(2025, 3, 3), 5, 1, 1, 1, 1, 4.0, 1.0),
        (date(2025, 3, 10), 2, 1, 0, 1, 4, 2.5, 1 / 3),
        (date(2025, 3, 17), 1, 0, 0, 0, 0, 10.0, None),
    ]
    assert [r.current for r in rows] == [False, False, True]
    assert [r.reviewed for r in rows] == [3, 2, 1]
    assert [(r.flags_decided, r.flags_upheld) for r in rows] == [(1, 1), (3, 1), (0, 0)]

    total = metrics.totals(rows)
    assert (total.screened, total.held, total.blocked, total.urgent, total.flagged) == (
        8,
        2,
        1,
        2,
        5,
    )
    # The median over all six reviews (1, 2, 4, 4, 6, 10), not a median of medians.
    assert total.median_review_hours == 4.0
    assert total.upheld_share == 0.5


def test_week_boundaries_follow_summer_time():
    # Summer time starts on Sunday 30 March 2025: Monday 31 March begins at 22:00 UTC.
    now = utc(2025, 4, 2, 12)
    screen(utc(2025, 3, 23, 22, 59))  # Sunday 23 March 23:59 local (winter): before
    screen(utc(2025, 3, 23, 23, 0))  # Monday 24 March 00:00 local
    screen(utc(2025, 3, 30, 21, 59))  # Sunday 30 March 23:59 local (summer)
    screen(utc(2025, 3, 30, 22, 0), "block")  # Monday 31 March 00:00 local
    reviewed(utc(2025, 3, 30, 22, 30), hours=3)
    db.session.commit()

    rows = metrics.weekly(2, now=now)
    assert [(r.start, r.screened, r.blocked, r.median_review_hours) for r in rows] == [
        (date(2025, 3, 24), 2, 0, None),
        (date(2025, 3, 31), 1, 1, 3.0),
    ]


def test_a_single_week():
    screen(utc(2025, 3, 17, 10), "hold")
    reviewed(utc(2025, 3, 18, 10), hours=5)
    db.session.commit()
    rows = metrics.weekly(1, now=utc(2025, 3, 19, 12))
    assert as_table(rows) == [(date(2025, 3, 17), 1, 1, 0, 0, 0, 5.0, None)]


def test_an_empty_period_has_zeros_and_nothing_to_measure():
    rows = metrics.weekly(4, now=utc(2025, 1, 8, 12))
    assert [r.start for r in rows] == [
        date(2024, 12, 16),
        date(2024, 12, 23),
        date(2024, 12, 30),
        date(2025, 1, 6),
    ]
    assert all(r.screened == r.flagged == 0 for r in rows)
    assert all(r.median_review_hours is None and r.upheld_share is None for r in rows)
    total = metrics.totals(rows)
    assert total.median_review_hours is None and total.upheld_share is None


def test_metrics_use_a_fixed_number_of_queries(count_queries):
    reporter = make_user()
    now = utcnow()

    def measure():
        with count_queries() as counter:
            metrics.weekly(12, now=now)
        return counter.count

    empty = measure()
    for i in range(150):
        at = now - timedelta(hours=i * 7)
        screen(at, ("publish", "hold", "block")[i % 3], urgent=i % 10 == 0)
        flag(reporter, at, FlagOutcome.UPHELD if i % 2 else None, decided=at if i % 2 else None)
        reviewed(at, hours=i % 5 + 1)
    db.session.commit()
    assert measure() == empty == 4


# --- the chart --------------------------------------------------------------------------------


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_chart_colours_contrast_and_patterns_differ():
    for series in chart.SERIES:
        assert 1.05 / (relative_luminance(series.colour) + 0.05) >= 3, series.key
    assert len({s.pattern for s in chart.SERIES}) == len(chart.SERIES)
    assert len({s.colour for s in chart.SERIES}) == len(chart.SERIES)


def test_chart_is_well_formed_accessible_svg(app):
    rows = [metrics.WeekRow(start=date(2025, 3, 3), screened=12, held=3, blocked=1, flagged=2)]
    rows.append(metrics.WeekRow(start=date(2025, 3, 10)))
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        svg = chart.weekly_chart(rows, id_prefix='x"><script>')
    assert "<script>" not in svg and "&#34;&gt;&lt;script&gt;" in svg
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Moderation activity per week"
    assert "Mar 3, 2025" in desc.text and "Mar 10, 2025" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Screened", "Held for review", "Blocked", "Flagged"} <= set(texts)
    # Patterns referenced by bars and legend exist; no external references, no script.
    ids = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    used = {f[5:-1] for f in fills if f.startswith("url(#")}
    assert used and used <= ids
    assert "href" not in str(svg) and "script" not in str(svg).replace("&lt;script&gt;", "")


# --- the page ---------------------------------------------------------------------------------


def staff(role: Role):
    secret = pyotp.random_base32() if role in (Role.ADMIN, Role.SAFEGUARDING_LEAD) else None
    return make_user(role, totp_secret=secret)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.FACILITATOR, 200),
        (Role.SAFEGUARDING_LEAD, 200),
        (Role.ADMIN, 200),
        (Role.YOUTH, 403),
        (Role.POLICY_MAKER, 403),
    ],
)
def test_who_may_see_the_metrics(client, role, status):
    login(client, staff(role))
    assert client.get("/moderation/metrics/").status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/moderation/metrics/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def squash(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


def row_cells(page: str, header: str) -> list[str]:
    row = re.search(rf'<th scope="row">{re.escape(header)}</th>(.*?)</tr>', page).group(1)
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def test_page_shows_chart_and_table(client):
    reporter = make_user()
    now = utcnow()
    for action in ("publish", "publish", "hold", "block"):
        screen(now, action)
    flag(reporter, now, FlagOutcome.UPHELD, decided=now)
    flag(reporter, now, FlagOutcome.NOT_UPHELD, decided=now)
    flag(reporter, now, FlagOutcome.NOT_UPHELD, decided=now)
    flag(reporter, now, FlagOutcome.UPHELD, decided=now)
    reviewed(now, hours=1.5)
    reviewed(now, hours=2.5)
    db.session.commit()
    login(client, staff(Role.FACILITATOR))

    response = client.get("/moderation/metrics/?weeks=4")
    page = squash(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "<h1>Moderation in numbers</h1>" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert "<title " in page and "<desc " in page
    assert "<caption>Moderation per week over the last 4 weeks</caption>" in page
    assert page.count('scope="col"') == 8
    assert page.count('scope="row"') == 4 + 1
    # Totals: 4 screened, 1 held, 1 blocked, 0 urgent, 4 flagged, median 2.0 h, 50% upheld.
    assert row_cells(page, "Whole period") == ["4", "1", "1", "0", "4", "2.0", "50%"]
    # Narrow screens show each row as a card whose cells carry their column's name.
    assert '<td data-label="Median time to review (hours)">2.0</td>' in page
    # The oldest week had nothing to measure: a dash, with words for screen readers.
    assert '<span aria-hidden="true">\u2014</span><span class="visually-hidden">none</span>' in page
    # Week rows are labelled with their Monday, formatted for the reader's language.
    assert re.search(r'<th scope="row">[A-Z][a-z]{2} \d{1,2}, \d{4}', page)


@pytest.mark.parametrize(("asked", "shown"), [("26", 26), ("7", 12), ("many", 12), ("", 12)])
def test_period_choice_is_limited(client, asked, shown):
    login(client, staff(Role.FACILITATOR))
    page = client.get(f"/moderation/metrics/?weeks={asked}").get_data(as_text=True)
    assert page.count('scope="row"') == shown + 1
    assert f"over the last {shown} weeks" in page


def test_page_in_albanian_formats_dates_and_numbers(client):
    screen(utcnow(), "hold")
    db.session.commit()
    client.language = "sq"
    login(client, staff(Role.FACILITATOR))
    response = client.get("/moderation/metrics/?weeks=4")
    assert response.status_code == 200
    assert '<html lang="sq"' in response.get_data(as_text=True)


def test_page_query_count_does_not_grow(client, count_queries):
    reporter = make_user()
    login(client, staff(Role.FACILITATOR))
    now = utcnow()

    def fill(n, offset):
        for i in range(n):
            at = now - timedelta(hours=(offset + i) % 1500)
            screen(at, ("publish", "hold", "block")[i % 3], urgent=i % 7 == 0)
            flag(reporter, at, FlagOutcome.UPHELD if i % 2 else None, decided=at if i % 2 else None)
            reviewed(at, hours=i % 4 + 1)
        db.session.commit()

    def measure():
        with count_queries() as counter:
            assert client.get("/moderation/metrics/?weeks=12").status_code == 200
        return counter.count

    fill(5, 0)
    few = measure()
    fill(195, 5)
    many = measure()
    assert few == many
