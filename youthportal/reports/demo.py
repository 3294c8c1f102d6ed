"""Demo reports, made through the real services: one adopted by the Youth Parliament's vote
(with its numbered recommendations, PDF and public page) and one in draft with a pending
suggestion from a parliamentarian who is not a co-author."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls import voting
from youthportal.polls.models import Poll, PollOption
from youthportal.reports import adoption, drafting, editing, suggestions, workflow
from youthportal.reports.models import Report, State, Topic

ADOPTED_TITLE = "Interneti i sigurt për çdo fëmijë"
DRAFT_TITLE = "Shëndeti mendor i të rinjve në shkollë"

ADOPTED_SECTIONS = (
    (
        "Çfarë na thanë të rinjtë",
        "Në konsultimin tonë, shumica e të rinjve thanë se kalojnë çdo ditë më shumë se tri "
        "orë në internet. Shumë prej tyre kanë parë **ngacmim online** dhe nuk e dinin ku ta "
        "raportonin.\n\n"
        "Ne dëgjuam edhe zërat e të rinjve nga Maqedonia e Veriut: „Министерството за "
        "образование треба да слуша млади“.",
    ),
    (
        "Shkolla",
        "Mësuesit kanë nevojë për kohë dhe trajnim për të folur për sigurinë në internet.\n\n"
        "! Ministria e Arsimit dhe Sportit duhet të përfshijë një orë mësimi në muaj për "
        "sigurinë në internet në çdo klasë, nga klasa e katërt.\n\n"
        "! Çdo shkollë duhet të ketë një person të trajnuar, të cilit nxënësit mund t'i "
        "drejtohen për ngacmimin online.",
    ),
    (
        "Raportimi dhe ndihma",
        "Linja ALO 116 111 dhe platforma iSIGURT.al ndihmojnë, por shumë fëmijë nuk i njohin.\n\n"
        "! Agjencia Shtetërore për të Drejtat dhe Mbrojtjen e Fëmijës duhet të organizojë çdo "
        "vit një fushatë në shkolla për linjat e ndihmës, të bërë bashkë me të rinjtë.",
    ),
)

DRAFT_SECTIONS = (
    (
        "Hyrje",
        "Shumë të rinj ndihen të lodhur dhe me stres para provimeve. Ky raport mbledh "
        "propozimet tona për shkolla ku të flasësh për shëndetin mendor është normale.",
    ),
    (
        "Psikologu i shkollës",
        "Psikologët e shkollave kanë shumë nxënës dhe pak kohë.\n\n"
        "! Ministria e Arsimit dhe Sportit duhet të sigurojë një psikolog për çdo 300 nxënës.",
    ),
)


def _user(login):
    from youthportal.accounts.models import User

    return db.session.scalar(select(User).where(User.login_name == login))


def _write(owner, report, sections):
    for title, body in sections:
        section = drafting.add_section(owner, report, title, report.structure_version, "sq")
        editing.save(
            owner,
            report,
            section,
            title=title,
            body=body,
            base_revision=section.revision,
            note="",
            locale="sq",
        )


def _topic(key):
    return db.session.scalar(select(Topic.id).where(Topic.key == key))


def seed_reports(teuta, cohort) -> None:
    if db.session.scalar(select(Report.id).where(Report.title == ADOPTED_TITLE)) is not None:
        return
    alba, bledi, fjona, dea = (_user(n) for n in ("alba", "bledi", "fjona", "dea"))
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        report, _ = drafting.start(
            alba,
            cohort,
            ADOPTED_TITLE,
            "Çfarë kërkojnë të rinjtë nga institucionet për sigurinë e fëmijëve në internet.",
            _topic("internet-safety"),
            "sq",
        )
        drafting.add_author(alba, report, bledi)
        drafting.add_author(alba, report, fjona)
        _write(alba, report, ADOPTED_SECTIONS)
        workflow.move(alba, report, State.IN_REVIEW, locale="sq")
        workflow.move(teuta, report, State.APPROVED, "Gati për votim.", "sq")
        poll = adoption.open_vote(teuta, report, 3, "sq")
        options = {
            o.key: o.id
            for o in db.session.scalars(select(PollOption).where(PollOption.poll_id == poll.id))
        }
        voters = [_user(n) for n in ("ardit", "alba", "bledi", "dea", "endri", "fjona", "gerti")]
        for n, member in enumerate(voters):
            answer = "no" if n == 3 else ("abstain" if n == 6 else "yes")
            voting.cast(poll, member, [options[answer]], None, "sq")
        # The vote ran its course: closed yesterday, counted now.
        poll = db.session.get(Poll, poll.id)
        poll.opens_at = utcnow() - timedelta(days=4)
        poll.closes_at = utcnow() - timedelta(days=1)
        db.session.flush()
        adoption.settle(report)

        draft, _ = drafting.start(
            bledi,
            cohort,
            DRAFT_TITLE,
            "Si mund të bëhen shkollat vende ku të rinjtë ndihen mirë.",
            _topic("health"),
            "sq",
        )
        drafting.add_author(bledi, draft, fjona)
        _write(bledi, draft, DRAFT_SECTIONS)
        section = drafting.live_sections(draft)[1]
        suggestions.suggest(
            dea,
            draft,
            section,
            section.body + "\n\n! Çdo shkollë duhet të ketë një kënd të qetë ku nxënësit "
            "mund të flasin me dikë kur ndihen keq.",
            section.revision,
            "Një ide nga klasa ime",
            "sq",
        )
    db.session.flush()
