"""Facilitator pages: groups, invite codes, class rosters, members and their consent."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from youthportal.accounts import services as account_services
from youthportal.accounts.models import ConsentStatus, Group, GroupKind, InviteCode
from youthportal.core import once
from youthportal.core.pagination import paginate
from youthportal.core.permissions import facilitates_group, get_or_404, require
from youthportal.extensions import db
from youthportal.groups import services
from youthportal.groups.forms import (
    GROUP_KIND_LABELS,
    BadgesForm,
    ConfirmForm,
    GroupForm,
    InviteForm,
    PaperConsentForm,
    RosterForm,
)

bp = Blueprint("groups", __name__)


def _my_group(group_id: int) -> Group:
    group = get_or_404(Group, group_id)
    if not facilitates_group(current_user, group):
        abort(404)  # facilitators do not learn about other people's groups
    return group


def _my_member(group: Group, user_id: int):
    membership = services.membership(group, user_id)
    if membership is None:
        abort(404)
    return membership.user


def _already_sent():
    db.session.rollback()
    flash(_("This form was already sent; nothing was changed."))


@bp.context_processor
def _labels():
    return {"group_kind_labels": GROUP_KIND_LABELS}


@bp.route("/")
@require("facilitator")
def index():
    page = paginate(services.my_groups_stmt(current_user))
    counts = services.member_counts([group.id for group in page.items])
    return render_template("groups/index.html", page=page, counts=counts)


@bp.route("/new", methods=["GET", "POST"])
@require("facilitator")
def create():
    form = GroupForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            _already_sent()
            return redirect(url_for("groups.index"))
        group = services.create_group(
            current_user, form.name.data, GroupKind(form.kind.data), form.country.data
        )
        db.session.commit()
        flash(_("The group %(name)s was created.", name=group.name))
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/create.html", form=form)


@bp.route("/<int:group_id>", methods=["GET", "POST"])
@require("facilitator")
def detail(group_id):
    group = _my_group(group_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            _already_sent()
            return redirect(url_for("groups.detail", group_id=group.id))
        invite = services.create_invite(current_user, group, form.days.data, form.max_uses.data)
        db.session.commit()
        flash(_("New invite code: %(code)s", code=invite.code))
        return redirect(url_for("groups.detail", group_id=group.id))
    page = paginate(services.invites_stmt(group), per_page=10)
    return render_template(
        "groups/detail.html",
        group=group,
        form=form,
        page=page,
        revoke_form=ConfirmForm(),
        member_count=services.member_counts([group.id]).get(group.id, 0),
    )


@bp.route("/<int:group_id>/invites/<int:invite_id>/revoke", methods=["POST"])
@require("facilitator")
def revoke_invite(group_id, invite_id):
    group = _my_group(group_id)
    invite = get_or_404(InviteCode, invite_id)
    if invite.group_id != group.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.revoke_invite(current_user, invite)
        db.session.commit()
        flash(_("The invite code %(code)s no longer works.", code=invite.code))
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.route("/<int:group_id>/members")
@require("facilitator")
def members(group_id):
    group = _my_group(group_id)
    page = paginate(services.members_stmt(group))
    return render_template(
        "groups/members.html", group=group, page=page, ConsentStatus=ConsentStatus
    )


@bp.route("/<int:group_id>/roster", methods=["GET", "POST"])
@require("facilitator")
def roster(group_id):
    group = _my_group(group_id)
    form = RosterForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            _already_sent()
            return redirect(url_for("groups.members", group_id=group.id))
        cards = services.create_roster(current_user, group, form.parsed)
        db.session.commit()
        # The one-time passwords exist only in this response: print the cards now.
        return render_template("groups/login_cards.html", group=group, cards=cards)
    return render_template("groups/roster.html", group=group, form=form)


@bp.route("/<int:group_id>/members/<int:user_id>/consent", methods=["GET", "POST"])
@require("facilitator")
def paper_consent(group_id, user_id):
    group = _my_group(group_id)
    member = _my_member(group, user_id)
    consent = member.consent
    if consent is None or consent.status != ConsentStatus.PENDING:
        flash(_("This member does not need consent to be recorded."))
        return redirect(url_for("groups.members", group_id=group.id))
    form = PaperConsentForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
            account_services.record_paper_consent(
                consent, current_user, form.form_reference.data, form.signed_on.data
            )
        except once.AlreadySubmitted:
            _already_sent()
        except account_services.ServiceError as exc:
            db.session.rollback()
            flash(str(exc))
        else:
            db.session.commit()
            flash(_("Consent recorded for %(name)s.", name=member.display_name))
        return redirect(url_for("groups.members", group_id=group.id))
    return render_template("groups/paper_consent.html", group=group, member=member, form=form)


@bp.route("/<int:group_id>/members/<int:user_id>/reset-password", methods=["GET", "POST"])
@require("facilitator")
def reset_password(group_id, user_id):
    group = _my_group(group_id)
    member = _my_member(group, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        code = account_services.issue_one_time_password(current_user, member)
        db.session.commit()
        return render_template(
            "groups/one_time_password.html", group=group, member=member, code=code
        )
    return render_template("groups/reset_password.html", group=group, member=member, form=form)


@bp.route("/<int:group_id>/members/<int:user_id>/badges", methods=["GET", "POST"])
@require("facilitator")
def badges(group_id, user_id):
    group = _my_group(group_id)
    member = _my_member(group, user_id)
    form = BadgesForm(obj=member)
    if form.validate_on_submit():
        services.set_parliamentarian(
            current_user, member, form.parliament_term_start.data, form.parliament_term_end.data
        )
        services.set_champion(current_user, member, bool(form.is_champion.data))
        db.session.commit()
        flash(_("Saved for %(name)s.", name=member.display_name))
        return redirect(url_for("groups.members", group_id=group.id))
    return render_template("groups/badges.html", group=group, member=member, form=form)
