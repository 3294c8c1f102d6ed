"""Each report page costs the same number of SQL statements whether it lists a few rows or
many: no statement per section, revision, suggestion or adopted report. The counts are
pinned, so a page that starts asking more of the database is noticed."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.moderation_helpers import trusted_youth
from tests.reports.steps import Team, make_team
from tests.reports.world import adopt, sign_in
from youthportal.extensions import db
from youthportal.reports import editing
from youthportal.reports.models import Report, RevisionKind, Section, Suggestion
from youthportal.safety.models import ModerationStatus

TEXT = "Young people want safer apps.\n\n! The ministry should check apps every year."


def add_sections(team: Team, count: int, report: Report | None = None) -> None:
    report = report or team.report
    for n in range(count):
        section = Section(report_id=report.id, position=100 + n, title=f"Part {n}", revision=0)
        db.session.add(section)
        db.session.flush()
        add_revisions(section, [team.owner])
    db.session.commit()


def add_revisions(section: Section, authors: list) -> None:
    """One published revision by each author in turn."""
    for n, author in enumerate(authors):
        editing.add_revision(
            section,
            title=section.title,
            body=f"{TEXT}\n\nVersion {section.revision + 1} by {n}.",
            kind=RevisionKind.EDIT,
            author_id=author.id,
            base_number=section.revision or None,
            note=f"Change {n}",
            status=ModerationStatus.PUBLISHED,
        )
    db.session.commit()


def add_suggestions(team: Team, count: int) -> None:
    for _ in range(count):
        author = trusted_youth(group=team.cohort)
        db.session.add(
            Suggestion(
                section_id=team.section.id,
                author_id=author.id,
                body=TEXT,
                base_number=team.section.revision,
                status=ModerationStatus.PUBLISHED,
            )
        )
    db.session.commit()


def adopt_reports(team: Team, count: int) -> None:
    for n in range(count):
        report = Report(cohort_id=team.cohort.id, owner_id=team.owner.id, title=f"Report {n}")
        db.session.add(report)
        db.session.flush()
        add_sections(team, 2, report)
        adopt(report)


def add_section_revisions(team: Team, count: int) -> None:
    """Revisions of the first section by the owner, the co-author and a member in turn."""
    people = [team.owner, team.coauthor, team.member]
    add_revisions(team.section, [people[n % 3] for n in range(count)])


def adopt_with_sections(team: Team, count: int) -> None:
    add_sections(team, count)
    adopt(team.report)


def report_url(team: Team) -> str:
    return f"/reports/{team.report.id}"


def section_url(team: Team) -> str:
    return f"{report_url(team)}/sections/{team.section.id}"


def section_history_url(team: Team) -> str:
    return section_url(team) + "/history"


def report_history_url(team: Team) -> str:
    return report_url(team) + "/history"


def adopted_url(team: Team) -> str:
    return "/reports/adopted"


def version_url(team: Team) -> str:
    return report_url(team) + "/v/1"


@dataclass(frozen=True)
class Page:
    url: Callable[[Team], str]
    add_rows: Callable[[Team, int], None]
    few: int
    many: int
    statements: int  # pinned
    reader: str | None = "owner"  # None: a visitor


PAGES = {
    "report page": Page(report_url, add_sections, 2, 12, 14),
    "section page": Page(section_url, add_suggestions, 2, 12, 18),
    "section history": Page(section_history_url, add_section_revisions, 3, 30, 9),
    "report history": Page(report_history_url, add_section_revisions, 3, 30, 9),
    "adopted list": Page(adopted_url, adopt_reports, 2, 12, 5, reader=None),
    "version page": Page(version_url, adopt_with_sections, 2, 12, 5, reader=None),
}


def statements(app, count_queries, page: Page, rows: int) -> int:
    """What one visit costs a reader of a new report with `rows` rows added."""
    team = make_team()
    page.add_rows(team, rows)
    client = app.test_client()
    sign_in(client, getattr(team, page.reader) if page.reader else None)
    url = page.url(team)
    assert client.get(url).status_code == 200  # a first visit may create a comment thread
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


@pytest.mark.parametrize("name", PAGES)
def test_a_page_costs_the_same_with_few_or_many_rows(app, count_queries, name):
    page = PAGES[name]
    few = statements(app, count_queries, page, page.few)
    many = statements(app, count_queries, page, page.many)
    assert few == many, (few, many)
    assert few == page.statements
