"""Response times as people count them: calendar days on a wall in Tirana. A report sent late
in the evening and read after midnight was read "the next day"; daylight-saving changes
neither add nor lose a day; the public record's medians and its year filter follow the same
local calendar. Every clock here is fixed."""

from datetime import UTC, date, datetime, timedelta

import pytest

import youthportal.policy.inbox
import youthportal.policy.responses
from tests.conftest import make_institution
from tests.policy.scene import ACCEPTED, make_scene, respond, send, submission_for
from tests.reports.steps import text
from tests.reports.world import sign_in
from youthportal.extensions import db
from youthportal.policy.dates import days_between, local_date
from youthportal.policy.models import Sending, SourceKind, Submission
from youthportal.policy.record import Filters, figures


def utc(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def received(institution, sent_at, *, read_at=None, answered_at=None) -> Submission:
    """A submission as the portal keeps it: the day counts are written when things happen,
    with the same rule the portal uses (`days_between`)."""
    sending = Sending(
        kind=SourceKind.REPORT,
        title="Safer apps",
        cover_letter="Dear minister, please read our report.",
        requested_by=local_date(sent_at) + timedelta(days=60),
        sent_at=sent_at,
    )
    db.session.add(sending)
    db.session.flush()
    submission = Submission(
        sending_id=sending.id,
        institution_id=institution.id,
        sent_at=sent_at,
        requested_by=sending.requested_by,
        read_at=read_at,
        read_days=days_between(sent_at, read_at) if read_at else None,
        answered_at=answered_at,
        answer_days=days_between(sent_at, answered_at) if answered_at else None,
    )
    db.session.add(submission)
    db.session.commit()
    return submission


def read_after(institution, days: int, sent_at=None) -> Submission:
    sent_at = sent_at or utc(2026, 5, 4)
    return received(institution, sent_at, read_at=sent_at + timedelta(days=days))


def by_name(rows) -> dict:
    return {f.institution.name: f for f in rows}


# Days on a wall calendar in Tirana -----------------------------------------------------------


def test_the_portal_counts_days_in_tirana(app):
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Tirane"


def test_read_an_hour_later_but_after_midnight_counts_as_the_next_day():
    """Sent at 23:30 in Tirana (CET, UTC+1), read at 00:30: one hour, one calendar day."""
    sent, read = utc(2026, 2, 10, 22, 30), utc(2026, 2, 10, 23, 30)
    assert local_date(sent) == date(2026, 2, 10)
    assert local_date(read) == date(2026, 2, 11)
    assert days_between(sent, read) == 1


def test_read_nearly_a_day_later_on_the_same_local_day_counts_zero():
    """Sent at 01:30 and read at 23:30 the same day in Tirana: 22 hours, the same day."""
    assert days_between(utc(2026, 2, 10, 0, 30), utc(2026, 2, 10, 22, 30)) == 0


def test_the_spring_clock_change_neither_adds_nor_loses_a_day():
    """Clocks go 02:00 → 03:00 on 29 March 2026. Sent Saturday 23:30 (CET), read 24 hours
    later, which is Monday 00:30 (CEST): two calendar days."""
    sent, read = utc(2026, 3, 28, 22, 30), utc(2026, 3, 29, 22, 30)
    assert read - sent == timedelta(hours=24)
    assert local_date(sent) == date(2026, 3, 28)
    assert local_date(read) == date(2026, 3, 30)
    assert days_between(sent, read) == 2
    # Sunday 23:59 CEST is still Sunday although it is 21:59 UTC.
    assert local_date(utc(2026, 3, 29, 21, 59)) == date(2026, 3, 29)


def test_a_full_day_across_the_autumn_clock_change_stays_on_one_local_day():
    """Clocks go 03:00 → 02:00 on 25 October 2026, a 25-hour Sunday. Sent at 00:30 (CEST),
    read 24 hours later at 23:30 (CET) that same Sunday: zero days."""
    sent, read = utc(2026, 10, 24, 22, 30), utc(2026, 10, 25, 22, 30)
    assert read - sent == timedelta(hours=24)
    assert local_date(sent) == local_date(read) == date(2026, 10, 25)
    assert days_between(sent, read) == 0
    assert days_between(sent, utc(2026, 10, 25, 23, 0)) == 1  # midnight in Tirana


def test_new_year_comes_an_hour_earlier_in_tirana():
    assert local_date(utc(2025, 12, 31, 22, 59)) == date(2025, 12, 31)
    assert local_date(utc(2025, 12, 31, 23, 30)) == date(2026, 1, 1)


# The record's medians --------------------------------------------------------------------


def test_medians_per_institution_and_overall_for_odd_and_even_counts():
    """Ministry read in 1, 2 and 10 days: median 2. Agency in 1, 2, 3 and 10: median 2.5.
    Everyone's seven reads 1, 1, 2, 2, 3, 10, 10: median 2."""
    ministry = make_institution("Ministry of Education")
    agency = make_institution("State Agency for Child Rights")
    for days in (10, 1, 2):
        read_after(ministry, days)
    for days in (3, 10, 1, 2):
        read_after(agency, days)
    total, rows = figures(Filters())
    rows = by_name(rows)
    assert rows["Ministry of Education"].median_read_days == 2
    assert rows["State Agency for Child Rights"].median_read_days == 2.5
    assert total.median_read_days == 2
    assert total.received == 7 and total.read == 7


def test_an_even_count_overall_takes_the_mean_of_the_middle_two():
    """Answers after 3 and 5 days (ministry) and 7 and 30 (agency): everyone's median is
    (5 + 7) / 2 = 6."""
    ministry = make_institution("Ministry of Education")
    agency = make_institution("State Agency for Child Rights")
    start = utc(2026, 5, 4)
    for institution, days in ((ministry, 3), (ministry, 5), (agency, 30), (agency, 7)):
        when = start + timedelta(days=days)
        received(institution, start, read_at=when, answered_at=when)
    total, rows = figures(Filters())
    rows = by_name(rows)
    assert rows["Ministry of Education"].median_answer_days == 4
    assert rows["State Agency for Child Rights"].median_answer_days == 18.5
    assert total.median_answer_days == 6
    assert total.answered == 4


def test_unread_submissions_do_not_count_towards_the_median():
    ministry = make_institution("Ministry of Education")
    read_after(ministry, 4)
    received(ministry, utc(2026, 5, 4))  # not read yet
    total, [row] = figures(Filters())
    assert row.received == 2 and row.read == 1
    assert row.median_read_days == 4 and total.median_read_days == 4
    assert row.median_answer_days is None and total.median_answer_days is None


def test_the_open_data_gives_the_medians_in_local_calendar_days(client):
    """The late-evening read counts one day in the CSV and JSON, as on the page."""
    ministry = make_institution("Ministry of Education")
    received(ministry, utc(2026, 2, 10, 22, 30), read_at=utc(2026, 2, 10, 23, 30))
    received(ministry, utc(2026, 3, 28, 22, 30), read_at=utc(2026, 3, 29, 22, 30))
    data = client.get("/policy/record.json").get_json()
    [row] = data["institutions"]
    assert row["median_days_to_first_read"] == 1.5
    assert data["total"]["median_days_to_first_read"] == 1.5
    csv = client.get("/policy/record.csv").get_data(as_text=True).splitlines()
    header, line = csv[0].split(","), csv[1].split(",")
    assert line[header.index("median_days_to_first_read")] == "1.5"


# The year filter uses Tirana's new year ----------------------------------------------------


def test_the_year_filter_follows_the_local_new_year(client):
    """23:30 UTC on New Year's Eve is 00:30 on 1 January in Tirana: next year's."""
    ministry = make_institution("Ministry of Education")
    received(ministry, utc(2025, 12, 31, 22, 30))  # 23:30 on 31 December 2025
    received(ministry, utc(2025, 12, 31, 23, 30))  # 00:30 on 1 January 2026
    received(ministry, utc(2026, 12, 31, 22, 30))  # 23:30 on 31 December 2026
    received(ministry, utc(2026, 12, 31, 23, 30))  # 00:30 on 1 January 2027
    assert figures(Filters(year=2025))[0].received == 1
    assert figures(Filters(year=2026))[0].received == 2
    assert figures(Filters(year=2027))[0].received == 1
    assert figures(Filters())[0].received == 4
    data = client.get("/policy/record.json?year=2026").get_json()
    assert data["total"]["submissions_received"] == 2
    assert data["filters"] == {"year": 2026}


def test_the_year_filter_counts_a_submission_in_its_local_summer_year():
    """Midsummer (CEST, UTC+2) has no edge case: a plain check that the year is kept."""
    ministry = make_institution("Ministry of Education")
    received(ministry, utc(2026, 7, 1))
    assert figures(Filters(year=2026))[0].received == 1
    assert figures(Filters(year=2025))[0].received == 0


# Day counts written at the moment things happen --------------------------------------------

MOMENTS = [
    pytest.param(utc(2026, 2, 10, 22, 30), utc(2026, 2, 10, 23, 30), 1, id="after-midnight"),
    pytest.param(utc(2026, 2, 10, 0, 30), utc(2026, 2, 10, 22, 30), 0, id="same-day"),
    pytest.param(utc(2026, 3, 28, 22, 30), utc(2026, 3, 29, 22, 30), 2, id="spring-change"),
    pytest.param(utc(2026, 10, 24, 22, 30), utc(2026, 10, 25, 22, 30), 0, id="autumn-change"),
]


def _sent_at(client, sent_at):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    submission.sent_at = sent_at
    db.session.commit()
    return scene, submission


def freeze(monkeypatch, *modules, now: datetime):
    for module in modules:
        monkeypatch.setattr(module, "utcnow", lambda: now)


@pytest.mark.parametrize(("sent_at", "now", "days"), MOMENTS)
def test_opening_a_submission_records_the_local_days_it_took(
    client, monkeypatch, sent_at, now, days
):
    scene, submission = _sent_at(client, sent_at)
    freeze(monkeypatch, youthportal.policy.inbox, now=now)
    sign_in(client, scene.minister)
    assert client.get(f"/policy/s/{submission.id}").status_code == 200
    db.session.refresh(submission)
    assert submission.read_at == now
    assert submission.read_days == days


def test_opening_it_again_the_next_day_keeps_the_first_read(client, monkeypatch):
    scene, submission = _sent_at(client, utc(2026, 2, 10, 22, 30))
    freeze(monkeypatch, youthportal.policy.inbox, now=utc(2026, 2, 10, 23, 30))
    sign_in(client, scene.minister)
    client.get(f"/policy/s/{submission.id}")
    freeze(monkeypatch, youthportal.policy.inbox, now=utc(2026, 2, 20, 9, 0))
    client.get(f"/policy/s/{submission.id}")
    db.session.refresh(submission)
    assert submission.read_at == utc(2026, 2, 10, 23, 30) and submission.read_days == 1


def test_someone_else_opening_it_does_not_count_as_read(client, monkeypatch):
    scene, submission = _sent_at(client, utc(2026, 2, 10, 22, 30))
    freeze(monkeypatch, youthportal.policy.inbox, now=utc(2026, 2, 10, 23, 30))
    for user in (None, scene.agent, scene.facilitator, scene.owner):
        sign_in(client, user)
        client.get(f"/policy/s/{submission.id}")
    db.session.refresh(submission)
    assert submission.read_at is None and submission.read_days is None


@pytest.mark.parametrize(("sent_at", "now", "days"), MOMENTS)
def test_answering_unread_records_read_and_answer_days(client, monkeypatch, sent_at, now, days):
    """An official who answers straight from the inbox has read it at the same moment."""
    scene, submission = _sent_at(client, sent_at)
    freeze(monkeypatch, youthportal.policy.inbox, youthportal.policy.responses, now=now)
    assert respond(client, scene.minister, submission, {1: ACCEPTED}).status_code == 302
    db.session.refresh(submission)
    assert submission.answered_at == now and submission.answer_days == days
    assert submission.read_at == now and submission.read_days == days
    total, [row] = figures(Filters())
    assert row.median_answer_days == days and row.median_read_days == days


def test_read_one_day_and_answered_later_keeps_both_counts(client, monkeypatch):
    scene, submission = _sent_at(client, utc(2026, 3, 28, 22, 30))
    freeze(monkeypatch, youthportal.policy.inbox, now=utc(2026, 3, 28, 23, 45))  # 00:45 CET
    sign_in(client, scene.minister)
    client.get(f"/policy/s/{submission.id}")
    freeze(monkeypatch, youthportal.policy.responses, now=utc(2026, 4, 7, 21, 30))  # 23:30 CEST
    respond(client, scene.minister, submission, {1: ACCEPTED})
    db.session.refresh(submission)
    assert submission.read_days == 1
    assert submission.answer_days == 10


def test_the_young_people_see_the_local_date_it_was_read(client, monkeypatch):
    """Read at 00:30 on 11 February in Tirana (23:30 UTC on the 10th): the page says the
    11th, the day the official really opened it."""
    scene, submission = _sent_at(client, utc(2026, 2, 10, 22, 30))
    freeze(monkeypatch, youthportal.policy.inbox, now=utc(2026, 2, 10, 23, 30))
    sign_in(client, scene.minister)
    client.get(f"/policy/s/{submission.id}")
    sign_in(client, scene.owner)
    page = text(client.get(f"/policy/s/{submission.id}"))
    assert "Read by Ministry of Education on February 11, 2026" in page
