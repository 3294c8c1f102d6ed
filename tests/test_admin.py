"""Admin: users, suspension, roles, invitations, institutions, settings, audit log."""

import re

import pyotp
from sqlalchemy import func, select

from tests.conftest import PASSWORD, login, make_group, make_institution, make_user
from youthportal.accounts.models import AccountStatus, Institution, Role, User
from youthportal.core import audit
from youthportal.core.models import AuditLog, Setting
from youthportal.extensions import db


def admin():
    return make_user(Role.ADMIN, login="boss", totp_secret=pyotp.random_base32())


def test_users_can_be_searched_and_filtered(client):
    login(client, admin())
    make_user(login="sunny", display_name="Sunny Day")
    make_user(Role.FACILITATOR, login="teacher", display_name="Ms Teacher")
    page = client.get("/admin/users?q=sun").get_data(as_text=True)
    assert "sunny" in page and "teacher" not in page
    page = client.get("/admin/users?role=facilitator").get_data(as_text=True)
    assert "teacher" in page and "sunny" not in page


def test_suspending_a_user_ends_their_open_session(client, app):
    youth = make_user(login="sunny")
    youth_browser = app.test_client()
    youth_browser.post("/login", data={"identifier": "sunny", "password": PASSWORD})
    assert youth_browser.get("/profile").status_code == 200
    login(client, admin())
    missing_reason = client.post(f"/admin/users/{youth.id}", data={"suspend-submit": "1"})
    assert 'id="suspend-reason-error"' in missing_reason.get_data(as_text=True)
    response = client.post(
        f"/admin/users/{youth.id}",
        data={"suspend-reason": "Repeated bullying", "suspend-submit": "1"},
    )
    assert response.status_code == 302
    assert youth_browser.get("/profile").status_code == 302
    assert (
        youth_browser.post("/login", data={"identifier": "sunny", "password": PASSWORD}).status_code
        == 200
    )
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "admin.user_suspended"))
    assert entry.reason == "Repeated bullying" and entry.target_id == youth.id
    client.post(
        f"/admin/users/{youth.id}",
        data={"reinstate-reason": "Talked it through", "reinstate-submit": "1"},
    )
    db.session.refresh(youth)
    assert youth.status == AccountStatus.ACTIVE


def test_admins_cannot_suspend_themselves(client):
    boss = admin()
    login(client, boss)
    response = client.post(
        f"/admin/users/{boss.id}", data={"suspend-reason": "oops", "suspend-submit": "1"}
    )
    assert response.status_code == 403


def test_changing_an_adults_role_is_audited_and_notified(client):
    login(client, admin())
    teacher = make_user(Role.FACILITATOR, login="teacher")
    ministry = make_institution()
    response = client.post(
        f"/admin/users/{teacher.id}",
        data={
            "role-role": "policy_maker",
            "role-institution": str(ministry.id),
            "role-reason": "Moved to the ministry",
            "role-submit": "1",
        },
    )
    assert response.status_code == 302
    db.session.refresh(teacher)
    assert teacher.role == Role.POLICY_MAKER and teacher.institution_id == ministry.id
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "admin.role_changed"))
    assert entry.details == {"old": "facilitator", "new": "policy_maker"}


def test_young_peoples_role_cannot_be_changed(client):
    login(client, admin())
    youth = make_user()
    response = client.post(
        f"/admin/users/{youth.id}",
        data={"role-role": "admin", "role-reason": "no", "role-submit": "1"},
    )
    assert response.status_code == 403
    db.session.refresh(youth)
    assert youth.role == Role.YOUTH


def test_inviting_a_policy_maker_by_email(client, mailbox):
    login(client, admin())
    ministry = make_institution()
    no_institution = client.post(
        "/admin/invite", data={"email": "official@gov.example", "role": "policy_maker"}
    )
    assert 'id="institution-error"' in no_institution.get_data(as_text=True)
    client.post(
        "/admin/invite",
        data={
            "email": "official@gov.example",
            "role": "policy_maker",
            "institution": str(ministry.id),
            "once": "invite-1",
        },
    )
    mail = [m for m in mailbox() if m["To"] == "official@gov.example"][-1]
    link = re.search(r"http://localhost(/invitation/\S+)", mail.get_content()).group(1)
    official = client.application.test_client()
    new = "Granite-Harbor-Window-61"
    response = official.post(
        link,
        data={
            "login_name": "official",
            "display_name": "A. Official",
            "password": new,
            "confirm": new,
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.login_name == "official"))
    assert user.role == Role.POLICY_MAKER and user.institution_id == ministry.id
    assert user.email == "official@gov.example"
    # The invitation works once.
    assert client.application.test_client().get(link).status_code == 400


def test_institutions_are_created_and_edited(client):
    login(client, admin())
    client.post(
        "/admin/institutions",
        data={"name": "Ministry of Health", "kind": "ministry", "country": "RS", "once": "i1"},
    )
    inst = db.session.scalar(select(Institution))
    assert inst.country == "RS"
    duplicate = client.post(
        "/admin/institutions",
        data={"name": "Ministry of Health", "kind": "ministry", "country": "RS"},
    )
    assert 'id="name-error"' in duplicate.get_data(as_text=True)
    client.post(
        f"/admin/institutions/{inst.id}",
        data={"name": "Ministry of Health and Care", "kind": "ministry", "country": "RS"},
    )
    db.session.refresh(inst)
    assert inst.name == "Ministry of Health and Care"
    assert client.get("/admin/institutions/9999").status_code == 404


def test_settings_change_the_consent_age(client):
    from youthportal.accounts.ages import consent_age

    login(client, admin())
    page = client.get("/admin/settings").get_data(as_text=True)
    assert 'name="consent_age_RS"' in page
    data = {f"consent_age_{c}": "16" for c in ("AL", "XK", "BA", "ME", "MK")}
    data.update(consent_age_RS="13", contact_email="dpo@example.org")
    assert client.post("/admin/settings", data=data).status_code == 302
    assert consent_age("RS") == 13
    bad = client.post("/admin/settings", data=dict(data, consent_age_RS="30"))
    assert 'id="consent_age_RS-error"' in bad.get_data(as_text=True)
    assert db.session.get(Setting, "consent_age_RS").value == "13"
    assert "dpo@example.org" in client.get("/privacy").get_data(as_text=True)


def test_audit_log_is_filterable(client):
    boss = admin()
    login(client, boss)
    teacher = make_user(Role.FACILITATOR, login="teacher")
    make_group(teacher)
    audit.record(teacher, "group.created", None)
    audit.record(boss, "admin.setting_changed", None, key="x")
    db.session.commit()
    page = client.get("/admin/audit?action=group.created").get_data(as_text=True)
    assert "<td>Group created</td>" in page and "<td>Setting changed</td>" not in page
    page = client.get("/admin/audit?actor=boss").get_data(as_text=True)
    assert "<td>Setting changed</td>" in page and "<td>Group created</td>" not in page


def test_audit_log_query_count_does_not_grow(client, count_queries):
    login(client, admin())
    people = [make_user() for _ in range(5)]

    def fill(n):
        for i in range(n):
            audit.record(people[i % 5], "account.password_changed", people[(i + 1) % 5])
        db.session.commit()

    def measure():
        with count_queries() as counter:
            assert client.get("/admin/audit").status_code == 200
        return counter.count

    fill(10)
    at_10 = measure()
    fill(15)
    at_25 = measure()
    assert at_10 == at_25


def test_user_list_query_count_does_not_grow(client, count_queries):
    login(client, admin())
    make_user()
    with count_queries() as few:
        client.get("/admin/users")
    for _ in range(12):
        make_user(institution=None)
    with count_queries() as many:
        client.get("/admin/users")
    assert few.count == many.count
    assert db.session.scalar(select(func.count(User.id))) == 14
