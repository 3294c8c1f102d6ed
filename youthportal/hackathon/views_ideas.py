"""Ideas: writing one as a team (conflicts shown, never overwritten), its page with the
mentors' feedback, its versions, submitting it, certificates and sending a winner to the
Youth Parliament."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.core import once
from youthportal.core.forms import options
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.hackathon import certificates, ideas, images, labels, promote, rules
from youthportal.hackathon.forms import (
    CertificateForm,
    ConfirmForm,
    FeedbackForm,
    IdeaForm,
    ImageForm,
    PromoteForm,
)
from youthportal.hackathon.models import Award, Criterion, Event, Idea, IdeaImage, Score
from youthportal.hackathon.views import bp, claimed, event_or_404, refused, team_or_404
from youthportal.safety import screen
from youthportal.safety.help import after_worrying_name
from youthportal.safety.models import ModerationStatus


def idea_or_404(idea_id: int) -> Idea:
    idea = get_or_404(Idea, idea_id)
    if not rules.may_see_idea(current_user, idea):
        abort(404)
    return idea


def _challenge_choices(form: IdeaForm, event: Event) -> None:
    form.challenge_id.choices = options(
        [("", _("(choose a challenge)"))] + [(c.id, c.title) for c in event.challenges]
    )


@bp.route("/teams/<int:team_id>/idea", methods=["GET", "POST"])
@login_required
def edit_idea(team_id: int):
    team = team_or_404(team_id)
    event = db.session.get(Event, team.event_id)
    if not rules.is_team_member(current_user, team):
        abort(403)
    idea = db.session.scalar(select(Idea).where(Idea.team_id == team.id))
    if not rules.may_edit_idea(current_user, team, event):
        flash(
            labels.refusal(
                "deadline" if rules.phase(event) not in rules.TEAM_PHASES else "not_now"
            ),
            "error",
        )
        return redirect(
            url_for("hackathon.idea", idea_id=idea.id)
            if idea
            else url_for("hackathon.team", team_id=team.id)
        )
    form = IdeaForm(obj=idea if request.method == "GET" else None)
    _challenge_choices(form, event)
    if request.method == "GET":
        form.base_version.data = str(idea.version) if idea else ""
        if idea is not None:
            form.challenge_id.data = str(idea.challenge_id or "")
            form.links_text.data = "\n".join(idea.links or [])
    current = None
    if request.method == "POST" and form.validate_on_submit():
        back = url_for("hackathon.edit_idea", team_id=team.id)
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return once.already_sent(back)
        raw_challenge = form.challenge_id.data or ""
        draft = ideas.IdeaDraft(
            title=" ".join(form.title.data.split()),
            problem=form.problem.data,
            helps=form.helps.data,
            how=form.how.data,
            built=form.built.data or "",
            links=form.links(),
            challenge_id=int(raw_challenge) if raw_challenge.isdigit() else None,
        )
        base = form.base_version.data
        try:
            saved, verdict = ideas.save(
                current_user,
                team,
                draft,
                int(base) if base and base.isdigit() else None,
                current_locale_code(),
            )
        except ideas.IdeaRefused as exc:
            db.session.rollback()
            messages = exc.verdict.messages() if exc.verdict else []
            field = form.links_text if exc.code in ("link", "too_many_links") else form.how
            if exc.code == "challenge":
                field = form.challenge_id
            field.errors = [*field.errors, " ".join([labels.refusal(exc.code), *messages])]
            if exc.code == "conflict":
                # Their text stays in the form; the saved version is shown beside it, and
                # the next save is based on it.
                current = db.session.scalar(select(Idea).where(Idea.team_id == team.id))
                form.base_version.data = str(current.version) if current else ""
            form.once.data = once.new_token()
            return render_template(
                "hackathon/idea_form.html",
                form=form,
                team=team,
                event=event,
                idea=idea,
                current=current,
                domains=ideas.link_domains(),
            ), 409 if exc.code == "conflict" else 422
        db.session.commit()
        if verdict.urgent:
            # Words that may tell of danger: a safeguarding lead was told; the child sees
            # where to get help now, as everywhere else in the portal.
            return redirect(url_for("safety.urgent_help"))
        if saved.status == ModerationStatus.PENDING:
            flash(
                _(
                    "Saved. A moderator will read your idea before others can see it; "
                    "your team sees it already."
                )
            )
        else:
            flash(_("Your idea was saved (version %(num)d).", num=saved.version))
        return redirect(url_for("hackathon.idea", idea_id=saved.id))
    return render_template(
        "hackathon/idea_form.html",
        form=form,
        team=team,
        event=event,
        idea=idea,
        current=current,
        domains=ideas.link_domains(),
    )


@bp.route("/ideas/<int:idea_id>")
@login_required
def idea(idea_id: int):
    idea = idea_or_404(idea_id)
    event = db.session.get(Event, idea.event_id)
    team = idea.team
    is_member = rules.is_team_member(current_user, team)
    organises = rules.organises(current_user, event)
    feedback = list(db.session.scalars(ideas.feedback_stmt(idea, current_user)))
    # The team and the organisers see the feedback; judges and the public do not.
    show_feedback = is_member or organises or rules.is_mentor_of(current_user, team)
    award_rows = list(db.session.scalars(select(Award).where(Award.idea_id == idea.id)))
    promote_form = None
    if (
        organises
        and award_rows
        and rules.results_public(event)
        and idea.promoted_proposal_id is None
    ):
        promote_form = PromoteForm()
        promote_form.consultation_id.choices = options(
            (c.id, c.title) for c in promote.target_consultations(current_user)
        )
    return render_template(
        "hackathon/idea.html",
        idea=idea,
        event=event,
        team=team,
        phase=rules.phase(event),
        is_member=is_member,
        organises=organises,
        may_edit=rules.may_edit_idea(current_user, idea, event),
        feedback=feedback if show_feedback else [],
        show_feedback=show_feedback,
        feedback_form=FeedbackForm() if rules.may_give_feedback(current_user, idea) else None,
        awards=award_rows,
        promote_form=promote_form,
        # Members' display names appear only once the idea is public, or to those who
        # already know the team.
        show_members=is_member
        or organises
        or rules.is_mentor_of(current_user, team)
        or rules.results_public(event),
        is_judge=rules.is_assigned(current_user, idea),
        confirm=ConfirmForm(),
        pictures=images.images_of(idea),
        image_form=ImageForm() if organises else None,
        judges_said=_judges_said(idea)
        if (is_member or organises) and rules.results_public(event)
        else [],
    )


def _judges_said(idea: Idea) -> list[tuple[str, str]]:
    """The judges' comments, by criterion, without the judges' names (after the results)."""
    return list(
        db.session.execute(
            select(Criterion.name, Score.comment)
            .join(Criterion, Criterion.id == Score.criterion_id)
            .where(Score.idea_id == idea.id, Score.comment != "")
            .order_by(Criterion.position, Score.updated_at)
        )
    )


@bp.route("/ideas/<int:idea_id>/images", methods=["POST"])
@login_required
def attach_image(idea_id: int):
    idea = idea_or_404(idea_id)
    if not rules.organises(current_user):
        abort(403)
    back = url_for("hackathon.idea", idea_id=idea.id)
    form = ImageForm()
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        images.attach(
            current_user, idea, form.image.data.read(), form.alt_text.data, current_locale_code()
        )
    except images.ImageRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("The picture was added to the idea."))
    return redirect(back)


@bp.route("/images/<int:image_id>")
@login_required
def image(image_id: int):
    picture = get_or_404(IdeaImage, image_id)
    idea_or_404(picture.idea_id)
    return Response(
        picture.data,
        mimetype=picture.mimetype,
        headers={"Cache-Control": "private, max-age=3600", "Content-Disposition": "inline"},
    )


@bp.route("/images/<int:image_id>/delete", methods=["POST"])
@login_required
def delete_image(image_id: int):
    picture = get_or_404(IdeaImage, image_id)
    idea = idea_or_404(picture.idea_id)
    if not rules.organises(current_user):
        abort(403)
    back = url_for("hackathon.idea", idea_id=idea.id)
    form = ConfirmForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    db.session.delete(picture)
    db.session.commit()
    flash(_("The picture was removed."))
    return redirect(back)


@bp.route("/ideas/<int:idea_id>/versions")
@login_required
def idea_versions(idea_id: int):
    idea = idea_or_404(idea_id)
    if not (rules.is_team_member(current_user, idea.team) or rules.organises(current_user)):
        abort(404)
    page = paginate(ideas.versions_stmt(idea))
    return render_template(
        "hackathon/versions.html", idea=idea, page=page, fields=ideas.IDEA_FIELDS
    )


@bp.route("/ideas/<int:idea_id>/submit", methods=["POST"])
@login_required
def submit_idea(idea_id: int):
    idea = idea_or_404(idea_id)
    back = url_for("hackathon.idea", idea_id=idea.id)
    form = ConfirmForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    withdraw = request.form.get("withdraw") == "1"
    try:
        (ideas.withdraw_submission if withdraw else ideas.submit)(current_user, idea)
    except ideas.IdeaRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(
        _("Your idea is a draft again. Submit it before the deadline.")
        if withdraw
        else _("Your idea is submitted. You can still improve it until the deadline.")
    )
    return redirect(back)


@bp.route("/ideas/<int:idea_id>/feedback", methods=["POST"])
@login_required
def give_feedback(idea_id: int):
    idea = idea_or_404(idea_id)
    back = url_for("hackathon.idea", idea_id=idea.id)
    if not rules.may_give_feedback(current_user, idea):
        abort(403)
    form = FeedbackForm()
    answer = claimed(form, back)
    if answer is not None:
        return answer
    feedback, verdict = ideas.give_feedback(
        current_user, idea, form.body.data, current_locale_code()
    )
    if feedback is None:
        db.session.rollback()
        flash(" ".join([labels.refusal("text"), *verdict.messages()]), "error")
        return redirect(back)
    db.session.commit()
    flash(
        _("Thank you. Your feedback waits for a moderator before the team sees it.")
        if feedback.status == ModerationStatus.PENDING
        else _("Your feedback was sent to the team.")
    )
    return redirect(back)


@bp.route("/ideas/<int:idea_id>/promote", methods=["POST"])
@login_required
def promote_idea(idea_id: int):
    idea = idea_or_404(idea_id)
    if not rules.organises(current_user):
        abort(403)
    back = url_for("hackathon.idea", idea_id=idea.id)
    form = PromoteForm()
    form.consultation_id.choices = options(
        (c.id, c.title) for c in promote.target_consultations(current_user)
    )
    if not form.validate_on_submit():
        flash(labels.refusal("consultation"), "error")
        return redirect(back)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(back)
    from youthportal.consultations.models import Consultation

    try:
        proposal = promote.promote(
            current_user, idea, db.session.get(Consultation, form.consultation_id.data)
        )
    except promote.PromoteRefused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("The idea is now a proposal in the consultation."))
    return redirect(url_for("consultations.proposal", proposal_id=proposal.id))


@bp.route("/<int:event_id>/certificate", methods=["GET", "POST"])
@login_required
def certificate(event_id: int):
    event = event_or_404(event_id)
    team = rules.team_of(current_user, event.id)
    idea = db.session.scalar(select(Idea).where(Idea.team_id == team.id)) if team else None
    if team is None or idea is None or idea.submitted_at is None or not rules.results_public(event):
        abort(404)
    form = CertificateForm()
    if request.method == "GET":
        form.name.data = current_user.display_name
    if form.validate_on_submit():
        verdict = screen(form.name.data, current_user, current_locale_code(), content_type="name")
        if verdict.urgent:
            return after_worrying_name(current_user, form.name.data)
        if not verdict.ok:
            form.name.errors = [
                *form.name.errors,
                " ".join([_("Please choose another name."), *verdict.messages()]),
            ]
        else:
            db.session.rollback()  # nothing is stored
            awards = list(db.session.scalars(select(Award).where(Award.idea_id == idea.id)))
            pdf = certificates.certificate(
                event,
                team,
                idea.title if idea.status == ModerationStatus.PUBLISHED else None,
                form.name.data,
                awards,
            )
            return Response(
                pdf,
                mimetype="application/pdf",
                headers={
                    "Content-Disposition": (
                        f'attachment; filename="unehack-certificate-{event.id}.pdf"'
                    ),
                    "Cache-Control": "no-store",
                },
            )
    return render_template("hackathon/certificate.html", form=form, event=event, team=team)
