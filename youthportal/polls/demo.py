"""Demo polls, made through the real services: a live poll in a class, a closed secret
ranked-choice poll of the Youth Parliament with its results, and an upcoming poll that
takes options from young people."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls import results, services, voting
from youthportal.polls.models import Method, Poll
from youthportal.polls.services import PollSetup


def _setup(title, options, *, method=Method.SINGLE, days=(-1, 6), **fields) -> PollSetup:
    now = utcnow()
    values = {
        "title": title,
        "description": "",
        "method": method,
        "options": list(options),
        "max_choices": None,
        "scale_labels": [],
        "is_secret": True,
        "allow_change": False,
        "results_visibility": "after_close",
        "reason_mode": "off",
        "quorum_percent": None,
        "receipts": False,
        "youth_options": False,
        "audience_kind": "everyone",
        "group_ids": [],
        "age_bands": [],
        "opens_at": now + timedelta(days=days[0]),
        "closes_at": now + timedelta(days=days[1]),
    }
    values.update(fields)
    return PollSetup(**values)


def seed_polls(teuta, ardit, cohort, school, voters_by_group) -> None:
    if db.session.scalar(select(Poll.id).limit(1)) is not None:
        return
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        live, _ = services.create(
            teuta,
            _setup(
                "Cilin klub duhet të hapim këtë vit në shkollë?",
                ["Robotikë", "Teatër", "Shah", "Gazeta e shkollës"],
                description="Zgjidh klubin ku do të merrje pjesë.",
                results_visibility="live",
                audience_kind="groups",
                group_ids=[school.id],
            ),
            "sq",
        )
        options = voting.published_option_ids(live)
        for n, member in enumerate(voters_by_group[school.id]):
            voting.cast(live, member, [options[n % len(options)]], None, "sq")

        ranked, _ = services.create(
            ardit,
            _setup(
                "Cila temë të jetë e para në raportin tonë për këtë vit?",
                [
                    "Siguria në internet",
                    "Shëndeti mendor në shkollë",
                    "Pjesëmarrja e të rinjve në vendime",
                    "Sporti dhe hapësirat e lojës",
                ],
                method=Method.RANKED,
                days=(-10, 1),
                receipts=True,
                quorum_percent=50,
                audience_kind="parliamentarians",
            ),
            "sq",
        )
        a, b, c, d = voting.published_option_ids(ranked)
        orders = [[a, b], [a, c], [b, a], [c, b, a], [b, c], [a], [d, c, b], [c, a], [a, d]]
        for member, order in zip(voters_by_group[cohort.id], orders, strict=False):
            voting.cast(ranked, member, order, None, "sq")
        ranked.closes_at = utcnow() - timedelta(hours=2)
        db.session.flush()
        results.close(ranked)

        services.create(
            teuta,
            _setup(
                "Çfarë duhet të mësojmë në javën e sigurisë në internet?",
                ["Si të raportoj një profil të rremë", "Si të mbroj fjalëkalimet"],
                method=Method.APPROVAL,
                days=(3, 10),
                youth_options=True,
                results_visibility="after_vote",
            ),
            "sq",
        )
    db.session.flush()
