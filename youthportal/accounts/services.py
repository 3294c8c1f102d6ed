"""Account domain logic: joining, consent, passwords, invitations, deletion.

Services change data and flush; the caller (view or CLI) commits once.
"""

import secrets
from datetime import date, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from youthportal.accounts.ages import needs_guardian_consent
from youthportal.accounts.models import (
    AccountStatus,
    AdultInvitation,
    ConsentMethod,
    ConsentStatus,
    GroupMember,
    GuardianConsent,
    InviteCode,
    MemberRole,
    Role,
    User,
)
from youthportal.accounts.passwords import burn_time, check_password, hash_password
from youthportal.accounts.session import end_all_sessions
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.tokens import make_token, read_token
from youthportal.core.urls import absolute_url, site_path
from youthportal.extensions import db
from youthportal.notifications.mail import queue_mail
from youthportal.notifications.services import notify


class ServiceError(Exception):
    """A refusal with a message for the user (already translated)."""


def normalise_login(name: str) -> str:
    return name.strip().lower()


def login_taken(name: str) -> bool:
    return (
        db.session.scalar(select(User.id).where(User.login_name == normalise_login(name)))
        is not None
    )


def email_taken(email: str) -> bool:
    return db.session.scalar(select(User.id).where(User.email == email.strip().lower())) is not None


def find_invite(code: str) -> InviteCode | None:
    return db.session.scalar(select(InviteCode).where(InviteCode.code == code.strip().upper()))


# --- joining -----------------------------------------------------------------------------


def join_with_invite(
    invite: InviteCode,
    *,
    login_name: str,
    display_name: str,
    avatar: str,
    birth_year: int,
    birth_month: int,
    password: str,
    email: str | None,
    guardian_email: str | None,
    locale: str,
) -> User:
    # Count the use atomically so max_uses holds under concurrent sign-ups.
    used = db.session.execute(
        update(InviteCode)
        .where(
            InviteCode.id == invite.id,
            InviteCode.revoked_at.is_(None),
            InviteCode.expires_at > utcnow(),
            InviteCode.use_count < InviteCode.max_uses,
        )
        .values(use_count=InviteCode.use_count + 1)
    ).rowcount
    if not used:
        raise ServiceError(_("This invite code can no longer be used. Ask your facilitator."))
    group = invite.group
    pending = needs_guardian_consent(birth_year, birth_month, group.country)
    user = User(
        login_name=normalise_login(login_name),
        display_name=display_name.strip(),
        avatar=avatar,
        role=Role.YOUTH,
        status=AccountStatus.PENDING_CONSENT if pending else AccountStatus.ACTIVE,
        email=email.strip().lower() if email else None,
        birth_year=birth_year,
        birth_month=birth_month,
        country=group.country,
        locale=locale,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(GroupMember(group_id=group.id, user_id=user.id, role=MemberRole.MEMBER))
    audit.record(user, "account.joined", user, group_id=group.id, invite_id=invite.id)
    if pending:
        consent = GuardianConsent(user_id=user.id, token_nonce=secrets.token_hex(8))
        db.session.add(consent)
        db.session.flush()
        if guardian_email:
            consent.guardian_email = guardian_email.strip().lower()
            send_consent_request(consent)
        audit.record(user, "consent.requested", user, by_email=bool(guardian_email))
    for facilitator in group_facilitators(group.id):
        notify(
            facilitator,
            "member_joined",
            link=site_path("groups.members", group_id=group.id),
            name=user.display_name,
            group=group.name,
        )
    notify(user, "welcome", name=user.display_name)
    return user


def group_facilitators(group_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(GroupMember, GroupMember.user_id == User.id)
            .where(GroupMember.group_id == group_id, GroupMember.role == MemberRole.FACILITATOR)
            .order_by(User.id)
        )
    )


# --- guardian consent --------------------------------------------------------------------


def consent_token(consent: GuardianConsent) -> str:
    return make_token("consent", {"c": consent.id, "n": consent.token_nonce})


def send_consent_request(consent: GuardianConsent) -> None:
    consent.token_nonce = secrets.token_hex(8)  # only the newest link works
    consent.last_sent_at = utcnow()
    child = consent.user
    link = absolute_url("accounts.guardian_consent", token=consent_token(consent))
    days = current_app.config["CONSENT_TOKEN_MAX_AGE_DAYS"]
    with force_locale(child.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Your child would like to join the Youth Portal")
        body = render_template(
            "accounts/email/consent_request.txt",
            child=child,
            link=link,
            days=days,
        )
    queue_mail(consent.guardian_email, subject, body, kind="consent_request")


def resend_consent(consent: GuardianConsent, guardian_email: str | None, actor: User) -> None:
    if consent.status != ConsentStatus.PENDING:
        raise ServiceError(_("Consent has already been decided."))
    if guardian_email:
        consent.guardian_email = guardian_email.strip().lower()
    if not consent.guardian_email:
        raise ServiceError(_("Please enter your parent's or guardian's e-mail address."))
    send_consent_request(consent)
    audit.record(actor, "consent.resent", consent.user)


def consent_from_token(token: str) -> GuardianConsent:
    """Raises TokenInvalid/TokenExpired, or ServiceError for a replaced or used link."""
    days = current_app.config["CONSENT_TOKEN_MAX_AGE_DAYS"]
    data = read_token("consent", token, max_age_seconds=days * 86400)
    consent = db.session.get(GuardianConsent, data.get("c"))
    if consent is None:
        raise ServiceError(_("This request no longer exists. The account may have been deleted."))
    if consent.status != ConsentStatus.PENDING:
        raise ServiceError(_("You have already answered this request. Thank you."))
    if not secrets.compare_digest(consent.token_nonce, str(data.get("n"))):
        raise ServiceError(_("A newer e-mail was sent for this request. Please use that link."))
    return consent


def _notify_group_facilitators_of_decision(child: User) -> None:
    groups = db.session.scalars(select(GroupMember).where(GroupMember.user_id == child.id)).all()
    for membership in groups:
        for facilitator in group_facilitators(membership.group_id):
            notify(
                facilitator,
                "consent_decided",
                link=site_path("groups.members", group_id=membership.group_id),
                group=membership.group.name,
            )


def decide_consent(consent: GuardianConsent, accept: bool) -> None:
    child = consent.user
    consent.guardian_email = None  # kept only until consent is decided
    consent.decided_at = utcnow()
    consent.method = ConsentMethod.EMAIL
    _notify_group_facilitators_of_decision(child)
    if accept:
        consent.status = ConsentStatus.ACCEPTED
        child.status = AccountStatus.ACTIVE
        audit.record(None, "consent.accepted", child, method="email")
        notify(child, "consent_accepted")
    else:
        audit.record(None, "consent.declined", child, method="email")
        delete_pending_account(child)


def delete_pending_account(child: User) -> None:
    """Declined consent: the account has written nothing, so it is removed entirely."""
    db.session.delete(child)
    db.session.flush()


def record_paper_consent(
    consent: GuardianConsent, facilitator: User, form_reference: str, signed_on: date
) -> None:
    if consent.status != ConsentStatus.PENDING:
        raise ServiceError(_("Consent has already been decided."))
    child = consent.user
    consent.status = ConsentStatus.ACCEPTED
    consent.method = ConsentMethod.PAPER
    consent.guardian_email = None
    consent.decided_at = utcnow()
    consent.recorded_by_id = facilitator.id
    consent.form_reference = form_reference.strip()
    consent.form_signed_on = signed_on
    child.status = AccountStatus.ACTIVE
    audit.record(
        facilitator,
        "consent.paper_recorded",
        child,
        form_reference=consent.form_reference,
        signed_on=signed_on.isoformat(),
    )
    notify(child, "consent_accepted")


# --- signing in and passwords --------------------------------------------------------------


def authenticate(identifier: str, password: str) -> User | None:
    ident = identifier.strip().lower()
    user = db.session.scalar(select(User).where((User.login_name == ident) | (User.email == ident)))
    if user is None or user.status == AccountStatus.DELETED:
        burn_time(password)
        return None
    if not check_password(user.password_hash, password):
        return None
    if not user.is_active:  # suspended: same generic answer
        return None
    return user


def set_password(user: User, password: str, actor: User | None = None) -> None:
    user.password_hash = hash_password(password)
    user.must_change_password = False
    end_all_sessions(user)
    audit.record(actor or user, "account.password_changed", user)


ONE_TIME_WORDS = [
    "mali",
    "det",
    "diell",
    "yll",
    "lule",
    "pyll",
    "ujë",
    "hënë",
    "guri",
    "era",
    "zog",
    "flutur",
    "re",
    "breg",
    "lumi",
    "drita",
    "qielli",
    "bora",
    "fusha",
    "kodra",
]


def one_time_password() -> str:
    words = [secrets.choice(ONE_TIME_WORDS) for _ in range(2)]
    return f"{words[0]}-{secrets.randbelow(9000) + 1000}-{words[1]}"


def issue_one_time_password(facilitator: User, member: User) -> str:
    code = one_time_password()
    member.password_hash = hash_password(code)
    member.must_change_password = True
    end_all_sessions(member)
    audit.record(facilitator, "member.password_reset", member)
    return code


def password_reset_token(user: User) -> str:
    # Includes the session version: the link stops working once the password changes.
    return make_token("reset", {"u": user.id, "v": user.session_version})


def send_password_reset(identifier: str) -> None:
    """Adults reset by e-mail. Nothing is revealed about whether the address exists."""
    ident = identifier.strip().lower()
    user = db.session.scalar(select(User).where(User.email == ident))
    if user is None or user.role == Role.YOUTH or not user.is_active:
        return
    link = absolute_url("accounts.reset_password", token=password_reset_token(user))
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Choose a new password")
        body = render_template(
            "accounts/email/password_reset.txt",
            user=user,
            link=link,
            hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"],
        )
    queue_mail(user.email, subject, body, kind="password_reset")


def user_from_reset_token(token: str) -> User:
    hours = current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"]
    data = read_token("reset", token, max_age_seconds=hours * 3600)
    user = db.session.get(User, data.get("u"))
    if user is None or user.session_version != data.get("v") or not user.is_active:
        raise ServiceError(_("This link has already been used. Ask for a new one if needed."))
    return user


# --- adults ---------------------------------------------------------------------------------


def invite_adult(
    admin: User, email: str, role: Role, institution_id: int | None
) -> AdultInvitation:
    if role == Role.YOUTH:
        raise ValueError("young people join with an invite code")
    email = email.strip().lower()
    days = current_app.config["ADULT_INVITATION_MAX_AGE_DAYS"]
    invitation = AdultInvitation(
        email=email,
        role=role,
        institution_id=institution_id if role == Role.POLICY_MAKER else None,
        invited_by_id=admin.id,
        token_nonce=secrets.token_hex(8),
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    link = absolute_url(
        "accounts.accept_invitation",
        token=make_token("invitation", {"i": invitation.id, "n": invitation.token_nonce}),
    )
    with force_locale(admin.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("You are invited to the Youth Portal")
        body = render_template(
            "accounts/email/invitation.txt", invitation=invitation, link=link, days=days
        )
    queue_mail(email, subject, body, kind="invitation")
    audit.record(admin, "admin.invitation_sent", invitation, email=email, role=role.value)
    return invitation


def invitation_from_token(token: str) -> AdultInvitation:
    days = current_app.config["ADULT_INVITATION_MAX_AGE_DAYS"]
    data = read_token("invitation", token, max_age_seconds=days * 86400)
    invitation = db.session.get(AdultInvitation, data.get("i"))
    if invitation is None or invitation.token_nonce != data.get("n"):
        raise ServiceError(_("This invitation is not valid."))
    if invitation.accepted_at is not None:
        raise ServiceError(_("This invitation has already been used. Please sign in."))
    return invitation


def create_adult(
    *,
    login_name: str,
    display_name: str,
    email: str,
    password: str,
    role: Role,
    institution_id: int | None = None,
    locale: str | None = None,
) -> User:
    user = User(
        login_name=normalise_login(login_name),
        display_name=display_name.strip(),
        email=email.strip().lower(),
        role=role,
        status=AccountStatus.ACTIVE,
        institution_id=institution_id,
        password_hash=hash_password(password),
        locale=locale,
        avatar="owl",
    )
    db.session.add(user)
    db.session.flush()
    return user


def accept_invitation(invitation: AdultInvitation, **fields) -> User:
    user = create_adult(
        email=invitation.email,
        role=invitation.role,
        institution_id=invitation.institution_id,
        **fields,
    )
    invitation.accepted_at = utcnow()
    audit.record(user, "admin.invitation_accepted", user, invitation_id=invitation.id)
    return user


# --- deleting an account --------------------------------------------------------------------


def delete_account(user: User) -> None:
    """Personal data is erased; the row stays so contributions show 'former member'."""
    audit.record(user, "account.deleted", user)
    db.session.execute(delete(GroupMember).where(GroupMember.user_id == user.id))
    user.status = AccountStatus.DELETED
    user.login_name = f"deleted-{user.id}-{secrets.token_hex(4)}"
    user.display_name = None
    user.email = None
    user.email_opt_in = False
    user.birth_year = user.birth_month = None
    user.totp_secret = None
    user.totp_enabled = False
    user.institution_id = None
    user.parliament_term_start = user.parliament_term_end = None
    user.is_champion = False
    user.password_hash = "!"  # noqa: S105 - matches no password
    if user.consent is not None:
        db.session.delete(user.consent)
    end_all_sessions(user)
    db.session.flush()
