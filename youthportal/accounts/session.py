"""Sessions: loading the user, ending sessions, idle timeouts and forced next steps."""

import time

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.extensions import db

# Endpoints that stay reachable while a user must first change a password or set up two-step.
ALWAYS_ALLOWED = {
    "static",
    "accounts.logout",
    "accounts.change_password",
    "accounts.two_step_setup",
    "pages.set_language",
    "pages.help",
    "pages.privacy",
    "pages.rules",
    "pages.accessibility",
}


def load_user(user_id: str):
    try:
        ident, version = (int(part) for part in user_id.split("."))
    except ValueError:
        return None
    user = db.session.get(User, ident)
    if user is None or user.session_version != version or not user.is_active:
        return None
    return user


def end_all_sessions(user: User) -> None:
    """Every session of this user stops working at its next request."""
    user.session_version += 1


def start_session(user: User) -> None:
    """A fresh session at sign-in (no fixation): keep only the chosen language."""
    session.clear()
    session["last_seen"] = int(time.time())
    session.permanent = True


def idle_limit_seconds(user: User) -> int:
    cfg = current_app.config
    minutes = (
        cfg["IDLE_TIMEOUT_YOUTH_MINUTES"]
        if user.role == Role.YOUTH
        else cfg["IDLE_TIMEOUT_ADULT_MINUTES"]
    )
    return int(minutes) * 60


def _check_session():
    # Static files and health checks never load the user (a health check must not need it).
    if request.endpoint in ("static", "ops.healthz", "ops.readyz"):
        return None
    if not current_user.is_authenticated:
        return None
    now = int(time.time())
    # A session restored from an adult's "remember me" cookie starts counting now.
    last_seen = session.setdefault("last_seen", now)
    if now - last_seen > idle_limit_seconds(current_user):
        logout_user()
        session.clear()
        flash(_l("You were signed out after a while without activity. Please sign in again."))
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if now - last_seen > 30:  # avoid rewriting the cookie on every request
        session["last_seen"] = now
    if request.endpoint in ALWAYS_ALLOWED:
        return None
    if current_user.must_change_password:
        return redirect(url_for("accounts.change_password"))
    from youthportal.core.permissions import requires_two_step

    if requires_two_step(current_user) and not current_user.totp_enabled:
        return redirect(url_for("accounts.two_step_setup"))
    return None


def init_app(app, login_manager) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"
    app.before_request(_check_session)


__all__ = ["AccountStatus", "end_all_sessions", "start_session", "load_user"]
