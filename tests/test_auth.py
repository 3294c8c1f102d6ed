"""Signing in and out, sessions, two-step sign-in, passwords."""

import time

import pyotp
import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, login, make_group, make_user
from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.core.models import AuditLog
from youthportal.extensions import db


def sign_in(client, identifier, password=PASSWORD, **extra):
    return client.post("/login", data={"identifier": identifier, "password": password, **extra})


def test_sign_in_by_login_name_or_email(client):
    adult = make_user(Role.FACILITATOR, login="teacher", email="teacher@example.org")
    assert sign_in(client, "Teacher").status_code == 302
    client.post("/logout")
    assert sign_in(client, "TEACHER@example.org").headers["Location"] == "/"
    db.session.refresh(adult)
    assert adult.last_login_at is not None


def test_wrong_password_and_unknown_name_get_the_same_message(client):
    make_user(login="sunny")
    wrong = sign_in(client, "sunny", "Wrong-Password-123").get_data(as_text=True)
    unknown = sign_in(client, "nobody", "Wrong-Password-123").get_data(as_text=True)
    message = "The login name or password is not right."
    assert message in wrong and message in unknown


def test_suspended_users_cannot_sign_in(client):
    make_user(login="sunny", status=AccountStatus.SUSPENDED)
    assert sign_in(client, "sunny").status_code == 200


def test_sign_in_is_rate_limited_per_account(client, app):
    make_user(login="sunny")
    for _ in range(10):
        assert sign_in(client, "sunny", "Wrong-Password-123").status_code == 200
    response = sign_in(client, "sunny", PASSWORD)
    assert response.status_code == 429
    assert "Too many tries" in response.get_data(as_text=True)
    # Another account from the same address is not locked by it.
    make_user(login="other")
    assert sign_in(client, "other").status_code == 302


def test_sign_in_is_rate_limited_per_address(client):
    for n in range(30):
        sign_in(client, f"guess{n}", "Wrong-Password-123")
    assert sign_in(client, "guess-last", "x").status_code == 429


def test_a_new_session_starts_at_sign_in(client):
    make_user(login="sunny")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client, "sunny")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_signing_out_ends_every_session_of_the_user(client, app):
    user = make_user(login="sunny")
    phone = app.test_client()
    sign_in(client, "sunny")
    sign_in(phone, "sunny")
    assert phone.get("/profile").status_code == 200
    client.post("/logout")
    assert phone.get("/profile").status_code == 302
    db.session.refresh(user)
    assert user.session_version == 2


def test_changing_the_password_ends_other_sessions_but_not_this_one(client, app):
    make_user(login="sunny")
    phone = app.test_client()
    sign_in(client, "sunny")
    sign_in(phone, "sunny")
    new = "Orange-Bicycle-Harbour-3"
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    assert phone.get("/profile").status_code == 302
    client.post("/logout")
    assert sign_in(client, "sunny", new).status_code == 302
    assert "account.password_changed" in db.session.scalars(select(AuditLog.action)).all()


def test_weak_passwords_get_concrete_advice(client):
    make_user(login="sunny")
    sign_in(client, "sunny")
    for weak in ("short1", "password123", "sunny12345", "aaaaaaaaaa"):
        page = client.post(
            "/account/password",
            data={"current_password": PASSWORD, "password": weak, "confirm": weak},
        ).get_data(as_text=True)
        assert 'id="password-error"' in page


def test_youth_are_signed_out_after_30_idle_minutes(client):
    youth = make_user(login="sunny")
    login(client, youth)
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 31 * 60
    response = client.get("/profile")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.get("/profile").status_code == 302


def test_adults_have_a_longer_idle_timeout(client):
    adult = make_user(Role.FACILITATOR)
    login(client, adult)
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 31 * 60
    assert client.get("/profile").status_code == 200


def test_no_remember_me_for_youth(client):
    make_user(login="sunny")
    response = sign_in(client, "sunny", remember="y")
    assert "remember_token" not in response.headers.get("Set-Cookie", "")
    make_user(Role.FACILITATOR, login="teacher")
    other = client.application.test_client()
    response = sign_in(other, "teacher", remember="y")
    assert "remember_token" in " ".join(response.headers.getlist("Set-Cookie"))


def test_two_step_sign_in(client):
    secret = pyotp.random_base32()
    make_user(Role.ADMIN, login="boss", totp_secret=secret)
    response = sign_in(client, "boss")
    assert response.headers["Location"].startswith("/login/two-step")
    assert client.get("/admin/users").status_code == 302  # not signed in yet
    bad = client.post("/login/two-step", data={"code": "000000"})
    assert 'id="code-error"' in bad.get_data(as_text=True)
    code = pyotp.TOTP(secret).now()
    assert client.post("/login/two-step", data={"code": code}).status_code == 302
    assert client.get("/admin/users").status_code == 200
    # The same code cannot be used again (replay).
    other = client.application.test_client()
    sign_in(other, "boss")
    assert other.post("/login/two-step", data={"code": code}).status_code == 200


def test_admins_must_set_up_two_step_sign_in(client):
    admin = make_user(Role.ADMIN, login="boss")
    sign_in(client, "boss")
    response = client.get("/admin/users")
    assert response.headers["Location"] == "/account/two-step"
    page = client.get("/account/two-step").get_data(as_text=True)
    assert "<svg" in page  # the QR code is inline SVG
    with client.session_transaction() as session:
        secret = session["totp_pending"]
    response = client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    db.session.refresh(admin)
    assert admin.totp_enabled and admin.totp_secret == secret
    assert client.get("/admin/users").status_code == 200


def test_facilitators_may_turn_two_step_on_and_off(client):
    secret = pyotp.random_base32()
    user = make_user(Role.FACILITATOR, totp_secret=secret)
    login(client, user)
    response = client.post("/account/two-step", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.refresh(user)
    assert not user.totp_enabled


def test_youth_have_no_two_step_page(client):
    login(client, make_user())
    assert client.get("/account/two-step").status_code == 403


def test_adults_reset_their_password_by_email(client, mailbox):
    import re

    make_user(Role.FACILITATOR, login="teacher", email="teacher@example.org")
    response = client.post("/forgot-password", data={"email": "teacher@example.org"})
    assert response.status_code == 200
    body = mailbox()[-1].get_content()
    link = re.search(r"http://localhost(/reset-password/\S+)", body).group(1)
    new = "Quiet-Forest-River-88"
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert sign_in(client, "teacher", new).status_code == 302
    # The link works only once.
    assert client.get(link).status_code == 400


def test_forgot_password_reveals_nothing_about_addresses(client, mailbox):
    page = client.post("/forgot-password", data={"email": "nobody@example.org"})
    assert page.status_code == 200
    assert mailbox() == []


def test_youth_one_time_password_must_be_changed_at_first_sign_in(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    youth = make_user(login="sunny", group=group)
    login(client, facilitator)
    page = client.post(f"/groups/{group.id}/members/{youth.id}/reset-password").get_data(
        as_text=True
    )
    import re

    code = re.search(r'id="one-time-password">([^<]+)<', page).group(1)
    pupil = client.application.test_client()
    assert sign_in(pupil, "sunny", code).status_code == 302
    assert pupil.get("/").headers["Location"] == "/account/password"
    new = "Silver-Mountain-Tiger-5"
    assert (
        pupil.post("/account/password", data={"password": new, "confirm": new}).status_code == 302
    )
    assert pupil.get("/").status_code == 200
    user = db.session.scalar(select(User).where(User.login_name == "sunny"))
    assert not user.must_change_password


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example"])
def test_next_only_redirects_to_local_paths(client, target):
    make_user(login="sunny")
    response = client.post(
        "/login", data={"identifier": "sunny", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == "/"


def test_next_to_a_local_path_is_followed(client):
    make_user(login="sunny")
    response = client.post(
        "/login", data={"identifier": "sunny", "password": PASSWORD, "next": "/profile"}
    )
    assert response.headers["Location"] == "/profile"


def test_an_adults_remember_me_cookie_restores_the_session(client):
    make_user(Role.FACILITATOR, login="teacher")
    sign_in(client, "teacher", remember="y")
    with client.session_transaction() as session:
        session.clear()  # the browser was closed: only the remember cookie is left
    assert client.get("/profile").status_code == 200
