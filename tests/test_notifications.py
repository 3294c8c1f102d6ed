"""Notification centre, quiet hours for young people, and the mail outbox."""

import smtplib
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.conftest import login, make_user
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.notifications import mail as mail_module
from youthportal.notifications import services
from youthportal.notifications.mail import deliver_due, queue_mail
from youthportal.notifications.models import Notification, OutboxMessage

NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def test_unread_count_list_and_mark_read(client, monkeypatch):
    monkeypatch.setattr(services, "utcnow", lambda: NOON)
    youth = make_user(display_name="Sunny Day")
    services.notify(youth, "welcome", name="Sunny Day")
    services.notify(youth, "consent_accepted", link="/profile")
    db.session.commit()
    login(client, youth)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Welcome to the Youth Portal, Sunny Day!" in page
    home = client.get("/").get_data(as_text=True)
    assert '<span class="count">2</span>' in home
    note = db.session.scalar(select(Notification).where(Notification.kind == "consent_accepted"))
    response = client.post("/notifications/read", data={"id": note.id, "next": "/profile"})
    assert response.headers["Location"] == "/profile"
    client.post("/notifications/read")
    assert '<span class="count">' not in client.get("/").get_data(as_text=True)


def test_users_only_see_and_mark_their_own_notifications(client, monkeypatch):
    monkeypatch.setattr(services, "utcnow", lambda: NOON)
    me, other = make_user(), make_user()
    services.notify(other, "welcome", name="Other")
    db.session.commit()
    login(client, me)
    note = db.session.scalar(select(Notification))
    client.post("/notifications/read", data={"id": note.id})
    db.session.refresh(note)
    assert note.read_at is None
    assert "Other" not in client.get("/notifications/").get_data(as_text=True)


def test_preferences_turn_a_kind_off(client):
    adult = make_user(Role.FACILITATOR)
    login(client, adult)
    client.post("/notifications/preferences", data={"welcome.email": "on"})  # in-app off
    assert services.notify(adult, "welcome", name="x") is None
    db.session.commit()
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1  # e-mail still on


def test_quiet_hours_hold_youth_notifications_until_morning(app, monkeypatch):
    youth = make_user(email="sun@example.org", email_opt_in=True)
    night = datetime(2026, 11, 22, 21, 30, tzinfo=UTC)  # 22:30 in Tirana
    monkeypatch.setattr(services, "utcnow", lambda: night)
    monkeypatch.setattr(mail_module, "utcnow", lambda: night)
    note = services.notify(youth, "welcome", name="Sun")
    db.session.commit()
    assert note.visible_at == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 in Tirana
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.send_after == note.visible_at
    assert deliver_due() == (0, 0)  # nothing goes out at night
    assert services.unread_count(youth) == 0


def test_quiet_hours_do_not_apply_to_adults(monkeypatch):
    adult = make_user(Role.FACILITATOR)
    night = datetime(2026, 11, 22, 22, 30, tzinfo=UTC)
    monkeypatch.setattr(services, "utcnow", lambda: night)
    assert services.notify(adult, "welcome", name="x").visible_at == night


def test_youth_get_email_only_with_an_address_and_opt_in():
    no_opt_in = make_user(email="a@example.org")
    services.notify(no_opt_in, "welcome", name="a")
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    opted_in = make_user(email="b@example.org", email_opt_in=True)
    services.notify(opted_in, "welcome", name="b")
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_mail_is_kept_and_retried_when_smtp_is_down(app, monkeypatch):
    from youthportal.notifications import mail as mail_module

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    queue_mail("x@example.org", "Hello", "Body")
    db.session.commit()
    monkeypatch.setitem(mail_module.BACKENDS, "memory", broken)
    assert deliver_due() == (0, 1)
    message = db.session.scalar(select(OutboxMessage))
    assert message.attempts == 1 and message.sent_at is None and "down" in message.last_error
    assert message.send_after > datetime.now(UTC) + timedelta(seconds=50)
    assert deliver_due() == (0, 0)  # backing off
    monkeypatch.undo()
    message.send_after = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert deliver_due() == (1, 0)
    db.session.refresh(message)
    assert message.sent_at is not None
    assert app.extensions["mail_sent"][0]["Subject"] == "Hello"


def test_mail_gives_up_after_the_last_attempt(app, monkeypatch):
    from youthportal.notifications import mail as mail_module

    monkeypatch.setitem(
        mail_module.BACKENDS, "memory", lambda *a: (_ for _ in ()).throw(OSError("refused"))
    )
    message = queue_mail("x@example.org", "Hello", "Body")
    message.attempts = app.config["MAIL_MAX_ATTEMPTS"] - 1
    db.session.commit()
    deliver_due()
    db.session.refresh(message)
    assert message.failed_at is not None


def test_file_backend_writes_to_the_instance_outbox(app, tmp_path):
    app.config["MAIL_BACKEND"] = "file"
    try:
        queue_mail("guardian@example.org", "Consent", "Please answer")
        db.session.commit()
        assert deliver_due() == (1, 0)
    finally:
        app.config["MAIL_BACKEND"] = "memory"
    from pathlib import Path

    files = list((Path(app.instance_path) / "outbox").glob("*guardian-example-org.eml"))
    assert files and b"Please answer" in files[-1].read_bytes()
    for f in files:
        f.unlink()


def test_the_outbox_is_written_in_the_same_transaction(app):
    queue_mail("x@example.org", "Hello", "Body")
    db.session.rollback()
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
