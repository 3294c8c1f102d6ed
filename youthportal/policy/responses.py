"""An institution answers: the submission as a whole and each recommendation (accepted,
partly accepted, under consideration, not accepted with reasons, already in place). Accepted
recommendations become commitments, followed over time by dated updates.

Officials' text is screened for personal data and abuse (a block refuses it, and it stays in
the form); it is not pre-moderated, but a held answer waits for a moderator like any text.
"""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select

from youthportal.core import audit
from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import acts_for_institution
from youthportal.extensions import db
from youthportal.policy import dates
from youthportal.policy.follows import follow, tell_followers
from youthportal.policy.models import (
    VERDICTS_NEEDING_REASON,
    Answer,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    FollowTarget,
    Response,
    Submission,
    Verdict,
)
from youthportal.policy.sending import Refused
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit
from youthportal.safety.screening import screen_parts


@dataclass
class AnswerInput:
    recommendation_id: int
    verdict: Verdict
    reason: str = ""
    commitment: str = ""
    owner_unit: str = ""
    expected_by: date | None = None

    @property
    def commits(self) -> bool:
        """Accepted always commits; partly accepted when the official says what will be
        done."""
        return self.verdict == Verdict.ACCEPTED or (
            self.verdict == Verdict.PARTLY_ACCEPTED and bool(self.commitment.strip())
        )

    def problems(self) -> list[str]:
        found = []
        if self.verdict in VERDICTS_NEEDING_REASON and not self.reason.strip():
            found.append("reason")
        if self.commits:
            if not self.commitment.strip():
                found.append("commitment")
            if not self.owner_unit.strip():
                found.append("owner_unit")
            if self.expected_by is None:
                found.append("expected_by")
        return found


def respond(
    user, submission: Submission, body: str, answers: list[AnswerInput], locale
) -> Response:
    if not acts_for_institution(user, submission.institution_id):
        raise Refused("forbidden")
    lock_row(submission)  # two officials answering at once: one response
    if response_of(submission) is not None:
        raise Refused("already_answered")
    recommendations = {rec.id: rec for rec in submission.sending.recommendations}
    if sorted(a.recommendation_id for a in answers) != sorted(recommendations):
        raise Refused("incomplete")
    if any(a.problems() for a in answers):
        raise Refused("incomplete")
    texts = [body]
    for a in answers:
        texts += [a.reason, a.commitment, a.owner_unit]
    verdict, fields = screen_parts(texts, user, locale, content_type="policy_response")
    if verdict.blocked:
        raise Refused("screening", verdict)
    response = Response(
        submission_id=submission.id,
        body=fields[0],
        author_id=user.id,
        status=status_for(verdict),
    )
    db.session.add(response)
    db.session.flush()
    for index, a in enumerate(answers):
        reason, commitment, owner_unit = fields[1 + 3 * index : 4 + 3 * index]
        rec = recommendations[a.recommendation_id]
        response.answers.append(
            Answer(recommendation_id=rec.id, number=rec.number, verdict=a.verdict, reason=reason)
        )
        if a.commits:
            _commit(user, submission, rec, commitment, owner_unit, a.expected_by)
    db.session.flush()
    after_submit(response, verdict)
    audit.record(user, "policy.responded", submission, response_id=response.id)
    if not submission.read_at:
        from youthportal.policy.inbox import mark_read

        mark_read(user, submission)
    if response.status == ModerationStatus.PUBLISHED:
        published(response)
    return response


def response_of(submission: Submission) -> Response | None:
    """The submission's response, whatever its moderation status (there is one at most)."""
    return db.session.scalar(select(Response).where(Response.submission_id == submission.id))


def _commit(user, submission, rec, text, owner_unit, expected_by) -> Commitment:
    commitment = Commitment(
        submission_id=submission.id,
        institution_id=submission.institution_id,
        recommendation_id=rec.id,
        number=rec.number,
        text=text.strip(),
        owner_unit=owner_unit.strip()[:160],
        expected_by=expected_by,
    )
    db.session.add(commitment)
    db.session.flush()
    db.session.add(
        CommitmentUpdate(
            commitment_id=commitment.id,
            state=commitment.state,
            expected_by=expected_by,
            author_id=user.id,
        )
    )
    follow(user, FollowTarget.COMMITMENT, commitment.id)
    return commitment


def published(response: Response) -> None:
    """The answer is public: the submission counts as answered from now, and followers
    hear of it."""
    submission = db.session.get(Submission, response.submission_id)
    if submission.answered_at is not None:
        return
    now = utcnow()
    submission.answered_at = now
    submission.answer_days = dates.days_between(submission.sent_at, now)
    if submission.read_at is None:
        submission.read_at, submission.read_days = now, submission.answer_days
    tell_followers(
        FollowTarget.SUBMISSION,
        [submission.id],
        "submission_answered",
        url_for("policy.submission", submission_id=submission.id),
        title=submission.sending.title,
        institution=submission.institution.name,
    )


def withdrawn(response: Response) -> None:
    """A moderator hid the answer: it no longer counts as an answer."""
    submission = db.session.get(Submission, response.submission_id)
    submission.answered_at = None
    submission.answer_days = None


# Commitments -----------------------------------------------------------------------------


def update_commitment(
    user, commitment: Commitment, state: CommitmentStatus, expected_by: date, note: str, locale
) -> CommitmentUpdate:
    if not acts_for_institution(user, commitment.institution_id):
        raise Refused("forbidden")
    if commitment.submission.answered_at is None:
        raise Refused("not_answered")
    if state == commitment.state and expected_by == commitment.expected_by and not note.strip():
        raise Refused("no_change")
    verdict, (note,) = screen_parts([note], user, locale, content_type="policy_commitment")
    if verdict.blocked:
        raise Refused("screening", verdict)
    changed_state = state != commitment.state
    update = CommitmentUpdate(
        commitment_id=commitment.id,
        state=state,
        expected_by=expected_by,
        note=note.strip(),
        author_id=user.id,
        status=status_for(verdict),
    )
    db.session.add(update)
    commitment.state = state
    commitment.expected_by = expected_by
    commitment.updated_at = utcnow()
    db.session.flush()
    after_submit(update, verdict)
    audit.record(user, "policy.commitment_updated", commitment, state=state.value)
    tell_followers(
        FollowTarget.COMMITMENT,
        [commitment.id],
        "commitment_updated",
        url_for("policy.commitment", commitment_id=commitment.id),
        skip=[user],
        title=commitment.text[:80],
        commitment_code=state.value,
        changed=changed_state,
    )
    return update


def history_stmt(commitment: Commitment, user):
    from youthportal.safety.content import visible

    return (
        select(CommitmentUpdate)
        .where(CommitmentUpdate.commitment_id == commitment.id, visible(CommitmentUpdate, user))
        .order_by(CommitmentUpdate.created_at.desc(), CommitmentUpdate.id.desc())
    )


def visible_commitments_stmt():
    """Commitments of answers that are public."""
    return select(Commitment).where(
        Commitment.submission_id.in_(
            select(Submission.id).where(Submission.answered_at.is_not(None))
        )
    )
