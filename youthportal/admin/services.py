"""Admin actions on users, institutions and settings. Every change is audit-logged."""

from sqlalchemy import func, or_, select

from youthportal.accounts.models import AccountStatus, Institution, InstitutionKind, Role, User
from youthportal.accounts.session import end_all_sessions
from youthportal.core import audit, settings
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.notifications.services import notify


def users_stmt(q: str | None, role: str | None):
    stmt = select(User).where(User.status != AccountStatus.DELETED)
    if q:
        like = f"%{q.lower().replace('%', '').replace('_', '')}%"
        stmt = stmt.where(
            or_(
                User.login_name.like(like),
                func.lower(User.display_name).like(like),
                User.email.like(like),
            )
        )
    if role:
        stmt = stmt.where(User.role == Role(role))
    return stmt.order_by(User.created_at.desc(), User.id.desc())


def suspend(admin: User, user: User, reason: str) -> None:
    if user.status == AccountStatus.SUSPENDED:
        return
    user.status = AccountStatus.SUSPENDED
    end_all_sessions(user)  # their open sessions end at the next request
    audit.record(admin, "admin.user_suspended", user, reason=reason)


def reinstate(admin: User, user: User, reason: str) -> None:
    if user.status != AccountStatus.SUSPENDED:
        return
    pending = user.consent is not None and user.consent.status.value == "pending"
    user.status = AccountStatus.PENDING_CONSENT if pending else AccountStatus.ACTIVE
    audit.record(admin, "admin.user_reinstated", user, reason=reason)


def change_role(
    admin: User, user: User, role: Role, institution_id: int | None, reason: str
) -> None:
    if user.role == Role.YOUTH or role == Role.YOUTH:
        raise ValueError("young people's accounts keep their role")
    old = user.role
    user.role = role
    user.institution_id = institution_id if role == Role.POLICY_MAKER else None
    end_all_sessions(user)
    audit.record(admin, "admin.role_changed", user, reason=reason, old=old.value, new=role.value)
    notify(user, "role_changed")


def institutions_stmt():
    return select(Institution).order_by(Institution.country, Institution.name)


def institution_choices():
    from youthportal.core.forms import options

    return options(
        [(0, "—")]
        + [(i.id, f"{i.name} ({i.country})") for i in db.session.scalars(institutions_stmt())]
    )


def save_institution(
    admin: User, institution: Institution | None, name, kind, country, contact_email=None
):
    created = institution is None
    institution = institution or Institution()
    institution.name = name
    institution.kind = InstitutionKind(kind)
    institution.country = country
    institution.contact_email = (contact_email or "").strip().lower() or None
    db.session.add(institution)
    db.session.flush()
    audit.record(
        admin,
        "admin.institution_created" if created else "admin.institution_updated",
        institution,
        name=name,
    )
    return institution


def institution_name_taken(name: str, country: str, exclude_id: int | None) -> bool:
    stmt = select(Institution.id).where(Institution.name == name, Institution.country == country)
    if exclude_id:
        stmt = stmt.where(Institution.id != exclude_id)
    return db.session.scalar(stmt) is not None


def change_setting(admin: User, key: str, value) -> bool:
    old = settings.get(key)
    if settings.put(key, value):
        audit.record(admin, "admin.setting_changed", None, key=key, old=old, new=value)
        return True
    return False


def audit_stmt(action: str | None, actor_login: str | None):
    stmt = select(AuditLog)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if actor_login:
        actor_ids = select(User.id).where(User.login_name == actor_login.lower())
        stmt = stmt.where(AuditLog.actor_id.in_(actor_ids))
    return stmt.order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
