"""Discussion spaces (public and per group), threads and comments. Thin: load, authorise,
call the service, then show the result of screening to the author."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.accounts.models import Group, GroupMember
from youthportal.core import once
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, is_admin, moderates_group
from youthportal.discussions import (
    export,  # noqa: F401 - registers the "my data" parts
    moderation,  # noqa: F401 - registers comments as content
    services,
)
from youthportal.discussions.forms import CommentForm, ConfirmForm, EditForm, ThreadForm
from youthportal.discussions.models import Comment, ReactionKind, Thread
from youthportal.discussions.subjects import SUBJECTS, space_title
from youthportal.extensions import db
from youthportal.safety.labels import STATUS_LABELS
from youthportal.safety.models import ModerationStatus

bp = Blueprint("discussions", __name__)

# A small positive set: no dislikes, no counts that could shame a child.
# Words, not emoji: emoji depend on the phone's fonts, words are read by everyone.
REACTION_LABELS = {
    "like": _l("I like this"),
    "agree": _l("I agree"),
    "idea": _l("Good idea"),
    "thanks": _l("Thank you"),
}


@bp.context_processor
def _labels():
    # Translated once per page, not once per comment and reaction.
    return {
        "moderation_labels": STATUS_LABELS,
        "reaction_labels": {key: str(label) for key, label in REACTION_LABELS.items()},
    }


def _space_or_404(subject_type: str, subject_id: int):
    subject = SUBJECTS.get(subject_type)
    if subject is None or not subject.is_space:
        abort(404)
    if subject_type == "group" and db.session.get(Group, subject_id) is None:
        abort(404)
    if subject_type == "public" and subject_id != 0:
        abort(404)
    if not subject.can_view(current_user, subject_id):
        abort(404)  # people do not learn about groups they are not in
    return subject


def _thread_or_404(thread_id: int) -> Thread:
    thread = get_or_404(Thread, thread_id)
    subject = SUBJECTS.get(thread.subject_type)
    if subject is None or not subject.can_view(current_user, thread.subject_id):
        abort(404)
    mine = thread.author_id == current_user.id
    if thread.status != ModerationStatus.PUBLISHED and not (
        (mine and thread.status == ModerationStatus.PENDING)
        or moderates_group(current_user, thread.group_id)
    ):
        abort(404)
    return thread


def _comment_or_404(comment_id: int) -> Comment:
    comment = get_or_404(Comment, comment_id)
    _thread_or_404(comment.thread_id)
    mine = comment.author_id == current_user.id
    if comment.status != ModerationStatus.PUBLISHED and not (
        mine and comment.status == ModerationStatus.PENDING
    ):
        abort(404)
    return comment


def _may_post(thread: Thread) -> bool:
    subject = SUBJECTS[thread.subject_type]
    return not thread.is_locked and subject.can_post(current_user, thread.subject_id)


def _after_screening(verdict, target: str, *, waiting: bool = False):
    """Tell the author what happened, kindly; an urgent disclosure goes to the help page.
    `waiting`: the post still waits for a moderator (an edit of a held post)."""
    if verdict.urgent:
        return redirect(url_for("safety.urgent_help"))
    if verdict.held or waiting:
        flash(" ".join([_("Thank you! Your post is waiting for review."), *verdict.messages()]))
    else:
        flash(_("Your post is published."))
    return redirect(target)


def _refused(form, verdict) -> None:
    """Screening refused the text: say why, keep the text, and give the form a fresh
    one-time token (the refused attempt used up the old one) so the corrected text can be
    sent from the same page."""
    form.body.errors.append(" ".join(verdict.messages()))
    if hasattr(form, "once"):
        form.once.data = once.new_token()


@bp.route("/")
@login_required
def index():
    spaces = []
    public = SUBJECTS["public"]
    if public.can_view(current_user, 0):
        spaces.append(("public", 0, space_title("public", 0)))
    if is_admin(current_user):
        groups = db.session.scalars(select(Group).order_by(Group.name))
    else:
        groups = db.session.scalars(
            select(Group)
            .join(GroupMember, GroupMember.group_id == Group.id)
            .where(GroupMember.user_id == current_user.id)
            .order_by(Group.name)
        )
    spaces.extend(("group", group.id, group.name) for group in groups)
    if not spaces:
        abort(403)
    return render_template("discussions/index.html", spaces=spaces)


@bp.route("/<any(public, group):subject_type>/<int:subject_id>")
@login_required
def space(subject_type: str, subject_id: int):
    subject = _space_or_404(subject_type, subject_id)
    page = paginate(services.threads_stmt(subject_type, subject_id, current_user))
    return render_template(
        "discussions/space.html",
        page=page,
        subject_type=subject_type,
        subject_id=subject_id,
        title=space_title(subject_type, subject_id),
        may_post=subject.can_post(current_user, subject_id),
    )


@bp.route("/<any(public, group):subject_type>/<int:subject_id>/new", methods=["GET", "POST"])
@login_required
def new_thread(subject_type: str, subject_id: int):
    subject = _space_or_404(subject_type, subject_id)
    if not subject.can_post(current_user, subject_id):
        abort(403)
    form = ThreadForm()
    back = url_for("discussions.space", subject_type=subject_type, subject_id=subject_id)
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(back)
        thread, verdict = services.start_thread(
            current_user,
            subject_type,
            subject_id,
            form.title.data,
            form.body.data,
            current_locale_code(),
        )
        db.session.commit()
        if thread is None:
            _refused(form, verdict)
        else:
            return _after_screening(verdict, url_for("discussions.thread", thread_id=thread.id))
    return render_template(
        "discussions/new_thread.html",
        form=form,
        subject_type=subject_type,
        subject_id=subject_id,
        title=space_title(subject_type, subject_id),
    )


def _render_thread(thread: Thread, form: CommentForm, status: int = 200):
    page = paginate(services.top_level_stmt(thread, current_user))
    ids = [c.id for c in page.items]
    replies = services.replies_for(ids, current_user)
    all_ids = ids + [r.id for rs in replies.values() for r in rs]
    subject = SUBJECTS[thread.subject_type]
    return (
        render_template(
            "discussions/thread.html",
            thread=thread,
            page=page,
            replies=replies,
            counts=services.reaction_counts(all_ids),
            mine=services.my_reactions(current_user, all_ids),
            form=form,
            action_form=ConfirmForm(),
            may_post=_may_post(thread),
            resolvable=subject.can_resolve is not None,
            may_resolve=_may_resolve(thread),
            can_edit=lambda c: services.can_edit(current_user, c),
            back_url=subject.url(thread.subject_id),
            space_name=space_title(thread.subject_type, thread.subject_id)
            if subject.is_space
            else None,
        ),
        status,
    )


@bp.route("/t/<int:thread_id>")
@login_required
def thread(thread_id: int):
    thread = _thread_or_404(thread_id)
    return _render_thread(thread, CommentForm())


@bp.route("/t/<int:thread_id>/comment", methods=["POST"])
@login_required
def comment(thread_id: int):
    thread = _thread_or_404(thread_id)
    if not _may_post(thread):
        abort(403)
    form = CommentForm()
    target = url_for("discussions.thread", thread_id=thread.id)
    if not form.validate_on_submit():
        return _render_thread(thread, form, 422)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(target)
    created, verdict = services.add_comment(
        current_user, thread, form.body.data, current_locale_code()
    )
    db.session.commit()
    if created is None:
        _refused(form, verdict)
        return _render_thread(thread, form, 422)
    return _after_screening(verdict, services.comment_url(created))


@bp.route("/c/<int:comment_id>/reply", methods=["GET", "POST"])
@login_required
def reply(comment_id: int):
    parent = _comment_or_404(comment_id)
    thread = parent.thread
    if not _may_post(thread) or parent.status != ModerationStatus.PUBLISHED:
        abort(403)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(services.comment_url(parent))
        created, verdict = services.add_comment(
            current_user, thread, form.body.data, current_locale_code(), parent=parent
        )
        db.session.commit()
        if created is not None:
            return _after_screening(verdict, services.comment_url(created))
        _refused(form, verdict)
    return render_template("discussions/reply.html", form=form, parent=parent, thread=thread)


@bp.route("/c/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(comment_id: int):
    comment = _comment_or_404(comment_id)
    if not services.can_edit(current_user, comment):
        abort(403)
    form = EditForm()
    if request.method == "GET":
        form.body.data = comment.body
    elif form.validate_on_submit():
        verdict = services.edit_comment(
            current_user, comment, form.body.data, current_locale_code()
        )
        db.session.commit()
        if not verdict.blocked:
            waiting = comment.status == ModerationStatus.PENDING
            return _after_screening(verdict, services.comment_url(comment), waiting=waiting)
        _refused(form, verdict)
    return render_template("discussions/edit.html", form=form, comment=comment)


@bp.route("/c/<int:comment_id>/delete", methods=["GET", "POST"])
@login_required
def delete(comment_id: int):
    comment = _comment_or_404(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_own(current_user, comment)
        db.session.commit()
        flash(_("Your comment was removed."))
        return redirect(url_for("discussions.thread", thread_id=comment.thread_id))
    return render_template("discussions/delete.html", form=form, comment=comment)


def _may_resolve(thread: Thread) -> bool:
    subject = SUBJECTS[thread.subject_type]
    return subject.can_resolve is not None and subject.can_resolve(current_user, thread.subject_id)


@bp.route("/c/<int:comment_id>/resolve", methods=["POST"])
@login_required
def resolve(comment_id: int):
    """Report sections: an author or the reviewer marks a comment dealt with, or reopens it."""
    comment = _comment_or_404(comment_id)
    if comment.parent_id is not None or not _may_resolve(comment.thread):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.toggle_resolved(current_user, comment)
    db.session.commit()
    return redirect(services.comment_url(comment))


@bp.route("/c/<int:comment_id>/react", methods=["POST"])
@login_required
def react(comment_id: int):
    comment = _comment_or_404(comment_id)
    if comment.status != ModerationStatus.PUBLISHED or not _may_post(comment.thread):
        abort(403)
    form = ConfirmForm()
    try:
        kind = ReactionKind(request.form.get("kind", ""))
    except ValueError:
        abort(400)
    if not form.validate_on_submit():
        abort(400)
    services.toggle_reaction(current_user, comment, kind)
    db.session.commit()
    return redirect(services.comment_url(comment))
