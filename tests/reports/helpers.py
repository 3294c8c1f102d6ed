"""A Youth Parliament cohort with its facilitator and parliamentarians, and reports in a
chosen state, for the report tests."""

from datetime import date, timedelta

from tests.conftest import login, make_user
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Group, GroupKind, GroupMember, MemberRole, Role
from youthportal.extensions import db
from youthportal.reports import drafting, editing
from youthportal.reports.models import Report, Section, State, Topic

PARLIAMENT = {
    "parliament_term_start": date.today() - timedelta(days=30),
    "parliament_term_end": date.today() + timedelta(days=300),
}


def make_cohort(facilitator=None, name="Youth Parliament 2026"):
    facilitator = facilitator or make_user(Role.FACILITATOR)
    group = Group(name=name, kind=GroupKind.PARLIAMENT_COHORT, country="AL")
    db.session.add(group)
    db.session.flush()
    db.session.add(
        GroupMember(group_id=group.id, user_id=facilitator.id, role=MemberRole.FACILITATOR)
    )
    db.session.commit()
    return facilitator, group


def parliamentarian(cohort, **fields):
    for key, value in PARLIAMENT.items():
        fields.setdefault(key, value)
    return trusted_youth(group=cohort, age=fields.pop("age", 16), **fields)


def make_topic(key="internet-safety", en="Internet safety"):
    topic = Topic(key=key, names={"en": en, "sq": "Siguria në internet"}, position=1)
    db.session.add(topic)
    db.session.commit()
    return topic


def make_report(
    owner,
    cohort,
    sections=(("Introduction", "Children go online every day."),),
    title="Safer internet for every child",
    state=State.DRAFT,
    co_authors=(),
):
    report, _verdict = drafting.start(owner, cohort, title, "What we ask for.", None, "en")
    for author in co_authors:
        db.session.add(drafting.Author(report_id=report.id, user_id=author.id))
    db.session.flush()
    for title_, body in sections:
        section = drafting.add_section(owner, report, title_, report.structure_version, "en")
        if body:
            editing.save(
                owner,
                report,
                section,
                title=title_,
                body=body,
                base_revision=section.revision,
                note="",
                locale="en",
            )
    report.state = state
    db.session.commit()
    return report


def first_section(report) -> Section:
    return drafting.live_sections(db.session.get(Report, report.id))[0]


def edit_form(client, user, report, section, *, body, base, title=None, once=None, note=""):
    login(client, user)
    return client.post(
        f"/reports/{report.id}/sections/{section.id}/edit",
        data={
            "title": title or section.title,
            "body": body,
            "base_revision": base,
            "note": note,
            "once": once or f"edit-{user.id}-{base}-{hash(body)}",
        },
    )
