"""Consultation pages: the list, opening one, its proposals (sorted, filtered, paginated),
a proposal with its supports and discussion, merging, results and what happens next."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.consultations import (
    export,  # noqa: F401 - registers the "my data" parts
    labels,
    moderation,  # noqa: F401 - registers consultations and proposals as content
    rules,
    services,
)
from youthportal.consultations.forms import (
    DATES,
    ConfirmForm,
    ConsultationForm,
    MergeForm,
    OutcomeForm,
    ProposalForm,
    check_category,
)
from youthportal.consultations.models import Consultation, Phase, Proposal
from youthportal.core import audience as audiences
from youthportal.core import once
from youthportal.core.forms import options
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, is_outside_adult
from youthportal.core.urls import is_local_path
from youthportal.discussions.services import attached_thread
from youthportal.extensions import db
from youthportal.polls.chart import bars
from youthportal.polls.forms import to_local
from youthportal.safety.models import ModerationStatus

bp = Blueprint("consultations", __name__)


@bp.context_processor
def _labels():
    return {"consultation_labels": labels, "phase_of": rules.phase, "steps": rules.STEPS}


def _consultation_or_404(consultation_id: int) -> Consultation:
    consultation = get_or_404(Consultation, consultation_id)
    mine = consultation.author_id == current_user.id or rules.manages(current_user, consultation)
    if consultation.status != ModerationStatus.PUBLISHED and not (
        mine and consultation.status == ModerationStatus.PENDING
    ):
        abort(404)
    if not rules.may_view(current_user, consultation):
        abort(404)
    return consultation


def _proposal_or_404(proposal_id: int) -> Proposal:
    proposal = get_or_404(Proposal, proposal_id)
    _consultation_or_404(proposal.consultation_id)
    waiting_for_me = (
        proposal.status == ModerationStatus.PENDING and proposal.author_id == current_user.id
    )
    if proposal.status != ModerationStatus.PUBLISHED and not waiting_for_me:
        abort(404)
    return proposal


@bp.route("/")
@login_required
def index():
    if is_outside_adult(current_user):
        abort(403)  # officials and invited experts: not the young people's own questions
    state = request.args.get("state")
    state = state if state in ("open", "results") else None
    page = paginate(services.consultations_stmt(current_user, state))
    return render_template(
        "consultations/index.html",
        page=page,
        state=state,
        may_create=rules.may_create(current_user),
    )


def _setup_form(consultation: Consultation | None) -> ConsultationForm:
    form = ConsultationForm(obj=consultation if request.method == "GET" else None)
    form.group_ids.choices = options(audiences.group_choices(current_user, consultation))
    if consultation is not None and request.method == "GET":
        form.categories_text.data = "\n".join(consultation.categories or [])
        form.audience_kind.data = consultation.audience_kind.value
        form.group_ids.data = consultation.group_ids
        form.age_bands.data = consultation.age_bands
        for name, _label in DATES:
            getattr(form, name).data = to_local(getattr(consultation, name))
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not rules.may_create(current_user):
        abort(403)
    form = _setup_form(None)
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("consultations.index"))
        consultation, verdict = services.create(current_user, form.setup(), current_locale_code())
        if consultation is None:
            db.session.rollback()
            form.title.errors.append(" ".join(verdict.messages()))
            form.once.data = once.new_token()
        else:
            db.session.commit()
            flash(
                _("Thank you! Your consultation is waiting for review before others see it.")
                if consultation.status == ModerationStatus.PENDING
                else _("The consultation was saved.")
            )
            return redirect(url_for("consultations.detail", consultation_id=consultation.id))
    return render_template("consultations/form.html", form=form, consultation=None)


@bp.route("/<int:consultation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    if not rules.manages(current_user, consultation):
        abort(403)
    if rules.phase(consultation) == Phase.CLOSED:
        flash(_("A closed consultation cannot be changed."))
        return redirect(url_for("consultations.detail", consultation_id=consultation.id))
    form = _setup_form(consultation)
    if request.method == "POST" and form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(
                url_for("consultations.detail", consultation_id=consultation.id)
            )
        verdict = services.update_setup(
            current_user, consultation, form.setup(), current_locale_code()
        )
        if verdict.blocked:
            db.session.rollback()
            form.title.errors.append(" ".join(verdict.messages()))
        else:
            db.session.commit()
            flash(_("The consultation was saved."))
            return redirect(url_for("consultations.detail", consultation_id=consultation.id))
    return render_template("consultations/form.html", form=form, consultation=consultation)


def _visitor_seed() -> int:
    """A shuffle seed kept for this visitor's session: the random order stays put while
    they page through, and differs from the next visitor's."""
    if "proposal_seed" not in session:
        session["proposal_seed"] = secrets.randbelow(2**31)
    return session["proposal_seed"]


@bp.route("/<int:consultation_id>")
@login_required
def detail(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    sort = request.args.get("sort", "supported")
    sort = sort if sort in services.SORTS else "supported"
    category = request.args.get("category") or None
    if category and category not in (consultation.categories or []):
        category = None
    form = ProposalForm()
    check_category(form, consultation.categories or [])
    return _detail_page(consultation, form, sort=sort, category=category)


def _detail_page(consultation, form, *, sort="supported", category=None, status=200):
    page = paginate(
        services.proposals_stmt(
            consultation, current_user, sort=sort, category=category, seed=_visitor_seed()
        )
    )
    return (
        render_template(
            "consultations/detail.html",
            consultation=consultation,
            page=page,
            sort=sort,
            category=category,
            credits=services.credits([p.id for p in page.items]),
            supported=services.my_supports(current_user, consultation),
            phase=rules.phase(consultation),
            may_propose=rules.may_propose(current_user, consultation),
            may_support=rules.may_support(current_user, consultation),
            manages=rules.manages(current_user, consultation),
            form=form,
            confirm=ConfirmForm(),
        ),
        status,
    )


@bp.route("/<int:consultation_id>/proposals", methods=["POST"])
@login_required
def propose(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    if not rules.may_propose(current_user, consultation):
        abort(403)
    form = ProposalForm()
    check_category(form, consultation.categories or [])
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(
                url_for("consultations.detail", consultation_id=consultation.id)
            )
        proposal, verdict = services.submit_proposal(
            current_user,
            consultation,
            " ".join(form.title.data.split()),
            form.body.data,
            form.category.data,
            current_locale_code(),
        )
        if proposal is not None:
            db.session.commit()
            if verdict.urgent:
                return redirect(url_for("safety.urgent_help"))
            if verdict.held or proposal.status == ModerationStatus.PENDING:
                flash(
                    " ".join(
                        [_("Thank you! Your proposal is waiting for review."), *verdict.messages()]
                    )
                )
            else:
                flash(_("Your proposal is published."))
            return redirect(url_for("consultations.proposal", proposal_id=proposal.id))
        db.session.rollback()
        form.body.errors.append(" ".join(verdict.messages()))
        form.once.data = once.new_token()
    return _detail_page(consultation, form, status=422)


@bp.route("/<int:consultation_id>/phase", methods=["POST"])
@login_required
def next_phase(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    if not rules.manages(current_user, consultation):
        abort(403)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(url_for("consultations.detail", consultation_id=consultation.id))
    moved = services.move_to_next_phase(current_user, consultation)
    db.session.commit()
    if moved is not None:
        flash(_("Now: %(phase)s.", phase=labels.PHASE_LABELS[moved.value]))
    return redirect(url_for("consultations.detail", consultation_id=consultation.id))


@bp.route("/proposals/<int:proposal_id>")
@login_required
def proposal(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    consultation = proposal.consultation
    merge_form = None
    if rules.manages(current_user, consultation) and proposal.merged_into_id is None:
        merge_form = MergeForm()
        others = [p for p in services.ranked(consultation) if p.id != proposal.id]
        merge_form.target.choices = options((p.id, p.title) for p in others)
    return render_template(
        "consultations/proposal.html",
        proposal=proposal,
        consultation=consultation,
        credits=services.credits([proposal.id])[proposal.id],
        supported=proposal.id in services.my_supports(current_user, consultation),
        may_support=rules.may_support(current_user, consultation)
        and proposal.author_id != current_user.id,
        may_comment=rules.may_comment(current_user, consultation),
        phase=rules.phase(consultation),
        confirm=ConfirmForm(),
        merge_form=merge_form,
        merged_into=_visible_target(proposal),
    )


def _visible_target(proposal: Proposal) -> Proposal | None:
    """The proposal this one was merged into, if others may see it."""
    if not proposal.merged_into_id:
        return None
    target = db.session.get(Proposal, proposal.merged_into_id)
    return target if target and target.status == ModerationStatus.PUBLISHED else None


@bp.route("/proposals/<int:proposal_id>/support", methods=["POST"])
@login_required
def support(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    form = ConfirmForm()
    back = request.form.get("back")
    if not is_local_path(back):
        back = url_for("consultations.proposal", proposal_id=proposal.id)
    if not form.validate_on_submit():
        abort(400)
    try:
        once.claim(form.once.data)
        if request.form.get("withdraw") == "1":
            services.withdraw(current_user, proposal)
            message = _("Your support was taken back.")
        else:
            services.support(current_user, proposal)
            message = _("Thank you for your support!")
    except once.AlreadySubmitted:
        return once.already_sent(back)
    except services.SupportRefused as refused:
        db.session.rollback()
        limit = proposal.consultation.support_limit or 0
        flash(labels.support_refusal(refused.code, limit))
        status = 403 if refused.code in ("not_now", "own", "not_supportable") else 409
        if status == 403:
            abort(403)
        return redirect(back)
    db.session.commit()
    flash(message)
    return redirect(back)


@bp.route("/proposals/<int:proposal_id>/discuss")
@login_required
def discuss(proposal_id: int):
    """The proposal's discussion thread (created the first time someone opens it)."""
    proposal = _proposal_or_404(proposal_id)
    if proposal.status != ModerationStatus.PUBLISHED:
        abort(404)
    thread = attached_thread("proposal", proposal.id)
    db.session.commit()
    return redirect(url_for("discussions.thread", thread_id=thread.id))


@bp.route("/proposals/<int:proposal_id>/merge", methods=["POST"])
@login_required
def merge(proposal_id: int):
    source = _proposal_or_404(proposal_id)
    if not rules.manages(current_user, source.consultation):
        abort(403)
    form = MergeForm()
    others = [p for p in services.ranked(source.consultation) if p.id != source.id]
    form.target.choices = options((p.id, p.title) for p in others)
    if not form.validate_on_submit():
        flash(_("Please choose the proposal to join it into."))
        return redirect(url_for("consultations.proposal", proposal_id=source.id))
    target = get_or_404(Proposal, form.target.data)
    try:
        once.claim(form.once.data)
        services.merge(current_user, source, target)
    except once.AlreadySubmitted:
        return once.already_sent(url_for("consultations.proposal", proposal_id=source.id))
    except services.MergeRefused:
        db.session.rollback()
        flash(_("These two proposals cannot be joined."))
        return redirect(url_for("consultations.proposal", proposal_id=source.id))
    db.session.commit()
    flash(_("The proposals were joined; supports and authors moved over."))
    return redirect(url_for("consultations.proposal", proposal_id=target.id))


@bp.route("/<int:consultation_id>/results", methods=["GET", "POST"])
@login_required
def results(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    manages = rules.manages(current_user, consultation)
    if not rules.results_visible(consultation) and not manages:
        abort(403)
    form = OutcomeForm(outcome=consultation.outcome) if manages else None
    if manages and request.method == "POST" and form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(
                url_for("consultations.results", consultation_id=consultation.id)
            )
        verdict = services.set_outcome(
            current_user, consultation, form.outcome.data, current_locale_code()
        )
        if verdict.blocked:
            db.session.rollback()
            form.outcome.errors.append(" ".join(verdict.messages()))
        else:
            db.session.commit()
            flash(_("What happens next was published."))
            return redirect(url_for("consultations.results", consultation_id=consultation.id))
    elif request.method == "POST" and not manages:
        abort(403)
    page = paginate(
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.merged_into_id.is_(None),
            Proposal.status == ModerationStatus.PUBLISHED,
        )
        .order_by(Proposal.support_count.desc(), Proposal.created_at, Proposal.id)
    )
    top = services.ranked(consultation, services.TOP_FOR_BREAKDOWN)
    return render_template(
        "consultations/results.html",
        consultation=consultation,
        page=page,
        top=top,
        breakdowns=services.breakdowns(consultation, top),
        supporters=services.supporters(consultation),
        chart=bars(
            [(p.title, p.support_count) for p in top],
            title=consultation.title,
            description=_("Supports of the leading proposals."),
        ),
        form=form,
        phase=rules.phase(consultation),
        may_request_report=services.may_request_report(current_user, consultation),
        confirm=ConfirmForm(),
    )


@bp.route("/<int:consultation_id>/report", methods=["POST"])
@login_required
def request_report(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    if not services.may_request_report(current_user, consultation):
        abort(403)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    if services.request_report(current_user, consultation):
        db.session.commit()
        flash(_("Thank you! The request to write a report from these results was recorded."))
        return redirect(url_for("reports.new", consultation=consultation.id))
    else:
        flash(_("Someone has already asked for a report from these results."))
    return redirect(url_for("consultations.results", consultation_id=consultation.id))
