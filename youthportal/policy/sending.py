"""Sending an adopted report (or a consultation's results) to institutions.

The cover letter is screened like any text; a held letter waits for a moderator and the
institutions receive nothing until it is published (`deliver`). Each institution gets its own
submission. Officials with an account are notified (in-app and by e-mail through the outbox);
an institution without one gets a signed, expiring link that one official uses to claim the
submission and create the institution's first account.
"""

import secrets
from datetime import date, timedelta

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import exists, or_, select

from youthportal.accounts.models import AccountStatus, Institution, Role, User
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.tokens import make_token, read_token
from youthportal.core.urls import absolute_url
from youthportal.extensions import db
from youthportal.notifications.mail import queue_mail
from youthportal.notifications.services import notify
from youthportal.policy import dates
from youthportal.policy.follows import follow
from youthportal.policy.models import (
    FollowTarget,
    PolicyRecommendation,
    Sending,
    SourceKind,
    Submission,
)
from youthportal.safety import screen
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit

# The language of the e-mail to an institution without an account, from its country.
COUNTRY_LOCALES = {"AL": "sq", "XK": "sq", "RS": "sr", "ME": "sr", "MK": "mk", "BA": "bs"}


class Refused(Exception):
    def __init__(self, code: str, verdict=None, names=()):
        super().__init__(code)
        self.code, self.verdict, self.names = code, verdict, list(names)


def officials_filter(institution_id):
    return (
        (User.role == Role.POLICY_MAKER)
        & (User.institution_id == institution_id)
        & (User.status == AccountStatus.ACTIVE)
    )


def officials(institution_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(officials_filter(institution_id))))


def reachable_institutions() -> list[Institution]:
    """Institutions a sending can reach: with an official's account or a contact e-mail."""
    has_official = exists().where(officials_filter(Institution.id))
    return list(
        db.session.scalars(
            select(Institution)
            .where(or_(has_official, Institution.contact_email.is_not(None)))
            .order_by(Institution.country, Institution.name)
        )
    )


def default_requested_by() -> date:
    return dates.today() + timedelta(days=current_app.config["POLICY_ANSWER_DAYS"])


# What travels: the numbered recommendations ---------------------------------------------


def recommendations_of_version(report, version) -> list[tuple[str, str]]:
    link = url_for("reports.version", report_id=report.id, number=version.number)
    return [(rec.text, f"{link}#recommendation-{rec.number}") for rec in version.recommendations]


def recommendations_of_consultation(consultation) -> list[tuple[str, str]]:
    """A consultation's most supported published proposals, in the order of the results."""
    from youthportal.consultations.models import Proposal

    limit = current_app.config["POLICY_CONSULTATION_RECOMMENDATIONS"]
    proposals = db.session.scalars(
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.status == ModerationStatus.PUBLISHED,
        )
        .order_by(Proposal.support_count.desc(), Proposal.id)
        .limit(limit)
    )
    return [
        (proposal.title, url_for("consultations.proposal", proposal_id=proposal.id))
        for proposal in proposals
    ]


# Sending ---------------------------------------------------------------------------------


def already_sent_to(*, version_id=None, consultation_id=None, institution_ids=()) -> list[str]:
    """Names of the institutions that already received this version or these results."""
    stmt = (
        select(Institution.name)
        .join(Submission, Submission.institution_id == Institution.id)
        .join(Sending, Sending.id == Submission.sending_id)
        .where(Institution.id.in_(list(institution_ids)))
        .where(
            Sending.version_id == version_id
            if version_id is not None
            else Sending.consultation_id == consultation_id
        )
        .order_by(Institution.name)
    )
    return list(db.session.scalars(stmt))


def send_report(user, report, version, **fields) -> Sending:
    return _send(
        user,
        Sending(
            kind=SourceKind.REPORT,
            report_id=report.id,
            version_id=version.id,
            cohort_id=report.cohort_id,
            topic_id=version.topic_id,
            title=version.title,
        ),
        recommendations_of_version(report, version),
        **fields,
    )


def send_consultation(user, consultation, **fields) -> Sending:
    return _send(
        user,
        Sending(
            kind=SourceKind.CONSULTATION,
            consultation_id=consultation.id,
            title=consultation.title[:200],
        ),
        recommendations_of_consultation(consultation),
        **fields,
    )


def _send(
    user, sending: Sending, recommendations, *, institution_ids, cover_letter, requested_by, locale
) -> Sending:
    institution_ids = sorted(set(institution_ids))
    if not institution_ids:
        raise Refused("no_institution")
    reachable = {institution.id: institution for institution in reachable_institutions()}
    unknown = [i for i in institution_ids if i not in reachable]
    if unknown:
        raise Refused("unreachable")
    if not dates.today() < requested_by <= dates.today() + timedelta(days=366):
        raise Refused("date")
    if not recommendations:
        raise Refused("no_recommendations")
    taken = already_sent_to(
        version_id=sending.version_id,
        consultation_id=sending.consultation_id,
        institution_ids=institution_ids,
    )
    if taken:
        raise Refused("already_sent", names=taken)
    verdict = screen(
        cover_letter, user, locale, content_type="policy_sending", group_id=sending.cohort_id
    )
    if verdict.blocked:
        raise Refused("screening", verdict)
    sending.cover_letter = verdict.text
    sending.status = status_for(verdict)
    sending.author_id = user.id
    sending.requested_by = requested_by
    sending.recommendations = [
        PolicyRecommendation(number=number, text=text, link=link)
        for number, (text, link) in enumerate(recommendations, start=1)
    ]
    db.session.add(sending)
    db.session.flush()
    for institution_id in institution_ids:
        db.session.add(
            Submission(
                sending_id=sending.id,
                institution_id=institution_id,
                requested_by=requested_by,
                sent_at=sending.sent_at,
            )
        )
    db.session.flush()
    after_submit(sending, verdict)
    audit.record(
        user,
        "policy.sent",
        sending,
        institutions=institution_ids,
        held=sending.status != ModerationStatus.PUBLISHED,
    )
    if sending.status == ModerationStatus.PUBLISHED:
        deliver(sending)
    return sending


def submissions_of(sending: Sending) -> list[Submission]:
    return list(
        db.session.scalars(
            select(Submission).where(Submission.sending_id == sending.id).order_by(Submission.id)
        )
    )


def deliver(sending: Sending) -> None:
    """The letter is public: the institutions receive the submission now; the clock of the
    requested answer date starts now (a letter held a few days keeps its date)."""
    now = utcnow()
    sending.sent_at = now
    submissions = submissions_of(sending)
    for submission in submissions:
        submission.sent_at = now
        link = url_for("policy.submission", submission_id=submission.id)
        people = officials(submission.institution_id)
        for official in people:
            notify(official, "submission_received", link, title=sending.title)
        if not people:
            invite_to_claim(submission)
    _tell_authors(sending, submissions)
    db.session.flush()


def _tell_authors(sending: Sending, submissions: list[Submission]) -> None:
    """The report's co-authors follow each submission and hear that it went out."""
    if sending.report_id is None:
        return
    from youthportal.reports.drafting import authors
    from youthportal.reports.models import Report

    people = [a.user for a in authors(db.session.get(Report, sending.report_id))]
    names = ", ".join(s.institution.name for s in submissions)
    link = url_for("policy.timeline", report_id=sending.report_id)
    for author in people:
        for submission in submissions:
            follow(author, FollowTarget.SUBMISSION, submission.id)
        notify(author, "submission_sent", link, title=sending.title, institutions=names)


# Claiming a submission by link ------------------------------------------------------------


def invite_to_claim(submission: Submission) -> None:
    """E-mails the institution's contact address a link to claim the submission."""
    institution = submission.institution
    if not institution.contact_email:
        return
    # Every link sent stays valid for its own 30 days (each token carries its time); only
    # claiming ends them all.
    submission.claim_nonce = submission.claim_nonce or secrets.token_hex(8)
    submission.claim_email = institution.contact_email
    days = current_app.config["POLICY_CLAIM_DAYS"]
    link = absolute_url(
        "policy.claim",
        token=make_token("claim", {"s": submission.id, "n": submission.claim_nonce}),
    )
    locale = COUNTRY_LOCALES.get(institution.country, current_app.config["BABEL_DEFAULT_LOCALE"])
    with force_locale(locale):
        subject = _(
            "Young people sent you their recommendations: %(title)s", title=submission.sending.title
        )[:200]
        body = render_template(
            "policy/email/claim.txt", submission=submission, link=link, days=days
        )
    queue_mail(institution.contact_email, subject, body, kind="policy_claim")


def submission_from_claim(token: str) -> Submission:
    days = current_app.config["POLICY_CLAIM_DAYS"]
    data = read_token("claim", token, max_age_seconds=days * 86400)
    submission = db.session.get(Submission, data.get("s"))
    if submission is None or not submission.claim_nonce or submission.claim_nonce != data.get("n"):
        raise Refused("claim_invalid")
    if submission.claimed_at is not None:
        raise Refused("claim_used")
    return submission


def claim(submission: Submission, **fields) -> User:
    """The first official of an institution claims its submission and gets an account."""
    from youthportal.accounts.services import create_adult

    user = create_adult(
        email=submission.claim_email,
        role=Role.POLICY_MAKER,
        institution_id=submission.institution_id,
        **fields,
    )
    submission.claimed_at = utcnow()
    submission.claimed_by_id = user.id
    audit.record(user, "policy.claimed", submission, institution_id=submission.institution_id)
    return user
