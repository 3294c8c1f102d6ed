"""Demo UneHack events, made through the real services: a past event with published
results (teams, ideas, three judges, fair scores, awards) and a current one in the building
phase (two teams with drafts, a mentor's feedback, someone on the board). The past event is
lived phase by phase: its dates move forward as each step is done, as the calendar would."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon import events, ideas, jury, results, teams
from youthportal.hackathon.events import EventSetup
from youthportal.hackathon.models import PHASE_STARTS, Event, Phase, StaffRole

CHALLENGES = [
    "Ndihmo një fëmijë 12-vjeçar të dallojë një profil të rremë",
    "Bëje raportimin e ngacmimit në internet të lehtë",
]
CRITERIA = [
    ("Ndikimi", 30),
    ("Zbatueshmëria", 25),
    ("Krijimtaria", 25),
    ("Dizajni për fëmijët", 20),
]

PAST_TEAMS = (
    ("Roja Digjitale", ("alba", "endri", "hana"), 0),
    ("Sytë e Hapur", ("bledi", "fjona", "ilir"), 1),
    ("Klasa Kurioze", ("sara", "noel", "ema"), 0),
    ("Hapa të Sigurt", ("dea", "gerti"), 1),
)
PAST_IDEAS = {
    "Roja Digjitale": (
        "Kuiz: E vërtetë apo e rreme?",
        "Fëmijët nuk e dallojnë dot një profil të rremë.",
        "Fëmijët 10 deri 14 vjeç që sapo kanë marrë telefonin e parë.",
        "Një lojë me pyetje që mëson pesë shenjat e një profili të rremë.",
        "Një prototip në letër dhe një faqe e vogël.",
    ),
    "Sytë e Hapur": (
        "Butoni i guximit",
        "Shumë fëmijë nuk e raportojnë ngacmimin sepse kanë frikë.",
        "Nxënësit që shohin ngacmim në grupet e klasës.",
        "Një buton i thjeshtë që i dërgon mësuesit një njoftim pa emër.",
        "Vizatime të ekranit dhe një plan për shkollën.",
    ),
    "Klasa Kurioze": (
        "Detektivët e profileve",
        "Profilet e rreme duken shumë të vërteta.",
        "Nxënësit e klasave të gjashta deri të teta.",
        "Karta loje me shembuj profilesh për t'i zgjidhur në grup.",
        "Njëzet karta të vizatuara me dorë.",
    ),
    "Hapa të Sigurt": (
        "Udhërrëfyesi i raportimit",
        "Fëmijët nuk e dinë ku ta raportojnë ngacmimin.",
        "Çdo fëmijë që përdor rrjetet sociale.",
        "Një udhëzues hap pas hapi që tregon ku dhe si raportohet.",
        "Një broshurë dhe një video e shkurtër.",
    ),
}
# Each judge's habit: a strict one, a generous one, one in between; they agree on the order.
JUDGE_BASE = (1, 3, 2)
IDEA_BONUS = {"Roja Digjitale": 2, "Sytë e Hapur": 1, "Klasa Kurioze": 2, "Hapa të Sigurt": 0}


def _dates(phase: Phase, *, days_apart: int = 7) -> dict:
    """Dates so that `phase` began an hour ago and the others follow a week apart."""
    order = [p for p, _c in PHASE_STARTS]
    index = order.index(phase)
    now = utcnow()
    return {
        column: now + timedelta(days=days_apart * (n - index)) - timedelta(hours=1)
        for n, (_p, column) in enumerate(PHASE_STARTS)
    }


def _move_to(event: Event, phase: Phase) -> None:
    for column, value in _dates(phase).items():
        setattr(event, column, value)
    db.session.flush()


def _setup(title: str, description: str, phase: Phase) -> EventSetup:
    return EventSetup(
        title=title,
        description=description,
        rules="Puno në ekip. Trego respekt. Mos shkruaj emra, numra telefoni ose adresa.",
        challenges=list(CHALLENGES),
        min_age=12,
        max_age=18,
        same_band_teams=True,
        team_min=2,
        team_max=4,
        dates=_dates(phase),
    )


def _idea(member, team, fields, challenge_index, event):
    title, problem, helps, how, built = fields
    draft = ideas.IdeaDraft(
        title=title,
        problem=problem,
        helps=helps,
        how=how,
        built=built,
        links=[],
        challenge_id=event.challenges[challenge_index].id,
    )
    idea, _verdict = ideas.save(member, team, draft, None, "sq")
    return idea


def _staff(organiser, event, staff, admin) -> None:
    """Three judges and a mentor; the admin vets the invited experts among them."""
    roles = [(person, StaffRole.JUDGE) for person in staff[:3]] + [(staff[3], StaffRole.MENTOR)]
    for person, role in roles:
        row = jury.add_staff(organiser, event, person.login_name, role)
        jury.vet(admin, row)
    jury.set_criteria(organiser, event, CRITERIA, "sq")


def seed_hackathons(organiser, judges_and_mentors, users) -> None:
    """`users`: login name -> User. `judges_and_mentors`: (judge, judge, judge, mentor)."""
    if db.session.scalar(select(Event.id).limit(1)) is not None:
        return
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        _past_event(organiser, judges_and_mentors, users)
        _current_event(organiser, judges_and_mentors, users)


def _past_event(organiser, staff, users) -> None:
    event = events.create(
        organiser,
        _setup(
            "UneHack 2025: Siguria në internet",
            "Hakatoni nga fëmijët për fëmijët: ide për një internet më të sigurt.",
            Phase.FORMING,
        ),
        "sq",
    )
    db.session.flush()
    _staff(organiser, event, staff, users["admin"])
    made = []
    for name, logins, challenge in PAST_TEAMS:
        founder, *others = (users[login] for login in logins)
        team = teams.create_team(founder, event, name, "sq")
        for member in others:
            teams.join(member, event, team)
        made.append((team, founder, challenge))
    _move_to(event, Phase.BUILDING)
    saved = []
    for team, founder, challenge in made:
        idea = _idea(founder, team, PAST_IDEAS[team.name], challenge, event)
        ideas.submit(founder, idea)
        saved.append(idea)
    _move_to(event, Phase.JUDGING)
    jury.assign(organiser, event)
    for judge, base in zip(staff[:3], JUDGE_BASE, strict=True):
        for idea in saved:
            if not db.session.get(jury.Assignment, (judge.id, idea.id)):
                continue
            value = min(base + IDEA_BONUS[idea.team.name], event.scale_max)
            jury.score(judge, idea, {c.id: (value, "") for c in event.criteria}, "sq")
    _move_to(event, Phase.RESULTS)
    results.publish(organiser, event)
    # A year ago, as the calendar would have it.
    for column, value in _dates(Phase.RESULTS).items():
        setattr(event, column, value - timedelta(days=300))
    event.results_published_at = event.results_at + timedelta(hours=2)


def _current_event(organiser, staff, users) -> None:
    event = events.create(
        organiser,
        _setup(
            "UneHack 2026: Së bashku për një internet më të sigurt",
            "Formoni ekipe, ndërtoni një ide dhe tregojeni para jurisë.",
            Phase.FORMING,
        ),
        "sq",
    )
    db.session.flush()
    _staff(organiser, event, staff, users["admin"])
    first = teams.create_team(users["alba"], event, "Mburoja", "sq")
    teams.join(users["hana"], event, first)
    second = teams.create_team(users["sara"], event, "Yjet e Vegjël", "sq")
    teams.join(users["ema"], event, second)
    teams.join_board(users["noel"], event, ["drawing", "games"])
    _move_to(event, Phase.BUILDING)
    idea = _idea(
        users["alba"],
        first,
        (
            "Alarmi i fjalëkalimit",
            "Shumë fëmijë përdorin të njëjtin fjalëkalim kudo.",
            "Fëmijët që kanë shumë llogari.",
            "Një lojë e vogël që tregon sa shpejt gjendet një fjalëkalim i dobët.",
            "",
        ),
        0,
        event,
    )
    ideas.give_feedback(
        staff[3],
        idea,
        "Ide shumë e mirë! Provojeni me fëmijë më të vegjël dhe shkruani çfarë mësuat.",
        "sq",
    )
