"""Signing in and out, joining, two-step sign-in, passwords and invitations."""

import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from youthportal.accounts import services, twostep
from youthportal.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    JoinForm,
    LoginForm,
    NewPasswordForm,
    TwoStepDisableForm,
    TwoStepForm,
)
from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.accounts.passwords import check_password
from youthportal.accounts.session import end_all_sessions, start_session
from youthportal.core import audit, once
from youthportal.core.i18n import current_locale_code
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_adult, require
from youthportal.core.tokens import TokenExpired, TokenInvalid
from youthportal.core.urls import is_local_path, redirect_next
from youthportal.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def _failed(response) -> bool:
    # Only failed attempts count towards the sign-in limits.
    return response.status_code != 302


def _login_key() -> str:
    return "login:" + (request.form.get("identifier") or "").strip().lower()[:254]


def _address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


def _finish_login(user: User, remember: bool):
    next_url = request.values.get("next")
    start_session(user)
    # No "remember me" for young people.
    login_user(user, remember=remember and user.role != Role.YOUTH)
    user.last_login_at = utcnow()
    user.inactivity_warned_at = None  # signing in keeps an account warned for inactivity
    db.session.commit()
    if is_local_path(next_url):
        return redirect(next_url)
    return redirect(url_for("pages.home"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, key_func=_login_key, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect_next()
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.identifier.data, form.password.data)
        if user is None:
            # One message whatever went wrong: it reveals nothing about the account.
            form.password.errors = [_("The login name or password is not right.")]
        elif user.totp_enabled:
            session.clear()
            session["two_step"] = {
                "u": user.id,
                "v": user.session_version,
                "t": int(time.time()),
                "r": bool(form.remember.data),
            }
            next_url = request.values.get("next")
            return redirect(
                url_for(
                    "accounts.login_two_step", next=next_url if is_local_path(next_url) else None
                )
            )
        else:
            return _finish_login(user, bool(form.remember.data))
    return render_template("accounts/login.html", form=form), 200


@bp.route("/login/two-step", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
def login_two_step():
    pending = session.get("two_step")
    if not pending or time.time() - pending.get("t", 0) > 300:
        session.pop("two_step", None)
        flash(_("Please sign in again."))
        return redirect(url_for("accounts.login"))
    user = db.session.get(User, pending["u"])
    if user is None or user.session_version != pending["v"] or not user.is_active:
        session.pop("two_step", None)
        return redirect(url_for("accounts.login"))
    form = TwoStepForm()
    if form.validate_on_submit():
        if twostep.verify(user, form.code.data):
            return _finish_login(user, pending.get("r", False))
        db.session.rollback()
        form.code.errors = [
            _("This code is not right. Check the time on your phone and try again.")
        ]
    return render_template("accounts/two_step_login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out. See you soon!"))
    return redirect(url_for("pages.home"))


@bp.route("/join", methods=["GET", "POST"])
def join():
    if current_user.is_authenticated:
        flash(_("You already have an account."))
        return redirect(url_for("pages.home"))
    form = JoinForm()
    if request.method == "GET" and request.args.get("code"):
        form.invite_code.data = request.args["code"][:16]
    if form.validate_on_submit():
        invite = services.find_invite(form.invite_code.data)
        if invite is None or not invite.usable_at(utcnow()):
            form.invite_code.errors = [
                _("This invite code is not valid any more. Ask your facilitator for a new one.")
            ]
        else:
            from youthportal.accounts.ages import needs_guardian_consent

            needs = needs_guardian_consent(
                int(form.birth_year.data), int(form.birth_month.data), invite.group.country
            )
            guardian = (form.guardian_email.data or "").lower()
            if needs and not guardian:
                form.guardian_email.errors = [
                    _(
                        "Because of your age, a parent or guardian needs to agree. "
                        "Please enter their e-mail address, or ask your facilitator "
                        "for a paper consent form."
                    )
                ]
            elif needs and guardian == (form.email.data or "").lower():
                form.guardian_email.errors = [
                    _("Please enter your parent's or guardian's address, not your own.")
                ]
            else:
                try:
                    once.claim(form.once.data)
                    user = services.join_with_invite(
                        invite,
                        login_name=form.login_name.data,
                        display_name=form.display_name.data,
                        avatar=form.avatar.data,
                        birth_year=int(form.birth_year.data),
                        birth_month=int(form.birth_month.data),
                        password=form.password.data,
                        email=form.email.data or None,
                        guardian_email=guardian if needs else None,
                        locale=current_locale_code(),
                    )
                except once.AlreadySubmitted:
                    db.session.rollback()
                    flash(_("This form was already sent. Please sign in."))
                    return redirect(url_for("accounts.login"))
                except services.ServiceError as exc:
                    db.session.rollback()
                    form.invite_code.errors = [str(exc)]
                else:
                    start_session(user)
                    login_user(user)
                    db.session.commit()
                    if user.status == AccountStatus.PENDING_CONSENT:
                        return redirect(url_for("accounts.consent_status"))
                    flash(_("Welcome, %(name)s! Your account is ready.", name=user.display_name))
                    return redirect(url_for("pages.home"))
    return render_template("accounts/join.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if current_user.must_change_password:
        # A one-time password was just used to sign in: that counts as the current one.
        del form.current_password
    if form.validate_on_submit():
        if "current_password" in form and not check_password(
            current_user.password_hash, form.current_password.data
        ):
            form.current_password.errors = [_("This is not your current password.")]
        else:
            services.set_password(current_user, form.password.data)
            user = current_user._get_current_object()
            db.session.commit()
            # Every other session ends; this one continues with a fresh session.
            start_session(user)
            login_user(user)
            flash(_("Your password was changed."))
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/forgot_password_sent.html")
    return render_template("accounts/forgot_password.html", form=form)


def _token_problem(exc: Exception):
    if isinstance(exc, TokenExpired):
        message = _("This link has expired. Please ask for a new one.")
    elif isinstance(exc, services.ServiceError):
        message = str(exc)
    else:
        message = _("This link is not valid. Please check that you copied all of it.")
    return render_template("accounts/link_problem.html", message=message), 400


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = services.user_from_reset_token(token)
    except (TokenInvalid, services.ServiceError) as exc:
        return _token_problem(exc)
    form = NewPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password was changed. Please sign in."))
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    try:
        invitation = services.invitation_from_token(token)
    except (TokenInvalid, services.ServiceError) as exc:
        return _token_problem(exc)
    if current_user.is_authenticated:
        abort(403)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        open_adult_account(form, lambda **fields: services.accept_invitation(invitation, **fields))
        flash(_("Welcome! Your account is ready."))
        return redirect(url_for("pages.home"))
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)


def open_adult_account(form: AcceptInvitationForm, create):
    """An invited adult's account from the form (`create` makes it from the fields), saved
    and signed in."""
    user = create(
        login_name=form.login_name.data,
        display_name=form.display_name.data,
        password=form.password.data,
        locale=current_locale_code(),
    )
    db.session.commit()
    start_session(user)
    login_user(user)
    return user


# --- two-step sign-in settings ----------------------------------------------------------------


@bp.route("/account/two-step", methods=["GET", "POST"])
@require("adult")
def two_step_setup():
    user = current_user._get_current_object()
    if user.totp_enabled:
        form = TwoStepDisableForm()
        required = user.role in (Role.ADMIN, Role.SAFEGUARDING_LEAD)
        if not required and form.validate_on_submit():
            if check_password(user.password_hash, form.password.data):
                user.totp_enabled = False
                user.totp_secret = None
                audit.record(user, "account.two_step_disabled", user)
                db.session.commit()
                flash(_("Two-step sign-in is off."))
                return redirect(url_for("accounts.profile"))
            form.password.errors = [_("This is not your current password.")]
        return render_template("accounts/two_step_status.html", form=form, required=required)
    # Enrolment: the secret lives in the session until a first code proves the app has it.
    secret = session.get("totp_pending") or twostep.new_secret()
    session["totp_pending"] = secret
    form = TwoStepForm()
    if form.validate_on_submit():
        if twostep.verify(user, form.code.data, secret=secret):
            user.totp_secret = secret
            user.totp_enabled = True
            session.pop("totp_pending", None)
            audit.record(user, "account.two_step_enabled", user)
            db.session.commit()
            flash(_("Two-step sign-in is on."))
            return redirect(url_for("accounts.profile"))
        db.session.rollback()
        form.code.errors = [
            _("This code is not right. Check the time on your phone and try again.")
        ]
    uri = twostep.provisioning_uri(user, secret)
    return render_template(
        "accounts/two_step_setup.html",
        form=form,
        secret=secret,
        qr=twostep.qr_svg(uri, _("QR code for your authenticator app")),
        required=is_adult(user) and user.role in (Role.ADMIN, Role.SAFEGUARDING_LEAD),
    )


from youthportal.accounts import views_member  # noqa: E402,F401  (registers more routes)
