"""What a thread can be about. Each subject type says who may read and write there and
which group's facilitators moderate it. The discussion spaces (the public one and one per
group) are registered here; later features (proposals, polls, ideas, report sections)
register their own types with the same shape."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from youthportal.accounts.models import Group
from youthportal.core.permissions import (
    can_write,
    is_admin,
    is_group_member,
    is_outside_adult,
    is_signed_in,
    moderates_group,
)
from youthportal.extensions import db


@dataclass(frozen=True)
class SubjectType:
    name: str
    # (user, subject_id) -> bool
    can_view: Callable
    can_post: Callable
    # subject_id -> the group whose facilitators moderate (None: every facilitator)
    group_id: Callable
    # subject_id -> URL of the page that shows the discussion
    url: Callable
    # Spaces hold many titled threads; other subjects have one untitled thread each.
    is_space: bool = False
    # (user, subject_id) -> bool: who marks comments resolved (None: comments are not).
    can_resolve: Callable | None = None


SUBJECTS: dict[str, SubjectType] = {}


def register(subject: SubjectType) -> None:
    SUBJECTS[subject.name] = subject


def _public_view(user, _subject_id) -> bool:
    # Officials and invited experts read what is meant for them, not the young people's own
    # spaces.
    return is_signed_in(user) and not is_outside_adult(user)


def _public_post(user, subject_id) -> bool:
    return _public_view(user, subject_id) and can_write(user)


def _group_view(user, group_id) -> bool:
    return is_admin(user) or moderates_group(user, group_id) or is_group_member(user, group_id)


def _group_post(user, group_id) -> bool:
    return can_write(user) and (moderates_group(user, group_id) or is_group_member(user, group_id))


register(
    SubjectType(
        name="public",
        can_view=_public_view,
        can_post=_public_post,
        group_id=lambda _id: None,
        url=lambda _id: url_for("discussions.space", subject_type="public", subject_id=0),
        is_space=True,
    )
)
register(
    SubjectType(
        name="group",
        can_view=_group_view,
        can_post=_group_post,
        group_id=lambda group_id: group_id,
        url=lambda group_id: url_for(
            "discussions.space", subject_type="group", subject_id=group_id
        ),
        is_space=True,
    )
)


def space_title(subject_type: str, subject_id: int) -> str:
    if subject_type == "public":
        return str(_l("Everyone's discussions"))
    if subject_type == "group":
        group = db.session.get(Group, subject_id)
        return group.name if group else ""
    return ""
