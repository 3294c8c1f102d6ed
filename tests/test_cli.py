"""The `youthportal` command: demo data, adult accounts, mail delivery."""

from sqlalchemy import func, select

from youthportal.accounts.models import Group, Role, User
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.notifications.models import OutboxMessage


def test_create_user_makes_an_adult_and_audits_it(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "--login",
            "lead",
            "--name",
            "Safe Guard",
            "--email",
            "lead@example.org",
            "--role",
            "safeguarding_lead",
            "--password",
            "Velvet-Canyon-Spark-24",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.login_name == "lead"))
    assert user.role == Role.SAFEGUARDING_LEAD and user.email == "lead@example.org"
    assert db.session.scalar(select(AuditLog.action)) == "admin.user_created"
    again = runner.invoke(
        args=[
            "create-user",
            "--login",
            "lead",
            "--name",
            "X",
            "--email",
            "x@example.org",
            "--role",
            "admin",
            "--password",
            "Velvet-Canyon-Spark-24",
        ]
    )
    assert again.exit_code != 0


def test_create_user_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--login",
            "weak",
            "--name",
            "Weak",
            "--email",
            "w@example.org",
            "--role",
            "admin",
            "--password",
            "password",
        ]
    )
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_data_is_seeded_once(app):
    from youthportal.demo import seed_demo

    seed_demo()
    db.session.commit()
    counts = (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Group.id))),
        db.session.scalar(select(func.count(OutboxMessage.id))),
    )
    seed_demo()
    db.session.commit()
    assert counts == (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Group.id))),
        db.session.scalar(select(func.count(OutboxMessage.id))),
    )
    assert counts[0] >= 9


def test_send_mail_delivers_the_outbox(app):
    from youthportal.notifications.mail import queue_mail

    queue_mail("a@example.org", "Hi", "Body")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert "sent 1, failed 0" in result.output
    assert app.extensions["mail_sent"][0]["To"] == "a@example.org"
