"""UneHack pages: the list of events, an event with its step indicator, setting one up,
teams (found, join by code or invitation, leave), the "looking for a team" board and the
team page with its moderated thread. Ideas and the jury live in views_ideas and views_jury
on the same blueprint."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from youthportal.core import once
from youthportal.core.forms import claimed, form_errors, options, refusal  # noqa: F401 - shared
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, is_youth
from youthportal.discussions.services import attached_thread
from youthportal.extensions import db
from youthportal.hackathon import (
    events,
    export,  # noqa: F401 - registers the "my data" parts
    jury,
    labels,
    moderation,  # noqa: F401 - registers ideas, feedback and team threads
    rules,
    teams,
)
from youthportal.hackathon.forms import (
    DATES,
    BoardForm,
    ConfirmForm,
    EventForm,
    InviteForm,
    JoinForm,
    MentorForm,
    TeamForm,
)
from youthportal.hackathon.models import BoardEntry, Event, Idea, Phase, StaffRole, Team
from youthportal.polls.forms import to_local
from youthportal.safety.help import after_worrying_name

bp = Blueprint("hackathon", __name__)


@bp.context_processor
def _labels():
    return {"hack_labels": labels, "hack_phase_of": rules.phase, "hack_steps": rules.STEPS}


def event_or_404(event_id: int) -> Event:
    event = get_or_404(Event, event_id)
    if not rules.may_view_event(current_user, event):
        abort(404)
    return event


def team_or_404(team_id: int) -> Team:
    team = get_or_404(Team, team_id)
    if not rules.sees_team_details(current_user, team):
        abort(404)
    return team


def refused(exc, target: str):
    """A refusal: nothing of the request is kept, the person is told why."""
    return refusal(str(labels.refusal(exc.code)), exc, target)


@bp.route("/")
@login_required
def index():
    if not rules.may_view_event(current_user, None):
        abort(403)
    state = request.args.get("state")
    state = state if state in ("current", "past") else None
    page = paginate(events.events_stmt(current_user, state))
    return render_template(
        "hackathon/index.html", page=page, state=state, organises=rules.organises(current_user)
    )


def _event_form(event: Event | None) -> EventForm:
    form = EventForm(obj=event if request.method == "GET" else None)
    if event is not None and request.method == "GET":
        form.challenges_text.data = "\n".join(c.title for c in event.challenges)
        for name, _label in DATES:
            getattr(form, name).data = to_local(getattr(event, name))
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not rules.organises(current_user):
        abort(403)
    form = _event_form(None)
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("hackathon.index"))
        try:
            event = events.create(current_user, form.setup(), current_locale_code())
        except events.SetupRefused as exc:
            db.session.rollback()
            form.description.errors.append(
                " ".join(
                    [labels.refusal(exc.code), *(exc.verdict.messages() if exc.verdict else [])]
                )
            )
            form.once.data = once.new_token()
        else:
            db.session.commit()
            flash(_("The event was saved."))
            return redirect(url_for("hackathon.event", event_id=event.id))
    return render_template("hackathon/event_form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = event_or_404(event_id)
    if not rules.organises(current_user, event):
        abort(403)
    form = _event_form(event)
    if request.method == "POST" and form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(url_for("hackathon.event", event_id=event.id))
        try:
            events.update(current_user, event, form.setup(), current_locale_code())
        except events.SetupRefused as exc:
            db.session.rollback()
            form.description.errors.append(
                " ".join(
                    [labels.refusal(exc.code), *(exc.verdict.messages() if exc.verdict else [])]
                )
            )
            form.once.data = once.new_token()
        else:
            db.session.commit()
            flash(_("The event was saved."))
            return redirect(url_for("hackathon.event", event_id=event.id))
    return render_template("hackathon/event_form.html", form=form, event=event)


@bp.route("/<int:event_id>")
@login_required
def event(event_id: int):
    event = event_or_404(event_id)
    my_team = rules.team_of(current_user, event.id)
    my_idea = (
        db.session.scalar(db.select(Idea).where(Idea.team_id == my_team.id)) if my_team else None
    )
    on_board = (
        is_youth(current_user)
        and db.session.get(BoardEntry, (event.id, current_user.id)) is not None
    )
    may_join = rules.may_join_teams(current_user, event) and my_team is None
    return render_template(
        "hackathon/event.html",
        event=event,
        phase=rules.phase(event),
        my_team=my_team,
        my_idea=my_idea,
        on_board=on_board,
        may_join=may_join,
        age_fits=is_youth(current_user) and rules.age_fits(current_user, event),
        invitations=teams.my_invitations(current_user, event) if is_youth(current_user) else [],
        organises=rules.organises(current_user, event),
        is_judge=rules.acts_as(current_user, event, StaffRole.JUDGE),
        team_form=TeamForm(),
        join_form=JoinForm(),
        board_form=BoardForm(),
        confirm=ConfirmForm(),
    )


@bp.route("/<int:event_id>/teams/new", methods=["POST"])
@login_required
def found_team(event_id: int):
    event = event_or_404(event_id)
    form = TeamForm()
    back = url_for("hackathon.event", event_id=event.id)
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        team = teams.create_team(current_user, event, form.name.data, current_locale_code())
    except teams.TeamRefused as exc:
        if exc.verdict is not None and exc.verdict.urgent:
            return after_worrying_name(current_user, form.name.data)
        return refused(exc, back)
    db.session.commit()
    flash(_("Your team is ready. Share its code with your friends so they can join."))
    return redirect(url_for("hackathon.team", team_id=team.id))


@bp.route("/<int:event_id>/join", methods=["POST"])
@login_required
def join(event_id: int):
    event = event_or_404(event_id)
    form = JoinForm()
    back = url_for("hackathon.event", event_id=event.id)
    answer = claimed(form, back)
    if answer is not None:
        return answer
    team = teams.team_by_code(event, form.code.data)
    if team is None:
        db.session.rollback()
        flash(labels.refusal("bad_code"), "error")
        return redirect(back)
    try:
        teams.join(current_user, event, team)
    except teams.TeamRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("You joined the team %(team)s.", team=team.name))
    return redirect(url_for("hackathon.team", team_id=team.id))


@bp.route("/<int:event_id>/board", methods=["GET", "POST"])
@login_required
def board(event_id: int):
    event = event_or_404(event_id)
    if not rules.may_see_board(current_user):
        abort(403)
    form = BoardForm()
    if request.method == "POST":
        back = url_for("hackathon.board", event_id=event.id)
        answer = claimed(form, back, explain=False)
        if answer is not None:
            return answer
        try:
            if request.form.get("leave"):
                teams.leave_board(current_user, event)
                flash(_("You are no longer on the board."))
            else:
                teams.join_board(current_user, event, form.skills.data or [])
                flash(_("You are on the board. Teams can now invite you."))
        except teams.TeamRefused as exc:
            return refused(exc, back)
        db.session.commit()
        return redirect(back)
    skill = request.args.get("skill")
    skill = skill if skill in teams.SKILLS else None
    page = paginate(teams.board_stmt(event, skill))
    my_team = rules.team_of(current_user, event.id)
    mine = (
        db.session.get(BoardEntry, (event.id, current_user.id)) if is_youth(current_user) else None
    )
    if mine is not None and request.method == "GET":
        form.skills.data = mine.skills
    return render_template(
        "hackathon/board.html",
        event=event,
        page=page,
        skill=skill,
        my_team=my_team,
        may_invite=my_team is not None and rules.phase(event) in rules.TEAM_PHASES,
        mine=mine,
        may_join=rules.may_join_teams(current_user, event) and my_team is None,
        form=form,
        invite_form=InviteForm(),
        confirm=ConfirmForm(),
    )


@bp.route("/teams/<int:team_id>")
@login_required
def team(team_id: int):
    team = team_or_404(team_id)
    event = db.session.get(Event, team.event_id)
    idea = db.session.scalar(db.select(Idea).where(Idea.team_id == team.id))
    organises = rules.organises(current_user, event)
    mentor_form = None
    if organises:
        mentor_form = _mentor_form(event, default=str(team.mentor_id or ""))
    return render_template(
        "hackathon/team.html",
        team=team,
        event=event,
        idea=idea,
        phase=rules.phase(event),
        is_member=rules.is_team_member(current_user, team),
        organises=organises,
        mentor_form=mentor_form,
        confirm=ConfirmForm(),
    )


@bp.route("/teams/<int:team_id>/leave", methods=["POST"])
@login_required
def leave(team_id: int):
    team = team_or_404(team_id)
    event_id = team.event_id
    form = ConfirmForm()
    answer = claimed(form, url_for("hackathon.event", event_id=event_id), explain=False)
    if answer is not None:
        return answer
    try:
        teams.leave(current_user, team)
    except teams.TeamRefused as exc:
        return refused(exc, url_for("hackathon.team", team_id=team_id))
    db.session.commit()
    flash(_("You left the team."))
    return redirect(url_for("hackathon.event", event_id=event_id))


@bp.route("/teams/<int:team_id>/invite", methods=["POST"])
@login_required
def invite(team_id: int):
    team = team_or_404(team_id)
    form = InviteForm()
    back = url_for("hackathon.board", event_id=team.event_id)
    if not form.validate_on_submit() or not (form.user_id.data or "").isdigit():
        abort(400)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(back)
    try:
        teams.invite(current_user, team, int(form.user_id.data))
    except teams.TeamRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("Invitation sent. They will see it on the event page."))
    return redirect(back)


@bp.route("/teams/<int:team_id>/invitation", methods=["POST"])
@login_required
def answer_invitation(team_id: int):
    team = get_or_404(Team, team_id)
    event = event_or_404(team.event_id)
    back = url_for("hackathon.event", event_id=event.id)
    form = ConfirmForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    accept = request.form.get("answer") == "accept"
    try:
        teams.answer_invitation(current_user, team, accept)
    except teams.TeamRefused as exc:
        return refused(exc, back)
    db.session.commit()
    if accept:
        flash(_("You joined the team %(team)s.", team=team.name))
        return redirect(url_for("hackathon.team", team_id=team.id))
    flash(_("You declined the invitation."))
    return redirect(back)


def _mentor_form(event: Event, default: str | None = None) -> MentorForm:
    """The event's acting mentors to choose from, or none."""
    form = MentorForm(mentor_id=default)
    form.mentor_id.choices = options(
        [("", _("(no mentor)"))]
        + [(s.user_id, s.user.display_name) for s in jury.acting_staff(event, StaffRole.MENTOR)]
    )
    return form


@bp.route("/teams/<int:team_id>/mentor", methods=["POST"])
@login_required
def attach_mentor(team_id: int):
    team = team_or_404(team_id)
    if not rules.organises(current_user):
        abort(403)
    form = _mentor_form(db.session.get(Event, team.event_id))
    back = url_for("hackathon.team", team_id=team.id)
    answer = claimed(form, back)
    if answer is not None:
        return answer
    raw = form.mentor_id.data
    try:
        teams.attach_mentor(current_user, team, int(raw) if raw else None)
    except teams.TeamRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("The team's mentor was saved."))
    return redirect(back)


@bp.route("/teams/<int:team_id>/discussion")
@login_required
def team_discussion(team_id: int):
    """The team's own moderated thread (created the first time someone opens it)."""
    team = team_or_404(team_id)
    thread = attached_thread("hack_team", team.id)
    db.session.commit()
    return redirect(url_for("discussions.thread", thread_id=thread.id))


@bp.route("/<int:event_id>/teams")
@login_required
def teams_list(event_id: int):
    event = event_or_404(event_id)
    if not rules.organises(current_user, event):
        abort(403)
    page = paginate(teams.teams_stmt(event))
    team_ids = [t.id for t in page.items]
    ideas = {
        i.team_id: i
        for i in db.session.scalars(db.select(Idea).where(Idea.team_id.in_(team_ids or [-1])))
    }
    return render_template(
        "hackathon/teams.html", event=event, page=page, ideas=ideas, phase=rules.phase(event)
    )


# Imported last: they add their routes to `bp`.
from youthportal.hackathon import views_ideas, views_jury  # noqa: E402, F401

__all__ = ["Phase", "bp"]
