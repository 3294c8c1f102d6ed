"""One report from the first click to adoption, through the pages: a parliamentarian starts
it and writes a section, a co-author edits at the same time (merged, then a conflict), a
cohort member's suggestion is accepted, the facilitator reviews and opens the vote, the
cohort adopts it and anyone can read and download the adopted version."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import login, make_user
from tests.reports.helpers import edit_form, first_section, make_cohort, parliamentarian
from tests.reports.world import once
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Poll, PollOption
from youthportal.reports.models import Report, State, Suggestion

FIRST = "Fëmijët janë online.\n\nLine two here."


def ok(response, status: int = 200):
    assert response.status_code == status, response.get_data(as_text=True)[:3000]
    return response


def send(client, url: str, **data):
    return client.post(url, data={**data, "once": once()})


def start_report(client, owner, cohort) -> Report:
    login(client, owner)
    ok(client.get("/reports/"))
    ok(client.get("/reports/new"))
    form = {
        "title": "Internet sigurt",
        "summary": "Ç'kërkojmë",
        "topic_id": "",
        "cohort": cohort.id,
    }
    created = ok(send(client, "/reports/new", **form), 302)
    ok(client.get(created.location))
    return db.session.scalar(select(Report))


def write_first_section(client, owner, report):
    url = f"/reports/{report.id}/sections"
    ok(send(client, url, title="Hyrje", structure=report.structure_version), 302)
    section = first_section(report)
    ok(client.get(f"/reports/{report.id}/sections/{section.id}/edit"))
    ok(edit_form(client, owner, report, section, body=FIRST, base=1), 302)
    return section


def write_together(client, owner, coauthor, report, section) -> None:
    """Both save on version 2: different lines merge, the same word conflicts."""
    login(client, owner)
    ok(send(client, f"/reports/{report.id}/authors", user_id=coauthor.id), 302)
    mine = "Fëmijët janë shumë online.\n\nLine two here."
    edit_form(client, owner, report, section, body=mine, base=2)
    theirs = "Fëmijët janë online.\n\nLine two changed here."
    ok(edit_form(client, coauthor, report, section, body=theirs, base=2), 302)
    db.session.refresh(section)
    assert section.body == "Fëmijët janë shumë online.\n\nLine two changed here.", section.body
    clash = "Fëmijët janë pak online.\n\nLine two here."
    conflict = ok(edit_form(client, coauthor, report, section, body=clash, base=2), 409)
    assert "pak" in conflict.text


def read_working_pages(client, report, section) -> None:
    base = f"/reports/{report.id}"
    for url in (
        f"{base}/history",
        f"{base}/sections/{section.id}/history",
        f"{base}/sections/{section.id}/history/3",
        f"{base}/sections/{section.id}",
        f"{base}/authors",
        f"{base}/sources",
        f"{base}/edit",
    ):
        assert client.get(url).status_code == 200, url


def suggest_and_accept(client, member, owner, report, section) -> None:
    url = f"/reports/{report.id}/sections/{section.id}"
    login(client, member)
    ok(client.get(f"{url}/suggest"))
    body = section.body + "\n\nMore from me."
    ok(send(client, f"{url}/suggest", body=body, base_revision=section.revision, note="Add"), 302)
    suggestion = db.session.scalar(select(Suggestion))
    assert suggestion.status.value == "published", suggestion.status
    login(client, owner)
    ok(client.get(f"{url}/suggestions/{suggestion.id}"))
    accept = f"{url}/suggestions/{suggestion.id}/accept"
    ok(send(client, accept, seen_revision=section.revision), 302)
    db.session.refresh(section)
    assert "More from me." in section.body


def review(client, owner, facilitator, report) -> None:
    login(client, owner)
    ok(send(client, f"/reports/{report.id}/move", to="in_review"), 302)
    db.session.refresh(report)
    assert report.state == State.IN_REVIEW, report.state
    login(client, facilitator)
    ok(client.get(f"/reports/{report.id}"))
    send(client, f"/reports/{report.id}/move", to="approved")
    db.session.refresh(report)
    assert report.state == State.APPROVED, report.state


def open_the_vote(client, facilitator, report) -> Poll:
    login(client, facilitator)
    ok(client.get(f"/reports/{report.id}/vote"))
    ok(send(client, f"/reports/{report.id}/vote", days=2), 302)
    db.session.refresh(report)
    return db.session.get(Poll, report.vote_poll_id)


def everyone_votes_yes(client, poll, voters) -> None:
    yes = db.session.scalar(
        select(PollOption).where(PollOption.poll_id == poll.id, PollOption.key == "yes")
    )
    for voter in voters:
        login(client, voter)
        ok(client.get(f"/polls/{poll.id}"))
        voted = send(client, f"/polls/{poll.id}/vote", choice=yes.id)
        assert voted.status_code in (302, 200), voted.text


def close_the_vote(client, poll, reader, report) -> None:
    poll.closes_at = utcnow() - timedelta(minutes=1)
    poll.opens_at = utcnow() - timedelta(days=1)
    db.session.commit()
    login(client, reader)
    ok(client.get(f"/reports/{report.id}"))  # the visit counts the closed vote
    db.session.refresh(report)
    assert report.state == State.ADOPTED, report.state


def read_as_a_visitor(app, report) -> None:
    visitor = app.test_client()
    version = f"/reports/{report.id}/v/1"
    for url in ("/reports/adopted", version, f"{version}.md", f"{version}.html", f"{version}.pdf"):
        response = visitor.get(url)
        assert response.status_code == 200, (url, response.text[:3000])
    assert visitor.get(f"/reports/{report.id}").status_code in (302, 401)


def test_a_report_goes_from_first_draft_to_adopted_through_the_pages(client, app):
    facilitator, cohort = make_cohort()
    ardit = parliamentarian(cohort, display_name="Ardit")
    besa = parliamentarian(cohort, display_name="Besa")
    member = make_user(group=cohort, approved_count=5)

    report = start_report(client, ardit, cohort)
    section = write_first_section(client, ardit, report)
    write_together(client, ardit, besa, report, section)
    read_working_pages(client, report, section)
    suggest_and_accept(client, member, ardit, report, section)
    review(client, ardit, facilitator, report)
    poll = open_the_vote(client, facilitator, report)
    everyone_votes_yes(client, poll, [ardit, besa])
    close_the_vote(client, poll, ardit, report)
    read_as_a_visitor(app, report)
