"""Consultations as young people and facilitators live them: proposals screened and
reviewed, supports counted once and limited, phases that decide what is allowed, merges that
lose nobody's support, and results that never expose a small group."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_group, make_user
from tests.consultations.helpers import make_consultation, make_proposal, set_phase
from tests.moderation_helpers import admin, trusted_youth
from youthportal.accounts.models import Role
from youthportal.consultations.models import Consultation, Proposal, ProposalCredit, Support
from youthportal.core.model_base import utcnow
from youthportal.discussions.models import Thread
from youthportal.extensions import db
from youthportal.notifications.models import Notification
from youthportal.polls.forms import to_local
from youthportal.safety.models import ModerationStatus, ReviewItem


@pytest.fixture
def school():
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 9A")
    return facilitator, group


def _support(client, user, proposal, once, withdraw=False):
    login(client, user)
    data = {"once": once}
    if withdraw:
        data["withdraw"] = "1"
    return client.post(f"/consultations/proposals/{proposal.id}/support", data=data)


def _count(proposal) -> int:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id).support_count


def test_a_teen_sends_a_proposal_that_others_see_and_discuss(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, groups=[group], categories=["School", "Home"])
    teen, classmate = trusted_youth(group), trusted_youth(group)
    login(client, teen)
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Collecting proposals" in page and 'aria-current="step"' in page
    response = client.post(
        f"/consultations/{consultation.id}/proposals",
        data={
            "title": "A quiet corner in the library",
            "body": "We need a calm place to read and study during breaks.",
            "category": "School",
            "once": "p1",
        },
    )
    assert response.status_code == 302
    proposal = db.session.scalar(select(Proposal))
    assert proposal.status == ModerationStatus.PUBLISHED and proposal.category == "School"
    login(client, classmate)
    listed = client.get(f"/consultations/{consultation.id}?category=School")
    assert "A quiet corner in the library" in listed.get_data(as_text=True)
    discuss = client.get(f"/consultations/proposals/{proposal.id}/discuss")
    thread = db.session.scalar(select(Thread))
    assert discuss.location.endswith(f"/discussions/t/{thread.id}")
    assert thread.subject_type == "proposal" and thread.group_id == group.id
    client.post(
        f"/discussions/t/{thread.id}/comment",
        data={"body": "Yes, and with plants please!", "once": "c1"},
    )
    assert "with plants" in client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)


def test_a_young_childs_proposal_waits_for_review_and_personal_details_are_refused(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, groups=[group])
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=9))
    login(client, child)
    client.post(
        f"/consultations/{consultation.id}/proposals",
        data={
            "title": "More sport lessons",
            "body": "Sport makes us happy and healthy.",
            "once": "a",
        },
    )
    proposal = db.session.scalar(select(Proposal))
    assert proposal.status == ModerationStatus.PENDING
    assert db.session.scalar(select(ReviewItem)).content_type == "proposal"
    other = trusted_youth(group)
    login(client, other)
    assert client.get(f"/consultations/proposals/{proposal.id}").status_code == 404
    assert "More sport lessons" not in client.get(f"/consultations/{consultation.id}").get_data(
        as_text=True
    )
    refused = client.post(
        f"/consultations/{consultation.id}/proposals",
        data={
            "title": "Call me about it",
            "body": "My number is 069 123 4567, call me after school.",
            "once": "b",
        },
    )
    assert refused.status_code == 422 and "phone" in refused.get_data(as_text=True).lower()
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 1


def test_supports_count_once_can_be_taken_back_and_respect_the_limit(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, "support", groups=[group], support_limit=2)
    author = trusted_youth(group)
    first, second, third = (
        make_proposal(consultation, author, title=f"Proposal number {n}") for n in range(3)
    )
    teen = trusted_youth(group)
    _support(client, teen, first, "s1")
    _support(client, teen, first, "s2")  # a second click changes nothing
    assert _count(first) == 1
    _support(client, teen, second, "s3")
    refused = _support(client, teen, third, "s4")
    assert refused.status_code == 302 and _count(third) == 0
    page = client.get(refused.location).get_data(as_text=True)
    assert "at most 2 proposals" in page
    _support(client, teen, first, "s5", withdraw=True)
    assert _count(first) == 0
    _support(client, teen, third, "s6")
    assert _count(third) == 1
    # The author cannot support their own proposal.
    assert _support(client, author, first, "s7").status_code == 403


def test_supporting_is_allowed_only_in_its_phase(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, "discussion", groups=[group])
    proposal = make_proposal(consultation, trusted_youth(group))
    teen = trusted_youth(group)
    assert _support(client, teen, proposal, "x1").status_code == 403
    set_phase(consultation, "results")
    assert _support(client, teen, proposal, "x2").status_code == 403
    assert _count(proposal) == 0
    set_phase(consultation, "support")
    assert _support(client, teen, proposal, "x3").status_code == 302
    assert _count(proposal) == 1


def test_proposals_are_only_sent_while_collecting(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, "support", groups=[group])
    teen = trusted_youth(group)
    login(client, teen)
    response = client.post(
        f"/consultations/{consultation.id}/proposals",
        data={
            "title": "Too late now",
            "body": "This comes after the proposals phase.",
            "once": "l",
        },
    )
    assert response.status_code == 403
    assert db.session.scalar(select(Proposal)) is None


def test_merging_keeps_every_support_once_and_credits_the_authors(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, "support", groups=[group])
    ana, ben = trusted_youth(group, display_name="Ana"), trusted_youth(group, display_name="Ben")
    source = make_proposal(consultation, ana, title="Phones away in class")
    target = make_proposal(consultation, ben, title="No phones during lessons")
    both, only_source, only_target = (trusted_youth(group) for _ in range(3))
    _support(client, both, source, "m1")
    _support(client, both, target, "m2")
    _support(client, only_source, source, "m3")
    _support(client, only_target, target, "m4")
    login(client, facilitator)
    response = client.post(
        f"/consultations/proposals/{source.id}/merge", data={"target": target.id, "once": "mm"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, source.id).merged_into_id == target.id
    assert _count(target) == 3
    supporters = db.session.scalars(
        select(Support.user_id).where(Support.proposal_id == target.id)
    ).all()
    assert sorted(supporters) == sorted([both.id, only_source.id, only_target.id])
    assert db.session.scalar(select(ProposalCredit.user_id)) == ana.id
    page = client.get(f"/consultations/proposals/{target.id}").get_data(as_text=True)
    assert "Ana" in page and "Ben" in page
    listed = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Phones away in class" not in listed
    # The support phase over, nothing can be joined any more.
    extra = make_proposal(consultation, ben, title="Phones in lockers")
    set_phase(db.session.get(Consultation, consultation.id), "results")
    late = client.post(
        f"/consultations/proposals/{extra.id}/merge", data={"target": target.id, "once": "late"}
    )
    assert late.status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, extra.id).merged_into_id is None
    assert (
        db.session.scalar(select(Notification.kind).where(Notification.user_id == ana.id))
        == "proposal_merged"
    )
    # Only the organisers merge.
    login(client, both)
    assert (
        client.post(
            f"/consultations/proposals/{target.id}/merge", data={"target": source.id, "once": "z"}
        ).status_code
        == 403
    )


def test_results_rank_proposals_and_hide_small_groups(client, school):
    facilitator, group = school
    small = make_group(facilitator, name="Tiny Club")
    consultation = make_consultation(facilitator, "support", groups=[group, small])
    author = trusted_youth(group)
    popular = make_proposal(consultation, author, title="Free water fountains")
    other = make_proposal(consultation, author, title="Bike racks at school")
    n = 0
    for member_group, proposal, count in (
        (group, popular, 6),
        (group, other, 5),
        (small, popular, 2),
    ):
        for _ in range(count):
            _support(client, trusted_youth(member_group), proposal, f"r{n}")
            n += 1
    login(client, author)
    assert client.get(f"/consultations/{consultation.id}/results").status_code == 403
    set_phase(consultation, "results")
    page = client.get(f"/consultations/{consultation.id}/results").get_data(as_text=True)
    assert page.index("Free water fountains") < page.index("Bike racks at school")
    assert "Tiny Club" not in page
    assert "13 people gave support" in page


def test_the_outcome_and_a_report_request(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, "results", groups=[group])
    member = make_user(
        age=17, group=group, parliament_term_start=utcnow().date() - timedelta(days=20)
    )
    teen = trusted_youth(group)
    login(client, teen)
    assert (
        client.post(
            f"/consultations/{consultation.id}/results", data={"outcome": "x", "once": "o0"}
        ).status_code
        == 403
    )
    assert client.post(f"/consultations/{consultation.id}/report").status_code == 403
    login(client, facilitator)
    client.post(
        f"/consultations/{consultation.id}/results",
        data={"outcome": "We will present the top three to the school board in May.", "once": "o1"},
    )
    login(client, member)
    page = client.get(f"/consultations/{consultation.id}/results").get_data(as_text=True)
    assert "school board in May" in page and "Start a report from these results" in page
    client.post(f"/consultations/{consultation.id}/report")
    db.session.expire_all()
    saved = db.session.get(Consultation, consultation.id)
    assert saved.report_requested_by_id == member.id and saved.report_requested_at
    assert "was requested on" in client.get(f"/consultations/{consultation.id}/results").get_data(
        as_text=True
    )


def test_a_facilitator_opens_a_consultation_and_moves_its_phase(client, school):
    facilitator, group = school
    start = to_local(utcnow() + timedelta(hours=2))
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "title": "What would make breaks better?",
        "description": "Tell us what you would change about breaks.",
        "categories_text": "Space\nFood",
        "audience_kind": "groups",
        "group_ids": [str(group.id)],
        "once": "new-c",
    }
    for n, name in enumerate(
        ("proposals_at", "discussion_at", "support_at", "results_at", "closes_at")
    ):
        data[name] = (start + timedelta(days=n)).strftime(fmt)
    login(client, facilitator)
    assert client.post("/consultations/new", data=data).status_code == 302
    consultation = db.session.scalar(select(Consultation))
    assert consultation.categories == ["Space", "Food"] and consultation.group_ids == [group.id]
    bad = dict(data, once="bad", closes_at=start.strftime(fmt))
    response = client.post("/consultations/new", data=bad)
    assert "Each phase must start after the one before it" in response.get_data(as_text=True)
    client.post(f"/consultations/{consultation.id}/phase", data={"once": "ph1"})
    db.session.expire_all()
    from youthportal.consultations import rules

    assert rules.phase(db.session.get(Consultation, consultation.id)).value == "proposals"
    teen = trusted_youth(group)
    login(client, teen)
    assert (
        client.post(f"/consultations/{consultation.id}/phase", data={"once": "ph2"}).status_code
        == 403
    )


def test_random_order_is_stable_for_a_visitor(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, groups=[group])
    author = trusted_youth(group)
    for n in range(12):
        make_proposal(consultation, author, title=f"Idea number {n:02d}")
    login(client, trusted_youth(group))
    first = client.get(f"/consultations/{consultation.id}?sort=random").get_data(as_text=True)
    again = client.get(f"/consultations/{consultation.id}?sort=random").get_data(as_text=True)
    order = [line for line in first.splitlines() if "Idea number" in line]
    assert order == [line for line in again.splitlines() if "Idea number" in line]
    newest = client.get(f"/consultations/{consultation.id}?sort=newest").get_data(as_text=True)
    assert order != [line for line in newest.splitlines() if "Idea number" in line]


def test_roles_and_wrong_ids(client, school):
    facilitator, group = school
    consultation = make_consultation(facilitator, groups=[group])
    proposal = make_proposal(consultation, trusted_youth(group))
    outsider, official = make_user(age=15), make_user(Role.POLICY_MAKER)
    assert client.get(f"/consultations/{consultation.id}").status_code == 302
    for user in (outsider, official):
        login(client, user)
        assert client.get(f"/consultations/{consultation.id}").status_code == 404
        assert client.get(f"/consultations/proposals/{proposal.id}").status_code == 404
    login(client, make_user(age=15))
    assert client.get("/consultations/new").status_code == 403
    # A facilitator of other groups neither sees nor changes it.
    login(client, make_user(Role.FACILITATOR))
    assert client.get(f"/consultations/{consultation.id}").status_code == 404
    assert client.get(f"/consultations/{consultation.id}/edit").status_code == 404
    # A member still waiting for a guardian reads it but cannot send a proposal.
    from youthportal.accounts.models import AccountStatus

    waiting = make_user(age=12, group=group, status=AccountStatus.PENDING_CONSENT)
    login(client, waiting)
    assert client.get(f"/consultations/{consultation.id}").status_code == 200
    assert (
        client.post(
            f"/consultations/{consultation.id}/proposals",
            data={
                "title": "Waiting member",
                "body": "I would like to propose something.",
                "once": "w",
            },
        ).status_code
        == 403
    )
    login(client, admin())
    assert client.get(f"/consultations/{consultation.id}/edit").status_code == 200
    for path in (
        "/consultations/999",
        "/consultations/proposals/999",
        "/consultations/999/results",
    ):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_the_proposal_list_costs_the_same_however_many_proposals(
    client, count_queries, school, rows
):
    facilitator, group = school
    consultation = make_consultation(facilitator, "support", groups=[group])
    for n in range(rows):
        make_proposal(consultation, trusted_youth(group), title=f"Proposal {n} for us all")
    login(client, trusted_youth(group))
    with count_queries() as queries:
        page = client.get(f"/consultations/{consultation.id}")
    assert page.status_code == 200
    assert queries.count == 14, queries.statements
