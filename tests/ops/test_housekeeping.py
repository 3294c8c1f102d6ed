"""`youthportal housekeeping`: what each retention job removes and keeps, that a second run
changes nothing, the inactivity warning and the deletion after it, the command and its logs."""

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, login, make_group, make_user
from youthportal.accounts.models import (
    AccountStatus,
    AdultInvitation,
    GroupMember,
    GuardianConsent,
    InviteCode,
    Role,
    User,
)
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog, FormSubmission
from youthportal.extensions import db
from youthportal.notifications.kinds import render_message
from youthportal.notifications.models import Notification, OutboxMessage
from youthportal.ops import housekeeping
from youthportal.ops.logs import JSONFormatter
from youthportal.safety.models import (
    CaseSource,
    CaseState,
    ReviewItem,
    ReviewReason,
    SafeguardingCase,
)

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
ALL_COUNTS = {
    "outbox_deleted",
    "guardian_emails_erased",
    "invite_codes_deleted",
    "adult_invitations_deleted",
    "audit_entries_deleted",
    "form_tokens_deleted",
    "accounts_warned",
    "accounts_deleted",
}


def run(app, now=None) -> dict[str, int]:
    """One run as the command does it: links need a request context; the caller commits."""
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        counts = housekeeping.run_all(now)
    db.session.commit()
    return counts


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def unused_since(now, years=2):
    """A last sign-in just past the inactivity limit."""
    return housekeeping.years_before(now, years) - MINUTE


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_nothing_to_do_is_all_zeros(app):
    assert run(app) == dict.fromkeys(ALL_COUNTS, 0)


# --- 1. consent e-mails --------------------------------------------------------------------


def test_sent_and_failed_mail_goes_after_its_retention_and_queued_mail_stays(app):
    now = utcnow()
    retention = app.config["OUTBOX_RETENTION_DAYS"] * DAY
    for subject, fields in {
        "sent long ago": {"sent_at": now - retention - MINUTE},
        "given up long ago": {"failed_at": now - retention - MINUTE},
        "sent recently": {"sent_at": now - retention + MINUTE},
        "failed recently": {"failed_at": now - retention + MINUTE},
        "still queued": {"created_at": now - 90 * DAY, "send_after": now - 90 * DAY},
    }.items():
        db.session.add(
            OutboxMessage(to_address="parent@example.org", subject=subject, body="-", **fields)
        )
    db.session.commit()
    assert run(app, now)["outbox_deleted"] == 2
    assert set(db.session.scalars(select(OutboxMessage.subject))) == {
        "sent recently",
        "failed recently",
        "still queued",
    }
    assert run(app, now)["outbox_deleted"] == 0


def test_an_unanswered_guardians_address_is_erased_after_the_link_and_a_grace_period(app):
    now = utcnow()
    limit = (
        app.config["CONSENT_TOKEN_MAX_AGE_DAYS"] + app.config["CONSENT_EMAIL_GRACE_DAYS"]
    ) * DAY
    expired = make_user(age=12, status=AccountStatus.PENDING_CONSENT)
    recent = make_user(age=12, status=AccountStatus.PENDING_CONSENT)
    resent = make_user(age=12, status=AccountStatus.PENDING_CONSENT)
    never_sent = make_user(age=12, status=AccountStatus.PENDING_CONSENT)
    for child, requested, sent in [
        (expired, now - limit - DAY, now - limit - MINUTE),
        (recent, now - limit - DAY, now - limit + MINUTE),
        # The newest link counts, not the first request.
        (resent, now - 60 * DAY, now - DAY),
        (never_sent, now - limit - MINUTE, None),
    ]:
        child.consent.requested_at, child.consent.last_sent_at = requested, sent
    db.session.commit()

    assert run(app, now)["guardian_emails_erased"] == 2
    addresses = {
        consent.user_id: consent.guardian_email
        for consent in db.session.scalars(select(GuardianConsent))
    }
    assert addresses == {
        expired.id: None,
        recent.id: "parent@example.org",
        resent.id: "parent@example.org",
        never_sent.id: None,
    }
    # The children stay, waiting for consent: a new address can be given at any time.
    assert {fresh(c).status for c in (expired, never_sent)} == {AccountStatus.PENDING_CONSENT}
    assert run(app, now)["guardian_emails_erased"] == 0


def test_a_decided_consent_is_left_alone(app):
    now = utcnow()
    child = make_user(age=12, status=AccountStatus.PENDING_CONSENT)
    child.consent.status = "accepted"
    child.consent.guardian_email = None
    child.consent.last_sent_at = now - 400 * DAY
    child.status = AccountStatus.ACTIVE
    child.last_login_at = now
    db.session.commit()
    assert run(app, now) == dict.fromkeys(ALL_COUNTS, 0)
    assert db.session.scalar(select(GuardianConsent.status)) == "accepted"


# --- 2. invitations ----------------------------------------------------------------------------


def test_expired_and_revoked_invite_codes_go_after_their_retention(app):
    now = utcnow()
    keep = app.config["INVITE_CODE_RETENTION_DAYS"] * DAY
    facilitator = make_user(Role.FACILITATOR, last_login_at=now)
    group = make_group(facilitator)
    codes = {
        "EXPIRED1": {"expires_at": now - keep - MINUTE},
        "EXPIRED2": {"expires_at": now - keep + MINUTE},
        "REVOKED1": {"expires_at": now + DAY, "revoked_at": now - keep - MINUTE},
        "REVOKED2": {"expires_at": now + DAY, "revoked_at": now - keep + MINUTE},
        "USABLE01": {"expires_at": now + DAY},
    }
    for code, fields in codes.items():
        db.session.add(
            InviteCode(code=code, group_id=group.id, created_by_id=facilitator.id, **fields),
        )
    db.session.commit()
    used = db.session.scalar(select(InviteCode).where(InviteCode.code == "EXPIRED1"))
    youth = make_user(group=group, last_login_at=now)
    audit.record(youth, "account.joined", youth, group_id=group.id, invite_id=used.id)
    db.session.commit()

    assert run(app, now)["invite_codes_deleted"] == 2
    assert set(db.session.scalars(select(InviteCode.code))) == {"EXPIRED2", "REVOKED2", "USABLE01"}
    # Whoever joined with a deleted code keeps their group; the audit line names it by id.
    assert count(GroupMember, GroupMember.user_id == youth.id) == 1
    assert count(AuditLog, AuditLog.action == "account.joined") == 1
    assert run(app, now)["invite_codes_deleted"] == 0


def test_adult_invitations_go_after_they_expired_accepted_or_not(app):
    now = utcnow()
    keep = app.config["ADULT_INVITATION_RETENTION_DAYS"] * DAY
    admin = make_user(Role.ADMIN, last_login_at=now)
    for email, expires, accepted in [
        ("old@example.org", now - keep - MINUTE, None),
        ("old-accepted@example.org", now - keep - MINUTE, now - keep - 3 * DAY),
        ("recent@example.org", now - keep + MINUTE, None),
        ("open@example.org", now + DAY, None),
    ]:
        db.session.add(
            AdultInvitation(
                email=email,
                role=Role.FACILITATOR,
                invited_by_id=admin.id,
                token_nonce="n",
                expires_at=expires,
                accepted_at=accepted,
            )
        )
    db.session.commit()
    assert run(app, now)["adult_invitations_deleted"] == 2
    assert set(db.session.scalars(select(AdultInvitation.email))) == {
        "recent@example.org",
        "open@example.org",
    }
    assert run(app, now)["adult_invitations_deleted"] == 0


# --- 3. audit log and form tokens ------------------------------------------------------------


def _entry(action, target=None, *, at, **details) -> AuditLog:
    entry = audit.record(None, action, target, **details)
    entry.created_at = at
    return entry


def _case(review_item=None, subject=None, state=CaseState.NEW) -> SafeguardingCase:
    case = SafeguardingCase(
        content_type="comment",
        content_id=db.session.scalar(select(func.count(SafeguardingCase.id))) + 1,
        subject_id=subject.id if subject else None,
        source=CaseSource.FLAG,
        state=state,
        review_item_id=review_item.id if review_item else None,
    )
    db.session.add(case)
    db.session.flush()
    return case


def _review_item(content_id: int) -> ReviewItem:
    item = ReviewItem(content_type="comment", content_id=content_id, reason=ReviewReason.FLAGGED)
    db.session.add(item)
    db.session.flush()
    return item


@pytest.fixture
def audit_trail(app):
    """Entries just past and just within the retention, about safeguarding or not."""
    now = utcnow()
    old = now - app.config["AUDIT_RETENTION_DAYS"] * DAY - MINUTE
    recent = now - app.config["AUDIT_RETENTION_DAYS"] * DAY + MINUTE
    group = make_group()
    case_item, other_item = _review_item(1), _review_item(2)
    case = _case(review_item=case_item)
    entries = {
        "old, general": _entry("group.created", group, at=old),
        "old, no target": _entry("admin.setting_changed", at=old, key="flag_threshold"),
        "old, other moderation": _entry("moderation.hidden", other_item, at=old),
        "recent, general": _entry("group.created", group, at=recent),
        "old, case opened": _entry("safeguarding.opened", case, at=old),
        "old, escalated": _entry("moderation.escalated", case_item, at=old),
        "old, moderation of the case's content": _entry("moderation.hidden", case_item, at=old),
    }
    db.session.commit()
    return now, {name: entry.id for name, entry in entries.items()}


def _remaining(ids: dict[str, int]) -> set[str]:
    left = set(db.session.scalars(select(AuditLog.id)))
    return {name for name, ident in ids.items() if ident in left}


def test_old_audit_entries_go_but_those_about_safeguarding_cases_stay(app, audit_trail):
    now, ids = audit_trail
    assert run(app, now)["audit_entries_deleted"] == 3
    assert _remaining(ids) == {
        "recent, general",
        "old, case opened",
        "old, escalated",
        "old, moderation of the case's content",
    }
    assert run(app, now)["audit_entries_deleted"] == 0


def test_safeguarding_entries_have_a_retention_of_their_own_when_one_is_set(
    app, audit_trail, monkeypatch
):
    now, ids = audit_trail
    general = app.config["AUDIT_RETENTION_DAYS"]
    # Just past the general retention: at one day longer, the safeguarding ones stay.
    monkeypatch.setitem(app.config, "AUDIT_SAFEGUARDING_RETENTION_DAYS", general + 1)
    assert run(app, now)["audit_entries_deleted"] == 3
    monkeypatch.setitem(app.config, "AUDIT_SAFEGUARDING_RETENTION_DAYS", general)
    assert run(app, now)["audit_entries_deleted"] == 3
    assert _remaining(ids) == {"recent, general"}


def test_old_one_time_form_tokens_go(app):
    now = utcnow()
    keep = app.config["FORM_SUBMISSION_RETENTION_DAYS"] * DAY
    db.session.add(FormSubmission(token="old", created_at=now - keep - MINUTE))
    db.session.add(FormSubmission(token="recent", created_at=now - keep + MINUTE))
    db.session.commit()
    assert run(app, now)["form_tokens_deleted"] == 1
    assert list(db.session.scalars(select(FormSubmission.token))) == ["recent"]
    assert run(app, now)["form_tokens_deleted"] == 0


# --- 4. inactive accounts ----------------------------------------------------------------------


def test_unused_accounts_are_warned_once_by_mail_and_in_the_app(app, mailbox):
    now = utcnow()
    adult = make_user(Role.FACILITATOR, locale="en", last_login_at=unused_since(now))
    youth_with_address = make_user(email="kid@example.org", created_at=unused_since(now))
    youth = make_user(last_login_at=unused_since(now))
    make_user(Role.FACILITATOR, last_login_at=housekeeping.years_before(now, 2) + MINUTE)
    make_user(created_at=housekeeping.years_before(now, 2) + MINUTE)  # never signed in, new
    make_user(status=AccountStatus.SUSPENDED, last_login_at=unused_since(now, 5))
    make_user(status=AccountStatus.DELETED, last_login_at=unused_since(now, 5))

    assert run(app, now)["accounts_warned"] == 3
    warned = set(db.session.scalars(select(User.id).where(User.inactivity_warned_at == now)))
    assert warned == {adult.id, youth_with_address.id, youth.id}
    notes = db.session.scalars(
        select(Notification).where(Notification.kind == "inactivity_warning")
    )
    assert sorted(n.user_id for n in notes) == sorted(warned)
    # An address given by a young person is written to even without notifications by e-mail
    # (after the quiet hours, perhaps); an account without one has the in-app notice only.
    assert set(db.session.scalars(select(OutboxMessage.to_address))) == {
        adult.email,
        "kid@example.org",
    }
    sent = [m for m in mailbox() if m["To"] == adult.email]
    assert len(sent) == 1
    assert sent[0]["Subject"] == "Your Youth Portal account will be deleted soon"
    body = sent[0].get_content()
    assert "for 2 years" in body and "http://localhost/login" in body
    assert "sign in before" in body and "former member" in body

    again = run(app, now + MINUTE)
    assert again["accounts_warned"] == 0 and again["accounts_deleted"] == 0
    assert count(OutboxMessage) == 2 and count(Notification) == 3
    assert [m for m in mailbox() if m["To"] == adult.email] == sent


def test_the_in_app_warning_is_read_after_signing_in(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        message = render_message("inactivity_warning", {})
    assert "signed in again" in message and message != "inactivity_warning"


def test_signing_in_after_the_warning_keeps_the_account(app, client):
    now = utcnow()
    youth = make_user(login="sunny", last_login_at=unused_since(now))
    run(app, now)
    assert fresh(youth).inactivity_warned_at is not None
    response = client.post("/login", data={"identifier": "sunny", "password": PASSWORD})
    assert response.status_code == 302
    assert fresh(youth).inactivity_warned_at is None
    later = run(app, now + 60 * DAY)
    assert later["accounts_deleted"] == 0 and later["accounts_warned"] == 0
    assert fresh(youth).status == AccountStatus.ACTIVE


def test_a_sign_in_after_the_warning_keeps_the_account_even_if_the_warning_stayed(app):
    now = utcnow()
    youth = make_user(last_login_at=unused_since(now))
    run(app, now)
    youth = fresh(youth)
    youth.last_login_at = now + DAY  # signed in by some way that does not clear the warning
    db.session.commit()
    assert run(app, now + 60 * DAY)["accounts_deleted"] == 0
    assert fresh(youth).status == AccountStatus.ACTIVE


def test_an_account_still_unused_after_the_warning_period_is_deleted(app):
    now = utcnow()
    period = app.config["INACTIVE_WARNING_DAYS"] * DAY
    group = make_group(make_user(Role.FACILITATOR, last_login_at=now))
    youth = make_user(
        display_name="Sunny Day",
        email="sunny@example.org",
        group=group,
        last_login_at=unused_since(now),
    )
    pending = make_user(age=12, status=AccountStatus.PENDING_CONSENT, created_at=unused_since(now))
    assert run(app, now)["accounts_warned"] == 2

    assert run(app, now + period - MINUTE)["accounts_deleted"] == 0
    assert fresh(youth).status == AccountStatus.ACTIVE
    assert run(app, now + period)["accounts_deleted"] == 2
    gone = fresh(youth)
    # Deleted the way a member deletes their account: the row stays for "former member".
    assert gone.status == AccountStatus.DELETED
    assert gone.display_name is None and gone.email is None and gone.birth_year is None
    assert count(GroupMember, GroupMember.user_id == youth.id) == 0
    assert fresh(pending).status == AccountStatus.DELETED
    assert count(GuardianConsent) == 0
    entries = db.session.scalars(
        select(AuditLog).where(AuditLog.action == housekeeping.DELETED_INACTIVE)
    ).all()
    assert sorted(e.target_id for e in entries) == [youth.id, pending.id]
    assert all(e.actor_id is None and e.details["warned_at"] for e in entries)
    assert count(AuditLog, AuditLog.action == "account.deleted") == 2
    with app.test_request_context(headers={"Accept-Language": "en"}):
        label = audit.label(housekeeping.DELETED_INACTIVE)
    assert label == "Account deleted after years without sign-in"

    again = run(app, now + period)
    assert again["accounts_deleted"] == 0 and again["accounts_warned"] == 0


def test_administrators_are_warned_but_never_deleted(app, mailbox):
    now = utcnow()
    admins = [make_user(Role.ADMIN, locale="en", last_login_at=unused_since(now)) for _ in "ab"]
    assert run(app, now)["accounts_warned"] == 2
    mail = [m for m in mailbox() if m["To"] == admins[0].email]
    assert mail[0]["Subject"] == "Please sign in to your Youth Portal account"
    assert "never deleted automatically" in mail[0].get_content()
    later = run(app, now + 365 * DAY)
    assert later["accounts_deleted"] == 0 and later["accounts_warned"] == 0
    assert {fresh(a).status for a in admins} == {AccountStatus.ACTIVE}


def test_the_last_safeguarding_lead_is_kept(app):
    now = utcnow()
    leads = [make_user(Role.SAFEGUARDING_LEAD, last_login_at=unused_since(now)) for _ in "ab"]
    run(app, now)
    # Urgent alerts must still reach someone: one of two unused leads goes, the last stays.
    assert run(app, now + 31 * DAY)["accounts_deleted"] == 1
    assert [fresh(lead).status for lead in leads] == [AccountStatus.DELETED, AccountStatus.ACTIVE]
    assert run(app, now + 32 * DAY)["accounts_deleted"] == 0
    # Once another lead is there, the unused one goes too.
    make_user(Role.SAFEGUARDING_LEAD, last_login_at=now)
    assert run(app, now + 33 * DAY)["accounts_deleted"] == 1


def test_the_young_person_of_an_open_safeguarding_case_is_kept(app):
    now = utcnow()
    subject, closed_subject, other = (make_user(last_login_at=unused_since(now)) for _ in "abc")
    _case(subject=subject)
    _case(subject=closed_subject, state=CaseState.CLOSED)
    _case(subject=None)  # a case about no account must not stop the others (NOT IN and NULL)
    db.session.commit()
    run(app, now)
    assert run(app, now + 31 * DAY)["accounts_deleted"] == 2
    assert fresh(subject).status == AccountStatus.ACTIVE
    assert {fresh(closed_subject).status, fresh(other).status} == {AccountStatus.DELETED}


def test_the_warning_appears_in_my_data(app, client):
    now = utcnow()
    youth = make_user(last_login_at=unused_since(now))
    run(app, now)
    login(client, fresh(youth))
    data = json.loads(client.get("/me/data.json").data)
    assert data["account"]["inactivity_warned_at"] is not None


# --- all jobs, the command and the logs ---------------------------------------------------------


def test_a_second_run_the_same_day_changes_nothing(app, mailbox):
    now = utcnow()
    make_user(Role.FACILITATOR, last_login_at=unused_since(now))
    child = make_user(age=12, status=AccountStatus.PENDING_CONSENT, last_login_at=now)
    child.consent.last_sent_at = now - 90 * DAY
    db.session.add(
        OutboxMessage(to_address="a@example.org", subject="s", body="b", sent_at=now - 90 * DAY)
    )
    db.session.add(FormSubmission(token="old", created_at=now - 90 * DAY))
    _entry("group.created", at=now - 3000 * DAY)
    db.session.commit()
    first = run(app, now)
    assert first["accounts_warned"] == 1 and first["outbox_deleted"] == 1
    assert first["guardian_emails_erased"] == 1 and first["audit_entries_deleted"] == 1
    sent = len(mailbox())
    tables = (User, GuardianConsent, OutboxMessage, Notification, AuditLog, FormSubmission)
    before = [count(model) for model in tables]
    assert run(app, now + MINUTE) == dict.fromkeys(ALL_COUNTS, 0)
    assert [count(model) for model in tables] == before
    assert len(mailbox()) == sent


def test_the_command_warns_then_deletes_on_a_later_day(app):
    now = utcnow()
    youth = make_user(last_login_at=unused_since(now))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    assert "accounts warned: 1" in result.output and "accounts deleted: 0" in result.output
    db.session.rollback()  # nothing pending: the command committed
    assert fresh(youth).inactivity_warned_at is not None
    day = (now + 31 * DAY).date().isoformat()
    result = runner.invoke(args=["housekeeping", "--today", day])
    assert result.exit_code == 0, result.output
    assert "accounts deleted: 1" in result.output
    db.session.rollback()
    assert fresh(youth).status == AccountStatus.DELETED


def test_each_job_logs_one_line_of_counts_and_no_personal_data(app, caplog):
    now = utcnow()
    make_user(
        Role.FACILITATOR,
        login="anateacher",
        display_name="Ana Mësuese",
        email="ana@example.org",
        last_login_at=unused_since(now),
    )
    caplog.set_level(logging.INFO, logger="youthportal.housekeeping")
    run(app, now)
    records = [r for r in caplog.records if r.name == "youthportal.housekeeping"]
    assert [r.job for r in records] == [
        "consent_emails",
        "invitations",
        "audit_log",
        "inactive_accounts",
    ]
    assert {r.event for r in records} == {"housekeeping"}
    assert records[-1].count == 1
    assert records[-1].counts == {"accounts_warned": 1, "accounts_deleted": 0}
    assert "accounts_warned 1" in records[-1].getMessage()
    lines = "\n".join(JSONFormatter().format(r) for r in records)
    for personal in ("anateacher", "Ana", "ana@example.org", "example.org"):
        assert personal not in lines
    assert all(json.loads(line)["event"] == "housekeeping" for line in lines.splitlines())


def test_the_jobs_need_no_request(app):
    """A scheduler may call run_all with only an application context."""
    now = utcnow()
    make_user(Role.FACILITATOR, locale="en", last_login_at=unused_since(now))
    assert housekeeping.run_all(now)["accounts_warned"] == 1
    db.session.commit()
    assert "http://localhost/login" in db.session.scalar(select(OutboxMessage.body))


@pytest.mark.parametrize("language", ["en", "sq", "sr-Latn", "mk", "bs"])
def test_the_privacy_notice_states_the_retention_settings(app, client, language):
    app.config["INACTIVE_ACCOUNT_YEARS"] = 3
    try:
        page = client.get("/privacy", headers={"Accept-Language": language}).get_data(as_text=True)
    finally:
        app.config["INACTIVE_ACCOUNT_YEARS"] = 2
    for figure in (" 3 ", " 30 ", " 730 ", " 14 "):
        assert figure in page, figure
