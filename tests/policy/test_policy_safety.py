"""Safety on the way to policy-makers: a held letter reaches no institution until a moderator
publishes it; officials' text is screened (personal data refused, the form kept); what
officials and the public see never holds a young person's personal data; ratings show only
from k; "our reply" is moderated like any youth text."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.conftest import login
from tests.moderation_helpers import admin, trusted_youth
from tests.policy.scene import ACCEPTED, make_scene, notices, respond, send, submission_for
from tests.reports.helpers import parliamentarian
from tests.reports.steps import text
from tests.reports.world import once
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.policy.models import CohortReply, Response, Sending
from youthportal.safety.models import ModerationStatus, ReviewDecision
from youthportal.safety.review import decide, open_item_for


def test_a_held_letter_reaches_no_institution_until_a_moderator_publishes_it(app, client):
    scene = make_scene()
    newcomer = parliamentarian(scene.cohort, approved_count=0, created_at=utcnow())
    from youthportal.reports.models import CohortRules

    db.session.get(CohortRules, scene.cohort.id).speaker_id = newcomer.id
    db.session.commit()
    response = send(client, newcomer, scene, [scene.ministry], follow=True)
    assert "A moderator reads the letter first" in text(response)
    sending = db.session.scalar(select(Sending))
    assert sending.status == ModerationStatus.PENDING
    assert not notices(scene.minister, "submission_received")
    submission = submission_for(scene, scene.ministry)
    login(client, scene.minister)
    assert "Safer apps" not in text(client.get("/policy/inbox?box=all"))
    assert client.get(f"/policy/s/{submission.id}").status_code == 404
    with app.test_request_context():
        decide(
            open_item_for("policy_sending", sending.id), sending, admin(), ReviewDecision.APPROVED
        )
    db.session.commit()
    assert notices(scene.minister, "submission_received")
    assert client.get(f"/policy/s/{submission.id}").status_code == 200


def test_an_officials_answer_with_personal_data_is_refused_and_kept_in_the_form(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    body = "Call the student Arta at +355 69 123 4567 about this."
    response = respond(client, scene.minister, submission, {1: ACCEPTED}, body=body)
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(Response.id))) == 0
    assert "+355 69 123 4567" in text(response)  # the official's text is still in the form


def test_officials_and_the_public_never_see_a_young_persons_personal_data(client):
    scene = make_scene()
    scene.owner.email = "arta.private@example.org"
    db.session.commit()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    secrets = [
        "arta.private@example.org",
        scene.cohort.name,
        str(scene.owner.birth_year),
        scene.owner.login_name,
    ]
    urls = [
        f"/policy/s/{submission.id}",
        "/policy/inbox?box=all",
        f"/policy/reports/{scene.report.id}/timeline",
        "/policy/record",
        f"/policy/record/institutions/{scene.ministry.id}",
        "/policy/record.csv",
        "/policy/record.json",
    ]
    for reader in (scene.minister, None):
        if reader is None:
            with client.session_transaction() as session:
                session.clear()
        else:
            login(client, reader)
        for url in urls:
            if reader is None and "inbox" in url:
                continue
            page = client.get(url).get_data(as_text=True)
            for secret in secrets:
                assert secret not in page, (url, secret)


def test_ratings_show_only_from_five_young_people(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    raters = [scene.owner, scene.coauthor, scene.speaker, scene.member]
    raters.append(trusted_youth(group=scene.cohort))
    url = f"/policy/s/{submission.id}"
    for n, rater in enumerate(raters):
        login(client, rater)
        data = {"clear": "4", "answers_us": "3", "believable": str(1 + n % 5), "once": once()}
        assert client.post(f"{url}/rate", data=data).status_code == 302
        page = text(client.get(url))
        if n < 4:
            assert "once enough young people have rated" in page
        else:
            assert "4.0 of 5" in page and "From 5 ratings." in page
    # the same person rating again changes their rating, never adds one
    login(client, scene.owner)
    client.post(
        f"{url}/rate", data={"clear": "5", "answers_us": "5", "believable": "5", "once": once()}
    )
    assert "From 5 ratings." in text(client.get(url))


def test_our_reply_from_a_new_member_waits_for_a_moderator(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    newcomer = trusted_youth(group=scene.cohort, approved_count=0, created_at=utcnow())
    login(client, newcomer)
    reply = "We will check that the lessons really start."
    response = client.post(f"/policy/s/{submission.id}/reply", data={"body": reply, "once": once()})
    assert response.status_code == 302
    row = db.session.scalar(select(CohortReply))
    assert row.status == ModerationStatus.PENDING
    login(client, scene.minister)
    assert reply not in text(client.get(f"/policy/s/{submission.id}"))


def test_a_report_cannot_be_sent_twice_to_the_same_institution(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    response = send(client, scene.facilitator, scene, [scene.ministry, scene.agency])
    assert response.status_code == 200
    assert "This was already sent to: Ministry of Education. Nothing was sent." in text(response)
    assert db.session.scalar(select(func.count(Sending.id))) == 1


def test_an_answer_date_in_the_past_is_refused(client):
    scene = make_scene()
    response = send(
        client,
        scene.facilitator,
        scene,
        [scene.ministry],
        requested_by=date.today() - timedelta(days=1),
    )
    assert "The answer date must be after today and within a year." in text(response)
    assert db.session.scalar(select(func.count(Sending.id))) == 0


def test_a_second_answer_is_refused(client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    again = respond(
        client, scene.minister, submission, {1: {"verdict": "not_accepted", "reason": "No."}}
    )
    assert again.status_code == 302
    assert db.session.scalar(select(func.count(Response.id))) == 1


def test_my_data_holds_my_ratings_replies_and_follows(app, client):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    login(client, scene.owner)
    url = f"/policy/s/{submission.id}"
    client.post(
        f"{url}/rate", data={"clear": "4", "answers_us": "3", "believable": "2", "once": once()}
    )
    client.post(f"{url}/reply", data={"body": "Thank you, we will watch.", "once": once()})
    from youthportal.accounts.export import export_user

    with app.test_request_context():
        data = export_user(scene.owner)
    assert data["policy_ratings"][0]["believable"] == 2
    assert data["policy_texts"][0]["text"] == "Thank you, we will watch."
    assert [(f["target"], f["id"]) for f in data["policy_follows"]] == [
        ("submission", submission.id)
    ]
