"""Discussions: starting threads, commenting, replying, editing within the window, deleting
one's own, reacting. Every text goes through safety.screen; what is held waits for review."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select

from youthportal.core.database import insert_if_absent, lock_row
from youthportal.core.markdown import render
from youthportal.core.model_base import utcnow
from youthportal.discussions.models import Comment, CommentRevision, Reaction, ReactionKind, Thread
from youthportal.discussions.subjects import SUBJECTS
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.safety import screen
from youthportal.safety.content import status_for, visible
from youthportal.safety.models import ModerationStatus, ReviewReason
from youthportal.safety.review import after_submit, open_item_for, open_review, withdraw
from youthportal.safety.verdict import Verdict


def visible_comments(user):
    """Published comments, the user's own waiting ones, and placeholders of removed ones
    that others once read (shown without their text, so replies keep their context)."""
    return or_(
        visible(Comment, user),
        (Comment.status == ModerationStatus.REMOVED) & Comment.published_at.is_not(None),
    )


def threads_stmt(subject_type: str, subject_id: int, user):
    return (
        select(Thread)
        .where(
            Thread.subject_type == subject_type,
            Thread.subject_id == subject_id,
            visible(Thread, user),
        )
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )


def attached_thread(subject_type: str, subject_id: int) -> Thread:
    """The one thread of a proposal, poll, idea or section, created when first needed."""
    thread = db.session.scalar(
        select(Thread).where(Thread.subject_type == subject_type, Thread.subject_id == subject_id)
    )
    if thread is None:
        subject = SUBJECTS[subject_type]
        thread = Thread(
            subject_type=subject_type,
            subject_id=subject_id,
            group_id=subject.group_id(subject_id),
            status=ModerationStatus.PUBLISHED,
        )
        db.session.add(thread)
        db.session.flush()
    return thread


def _screen(author, text: str, locale, group_id) -> Verdict:
    return screen(text, author, locale, content_type="comment", group_id=group_id)


def start_thread(author, subject_type, subject_id, title, body, locale):
    """Returns (thread or None, verdict). The title is screened with the opening text."""
    subject = SUBJECTS[subject_type]
    group_id = subject.group_id(subject_id)
    verdict = _screen(author, f"{title}\n\n{body}", locale, group_id)
    if verdict.blocked:
        return None, verdict
    title_length = len(title)
    stored = verdict.text  # masked words, if any, in the title and the body alike
    status = status_for(verdict)
    thread = Thread(
        subject_type=subject_type,
        subject_id=subject_id,
        group_id=group_id,
        title=stored[:title_length],
        author_id=author.id,
        status=status,
    )
    db.session.add(thread)
    db.session.flush()
    comment = _new_comment(author, thread, stored[title_length + 2 :], status, opening=True)
    if status == ModerationStatus.PUBLISHED:
        _first_published(comment)
    _refresh_counts(thread)
    after_submit(comment, verdict)
    return thread, verdict


def add_comment(author, thread: Thread, body: str, locale, parent: Comment | None = None):
    """Returns (comment or None, verdict)."""
    if parent is not None and parent.parent_id is not None:
        parent = db.session.get(Comment, parent.parent_id)  # replies stay one level deep
    verdict = _screen(author, body, locale, thread.group_id)
    if verdict.blocked:
        return None, verdict
    comment = _new_comment(author, thread, verdict.text, status_for(verdict), parent=parent)
    if comment.status == ModerationStatus.PUBLISHED:
        _first_published(comment)
        _refresh_counts(thread)
    after_submit(comment, verdict)
    return comment, verdict


def _new_comment(author, thread, body, status, *, parent=None, opening=False) -> Comment:
    comment = Comment(
        thread_id=thread.id,
        parent_id=parent.id if parent is not None else None,
        author_id=author.id,
        is_opening=opening,
        body=body,
        body_html=render(body),
        status=status,
        created_at=utcnow(),
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def _first_published(comment: Comment) -> None:
    """Others can read it from now on (at once, or when a moderator approves it): the
    thread moves up and the person replied to hears of it."""
    if comment.published_at is not None:
        return
    comment.published_at = utcnow()
    comment.thread.last_activity_at = comment.published_at
    parent = db.session.get(Comment, comment.parent_id) if comment.parent_id else None
    _notify_reply(comment, parent)


def _notify_reply(comment: Comment, parent: Comment | None) -> None:
    if parent is None or parent.author_id in (None, comment.author_id):
        return
    if parent.author is not None and parent.status == ModerationStatus.PUBLISHED:
        notify(
            parent.author,
            "comment_reply",
            link=comment_url(comment),
            name=comment.author.display_name if comment.author else "",
        )


def comment_url(comment: Comment) -> str:
    from flask import url_for

    return url_for("discussions.thread", thread_id=comment.thread_id, _anchor=f"c{comment.id}")


def can_edit(user, comment: Comment, now=None) -> bool:
    now = now or utcnow()
    window = timedelta(minutes=current_app.config["EDIT_WINDOW_MINUTES"])
    return (
        user.is_authenticated
        and comment.author_id == user.id
        and comment.status in (ModerationStatus.PUBLISHED, ModerationStatus.PENDING)
        and now - comment.created_at <= window
    )


def edit_comment(author, comment: Comment, body: str, locale) -> Verdict:
    """Edits are screened again; the earlier text is kept for moderators. A comment that is
    waiting for review keeps waiting: editing it never skips the moderator."""
    verdict = _screen(author, body, locale, comment.thread.group_id)
    if verdict.blocked:
        return verdict
    db.session.add(CommentRevision(comment_id=comment.id, body=comment.body))
    comment.body = verdict.text
    comment.body_html = render(verdict.text)
    comment.edited_at = utcnow()
    waiting = comment.status == ModerationStatus.PENDING
    set_comment_status(comment, ModerationStatus.PENDING if waiting else status_for(verdict))
    after_submit(comment, verdict, edited=True)
    if waiting and open_item_for("comment", comment.id) is None:
        open_review(comment, reason=ReviewReason.HELD, findings=[])
    return verdict


def delete_own(author, comment: Comment) -> None:
    if comment.author_id != author.id:
        raise PermissionError
    comment.removed_by_author = True
    set_comment_status(comment, ModerationStatus.REMOVED)
    withdraw(comment)


def set_comment_status(comment: Comment, status: ModerationStatus) -> None:
    comment.status = status
    thread = comment.thread
    if comment.is_opening:
        thread.status = status
    if status == ModerationStatus.PUBLISHED:
        _first_published(comment)
    db.session.flush()
    _refresh_counts(thread)


def replace_text(comment: Comment, text: str) -> None:
    db.session.add(CommentRevision(comment_id=comment.id, body=comment.body))
    comment.body = text
    comment.body_html = render(text)


def _refresh_counts(thread: Thread) -> None:
    lock_row(thread)  # two comments at once must not both count without the other
    thread.comment_count = db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.thread_id == thread.id,
            Comment.status == ModerationStatus.PUBLISHED,
            Comment.is_opening.is_(False),
        )
    )


def top_level_stmt(thread: Thread, user):
    return (
        select(Comment)
        .where(Comment.thread_id == thread.id, Comment.parent_id.is_(None), visible_comments(user))
        .order_by(Comment.is_opening.desc(), Comment.created_at, Comment.id)
    )


def replies_for(parent_ids: list[int], user) -> dict[int, list[Comment]]:
    if not parent_ids:
        return {}
    rows = db.session.scalars(
        select(Comment)
        .where(Comment.parent_id.in_(parent_ids), visible_comments(user))
        .order_by(Comment.created_at, Comment.id)
    )
    grouped: dict[int, list[Comment]] = {pid: [] for pid in parent_ids}
    for comment in rows:
        grouped[comment.parent_id].append(comment)
    return grouped


def reaction_counts(comment_ids: list[int]) -> dict[int, dict[str, int]]:
    if not comment_ids:
        return {}
    counts: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        select(Reaction.comment_id, Reaction.kind, func.count())
        .where(Reaction.comment_id.in_(comment_ids))
        .group_by(Reaction.comment_id, Reaction.kind)
    )
    for comment_id, kind, n in rows:
        counts.setdefault(comment_id, {})[kind.value] = n
    return counts


def my_reactions(user, comment_ids: list[int]) -> set[tuple[int, str]]:
    if not comment_ids or not user.is_authenticated:
        return set()
    rows = db.session.execute(
        select(Reaction.comment_id, Reaction.kind).where(
            Reaction.user_id == user.id, Reaction.comment_id.in_(comment_ids)
        )
    )
    return {(comment_id, kind.value) for comment_id, kind in rows}


def toggle_reaction(user, comment: Comment, kind: ReactionKind) -> bool:
    """Adds the reaction, or takes it back if it was there. Returns True when added."""
    existing = db.session.get(Reaction, (comment.id, user.id, kind))
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
        return False
    # A double click that races the first one finds the reaction there already.
    insert_if_absent(
        Reaction, comment_id=comment.id, user_id=user.id, kind=kind, created_at=utcnow()
    )
    return True


def earlier_texts(comment: Comment) -> list[tuple]:
    return [(r.created_at, r.body) for r in db.session.scalars(revisions_stmt(comment))]


def revisions_stmt(comment: Comment):
    return (
        select(CommentRevision)
        .where(CommentRevision.comment_id == comment.id)
        .order_by(CommentRevision.created_at.desc())
    )


def toggle_resolved(user, comment: Comment) -> None:
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by_id = utcnow(), user.id
    else:
        comment.resolved_at = comment.resolved_by_id = None
