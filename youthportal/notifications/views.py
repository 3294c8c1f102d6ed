"""The notification centre: list, mark read, per-kind preferences."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from youthportal.core.forms import Form
from youthportal.core.pagination import paginate
from youthportal.core.urls import is_local_path
from youthportal.extensions import db
from youthportal.notifications import services
from youthportal.notifications.kinds import KINDS, render_message

# Essential kinds (moderation decisions, safeguarding alerts) cannot be switched off.
CHOOSABLE_KINDS = {kind: spec for kind, spec in KINDS.items() if not spec.get("essential")}

bp = Blueprint("notifications", __name__)


@bp.route("/")
@login_required
def index():
    page = paginate(services.list_stmt(current_user))
    return render_template(
        "notifications/index.html", page=page, render_message=render_message, form=Form()
    )


@bp.route("/read", methods=["POST"])
@login_required
def mark_read():
    if Form().validate_on_submit():
        ident = request.form.get("id", type=int)
        services.mark_read(current_user, ident)
        db.session.commit()
        target = request.form.get("next")
        if ident and is_local_path(target):
            return redirect(target)
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    form = Form()
    if form.validate_on_submit():
        existing = services.preferences(current_user)
        email_possible = services.wants_email(current_user)
        choices = {
            kind: (
                f"{kind}.in_app" in request.form,
                # Disabled checkboxes are not sent: keep the stored choice then.
                f"{kind}.email" in request.form
                if email_possible
                else (existing[kind].email if kind in existing else True),
            )
            for kind in CHOOSABLE_KINDS
        }
        services.set_preferences(current_user, choices)
        db.session.commit()
        flash(_("Your notification settings were saved."))
        return redirect(url_for("notifications.preferences"))
    prefs = services.preferences(current_user)
    return render_template(
        "notifications/preferences.html",
        form=form,
        kinds=CHOOSABLE_KINDS,
        prefs=prefs,
        email_possible=services.wants_email(current_user),
    )
