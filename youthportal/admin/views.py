"""Admin pages: users, adult invitations, institutions, settings and the audit log."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, NumberRange, Optional, ValidationError

from youthportal.accounts import services as account_services
from youthportal.accounts.models import Institution, Role, User
from youthportal.admin import services
from youthportal.admin.forms import (
    INSTITUTION_KIND_LABELS,
    AuditFilterForm,
    InstitutionForm,
    InviteAdultForm,
    ReinstateForm,
    RoleForm,
    SuspendForm,
    UserFilterForm,
    valid_domains,
)
from youthportal.core import audit, once, settings
from youthportal.core.forms import REQUIRED, Form, options
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, require
from youthportal.extensions import db

bp = Blueprint("admin", __name__)


@bp.before_request
@require("admin")
def _admins_only():
    return None


@bp.context_processor
def _labels():
    return {"institution_kind_labels": INSTITUTION_KIND_LABELS}


@bp.route("/")
def index():
    return redirect(url_for("admin.users"))


@bp.route("/users")
def users():
    form = UserFilterForm(request.args)
    form.validate()
    page = paginate(services.users_stmt(form.q.data, form.role.data or None))
    return render_template("admin/users.html", page=page, form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_detail(user_id):
    user = get_or_404(User, user_id)
    if user.is_deleted:
        abort(404)
    suspend_form = SuspendForm(prefix="suspend")
    reinstate_form = ReinstateForm(prefix="reinstate")
    role_form = RoleForm(prefix="role", data={"role": user.role.value})
    role_form.institution.choices = services.institution_choices()
    if request.method == "POST":
        if user.id == current_user.id:
            abort(403)  # an admin cannot suspend or demote themselves
        if suspend_form.submit.data and suspend_form.validate():
            services.suspend(current_user, user, suspend_form.reason.data)
            db.session.commit()
            flash(_("%(name)s is suspended and signed out everywhere.", name=user.login_name))
            return redirect(url_for("admin.user_detail", user_id=user.id))
        if reinstate_form.submit.data and reinstate_form.validate():
            services.reinstate(current_user, user, reinstate_form.reason.data)
            db.session.commit()
            flash(_("%(name)s can sign in again.", name=user.login_name))
            return redirect(url_for("admin.user_detail", user_id=user.id))
        if role_form.submit.data and role_form.validate():
            if user.role == Role.YOUTH:
                abort(403)
            services.change_role(
                current_user,
                user,
                Role(role_form.role.data),
                role_form.institution.data or None,
                role_form.reason.data,
            )
            db.session.commit()
            flash(_("The role was changed."))
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template(
        "admin/user_detail.html",
        user=user,
        suspend_form=suspend_form,
        reinstate_form=reinstate_form,
        role_form=role_form,
    )


@bp.route("/invite", methods=["GET", "POST"])
def invite():
    form = InviteAdultForm()
    form.institution.choices = services.institution_choices()
    if form.validate_on_submit():
        role = Role(form.role.data)
        if role == Role.POLICY_MAKER and not form.institution.data:
            form.institution.errors = [_("Choose the institution of this policy-maker.")]
        elif account_services.email_taken(form.email.data):
            form.email.errors = [_("This e-mail address is already used by another account.")]
        else:
            try:
                once.claim(form.once.data)
            except once.AlreadySubmitted:
                db.session.rollback()
                flash(_("This form was already sent; nothing was changed."))
                return redirect(url_for("admin.users"))
            account_services.invite_adult(
                current_user, form.email.data, role, form.institution.data
            )
            db.session.commit()
            flash(_("The invitation was sent to %(email)s.", email=form.email.data))
            return redirect(url_for("admin.users"))
    return render_template("admin/invite.html", form=form)


@bp.route("/institutions", methods=["GET", "POST"])
def institutions():
    form = InstitutionForm()
    if form.validate_on_submit():
        if services.institution_name_taken(form.name.data, form.country.data, None):
            form.name.errors = [_("An institution with this name already exists in this country.")]
        else:
            try:
                once.claim(form.once.data)
            except once.AlreadySubmitted:
                db.session.rollback()
                return redirect(url_for("admin.institutions"))
            services.save_institution(
                current_user,
                None,
                form.name.data,
                form.kind.data,
                form.country.data,
                form.contact_email.data,
            )
            db.session.commit()
            flash(_("The institution was saved."))
            return redirect(url_for("admin.institutions"))
    page = paginate(services.institutions_stmt())
    return render_template("admin/institutions.html", page=page, form=form)


@bp.route("/institutions/<int:institution_id>", methods=["GET", "POST"])
def institution_edit(institution_id):
    institution = get_or_404(Institution, institution_id)
    form = InstitutionForm(obj=institution)
    if request.method == "GET":
        form.kind.data = institution.kind.value
    if form.validate_on_submit():
        if services.institution_name_taken(form.name.data, form.country.data, institution.id):
            form.name.errors = [_("An institution with this name already exists in this country.")]
        else:
            services.save_institution(
                current_user,
                institution,
                form.name.data,
                form.kind.data,
                form.country.data,
                form.contact_email.data,
            )
            db.session.commit()
            flash(_("The institution was saved."))
            return redirect(url_for("admin.institutions"))
    return render_template("admin/institution_edit.html", form=form, institution=institution)


def _number_given(form, field):
    if field.data is None:
        raise ValidationError(REQUIRED)


def _settings_form():
    fields = {}
    for key, spec in settings.SPECS.items():
        if spec.kind is int:
            fields[key] = IntegerField(
                spec.label,
                default=settings.get(key),
                validators=[
                    # 0 is a valid answer, which DataRequired would refuse.
                    _number_given,
                    NumberRange(
                        min=spec.minimum,
                        max=spec.maximum,
                        message=_(
                            "Choose a number from %(min)s to %(max)s.",
                            min=spec.minimum,
                            max=spec.maximum,
                        ),
                    ),
                ],
            )
        elif spec.check == "domains":
            fields[key] = TextAreaField(
                spec.label, default=settings.get(key), validators=[Optional(), valid_domains]
            )
        else:
            fields[key] = StringField(
                spec.label,
                default=settings.get(key),
                validators=[
                    DataRequired(message=REQUIRED),
                    Email(message=_("Please enter a valid e-mail address, like name@example.com.")),
                ],
            )
    return type("SettingsForm", (Form,), fields)()


@bp.route("/settings", methods=["GET", "POST"])
def settings_page():
    form = _settings_form()
    if form.validate_on_submit():
        changed = 0
        for key in settings.SPECS:
            changed += services.change_setting(current_user, key, form[key].data)
        db.session.commit()
        flash(_("Settings saved (%(n)s changed).", n=changed))
        return redirect(url_for("admin.settings_page"))
    return render_template("admin/settings.html", form=form, keys=list(settings.SPECS))


@bp.route("/audit")
def audit_log():
    form = AuditFilterForm(request.args)
    form.action.choices = options(
        [("", _("All actions"))] + [(key, audit.label(key)) for key in audit.ACTION_LABELS]
    )
    form.validate()
    page = paginate(services.audit_stmt(form.action.data or None, form.actor.data or None))
    # Targets that are users, loaded in one query for the whole page.
    user_ids = {e.target_id for e in page.items if e.target_type == "User" and e.target_id}
    targets = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
        if user_ids
        else {}
    )
    return render_template(
        "admin/audit.html", page=page, form=form, targets=targets, label=audit.label
    )
