"""Discussions as a young person experiences them: posting, waiting for review, replies,
editing, deleting, reactions, and what others can and cannot see."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import login, make_user
from tests.moderation_helpers import group_thread, post, setup_group, trusted_youth
from youthportal.core.model_base import utcnow
from youthportal.discussions.models import Comment, CommentRevision, Reaction, Thread
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus, ReviewItem, ScreenEvent


def test_a_trusted_member_starts_a_thread_and_others_see_it(client):
    facilitator, group = setup_group()
    ardit = trusted_youth(group)
    jona = trusted_youth(group)
    login(client, ardit)
    response = client.post(
        f"/discussions/group/{group.id}/new",
        data={"title": "Safer internet week", "body": "What should we *plan*?", "once": "a1"},
    )
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.status == ModerationStatus.PUBLISHED
    login(client, jona)
    page = client.get(f"/discussions/group/{group.id}").get_data(as_text=True)
    assert "Safer internet week" in page
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert "<em>plan</em>" in page


def test_a_young_childs_comment_waits_for_review_and_only_they_see_it(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=10))
    other = trusted_youth(group)
    login(client, child)
    response = client.post(
        f"/discussions/t/{thread.id}/comment",
        data={"body": "I think phones should stay in bags.", "once": "b1"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "waiting for review" in page
    assert "phones should stay in bags" in page
    comment = db.session.scalar(select(Comment).where(Comment.author_id == child.id))
    assert comment.status == ModerationStatus.PENDING
    item = db.session.scalar(select(ReviewItem))
    assert item.content_id == comment.id and item.reason.value == "held"
    login(client, other)
    assert "phones should stay in bags" not in client.get(f"/discussions/t/{thread.id}").get_data(
        as_text=True
    )


def test_personal_information_is_refused_kindly_and_the_text_is_kept(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    login(client, teen)
    text = "text me on 069 123 4567 after school"
    response = client.post(f"/discussions/t/{thread.id}/comment", data={"body": text, "once": "c1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "phone number" in page
    assert text in page
    assert db.session.scalar(select(Comment).where(Comment.author_id == teen.id)) is None
    # The attempt is counted for the metrics, with no text.
    assert (
        db.session.scalar(select(ScreenEvent.action).where(ScreenEvent.author_id == teen.id))
        == "block"
    )


def test_replies_stay_one_level_deep_and_notify_the_author(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    a, b, c = trusted_youth(group), trusted_youth(group), trusted_youth(group)
    first, _ = post(thread, a, "We need a phone-free lunch break.")
    reply, _ = post(thread, b, "Yes, good idea!", parent=first)
    login(client, c)
    response = client.post(
        f"/discussions/c/{reply.id}/reply", data={"body": "Me too.", "once": "d1"}
    )
    assert response.status_code == 302
    deeper = db.session.scalar(select(Comment).where(Comment.author_id == c.id))
    assert deeper.parent_id == first.id  # attached to the top-level comment
    from youthportal.notifications.models import Notification

    kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == a.id)).all()
    assert "comment_reply" in kinds


def test_editing_within_fifteen_minutes_is_screened_again_and_history_kept(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    comment, _ = post(thread, teen, "First version")
    login(client, teen)
    response = client.post(f"/discussions/c/{comment.id}/edit", data={"body": "Second version"})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.body == "Second version" and comment.edited_at is not None
    history = db.session.scalars(select(CommentRevision.body)).all()
    assert history == ["First version"]
    blocked = client.post(
        f"/discussions/c/{comment.id}/edit", data={"body": "mail me at lena@example.com"}
    )
    assert "e-mail" in blocked.get_data(as_text=True)
    db.session.refresh(comment)
    assert comment.body == "Second version"
    comment.created_at = utcnow() - timedelta(minutes=16)
    db.session.commit()
    assert client.get(f"/discussions/c/{comment.id}/edit").status_code == 403


def test_deleting_ones_own_comment_leaves_a_placeholder(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen, other = trusted_youth(group), trusted_youth(group)
    comment, _ = post(thread, teen, "Something I regret")
    login(client, other)
    assert client.post(f"/discussions/c/{comment.id}/delete").status_code == 403
    login(client, teen)
    client.post(f"/discussions/c/{comment.id}/delete")
    db.session.refresh(comment)
    assert comment.status == ModerationStatus.REMOVED and comment.removed_by_author
    login(client, other)
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert "Removed by the author" in page and "Something I regret" not in page


def test_reactions_toggle_and_show_no_dislikes(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen, other = trusted_youth(group), trusted_youth(group)
    comment, _ = post(thread, teen, "Let's make posters")
    login(client, other)
    client.post(f"/discussions/c/{comment.id}/react", data={"kind": "idea"})
    assert db.session.scalar(select(Reaction.kind)).value == "idea"
    client.post(f"/discussions/c/{comment.id}/react", data={"kind": "idea"})
    assert db.session.scalar(select(Reaction.kind)) is None
    assert (
        client.post(f"/discussions/c/{comment.id}/react", data={"kind": "dislike"}).status_code
        == 400
    )


def test_double_submission_posts_once(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    login(client, teen)
    for _ in range(2):
        client.post(f"/discussions/t/{thread.id}/comment", data={"body": "Once!", "once": "same"})
    assert len(db.session.scalars(select(Comment).where(Comment.author_id == teen.id)).all()) == 1


def test_pre_moderated_group_holds_every_youth_post(client):
    facilitator, group = setup_group()
    group.is_premoderated = True
    db.session.commit()
    thread = group_thread(group, facilitator)
    teen = trusted_youth(group)
    comment, verdict = post(thread, teen, "A perfectly nice comment")
    assert verdict.held and comment.status == ModerationStatus.PENDING


def test_new_accounts_cannot_post_links_or_many_posts_in_their_first_hour(client):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    newbie = make_user(age=15, group=group, approved_count=5)
    _, verdict = post(thread, newbie, "see https://isigurt.al for help")
    assert verdict.blocked and "new_account_link" in verdict.kinds()
    for n in range(3):
        comment, verdict = post(thread, newbie, f"comment number {n}")
        assert comment is not None
    _, verdict = post(thread, newbie, "one more")
    assert verdict.blocked and "rate_limit" in verdict.kinds()


@pytest.mark.parametrize("rows", [10, 200])
def test_thread_page_query_count_does_not_grow_with_comments(client, count_queries, rows):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    authors = [trusted_youth(group) for _ in range(3)]
    now = utcnow()
    tops = []
    for n in range(rows):
        comment = Comment(
            thread_id=thread.id,
            author_id=authors[n % 3].id,
            body=f"comment {n}",
            body_html=f"<p>comment {n}</p>",
            status=ModerationStatus.PUBLISHED,
            created_at=now + timedelta(seconds=n),
            parent_id=tops[-1].id if n % 4 == 3 and tops else None,
        )
        db.session.add(comment)
        db.session.flush()
        if comment.parent_id is None:
            tops.append(comment)
        db.session.add(
            Reaction(comment_id=comment.id, user_id=authors[(n + 1) % 3].id, kind="like")
        )
    db.session.commit()
    login(client, authors[0])
    with count_queries() as counter:
        response = client.get(f"/discussions/t/{thread.id}")
    assert response.status_code == 200
    print(f"thread page with {rows} comments: {counter.count} queries")
    assert counter.count <= 14
