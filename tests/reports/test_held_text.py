"""Text waiting for a moderator never reaches readers who are not co-authors or reviewers:
not a report's title, not a section's title, not its text."""

from sqlalchemy import select

from tests.conftest import login, make_user
from tests.moderation_helpers import admin
from tests.reports.helpers import make_cohort, parliamentarian
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.reports import drafting
from youthportal.reports.models import Report, Revision, Section
from youthportal.safety.models import ModerationStatus, ReviewDecision
from youthportal.safety.review import decide, open_item_for


def _new_member_report(app, cohort):
    """A brand-new member's first words wait for a moderator (pre-moderation)."""
    newcomer = parliamentarian(cohort, approved_count=0, created_at=utcnow())
    with app.test_request_context():
        report, verdict = drafting.start(newcomer, cohort, "Our held title", "", None, "en")
    db.session.commit()
    assert not verdict.ok
    return newcomer, report


def test_a_held_report_title_is_unseen_by_other_cohort_members(app, client):
    facilitator, cohort = make_cohort()
    newcomer, report = _new_member_report(app, cohort)
    reader = make_user(group=cohort)
    login(client, reader)
    assert client.get(f"/reports/{report.id}").status_code == 404
    assert "Our held title" not in client.get("/reports/").text
    for who in (newcomer, facilitator):
        login(client, who)
        assert "Our held title" in client.get(f"/reports/{report.id}").text


def test_a_held_section_appears_to_others_once_a_moderator_approved_it(app, client):
    facilitator, cohort = make_cohort()
    owner = parliamentarian(cohort)
    newcomer = parliamentarian(cohort, approved_count=0, created_at=utcnow())
    with app.test_request_context():
        report, _ = drafting.start(owner, cohort, "A report", "", None, "en")
        db.session.add(drafting.Author(report_id=report.id, user_id=newcomer.id))
        section = drafting.add_section(
            newcomer, report, "A held section title", report.structure_version, "en"
        )
    db.session.commit()
    assert section.status == ModerationStatus.PENDING and section.public_title == ""
    reader = make_user(group=cohort)
    login(client, reader)
    assert "A held section title" not in client.get(f"/reports/{report.id}").text
    assert client.get(f"/reports/{report.id}/sections/{section.id}").status_code == 404
    login(client, owner)
    assert "A held section title" in client.get(f"/reports/{report.id}").text

    revision = db.session.scalar(select(Revision).where(Revision.section_id == section.id))
    with app.test_request_context():
        item = open_item_for("report_revision", revision.id)
        decide(item, revision, admin(), ReviewDecision.APPROVED)
    db.session.commit()
    section = db.session.get(Section, section.id)
    assert section.public_title == "A held section title"
    login(client, reader)
    assert "A held section title" in client.get(f"/reports/{report.id}").text
    assert db.session.get(Report, report.id).status == ModerationStatus.PUBLISHED
