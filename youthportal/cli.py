"""The `youthportal` command: a Flask CLI group bound to the app factory."""

import threading
import time

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from werkzeug.serving import run_simple

from youthportal.extensions import db


def upgrade_database() -> None:
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database schema (Alembic migrations); load the starter
    watched-word lists into an empty table."""
    from youthportal.safety.wordlists import seed

    upgrade_database()
    added = seed()
    db.session.commit()
    click.echo("Database is up to date.")
    if added:
        click.echo(f"Loaded {added} watched words.")


@click.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep delivering every 30 seconds.")
@with_appcontext
def send_mail_command(loop):
    """Deliver due messages from the outbox (safe to run from cron)."""
    from youthportal.notifications.mail import deliver_due

    while True:
        sent, failed = deliver_due()
        click.echo(f"sent {sent}, failed {failed}")
        if not loop:
            break
        time.sleep(30)


@click.command("close-polls")
@with_appcontext
def close_polls_command():
    """Count every poll that has closed and is not counted yet, and settle the reports whose
    adoption vote it was (safe to run from cron)."""
    from youthportal.extensions import db
    from youthportal.polls.results import close_due
    from youthportal.reports.adoption import settle_due

    closed = close_due()
    db.session.commit()
    # Settling tells people, with links: URLs need a request context outside a request.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        settled = settle_due()
    click.echo(f"closed {closed} polls, settled {settled} reports")


@click.command("send-reminders")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@with_appcontext
def send_reminders_command(today):
    """Nudge institutions before and after the requested answer dates, commitment owners
    when a promised date passes, and followers four weeks later. Idempotent: run it hourly."""
    from youthportal.extensions import db
    from youthportal.policy.reminders import send_reminders

    # Reminders carry links: URLs need a request context outside a request.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        sent = send_reminders(today.date() if today else None)
    db.session.commit()
    click.echo(
        f"reminded {sent['submissions']} submissions, {sent['commitments']} commitments, "
        f"asked {sent['did_it_happen']} times whether a promise happened"
    )


@click.command("create-user")
@click.option("--login", "login_name", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--email", required=True)
@click.option(
    "--role",
    type=click.Choice(["facilitator", "safeguarding_lead", "policy_maker", "admin"]),
    required=True,
)
@click.option("--institution-id", type=int, default=None)
@click.password_option()
@with_appcontext
def create_user_command(login_name, display_name, email, role, institution_id, password):
    """Create an adult account (young people join with an invite code)."""
    from youthportal.accounts import services
    from youthportal.accounts.models import Role
    from youthportal.accounts.passwords import password_problems
    from youthportal.core import audit

    problems = password_problems(password, related=(login_name, display_name))
    if problems:
        raise click.UsageError(" ".join(problems))
    if services.login_taken(login_name) or services.email_taken(email):
        raise click.UsageError("login name or e-mail already in use")
    user = services.create_adult(
        login_name=login_name,
        display_name=display_name,
        email=email,
        password=password,
        role=Role(role),
        institution_id=institution_id,
    )
    audit.record(None, "admin.user_created", user, role=role)
    db.session.commit()
    click.echo(f"Created {role} {user.login_name} (id {user.id}).")


def _mail_loop(app, stop: threading.Event) -> None:
    from youthportal.notifications.mail import deliver_due

    while not stop.wait(5):
        with app.app_context():
            try:
                deliver_due()
            except Exception:  # keep the demo server's delivery loop alive
                app.logger.exception("mail delivery failed")
            finally:
                db.session.remove()


@click.command("demo")
@click.option("--serve/--no-serve", default=True, help="Start the web server after seeding.")
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def demo_command(serve, port):
    """Create the database, seed demo data (idempotent), print the logins and serve."""
    from youthportal.demo import DEMO_PASSWORD, seed_demo

    upgrade_database()
    logins = seed_demo()
    db.session.commit()
    click.echo(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
    for role, login in logins:
        click.echo(f"  {role:<28} {login}")
    click.echo(
        "\nThe admin and safeguarding lead set up two-step sign-in at their first sign-in."
        "\nE-mails are written to instance/outbox/.\n"
    )
    if serve:
        app = current_app._get_current_object()
        stop = threading.Event()
        threading.Thread(target=_mail_loop, args=(app, stop), daemon=True).start()
        click.echo(f"Serving on http://127.0.0.1:{port}")
        try:
            # app.run() refuses to run inside a CLI command; serve with Werkzeug directly.
            run_simple("127.0.0.1", port, app, threaded=True, use_reloader=False)
        finally:
            stop.set()


def register_commands(app) -> None:
    from youthportal.ops.backup import backup_command, restore_command
    from youthportal.ops.housekeeping import housekeeping_command

    for command in (
        backup_command,
        restore_command,
        housekeeping_command,
        init_db_command,
        send_mail_command,
        close_polls_command,
        send_reminders_command,
        create_user_command,
        demo_command,
    ):
        app.cli.add_command(command)


def _create_app():
    from youthportal import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True)
def main():
    """Manage the Youth Portal."""


def _add_operations_commands() -> None:
    # `serve` creates the app itself in gunicorn's master process, not through the CLI.
    from youthportal.ops.serve import serve_command

    main.add_command(serve_command)


_add_operations_commands()


if __name__ == "__main__":
    main()
