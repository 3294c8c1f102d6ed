"""Moderation pages: reporting content, the review queue and its decisions, a member's own
moderation page, sanctions and appeals, and the calm help page after an urgent disclosure."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.accounts.ages import user_age_band
from youthportal.accounts.models import Group, User
from youthportal.core import audit, once
from youthportal.core.pagination import paginate
from youthportal.core.permissions import (
    can_sanction,
    get_or_404,
    moderates_group,
    require,
)
from youthportal.extensions import db
from youthportal.safety import (
    export,  # noqa: F401 - registers my-data parts
    labels,
    review,
    sanctions,
)
from youthportal.safety import flags as flag_service
from youthportal.safety.content import REGISTRY, load, load_many
from youthportal.safety.forms import (
    AppealDecisionForm,
    AppealForm,
    ConfirmForm,
    DecisionForm,
    FlagForm,
    ReasonForm,
    SanctionForm,
)
from youthportal.safety.help import HELPLINE_KINDS, helplines
from youthportal.safety.models import (
    URGENT_FLAG_REASONS,
    Appeal,
    AppealState,
    Flag,
    FlagReason,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    ReviewState,
    Sanction,
    SanctionKind,
)
from youthportal.safety.trust import trust_level

bp = Blueprint("safety", __name__)


@bp.context_processor
def _labels():
    return {"labels": labels, "content_kinds": REGISTRY, "trust_level": trust_level}


# --- reporting ----------------------------------------------------------------------------


@bp.route("/report/<content_type>/<int:content_id>", methods=["GET", "POST"])
@login_required
def flag(content_type: str, content_id: int):
    obj = load(content_type, content_id)
    kind = REGISTRY.get(content_type)
    if obj is None or not kind.can_view(current_user, obj):
        abort(404)
    if obj.status != ModerationStatus.PUBLISHED:
        abort(404)
    if obj.author_id == current_user.id:
        abort(403)
    back = kind.url(obj)
    if flag_service.has_flagged(current_user, obj):
        flash(_("You have already reported this. Thank you: we will look at it."))
        return redirect(back)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
            flag_service.flag(current_user, obj, FlagReason(form.reason.data), form.note.data)
        except (once.AlreadySubmitted, flag_service.AlreadyFlagged):
            return once.already_sent(back)
        db.session.commit()
        return redirect(url_for("safety.flag_thanks", reason=form.reason.data))
    return render_template("safety/flag.html", form=form, obj=obj, kind=kind, back=back)


@bp.route("/report/thanks")
@login_required
def flag_thanks():
    reason = request.args.get("reason", "")
    urgent = reason in {r.value for r in URGENT_FLAG_REASONS}
    everywhere, by_country = helplines(current_user.country)
    return render_template(
        "safety/flag_thanks.html",
        urgent=urgent,
        everywhere=everywhere,
        by_country=by_country,
        kinds=HELPLINE_KINDS,
    )


@bp.route("/help-now")
def urgent_help():
    """Shown at once to a young person whose words may tell of danger."""
    country = current_user.country if current_user.is_authenticated else None
    everywhere, by_country = helplines(country)
    return render_template(
        "safety/urgent_help.html",
        everywhere=everywhere,
        by_country=by_country,
        kinds=HELPLINE_KINDS,
    )


# --- review queue -------------------------------------------------------------------------


@bp.route("/")
@require("moderator")
def queue():
    urgent_only = request.args.get("show") == "urgent"
    page = paginate(review.queue_stmt(current_user, urgent_only=urgent_only))
    if not urgent_only:
        g.review_count = page.total  # the menu's count is this page's: not counted twice
    contents = load_many((item.content_type, item.content_id) for item in page.items)
    return render_template(
        "safety/queue.html", page=page, contents=contents, urgent_only=urgent_only
    )


def _item_for_moderator(item_id: int) -> ReviewItem:
    item = get_or_404(ReviewItem, item_id)
    if not review.may_review(current_user, item):
        abort(404)
    return item


@bp.route("/item/<int:item_id>", methods=["GET", "POST"])
@require("moderator")
def item(item_id: int):
    item = _item_for_moderator(item_id)
    obj = load(item.content_type, item.content_id)
    if obj is None:
        abort(404)
    kind = REGISTRY[item.content_type]
    withdrawn = kind.withdrawn(obj)
    may_publish = not item.urgent or review.may_publish_urgent(current_user)
    form = DecisionForm()
    if withdrawn or not may_publish:
        publishing = {d.value for d in review.PUBLISHING}
        form.decision.choices = [c for c in form.decision.choices if c.value not in publishing]
    if request.method == "GET":
        form.new_text.data = obj.body if hasattr(obj, "body") else kind.text(obj)
    if item.state == ReviewState.OPEN and form.validate_on_submit():
        decision = ReviewDecision(form.decision.data)
        if decision == ReviewDecision.EDITED and not form.new_text.data:
            form.new_text.errors.append(_("Write the edited text."))
        else:
            try:
                once.claim(form.once.data)
            except once.AlreadySubmitted:
                return once.already_sent(url_for("safety.queue"))
            try:
                review.decide(
                    item,
                    obj,
                    current_user,
                    decision,
                    reason_code=form.reason_code.data,
                    note=form.note.data,
                    new_text=form.new_text.data,
                )
            except review.AlreadyDecided:
                db.session.rollback()
                flash(_("Someone else decided this a moment ago; nothing of yours was applied."))
                return redirect(url_for("safety.item", item_id=item_id))
            db.session.commit()
            flash(_("Decision saved: %(decision)s.", decision=labels.DECISION_LABELS[decision]))
            return redirect(url_for("safety.queue"))
    author = db.session.get(User, item.author_id) if item.author_id else None
    history = list(db.session.scalars(review.history_stmt(author.id))) if author else []
    active = list(db.session.scalars(sanctions.active_stmt(author))) if author else []
    flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.content_type == item.content_type, Flag.content_id == item.content_id)
            .order_by(Flag.created_at)
        )
    )
    return render_template(
        "safety/item.html",
        item=item,
        obj=obj,
        kind=kind,
        text=kind.text(obj),
        segments=highlight(kind.text(obj), item.findings or []),
        author=author,
        age_band=user_age_band(author) if author else None,
        history=history,
        active_sanctions=active,
        flags=flags,
        form=form,
        can_sanction=author is not None and can_sanction(current_user, author),
        earlier=kind.revisions(obj),
        withdrawn=withdrawn,
        may_publish=may_publish,
    )


def highlight(text: str, findings: list[dict]) -> list[tuple[str, dict | None]]:
    """Split the text into (piece, finding or None) so the page can mark what was found."""
    spans = sorted(
        (f for f in findings if 0 <= f.get("start", 0) < f.get("end", 0) <= len(text)),
        key=lambda f: (f["start"], -f["end"]),
    )
    pieces, pos = [], 0
    for f in spans:
        if f["start"] < pos:
            continue  # overlapping findings: the first one is marked
        if f["start"] > pos:
            pieces.append((text[pos : f["start"]], None))
        pieces.append((text[f["start"] : f["end"]], f))
        pos = f["end"]
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


@bp.route("/groups/<int:group_id>/premoderation", methods=["POST"])
@require("moderator")
def group_premoderation(group_id: int):
    group = get_or_404(Group, group_id)
    if not moderates_group(current_user, group.id):
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    group.is_premoderated = request.form.get("on") == "1"
    audit.record(current_user, "moderation.group_premoderation", group, on=group.is_premoderated)
    db.session.commit()
    flash(
        _("Every post in this group is now read before it is shown.")
        if group.is_premoderated
        else _("Posts in this group now follow the usual screening.")
    )
    return redirect(url_for("groups.detail", group_id=group.id))


# --- sanctions ----------------------------------------------------------------------------


@bp.route("/members/<int:user_id>/sanctions", methods=["GET", "POST"])
@require("moderator")
def member_sanctions(user_id: int):
    member = get_or_404(User, user_id)
    if not can_sanction(current_user, member):
        abort(404)
    form = SanctionForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(request.path)
        kind = SanctionKind(form.kind.data)
        item_id = request.args.get("item", type=int)
        item = db.session.get(ReviewItem, item_id) if item_id else None
        if item is not None and item.author_id != member.id:
            item = None  # only a decision about this member's own words is linked
        sanctions.issue(current_user, member, kind, form.reason.data, review_item=item)
        db.session.commit()
        flash(_("Saved: %(what)s.", what=labels.SANCTION_LABELS[kind]))
        return redirect(url_for("safety.member_sanctions", user_id=member.id))
    page = paginate(sanctions.history_stmt(member))
    return render_template(
        "safety/sanctions.html",
        member=member,
        page=page,
        form=form,
        revoke_form=ReasonForm(),
        next_mute_hours=sanctions.next_mute_hours(member),
    )


@bp.route("/sanctions/<int:sanction_id>/revoke", methods=["POST"])
@require("moderator")
def revoke_sanction(sanction_id: int):
    sanction = get_or_404(Sanction, sanction_id)
    if not can_sanction(current_user, sanction.user):
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        sanctions.revoke(current_user, sanction, form.reason.data)
        db.session.commit()
        flash(_("The sanction was lifted."))
    else:
        flash(_("Please give a reason."))
    return redirect(url_for("safety.member_sanctions", user_id=sanction.user_id))


# --- a member's own moderation page and appeals -----------------------------------------------


@bp.route("/mine")
@login_required
def mine():
    tab = request.args.get("tab", "decisions")
    if tab == "reports":
        page = paginate(
            select(Flag).where(Flag.reporter_id == current_user.id).order_by(Flag.created_at.desc())
        )
    elif tab == "sanctions":
        page = paginate(sanctions.history_stmt(current_user))
    else:
        tab = "decisions"
        page = paginate(
            select(ReviewItem)
            .where(ReviewItem.author_id == current_user.id, ReviewItem.reason != "urgent")
            .order_by(ReviewItem.opened_at.desc())
        )
    appealed = set(
        db.session.execute(
            select(Appeal.review_item_id, Appeal.sanction_id).where(
                Appeal.appellant_id == current_user.id
            )
        ).all()
    )
    return render_template(
        "safety/mine.html",
        tab=tab,
        page=page,
        appealed_items={a for a, _ in appealed if a},
        appealed_sanctions={s for _, s in appealed if s},
    )


@bp.route("/appeal/<any(item, sanction):what>/<int:ident>", methods=["GET", "POST"])
@login_required
def appeal(what: str, ident: int):
    item = sanction = None
    if what == "item":
        item = get_or_404(ReviewItem, ident)
    else:
        sanction = get_or_404(Sanction, ident)
    if not sanctions.appealable(current_user, review_item=item, sanction=sanction):
        abort(404)
    if sanctions.existing_appeal(review_item=item, sanction=sanction) is not None:
        flash(_("You have already appealed this decision. Each decision can be appealed once."))
        return redirect(url_for("safety.mine"))
    form = AppealForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
            sanctions.open_appeal(current_user, form.text.data, review_item=item, sanction=sanction)
        except (once.AlreadySubmitted, sanctions.AlreadyAppealed):
            return once.already_sent(url_for("safety.mine"))
        db.session.commit()
        flash(_("Your appeal was sent. A different facilitator will look at it."))
        return redirect(url_for("safety.mine"))
    return render_template("safety/appeal.html", form=form, item=item, sanction=sanction)


@bp.route("/appeals")
@require("moderator")
def appeals():
    page = paginate(sanctions.open_appeals_stmt(current_user))
    return render_template("safety/appeals.html", page=page)


@bp.route("/appeals/<int:appeal_id>", methods=["GET", "POST"])
@require("moderator")
def appeal_decide(appeal_id: int):
    appeal = get_or_404(Appeal, appeal_id)
    if not sanctions.may_see_appeal(current_user, appeal):
        abort(404)  # moderators see the appeals about what they moderate
    allowed = sanctions.may_decide(current_user, appeal)
    form = AppealDecisionForm()
    if appeal.state == AppealState.OPEN and form.validate_on_submit():
        if not allowed:
            abort(403)
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("safety.appeals"))
        sanctions.decide_appeal(
            current_user, appeal, form.outcome.data == "overturned", form.note.data
        )
        db.session.commit()
        flash(_("The appeal was decided."))
        return redirect(url_for("safety.appeals"))
    obj = (
        load(appeal.review_item.content_type, appeal.review_item.content_id)
        if appeal.review_item
        else None
    )
    return render_template(
        "safety/appeal_decide.html",
        appeal=appeal,
        obj=obj,
        text=REGISTRY[appeal.review_item.content_type].text(obj) if obj is not None else None,
        form=form,
        allowed=allowed,
        mute_hours=current_app.config["MUTE_DURATIONS_HOURS"],
    )
