"""An institution answers a submission, and follows up its commitments."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from youthportal.core import permissions as perm
from youthportal.core.forms import claimed
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.policy import dates, responses
from youthportal.policy.follows import is_following
from youthportal.policy.forms import CommitmentUpdateForm, FollowForm, ResponseForm
from youthportal.policy.models import (
    OPEN_COMMITMENT_STATUSES,
    Commitment,
    CommitmentStatus,
    FollowTarget,
    Verdict,
)
from youthportal.policy.sending import Refused
from youthportal.policy.views import (
    _verdict_messages,
    bp,
    refuse,
    refused_message,
    submission_or_404,
)


def _response_form(submission) -> ResponseForm:
    recommendations = submission.sending.recommendations
    form = ResponseForm()
    # One block per recommendation, whatever the browser sent back: a missing block is
    # added (and asks for its answer), each block is tied to its recommendation by position.
    while len(form.answers.entries) < len(recommendations):
        form.answers.append_entry()
    rows = list(zip(recommendations, form.answers, strict=False))
    for rec, entry in rows:
        entry.form.recommendation_id.data = str(rec.id)
    return form, rows


@bp.route("/s/<int:submission_id>/respond", methods=["GET", "POST"])
@login_required
def respond(submission_id: int):
    submission = submission_or_404(submission_id)
    if not perm.acts_for_institution(current_user, submission.institution_id):
        abort(403)
    page = url_for("policy.submission", submission_id=submission.id)
    if responses.response_of(submission) is not None:
        flash(_("Your institution has already answered. Nothing was changed."))
        return redirect(page)
    form, rows = _response_form(submission)
    if form.validate_on_submit():
        answer = claimed(form, url_for("policy.respond", submission_id=submission.id))
        if answer is not None:
            return answer
        inputs = [
            responses.AnswerInput(
                recommendation_id=rec.id,
                verdict=Verdict(entry.form.verdict.data),
                reason=entry.form.reason.data or "",
                commitment=entry.form.commitment.data or "",
                owner_unit=entry.form.owner_unit.data or "",
                expected_by=entry.form.expected_by.data,
            )
            for rec, entry in rows
        ]
        try:
            response = responses.respond(
                current_user, submission, form.body.data, inputs, current_locale_code()
            )
        except Refused as exc:
            db.session.rollback()
            flash(" ".join([refused_message(exc), *_verdict_messages(exc)]), "error")
        else:
            db.session.commit()
            if response.status.value == "published":
                flash(_("Your answer is published. The young people have been told."))
            else:
                flash(_("A moderator reads your answer first; it is published once approved."))
            return redirect(page)
    elif request.method == "POST":
        flash(_("Please check the form."), "error")
    return render_template(
        "policy/respond.html",
        submission=submission,
        form=form,
        rows=rows,
    )


def _commitment_or_404(commitment_id: int) -> Commitment:
    commitment = get_or_404(Commitment, commitment_id)
    # A commitment is public with its published answer.
    if commitment.submission.answered_at is None and not perm.acts_for_institution(
        current_user, commitment.institution_id
    ):
        abort(404)
    return commitment


@bp.route("/commitments/<int:commitment_id>", methods=["GET", "POST"])
def commitment(commitment_id: int):
    found = _commitment_or_404(commitment_id)
    acting = perm.acts_for_institution(current_user, found.institution_id)
    form = CommitmentUpdateForm()
    here = url_for("policy.commitment", commitment_id=found.id)
    if request.method == "POST":
        if not current_user.is_authenticated:
            abort(401)
        if not acting:
            abort(403)
        answer = claimed(form, here)
        if answer is not None:
            return answer
        try:
            responses.update_commitment(
                current_user,
                found,
                CommitmentStatus(form.state.data),
                form.expected_by.data,
                form.note.data or "",
                current_locale_code(),
            )
        except Refused as exc:
            return refuse(exc, here)
        db.session.commit()
        flash(_("The commitment was updated. Its followers have been told."))
        return redirect(here)
    form.state.data = found.state.value
    form.expected_by.data = found.expected_by
    recommendation = next(
        (r for r in found.submission.sending.recommendations if r.id == found.recommendation_id),
        None,
    )
    return render_template(
        "policy/commitment.html",
        commitment=found,
        recommendation=recommendation,
        page=paginate(responses.history_stmt(found, current_user)),
        acting=acting,
        form=form,
        follow_form=FollowForm(),
        following=is_following(current_user, FollowTarget.COMMITMENT, found.id),
        overdue=found.expected_by < dates.today() and found.state in OPEN_COMMITMENT_STATUSES,
    )
