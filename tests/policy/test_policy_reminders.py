"""Reminders, as cron runs them (`youthportal send-reminders`, hourly, maybe twice at once):
the institution is nudged 14 days and 1 day before the date the young people asked for and
once when it is overdue; a missed nudge is skipped rather than sent late; an answer stops
them. An institution without an account gets a fresh claim link instead. Officials hear
when a promised date has passed, and four weeks later the commitment's followers are asked
whether it happened. Each reminder goes out once, however often the job runs."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_user
from tests.policy.scene import (
    ACCEPTED,
    commitments_of,
    make_scene,
    notices,
    respond,
    send,
    submission_for,
)
from tests.reports.steps import text
from tests.reports.world import once, sign_in
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.notifications.models import OutboxMessage
from youthportal.policy import dates
from youthportal.policy.models import ReminderSent
from youthportal.policy.reminders import send_reminders

NOTHING = {"submissions": 0, "commitments": 0, "did_it_happen": 0}


def run(app, day: date) -> dict:
    """One run of the reminders job as if it were `day` in Tirana."""
    with app.test_request_context():
        sent = send_reminders(today=day)
    db.session.commit()
    return sent


def cli(app, day: date):
    result = app.test_cli_runner().invoke(args=["send-reminders", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def sent_to(client, scene, institutions, *, days=30) -> date:
    """Sends the scene's report, asking for an answer `days` from today; returns the date."""
    due = dates.today() + timedelta(days=days)
    assert send(client, scene.facilitator, scene, institutions, requested_by=due).status_code == 302
    return due


def mails(address: str, kind: str | None = None) -> list[OutboxMessage]:
    found = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == address).order_by(OutboxMessage.id)
    ).all()
    return [m for m in found if kind is None or m.details.get("kind") == kind]


def reminder_keys() -> list[str]:
    return sorted(db.session.scalars(select(ReminderSent.key)))


# Nudges before and after the requested date ------------------------------------------------


def test_an_institution_is_nudged_two_weeks_before_a_day_before_and_when_overdue(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    assert run(app, due - timedelta(days=15)) == NOTHING  # too early for anything
    assert run(app, due - timedelta(days=14))["submissions"] == 1
    assert run(app, due - timedelta(days=7))["submissions"] == 0  # the 14-day nudge is done
    assert run(app, due - timedelta(days=1))["submissions"] == 1
    assert run(app, due)["submissions"] == 0  # the day itself: the 1-day nudge was enough
    assert run(app, due + timedelta(days=1))["submissions"] == 1
    assert run(app, due + timedelta(days=30))["submissions"] == 0  # overdue is said once
    assert len(notices(scene.minister, "submission_due_soon")) == 2
    assert len(notices(scene.minister, "submission_overdue")) == 1


@pytest.mark.parametrize("before", [14, 1])
def test_each_nudge_is_sent_once_when_the_job_runs_twice_the_same_day(app, client, before):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    day = due - timedelta(days=before)
    assert run(app, day)["submissions"] == 1
    assert run(app, day) == NOTHING
    assert len(notices(scene.minister, "submission_due_soon")) == 1


def test_the_overdue_nudge_is_sent_once_when_the_job_runs_twice(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    run(app, due + timedelta(days=1))
    run(app, due + timedelta(days=1))
    run(app, due + timedelta(days=2))
    assert len(notices(scene.minister, "submission_overdue")) == 1


def test_the_command_line_job_reminds_once_however_often_cron_runs_it(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry, scene.agency])
    day = due - timedelta(days=14)
    first = cli(app, day)
    assert "reminded 2 submissions, 0 commitments" in first
    assert "reminded 0 submissions, 0 commitments, asked 0 times" in cli(app, day)
    assert len(notices(scene.minister, "submission_due_soon")) == 1
    assert len(notices(scene.agent, "submission_due_soon")) == 1
    assert "reminded 2 submissions" in cli(app, due + timedelta(days=1))
    assert "reminded 0 submissions" in cli(app, due + timedelta(days=1))
    assert len(notices(scene.minister, "submission_overdue")) == 1


def test_the_reminder_names_the_requested_date_and_links_to_the_submission(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    run(app, due - timedelta(days=14))
    [note] = notices(scene.minister, "submission_due_soon")
    submission = submission_for(scene, scene.ministry)
    assert note.link == f"/policy/s/{submission.id}"
    assert note.params["date_iso"] == due.isoformat()
    assert note.params["title"] == "Safer apps"


def test_a_missed_stage_is_skipped_not_sent_late(app, client):
    """The job did not run for two weeks: one day before, only the 1-day nudge goes out."""
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    assert run(app, due - timedelta(days=1))["submissions"] == 1
    assert run(app, due - timedelta(days=1))["submissions"] == 0
    assert len(notices(scene.minister, "submission_due_soon")) == 1
    submission = submission_for(scene, scene.ministry)
    assert reminder_keys() == [f"submission:{submission.id}:before-1:{due.isoformat()}"]


def test_a_submission_already_overdue_gets_only_the_overdue_nudge(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    assert run(app, due + timedelta(days=3))["submissions"] == 1
    assert notices(scene.minister, "submission_due_soon") == []
    assert len(notices(scene.minister, "submission_overdue")) == 1


def test_a_submission_asked_for_one_day_ahead_gets_only_the_one_day_nudge(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry], days=1)
    assert run(app, dates.today())["submissions"] == 1
    [note] = notices(scene.minister, "submission_due_soon")
    assert note.params["date_iso"] == due.isoformat()


def test_an_answered_submission_gets_no_reminders(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry])
    respond(client, scene.minister, submission_for(scene, scene.ministry), {1: ACCEPTED})
    for day in (due - timedelta(days=14), due - timedelta(days=1), due + timedelta(days=1)):
        assert run(app, day)["submissions"] == 0
    assert notices(scene.minister, "submission_due_soon") == []
    assert notices(scene.minister, "submission_overdue") == []


def test_only_the_institution_that_has_not_answered_is_reminded(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.ministry, scene.agency])
    respond(client, scene.minister, submission_for(scene, scene.ministry), {1: ACCEPTED})
    assert run(app, due + timedelta(days=1))["submissions"] == 1
    assert notices(scene.minister, "submission_overdue") == []
    assert len(notices(scene.agent, "submission_overdue")) == 1


def test_a_letter_waiting_for_a_moderator_is_not_reminded_of(app, client):
    """The institutions have not received it yet."""
    scene = make_scene()
    scene.cohort.is_premoderated = True
    db.session.commit()
    due = dates.today() + timedelta(days=30)
    send(client, scene.speaker, scene, [scene.ministry], requested_by=due)
    for day in (due - timedelta(days=14), due - timedelta(days=1), due + timedelta(days=1)):
        assert run(app, day) == NOTHING
    assert notices(scene.minister, "submission_due_soon") == []


def test_every_official_of_the_institution_is_reminded_also_by_email(app, client):
    """Officials are adults with an e-mail address: the reminder is queued for them too."""
    scene = make_scene()
    colleague = make_user(Role.POLICY_MAKER, institution=scene.ministry)
    due = sent_to(client, scene, [scene.ministry])
    run(app, due - timedelta(days=14))
    run(app, due + timedelta(days=1))
    for official in (scene.minister, colleague):
        assert len(notices(official, "submission_due_soon")) == 1
        [soon] = mails(official.email, "submission_due_soon")
        [late] = mails(official.email, "submission_overdue")
        submission = submission_for(scene, scene.ministry)
        assert f"http://localhost/policy/s/{submission.id}" in soon.body
        assert "Safer apps" in soon.subject and "Safer apps" in late.subject
    assert mails(scene.agent.email, "submission_due_soon") == []


# An institution without an account ---------------------------------------------------------


def test_an_institution_without_an_account_gets_a_fresh_claim_link_instead(app, client):
    scene = make_scene()
    due = sent_to(client, scene, [scene.council])
    [first] = mails("council@example.org", "policy_claim")
    assert run(app, due - timedelta(days=14))["submissions"] == 1
    assert run(app, due - timedelta(days=14))["submissions"] == 0
    claims = mails("council@example.org", "policy_claim")
    assert len(claims) == 2
    fresh = claims[-1]
    assert "/policy/claim/" in fresh.body and fresh.id != first.id
    link = next(line for line in fresh.body.splitlines() if "/policy/claim/" in line)
    sign_in(client, None)
    assert client.get(link.replace("http://localhost", "")).status_code == 200
    assert run(app, due + timedelta(days=1))["submissions"] == 1
    assert len(mails("council@example.org", "policy_claim")) == 3


# Commitments -------------------------------------------------------------------------------


def answered_with_commitment(client, scene):
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    assert respond(client, scene.minister, submission, {1: ACCEPTED}).status_code == 302
    [commitment] = commitments_of(submission)
    return commitment


def follow(client, user, commitment):
    login(client, user)
    response = client.post(f"/policy/follow/commitment/{commitment.id}", data={"once": once()})
    assert response.status_code == 302, text(response)


def update(client, official, commitment, **fields):
    login(client, official)
    data = {
        "state": commitment.state.value,
        "expected_by": commitment.expected_by.isoformat(),
        "note": "",
        "once": once(),
    }
    data.update({k: v.isoformat() if isinstance(v, date) else v for k, v in fields.items()})
    response = client.post(f"/policy/commitments/{commitment.id}", data=data)
    assert response.status_code == 302, text(response)
    db.session.refresh(commitment)


def test_officials_hear_once_that_a_promised_date_has_passed(app, client):
    scene = make_scene()
    commitment = answered_with_commitment(client, scene)
    promised = commitment.expected_by
    assert run(app, promised)["commitments"] == 0  # the day itself is still in time
    assert run(app, promised + timedelta(days=1))["commitments"] == 1
    assert run(app, promised + timedelta(days=1))["commitments"] == 0
    assert run(app, promised + timedelta(days=10))["commitments"] == 0
    [note] = notices(scene.minister, "commitment_due")
    assert note.link == f"/policy/commitments/{commitment.id}"
    assert len(mails(scene.minister.email, "commitment_due")) == 1
    assert notices(scene.agent, "commitment_due") == []
    assert notices(scene.owner, "commitment_due") == []


def test_followers_are_asked_once_four_weeks_later_whether_it_happened(app, client):
    scene = make_scene()
    commitment = answered_with_commitment(client, scene)
    follow(client, scene.member, commitment)
    promised = commitment.expected_by
    assert run(app, promised + timedelta(days=28))["did_it_happen"] == 0
    assert run(app, promised + timedelta(days=29))["did_it_happen"] == 1
    assert run(app, promised + timedelta(days=29))["did_it_happen"] == 0
    assert cli(app, promised + timedelta(days=40)).endswith(
        "asked 0 times whether a promise happened\n"
    )
    assert len(notices(scene.member, "commitment_did_it_happen")) == 1
    # The question is for the young people: the official who made the promise follows it
    # but is not asked (they had "commitment_due"); a co-author who does not follow it is not.
    assert notices(scene.minister, "commitment_did_it_happen") == []
    assert notices(scene.owner, "commitment_did_it_happen") == []


def test_a_new_promised_date_is_a_new_reminder(app, client):
    scene = make_scene()
    commitment = answered_with_commitment(client, scene)
    promised = commitment.expected_by
    run(app, promised + timedelta(days=1))
    later = promised + timedelta(days=10)
    update(client, scene.minister, commitment, state="in_progress", expected_by=later)
    assert run(app, promised + timedelta(days=5))["commitments"] == 0  # in time again
    assert run(app, later + timedelta(days=1))["commitments"] == 1
    assert run(app, later + timedelta(days=1))["commitments"] == 0
    assert len(notices(scene.minister, "commitment_due")) == 2


def test_a_commitment_done_in_time_is_neither_overdue_nor_asked_about(app, client):
    scene = make_scene()
    commitment = answered_with_commitment(client, scene)
    follow(client, scene.member, commitment)
    update(client, scene.minister, commitment, state="done", note="Lessons started.")
    promised = commitment.expected_by
    assert run(app, promised + timedelta(days=1)) == NOTHING
    assert run(app, promised + timedelta(days=29)) == NOTHING
    assert notices(scene.minister, "commitment_due") == []
    assert notices(scene.member, "commitment_did_it_happen") == []


def test_each_reminder_exists_once_when_the_job_runs_twice_every_day(app, client):
    """Run twice a day, every day from the answer until well after the promised date: one
    "date passed" to the officials and one "did it happen?" to the followers."""
    scene = make_scene()
    commitment = answered_with_commitment(client, scene)
    promised = commitment.expected_by
    day, totals = dates.today(), dict(NOTHING)
    while day <= promised + timedelta(days=35):
        for _ in range(2):
            for key, value in run(app, day).items():
                totals[key] += value
        day += timedelta(days=1)
    assert totals == {"submissions": 0, "commitments": 1, "did_it_happen": 1}
    assert db.session.scalar(select(func.count()).select_from(ReminderSent)) == 2


def test_the_first_claim_link_keeps_working_after_a_reminder_sent_a_fresh_one(app, client):
    """The first e-mail says its link works for 30 days; a reminder six days later must not
    take that back."""
    scene = make_scene()
    due = sent_to(client, scene, [scene.council], days=20)
    [first] = mails("council@example.org", "policy_claim")
    run(app, due - timedelta(days=14))
    link = next(line for line in first.body.splitlines() if "/policy/claim/" in line)
    sign_in(client, None)
    assert client.get(link.replace("http://localhost", "")).status_code == 200
