"""`youthportal housekeeping`: the data-protection retention jobs. Run it daily from cron.

Each job is a plain function of `now` that deletes or erases what is past its retention (the
settings under "Housekeeping" in config.py) and returns its counts; `run_all` runs them in
order. Every job is idempotent: what it removed is gone and what it marked stays marked, so a
second run the same day changes nothing and sends nothing. Each job logs one line of counts,
never a name, an address or a text.

1. Consent e-mails: sent or failed outbox messages (addresses, signed links) are deleted; the
   guardian's address of a consent request nobody answered is erased once the link expired
   and a grace period passed. The child's account stays pending: the rules delete it only
   when a guardian declines (or, like any account, after years without a sign-in).
2. Invitations: group invite codes expired or revoked long ago are deleted, and adult
   invitations (an e-mail address) long expired, whether accepted or not.
3. Audit log: entries past the retention are deleted, except those about safeguarding cases,
   which have a longer retention of their own (by default they are kept); old one-time form
   tokens go too.
4. Inactive accounts: no sign-in for years (or since joining) brings a warning, by e-mail
   where the account has an address and in the app; with still no sign-in some days later the
   account is deleted like a member deleting it (contributions stay, "former member").
   Administrators, the last safeguarding lead and the young person of an open safeguarding
   case are warned but never deleted automatically.
"""

import logging
from datetime import date, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import and_, delete, func, not_, or_, select, update

from youthportal.accounts.models import (
    AccountStatus,
    AdultInvitation,
    ConsentStatus,
    GuardianConsent,
    InviteCode,
    Role,
    User,
)
from youthportal.accounts.services import delete_account
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog, FormSubmission
from youthportal.core.urls import absolute_url
from youthportal.extensions import db
from youthportal.notifications.mail import queue_mail
from youthportal.notifications.models import Notification, OutboxMessage
from youthportal.notifications.services import delivery_time, local_tz
from youthportal.safety.models import CaseState, SafeguardingCase

log = logging.getLogger("youthportal.housekeeping")

INACTIVITY_WARNING = "inactivity_warning"
DELETED_INACTIVE = "account.deleted_inactive"

# Accounts that can still sign in; suspended ones are an administrator's matter.
LIVE_STATUSES = (AccountStatus.ACTIVE, AccountStatus.PENDING_CONSENT)


def _days(setting: str) -> timedelta:
    return timedelta(days=current_app.config[setting])


def _report(job: str, counts: dict[str, int]) -> dict[str, int]:
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    log.info(
        "housekeeping %s: %s",
        job,
        summary,
        extra={
            "event": "housekeeping",
            "job": job,
            "count": sum(counts.values()),
            "counts": counts,
        },
    )
    return counts


def _bulk_delete(model, *criteria) -> int:
    # The rows are not loaded: a first run may meet years of them.
    stmt = delete(model).where(*criteria).execution_options(synchronize_session=False)
    return db.session.execute(stmt).rowcount


# --- 1. consent e-mails --------------------------------------------------------------------


def purge_consent_emails(now: datetime) -> dict[str, int]:
    outbox_cutoff = now - _days("OUTBOX_RETENTION_DAYS")
    outbox = _bulk_delete(
        OutboxMessage,
        or_(OutboxMessage.sent_at < outbox_cutoff, OutboxMessage.failed_at < outbox_cutoff),
    )
    # The newest link counts: it works CONSENT_TOKEN_MAX_AGE_DAYS from when it was sent.
    link_sent = func.coalesce(GuardianConsent.last_sent_at, GuardianConsent.requested_at)
    link_lifetime = _days("CONSENT_TOKEN_MAX_AGE_DAYS")
    unanswered_before = now - link_lifetime - _days("CONSENT_EMAIL_GRACE_DAYS")
    erased = db.session.execute(
        update(GuardianConsent)
        .where(
            GuardianConsent.status == ConsentStatus.PENDING,
            GuardianConsent.guardian_email.is_not(None),
            link_sent < unanswered_before,
        )
        .values(guardian_email=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    return _report("consent_emails", {"outbox_deleted": outbox, "guardian_emails_erased": erased})


# --- 2. invitations ----------------------------------------------------------------------------


def purge_invitations(now: datetime) -> dict[str, int]:
    # Nothing refers to either table by foreign key; the audit log names them by id only.
    code_cutoff = now - _days("INVITE_CODE_RETENTION_DAYS")
    codes = _bulk_delete(
        InviteCode, or_(InviteCode.expires_at < code_cutoff, InviteCode.revoked_at < code_cutoff)
    )
    # Accepted ones too: the address would outlive the account if its owner deleted it.
    invitations = _bulk_delete(
        AdultInvitation,
        AdultInvitation.expires_at < now - _days("ADULT_INVITATION_RETENTION_DAYS"),
    )
    return _report(
        "invitations", {"invite_codes_deleted": codes, "adult_invitations_deleted": invitations}
    )


# --- 3. audit log and form tokens ------------------------------------------------------------


def about_safeguarding():
    """Audit entries about a safeguarding case: its own steps, the escalation that opened it
    and the moderation of the content it is about. Never NULL (NOT of NULL keeps a row)."""
    case_items = select(SafeguardingCase.review_item_id).where(
        SafeguardingCase.review_item_id.is_not(None)
    )
    target_type = func.coalesce(AuditLog.target_type, "")
    return or_(
        AuditLog.action.startswith("safeguarding."),
        AuditLog.action == "moderation.escalated",
        target_type == "SafeguardingCase",
        and_(target_type == "ReviewItem", func.coalesce(AuditLog.target_id, 0).in_(case_items)),
    )


def purge_audit_log(now: datetime) -> dict[str, int]:
    entries = _bulk_delete(
        AuditLog,
        AuditLog.created_at < now - _days("AUDIT_RETENTION_DAYS"),
        not_(about_safeguarding()),
    )
    if current_app.config["AUDIT_SAFEGUARDING_RETENTION_DAYS"] is not None:
        entries += _bulk_delete(
            AuditLog,
            AuditLog.created_at < now - _days("AUDIT_SAFEGUARDING_RETENTION_DAYS"),
            about_safeguarding(),
        )
    tokens = _bulk_delete(
        FormSubmission,
        FormSubmission.created_at < now - _days("FORM_SUBMISSION_RETENTION_DAYS"),
    )
    return _report("audit_log", {"audit_entries_deleted": entries, "form_tokens_deleted": tokens})


# --- 4. inactive accounts ----------------------------------------------------------------------


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def last_active():
    return func.coalesce(User.last_login_at, User.created_at)


def handle_inactive_accounts(now: datetime) -> dict[str, int]:
    deleted = _delete_after_warning(now)
    warned = _warn_inactive(now)
    return _report("inactive_accounts", {"accounts_warned": warned, "accounts_deleted": deleted})


def _warn_inactive(now: datetime) -> int:
    cutoff = years_before(now, current_app.config["INACTIVE_ACCOUNT_YEARS"])
    # Claimed in one UPDATE: two runs at once cannot both warn the same account.
    ids = db.session.scalars(
        update(User)
        .where(
            User.status.in_(LIVE_STATUSES),
            User.inactivity_warned_at.is_(None),
            last_active() < cutoff,
        )
        .values(inactivity_warned_at=now)
        .returning(User.id)
        .execution_options(synchronize_session=False)
    ).all()
    for start in range(0, len(ids), 500):
        users = db.session.scalars(
            select(User)
            .where(User.id.in_(ids[start : start + 500]))
            .order_by(User.id)
            # The session may hold some of them from before the UPDATE.
            .execution_options(populate_existing=True)
        )
        for user in users:
            _send_warning(user, now)
    db.session.flush()
    return len(ids)


def deletion_date(warned_at: datetime) -> date:
    """The local day from which the account may be deleted: "sign in before" this day."""
    return (warned_at + _days("INACTIVE_WARNING_DAYS")).astimezone(local_tz()).date()


def _send_warning(user: User, now: datetime) -> None:
    when = delivery_time(user, now)  # a young person's warning waits for the morning
    db.session.add(Notification(user_id=user.id, kind=INACTIVITY_WARNING, visible_at=when))
    if not user.email:
        return
    # Sent to every address on an account, not only to those who opted in to notifications:
    # it is about the account itself, like a password reset.
    years = current_app.config["INACTIVE_ACCOUNT_YEARS"]
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        if user.role == Role.ADMIN:
            subject = _("Please sign in to your Youth Portal account")
        else:
            subject = _("Your Youth Portal account will be deleted soon")
        body = _warning_body(user, years, format_date(deletion_date(now), "long"))
    queue_mail(user.email, subject, body, send_after=when, kind=INACTIVITY_WARNING)


def _warning_body(user: User, years: int, day: str) -> str:
    paragraphs = [
        _("Hello %(name)s,", name=user.display_name or user.login_name),
        ngettext(
            "You have not signed in to the Youth Portal for %(num)d year. To protect personal "
            "data, accounts that are no longer used are deleted.",
            "You have not signed in to the Youth Portal for %(num)d years. To protect personal "
            "data, accounts that are no longer used are deleted.",
            years,
        ),
    ]
    if user.role == Role.ADMIN:
        paragraphs.append(
            _(
                "Administrator accounts are never deleted automatically. Please sign in, or "
                "hand your role to someone else if you no longer need it:"
            )
        )
    else:
        paragraphs.append(_("To keep your account, sign in before %(date)s:", date=day))
    paragraphs[-1] += "\n" + absolute_url("accounts.login")
    if user.role != Role.ADMIN:
        paragraphs.append(
            _(
                "If you do nothing, your account and your personal data will be deleted. What "
                "you wrote stays, shown as written by a former member."
            )
        )
    return "\n\n".join(paragraphs) + "\n"


def _delete_after_warning(now: datetime) -> int:
    open_case_subjects = select(SafeguardingCase.subject_id).where(
        SafeguardingCase.state != CaseState.CLOSED, SafeguardingCase.subject_id.is_not(None)
    )
    due = db.session.scalars(
        select(User)
        .where(
            User.status.in_(LIVE_STATUSES),
            User.inactivity_warned_at <= now - _days("INACTIVE_WARNING_DAYS"),
            # A sign-in clears the warning; a sign-in after it must keep the account anyway.
            last_active() < User.inactivity_warned_at,
            User.role != Role.ADMIN,
            # A case about this young person may still need to know who they are.
            User.id.not_in(open_case_subjects),
        )
        .order_by(User.id)
        # A second run at the same time skips these rows (PostgreSQL; SQLite has one writer).
        .with_for_update(of=User, skip_locked=True)
    ).all()
    deleted = 0
    for user in due:
        if user.role == Role.SAFEGUARDING_LEAD and _is_last_safeguarding_lead(user):
            continue  # urgent alerts must still reach someone
        audit.record(
            None,
            DELETED_INACTIVE,
            user,
            last_active=(user.last_login_at or user.created_at).date().isoformat(),
            warned_at=user.inactivity_warned_at.date().isoformat(),
        )
        delete_account(user)
        deleted += 1
    return deleted


def _is_last_safeguarding_lead(user: User) -> bool:
    others = db.session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.SAFEGUARDING_LEAD,
            User.status == AccountStatus.ACTIVE,
            User.id != user.id,
        )
    )
    return others == 0


# --- all of them ---------------------------------------------------------------------------


JOBS = (purge_consent_emails, purge_invitations, purge_audit_log, handle_inactive_accounts)


def run_all(now: datetime | None = None) -> dict[str, int]:
    """Every job in order; the caller commits. Links in the warnings need a request context
    outside a request (see the command)."""
    now = now or utcnow()
    counts: dict[str, int] = {}
    for job in JOBS:
        counts.update(job(now))
    return counts


@click.command("housekeeping")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Run as if it were this day (at the current time of day, UTC).",
)
@with_appcontext
def housekeeping_command(today):
    """Delete or erase personal data past its retention, warn unused accounts and delete
    them after the warning. Idempotent: run it daily."""
    now = utcnow()
    if today is not None:
        now = now.replace(year=today.year, month=today.month, day=today.day)
    # The warnings carry links: URLs need a request context outside a request.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        counts = run_all(now)
    db.session.commit()
    for name, count in counts.items():
        click.echo(f"{name.replace('_', ' ')}: {count}")
