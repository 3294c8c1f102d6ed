"""Every kind of moderated content registers here, so flags, the review queue and
safeguarding cases work the same for comments today and proposals, ideas or report sections
later. Content rows carry `status`, `author_id` and `created_at`; `visible()` is the one
filter every page that shows content to others goes through."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_

from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


@dataclass(frozen=True)
class ContentKind:
    name: str
    model: type
    label: object  # lazy translated name: "comment"
    url: Callable  # obj -> link where the content is shown
    text: Callable  # obj -> the text a moderator reads
    group_id: Callable  # obj -> group whose facilitators moderate it (None: public)
    set_status: Callable  # (obj, ModerationStatus) -> None; keeps derived rows in step
    replace_text: Callable  # (obj, new_text) -> None, for edit-and-approve
    # May the user see the place where the content is (a group-only thread, ...)?
    can_view: Callable  # (user, obj) -> bool
    # Did the author delete it? Then no decision may publish it again.
    withdrawn: Callable = lambda obj: False
    # Earlier texts, newest first, as (when, text): moderators read what was changed.
    revisions: Callable = lambda obj: []


def plain_status(obj, status: ModerationStatus) -> None:
    """`set_status` for content with nothing derived to keep in step."""
    obj.status = status


REGISTRY: dict[str, ContentKind] = {}


def register(kind: ContentKind) -> None:
    REGISTRY[kind.name] = kind


def kind_of(obj) -> ContentKind:
    for kind in REGISTRY.values():
        if isinstance(obj, kind.model):
            return kind
    raise LookupError(f"{type(obj).__name__} is not registered as moderated content")


def load(content_type: str, content_id: int):
    kind = REGISTRY.get(content_type)
    if kind is None:
        return None
    return db.session.get(kind.model, content_id)


def load_many(pairs) -> dict[tuple[str, int], object]:
    """One query per content type for a page of review items (no N+1)."""
    by_type: dict[str, set[int]] = {}
    for content_type, content_id in pairs:
        by_type.setdefault(content_type, set()).add(content_id)
    found = {}
    for content_type, ids in by_type.items():
        kind = REGISTRY.get(content_type)
        if kind is None:
            continue
        for obj in db.session.scalars(db.select(kind.model).where(kind.model.id.in_(ids))):
            found[(content_type, obj.id)] = obj
    return found


def visible(model, user):
    """Published content, plus the user's own pending items (shown to them as waiting)."""
    published = model.status == ModerationStatus.PUBLISHED
    if user is None or not user.is_authenticated:
        return published
    return or_(
        published,
        (model.author_id == user.id) & (model.status == ModerationStatus.PENDING),
    )


def status_for(verdict) -> ModerationStatus:
    return ModerationStatus.PUBLISHED if verdict.ok else ModerationStatus.PENDING
