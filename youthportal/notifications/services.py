"""Notify users: in-app always (respecting preferences and quiet hours), e-mail to adults and
to young people who gave an address and opted in."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select, update

from youthportal.accounts.models import Role, User
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.kinds import KINDS, render_message
from youthportal.notifications.mail import queue_mail
from youthportal.notifications.models import Notification, NotificationPreference


def local_tz() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def quiet_hours_end(now: datetime) -> datetime | None:
    """If `now` is within the youth quiet hours, the UTC time they end; otherwise None."""
    cfg = current_app.config
    start, end = cfg["QUIET_HOURS_START"], cfg["QUIET_HOURS_END"]
    local = now.astimezone(local_tz())
    if local.hour >= start or local.hour < end:
        day = local.date() if local.hour < end else local.date() + timedelta(days=1)
        return datetime.combine(day, time(end), tzinfo=local_tz()).astimezone(now.tzinfo)
    return None


def delivery_time(user: User, now: datetime | None = None) -> datetime:
    now = now or utcnow()
    if user.role == Role.YOUTH:
        return quiet_hours_end(now) or now
    return now


def preferences(user: User) -> dict[str, NotificationPreference]:
    rows = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    )
    return {row.kind: row for row in rows}


def wants_email(user: User) -> bool:
    if not user.email:
        return False
    return user.role != Role.YOUTH or user.email_opt_in


def notify(user: User, kind: str, link: str | None = None, **params) -> Notification | None:
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if user.is_deleted:
        return None
    pref = (
        None
        if KINDS[kind].get("essential")
        else db.session.get(NotificationPreference, (user.id, kind))
    )
    when = delivery_time(user)
    note = None
    if pref is None or pref.in_app:
        note = Notification(user_id=user.id, kind=kind, params=params, link=link, visible_at=when)
        db.session.add(note)
    if wants_email(user) and (pref is None or pref.email):
        with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            text = render_message(kind, params)
        base = current_app.config["BASE_URL"].rstrip("/")
        body = text + (f"\n\n{base}{link}" if link else "")
        queue_mail(user.email, text[:200], body, send_after=when, kind=kind)
    db.session.flush()
    return note


def visible_filter(user: User):
    return (Notification.user_id == user.id) & (Notification.visible_at <= utcnow())


def unread_count(user: User) -> int:
    from flask import g

    if "unread_count" not in g:
        g.unread_count = db.session.scalar(
            select(func.count(Notification.id)).where(
                visible_filter(user), Notification.read_at.is_(None)
            )
        )
    return g.unread_count


def list_stmt(user: User):
    return (
        select(Notification)
        .where(visible_filter(user))
        .order_by(Notification.visible_at.desc(), Notification.id.desc())
    )


def mark_read(user: User, notification_id: int | None = None) -> int:
    stmt = update(Notification).where(visible_filter(user), Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=utcnow())).rowcount


def set_preferences(user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    existing = preferences(user)
    for kind, (in_app, email) in choices.items():
        row = existing.get(kind) or NotificationPreference(user_id=user.id, kind=kind)
        row.in_app, row.email = in_app, email
        db.session.add(row)
    db.session.flush()
