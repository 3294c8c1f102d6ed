"""Poll pages: the list, opening and changing a poll, voting, results, receipts, reasons,
proposed options and the organisers' turnout page. Thin: load (404), authorise (403),
call the service, render."""

import csv
import io

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.core import audience as audiences
from youthportal.core import once
from youthportal.core.audience import AudienceKind
from youthportal.core.forms import options
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, is_outside_adult
from youthportal.extensions import db
from youthportal.polls import (
    export,  # noqa: F401 - registers the "my data" parts
    labels,
    moderation,  # noqa: F401 - registers polls, options and reasons as content
    results,
    rules,
    services,
    turnout,
    voting,
)
from youthportal.polls.chart import bars
from youthportal.polls.forms import OptionForm, PollForm, ReceiptForm, VoteForm, to_local
from youthportal.polls.models import Method, Poll, PollReason
from youthportal.safety.models import ModerationStatus

bp = Blueprint("polls", __name__)


@bp.context_processor
def _labels():
    return {"poll_labels": labels, "phase_of": rules.phase}


def _poll_or_404(poll_id: int) -> Poll:
    poll = get_or_404(Poll, poll_id)
    waiting_for_me = poll.status == ModerationStatus.PENDING and (
        poll.author_id == current_user.id or rules.manages(current_user, poll)
    )
    if poll.status != ModerationStatus.PUBLISHED and not waiting_for_me:
        abort(404)
    if not rules.may_view(current_user, poll):
        abort(404)
    return poll


def _refused_text(form, field, verdict) -> None:
    field.errors.append(" ".join(verdict.messages()))
    form.once.data = once.new_token()


@bp.route("/")
@login_required
def index():
    if is_outside_adult(current_user):
        abort(403)  # officials and invited experts: not the young people's own questions
    state = request.args.get("state")
    state = state if state in ("open", "upcoming", "closed") else None
    page = paginate(services.polls_stmt(current_user, state))
    return render_template(
        "polls/index.html", page=page, state=state, may_create=rules.may_create(current_user)
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not rules.may_create(current_user):
        abort(403)
    form = PollForm()
    form.group_ids.choices = options(audiences.group_choices(current_user))
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("polls.index"))
        poll, verdict = services.create(current_user, form.setup(), current_locale_code())
        if poll is None:
            db.session.rollback()
            _refused_text(form, form.title, verdict)
        else:
            db.session.commit()
            if poll.status == ModerationStatus.PENDING:
                flash(_("Thank you! Your poll is waiting for review before others see it."))
            else:
                flash(_("The poll was saved."))
            return redirect(url_for("polls.detail", poll_id=poll.id))
    return render_template(
        "polls/form.html", form=form, poll=None, setup_open=True, voting_started=False
    )


@bp.route("/<int:poll_id>/edit", methods=["GET", "POST"])
@login_required
def edit(poll_id: int):
    poll = _poll_or_404(poll_id)
    if not rules.manages(current_user, poll):
        abort(403)
    if rules.phase(poll) == rules.Phase.CLOSED:
        flash(_("A closed poll cannot be changed."))
        return redirect(url_for("polls.detail", poll_id=poll.id))
    if poll.event_id is not None:
        flash(_("A people's choice vote is set up from its UneHack event."))
        return redirect(url_for("polls.detail", poll_id=poll.id))
    if poll.audience_kind == AudienceKind.COHORT:
        # An adoption vote's rules come from its cohort; changing them mid-vote is unfair.
        flash(_("An adoption vote cannot be changed once it has opened."))
        return redirect(url_for("polls.detail", poll_id=poll.id))
    setup_open = rules.may_edit_setup(poll)
    form = PollForm(obj=poll if request.method == "GET" else None)
    form.group_ids.choices = options(audiences.group_choices(current_user, poll))
    started = rules.phase(poll) != rules.Phase.UPCOMING
    # Settings that are fixed are not on the form: the poll's own values stand in for them.
    if request.method == "GET" or not setup_open:
        _fill_setup(form, poll)
    if request.method == "GET" or started:
        _fill_running(form, poll)
    if request.method == "GET":
        form.reason_mode.data = poll.reason_mode.value
        form.closes_at.data = to_local(poll.closes_at)
    if request.method == "POST" and form.validate_on_submit():
        verdict = services.update(current_user, poll, form.setup(), current_locale_code())
        if verdict.blocked:
            db.session.rollback()
            _refused_text(form, form.title, verdict)
        else:
            db.session.commit()
            flash(_("The poll was saved."))
            return redirect(url_for("polls.detail", poll_id=poll.id))
    return render_template(
        "polls/form.html",
        form=form,
        poll=poll,
        setup_open=setup_open,
        voting_started=started,
    )


def _fill_setup(form: PollForm, poll: Poll) -> None:
    """How votes are cast: fixed once the first ballot is in."""
    form.method.data = poll.method.value
    form.options_text.data = "\n".join(o.label for o in services.rules_options(poll))
    form.scale_text.data = "\n".join(poll.scale_labels or [])
    form.max_choices.data = poll.max_choices
    form.is_secret.data = poll.is_secret
    form.allow_change.data = poll.allow_change
    form.receipts.data = poll.receipts


def _fill_running(form: PollForm, poll: Poll) -> None:
    """Who votes and when results show: fixed once voting has begun."""
    form.results_visibility.data = poll.results_visibility.value
    form.quorum_percent.data = poll.quorum_percent
    form.youth_options.data = poll.youth_options
    form.audience_kind.data = poll.audience_kind.value
    form.group_ids.data = poll.group_ids
    form.age_bands.data = poll.age_bands
    form.opens_at.data = to_local(poll.opens_at)


@bp.route("/<int:poll_id>")
@login_required
def detail(poll_id: int):
    poll = _poll_or_404(poll_id)
    return _detail_page(poll, VoteForm())


def _detail_page(poll: Poll, form: VoteForm, *, chosen=None, status: int = 200):
    options = services.visible_options(poll, current_user)
    voted = rules.has_voted(current_user, poll)
    my_choices = None
    if voted and not poll.is_secret:
        my_choices = voting.my_open_ballot(poll, current_user)
    return (
        render_template(
            "polls/detail.html",
            poll=poll,
            form=form,
            options=[o for o in options if o.status == ModerationStatus.PUBLISHED],
            my_waiting_options=[o for o in options if o.status != ModerationStatus.PUBLISHED],
            phase=rules.phase(poll),
            voted=voted,
            may_vote=rules.may_vote(current_user, poll)
            and (not voted or (not poll.is_secret and poll.allow_change)),
            in_audience=rules.may_vote(current_user, poll) or voted,
            results_visible=rules.results_visible(current_user, poll, voted=voted),
            manages=rules.manages(current_user, poll),
            chosen=chosen if chosen is not None else (my_choices or []),
            scale_points=voting.scale_points(poll),
            own_options=voting.own_option_ids(poll, current_user),
            option_form=OptionForm(),
            may_propose=_may_propose(poll),
            adopts=_adopted_report(poll),
        ),
        status,
    )


def _adopted_report(poll: Poll):
    """The report an adoption vote decides on (voters read it before they vote)."""
    if poll.audience_kind != AudienceKind.COHORT:
        return None
    from youthportal.reports.models import Report

    return db.session.scalar(select(Report).where(Report.vote_poll_id == poll.id))


def _may_propose(poll: Poll) -> bool:
    return (
        poll.youth_options
        and rules.phase(poll) == rules.Phase.UPCOMING
        and not rules.has_ballots(poll)
        and audiences.includes(rules.audience_of(poll), current_user)
    )


def _submitted_choices(poll: Poll) -> list:
    if poll.method == Method.RANKED:
        count = len(services.rules_options(poll))
        return [request.form.get(f"rank-{n}", "") for n in range(1, count + 1)]
    return request.form.getlist("choice")


@bp.route("/<int:poll_id>/vote", methods=["POST"])
@login_required
def vote(poll_id: int):
    poll = _poll_or_404(poll_id)
    if poll.status != ModerationStatus.PUBLISHED:
        abort(404)
    form = VoteForm()
    raw = _submitted_choices(poll)
    if not form.validate_on_submit():
        return _detail_page(poll, form, chosen=raw, status=400)
    try:
        once.claim(form.once.data)
        cast = voting.cast(poll, current_user, raw, form.reason.data, current_locale_code())
    except once.AlreadySubmitted:
        return once.already_sent(url_for("polls.detail", poll_id=poll.id))
    except voting.VoteRefused as refused:
        db.session.rollback()
        message = labels.REFUSALS[refused.code]
        if refused.verdict is not None:
            form.reason.errors.append(" ".join([str(message), *refused.verdict.messages()]))
        else:
            flash(message)
        form.once.data = once.new_token()
        status = 403 if refused.code in ("not_open", "not_audience") else 400
        if refused.code == "already_voted":
            status = 409
        return _detail_page(poll, form, chosen=raw, status=status)
    db.session.commit()
    if cast.urgent:
        return redirect(url_for("safety.urgent_help"))
    # Rendered, not redirected: a receipt is shown once and never stored in the session.
    return render_template("polls/voted.html", poll=poll, cast=cast)


@bp.route("/<int:poll_id>/results")
@login_required
def results_page(poll_id: int):
    poll = _poll_or_404(poll_id)
    if not rules.results_visible(current_user, poll):
        return render_template("polls/results_hidden.html", poll=poll), 403
    tally = results.current_kept(poll)
    options = results.options_by_id(poll)
    return render_template(
        "polls/results.html",
        poll=poll,
        tally=tally,
        options=options,
        quorum=results.quorum(poll),
        phase=rules.phase(poll),
        chart=_chart(poll, tally, options),
        scale_points=voting.scale_points(poll),
        reasons_count=_published_reasons(poll),
    )


def _label(options, key) -> str:
    option = options.get(int(key))
    return option.display_label if option is not None else "—"


def _chart(poll: Poll, tally: dict, options) -> object:
    if poll.method == Method.SCALE:
        rows = [
            (poll.scale_labels[int(point) - 1] if poll.scale_labels else point, n)
            for point, n in tally["distribution"].items()
        ]
        return bars(rows, title=poll.title, description=_("Number of votes for each point."))
    if poll.method == Method.RANKED:
        last = tally["rounds"][-1]["counts"]
        rows = [(_label(options, key), n) for key, n in last.items()]
        winner = [n for n, key in enumerate(last) if tally["winner"] == int(key)]
        return bars(
            rows,
            title=poll.title,
            description=_("Votes in the last round of counting."),
            highlight=winner,
        )
    rows = [(_label(options, key), n) for key, n in tally["counts"].items()]
    return bars(rows, title=poll.title, description=_("Number of votes for each option."))


def _published_reasons(poll: Poll) -> int:
    from sqlalchemy import func

    return db.session.scalar(
        select(func.count())
        .select_from(PollReason)
        .where(PollReason.poll_id == poll.id, PollReason.status == ModerationStatus.PUBLISHED)
    )


@bp.route("/<int:poll_id>/results.csv")
@login_required
def results_csv(poll_id: int):
    """Aggregated counts only: never an individual ballot."""
    poll = _poll_or_404(poll_id)
    if not rules.results_visible(current_user, poll):
        abort(403)
    tally = results.current_kept(poll)
    options = results.options_by_id(poll)
    out = io.StringIO()
    writer = csv.writer(out)
    if poll.method == Method.SCALE:
        writer.writerow([_("Point"), _("Votes")])
        for point, n in tally["distribution"].items():
            label = poll.scale_labels[int(point) - 1] if poll.scale_labels else point
            writer.writerow([label, n])
    elif poll.method == Method.RANKED:
        writer.writerow([_("Round"), _("Option"), _("Votes"), _("Exhausted")])
        for number, round_ in enumerate(tally["rounds"], start=1):
            for key, n in round_["counts"].items():
                writer.writerow([number, _label(options, key), n, round_["exhausted"]])
    else:
        writer.writerow([_("Option"), _("Votes")])
        for key, n in tally["counts"].items():
            writer.writerow([_label(options, key), n])
    writer.writerow([_("Ballots"), tally["ballots"]])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=poll-{poll.id}-results.csv"},
    )


@bp.route("/<int:poll_id>/receipts", methods=["GET", "POST"])
@login_required
def receipts(poll_id: int):
    """After closing, every receipt with its ballot, so each voter can check theirs. A code
    is looked up by POST: it never appears in an address, a history or a server log."""
    poll = _poll_or_404(poll_id)
    if not poll.receipts or rules.phase(poll) != rules.Phase.CLOSED:
        abort(404)
    results.current_kept(poll)
    form = ReceiptForm()
    code = ""
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        code = (form.code.data or "").strip().upper()
    page = paginate(voting.receipts_stmt(poll, code or None))
    response = make_response(
        render_template(
            "polls/receipts.html",
            poll=poll,
            page=page,
            code=code,
            form=form,
            options=results.options_by_id(poll),
            scale_points=voting.scale_points(poll),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:poll_id>/reasons")
@login_required
def reasons(poll_id: int):
    """Secret polls: after closing, shuffled (random ids) and without names. Open polls:
    with names, as soon as the results may be seen."""
    poll = _poll_or_404(poll_id)
    if poll.is_secret and rules.phase(poll) != rules.Phase.CLOSED:
        abort(403)
    if not rules.results_visible(current_user, poll):
        abort(403)
    stmt = select(PollReason).where(
        PollReason.poll_id == poll.id, PollReason.status == ModerationStatus.PUBLISHED
    )
    stmt = stmt.order_by(PollReason.id)  # random ids: a shuffled order
    page = paginate(stmt)
    return render_template("polls/reasons.html", poll=poll, page=page)


@bp.route("/<int:poll_id>/options", methods=["POST"])
@login_required
def propose(poll_id: int):
    poll = _poll_or_404(poll_id)
    if not _may_propose(poll):
        abort(403)
    form = OptionForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("polls.detail", poll_id=poll.id))
        option, verdict = services.propose_option(
            current_user, poll, form.label.data, current_locale_code()
        )
        if option is None:
            db.session.rollback()
            flash(" ".join(verdict.messages()))
        else:
            db.session.commit()
            if verdict.urgent:
                return redirect(url_for("safety.urgent_help"))
            flash(_("Thank you! A facilitator will read your option before it is added."))
    else:
        flash(" ".join(e for errors in form.errors.values() for e in errors))
    return redirect(url_for("polls.detail", poll_id=poll.id))


@bp.route("/<int:poll_id>/participation", methods=["GET", "POST"])
@login_required
def participation(poll_id: int):
    poll = _poll_or_404(poll_id)
    if not rules.manages(current_user, poll):
        abort(403)
    form = VoteForm()  # a token and CSRF for the reminder button
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            once.claim(form.once.data)
            sent = turnout.remind(current_user, poll)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("polls.participation", poll_id=poll.id))
        except turnout.NoReminder as refused:
            db.session.rollback()
            flash(labels.REMINDER_REFUSALS[refused.code])
        else:
            db.session.commit()
            flash(_("Reminder sent to %(num)d members who have not voted yet.", num=sent))
        return redirect(url_for("polls.participation", poll_id=poll.id))
    return render_template(
        "polls/participation.html",
        poll=poll,
        report=turnout.report(poll),
        quorum=results.quorum(poll),
        form=form,
    )
