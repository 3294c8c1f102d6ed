"""Sending to institutions, the claim link, the public page of a submission and the
institution's inbox. Answers and commitments are in views_answer, the young people's side in
views_youth, the public record in views_record."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.accounts.forms import AcceptInvitationForm
from youthportal.accounts.services import email_taken
from youthportal.accounts.views import open_adult_account
from youthportal.consultations import rules as consultation_rules
from youthportal.consultations.models import Consultation, Phase
from youthportal.core import permissions as perm
from youthportal.core.audience import AudienceKind
from youthportal.core.forms import claimed, options, refusal
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.core.tokens import TokenExpired, TokenInvalid
from youthportal.discussions.models import Thread
from youthportal.discussions.services import attached_thread
from youthportal.extensions import db
from youthportal.policy import (
    dates,
    export,  # noqa: F401 - registers the "my data" parts
    inbox,
    moderation,  # noqa: F401 - registers the policy texts and the questions' thread
    responses,
    sending,
    youth,
)
from youthportal.policy.follows import is_following
from youthportal.policy.forms import FollowForm, RatingForm, ReplyForm, SendForm
from youthportal.policy.labels import (
    BOX_LABELS,
    COMMITMENT_LABELS,
    RATING_QUESTIONS,
    VERDICT_LABELS,
)
from youthportal.policy.models import FollowTarget, Sending, Submission
from youthportal.reports.models import Report, Version
from youthportal.safety.models import ModerationStatus

bp = Blueprint("policy", __name__)


@bp.context_processor
def _labels():
    return {
        "verdict_labels": VERDICT_LABELS,
        "commitment_labels": COMMITMENT_LABELS,
        "rating_questions": RATING_QUESTIONS,
        "today": dates.today(),
    }


def refused_message(exc: sending.Refused) -> str:
    messages = {
        "no_institution": _("Choose at least one institution."),
        "unreachable": _(
            "One of the institutions has no account and no contact e-mail. Ask an admin to add one."
        ),
        "date": _("The answer date must be after today and within a year."),
        "no_recommendations": _("There are no numbered recommendations to send."),
        "already_sent": _(
            "This was already sent to: %(names)s. Nothing was sent.", names=", ".join(exc.names)
        ),
        "screening": _("Please change the text."),
        "forbidden": _("You cannot do this for this institution."),
        "already_answered": _("Your institution has already answered. Nothing was changed."),
        "incomplete": _("Please answer every recommendation."),
        "not_answered": _("This is possible once the institution has answered."),
        "no_change": _("Nothing was changed."),
        "claim_invalid": _("This link is not valid."),
        "claim_used": _("This submission was already claimed. Please sign in."),
    }
    return messages.get(exc.code, _("Nothing was changed."))


def refuse(exc: sending.Refused, target: str):
    return refusal(refused_message(exc), exc, target)


# Sending ----------------------------------------------------------------------------------


def _send_form() -> SendForm:
    form = SendForm()
    form.institutions.choices = options(
        (i.id, f"{i.name} ({i.country})") for i in sending.reachable_institutions()
    )
    if request.method == "GET":
        form.requested_by.data = sending.default_requested_by()
    return form


def _report_version_or_404(report_id: int, number: int) -> tuple[Report, Version]:
    from youthportal.reports import publish

    report = get_or_404(Report, report_id)
    version = publish.version_of(report, number)
    if version is None or version.status != ModerationStatus.PUBLISHED:
        abort(404)
    return report, version


@bp.route("/send/report/<int:report_id>/v/<int:number>", methods=["GET", "POST"])
@login_required
def send_report(report_id: int, number: int):
    report, version = _report_version_or_404(report_id, number)
    if not perm.may_send_report(current_user, report):
        abort(403)
    return _send_page(
        url_for("policy.send_report", report_id=report_id, number=number),
        lambda **fields: sending.send_report(current_user, report, version, **fields),
        title=version.title,
        recommendations=sending.recommendations_of_version(report, version),
        back=url_for("reports.version", report_id=report.id, number=version.number),
    )


def _send_page(here: str, send, **page):
    """The sending form: shown, or sent (`send` takes the form's fields) and on to the
    sending's page; a refusal keeps everything in the form."""
    form = _send_form()
    if form.validate_on_submit():
        answer = claimed(form, here)
        if answer is not None:
            return answer
        try:
            sent = send(
                institution_ids=form.institutions.data,
                cover_letter=form.cover_letter.data,
                requested_by=form.requested_by.data,
                locale=current_locale_code(),
            )
        except sending.Refused as exc:
            db.session.rollback()
            flash(" ".join([refused_message(exc), *_verdict_messages(exc)]), "error")
        else:
            db.session.commit()
            _flash_sent(sent)
            return redirect(url_for("policy.sending", sending_id=sent.id))
    return render_template("policy/send.html", form=form, **page)


def _consultation_or_404(consultation_id: int) -> Consultation:
    consultation = get_or_404(Consultation, consultation_id)
    if consultation.status != ModerationStatus.PUBLISHED:
        abort(404)
    return consultation


def _consultation_sendable(consultation: Consultation) -> bool:
    """Only results everyone may read are sent on (the submission page is public)."""
    return consultation.audience_kind == AudienceKind.EVERYONE and consultation_rules.phase(
        consultation
    ) in (Phase.RESULTS, Phase.CLOSED)


@bp.route("/send/consultation/<int:consultation_id>", methods=["GET", "POST"])
@login_required
def send_consultation(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    if not perm.may_send_consultation(current_user, consultation):
        abort(403)
    back = url_for("consultations.detail", consultation_id=consultation.id)
    if not _consultation_sendable(consultation):
        flash(_("Only the public results of a consultation can be sent."), "error")
        return redirect(back)
    return _send_page(
        url_for("policy.send_consultation", consultation_id=consultation_id),
        lambda **fields: sending.send_consultation(current_user, consultation, **fields),
        title=consultation.title,
        recommendations=sending.recommendations_of_consultation(consultation),
        back=back,
    )


def _verdict_messages(exc) -> list[str]:
    return exc.verdict.messages() if getattr(exc, "verdict", None) else []


def _flash_sent(sent: Sending) -> None:
    if sent.status == ModerationStatus.PUBLISHED:
        flash(_("Sent. The institutions can read it now."))
    else:
        flash(_("A moderator reads the letter first; it is sent as soon as it is approved."))


def _sending_or_404(sending_id: int) -> Sending:
    """A letter waiting for a moderator exists only for its writer and those who look
    after it."""
    found = get_or_404(Sending, sending_id)
    if found.status == ModerationStatus.PUBLISHED:
        return found
    if perm.looks_after_sending(current_user, found):
        return found
    if current_user.is_authenticated and found.author_id == current_user.id:
        return found
    abort(404)


@bp.route("/sendings/<int:sending_id>", endpoint="sending")
def sending_page(sending_id: int):
    found = _sending_or_404(sending_id)
    return render_template(
        "policy/sending.html", sending=found, submissions=sending.submissions_of(found)
    )


# Claiming by link -------------------------------------------------------------------------


@bp.route("/claim/<token>", methods=["GET", "POST"])
def claim(token: str):
    try:
        submission = sending.submission_from_claim(token)
    except TokenExpired:
        message = _("This link has expired. The portal sends a new one with the next reminder.")
        return render_template("accounts/link_problem.html", message=message), 400
    except (TokenInvalid, sending.Refused) as exc:
        if isinstance(exc, sending.Refused):
            message = refused_message(exc)
        else:
            message = _("This link is not valid. Please check that you copied all of it.")
        return render_template("accounts/link_problem.html", message=message), 400
    target = url_for("policy.submission", submission_id=submission.id)
    if current_user.is_authenticated:
        if perm.acts_for_institution(current_user, submission.institution_id):
            return redirect(target)
        abort(403)
    if submission.claim_email and email_taken(submission.claim_email):
        flash(_("An account already uses this e-mail address. Please sign in to read it."))
        return redirect(url_for("accounts.login", next=target))
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        open_adult_account(form, lambda **fields: sending.claim(submission, **fields))
        flash(_("Welcome! Your account is ready and the submission is in your inbox."))
        return redirect(target)
    return render_template("policy/claim.html", form=form, submission=submission)


# A submission's public page ---------------------------------------------------------------


def submission_or_404(submission_id: int) -> Submission:
    submission = get_or_404(Submission, submission_id)
    if submission.sending.status != ModerationStatus.PUBLISHED:
        abort(404)
    return submission


@bp.route("/s/<int:submission_id>")
def submission(submission_id: int):
    found = submission_or_404(submission_id)
    acting = perm.acts_for_institution(current_user, found.institution_id)
    if acting and inbox.mark_read(current_user, found):
        db.session.commit()
    response = visible_response(found)
    sending_ = found.sending
    thread = db.session.scalar(
        select(Thread).where(
            Thread.subject_type == "policy_submission", Thread.subject_id == found.id
        )
    )
    commitments = {
        c.recommendation_id: c
        for c in db.session.scalars(
            responses.visible_commitments_stmt().where(
                responses.Commitment.submission_id == found.id
            )
        )
    }
    speaks = perm.speaks_for_sending(current_user, sending_)
    return render_template(
        "policy/submission.html",
        submission=found,
        sending=sending_,
        response=response,
        answers={a.recommendation_id: a for a in response.answers} if response else {},
        commitments=commitments,
        thread=thread,
        acting=acting,
        speaks=speaks,
        replies=db.session.scalars(youth.replies_stmt(found, current_user)).all(),
        ratings=youth.rating_summary(found) if found.answered_at else None,
        my_rating=youth.my_rating(current_user, found),
        rating_form=RatingForm(),
        reply_form=ReplyForm(),
        follow_form=FollowForm(),
        following=is_following(current_user, FollowTarget.SUBMISSION, found.id),
    )


@bp.route("/s/<int:submission_id>/questions")
@login_required
def questions(submission_id: int):
    """The submission's public thread of clarifying questions, made on first use."""
    found = submission_or_404(submission_id)
    thread = attached_thread("policy_submission", found.id)
    db.session.commit()
    return redirect(url_for("discussions.thread", thread_id=thread.id))


def visible_response(submission: Submission):
    """The published response; its own officials also see one waiting for a moderator."""
    response = responses.response_of(submission)
    if response is None:
        return None
    if response.status == ModerationStatus.PUBLISHED:
        return response
    if perm.acts_for_institution(current_user, submission.institution_id) or perm.moderates_group(
        current_user, submission.sending.cohort_id
    ):
        return response
    return None


# The institution's inbox ------------------------------------------------------------------


@bp.route("/inbox", endpoint="inbox")
@login_required
def inbox_page():
    if not perm.is_policy_maker(current_user) or current_user.institution_id is None:
        abort(403)
    box = request.args.get("box", "new")
    if box not in inbox.BOXES:
        abort(404)
    institution_id = current_user.institution_id
    page = paginate(inbox.inbox_stmt(institution_id, box))
    return render_template(
        "policy/inbox.html",
        page=page,
        box=box,
        counts=inbox.box_counts(institution_id),
        box_labels=BOX_LABELS,
    )


from youthportal.policy import views_answer, views_record, views_youth  # noqa: E402,F401
