"""Demo data: realistic, idempotent (running it twice changes nothing)."""

import secrets
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.accounts import services
from youthportal.accounts.models import (
    AccountStatus,
    Group,
    GroupKind,
    GroupMember,
    GuardianConsent,
    Institution,
    InstitutionKind,
    InviteCode,
    Role,
    User,
)
from youthportal.accounts.passwords import hash_password
from youthportal.consultations.demo import seed_consultations
from youthportal.core.model_base import utcnow
from youthportal.discussions import services as discussions
from youthportal.discussions.models import Thread
from youthportal.extensions import db
from youthportal.groups import services as group_services
from youthportal.hackathon.demo import seed_hackathons
from youthportal.policy.demo import seed_policy
from youthportal.polls.demo import seed_polls
from youthportal.reports.demo import seed_reports
from youthportal.safety import flags, wordlists
from youthportal.safety.models import FlagReason

DEMO_PASSWORD = "Sunny-Meadow-42"  # noqa: S105 - printed for the demo on purpose


def _user(login: str) -> User | None:
    return db.session.scalar(select(User).where(User.login_name == login))


def _adult(login, name, role, email, institution=None) -> User:
    user = _user(login)
    if user is None:
        user = services.create_adult(
            login_name=login,
            display_name=name,
            email=email,
            password=DEMO_PASSWORD,
            role=role,
            institution_id=institution.id if institution else None,
            locale="sq",
        )
    return user


def _group(facilitator: User, name: str, kind: GroupKind) -> Group:
    group = db.session.scalar(select(Group).where(Group.name == name))
    return group or group_services.create_group(facilitator, name, kind, "AL")


def _youth(login, name, avatar, age_years, group, *, pending=False, **extra) -> User:
    user = _user(login)
    if user is not None:
        return user
    today = date.today()
    year, month = today.year - age_years - 1, today.month  # birthday just passed
    user = User(
        login_name=login,
        display_name=name,
        avatar=avatar,
        role=Role.YOUTH,
        status=AccountStatus.PENDING_CONSENT if pending else AccountStatus.ACTIVE,
        birth_year=year + 1 if month > 1 else year,
        birth_month=month - 1 if month > 1 else 12,
        country="AL",
        locale="sq",
        password_hash=hash_password(DEMO_PASSWORD),
        **extra,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(GroupMember(group_id=group.id, user_id=user.id))
    if pending:
        consent = GuardianConsent(
            user_id=user.id,
            token_nonce=secrets.token_hex(8),
            guardian_email=f"guardian.of.{login}@example.org",
        )
        db.session.add(consent)
        db.session.flush()
        services.send_consent_request(consent)
    return user


def seed_demo() -> list[tuple[str, str]]:
    ministry = db.session.scalar(
        select(Institution).where(Institution.name == "Ministria e Arsimit dhe Sportit")
    )
    if ministry is None:
        ministry = Institution(
            name="Ministria e Arsimit dhe Sportit", kind=InstitutionKind.MINISTRY, country="AL"
        )
        agency = Institution(
            name="Agjencia Shtetërore për të Drejtat dhe Mbrojtjen e Fëmijës",
            kind=InstitutionKind.AGENCY,
            country="AL",
        )
        committee = Institution(
            name="Komisioni parlamentar për Punën, Çështjet Sociale dhe Shëndetësinë",
            kind=InstitutionKind.PARLIAMENT_COMMITTEE,
            country="AL",
        )
        db.session.add_all([ministry, agency, committee])
        db.session.flush()
    agency, committee = (
        db.session.scalar(select(Institution).where(Institution.kind == kind))
        for kind in (InstitutionKind.AGENCY, InstitutionKind.PARLIAMENT_COMMITTEE)
    )

    _adult("admin", "Admin", Role.ADMIN, "admin@youthportal.example")
    _adult("besa.lead", "Besa Hoxha", Role.SAFEGUARDING_LEAD, "besa@youthportal.example")
    teuta = _adult("teuta", "Teuta Krasniqi", Role.FACILITATOR, "teuta@youthportal.example")
    _adult("official", "Arben Dervishi", Role.POLICY_MAKER, "arben@ministry.example", ministry)
    _adult("agency.official", "Mira Leka", Role.POLICY_MAKER, "mira@agency.example", agency)
    # Invited experts from companies: UneHack judges and mentors once vetted.
    drilon = _adult("drilon.expert", "Drilon Gashi", Role.EXPERT, "drilon@company.example")
    elira = _adult("elira.expert", "Elira Shehu", Role.EXPERT, "elira@company.example")

    cohort = _group(teuta, "Parlamenti i të Rinjve 2026", GroupKind.PARLIAMENT_COHORT)
    school = _group(teuta, "Klasa 8B, Tiranë", GroupKind.SCHOOL_CLASS)
    if db.session.scalar(select(InviteCode).where(InviteCode.code == "DEMO2026")) is None:
        db.session.add(
            InviteCode(
                code="DEMO2026",
                group_id=school.id,
                created_by_id=teuta.id,
                expires_at=utcnow() + timedelta(days=365),
                max_uses=200,
            )
        )

    term_start = date(date.today().year, 1, 1)
    _youth(
        "ardit",
        "Ardit",
        "lion",
        17,
        cohort,
        parliament_term_start=term_start,
        parliament_term_end=term_start.replace(month=12, day=31),
    )
    _youth("jona", "Jona Star", "owl", 16, cohort, is_champion=True)
    _youth("drini", "Drini", "turtle", 15, school, pending=True)
    _youth("lira", "Lira", "rabbit", 12, school, pending=True)
    _youth("erion", "Erion", "rocket", 13, school, pending=True)
    _youth("klea", "Klea", "cat", 12, school)
    _youth("genti", "Genti", "bear", 14, school, approved_count=3)
    # More members, so the polls have voters (and the breakdowns something to hide); members
    # for some weeks, with a few approved posts, so their words appear without waiting.
    settled = {"approved_count": 5, "created_at": utcnow() - timedelta(days=21)}
    parliament = {
        "parliament_term_start": term_start,
        "parliament_term_end": term_start.replace(month=12, day=31),
        **settled,
    }
    cohort_voters = [_user("ardit")] + [
        _youth(login, login.title(), avatar, age, cohort, **parliament)
        for login, avatar, age in (
            ("alba", "fox", 16),
            ("bledi", "bear", 17),
            ("dea", "owl", 15),
            ("endri", "lion", 16),
            ("fjona", "cat", 17),
            ("gerti", "rocket", 15),
            ("hana", "rabbit", 16),
            ("ilir", "turtle", 17),
        )
    ]
    school_voters = [_user("klea"), _user("genti")] + [
        _youth(login, login.title(), avatar, age, school, **settled)
        for login, avatar, age in (("sara", "owl", 13), ("noel", "fox", 14), ("ema", "cat", 13))
    ]
    db.session.flush()
    wordlists.seed()
    _seed_discussions(cohort, school)
    seed_consultations(_user("ardit"), cohort_voters[1:5], cohort_voters[4:] + school_voters[1:])
    seed_polls(
        teuta,
        _user("ardit"),
        cohort,
        school,
        {cohort.id: cohort_voters, school.id: school_voters},
    )
    seed_reports(teuta, cohort)
    seed_policy(teuta, ministry, agency, committee)
    logins = ("admin", "alba", "endri", "hana", "bledi", "fjona", "ilir", "sara", "noel", "ema")
    seed_hackathons(
        teuta,
        (teuta, drilon, elira, drilon),
        {login: _user(login) for login in (*logins, "dea", "gerti")},
    )
    return [
        ("admin", "admin"),
        ("safeguarding lead", "besa.lead"),
        ("facilitator", "teuta"),
        ("policy-maker (Ministry)", "official"),
        ("policy-maker (Agency)", "agency.official"),
        ("UneHack experts", "drilon.expert, elira.expert"),
        ("parliamentarian, 17", "ardit"),
        ("Youth Champion, 16", "jona"),
        ("youth 15, waiting for consent", "drini"),
        ("youth 12, waiting for consent", "lira"),
        ("youth 12 (posts read first)", "klea"),
        ("youth 14", "genti"),
        ("more parliamentarians", "alba, bledi, dea, endri, fjona, gerti, hana, ilir"),
        ("more youth in Klasa 8B", "sara, noel, ema"),
        ("invite code for Klasa 8B", "DEMO2026"),
    ]


def _seed_discussions(cohort: Group, school: Group) -> None:
    """A lively public thread, a held post, a reported comment and one urgent case, all
    through the real pipeline, so the moderation queue is not empty in the demo."""
    if db.session.scalar(select(Thread.id).limit(1)) is not None:
        return
    ardit, jona, klea, genti = (_user(n) for n in ("ardit", "jona", "klea", "genti"))
    teuta = _user("teuta")
    ardit.approved_count = max(ardit.approved_count, 5)
    jona.approved_count = max(jona.approved_count, 20)
    # Demo members joined weeks ago: no new-account limits (first hour, no links).
    weeks_ago = utcnow() - timedelta(days=21)
    for member in (ardit, jona, klea, genti):
        member.created_at = min(member.created_at, weeks_ago)
    db.session.flush()
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        thread, _ = discussions.start_thread(
            ardit,
            "public",
            0,
            "Si ta bëjmë internetin më të sigurt në shkollë?",
            "Në Parlamentin e të Rinjve po shkruajmë raportin për sigurinë në internet. "
            "Çfarë duhet të ndryshojë në shkollën tuaj?",
            "sq",
        )
        first, verdict = discussions.add_comment(
            jona,
            thread,
            "Mësuesit duhet të flasin më shumë për **ngacmimin online**. "
            "Shumë nga ne nuk e dinë që mund ta raportojnë te iSIGURT.al.",
            "sq",
        )
        if first is None:
            raise RuntimeError(f"demo comment refused: {verdict.kinds()}")
        discussions.add_comment(
            ardit, thread, "Dakord! E shtoj te rekomandimet e raportit.", "sq", parent=first
        )
        reported, _ = discussions.add_comment(
            genti, thread, "Kush do të luajë lojëra sonte? Hajdeni të gjithë!", "sq"
        )
        for reporter in (ardit, jona):
            flags.flag(reporter, reported, FlagReason.SPAM)
        group_thread, _ = discussions.start_thread(
            teuta,
            "group",
            school.id,
            "Rregullat e klasës për telefonat",
            "Çfarë rregullash duhet të kemi për telefonat gjatë mësimit?",
            "sq",
        )
        # Klea is 12: her posts are read by a facilitator first.
        discussions.add_comment(
            klea, group_thread, "Mendoj që telefonat duhet të jenë në çantë gjatë orës.", "sq"
        )
        # An urgent disclosure: held, the safeguarding lead is alerted.
        discussions.add_comment(
            klea,
            group_thread,
            "Dikush që nuk e njoh më kërkon foto dhe më thotë të mos i tregoj askujt.",
            "sq",
        )
    db.session.flush()
