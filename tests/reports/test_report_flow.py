from datetime import timedelta

from tests.conftest import login, make_user
from tests.reports.helpers import *
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Poll
from youthportal.reports.models import *


def test_smoke(client, app):
    fac, cohort = make_cohort()
    ardit = parliamentarian(cohort, display_name="Ardit")
    besa = parliamentarian(cohort, display_name="Besa")
    youth = make_user(group=cohort, approved_count=5)
    login(client, ardit)
    r = client.get("/reports/")
    assert r.status_code == 200, r.text
    r = client.get("/reports/new")
    assert r.status_code == 200, r.text
    r = client.post(
        "/reports/new",
        data={
            "title": "Internet sigurt",
            "summary": "Ç'kërkojmë",
            "topic_id": "",
            "cohort": cohort.id,
            "once": "a1",
        },
    )
    assert r.status_code == 302, r.text
    report = db.session.scalar(db.select(Report))
    r = client.get(r.location)
    assert r.status_code == 200, r.text
    r = client.post(
        f"/reports/{report.id}/sections",
        data={"title": "Hyrje", "structure": report.structure_version, "once": "a2"},
    )
    assert r.status_code == 302, r.text
    section = first_section(report)
    r = client.get(f"/reports/{report.id}/sections/{section.id}/edit")
    assert r.status_code == 200, r.text
    r = edit_form(
        client, ardit, report, section, body="Fëmijët janë online.\n\nLine two here.", base=1
    )
    assert r.status_code == 302, r.text
    # co-author
    r = client.post(f"/reports/{report.id}/authors", data={"user_id": besa.id, "once": "a3"})
    assert r.status_code == 302, r.text
    r1 = edit_form(
        client, ardit, report, section, body="Fëmijët janë shumë online.\n\nLine two here.", base=2
    )
    r2 = edit_form(
        client, besa, report, section, body="Fëmijët janë online.\n\nLine two changed here.", base=2
    )
    assert r2.status_code == 302, r2.text
    db.session.refresh(section)
    assert section.body == "Fëmijët janë shumë online.\n\nLine two changed here.", section.body
    r3 = edit_form(
        client, besa, report, section, body="Fëmijët janë pak online.\n\nLine two here.", base=2
    )
    assert r3.status_code == 409, r3.text
    assert "pak" in r3.text
    for url in [
        f"/reports/{report.id}/history",
        f"/reports/{report.id}/sections/{section.id}/history",
        f"/reports/{report.id}/sections/{section.id}/history/3",
        f"/reports/{report.id}/sections/{section.id}",
        f"/reports/{report.id}/authors",
        f"/reports/{report.id}/sources",
        f"/reports/{report.id}/edit",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text)
    # suggestion by youth
    login(client, youth)
    r = client.get(f"/reports/{report.id}/sections/{section.id}/suggest")
    assert r.status_code == 200, r.text
    r = client.post(
        f"/reports/{report.id}/sections/{section.id}/suggest",
        data={
            "body": section.body + "\n\nMore from me.",
            "base_revision": section.revision,
            "note": "Add",
            "once": "s1",
        },
    )
    assert r.status_code == 302, r.text
    sug = db.session.scalar(db.select(Suggestion))
    assert sug.status.value == "published", sug.status
    login(client, ardit)
    r = client.get(f"/reports/{report.id}/sections/{section.id}/suggestions/{sug.id}")
    assert r.status_code == 200, r.text
    r = client.post(
        f"/reports/{report.id}/sections/{section.id}/suggestions/{sug.id}/accept",
        data={"seen_revision": section.revision, "once": "s2"},
    )
    assert r.status_code == 302, r.text
    db.session.refresh(section)
    assert "More from me." in section.body
    # review
    r = client.post(f"/reports/{report.id}/move", data={"to": "in_review", "once": "m1"})
    assert r.status_code == 302
    db.session.refresh(report)
    assert report.state == State.IN_REVIEW, report.state
    login(client, fac)
    r = client.get(f"/reports/{report.id}")
    assert r.status_code == 200, r.text
    r = client.post(f"/reports/{report.id}/move", data={"to": "approved", "once": "m2"})
    db.session.refresh(report)
    assert report.state == State.APPROVED, report.state
    r = client.get(f"/reports/{report.id}/vote")
    assert r.status_code == 200, r.text
    r = client.post(f"/reports/{report.id}/vote", data={"days": 2, "once": "m3"})
    assert r.status_code == 302, r.text
    db.session.refresh(report)
    poll = db.session.get(Poll, report.vote_poll_id)
    from youthportal.polls.models import PollOption

    yes = db.session.scalar(
        db.select(PollOption).where(PollOption.poll_id == poll.id, PollOption.key == "yes")
    )
    for u in (ardit, besa):
        login(client, u)
        r = client.get(f"/polls/{poll.id}")
        assert r.status_code == 200, r.text
        r = client.post(f"/polls/{poll.id}/vote", data={"choice": yes.id, "once": f"v{u.id}"})
        assert r.status_code in (302, 200), r.text
    poll.closes_at = utcnow() - timedelta(minutes=1)
    poll.opens_at = utcnow() - timedelta(days=1)
    db.session.commit()
    login(client, ardit)
    r = client.get(f"/reports/{report.id}")
    assert r.status_code == 200
    db.session.refresh(report)
    assert report.state == State.ADOPTED, report.state
    client.post("/logout")
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
    anon = app.test_client()
    for url in [
        "/reports/adopted",
        f"/reports/{report.id}/v/1",
        f"/reports/{report.id}/v/1.md",
        f"/reports/{report.id}/v/1.html",
        f"/reports/{report.id}/v/1.pdf",
    ]:
        r = anon.get(url)
        assert r.status_code == 200, (url, r.text[:3000])
    assert anon.get(f"/reports/{report.id}").status_code in (302, 401)
