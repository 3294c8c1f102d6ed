"""Flags, the review queue, sanctions, appeals and safeguarding cases, as moderators, authors
and reporters experience them."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import login, make_user
from tests.moderation_helpers import group_thread, lead, post, setup_group, trusted_youth
from youthportal.accounts.models import AccountStatus, Role
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.notifications.models import Notification, OutboxMessage
from youthportal.safety.models import (
    Appeal,
    Flag,
    ModerationStatus,
    ReviewItem,
    ReviewState,
    SafeguardingCase,
    Sanction,
)


def _kinds(user):
    return db.session.scalars(
        select(Notification.kind).where(Notification.user_id == user.id)
    ).all()


def _report(client, reporter, comment, reason="bullying"):
    login(client, reporter)
    return client.post(
        f"/moderation/report/comment/{comment.id}",
        data={"reason": reason, "once": f"flag-{reporter.id}"},
    )


def test_three_reports_hide_a_comment_and_reporters_learn_the_outcome(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    author = trusted_youth(group)
    reporters = [trusted_youth(group) for _ in range(3)]
    comment, _ = post(thread, author, "You are all boring")
    for n, reporter in enumerate(reporters):
        response = _report(client, reporter, comment)
        assert response.status_code == 302 and "/moderation/report/thanks" in response.location
        db.session.refresh(comment)
        expected = ModerationStatus.HIDDEN if n == 2 else ModerationStatus.PUBLISHED
        assert comment.status == expected
    # A second report by the same member changes nothing.
    _report(client, reporters[0], comment)
    assert len(db.session.scalars(select(Flag)).all()) == 3
    item = db.session.scalar(select(ReviewItem))
    assert item.flag_count == 3 and item.reason.value == "flagged"
    login(client, facilitator)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "You are all boring" in queue
    response = client.post(
        f"/moderation/item/{item.id}",
        data={"decision": "removed", "reason_code": "bullying", "once": "decide-1"},
    )
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.REMOVED
    assert all(f.outcome.value == "upheld" for f in db.session.scalars(select(Flag)))
    for reporter in reporters:
        assert "flag_outcome" in _kinds(reporter)
        login(client, reporter)
        page = client.get("/moderation/mine?tab=reports").get_data(as_text=True)
        assert "you were right, and we took it down" in page
    assert "content_removed" in _kinds(author)
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "moderation.removed"))


def test_one_report_from_a_facilitator_hides_at_once(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    author = trusted_youth(group)
    comment, _ = post(thread, author, "Nobody likes you")
    _report(client, facilitator, comment)
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.HIDDEN


def test_danger_report_hides_at_once_and_alerts_the_safeguarding_lead(client, mailbox):
    facilitator, group = setup_group()
    besa = lead()
    thread = group_thread(group, facilitator)
    author = trusted_youth(group)
    reporter = trusted_youth(group)
    comment, _ = post(thread, author, "meet me tonight alone")
    response = _report(client, reporter, comment, reason="danger")
    page = client.get(response.location).get_data(as_text=True)
    assert "116 111" in page  # the reporter sees where to get help
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.HIDDEN
    case = db.session.scalar(select(SafeguardingCase))
    assert case.source.value == "flag" and case.subject_id == author.id
    assert "safeguarding_alert" in _kinds(besa)
    sent = mailbox()
    assert any(m["to"] == besa.email for m in sent) or db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == besa.email)
    )


def test_approving_a_held_post_publishes_it_counts_trust_and_tells_the_child(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))
    comment, verdict = post(thread, child, "Can we have a school garden?")
    assert verdict.held
    item = db.session.scalar(select(ReviewItem))
    login(client, facilitator)
    page = client.get(f"/moderation/item/{item.id}").get_data(as_text=True)
    assert "Can we have a school garden?" in page and "9-12" in page
    client.post(f"/moderation/item/{item.id}", data={"decision": "approved", "once": "ap"})
    db.session.refresh(comment)
    db.session.refresh(child)
    assert comment.status == ModerationStatus.PUBLISHED
    assert child.approved_count == 1
    assert "content_approved" in _kinds(child)
    assert db.session.get(ReviewItem, item.id).state == ReviewState.CLOSED


def test_edit_and_approve_replaces_the_text_and_keeps_the_original_for_moderators(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))
    comment, _ = post(thread, child, "My teacher Mr. Hoxha is the worst")
    item = db.session.scalar(select(ReviewItem))
    login(client, facilitator)
    response = client.post(
        f"/moderation/item/{item.id}",
        data={"decision": "edited", "new_text": "", "once": "ed1"},
    )
    assert "Write the edited text" in response.get_data(as_text=True)
    client.post(
        f"/moderation/item/{item.id}",
        data={
            "decision": "edited",
            "new_text": "My teacher is strict",
            "note": "no names of teachers",
            "once": "ed2",
        },
    )
    db.session.refresh(comment)
    assert comment.body == "My teacher is strict"
    assert comment.status == ModerationStatus.PUBLISHED
    assert "content_edited" in _kinds(child)


def test_urgent_disclosure_goes_to_the_help_page_and_the_lead_not_the_public(client, mailbox):
    facilitator, group = setup_group()
    besa = lead()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    words = "I want to die and nobody can know"
    login(client, teen)
    response = client.post(
        f"/discussions/t/{thread.id}/comment", data={"body": words, "once": "u1"}
    )
    assert response.status_code == 302 and response.location.endswith("/moderation/help-now")
    help_page = client.get(response.location).get_data(as_text=True)
    assert "116 111" in help_page and "trusted adult" in help_page
    case = db.session.scalar(select(SafeguardingCase))
    assert case.source.value == "screening" and case.state.value == "new"
    item = db.session.scalar(select(ReviewItem))
    assert item.urgent and item.reason.value == "urgent"
    other = trusted_youth(group)
    login(client, other)
    assert words not in client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    # The lead's e-mail carries a link, never the child's words.
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == besa.email))
    assert message is not None and words not in message.body and "/safeguarding/" in message.body
    login(client, besa)
    assert words in client.get(f"/safeguarding/{case.id}").get_data(as_text=True)
    client.post(
        f"/safeguarding/{case.id}",
        data={"action": "acknowledge", "note": "Called the school psychologist.", "once": "k1"},
    )
    db.session.refresh(case)
    assert case.state.value == "acknowledged" and case.acknowledged_by_id == besa.id
    # Facilitators cannot read safeguarding notes.
    login(client, facilitator)
    assert client.get(f"/safeguarding/{case.id}").status_code == 403


def test_escalating_from_the_queue_opens_a_case(client):
    facilitator, group = setup_group()
    besa = lead()
    thread = group_thread(group, facilitator)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))
    post(thread, child, "my brother is mean to me every day at home")
    item = db.session.scalar(select(ReviewItem))
    login(client, facilitator)
    client.post(f"/moderation/item/{item.id}", data={"decision": "escalated", "once": "es"})
    case = db.session.scalar(select(SafeguardingCase))
    assert case.source.value == "escalation"
    assert "safeguarding_alert" in _kinds(besa)


def test_mutes_get_longer_and_block_posting_suspension_signs_out(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    login(client, facilitator)
    for n in range(2):
        client.post(
            f"/moderation/members/{teen.id}/sanctions",
            data={"kind": "mute", "reason": "spamming the thread", "once": f"m{n}"},
        )
    mutes = db.session.scalars(select(Sanction).order_by(Sanction.id)).all()
    hours = [round((m.ends_at - m.created_at).total_seconds() / 3600) for m in mutes]
    assert hours == [24, 72]
    _, verdict = post(thread, teen, "hello again")
    assert verdict.blocked and "muted" in verdict.kinds()
    client.post(
        f"/moderation/members/{teen.id}/sanctions",
        data={"kind": "suspension", "reason": "repeated bullying", "once": "s1"},
    )
    db.session.refresh(teen)
    assert teen.status == AccountStatus.SUSPENDED


def test_appeals_are_decided_by_a_different_facilitator(client):
    facilitator, group = setup_group()
    second = make_user(Role.FACILITATOR)
    from youthportal.accounts.models import GroupMember, MemberRole

    db.session.add(GroupMember(group_id=group.id, user_id=second.id, role=MemberRole.FACILITATOR))
    db.session.commit()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    comment, _ = post(thread, teen, "This rule is stupid")
    _report(client, facilitator, comment)
    item = db.session.scalar(select(ReviewItem))
    client.post(
        f"/moderation/item/{item.id}",
        data={"decision": "hidden", "reason_code": "bullying", "once": "h1"},
    )
    login(client, teen)
    client.post(
        f"/moderation/appeal/item/{item.id}",
        data={"text": "I was talking about the rule, not a person.", "once": "ap1"},
    )
    appeal = db.session.scalar(select(Appeal))
    assert appeal.state.value == "open"
    login(client, facilitator)
    page = client.get(f"/moderation/appeals/{appeal.id}").get_data(as_text=True)
    assert "another facilitator decides" in page
    forbidden = client.post(
        f"/moderation/appeals/{appeal.id}",
        data={"outcome": "overturned", "note": "ok", "once": "x1"},
    )
    assert forbidden.status_code == 403
    login(client, second)
    client.post(
        f"/moderation/appeals/{appeal.id}",
        data={"outcome": "overturned", "note": "Criticising a rule is fine.", "once": "x2"},
    )
    db.session.refresh(appeal)
    db.session.refresh(comment)
    assert appeal.state.value == "overturned"
    assert comment.status == ModerationStatus.PUBLISHED
    assert "appeal_decided" in _kinds(teen)


def test_queue_shows_urgent_first_then_oldest_and_only_own_groups(client, count_queries):
    facilitator, group = setup_group()
    other_facilitator, other_group = setup_group()
    thread = group_thread(group, facilitator)
    other_thread = group_thread(other_group, other_facilitator)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))
    other_child = make_user(age=11, group=other_group, created_at=utcnow() - timedelta(days=5))
    post(thread, child, "first held post")
    post(thread, child, "I want to die")
    post(other_thread, other_child, "someone else's group")
    login(client, facilitator)
    page = client.get("/moderation/").get_data(as_text=True)
    assert page.index("I want to die") < page.index("first held post")
    assert "someone else&#39;s group" not in page and "someone else's group" not in page
    other_item = db.session.scalar(select(ReviewItem).where(ReviewItem.group_id == other_group.id))
    assert client.get(f"/moderation/item/{other_item.id}").status_code == 404
    for n in range(20):
        post(thread, child, f"held post {n}")
    with count_queries() as counter:
        client.get("/moderation/")
    few = counter.count
    assert few <= 12


def test_group_premoderation_switch_is_for_the_groups_facilitators(client):
    facilitator, group = setup_group()
    stranger = make_user(Role.FACILITATOR)
    login(client, stranger)
    assert (
        client.post(f"/moderation/groups/{group.id}/premoderation", data={"on": "1"}).status_code
        == 404
    )
    login(client, facilitator)
    client.post(f"/moderation/groups/{group.id}/premoderation", data={"on": "1"})
    db.session.refresh(group)
    assert group.is_premoderated


def test_admins_can_set_zero_approved_posts_before_trust(client):
    from tests.moderation_helpers import admin
    from youthportal.core import settings

    login(client, admin())
    form = client.get("/admin/settings").get_data(as_text=True)
    assert 'name="trust_level_1_after"' in form and 'name="allowed_domains"' in form
    response = client.post(
        "/admin/settings",
        data={"trust_level_1_after": "0", "allowed_domains": "isigurt.al\nhttps://Unicef.org/"},
    )
    assert response.status_code == 302
    assert settings.get("trust_level_1_after") == 0
    assert settings.get("allowed_domains") == "isigurt.al\nunicef.org"
    bad = client.post("/admin/settings", data={"allowed_domains": "not a domain!"})
    assert "not site names" in bad.get_data(as_text=True)
