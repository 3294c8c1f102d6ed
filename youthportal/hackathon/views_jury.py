"""The jury's pages: mentors and judges on an event (experts vetted by an admin), criteria,
conflicts of interest, assignments and calibration, scoring, the judging dashboard, and the
results (a preview for organisers, public once published, with the people's choice)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.core import once
from youthportal.core.forms import options
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import is_admin
from youthportal.extensions import db
from youthportal.hackathon import jury, labels, results, rules, scoring
from youthportal.hackathon.forms import (
    CalibrationForm,
    ConfirmForm,
    ConflictForm,
    CriteriaForm,
    StaffForm,
)
from youthportal.hackathon.models import Event, StaffRole, Team
from youthportal.hackathon.views import bp, claimed, event_or_404, refused
from youthportal.hackathon.views_ideas import idea_or_404


def _organiser_event(event_id: int) -> Event:
    event = event_or_404(event_id)
    if not rules.organises(current_user, event):
        abort(403)
    return event


@bp.route("/<int:event_id>/staff", methods=["GET", "POST"])
@login_required
def staff(event_id: int):
    event = event_or_404(event_id)
    if not (rules.organises(current_user, event) or is_admin(current_user)):
        abort(403)
    form = StaffForm()
    back = url_for("hackathon.staff", event_id=event.id)
    if request.method == "POST":
        answer = claimed(form, back)
        if answer is not None:
            return answer
        try:
            jury.add_staff(current_user, event, form.login_name.data, StaffRole(form.role.data))
        except jury.JuryRefused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("Saved. Invited experts can act once an administrator has vetted them."))
        return redirect(back)
    page = paginate(jury.staff_stmt(event))
    return render_template(
        "hackathon/staff.html",
        event=event,
        page=page,
        form=form,
        confirm=ConfirmForm(),
        is_admin=is_admin(current_user),
    )


@bp.route("/<int:event_id>/staff/<int:user_id>/<role>", methods=["POST"])
@login_required
def staff_action(event_id: int, user_id: int, role: str):
    event = _organiser_event(event_id)
    if role not in StaffRole.__members__.values():
        abort(404)
    back = url_for("hackathon.staff", event_id=event.id)
    answer = claimed(ConfirmForm(), back)
    if answer is not None:
        return answer
    try:
        if request.form.get("action") == "vet":
            row = db.session.get(jury.Staff, (event.id, user_id, StaffRole(role)))
            if row is None:
                abort(404)
            jury.vet(current_user, row)
        else:
            jury.remove_staff(current_user, event, user_id, StaffRole(role))
    except jury.JuryRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("Saved."))
    return redirect(back)


@bp.route("/<int:event_id>/criteria", methods=["GET", "POST"])
@login_required
def criteria(event_id: int):
    event = _organiser_event(event_id)
    form = CriteriaForm()
    if request.method == "GET":
        for row, criterion in zip(form.rows, event.criteria, strict=False):
            row.form.name.data, row.form.weight.data = criterion.name, criterion.weight
    elif form.validate_on_submit():
        back = url_for("hackathon.criteria", event_id=event.id)
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(back)
        try:
            jury.set_criteria(current_user, event, form.criteria(), current_locale_code())
        except jury.JuryRefused as exc:
            db.session.rollback()
            messages = exc.verdict.messages() if exc.verdict else []
            form.form_errors.append(" ".join([labels.refusal(exc.code), *messages]))
            form.once.data = once.new_token()
            return render_template("hackathon/criteria.html", event=event, form=form), 422
        db.session.commit()
        flash(_("The criteria were saved."))
        return redirect(url_for("hackathon.jury_dashboard", event_id=event.id))
    return render_template("hackathon/criteria.html", event=event, form=form)


@bp.route("/<int:event_id>/jury", methods=["GET", "POST"])
@login_required
def jury_dashboard(event_id: int):
    event = _organiser_event(event_id)
    back = url_for("hackathon.jury_dashboard", event_id=event.id)
    calibration_form = CalibrationForm()
    calibration_form.idea_ids.choices = options(jury.judged_titles(event))
    if request.method == "POST":
        action = request.form.get("action")
        form = calibration_form if action == "calibration" else ConfirmForm()
        answer = claimed(form, back)
        if answer is not None:
            return answer
        try:
            if action == "assign":
                short = jury.assign(current_user, event)
                if short:
                    flash(
                        _(
                            "%(num)d ideas could not get enough judges without a conflict. "
                            "Add judges and assign again.",
                            num=len(short),
                        ),
                        "error",
                    )
            elif action == "calibration":
                jury.choose_calibration(current_user, event, calibration_form.idea_ids.data)
            elif action == "release":
                jury.release_calibration(current_user, event)
            elif action == "peoples_choice":
                poll = results.open_peoples_choice(current_user, event)
                db.session.commit()
                flash(_("The people's choice vote is open to the participants."))
                return redirect(url_for("polls.detail", poll_id=poll.id))
            else:
                abort(400)
        except (jury.JuryRefused, results.ResultsRefused) as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("Saved."))
        return redirect(back)
    calibration_form.idea_ids.data = event.calibration_idea_ids or []
    return render_template(
        "hackathon/jury.html",
        event=event,
        phase=rules.phase(event),
        board=jury.dashboard(event),
        calibration_form=calibration_form,
        profiles=jury.calibration_profiles(event) if event.calibration else [],
        poll=results.peoples_choice_poll(event),
        confirm=ConfirmForm(),
    )


@bp.route("/<int:event_id>/judging", methods=["GET", "POST"])
@login_required
def judging(event_id: int):
    """A judge's own page: conflicts to declare, ideas to score."""
    event = event_or_404(event_id)
    if rules.staff_row(current_user, event, StaffRole.JUDGE) is None:
        abort(403)
    back = url_for("hackathon.judging", event_id=event.id)
    form = ConflictForm()
    all_teams = list(
        db.session.scalars(select(Team).where(Team.event_id == event.id).order_by(Team.name))
    )
    form.team_id.choices = options((t.id, t.name) for t in all_teams)
    if request.method == "POST":
        answer = claimed(form, back)
        if answer is not None:
            return answer
        team = db.session.get(Team, form.team_id.data)
        try:
            jury.declare_conflict(current_user, event, team, form.reason.data)
        except jury.JuryRefused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("Thank you. You will not score this team's idea."))
        return redirect(back)
    conflicts = jury.conflicts_of(current_user, event)
    page = paginate(jury.my_assignments_stmt(current_user, event))
    return render_template(
        "hackathon/judging.html",
        event=event,
        phase=rules.phase(event),
        page=page,
        vetted=rules.acts_as(current_user, event, StaffRole.JUDGE),
        conflict_teams=[t for t in all_teams if t.id in conflicts],
        form=form,
        after_calibration=lambda idea: jury.waiting_for_calibration(event, idea),
    )


@bp.route("/ideas/<int:idea_id>/score", methods=["GET", "POST"])
@login_required
def score(idea_id: int):
    idea = idea_or_404(idea_id)
    event = db.session.get(Event, idea.event_id)
    if not rules.is_assigned(current_user, idea):
        abort(403)
    form = ConfirmForm()
    back = url_for("hackathon.score", idea_id=idea.id)
    mine = jury.my_scores(current_user, idea)
    values = {
        c.id: (
            str(mine[c.id].value) if c.id in mine else "",
            mine[c.id].comment if c.id in mine else "",
        )
        for c in event.criteria
    }
    error = None
    if request.method == "POST":
        submitted = {
            c.id: (
                request.form.get(f"score-{c.id}", "").strip(),
                request.form.get(f"comment-{c.id}", "")[:1000],
            )
            for c in event.criteria
        }
        values = submitted
        if not form.validate_on_submit():
            abort(400)
        parsed = {}
        for cid, (raw, comment) in submitted.items():
            if raw.lstrip("-").isdigit():
                parsed[cid] = (int(raw), comment)
        try:
            if len(parsed) != len(submitted):
                raise jury.JuryRefused("every_criterion")
            once.claim(form.once.data)
            jury.score(current_user, idea, parsed, current_locale_code())
        except once.AlreadySubmitted:
            return once.already_sent(back)
        except jury.JuryRefused as exc:
            db.session.rollback()
            error = " ".join(
                [labels.refusal(exc.code), *(exc.verdict.messages() if exc.verdict else [])]
            )
        else:
            db.session.commit()
            flash(_("Your scores were saved."))
            return redirect(url_for("hackathon.judging", event_id=event.id))
    return render_template(
        "hackathon/score.html",
        idea=idea,
        event=event,
        values=values,
        error=error,
        form=ConfirmForm(),
        calibration_pending=jury.waiting_for_calibration(event, idea),
        phase=rules.phase(event),
    ), 422 if error else 200


@bp.route("/<int:event_id>/results", methods=["GET", "POST"], endpoint="results")
@login_required
def results_page(event_id: int):
    event = db.get_or_404(Event, event_id)
    organises = rules.organises(current_user, event)
    if request.method == "POST":
        if not organises:
            abort(403)
        back = url_for("hackathon.results", event_id=event.id)
        answer = claimed(ConfirmForm(), back)
        if answer is not None:
            return answer
        try:
            results.publish(current_user, event)
        except results.ResultsRefused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("The results are published."))
        return redirect(back)
    published = rules.results_public(event)
    if not (organises or (published and rules.may_read_results(current_user, event))):
        abort(404)
    if published:
        ranking = [
            scoring.IdeaResult(**{k: v for k, v in r.items()}) for r in event.results["ranking"]
        ]
    else:
        ranking = [r for r in results.compute(event)]
    ideas = results.ideas_by_id(r.idea_id for r in ranking)
    awards = results.awards(event) if published else []
    return render_template(
        "hackathon/results.html",
        event=event,
        phase=rules.phase(event),
        ranking=ranking,
        ideas=ideas,
        awards=awards,
        published=published,
        organises=organises,
        confirm=ConfirmForm(),
        poll=results.peoples_choice_poll(event),
        disagreement_share=scoring.DISAGREEMENT_SHARE,
    )
