"""A demo consultation, made through the real services: the Youth Parliament asks every young
member how the internet could be safer at school; proposals are in, supporting is open."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.consultations import services
from youthportal.consultations.models import Consultation
from youthportal.consultations.services import ConsultationSetup
from youthportal.core.model_base import utcnow
from youthportal.extensions import db

PROPOSALS = (
    ("Orë mësimi për profilet e rreme", "Çdo klasë të mësojë si ta njohë një profil të rremë.", 0),
    ("Një buton raportimi në faqen e shkollës", "Që çdo nxënës ta raportojë ngacmimin shpejt.", 1),
    (
        "Të rinjtë të mësojnë prindërit",
        "Një mbrëmje ku ne u tregojmë prindërve si ta përdorin internetin.",
        2,
    ),
    (
        "Fjalëkalime më të forta",
        "Një javë ku të gjithë ndryshojmë fjalëkalimet dhe mësojmë pse.",
        3,
    ),
)


def seed_consultations(ardit, authors, supporters) -> None:
    if db.session.scalar(select(Consultation.id).limit(1)) is not None:
        return
    now = utcnow()
    setup = ConsultationSetup(
        title="Si ta bëjmë internetin më të sigurt në shkollë?",
        description=(
            "Parlamenti i të Rinjve po përgatit raportin për sigurinë në internet. "
            "Dërgo propozimin tënd dhe mbështet ato me të cilat je dakord."
        ),
        categories=["Shkolla", "Familja"],
        support_limit=3,
        audience_kind="everyone",
        group_ids=[],
        age_bands=[],
        proposals_at=now - timedelta(days=14),
        discussion_at=now - timedelta(days=7),
        support_at=now - timedelta(days=1),
        results_at=now + timedelta(days=6),
        closes_at=now + timedelta(days=30),
    )
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        consultation, _ = services.create(ardit, setup, "sq")
        proposals = []
        for (title, body, n), author in zip(PROPOSALS, authors, strict=False):
            category = "Familja" if n == 2 else "Shkolla"
            proposal, _ = services.submit_proposal(
                author, consultation, title, body, category, "sq"
            )
            proposals.append(proposal)
        db.session.flush()
        for n, member in enumerate(supporters):
            for proposal in proposals[: 1 + n % 3]:
                if proposal.author_id != member.id:
                    services.support(member, proposal)
    db.session.flush()
