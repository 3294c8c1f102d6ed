"""Demo: the adopted report went to two institutions ten weeks ago. The Ministry read it
two days later and answered within five weeks (two commitments, one in progress); the Agency
read it but its answer is overdue. Last week it also went to a parliamentary committee with
no account yet (a claim link waits in the outbox). The cohort rated the Ministry's answer,
replied to it, and their facilitator wrote what changed."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.accounts.models import Institution, User
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.policy import dates, inbox, responses, sending, youth
from youthportal.policy.models import CommitmentStatus, CommitmentUpdate, Sending, Verdict
from youthportal.reports.demo import ADOPTED_TITLE
from youthportal.reports.models import Report, Version


def _user(login: str) -> User:
    return db.session.scalar(select(User).where(User.login_name == login))


def _backdate(sending_row: Sending, when) -> None:
    sending_row.sent_at = when
    for submission in sending.submissions_of(sending_row):
        submission.sent_at = when


def seed_policy(teuta: User, ministry: Institution, agency: Institution, committee) -> None:
    if db.session.scalar(select(Sending.id).limit(1)) is not None:
        return
    report = db.session.scalar(select(Report).where(Report.title == ADOPTED_TITLE))
    version = db.session.scalar(
        select(Version).where(Version.report_id == report.id).order_by(Version.number.desc())
    )
    if version is None:
        return
    official, agent = _user("official"), _user("agency.official")
    committee.contact_email = "komisioni@parlament.example"
    now = utcnow()
    sent = now - timedelta(days=70)
    report.adopted_at = version.adopted_at = sent - timedelta(days=5)
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        first = sending.send_report(
            teuta,
            report,
            version,
            institution_ids=[ministry.id, agency.id],
            cover_letter=(
                "I nderuar zonja Ministre, i nderuar zoti Drejtor,\n\n"
                "Parlamenti i të Rinjve miratoi këtë raport pas tre muajsh pune. "
                "Ju lutemi t'u përgjigjeni rekomandimeve një nga një."
            ),
            requested_by=dates.today() + timedelta(days=60),
            locale="sq",
        )
        _backdate(first, sent)
        for submission in sending.submissions_of(first):
            submission.requested_by = dates.local_date(sent) + timedelta(days=60)
        by_institution = {s.institution_id: s for s in sending.submissions_of(first)}

        answered = by_institution[ministry.id]
        inbox.mark_read(official, answered)
        answered.read_at, answered.read_days = sent + timedelta(days=2), 2
        recs = first.recommendations
        plans = [
            responses.AnswerInput(
                recs[0].id,
                Verdict.ACCEPTED,
                commitment="Mësimi për sigurinë në internet në kurrikulën e klasave 6-9",
                owner_unit="Drejtoria e Kurrikulës",
                expected_by=dates.today() + timedelta(days=120),
            )
        ]
        if len(recs) > 1:
            plans.append(
                responses.AnswerInput(
                    recs[1].id,
                    Verdict.PARTLY_ACCEPTED,
                    reason="Fillojmë me 50 shkolla pilot para se ta shtrijmë në gjithë vendin.",
                    commitment="Këshilltar për sigurinë në internet në 50 shkolla pilot",
                    owner_unit="Drejtoria e Shërbimeve Psiko-Sociale",
                    expected_by=dates.today() - timedelta(days=3),
                )
            )
        plans += [
            responses.AnswerInput(
                rec.id,
                Verdict.NOT_ACCEPTED,
                reason="Kjo është përgjegjësi e Autoritetit të Komunikimeve Elektronike.",
            )
            for rec in recs[2:]
        ]
        response = responses.respond(
            official,
            answered,
            "Faleminderit për raportin e qartë. Ja përgjigjja jonë për secilin rekomandim.",
            plans,
            "sq",
        )
        answered.answered_at, answered.answer_days = sent + timedelta(days=35), 35
        response.created_at = answered.answered_at
        for commitment in db.session.scalars(
            select(responses.Commitment).where(responses.Commitment.submission_id == answered.id)
        ):
            commitment.created_at = commitment.updated_at = answered.answered_at
            for first_step in db.session.scalars(
                select(CommitmentUpdate).where(CommitmentUpdate.commitment_id == commitment.id)
            ):
                first_step.created_at = answered.answered_at
            if commitment.number == 1:
                step = responses.update_commitment(
                    official,
                    commitment,
                    CommitmentStatus.IN_PROGRESS,
                    commitment.expected_by,
                    "Programi i ri u hartua; po e provojmë në 12 shkolla.",
                    "sq",
                )
                step.created_at = commitment.updated_at = answered.answered_at + timedelta(days=20)

        overdue = by_institution[agency.id]
        inbox.mark_read(agent, overdue)
        overdue.read_at, overdue.read_days = sent + timedelta(days=12), 12

        voters = [_user(n) for n in ("alba", "bledi", "dea", "endri", "fjona", "gerti")]
        for n, voter in enumerate(voters):
            youth.rate(voter, answered, 4, 3 + n % 2, 2 + n % 3)
        youth.reply(
            _user("alba"),
            answered,
            "Faleminderit! Do ta ndjekim mësimin e ri dhe do t'ju tregojmë si shkon në klasë.",
            "sq",
        )
        youth.save_impact(
            teuta,
            report,
            first,
            "Ministria pranoi të shtojë mësimin për sigurinë në internet në kurrikulë "
            "(zotimi 1, në punë) dhe të nisë me këshilltarë në 50 shkolla (zotimi 2). "
            "Agjencia ende nuk është përgjigjur.",
            "sq",
        )

        later = sending.send_report(
            teuta,
            report,
            version,
            institution_ids=[committee.id],
            cover_letter="I nderuar Komision, ju dërgojmë raportin tonë të miratuar.",
            requested_by=dates.today() + timedelta(days=55),
            locale="sq",
        )
        _backdate(later, now - timedelta(days=5))
    db.session.flush()
