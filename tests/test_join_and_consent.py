"""A young person joins with an invite code; below the consent age a guardian decides."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, birth_for_age, login, make_group, make_user
from youthportal.accounts.models import (
    AccountStatus,
    ConsentStatus,
    GroupMember,
    GuardianConsent,
    InviteCode,
    Role,
    User,
)
from youthportal.core.model_base import utcnow
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.groups.services import create_invite


@pytest.fixture
def invite():
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 7A")
    code = create_invite(facilitator, group, days=14, max_uses=30)
    db.session.commit()
    return code


def join_form(code, age=16, **overrides):
    year, month = birth_for_age(age)
    data = {
        "invite_code": code.code.lower(),  # codes are not case-sensitive
        "login_name": "sunny.day",
        "display_name": "Sunny Day",
        "avatar": "owl",
        "birth_year": str(year),
        "birth_month": str(month),
        "password": PASSWORD,
        "confirm": PASSWORD,
        "email": "",
        "guardian_email": "",
        "once": "token-" + str(age) + overrides.get("login_name", ""),
    }
    data.update(overrides)
    return data


def mail_to(mails, address):
    return [m for m in mails if m["To"] == address][-1]


def consent_link(mail) -> str:
    body = mail.get_content()
    return re.search(r"http://localhost(/guardian/\S+)", body).group(1)


def test_a_sixteen_year_old_joins_and_can_write_at_once(client, invite):
    response = client.post("/join", data=join_form(invite, age=16))
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.login_name == "sunny.day"))
    assert user.status == AccountStatus.ACTIVE
    assert user.role == Role.YOUTH
    assert (user.birth_year, user.birth_month) == birth_for_age(16)
    assert db.session.get(GroupMember, (invite.group_id, user.id)) is not None
    assert db.session.get(InviteCode, invite.id).use_count == 1
    page = client.get("/profile").get_data(as_text=True)
    assert "16-18" in page
    assert 'name="display_name"' in page  # the profile can be edited


def test_a_twelve_year_old_waits_for_the_guardian_who_accepts(client, invite, mailbox):
    response = client.post(
        "/join", data=join_form(invite, age=12, guardian_email="Parent@Example.org")
    )
    assert response.headers["Location"].endswith("/consent")
    child = db.session.scalar(select(User).where(User.login_name == "sunny.day"))
    assert child.status == AccountStatus.PENDING_CONSENT
    page = client.get("/consent").get_data(as_text=True)
    assert 'name="guardian_email"' in page
    # Pending accounts read but do not write.
    response = client.post("/profile", data={"display_name": "Changed Name", "avatar": "cat"})
    assert response.status_code == 302
    db.session.refresh(child)
    assert child.display_name == "Sunny Day"

    mail = mail_to(mailbox(), "parent@example.org")
    link = consent_link(mail)
    guardian = client.application.test_client()
    page = guardian.get(link)
    assert page.status_code == 200
    assert "Sunny Day" in page.get_data(as_text=True)
    assert "parent@example.org" not in page.get_data(as_text=True)
    response = guardian.post(link, data={"accept": "1", "once": "guardian-once"})
    assert response.status_code == 200

    db.session.expire_all()
    child = db.session.get(User, child.id)
    assert child.status == AccountStatus.ACTIVE
    assert child.consent.status == ConsentStatus.ACCEPTED
    assert child.consent.guardian_email is None  # erased once decided
    actions = db.session.scalars(select(AuditLog.action)).all()
    assert "consent.accepted" in actions

    # The link cannot be used twice.
    again = guardian.post(link, data={"accept": "1", "once": "guardian-once-2"})
    assert again.status_code == 400
    # And the child can now edit the profile.
    client.post("/profile", data={"display_name": "Bright Moon", "avatar": "cat", "locale": "en"})
    db.session.refresh(child)
    assert child.display_name == "Bright Moon"


def test_a_declining_guardian_deletes_the_account(client, invite, mailbox):
    client.post("/join", data=join_form(invite, age=11, guardian_email="mum@example.org"))
    link = consent_link(mail_to(mailbox(), "mum@example.org"))
    guardian = client.application.test_client()
    guardian.post(link, data={"decline": "1", "once": "decline-once"})
    assert db.session.scalar(select(User).where(User.login_name == "sunny.day")) is None
    assert db.session.scalar(select(func.count(GuardianConsent.id))) == 0
    assert "consent.declined" in db.session.scalars(select(AuditLog.action)).all()
    # The child's session no longer works.
    assert client.get("/profile").status_code == 302


def test_consent_email_can_be_resent_and_only_the_newest_link_works(client, invite, mailbox):
    client.post("/join", data=join_form(invite, age=13, guardian_email="dad@example.org"))
    first = consent_link(mail_to(mailbox(), "dad@example.org"))
    response = client.post(
        "/consent", data={"guardian_email": "dad2@example.org", "once": "resend-1"}
    )
    assert response.status_code == 302
    second = consent_link(mail_to(mailbox(), "dad2@example.org"))
    assert first != second
    old = client.application.test_client().get(first)
    assert old.status_code == 400
    assert client.application.test_client().get(second).status_code == 200


def test_an_expired_consent_link_gets_a_clear_page(client, invite, mailbox, app, monkeypatch):
    client.post("/join", data=join_form(invite, age=12, guardian_email="p@example.org"))
    link = consent_link(mail_to(mailbox(), "p@example.org"))
    app.config["CONSENT_TOKEN_MAX_AGE_DAYS"] = 0
    try:
        import time

        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + 5)
        response = client.application.test_client().get(link)
    finally:
        app.config["CONSENT_TOKEN_MAX_AGE_DAYS"] = 14
    assert response.status_code == 400


def test_a_forged_consent_link_is_refused(client):
    assert client.get("/guardian/not-a-real-token").status_code == 400


def test_consent_age_follows_the_country(client, factories):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, country="MK")  # North Macedonia: 14
    code = create_invite(facilitator, group, days=3, max_uses=3)
    db.session.commit()
    client.post("/join", data=join_form(code, age=14))
    child = db.session.scalar(select(User).where(User.login_name == "sunny.day"))
    assert child.status == AccountStatus.ACTIVE
    assert child.country == "MK"


def test_below_the_consent_age_a_guardian_email_is_required(client, invite):
    response = client.post("/join", data=join_form(invite, age=15))
    assert response.status_code == 200
    assert 'id="guardian_email-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 1  # only the facilitator


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", "ab"),
        ("display_name", "call 069 123 4567"),
        ("display_name", "me@example.com"),
        ("display_name", "@sunny_day"),
        ("display_name", "x" * 25),
        ("login_name", "Has Spaces"),
        ("password", "password1"),
        ("confirm", "Something-Else-99"),
        ("email", "not-an-email"),
        ("avatar", "dragon"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_changes_nothing(client, invite, field, value):
    data = join_form(invite)
    data[field] = value
    if field == "password":
        data["confirm"] = value
    response = client.post("/join", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page
    assert 'role="alert"' in page
    assert db.session.scalar(select(func.count(User.id))) == 1
    if field not in ("password", "confirm"):
        assert 'value="sunny.day"' in page or field == "login_name"  # typed values are kept
    assert PASSWORD not in page  # passwords are never sent back


def test_ages_outside_9_to_18_are_refused(client, invite):
    for age in (8, 19):
        response = client.post("/join", data=join_form(invite, age=age))
        assert 'id="birth_month-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("problem", ["revoked", "expired", "used_up", "unknown"])
def test_unusable_invite_codes_are_refused(client, invite, problem):
    if problem == "revoked":
        invite.revoked_at = utcnow()
    elif problem == "expired":
        invite.expires_at = utcnow() - timedelta(minutes=1)
    elif problem == "used_up":
        invite.use_count = invite.max_uses
    db.session.commit()
    data = join_form(invite)
    if problem == "unknown":
        data["invite_code"] = "NOSUCHCD"
    response = client.post("/join", data=data)
    assert 'id="invite_code-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_a_double_submitted_join_form_creates_one_account(client, invite):
    data = join_form(invite)
    client.post("/join", data=data)
    other = client.application.test_client()
    data2 = dict(data, login_name="sunny.day2")  # same form token, different name
    response = other.post("/join", data=data2)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(User.id)).where(User.role == Role.YOUTH)) == 1
    assert db.session.get(InviteCode, invite.id).use_count == 1


def test_the_birth_month_is_not_shown_to_other_users(client, invite):
    client.post("/join", data=join_form(invite, age=16))
    child = db.session.scalar(select(User).where(User.login_name == "sunny.day"))
    facilitator_page_viewer = make_user(Role.FACILITATOR)
    login(client, facilitator_page_viewer)
    group_id = invite.group_id
    # Not their group: 404 and nothing leaks.
    assert client.get(f"/groups/{group_id}/members").status_code == 404
    own = db.session.get(User, invite.created_by_id)
    login(client, own)
    page = client.get(f"/groups/{group_id}/members").get_data(as_text=True)
    assert "Sunny Day" in page and "16-18" in page
    assert str(child.birth_year) not in page


def test_age_band_is_derived_without_the_day():
    from youthportal.accounts.ages import age_band, age_on

    today = date(2026, 11, 22)
    assert age_on(2014, 11, today) == 11  # birthday this month: not yet counted
    assert age_on(2014, 10, today) == 12
    assert [age_band(a) for a in (9, 12, 13, 15, 16, 18)] == [
        "9-12",
        "9-12",
        "13-15",
        "13-15",
        "16-18",
        "16-18",
    ]


def test_the_facilitator_is_notified_of_a_new_member(client, invite):
    from youthportal.notifications.models import Notification

    client.post("/join", data=join_form(invite, age=16))
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == invite.created_by_id)
    )
    assert note.kind == "member_joined"
    assert note.params == {"name": "Sunny Day", "group": "Class 7A"}
    assert note.link == f"/groups/{invite.group_id}/members"
