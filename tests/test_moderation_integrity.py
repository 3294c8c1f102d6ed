"""What must hold however people click: deleted words stay deleted, nothing skips review,
two moderators never both decide, every appeal has someone to decide it, and the leads'
case work stays with the leads."""

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tests.conftest import login, make_group, make_user
from tests.moderation_helpers import (
    admin,
    group_thread,
    lead,
    load_words,
    post,
    setup_group,
    trusted_youth,
)
from tests.test_join_and_consent import invite, join_form  # noqa: F401 - fixture
from youthportal.accounts.models import GroupMember, MemberRole, Role, User
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog
from youthportal.discussions.models import Comment, Thread
from youthportal.extensions import db
from youthportal.notifications.models import Notification
from youthportal.safety import review, sanctions
from youthportal.safety.models import (
    Appeal,
    CaseNote,
    Flag,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    ReviewReason,
    ReviewState,
    SafeguardingCase,
    Sanction,
    SanctionKind,
)


def _young_child(group):
    """Under 13: every post waits for a facilitator."""
    return make_user(age=11, group=group, created_at=utcnow() - timedelta(days=10))


def _kinds(user):
    return db.session.scalars(
        select(Notification.kind).where(Notification.user_id == user.id)
    ).all()


def _decide(client, item, decision, once, **extra):
    return client.post(
        f"/moderation/item/{item.id}",
        data={"decision": decision, "reason_code": "other", "once": once, **extra},
    )


# --- deleted words stay deleted -----------------------------------------------------------


def test_a_held_post_the_child_deleted_cannot_be_approved_back(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    comment, _ = post(thread, child, "Actually I do not want to say this")
    item = db.session.scalar(select(ReviewItem))
    login(client, child)
    client.post(f"/discussions/c/{comment.id}/delete")
    db.session.refresh(item)
    # The decision is no longer needed: the item leaves the queue, marked as the child's.
    assert item.state == ReviewState.CLOSED and item.decision == ReviewDecision.WITHDRAWN
    login(client, facilitator)
    assert "Actually I do not want" not in client.get("/moderation/").get_data(as_text=True)
    _decide(client, item, "approved", "a1")
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.REMOVED
    login(client, child)
    assert "Deleted by its author" in client.get("/moderation/mine").get_data(as_text=True)


def test_reporters_hear_that_the_author_deleted_what_they_reported(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    author, reporter = trusted_youth(group), trusted_youth(group)
    comment, _ = post(thread, author, "You are all so boring")
    login(client, reporter)
    client.post(
        f"/moderation/report/comment/{comment.id}", data={"reason": "bullying", "once": "f1"}
    )
    login(client, author)
    client.post(f"/discussions/c/{comment.id}/delete")
    flag = db.session.scalar(select(Flag))
    assert flag.outcome.value == "withdrawn"
    login(client, reporter)
    page = client.get("/moderation/mine?tab=reports").get_data(as_text=True)
    assert "the author deleted it" in page


def test_deleting_a_worrying_post_keeps_it_in_front_of_the_lead(client):
    facilitator, group = setup_group()
    besa = lead()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    comment, verdict = post(thread, teen, "I want to die and nobody can know")
    assert verdict.urgent
    login(client, teen)
    client.post(f"/discussions/c/{comment.id}/delete")
    item = db.session.scalar(select(ReviewItem))
    assert item.state == ReviewState.OPEN and item.urgent
    login(client, besa)
    page = client.get(f"/moderation/item/{item.id}").get_data(as_text=True)
    assert "The author deleted this" in page
    assert 'value="approved"' not in page
    _decide(client, item, "approved", "b1")
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.REMOVED
    assert db.session.get(ReviewItem, item.id).state == ReviewState.OPEN


def test_a_deleted_post_that_nobody_ever_saw_leaves_no_trace_in_the_thread(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    other = trusted_youth(group)
    comment, _ = post(thread, child, "A first try")
    login(client, child)
    client.post(f"/discussions/c/{comment.id}/delete")
    login(client, other)
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert "Removed by the author" not in page


# --- nothing skips review -----------------------------------------------------------------


def test_editing_a_waiting_post_keeps_it_waiting_and_the_moderator_sees_both_texts(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    other = trusted_youth(group)
    comment, _ = post(thread, child, "My first words")
    login(client, child)
    response = client.post(
        f"/discussions/c/{comment.id}/edit", data={"body": "My better words"}, follow_redirects=True
    )
    assert "waiting for review" in response.get_data(as_text=True)
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.PENDING and comment.body == "My better words"
    login(client, other)
    assert "My better words" not in client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    items = db.session.scalars(select(ReviewItem)).all()
    assert len(items) == 1 and items[0].state == ReviewState.OPEN
    login(client, facilitator)
    page = client.get(f"/moderation/item/{items[0].id}").get_data(as_text=True)
    assert "My better words" in page and "1 earlier version" in page and "My first words" in page


def test_an_edit_replaces_the_findings_so_marks_point_at_the_new_text(client):
    load_words()
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    comment, _ = post(thread, child, "Only an idiot would say that")
    item = db.session.scalar(select(ReviewItem))
    assert "word" in {f["kind"] for f in item.findings}
    login(client, child)
    client.post(f"/discussions/c/{comment.id}/edit", data={"body": "I see it differently"})
    db.session.refresh(item)
    assert "word" not in {f["kind"] for f in item.findings}


def test_approving_a_held_reply_tells_the_person_replied_to_and_moves_the_thread_up(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    child = _young_child(group)
    parent, _ = post(thread, teen, "Who wants a quiet room at lunch?")
    reply, _ = post(thread, child, "Me! I do.", parent=parent)
    assert "comment_reply" not in _kinds(teen)
    before = db.session.get(Thread, thread.id).last_activity_at
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.content_id == reply.id))
    login(client, facilitator)
    _decide(client, item, "approved", "r1")
    assert "comment_reply" in _kinds(teen)
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).last_activity_at > before
    assert db.session.get(Comment, reply.id).published_at is not None


# --- one decision per item ----------------------------------------------------------------


def test_a_moderator_who_decides_second_is_told_and_nothing_of_theirs_applies(app):
    facilitator, group = setup_group()
    second = make_user(Role.FACILITATOR)
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    comment, _ = post(thread, child, "Our class needs a bigger library")
    item = db.session.scalar(select(ReviewItem))
    # The first moderator's decision lands while the second still has the old page.
    db.session.execute(
        text("UPDATE review_item SET state = 'closed', decision = 'hidden' WHERE id = :id"),
        {"id": item.id},
    )
    with app.test_request_context(), pytest.raises(review.AlreadyDecided):
        review.decide(item, comment, second, ReviewDecision.APPROVED)
    db.session.rollback()
    assert db.session.get(Comment, comment.id).status == ModerationStatus.PENDING


def test_the_database_keeps_one_open_item_per_post(app):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    comment, _ = post(thread, _young_child(group), "Can we have a bench outside?")
    with app.test_request_context():
        again = review.open_review(comment, reason=ReviewReason.FLAGGED)
    assert again.id == db.session.scalar(select(ReviewItem.id))
    db.session.add(
        ReviewItem(
            content_type="comment",
            content_id=comment.id,
            reason=ReviewReason.HELD,
            findings=[],
            state=ReviewState.OPEN,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_database_keeps_one_active_case_per_post(app):
    db.session.add_all(
        SafeguardingCase(content_type="comment", content_id=7, source="flag", categories=[])
        for _ in range(2)
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


# --- escalation ---------------------------------------------------------------------------


def test_an_escalated_post_waits_for_a_lead_who_decides_next_to_the_case(client):
    facilitator, group = setup_group()
    besa = lead()  # not a facilitator of this group
    thread = group_thread(group, facilitator)
    child = _young_child(group)
    comment, _ = post(thread, child, "my uncle says it is our secret")
    item = db.session.scalar(select(ReviewItem))
    login(client, facilitator)
    _decide(client, item, "escalated", "e1")
    db.session.refresh(item)
    assert item.state == ReviewState.OPEN and item.urgent
    # The facilitator may no longer publish it.
    page = client.get(f"/moderation/item/{item.id}").get_data(as_text=True)
    assert "only a safeguarding lead can publish it" in page and 'value="approved"' not in page
    _decide(client, item, "approved", "e2")
    assert db.session.get(Comment, comment.id).status == ModerationStatus.PENDING
    login(client, besa)
    case = db.session.scalar(select(SafeguardingCase))
    case_page = client.get(f"/safeguarding/{case.id}").get_data(as_text=True)
    assert f"/moderation/item/{item.id}" in case_page
    assert "my uncle says" in client.get("/moderation/?show=urgent").get_data(as_text=True)
    _decide(client, item, "hidden", "e3")
    db.session.expire_all()
    assert db.session.get(ReviewItem, item.id).state == ReviewState.CLOSED
    assert db.session.get(Comment, comment.id).status == ModerationStatus.HIDDEN


# --- safeguarding cases -------------------------------------------------------------------


def _urgent_case(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    post(thread, trusted_youth(group), "I want to die and nobody can know")
    return db.session.scalar(select(SafeguardingCase))


def test_a_closed_case_cannot_be_referred_and_the_audit_log_keeps_no_case_words(client):
    besa = lead()
    case = _urgent_case(client)
    login(client, besa)
    client.post(
        f"/safeguarding/{case.id}",
        data={"action": "refer", "referred_to": "Social services in Durres", "once": "c1"},
    )
    client.post(
        f"/safeguarding/{case.id}",
        data={"action": "close", "note": "Family supported, plan agreed.", "once": "c2"},
    )
    db.session.refresh(case)
    assert case.state.value == "closed"
    response = client.post(
        f"/safeguarding/{case.id}",
        data={"action": "refer", "referred_to": "Police", "once": "c3"},
        follow_redirects=True,
    )
    assert "This case is closed" in response.get_data(as_text=True)
    db.session.refresh(case)
    assert case.state.value == "closed" and case.referred_to == "Social services in Durres"
    logged = db.session.scalars(
        select(AuditLog).where(AuditLog.action.like("safeguarding.%"))
    ).all()
    words = " ".join(f"{e.reason} {e.details}" for e in logged)
    assert "Durres" not in words and "plan agreed" not in words


def test_admins_handle_cases_only_while_the_organisation_has_no_lead(client):
    boss = admin()
    case = _urgent_case(client)
    login(client, boss)
    assert client.get(f"/safeguarding/{case.id}").status_code == 200
    assert "/safeguarding/" in client.get("/").get_data(as_text=True)
    lead()
    assert client.get(f"/safeguarding/{case.id}").status_code == 403


def test_a_worrying_display_name_reaches_a_lead_and_the_child_sees_help(client):
    besa = lead()
    _, group = setup_group()
    teen = trusted_youth(group, display_name="Sunny Day")
    login(client, teen)
    response = client.post(
        "/profile", data={"display_name": "I want to die", "avatar": "cat", "locale": "en"}
    )
    assert response.status_code == 302 and response.location.endswith("/moderation/help-now")
    assert db.session.get(User, teen.id).display_name == "Sunny Day"
    case = db.session.scalar(select(SafeguardingCase))
    assert case.content_type == "name" and case.subject_id == teen.id
    note = db.session.scalar(select(CaseNote).where(CaseNote.case_id == case.id))
    assert note.body == "I want to die"
    assert "safeguarding_alert" in _kinds(besa)
    login(client, besa)
    page = client.get(f"/safeguarding/{case.id}").get_data(as_text=True)
    assert "display name" in page and "I want to die" in page


def test_a_worrying_name_when_joining_is_refused_with_a_pointer_to_help(client, invite):  # noqa: F811
    response = client.post("/join", data=join_form(invite, display_name="I want to die"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Help page" in page
    assert db.session.scalar(select(User).where(User.login_name == "sunny.day")) is None


# --- appeals ------------------------------------------------------------------------------


def _hidden_item(client, facilitator, group, author):
    thread = group_thread(group, facilitator)
    comment, _ = post(thread, author, "This rule is stupid")
    login(client, facilitator)
    client.post(
        f"/moderation/report/comment/{comment.id}", data={"reason": "bullying", "once": "fx"}
    )
    item = db.session.scalar(select(ReviewItem))
    _decide(client, item, "hidden", "hx")
    return item


def test_a_decision_can_be_appealed_once(client):
    facilitator, group = setup_group()
    teen = trusted_youth(group)
    item = _hidden_item(client, facilitator, group, teen)
    login(client, teen)
    for n in range(2):
        client.post(
            f"/moderation/appeal/item/{item.id}",
            data={"text": f"Please look again, try {n}", "once": f"ap{n}"},
        )
    appeal = db.session.scalar(select(Appeal))
    appeal.state = "upheld"
    db.session.commit()
    response = client.post(
        f"/moderation/appeal/item/{item.id}",
        data={"text": "And once again, please", "once": "ap9"},
        follow_redirects=True,
    )
    assert "Each decision can be appealed once" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Appeal)).all()) == 1


def test_an_appeal_is_decided_by_who_moderates_the_group_not_any_facilitator_of_the_child(
    client,
):
    facilitator, group = setup_group()
    teen = trusted_youth(group)
    item = _hidden_item(client, facilitator, group, teen)
    # The child is also in a sports club with another facilitator.
    coach = make_user(Role.FACILITATOR)
    club = make_group(coach)
    db.session.add(GroupMember(group_id=club.id, user_id=teen.id, role=MemberRole.MEMBER))
    db.session.commit()
    login(client, teen)
    client.post(
        f"/moderation/appeal/item/{item.id}", data={"text": "Please look at it again", "once": "p1"}
    )
    appeal = db.session.scalar(select(Appeal))
    login(client, coach)
    assert client.get(f"/moderation/appeals/{appeal.id}").status_code == 404
    assert f"#{appeal.id}" not in client.get("/moderation/appeals").get_data(as_text=True)


def test_an_adults_appeal_reaches_the_admins(client):
    boss = admin()
    adult = make_user(Role.FACILITATOR)
    other = make_user(Role.FACILITATOR)
    # A post in the public space, reported and hidden by another facilitator.
    from tests.moderation_helpers import post as add_post
    from youthportal.discussions import services

    with client.application.test_request_context():
        thread, _ = services.start_thread(other, "public", 0, "Summer camp", "Ideas?", "en")
    db.session.commit()
    comment, _ = add_post(thread, adult, "Bring your own snacks")
    login(client, other)
    client.post(f"/moderation/report/comment/{comment.id}", data={"reason": "spam", "once": "s"})
    item = db.session.scalar(select(ReviewItem))
    _decide(client, item, "hidden", "h")
    login(client, adult)
    client.post(
        f"/moderation/appeal/item/{item.id}", data={"text": "This was not spam at all", "once": "a"}
    )
    appeal = db.session.scalar(select(Appeal))
    login(client, boss)
    assert f"#{appeal.id}" in client.get("/moderation/appeals").get_data(as_text=True)
    client.post(
        f"/moderation/appeals/{appeal.id}",
        data={"outcome": "overturned", "note": "Fair point.", "once": "d"},
    )
    db.session.refresh(appeal)
    assert appeal.state.value == "overturned"


def test_a_lifted_sanction_cannot_be_appealed(client):
    facilitator, group = setup_group()
    teen = trusted_youth(group)
    login(client, facilitator)
    client.post(
        f"/moderation/members/{teen.id}/sanctions",
        data={"kind": "mute", "reason": "spam", "once": "m1"},
    )
    sanction = db.session.scalar(select(Sanction))
    client.post(f"/moderation/sanctions/{sanction.id}/revoke", data={"reason": "my mistake"})
    login(client, teen)
    assert client.get(f"/moderation/appeal/sanction/{sanction.id}").status_code == 404


# --- sanctions ----------------------------------------------------------------------------


def test_lifting_one_mute_keeps_another_running_and_does_not_lengthen_the_next(app):
    facilitator, group = setup_group()
    teen = trusted_youth(group)
    with app.test_request_context():
        first = sanctions.issue(facilitator, teen, SanctionKind.MUTE, "spam")
        second = sanctions.issue(facilitator, teen, SanctionKind.MUTE, "spam again")
        assert sanctions.next_mute_hours(teen) == 168
        sanctions.revoke(facilitator, second, "too harsh")
        db.session.commit()
        assert teen.muted_until == first.ends_at
        assert sanctions.next_mute_hours(teen) == 72
        sanctions.revoke(facilitator, first, "all fine now")
        db.session.commit()
        assert teen.muted_until is None


def test_a_sanction_links_only_a_decision_about_that_members_words(client):
    facilitator, group = setup_group()
    teen, other = trusted_youth(group), trusted_youth(group)
    item = _hidden_item(client, facilitator, group, other)
    client.post(
        f"/moderation/members/{teen.id}/sanctions?item={item.id}",
        data={"kind": "warning", "reason": "be kind", "once": "w1"},
    )
    assert db.session.scalar(select(Sanction)).review_item_id is None


# --- my data ------------------------------------------------------------------------------


def test_my_data_lists_my_comments_without_other_peoples_thread_titles(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator, title="A private matter of Ana")
    teen = trusted_youth(group)
    post(thread, teen, "My own words")
    login(client, teen)
    data = client.get("/me/data.json").get_json()
    assert data["comments"][0]["text"] == "My own words"
    assert data["comments"][0]["thread"] == thread.id
    assert "A private matter of Ana" not in str(data)
