"""My data: each feature registers the part of a member's data it holds."""

from collections.abc import Callable

EXPORTERS: dict[str, Callable] = {}


def exporter(name: str):
    def decorator(fn):
        EXPORTERS[name] = fn
        return fn

    return decorator


def export_user(user) -> dict:
    return {name: fn(user) for name, fn in EXPORTERS.items()}


@exporter("account")
def _account(user) -> dict:
    from youthportal.accounts.ages import user_age_band

    consent = user.consent
    return {
        "login_name": user.login_name,
        "display_name": user.display_name,
        "avatar": user.avatar,
        "role": user.role.value,
        "status": user.status.value,
        "email": user.email,
        "email_notifications": user.email_opt_in,
        "birth_year": user.birth_year,
        "birth_month": user.birth_month,
        "age_band": user_age_band(user),
        "country": user.country,
        "language": user.locale,
        "institution": user.institution.name if user.institution else None,
        "youth_champion": user.is_champion,
        "parliament_term": [user.parliament_term_start, user.parliament_term_end],
        "two_step_sign_in": user.totp_enabled,
        "created_at": user.created_at,
        "last_login_at": user.last_login_at,
        "inactivity_warned_at": user.inactivity_warned_at,
        "guardian_consent": None
        if consent is None
        else {
            "status": consent.status.value,
            "method": consent.method.value if consent.method else None,
            "guardian_email": consent.guardian_email,
            "decided_at": consent.decided_at,
            "form_reference": consent.form_reference,
        },
    }


@exporter("groups")
def _groups(user) -> list:
    from sqlalchemy import select

    from youthportal.accounts.models import GroupMember
    from youthportal.extensions import db

    rows = db.session.scalars(select(GroupMember).where(GroupMember.user_id == user.id))
    return [{"group": m.group.name, "role": m.role.value, "joined_at": m.joined_at} for m in rows]


@exporter("notifications")
def _notifications(user) -> list:
    from sqlalchemy import select

    from youthportal.extensions import db
    from youthportal.notifications.kinds import render_message
    from youthportal.notifications.models import Notification

    rows = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    return [
        {
            "message": render_message(n.kind, n.params),
            "created_at": n.created_at,
            "read_at": n.read_at,
        }
        for n in rows
    ]
