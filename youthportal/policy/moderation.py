"""Policy texts are moderated content: the cover letter, the institution's response (with its
reasons and commitments), commitment updates, the young people's replies and the "what
changed" summary. Each submission also has a public thread for clarifying questions."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from youthportal.core.permissions import (
    acts_for_institution,
    can_write,
    is_signed_in,
    looks_after_sending,
    speaks_for_sending,
)
from youthportal.discussions.subjects import SubjectType
from youthportal.discussions.subjects import register as register_subject
from youthportal.extensions import db
from youthportal.policy.models import (
    CohortReply,
    Commitment,
    CommitmentUpdate,
    ImpactSummary,
    Response,
    Sending,
    Submission,
)
from youthportal.safety.content import ContentKind, plain_status, register
from youthportal.safety.models import ModerationStatus

PUBLIC = lambda user, obj: True  # noqa: E731  (public record: anyone may read it)


def _sending_status(sending: Sending, status: ModerationStatus) -> None:
    from youthportal.policy.sending import deliver

    was = sending.status
    sending.status = status
    if status == ModerationStatus.PUBLISHED and was == ModerationStatus.PENDING:
        deliver(sending)


def _sending_url(sending: Sending) -> str:
    return url_for("policy.sending", sending_id=sending.id)


register(
    ContentKind(
        name="policy_sending",
        model=Sending,
        label=_l("Letter to policy-makers"),
        url=_sending_url,
        text=lambda s: s.cover_letter,
        group_id=lambda s: s.cohort_id,
        set_status=_sending_status,
        replace_text=lambda s, text: setattr(s, "cover_letter", text.strip()),
        can_view=PUBLIC,
    )
)


def _response_status(response: Response, status: ModerationStatus) -> None:
    from youthportal.policy.responses import published, withdrawn

    response.status = status
    if status == ModerationStatus.PUBLISHED:
        published(response)
    else:
        withdrawn(response)


def _response_text(response: Response) -> str:
    parts = [response.body]
    parts += [f"{a.number}. {a.reason}" for a in response.answers if a.reason]
    return "\n\n".join(parts)


def _submission_of(obj) -> Submission:
    return db.session.get(Submission, obj.submission_id)


register(
    ContentKind(
        name="policy_response",
        model=Response,
        label=_l("Answer of an institution"),
        url=lambda r: url_for("policy.submission", submission_id=r.submission_id),
        text=_response_text,
        group_id=lambda r: _submission_of(r).sending.cohort_id,
        set_status=_response_status,
        replace_text=lambda r, text: setattr(r, "body", text.strip()),
        can_view=PUBLIC,
    )
)

register(
    ContentKind(
        name="policy_commitment_update",
        model=CommitmentUpdate,
        label=_l("Update on a commitment"),
        url=lambda u: url_for("policy.commitment", commitment_id=u.commitment_id),
        text=lambda u: u.note,
        group_id=lambda u: db.session.get(Commitment, u.commitment_id).submission.sending.cohort_id,
        set_status=plain_status,
        replace_text=lambda u, text: setattr(u, "note", text.strip()),
        can_view=PUBLIC,
    )
)

register(
    ContentKind(
        name="policy_reply",
        model=CohortReply,
        label=_l("Young people's reply to an answer"),
        url=lambda r: url_for("policy.submission", submission_id=r.submission_id),
        text=lambda r: r.body,
        group_id=lambda r: _submission_of(r).sending.cohort_id,
        set_status=plain_status,
        replace_text=lambda r, text: setattr(r, "body", text.strip()),
        can_view=PUBLIC,
    )
)


def _impact_group(summary: ImpactSummary):
    from youthportal.reports.models import Report

    return db.session.get(Report, summary.report_id).cohort_id


register(
    ContentKind(
        name="policy_impact",
        model=ImpactSummary,
        label=_l("What changed because of young people's work"),
        url=lambda s: url_for("policy.timeline", report_id=s.report_id),
        text=lambda s: s.body,
        group_id=_impact_group,
        set_status=plain_status,
        replace_text=lambda s, text: setattr(s, "body", text.strip()),
        can_view=PUBLIC,
    )
)


# Clarifying questions -------------------------------------------------------------------
# Public (every signed-in person reads them); the institution's officials ask, the young
# people whose work it is and their facilitators answer.


def _question_view(user, submission_id) -> bool:
    return is_signed_in(user)


def _question_post(user, submission_id) -> bool:
    submission = db.session.get(Submission, submission_id)
    if submission is None or not can_write(user):
        return False
    return (
        acts_for_institution(user, submission.institution_id)
        or speaks_for_sending(user, submission.sending)
        or looks_after_sending(user, submission.sending)
    )


def _question_group(submission_id):
    submission = db.session.get(Submission, submission_id)
    return submission.sending.cohort_id if submission else None


register_subject(
    SubjectType(
        name="policy_submission",
        can_view=_question_view,
        can_post=_question_post,
        group_id=_question_group,
        url=lambda submission_id: url_for("policy.submission", submission_id=submission_id),
    )
)
