"""Facilitator pages: groups, invite codes, rosters, consent on paper, badges."""

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from tests.conftest import login, make_group, make_user
from youthportal.accounts.models import (
    AccountStatus,
    ConsentMethod,
    ConsentStatus,
    Group,
    GroupMember,
    InviteCode,
    Role,
    User,
)
from youthportal.core.models import AuditLog
from youthportal.extensions import db


def audit_actions():
    return db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()


def test_a_facilitator_creates_a_group_once_even_when_submitting_twice(client):
    facilitator = make_user(Role.FACILITATOR)
    login(client, facilitator)
    form = {"name": "Class 8B", "kind": "school_class", "country": "AL", "once": "tok-1"}
    first = client.post("/groups/new", data=form)
    second = client.post("/groups/new", data=form)
    assert first.status_code == second.status_code == 302
    assert db.session.scalar(select(func.count(Group.id))) == 1
    group = db.session.scalar(select(Group))
    assert db.session.get(GroupMember, (group.id, facilitator.id)) is not None
    assert "Class 8B" in client.get("/groups/").get_data(as_text=True)
    assert audit_actions() == ["group.created"]


def test_group_form_errors_are_shown(client):
    login(client, make_user(Role.FACILITATOR))
    page = client.post("/groups/new", data={"name": "x", "kind": "nope", "country": "ZZ"})
    text = page.get_data(as_text=True)
    assert 'id="name-error"' in text and 'id="kind-error"' in text and 'id="country-error"' in text
    assert db.session.scalar(select(func.count(Group.id))) == 0


def test_invite_codes_are_created_listed_and_revoked(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    login(client, facilitator)
    client.post(f"/groups/{group.id}", data={"days": "7", "max_uses": "25", "once": "inv-1"})
    invite = db.session.scalar(select(InviteCode))
    assert len(invite.code) == 8 and not re.search(r"[01OIL]", invite.code)
    assert invite.max_uses == 25
    assert invite.expires_at - invite.created_at == timedelta(days=7)
    assert invite.code in client.get(f"/groups/{group.id}").get_data(as_text=True)
    client.post(f"/groups/{group.id}/invites/{invite.id}/revoke")
    db.session.refresh(invite)
    assert invite.revoked_at is not None
    assert audit_actions() == ["invite.created", "invite.revoked"]


def test_invite_form_validates_numbers(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    login(client, facilitator)
    page = client.post(f"/groups/{group.id}", data={"days": "0", "max_uses": "abc"})
    text = page.get_data(as_text=True)
    assert 'id="days-error"' in text and 'id="max_uses-error"' in text
    assert db.session.scalar(select(func.count(InviteCode.id))) == 0


def test_other_facilitators_groups_are_not_found(client):
    owner = make_user(Role.FACILITATOR)
    group = make_group(owner)
    member = make_user(group=group)
    login(client, make_user(Role.FACILITATOR))
    for url in (
        f"/groups/{group.id}",
        f"/groups/{group.id}/members",
        f"/groups/{group.id}/roster",
        f"/groups/{group.id}/members/{member.id}/reset-password",
        f"/groups/{group.id}/members/{member.id}/badges",
        f"/groups/{group.id}/members/{member.id}/consent",
    ):
        assert client.get(url).status_code == 404, url


def test_a_member_of_another_group_is_not_found_through_my_group(client):
    facilitator = make_user(Role.FACILITATOR)
    mine = make_group(facilitator)
    stranger = make_user(group=make_group(make_user(Role.FACILITATOR)))
    login(client, facilitator)
    assert client.get(f"/groups/{mine.id}/members/{stranger.id}/badges").status_code == 404
    assert client.post(f"/groups/{mine.id}/members/{stranger.id}/reset-password").status_code == 404


def test_a_class_roster_creates_accounts_and_login_cards(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    login(client, facilitator)
    year = date.today().year
    pupils = f"Blue Star, {year - 12}-03\nGreen Leaf; {year - 17}-01\n\n"
    page = client.post(
        f"/groups/{group.id}/roster", data={"pupils": pupils, "once": "roster-1"}
    ).get_data(as_text=True)
    users = db.session.scalars(select(User).where(User.role == Role.YOUTH)).all()
    assert sorted(u.display_name for u in users) == ["Blue Star", "Green Leaf"]
    for user in users:
        assert user.must_change_password
        assert user.login_name in page
        assert db.session.get(GroupMember, (group.id, user.id)) is not None
    statuses = {u.display_name: u.status for u in users}
    assert statuses == {
        "Blue Star": AccountStatus.PENDING_CONSENT,
        "Green Leaf": AccountStatus.ACTIVE,
    }
    assert page.count('class="login-card"') == 2
    # Sending the same form again creates nothing more.
    client.post(f"/groups/{group.id}/roster", data={"pupils": pupils, "once": "roster-1"})
    assert db.session.scalar(select(func.count(User.id)).where(User.role == Role.YOUTH)) == 2


def test_a_roster_with_a_bad_line_creates_nothing(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    login(client, facilitator)
    year = date.today().year
    pupils = f"Blue Star, {year - 12}-03\nphone 0691234567, {year - 12}-03\nNo Date"
    page = client.post(f"/groups/{group.id}/roster", data={"pupils": pupils}).get_data(as_text=True)
    assert "Line 2" in page and "Line 3" in page
    assert "Blue Star" in page  # what was typed is kept
    assert db.session.scalar(select(func.count(User.id)).where(User.role == Role.YOUTH)) == 0


def test_a_facilitator_records_paper_consent(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    child = make_user(age=14, group=group, status=AccountStatus.PENDING_CONSENT)
    login(client, facilitator)
    url = f"/groups/{group.id}/members/{child.id}/consent"
    missing = client.post(url, data={"form_reference": "F-2026-014"})
    assert 'id="confirm-error"' in missing.get_data(as_text=True)
    future = client.post(
        url,
        data={
            "form_reference": "F-2026-014",
            "signed_on": (date.today() + timedelta(days=2)).isoformat(),
            "confirm": "y",
        },
    )
    assert 'id="signed_on-error"' in future.get_data(as_text=True)
    response = client.post(
        url,
        data={
            "form_reference": "F-2026-014",
            "signed_on": date.today().isoformat(),
            "confirm": "y",
            "once": "paper-1",
        },
    )
    assert response.status_code == 302
    db.session.refresh(child)
    assert child.status == AccountStatus.ACTIVE
    assert child.consent.status == ConsentStatus.ACCEPTED
    assert child.consent.method == ConsentMethod.PAPER
    assert child.consent.recorded_by_id == facilitator.id
    assert child.consent.guardian_email is None
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "consent.paper_recorded"))
    assert entry.actor_id == facilitator.id and entry.details["form_reference"] == "F-2026-014"
    members_page = client.get(f"/groups/{group.id}/members").get_data(as_text=True)
    assert "on paper" in members_page


def test_badges_parliamentarian_term_and_champion(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    child = make_user(group=group)
    login(client, facilitator)
    url = f"/groups/{group.id}/members/{child.id}/badges"
    bad = client.post(
        url, data={"parliament_term_start": "2026-12-01", "parliament_term_end": "2026-01-01"}
    )
    assert 'id="parliament_term_end-error"' in bad.get_data(as_text=True)
    start = date.today() - timedelta(days=10)
    client.post(
        url,
        data={
            "parliament_term_start": start.isoformat(),
            "parliament_term_end": (start + timedelta(days=365)).isoformat(),
            "is_champion": "y",
        },
    )
    db.session.refresh(child)
    assert child.parliament_term_start == start and child.is_champion
    page = client.get(f"/groups/{group.id}/members").get_data(as_text=True)
    assert "Youth Parliament" in page and "Youth Champion" in page
    assert {"member.parliamentarian", "member.champion"} <= set(audit_actions())


def test_member_list_query_count_does_not_grow_with_rows(client, count_queries):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    login(client, facilitator)

    def measure():
        with count_queries() as counter:
            assert client.get(f"/groups/{group.id}/members").status_code == 200
        return counter.count

    for n in range(10):
        make_user(group=group, status=AccountStatus.PENDING_CONSENT if n % 2 else None)
    at_10 = measure()
    for n in range(15):
        make_user(group=group, status=AccountStatus.PENDING_CONSENT if n % 2 else None)
    at_25 = measure()
    assert at_10 == at_25, (at_10, at_25)


def test_groups_list_query_count_does_not_grow(client, count_queries):
    facilitator = make_user(Role.FACILITATOR)
    login(client, facilitator)
    make_group(facilitator)
    with count_queries() as one:
        client.get("/groups/")
    for _ in range(8):
        group = make_group(facilitator)
        make_user(group=group)
    with count_queries() as many:
        client.get("/groups/")
    assert one.count == many.count
