"""The demo holds an adopted report (with its vote, recommendations and PDF) and a draft with
a pending suggestion."""

import io

from pypdf import PdfReader
from sqlalchemy import select

from youthportal.extensions import db
from youthportal.reports.models import Report, State, Suggestion, SuggestionState, Version


def test_the_demo_has_an_adopted_report_and_a_draft_with_a_pending_suggestion(app, client):
    from youthportal.demo import seed_demo

    seed_demo()
    db.session.commit()
    seed_demo()  # seeding twice adds nothing
    db.session.commit()
    adopted, draft = db.session.scalars(select(Report).order_by(Report.id)).all()
    assert adopted.state == State.ADOPTED and draft.state == State.DRAFT
    (version,) = db.session.scalars(select(Version)).all()
    assert version.vote["yes"] > version.vote["no"] and version.vote["quorum_met"]
    assert len(version.recommendations) == 3
    (suggestion,) = db.session.scalars(select(Suggestion)).all()
    assert suggestion.state == SuggestionState.OPEN
    response = client.get(f"/reports/{adopted.id}/v/1.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Interneti i sigurt për çdo fëmijë" in text and "Министерството" in text
