"""Each policy page costs the same number of SQL statements whether it shows a few rows or
many: the inbox, a submission with many recommendations, the record with many institutions,
a report's timeline with many institutions and commitments."""

from datetime import date, timedelta

import pytest

from tests.conftest import login, make_institution, make_user
from tests.policy.scene import ACCEPTED, make_scene, respond, send, submission_for
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.policy.models import PolicyRecommendation, Sending


def _institutions(n: int, prefix: str):
    made = []
    for i in range(n):
        institution = make_institution(f"{prefix} {i}")
        make_user(Role.POLICY_MAKER, institution=institution)
        made.append(institution)
    return made


def _answered_everywhere(client, scene, institutions):
    """The report sent to each institution, and answered by each with a commitment."""
    send(client, scene.facilitator, scene, institutions)
    for institution in institutions:
        official = make_user(Role.POLICY_MAKER, institution=institution)
        respond(client, official, submission_for(scene, institution), {1: ACCEPTED})


def visit(app, count_queries, url, user=None) -> int:
    client = app.test_client()
    if user is not None:
        login(client, user)
    client.get(url)  # the first visit may make the questions' thread or mark it read
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


@pytest.mark.parametrize("rows", [2, 10])
def test_the_record_costs_the_same_for_few_or_many_institutions(app, client, count_queries, rows):
    scene = make_scene()
    _answered_everywhere(client, scene, _institutions(rows, "Municipality"))
    counts = {
        url: visit(app, count_queries, url)
        for url in (
            "/policy/record",
            "/policy/record.json",
            f"/policy/reports/{scene.report.id}/timeline",
        )
    }
    assert counts == {
        "/policy/record": 12,
        "/policy/record.json": 8,
        f"/policy/reports/{scene.report.id}/timeline": 12,
    }, counts


@pytest.mark.parametrize("rows", [2, 12])
def test_the_inbox_costs_the_same_for_few_or_many_submissions(app, client, count_queries, rows):
    scene = make_scene()
    for n in range(rows):
        sending = Sending(
            kind="report",
            title=f"Report {n}",
            cover_letter="Please read.",
            requested_by=date.today() + timedelta(days=30),
            recommendations=[PolicyRecommendation(number=1, text="Do it.")],
        )
        db.session.add(sending)
        db.session.flush()
        from youthportal.policy.models import Submission

        db.session.add(
            Submission(
                sending_id=sending.id,
                institution_id=scene.ministry.id,
                requested_by=sending.requested_by,
            )
        )
    db.session.commit()
    assert visit(app, count_queries, "/policy/inbox?box=all", scene.minister) == 6


@pytest.mark.parametrize("extra", [0, 15])
def test_a_submission_costs_the_same_for_few_or_many_recommendations(
    app, client, count_queries, extra
):
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    for n in range(extra):
        db.session.add(
            PolicyRecommendation(sending_id=submission.sending_id, number=3 + n, text=f"Point {n}")
        )
    db.session.commit()
    verdicts = {n: {"verdict": "already_in_place"} for n in range(3, 3 + extra)} | {1: ACCEPTED}
    assert respond(client, scene.minister, submission, verdicts).status_code == 302
    assert visit(app, count_queries, f"/policy/s/{submission.id}", scene.owner) == 15
