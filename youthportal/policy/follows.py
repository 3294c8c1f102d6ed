"""Following a submission or a commitment: in-app notices (and e-mail for adults) of reads,
responses and status changes. Anyone signed in may follow; nobody sees who follows."""

from sqlalchemy import delete, select

from youthportal.accounts.models import AccountStatus, User
from youthportal.core.database import insert_if_absent
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.policy.models import Follow, FollowTarget


def follow(user: User, target: FollowTarget, target_id: int) -> bool:
    return insert_if_absent(Follow, user_id=user.id, target=target, target_id=target_id)


def unfollow(user: User, target: FollowTarget, target_id: int) -> None:
    db.session.execute(
        delete(Follow).where(
            Follow.user_id == user.id, Follow.target == target, Follow.target_id == target_id
        )
    )


def is_following(user, target: FollowTarget, target_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return db.session.get(Follow, (user.id, target, target_id)) is not None


def followers(target: FollowTarget, target_ids) -> list[User]:
    """Everyone following any of `target_ids`, once each, in one query."""
    ids = list(target_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.id.in_(
                    select(Follow.user_id).where(Follow.target == target, Follow.target_id.in_(ids))
                ),
                User.status != AccountStatus.DELETED,
            )
            .order_by(User.id)
        )
    )


def tell_followers(target: FollowTarget, target_ids, kind: str, link: str, *, skip=(), **params):
    skipped = {user.id for user in skip}
    for user in followers(target, target_ids):
        if user.id not in skipped:
            notify(user, kind, link, **params)
