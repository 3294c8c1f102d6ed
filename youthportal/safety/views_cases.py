"""The safeguarding leads' pages: urgent cases, their notes and their handling."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.accounts.ages import user_age_band
from youthportal.accounts.models import Group, GroupMember
from youthportal.core import once
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.safety import labels, review, safeguarding
from youthportal.safety.content import REGISTRY, load
from youthportal.safety.forms import CaseActionForm, CaseFilterForm
from youthportal.safety.models import CaseState, ReviewItem, SafeguardingCase

bp = Blueprint("safeguarding", __name__)


@bp.before_request
@login_required
def _leads_only():
    if not safeguarding.can_handle_cases(current_user):
        abort(403)


@bp.context_processor
def _labels():
    return {"labels": labels}


@bp.route("/")
def cases():
    form = CaseFilterForm(request.args)
    state = CaseState(form.state.data) if form.validate() and form.state.data else None
    page = paginate(safeguarding.cases_stmt(state))
    return render_template("safety/cases.html", page=page, form=form)


@bp.route("/<int:case_id>", methods=["GET", "POST"])
def case(case_id: int):
    case = get_or_404(SafeguardingCase, case_id)
    form = CaseActionForm()
    if form.validate_on_submit():
        action = form.action.data
        if action == "refer" and not form.referred_to.data:
            form.referred_to.errors.append(_("Write where the case was referred."))
        elif action in ("close", "note") and not form.note.data:
            form.note.errors.append(_("Write a note."))
        else:
            try:
                once.claim(form.once.data)
            except once.AlreadySubmitted:
                db.session.rollback()
                flash(_("This form was already sent; nothing was changed."))
                return redirect(url_for("safeguarding.case", case_id=case.id))
            try:
                if action == "acknowledge":
                    safeguarding.acknowledge(case, current_user)
                elif action == "refer":
                    safeguarding.refer(case, current_user, form.referred_to.data)
                elif action == "close":
                    safeguarding.close(case, current_user)
            except safeguarding.NotNow:
                db.session.rollback()
                flash(_("This case is closed; you can still add a note."))
                return redirect(url_for("safeguarding.case", case_id=case.id))
            if form.note.data:
                safeguarding.add_note(case, current_user, form.note.data)
            db.session.commit()
            flash(_("The case was updated."))
            return redirect(url_for("safeguarding.case", case_id=case.id))
    obj = load(case.content_type, case.content_id)
    kind = REGISTRY.get(case.content_type)
    item = db.session.get(ReviewItem, case.review_item_id) if case.review_item_id else None
    if item is None and obj is not None:
        item = review.open_item_for(case.content_type, case.content_id)
    groups = []
    if case.subject_id:
        groups = list(
            db.session.scalars(
                select(Group)
                .join(GroupMember, GroupMember.group_id == Group.id)
                .where(GroupMember.user_id == case.subject_id)
                .order_by(Group.name)
            )
        )
    return render_template(
        "safety/case.html",
        case=case,
        obj=obj,
        text=kind.text(obj) if obj is not None and kind else None,
        earlier=kind.revisions(obj) if obj is not None and kind else [],
        item=item,
        findings=(item.findings if item else []) or [],
        notes=list(db.session.scalars(safeguarding.notes_stmt(case))),
        groups=groups,
        age_band=user_age_band(case.subject) if case.subject else None,
        form=form,
    )
