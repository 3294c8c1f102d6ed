"""Sources: authors cite consultations and polls they can open; a cited poll's results show
in a summary box, frozen into the adopted version; sources nobody may open are refused."""

from datetime import timedelta

from tests.conftest import login, make_group, make_user
from tests.polls.helpers import make_poll, option_ids, vote
from tests.reports.helpers import first_section, make_cohort, make_report, parliamentarian
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.reports.models import Source


def test_a_section_cites_a_closed_poll_and_shows_its_result(client, app):
    facilitator, cohort = make_cohort()
    owner = parliamentarian(cohort)
    other = parliamentarian(cohort)
    report = make_report(owner, cohort)
    section = first_section(report)
    poll = make_poll(facilitator, groups=(cohort,), title="Which change first?")
    for member in (owner, other):
        vote(client, member, poll, choices=[option_ids(poll)[1]])
    poll.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    login(client, owner)
    page = client.get(f"/reports/{report.id}/sources")
    assert "Which change first?" in page.text  # offered to cite
    response = client.post(
        f"/reports/{report.id}/sources",
        data={"kind": "poll", "target_id": poll.id, "section_id": section.id, "once": "src1"},
    )
    assert response.status_code == 302
    assert db.session.query(Source).count() == 1
    text = client.get(f"/reports/{report.id}").text
    assert "Which change first?" in text and "Most chosen: A school garden" in text
    assert "2 of" in text


def test_a_source_the_author_cannot_open_is_refused_and_nothing_is_added(client):
    _facilitator, cohort = make_cohort()
    owner = parliamentarian(cohort)
    report = make_report(owner, cohort)
    elsewhere = make_group(make_user(Role.FACILITATOR))
    other_poll = make_poll(make_user(Role.FACILITATOR), groups=(elsewhere,))
    login(client, owner)
    response = client.post(
        f"/reports/{report.id}/sources",
        data={"kind": "poll", "target_id": other_poll.id, "section_id": "", "once": "src2"},
        follow_redirects=True,
    )
    assert "That source does not exist or you cannot open it." in response.text
    assert db.session.query(Source).count() == 0
