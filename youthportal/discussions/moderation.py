"""Comments are moderated content: how the review queue, flags and cases reach them."""

from flask_babel import lazy_gettext as _l

from youthportal.discussions import services
from youthportal.discussions.models import Comment
from youthportal.discussions.subjects import SUBJECTS
from youthportal.safety.content import ContentKind, register


def _text(comment: Comment) -> str:
    if comment.is_opening and comment.thread.title:
        return f"{comment.thread.title}\n\n{comment.body}"
    return comment.body


def _can_view(user, comment: Comment) -> bool:
    thread = comment.thread
    subject = SUBJECTS.get(thread.subject_type)
    return subject is not None and subject.can_view(user, thread.subject_id)


register(
    ContentKind(
        name="comment",
        model=Comment,
        label=_l("Comment"),
        url=services.comment_url,
        text=_text,
        group_id=lambda comment: comment.thread.group_id,
        set_status=services.set_comment_status,
        replace_text=services.replace_text,
        can_view=_can_view,
        withdrawn=lambda comment: comment.removed_by_author,
        revisions=services.earlier_texts,
    )
)
