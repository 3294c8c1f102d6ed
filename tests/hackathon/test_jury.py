"""The jury as facilitators and judges live it: vetted staff, criteria that add up to 100,
conflicts of interest respected, balanced assignments, calibration first, scores on the
scale only, fair published results, the people's choice, certificates and promotion."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.conftest import login, make_user
from tests.consultations.helpers import make_consultation
from tests.hackathon.helpers import (
    assign,
    give_scores,
    judges,
    make_event,
    make_idea,
    set_criteria,
    set_phase,
    text,
    youth_team,
)
from tests.moderation_helpers import admin
from youthportal.accounts.models import Role
from youthportal.consultations.models import Proposal, ProposalCredit
from youthportal.extensions import db
from youthportal.hackathon.models import (
    Assignment,
    Award,
    AwardKind,
    Conflict,
    Criterion,
    Event,
    Score,
    Staff,
    StaffRole,
)
from youthportal.polls.models import Participation, Poll, PollOption


@pytest.fixture
def facilitator():
    return make_user(Role.FACILITATOR)


@pytest.fixture
def event(facilitator):
    return make_event(facilitator, "judging")


def score_form(event, values, comment=""):
    data = {"once": f"s{values}{comment}"}
    for criterion, value in zip(event.criteria, values, strict=False):
        data[f"score-{criterion.id}"] = str(value)
        data[f"comment-{criterion.id}"] = comment
    return data


def scores_of(judge) -> int:
    return db.session.scalar(select(func.count()).where(Score.judge_id == judge.id))


def test_invited_experts_act_only_once_an_admin_has_vetted_them(client, event, facilitator):
    expert = make_user(Role.EXPERT, login="expert1")
    login(client, facilitator)
    client.post(
        f"/unehack/{event.id}/staff", data={"login_name": "expert1", "role": "judge", "once": "a"}
    )
    staff = db.session.get(Staff, (event.id, expert.id, StaffRole.JUDGE))
    assert staff is not None and staff.vetted_at is None
    youth = make_user(Role.YOUTH, login="kid1")
    response = client.post(
        f"/unehack/{event.id}/staff",
        data={"login_name": "kid1", "role": "judge", "once": "b"},
        follow_redirects=True,
    )
    assert "active adult accounts" in text(response)
    assert db.session.get(Staff, (event.id, youth.id, StaffRole.JUDGE)) is None
    # A facilitator cannot vet; an admin can.
    client.post(f"/unehack/{event.id}/staff/{expert.id}/judge", data={"action": "vet", "once": "c"})
    db.session.expire_all()
    assert db.session.get(Staff, (event.id, expert.id, StaffRole.JUDGE)).vetted_at is None
    login(client, admin())
    client.post(f"/unehack/{event.id}/staff/{expert.id}/judge", data={"action": "vet", "once": "d"})
    db.session.expire_all()
    assert db.session.get(Staff, (event.id, expert.id, StaffRole.JUDGE)).vetted_at is not None


def test_criteria_weights_must_add_up_to_100(client, event, facilitator):
    login(client, facilitator)
    data = {
        "once": "w1",
        "rows-0-name": "Impact",
        "rows-0-weight": "60",
        "rows-1-name": "Creativity",
        "rows-1-weight": "30",
    }
    response = client.post(f"/unehack/{event.id}/criteria", data=data)
    assert response.status_code == 422 and "add up to 100" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Criterion)) == 0
    data.update({"once": "w2", "rows-1-weight": "40"})
    client.post(f"/unehack/{event.id}/criteria", data=data)
    db.session.expire_all()
    assert [(c.name, c.weight) for c in db.session.get(Event, event.id).criteria] == [
        ("Impact", 60),
        ("Creativity", 40),
    ]


def test_assignment_gives_three_judges_per_idea_and_respects_conflicts(client, event, facilitator):
    set_criteria(event)
    teams = [youth_team(event, size=1, name=f"T{i}")[0] for i in range(6)]
    for team in teams:
        make_idea(team)
    jury = judges(event, 5)
    login(client, jury[0])
    client.post(
        f"/unehack/{event.id}/judging",
        data={"team_id": teams[0].id, "reason": "school", "once": "c1"},
    )
    assert db.session.get(Conflict, (jury[0].id, teams[0].id)) is not None
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/jury", data={"action": "assign", "once": "as"})
    rows = db.session.scalars(select(Assignment)).all()
    per_idea = {}
    for row in rows:
        per_idea.setdefault(row.idea_id, set()).add(row.judge_id)
    assert len(per_idea) == 6 and all(len(j) == 3 for j in per_idea.values())
    conflicted_idea = next(
        i
        for i, js in per_idea.items()
        if db.session.get(Assignment, (next(iter(js)), i)).idea.team_id == teams[0].id
    )
    assert jury[0].id not in per_idea[conflicted_idea]
    load = [sum(j.id in js for js in per_idea.values()) for j in jury]
    assert max(load) - min(load) <= 1


def test_scoring_checks_assignment_conflict_and_scale(client, event):
    set_criteria(event)
    team, _ = youth_team(event)
    idea = make_idea(team)
    other_team, _ = youth_team(event, name="Other")
    other = make_idea(other_team)
    (judge,) = judges(event, 1)
    assign(judge, idea)
    login(client, judge)
    # Not assigned
    assert (
        client.post(
            f"/unehack/ideas/{other.id}/score", data=score_form(event, [3, 3, 3, 3])
        ).status_code
        == 403
    )
    # Out of the scale, and an incomplete scoring
    response = client.post(f"/unehack/ideas/{idea.id}/score", data=score_form(event, [6, 3, 3, 3]))
    assert response.status_code == 422 and "whole number on the scale" in text(response)
    response = client.post(f"/unehack/ideas/{idea.id}/score", data=score_form(event, [3, 3]))
    assert response.status_code == 422 and "every criterion" in text(response)
    assert scores_of(judge) == 0
    # In the scale: saved, with comments screened
    response = client.post(
        f"/unehack/ideas/{idea.id}/score", data=score_form(event, [5, 4, 3, 2], "Clear and kind.")
    )
    assert response.status_code == 302 and scores_of(judge) == 4
    assert db.session.get(Assignment, (judge.id, idea.id)).scored_at is not None
    # A conflict declared later removes the assignment and the scores
    client.post(
        f"/unehack/{event.id}/judging",
        data={"team_id": team.id, "reason": "knows_member", "once": "cf"},
    )
    assert scores_of(judge) == 0 and db.session.get(Assignment, (judge.id, idea.id)) is None
    assert (
        client.post(
            f"/unehack/ideas/{idea.id}/score", data=score_form(event, [3, 3, 3, 3])
        ).status_code
        == 403
    )


def test_scoring_only_while_judging(client, event):
    set_criteria(event)
    team, _ = youth_team(event)
    idea = make_idea(team)
    (judge,) = judges(event, 1)
    assign(judge, idea)
    set_phase(event, "results")
    login(client, judge)
    response = client.post(f"/unehack/ideas/{idea.id}/score", data=score_form(event, [3, 3, 3, 3]))
    assert response.status_code == 422 and scores_of(judge) == 0


def test_calibration_comes_first_and_shows_how_judges_compare(client, event, facilitator):
    set_criteria(event)
    ideas = [make_idea(youth_team(event, size=1, name=f"C{i}")[0]) for i in range(3)]
    jury = judges(event, 3)
    login(client, facilitator)
    client.post(
        f"/unehack/{event.id}/jury",
        data={"action": "calibration", "idea_ids": [ideas[0].id, ideas[1].id], "once": "cal"},
    )
    client.post(f"/unehack/{event.id}/jury", data={"action": "assign", "once": "as"})
    # Every judge has both calibration ideas.
    for judge in jury:
        assert db.session.get(Assignment, (judge.id, ideas[0].id)).calibration
        assert db.session.get(Assignment, (judge.id, ideas[1].id)).calibration
    login(client, jury[0])
    response = client.post(
        f"/unehack/ideas/{ideas[2].id}/score", data=score_form(event, [3, 3, 3, 3])
    )
    assert "calibration ideas first" in text(response) and scores_of(jury[0]) == 0
    for judge, (high, low) in zip(jury, [(5, 4), (3, 2), (4, 3)], strict=True):
        give_scores(judge, ideas[0], [high] * 4)
        give_scores(judge, ideas[1], [low] * 4)
    login(client, facilitator)
    page = text(client.get(f"/unehack/{event.id}/jury"))
    assert (
        "How the judges scored the calibration ideas" in page
        and "+1.00" in page
        and "-1.00" in page
    )
    client.post(f"/unehack/{event.id}/jury", data={"action": "release", "once": "rel"})
    login(client, jury[0])
    response = client.post(
        f"/unehack/ideas/{ideas[2].id}/score", data=score_form(event, [3, 3, 3, 3])
    )
    assert response.status_code == 302


def scored_event(event):
    """Three ideas, three judges: a harsh, a lenient and a middle one, who agree on the order."""
    set_criteria(event)
    teams = [youth_team(event, size=2, name=n)[0] for n in ("Alpha", "Beta", "Gamma")]
    ideas = [make_idea(t, title=f"Idea {t.name}", challenge=i % 2) for i, t in enumerate(teams)]
    jury = judges(event, 3)
    for judge, base in zip(jury, (1, 3, 2), strict=True):
        for idea, bonus in zip(ideas, (2, 1, 0), strict=True):
            assign(judge, idea)
            give_scores(judge, idea, [base + bonus] * 4)
    return teams, ideas, jury


def test_results_preview_then_publish_once(app, client, event, facilitator):
    teams, ideas, _ = scored_event(event)
    login(client, make_user(Role.YOUTH))
    assert client.get(f"/unehack/{event.id}/results").status_code == 404
    login(client, facilitator)
    page = text(client.get(f"/unehack/{event.id}/results"))
    assert "Preview for the organisers" in page and "Spread between judges" in page
    response = client.post(
        f"/unehack/{event.id}/results", data={"once": "p0"}, follow_redirects=True
    )
    assert "Results can be published once the results phase has begun." in text(response)
    set_phase(event, "results")
    client.post(f"/unehack/{event.id}/results", data={"once": "p1"})
    awards = db.session.scalars(select(Award).order_by(Award.kind, Award.place)).all()
    overall = [a.idea_id for a in awards if a.kind == AwardKind.OVERALL]
    assert overall == [ideas[0].id, ideas[1].id, ideas[2].id]
    per_challenge = {a.challenge_id: a.idea_id for a in awards if a.kind == AwardKind.CHALLENGE}
    assert per_challenge == {
        event.challenges[0].id: ideas[0].id,
        event.challenges[1].id: ideas[1].id,
    }
    response = client.post(
        f"/unehack/{event.id}/results", data={"once": "p2"}, follow_redirects=True
    )
    assert "already published" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Award)) == len(awards)
    # Public: anyone, policy-makers included, without personal data.
    login(client, make_user(Role.POLICY_MAKER))
    assert "Idea Alpha" in text(client.get(f"/unehack/{event.id}/results"))
    visitor = app.test_client().get(f"/unehack/{event.id}/results")
    assert visitor.status_code == 302 and "/login" in visitor.headers["Location"]
    login(client, make_user(Role.YOUTH))
    page = text(client.get(f"/unehack/{event.id}/results"))
    assert (
        "Idea Alpha" in page and "Normalised score" in page and "Spread between judges" not in page
    )
    for member in teams[0].members:
        assert member.user.display_name in page and str(member.user.birth_year) not in page


def test_certificate_pdf_renders_every_language_letter(client, event, facilitator):
    teams, ideas, _ = scored_event(event)
    set_phase(event, "results")
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/results", data={"once": "pub"})
    member = teams[0].members[0].user
    login(client, member)
    name = "Ëndërr Çela çika Čačić Ćosić Šušak Žaža Đurđa Љубица Ѓорѓи"
    response = client.post(f"/unehack/{event.id}/certificate", data={"name": name})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    extracted = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    for letter in "ëËçÇčČćĆšŠžŽđĐЉѓ":
        assert letter in extracted, letter
    assert "Alpha" in extracted and "Place 1" in extracted
    # Someone not in a team of the event gets nothing.
    login(client, make_user(Role.YOUTH))
    assert client.get(f"/unehack/{event.id}/certificate").status_code == 404


def test_certificate_names_are_screened(client, event, facilitator):
    teams, _, _ = scored_event(event)
    set_phase(event, "results")
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/results", data={"once": "pub"})
    login(client, teams[0].members[0].user)
    response = client.post(f"/unehack/{event.id}/certificate", data={"name": "call 0691234567"})
    assert response.mimetype == "text/html" and "Please choose another name." in text(response)


def test_peoples_choice_excludes_ones_own_team(client, event, facilitator):
    teams, ideas, _ = scored_event(event)
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/jury", data={"action": "peoples_choice", "once": "pc"})
    poll = db.session.scalar(select(Poll).where(Poll.event_id == event.id))
    assert poll is not None and poll.method.value == "approval" and poll.is_secret
    options = {
        o.idea_id: o.id
        for o in db.session.scalars(select(PollOption).where(PollOption.poll_id == poll.id))
    }
    voter = teams[0].members[0].user
    login(client, voter)
    page = text(client.get(f"/polls/{poll.id}"))
    assert "Your team's idea: you cannot vote for it." in page
    response = client.post(
        f"/polls/{poll.id}/vote", data={"choice": [options[ideas[0].id]], "once": "v1"}
    )
    assert response.status_code == 400 and "your own team's idea" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 0
    client.post(
        f"/polls/{poll.id}/vote",
        data={"choice": [options[ideas[1].id], options[ideas[2].id]], "once": "v2"},
    )
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 1
    # Not a participant: no vote.
    login(client, make_user(Role.YOUTH))
    assert client.get(f"/polls/{poll.id}").status_code == 404


def test_a_winning_idea_becomes_a_proposal_credited_to_its_team(client, event, facilitator):
    teams, ideas, _ = scored_event(event)
    set_phase(event, "results")
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/results", data={"once": "pub"})
    consultation = make_consultation(facilitator, "proposals")
    client.post(
        f"/unehack/ideas/{ideas[0].id}/promote",
        data={"consultation_id": consultation.id, "once": "pr"},
    )
    proposal = db.session.scalar(select(Proposal))
    assert proposal.title == "Idea Alpha" and proposal.consultation_id == consultation.id
    credited = {c.user_id for c in db.session.scalars(select(ProposalCredit))} | {
        proposal.author_id
    }
    assert credited == {m.user_id for m in teams[0].members}
    response = client.post(
        f"/unehack/ideas/{ideas[0].id}/promote",
        data={"consultation_id": consultation.id, "once": "pr2"},
        follow_redirects=True,
    )
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 1
    assert response.status_code == 200


def test_after_the_results_the_team_reads_the_judges_comments_without_names(
    client, event, facilitator
):
    teams, ideas, jury = scored_event(event)
    comment = db.session.scalar(
        select(Score).where(Score.idea_id == ideas[0].id, Score.judge_id == jury[0].id)
    )
    comment.comment = "Test it with younger children."
    db.session.commit()
    member = teams[0].members[0].user
    login(client, member)
    assert "Test it with younger children." not in text(client.get(f"/unehack/ideas/{ideas[0].id}"))
    set_phase(event, "results")
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/results", data={"once": "pub"})
    login(client, member)
    page = text(client.get(f"/unehack/ideas/{ideas[0].id}"))
    assert "What the judges said" in page and "Test it with younger children." in page
    assert jury[0].display_name not in page
    login(client, teams[1].members[0].user)
    assert "Test it with younger children." not in text(client.get(f"/unehack/ideas/{ideas[0].id}"))
