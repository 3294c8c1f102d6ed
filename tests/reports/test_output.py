"""What an adopted report looks like: recommendations numbered across sections, safe
Markdown with headings, and a PDF whose text keeps Albanian, Serbian, Bosnian and Macedonian
letters."""

import io

from pypdf import PdfReader

from tests.reports.helpers import make_cohort, parliamentarian
from youthportal.extensions import db
from youthportal.reports import pdf, publish, render
from youthportal.reports.models import Recommendation, Report, Version

ALBANIAN = "Fëmijët kërkojnë çdo ditë një internet më të sigurt"
SERBIAN = "Deca žele da škola čuje ćutanje đaka"
MACEDONIAN = "Министерството за образование треба да ги слуша младите"


def test_recommendations_are_numbered_across_sections_with_anchors():
    numbering = render.Numbering()
    first = render.section_html("Intro.\n\n! The Ministry should act.", numbering, "Rec")
    second = render.section_html("! The Agency should listen.\n\nMore.", numbering, "Rec")
    assert 'id="recommendation-1"' in first and "Rec 1" in first
    assert 'id="recommendation-2"' in second and "Rec 2" in second
    assert render.recommendations("a\n\n! one\n\nb\n\n! two") == ["one", "two"]


def test_section_headings_sit_below_the_section_title_and_raw_html_is_dropped():
    html = render.markdown("# Big\n\n## Smaller\n\n<script>alert(1)</script> <img src=x>")
    assert "<h3>Big</h3>" in html and "<h4>Smaller</h4>" in html
    assert "<script" not in html and "<img" not in html


def _version(app, sections, credit_collectively=False) -> Version:
    _facilitator, cohort = make_cohort()
    owner = parliamentarian(cohort, display_name="Ardit", age=15)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from youthportal.reports import drafting

        report, _ = drafting.start(owner, cohort, ALBANIAN, SERBIAN, None, "en")
    version = Version(
        report_id=report.id,
        number=1,
        title=ALBANIAN,
        summary=SERBIAN,
        sections=[{"title": t, "body": b, "sources": []} for t, b in sections],
        vote={"yes": 7, "no": 1, "abstain": 1, "turnout": 9, "members": 10},
        credit_collectively=credit_collectively,
        author_ids=[owner.id],
        recommendations=[Recommendation(number=1, section_index=0, text=MACEDONIAN)],
    )
    db.session.add(version)
    db.session.commit()
    return version


def test_the_pdf_keeps_every_alphabet_and_has_contents_and_page_numbers(app):
    long_text = "\n\n".join([ALBANIAN + ". " + SERBIAN + "."] * 30)
    sections = [
        (f"Kapitulli {n}: {MACEDONIAN}", f"{long_text}\n\n! {MACEDONIAN} {n}.") for n in range(1, 6)
    ]
    version = _version(app, sections)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        data = pdf.build(version, "http://localhost/reports/1/v/1", "sq")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for letters in ("ë", "ç", "č", "ć", "š", "ž", "đ", "Министерството"):
        assert letters in text
    assert "Contents" in text and "Recommendation 5" in text
    assert "Page 3" in text
    assert len(reader.pages) >= 5
    assert reader.metadata.title == ALBANIAN


def test_credits_show_display_name_and_age_band_or_the_parliament_as_a_whole(app):
    version = _version(app, [("One", "Text.")])
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert publish.credits(version) == ["Ardit (age 13-15)"]
        version.credit_collectively = True
        assert publish.credits(version) == ["The Youth Parliament"]


def test_the_markdown_download_numbers_recommendations(app):
    version = _version(app, [("One", "Text.\n\n! Do this."), ("Two", "! And that.")])
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = publish.markdown_text(version, "http://localhost/reports/1/v/1")
    assert "**Recommendation 1.** Do this." in text
    assert "**Recommendation 2.** And that." in text
    assert db.session.get(Report, version.report_id) is not None
