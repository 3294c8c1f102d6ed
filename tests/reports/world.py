"""A Youth Parliament cohort with one person in every role around a report, and reports in
the states the role matrix and the privacy checks need (a draft, one approved for the vote,
one adopted)."""

import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from tests.conftest import login, make_group, make_institution, make_user
from tests.moderation_helpers import admin, group_thread, trusted_youth
from tests.reports.helpers import make_cohort, make_report, make_topic, parliamentarian
from youthportal.accounts.models import AccountStatus, Group, GuardianConsent, Role, User
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.reports import adoption, drafting, suggestions
from youthportal.reports.models import (
    CohortRules,
    Report,
    Section,
    Source,
    SourceKind,
    State,
    Suggestion,
    Topic,
)

ROLES = [
    "anonymous",
    "outsider",  # a parliamentarian of another cohort
    "member",  # a young member of the cohort, not a co-author
    "coauthor",
    "owner",
    "pending",  # in the cohort, waiting for guardian consent
    "facilitator",
    "other_facilitator",
    "policy_maker",
    "expert",
    "admin",
]
COHORT_NAME = "Shkodër Youth Parliament 2026"
GUARDIAN_EMAIL = "guardian.of.besa@example.org"
SECTIONS = (
    ("Why it matters", "Children go online every day.\n\n! Schools should teach online safety."),
    ("What we ask", "Clear rules for apps.\n\n! The ministry should publish a yearly check."),
)


@dataclass
class World:
    users: dict[str, User | None]
    candidate: User  # a parliamentarian of the cohort who could become a co-author
    cohort: Group
    topic: Topic
    draft: Report
    section: Section
    other: Section
    deleted: Section
    suggestion: Suggestion
    source: Source
    approved: Report
    adopted: Report

    def ids(self) -> dict[str, int]:
        """What the matrix's URL templates are filled with."""
        return {
            "cohort": self.cohort.id,
            "topic": self.topic.id,
            "draft": self.draft.id,
            "section": self.section.id,
            "other": self.other.id,
            "deleted": self.deleted.id,
            "suggestion": self.suggestion.id,
            "source": self.source.id,
            "thread": self.source.target_id,
            "approved": self.approved.id,
            "adopted": self.adopted.id,
            "coauthor": self.users["coauthor"].id,
            "member": self.users["member"].id,
            "candidate": self.candidate.id,
        }


def people() -> tuple[Group, dict[str, User | None]]:
    facilitator, cohort = make_cohort(name=COHORT_NAME)
    _other_facilitator, other_cohort = make_cohort(name="Another cohort")
    users = {
        "anonymous": None,
        "outsider": parliamentarian(other_cohort, display_name="Outsider"),
        "member": trusted_youth(group=cohort, display_name="Member"),
        "coauthor": parliamentarian(
            cohort, display_name="Besa", age=14, email="besa.private@example.org"
        ),
        "owner": parliamentarian(cohort, display_name="Ardit", age=17),
        "pending": make_user(age=13, group=cohort, status=AccountStatus.PENDING_CONSENT),
        "facilitator": facilitator,
        "other_facilitator": make_user(Role.FACILITATOR, group=make_group()),
        "policy_maker": make_user(Role.POLICY_MAKER, institution=make_institution()),
        "expert": make_user(Role.EXPERT),
        "admin": admin(),
    }
    db.session.add(
        GuardianConsent(
            user_id=users["coauthor"].id, token_nonce="n", guardian_email=GUARDIAN_EMAIL
        )
    )
    db.session.commit()
    return cohort, users


def build_world(credit_collectively: bool = False) -> World:
    with current_app.test_request_context():
        return _build(credit_collectively)


def _build(credit_collectively: bool) -> World:
    cohort, users = people()
    owner, coauthor = users["owner"], users["coauthor"]
    topic = make_topic()
    draft = make_report(owner, cohort, sections=SECTIONS, co_authors=(coauthor,))
    approved = make_report(owner, cohort, sections=SECTIONS, state=State.APPROVED, title="Approved")
    adopted = make_report(owner, cohort, sections=SECTIONS, co_authors=(coauthor,), title="Adopted")
    adopted.topic_id = topic.id
    set_rules(cohort, credit_collectively=credit_collectively)
    adopt(adopted)
    return World(
        users=users,
        candidate=parliamentarian(cohort, display_name="Candidate"),
        cohort=cohort,
        topic=topic,
        draft=draft,
        approved=approved,
        adopted=adopted,
        **_draft_parts(draft, users),
    )


def _draft_parts(draft: Report, users: dict) -> dict:
    """The draft's two sections, a deleted one, a member's suggestion and a cited source."""
    owner = users["owner"]
    section, other = drafting.live_sections(draft)
    deleted = drafting.add_section(owner, draft, "Old notes", draft.structure_version, "en")
    drafting.delete_section(owner, draft, deleted, draft.structure_version)
    suggestion, _verdict = suggestions.suggest(
        users["member"],
        draft,
        section,
        body="Children are online every day.",
        base_number=section.revision,
        note="",
        locale="en",
    )
    thread = group_thread(draft.cohort, users["facilitator"])
    source = Source(report_id=draft.id, kind=SourceKind.DISCUSSION, target_id=thread.id)
    db.session.add(source)
    db.session.commit()
    return {
        "section": section,
        "other": other,
        "deleted": deleted,
        "suggestion": suggestion,
        "source": source,
    }


def set_rules(cohort, **fields) -> CohortRules:
    rules = db.session.get(CohortRules, cohort.id) or CohortRules(group_id=cohort.id)
    db.session.add(rules)
    for key, value in fields.items():
        setattr(rules, key, value)
    db.session.commit()
    return rules


def adopt(report: Report):
    """Adopts the report as a vote would (3 of 3 members voted yes) and returns the version."""
    decision = adoption.Decision(
        yes=3,
        no=0,
        abstain=0,
        turnout=3,
        members=3,
        quorum_percent=50,
        majority="simple",
        quorum_met=True,
        majority_met=True,
    )
    report.state, report.adopted_at = State.ADOPTED, utcnow()
    version = adoption.make_version(report, decision, adoption.cohort_rules(report.cohort_id))
    db.session.commit()
    return version


def sign_in(client, user: User | None) -> None:
    """Signs `user` in, or makes the client an anonymous visitor for None."""
    if user is not None:
        login(client, user)
        return
    with client.session_transaction() as session:
        session.clear()


def once() -> str:
    return secrets.token_urlsafe(12)


def snapshot() -> dict[str, list]:
    """Every row of every table: equal snapshots mean the request changed nothing."""
    return {
        table.name: [
            tuple(row)
            for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in db.metadata.sorted_tables
    }
