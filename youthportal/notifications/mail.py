"""The mail outbox: written in the same transaction as the change that causes it, delivered
later by `youthportal send-mail` (or the demo server's background loop). Nothing is lost when
SMTP is down: failed messages are retried with back-off."""

import re
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.models import OutboxMessage


def queue_mail(to: str, subject: str, body: str, send_after=None, **details) -> OutboxMessage:
    message = OutboxMessage(
        to_address=to,
        subject=subject,
        body=body,
        send_after=send_after or utcnow(),
        details=details,
    )
    db.session.add(message)
    db.session.flush()
    return message


def _as_email(message: OutboxMessage) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = current_app.config["MAIL_FROM"]
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Message-ID"] = make_msgid(domain="youthportal")
    mail.set_content(message.body)
    return mail


def _send_file(mail: EmailMessage, message: OutboxMessage) -> None:
    outbox = Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", message.to_address.lower()).strip("-")
    (outbox / f"{message.id:06d}-{slug}.eml").write_bytes(bytes(mail))


def _send_smtp(mail: EmailMessage, message: OutboxMessage) -> None:
    cfg = current_app.config
    # The server's certificate is checked (Python's default context for STARTTLS does not).
    tls = ssl.create_default_context()
    host, port = cfg["MAIL_SMTP_HOST"], cfg["MAIL_SMTP_PORT"]
    if cfg["MAIL_SMTP_SSL"]:
        connection = smtplib.SMTP_SSL(host, port, timeout=20, context=tls)
    else:
        connection = smtplib.SMTP(host, port, timeout=20)
    with connection as smtp:
        if cfg["MAIL_SMTP_STARTTLS"] and not cfg["MAIL_SMTP_SSL"]:
            smtp.starttls(context=tls)
        if cfg["MAIL_SMTP_USERNAME"]:
            smtp.login(cfg["MAIL_SMTP_USERNAME"], cfg["MAIL_SMTP_PASSWORD"])
        smtp.send_message(mail)


def _send_memory(mail: EmailMessage, message: OutboxMessage) -> None:
    current_app.extensions.setdefault("mail_sent", []).append(mail)


BACKENDS = {"file": _send_file, "smtp": _send_smtp, "memory": _send_memory}


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 24 * 60))


def deliver_due(limit: int = 100) -> tuple[int, int]:
    """Send what is due; returns (sent, failed). Commits after each message."""
    send = BACKENDS[current_app.config["MAIL_BACKEND"]]
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.send_after <= now,
        )
        .order_by(OutboxMessage.send_after, OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = failed = 0
    for message in due:
        try:
            send(_as_email(message), message)
        except (OSError, smtplib.SMTPException) as exc:
            failed += 1
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
                message.failed_at = utcnow()
                current_app.logger.error("giving up on mail %s", message.id)
            else:
                message.send_after = utcnow() + backoff(message.attempts)
        else:
            sent += 1
            message.sent_at = utcnow()
            message.attempts += 1
        db.session.commit()
    # End the read transaction even when nothing was due, so a long-running sender sees
    # the next messages (SQLite and PostgreSQL keep a snapshot until the transaction ends).
    db.session.commit()
    return sent, failed
