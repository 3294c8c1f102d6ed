"""My data: see everything, download it, delete the account."""

import json

from sqlalchemy import select

from tests.conftest import PASSWORD, login, make_group, make_user
from youthportal.accounts.models import AccountStatus, GroupMember, Role, User
from youthportal.core.models import AuditLog
from youthportal.extensions import db


def test_my_data_lists_everything_and_downloads_as_json(client):
    group = make_group(make_user(Role.FACILITATOR), name="Class 9C")
    youth = make_user(login="sunny", display_name="Sunny Day", email="sun@example.org", group=group)
    login(client, youth)
    page = client.get("/me/data").get_data(as_text=True)
    assert "Sunny Day" in page and "Class 9C" in page and "sun@example.org" in page
    response = client.get("/me/data.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["account"]["login_name"] == "sunny"
    assert data["account"]["birth_year"] == youth.birth_year
    assert data["groups"][0]["group"] == "Class 9C"
    assert "notifications" in data


def test_deleting_my_account_needs_the_password_and_erases_personal_data(client):
    group = make_group(make_user(Role.FACILITATOR))
    youth = make_user(login="sunny", display_name="Sunny Day", email="sun@example.org", group=group)
    login(client, youth)
    refused = client.post("/me/delete", data={"password": "wrong", "confirm": "y"})
    assert refused.status_code == 400
    assert db.session.get(User, youth.id).status == AccountStatus.ACTIVE
    response = client.post("/me/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    user = db.session.get(User, youth.id)
    assert user.status == AccountStatus.DELETED
    assert user.display_name is None and user.email is None and user.birth_year is None
    assert user.login_name != "sunny"
    assert db.session.scalar(select(GroupMember).where(GroupMember.user_id == youth.id)) is None
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "account.deleted"))
    assert client.get("/profile").status_code == 302
    # The login name is free again, the old password no longer works.
    other = client.application.test_client()
    assert (
        other.post("/login", data={"identifier": "sunny", "password": PASSWORD}).status_code == 200
    )


def test_former_members_are_shown_as_such(app):
    from flask import render_template_string

    youth = make_user()
    youth.status = AccountStatus.DELETED
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        html = render_template_string(
            '{% from "macros/user.html" import person with context %}{{ person(u) }}', u=youth
        )
    assert "Former member" in html


def test_what_others_see_of_a_young_person(app):
    from flask import render_template_string

    youth = make_user(display_name="Blue Star", age=14, email="blue@example.org", is_champion=True)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        html = render_template_string(
            '{% from "macros/user.html" import person with context %}{{ person(u) }}', u=youth
        )
    assert "Blue Star" in html and "13-15" in html and "Youth Champion" in html
    assert "blue@example.org" not in html and str(youth.birth_year) not in html


def test_personal_data_downloads_are_never_cached(client):
    login(client, make_user())
    assert client.get("/me/data.json").headers["Cache-Control"] == "no-store"
