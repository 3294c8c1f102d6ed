"""The loop from youth to policy-makers, as the people in it live it: the facilitator sends
the adopted report, officials read it (the youth see "read by the Ministry"), answer each
recommendation, commitments follow, the youth rate and reply."""

from datetime import date, timedelta

from sqlalchemy import select

from tests.conftest import login
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
from tests.reports.world import once
from youthportal.extensions import db
from youthportal.notifications.models import OutboxMessage
from youthportal.policy.models import Response, Sending


def test_a_facilitator_sends_an_adopted_report_to_two_institutions(client):
    scene = make_scene()
    response = send(client, scene.facilitator, scene, [scene.ministry, scene.agency], follow=True)
    assert response.status_code == 200
    page = text(response)
    assert "Sent. The institutions can read it now." in page
    assert "Ministry of Education" in page and "State Agency for Child Rights" in page
    sending = db.session.scalar(select(Sending))
    assert [r.number for r in sending.recommendations] == [1, 2]
    assert sending.recommendations[0].text == "Schools should teach online safety."
    assert notices(scene.minister, "submission_received")
    assert notices(scene.agent, "submission_received")
    assert notices(scene.owner, "submission_sent") and notices(scene.coauthor, "submission_sent")


def test_the_official_reads_it_and_the_youth_see_which_institution_read_it(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    login(client, scene.minister)
    inbox = text(client.get("/policy/inbox"))
    assert "Safer apps" in inbox
    assert client.get(f"/policy/s/{submission.id}").status_code == 200
    db.session.refresh(submission)
    assert submission.read_at is not None and submission.read_days == 0
    login(client, scene.owner)
    page = text(client.get(f"/policy/s/{submission.id}"))
    assert "Read by Ministry of Education on" in page
    assert "Official M" not in page  # never which person
    assert notices(scene.owner, "submission_read")


def test_the_official_answers_each_recommendation_and_commitments_follow(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    verdicts = {
        1: ACCEPTED,
        2: {"verdict": "not_accepted", "reason": "A yearly check exists already."},
    }
    response = respond(client, scene.minister, submission, verdicts)
    assert response.status_code == 302, text(response)
    db.session.refresh(submission)
    assert submission.answered_at is not None and submission.answer_days == 0
    [commitment] = commitments_of(submission)
    assert commitment.owner_unit == "Curriculum department"
    page = text(client.get(f"/policy/s/{submission.id}"))
    assert (
        "Accepted" in page and "Not accepted" in page and "A yearly check exists already." in page
    )
    assert notices(scene.owner, "submission_answered")
    # the commitment is updated later, and its history kept
    login(client, scene.minister)
    url = f"/policy/commitments/{commitment.id}"
    response = client.post(
        url,
        data={
            "state": "done",
            "expected_by": commitment.expected_by.isoformat(),
            "note": "Lessons start in March.",
            "once": once(),
        },
    )
    assert response.status_code == 302
    history = text(client.get(url))
    assert "Lessons start in March." in history and "Done" in history


def test_a_refused_answer_keeps_everything_and_changes_nothing(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    response = respond(client, scene.minister, submission, {1: {"verdict": "not_accepted"}})
    assert response.status_code == 200
    assert "Please give your reasons." in text(response)
    assert db.session.scalar(select(Response)) is None


def test_an_institution_without_an_account_claims_by_link(client, mailbox):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.council])
    mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == "council@example.org")
    )
    assert mail is not None
    link = next(line for line in mail.body.splitlines() if "/policy/claim/" in line)
    path = link.replace("http://localhost", "")
    client.get("/logout")
    with client.session_transaction() as s:
        s.clear()
    response = client.post(
        path,
        data={
            "login_name": "council.official",
            "display_name": "Council official",
            "password": "a long enough password",
            "confirm": "a long enough password",
        },
    )
    assert response.status_code == 302, text(response)
    submission = submission_for(scene, scene.council)
    assert submission.claimed_at is not None
    # the link works once
    with client.session_transaction() as s:
        s.clear()
    assert client.get(path).status_code == 400


def test_reminders_are_sent_once(client, app):
    from youthportal.policy.reminders import send_reminders

    scene = make_scene()
    send(
        client,
        scene.facilitator,
        scene,
        [scene.ministry],
        requested_by=date.today() + timedelta(days=10),
    )
    with app.test_request_context():
        first = send_reminders()
        db.session.commit()
        second = send_reminders()
        db.session.commit()
    assert first["submissions"] == 1 and second["submissions"] == 0
    assert len(notices(scene.minister, "submission_due_soon")) == 1


def test_the_public_record_counts_answers(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry, scene.agency])
    respond(client, scene.minister, submission_for(scene, scene.ministry), {1: ACCEPTED})
    with client.session_transaction() as s:
        s.clear()
    page = text(client.get("/policy/record"))
    assert "Ministry of Education" in page and "50%" in page
    csv = client.get("/policy/record.csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("institution_id,institution")
    data = client.get("/policy/record.json").get_json()
    assert data["total"]["submissions_received"] == 2
    assert data["total"]["recommendations_accepted"] == 1
    timeline = text(client.get(f"/policy/reports/{scene.report.id}/timeline"))
    assert "Answered by Ministry of Education" in timeline
