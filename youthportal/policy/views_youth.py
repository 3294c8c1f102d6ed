"""The young people's side: follow, rate an answer, reply to it, the report's public
timeline and the facilitator's "what changed because of your work"."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.core import permissions as perm
from youthportal.core.forms import claimed
from youthportal.core.i18n import current_locale_code
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.policy import follows, timeline, youth
from youthportal.policy.forms import FollowForm, ImpactForm, RatingForm, ReplyForm
from youthportal.policy.models import Commitment, FollowTarget, Sending
from youthportal.policy.sending import Refused
from youthportal.policy.views import bp, refuse, submission_or_404
from youthportal.reports.models import Report, Version
from youthportal.safety.models import ModerationStatus


@bp.route("/follow/<any(submission, commitment):target>/<int:target_id>", methods=["POST"])
@login_required
def follow(target: str, target_id: int):
    kind = FollowTarget(target)
    if kind == FollowTarget.SUBMISSION:
        back = url_for("policy.submission", submission_id=submission_or_404(target_id).id)
    else:
        commitment = get_or_404(Commitment, target_id)
        if commitment.submission.answered_at is None:
            abort(404)
        back = url_for("policy.commitment", commitment_id=commitment.id)
    form = FollowForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    if request.form.get("stop"):
        follows.unfollow(current_user, kind, target_id)
        flash(_("You no longer follow this."))
    else:
        follows.follow(current_user, kind, target_id)
        flash(_("You follow this now: you will be told what happens."))
    db.session.commit()
    return redirect(back)


@bp.route("/s/<int:submission_id>/rate", methods=["POST"])
@login_required
def rate(submission_id: int):
    submission = submission_or_404(submission_id)
    back = url_for("policy.submission", submission_id=submission.id) + "#rate"
    if not perm.speaks_for_sending(current_user, submission.sending):
        abort(403)
    form = RatingForm()
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        youth.rate(
            current_user,
            submission,
            int(form.clear.data),
            int(form.answers_us.data),
            int(form.believable.data),
        )
    except Refused as exc:
        return refuse(exc, back)
    db.session.commit()
    flash(_("Thank you. Only the averages are shown, never who rated what."))
    return redirect(back)


@bp.route("/s/<int:submission_id>/reply", methods=["POST"])
@login_required
def reply(submission_id: int):
    submission = submission_or_404(submission_id)
    back = url_for("policy.submission", submission_id=submission.id) + "#replies"
    if not perm.speaks_for_sending(current_user, submission.sending):
        abort(403)
    form = ReplyForm()
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        row, verdict = youth.reply(current_user, submission, form.body.data, current_locale_code())
    except Refused as exc:
        return refuse(exc, back)
    db.session.commit()
    if verdict.urgent:
        return redirect(url_for("safety.urgent_help"))
    if row.status == ModerationStatus.PUBLISHED:
        flash(_("Your reply is published."))
    else:
        flash(_("Thank you! A moderator reads your reply before everyone can see it."))
    return redirect(back)


# A report's timeline and what changed ------------------------------------------------------


def _report_with_versions_or_404(report_id: int):
    report = get_or_404(Report, report_id)
    versions = db.session.scalars(
        select(Version)
        .where(Version.report_id == report.id, Version.status == ModerationStatus.PUBLISHED)
        .order_by(Version.number)
    ).all()
    if not versions:
        abort(404)  # only adopted reports have a public timeline
    return report, versions


@bp.route("/reports/<int:report_id>/timeline", endpoint="timeline")
def timeline_page(report_id: int):
    report, versions = _report_with_versions_or_404(report_id)
    submissions = timeline.report_submissions(report.id)
    impact = youth.impact_of(report.id)
    hidden = impact is not None and impact.status != ModerationStatus.PUBLISHED
    if hidden and not perm.moderates_group(current_user, report.cohort_id):
        impact = None
    sample = _a_sending(report.id)
    return render_template(
        "policy/timeline.html",
        report=report,
        title=versions[-1].title,
        versions=versions,
        submissions=submissions,
        events=timeline.events(report, versions, submissions),
        impact=impact,
        may_write_impact=sample is not None and perm.looks_after_sending(current_user, sample),
    )


def _a_sending(report_id: int) -> Sending | None:
    return db.session.scalar(
        select(Sending).where(Sending.report_id == report_id).order_by(Sending.id).limit(1)
    )


@bp.route("/reports/<int:report_id>/impact", methods=["GET", "POST"])
@login_required
def impact(report_id: int):
    report, versions = _report_with_versions_or_404(report_id)
    sample = _a_sending(report.id)
    if sample is None or not perm.looks_after_sending(current_user, sample):
        abort(403)
    existing = youth.impact_of(report.id)
    form = ImpactForm(obj=existing) if request.method == "GET" else ImpactForm()
    here = url_for("policy.impact", report_id=report.id)
    if form.validate_on_submit():
        answer = claimed(form, here)
        if answer is not None:
            return answer
        try:
            summary, _verdict = youth.save_impact(
                current_user, report, sample, form.body.data, current_locale_code()
            )
        except Refused as exc:
            return refuse(exc, here)
        db.session.commit()
        if summary.status == ModerationStatus.PUBLISHED:
            flash(_("Saved. The young people of the cohort have been told."))
        else:
            flash(_("Saved. A moderator reads it before the young people see it."))
        return redirect(url_for("policy.timeline", report_id=report.id))
    return render_template("policy/impact.html", report=report, title=versions[-1].title, form=form)
