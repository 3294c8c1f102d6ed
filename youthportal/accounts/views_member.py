"""A member's own pages (profile, my data, deleting the account) and guardian consent."""

import json

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from youthportal.accounts import services
from youthportal.accounts.export import export_user
from youthportal.accounts.forms import (
    DeleteAccountForm,
    GuardianDecisionForm,
    ProfileForm,
    ResendConsentForm,
)
from youthportal.accounts.models import AccountStatus, ConsentStatus
from youthportal.accounts.passwords import check_password
from youthportal.accounts.views import _token_problem, bp
from youthportal.core import once
from youthportal.core.i18n import LANG_COOKIE
from youthportal.core.permissions import is_youth
from youthportal.core.tokens import TokenInvalid
from youthportal.extensions import db
from youthportal.safety.help import after_worrying_name


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user, languages=current_app.config["LANGUAGES"])
    if request.method == "GET" and not user.locale:
        form.locale.data = str(request.cookies.get(LANG_COOKIE) or "sq")
    if request.method == "POST" and user.status != AccountStatus.ACTIVE:
        flash(_("You can change your profile once your guardian has agreed."))
        return redirect(url_for("accounts.profile"))
    if form.validate_on_submit():
        new_email = (form.email.data or "").lower() or None
        if new_email and new_email != user.email and services.email_taken(new_email):
            form.email.errors = [_("This e-mail address is already used by another account.")]
        elif not new_email and not is_youth(user):
            form.email.errors = [_("Adults need an e-mail address to sign in and get messages.")]
        else:
            user.display_name = form.display_name.data
            user.avatar = form.avatar.data
            user.email = new_email
            user.email_opt_in = bool(form.email_opt_in.data and new_email)
            user.locale = form.locale.data
            db.session.commit()
            flash(_("Your profile was saved."))
            response = redirect(url_for("accounts.profile"))
            response.set_cookie(LANG_COOKIE, user.locale, max_age=365 * 86400, samesite="Lax")
            return response
    elif getattr(form, "worrying_name", None):
        # The name is refused, but the words are not lost: a safeguarding lead reads them.
        return after_worrying_name(user, form.worrying_name)
    return render_template("accounts/profile.html", form=form, user=user)


@bp.route("/me/data")
@login_required
def my_data():
    user = current_user._get_current_object()
    return render_template(
        "accounts/my_data.html", user=user, data=export_user(user), form=DeleteAccountForm()
    )


@bp.route("/me/data.json")
@login_required
def my_data_json():
    user = current_user._get_current_object()
    body = json.dumps(export_user(user), ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-youthportal-data.json"'},
    )


@bp.route("/me/delete", methods=["POST"])
@login_required
def delete_account():
    user = current_user._get_current_object()
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if check_password(user.password_hash, form.password.data):
            services.delete_account(user)
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Your account was deleted. Thank you for taking part."))
            return redirect(url_for("pages.home"))
        form.password.errors = [_("This is not your current password.")]
    return render_template(
        "accounts/my_data.html", user=user, data=export_user(user), form=form
    ), 400


@bp.route("/consent", methods=["GET", "POST"])
@login_required
def consent_status():
    user = current_user._get_current_object()
    consent = user.consent
    if consent is None or not is_youth(user):
        return redirect(url_for("pages.home"))
    form = ResendConsentForm()
    if request.method == "GET" and consent.guardian_email:
        form.guardian_email.data = consent.guardian_email
    if consent.status == ConsentStatus.PENDING and form.validate_on_submit():
        if form.guardian_email.data.lower() == (user.email or ""):
            form.guardian_email.errors = [
                _("Please enter your parent's or guardian's address, not your own.")
            ]
        else:
            try:
                once.claim(form.once.data)
                services.resend_consent(consent, form.guardian_email.data, user)
            except once.AlreadySubmitted:
                db.session.rollback()
            except services.ServiceError as exc:
                db.session.rollback()
                form.guardian_email.errors = [str(exc)]
            else:
                db.session.commit()
                flash(_("We sent the e-mail to your parent or guardian."))
                return redirect(url_for("accounts.consent_status"))
    return render_template("accounts/consent_status.html", consent=consent, form=form)


@bp.route("/guardian/<token>", methods=["GET", "POST"])
def guardian_consent(token):
    try:
        consent = services.consent_from_token(token)
    except (TokenInvalid, services.ServiceError) as exc:
        return _token_problem(exc)
    form = GuardianDecisionForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            db.session.rollback()
            return _token_problem(services.ServiceError(_("You have already answered. Thank you.")))
        accepted = bool(form.accept.data)
        services.decide_consent(consent, accept=accepted)
        db.session.commit()
        return render_template("accounts/guardian_done.html", accepted=accepted)
    return render_template(
        "accounts/guardian_consent.html",
        form=form,
        child=consent.user,
        contact_email=current_app.config["CONTACT_EMAIL"],
    )
