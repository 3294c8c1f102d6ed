"""Collaborative reports of the Youth Parliament in headless Chromium, in English: two
co-authors edit one section at the same time (their changes merged, then a conflict they
resolve side by side, and the editor's script warning that someone else has saved), a
young member's suggestion accepted by a co-author, and a report sent for review, approved,
adopted by the cohort's vote and downloaded as a PDF that keeps Albanian, Serbian and
Macedonian letters."""

import io
import re
from datetime import timedelta
from pathlib import Path

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from pypdf import PdfReader

from tests.browser.test_journeys import checked, path_of
from tests.browser.test_moderation_journeys import signed_in
from tests.moderation_helpers import trusted_youth
from tests.reports.helpers import first_section, make_cohort, make_report, parliamentarian
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Poll
from youthportal.reports.models import Report, Section, State

LANG = "en"

FIRST = "Children go online every day, often alone."
SECOND = "Schools should teach online safety."


def main(page):
    return page.locator("main")


def click_and_load(page, locator):
    """Clicks a link or a button and returns the server's answer to the navigation."""
    with page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def open_report(page, report_id: int, title: str) -> None:
    """From the list of reports, as a member finds it."""
    page.goto("/reports/")
    checked(page, LANG, "/reports/")
    click_and_load(page, main(page).get_by_role("link", name=title, exact=True))
    checked(page, LANG, f"/reports/{report_id}")


def open_editor(page, report_id: int, section_title: str) -> None:
    page.goto(f"/reports/{report_id}")
    click_and_load(page, main(page).get_by_role("link", name=f"Edit {section_title}", exact=True))
    assert re.fullmatch(rf"/reports/{report_id}/sections/\d+/edit", path_of(page)), page.url
    expect(main(page).get_by_role("heading", level=1)).to_have_text("Edit the section")


def section_text(page):
    return main(page).get_by_label("Text of the section", exact=True)


def save(page, button="Save"):
    return click_and_load(page, main(page).get_by_role("button", name=button, exact=True))


# --- 1. two co-authors edit the same section at the same time --------------------------------


def test_two_parliamentarians_edit_one_section_at_the_same_time(app, new_page):
    _facilitator, cohort = make_cohort()
    ardit = parliamentarian(cohort, display_name="Ardit")
    besa = parliamentarian(cohort, display_name="Besa")
    report = make_report(
        ardit, cohort, sections=(("Introduction", f"{FIRST}\n\n{SECOND}"),), co_authors=[besa]
    )
    report_id, section_id = report.id, first_section(report).id
    title = report.title

    a = signed_in(new_page, ardit)
    b = signed_in(new_page, besa)
    open_report(a, report_id, title)
    checked(a, LANG)

    # Besa opens the editor first: its script starts waiting for someone else's save.
    open_editor(b, report_id, "Introduction")
    checked(b, LANG)
    notice = main(b).get_by_text("Someone else has just saved this section")
    expect(notice).to_be_hidden()

    # Ardit changes the first paragraph and saves.
    open_editor(a, report_id, "Introduction")
    section_text(a).fill(f"{FIRST.replace('often', 'mostly')}\n\n{SECOND}")
    main(a).get_by_label("What did you change? (optional)").fill("Stronger first sentence")
    assert save(a).ok
    assert path_of(a) == f"/reports/{report_id}/sections/{section_id}"
    expect(main(a).get_by_role("status")).to_contain_text("Saved as version 3.")

    # The editor's script tells Besa, who is still writing (it asks every 20 seconds).
    expect(notice).to_be_visible(timeout=30_000)

    # Besa changes the other paragraph: both changes are kept.
    section_text(b).fill(f"{FIRST}\n\n{SECOND[:-1]} from the first grade.")
    assert save(b).ok
    assert path_of(b) == f"/reports/{report_id}/sections/{section_id}"
    checked(b, LANG)
    expect(main(b).get_by_role("status")).to_contain_text(
        "Your changes did not overlap, so both were kept. Please read the merged text."
    )
    merged = "Children go online every day, mostly alone."
    expect(main(b).locator(".prose")).to_contain_text(merged)
    expect(main(b).locator(".prose")).to_contain_text("teach online safety from the first grade.")

    # Second round: both change the same words of the merged text.
    open_editor(a, report_id, "Introduction")
    open_editor(b, report_id, "Introduction")
    body = section_text(b).input_value()
    assert merged in body and "from the first grade." in body
    section_text(a).fill(body.replace("mostly alone", "alone for hours"))
    assert save(a).ok
    mine = body.replace("mostly alone", "without an adult")
    section_text(b).fill(mine)
    main(b).get_by_label("What did you change? (optional)").fill("Who is with them")
    answer = save(b)
    assert answer.status == 409, answer.status
    assert path_of(b) == f"/reports/{report_id}/sections/{section_id}/edit"
    checked(b, LANG)
    expect(main(b).get_by_role("heading", level=1)).to_have_text("Someone changed the same words")
    expect(main(b).get_by_role("alert")).to_contain_text("Ardit saved this section")
    theirs = main(b).get_by_role("region", name="Saved by the other person (version 5)")
    yours = main(b).get_by_role("region", name="Your version", exact=True)
    # Each side marks only its own change (no line break shown as an addition).
    for side, added in ((theirs, "for hours"), (yours, "without an adult")):
        expect(side.locator("ins")).to_have_count(1)
        expect(side.locator("ins")).to_contain_text(added)
        expect(side.locator("del")).to_have_count(1)
        expect(side.locator("del")).to_contain_text("mostly alone.")
    assert section_text(b).input_value() == mine  # her own text, exactly as she wrote it
    expect(main(b).get_by_label("What did you change? (optional)")).to_have_value(
        "Who is with them"
    )

    # Besa combines both and saves.
    combined = body.replace("mostly alone", "alone for hours, without an adult")
    section_text(b).fill(combined)
    assert save(b, "Save the combined text").ok
    assert path_of(b) == f"/reports/{report_id}/sections/{section_id}"
    checked(b, LANG)
    expect(main(b).get_by_role("status")).to_contain_text("Saved as version 6.")
    expect(main(b).locator(".prose")).to_contain_text(
        "Children go online every day, alone for hours, without an adult."
    )
    expect(main(b).locator(".prose")).to_contain_text("from the first grade.")
    db.session.expire_all()
    assert db.session.get(Section, section_id).body == combined

    click_and_load(b, main(b).get_by_role("link", name="History of this section"))
    checked(b, LANG, f"/reports/{report_id}/sections/{section_id}/history")
    history = main(b).locator("ol.history > li")
    expect(history.first).to_contain_text("Combined after a conflict")
    expect(main(b)).to_contain_text("Merged with a change saved at the same time")


# --- 2. a young member suggests; a co-author accepts --------------------------------------


def test_a_young_member_suggests_and_a_co_author_accepts(app, new_page):
    _facilitator, cohort = make_cohort()
    ardit = parliamentarian(cohort, display_name="Ardit")
    dea = trusted_youth(group=cohort, age=14, display_name="Dea")
    report = make_report(ardit, cohort, sections=(("Introduction", f"{FIRST}\n\n{SECOND}"),))
    report_id, section_id = report.id, first_section(report).id
    sentence = "Parents should learn about it too."

    # Dea, a member of the cohort but not a co-author, suggests a third paragraph.
    d = signed_in(new_page, dea)
    open_report(d, report_id, report.title)
    expect(main(d).get_by_role("link", name="Edit Introduction")).to_have_count(0)
    click_and_load(d, main(d).get_by_role("link", name="Suggest a change Introduction"))
    checked(d, LANG, f"/reports/{report_id}/sections/{section_id}/suggest")
    text = main(d).get_by_label("Your version of the section", exact=True)
    text.fill(f"{text.input_value()}\n\n{sentence}")
    main(d).get_by_label("Why do you suggest this? (optional)").fill("Families matter")
    click_and_load(d, main(d).get_by_role("button", name="Send my suggestion"))
    checked(d, LANG, f"/reports/{report_id}/sections/{section_id}")
    expect(main(d).get_by_role("status")).to_contain_text("The authors will read your suggestion.")

    # Ardit opens the section, compares the suggestion and accepts it.
    a = signed_in(new_page, ardit)
    open_report(a, report_id, report.title)
    expect(main(a)).to_contain_text("1 open suggestion")
    click_and_load(a, main(a).get_by_role("link", name="Open the section"))
    checked(a, LANG, f"/reports/{report_id}/sections/{section_id}")
    expect(main(a).locator(".cards")).to_contain_text("Dea")
    expect(main(a).locator(".cards")).to_contain_text("Families matter")
    click_and_load(a, main(a).get_by_role("link", name="Compare with the text"))
    assert re.fullmatch(
        rf"/reports/{report_id}/sections/{section_id}/suggestions/\d+", path_of(a)
    ), a.url
    checked(a, LANG)
    expect(main(a).locator(".diff ins")).to_contain_text(sentence)
    click_and_load(a, main(a).get_by_role("button", name="Accept", exact=True))
    checked(a, LANG, f"/reports/{report_id}/sections/{section_id}")
    expect(main(a).get_by_role("status")).to_contain_text("The suggestion was accepted")
    expect(main(a).locator(".prose")).to_contain_text(sentence)
    expect(main(a).locator(".cards")).to_contain_text("Accepted")

    click_and_load(a, main(a).get_by_role("link", name="History of this section"))
    checked(a, LANG, f"/reports/{report_id}/sections/{section_id}/history")
    newest = main(a).locator("ol.history > li").first
    expect(newest).to_contain_text("Accepted a suggestion")
    db.session.expire_all()
    assert sentence in db.session.get(Section, section_id).body


# --- 3. review, the adoption vote, the adopted version and its PDF ---------------------------

MK_TITLE = "Министерството за образование треба да"
MK_TEXT = "! Министерството за образование треба да воведе час за безбедност на интернет."
SQ_TITLE = "Fëmijët kërkojnë"
SQ_TEXT = "Fëmijët kërkojnë çdo ditë më shumë siguri në internet."
SR_TEXT = "Deca traže: čćšžđ, ČĆŠŽĐ."


def test_a_report_is_reviewed_voted_adopted_and_downloaded(app, new_page):
    facilitator, cohort = make_cohort()
    ardit = parliamentarian(cohort, display_name="Ardit")
    besa = parliamentarian(cohort, display_name="Besa")
    cima = parliamentarian(cohort, display_name="Cima")
    report = make_report(
        ardit,
        cohort,
        title="Siguri në internet për çdo fëmijë",
        sections=((SQ_TITLE, f"{SQ_TEXT}\n\n{SR_TEXT}"), (MK_TITLE, MK_TEXT)),
        co_authors=[besa],
    )
    report_id, title = report.id, report.title

    # A co-author sends the report for review.
    b = signed_in(new_page, besa)
    open_report(b, report_id, title)
    click_and_load(b, main(b).get_by_role("button", name="Send for review"))
    checked(b, LANG, f"/reports/{report_id}")
    expect(main(b).get_by_role("status")).to_contain_text("The report is now: In review.")
    expect(main(b).get_by_role("link", name=f"Edit {SQ_TITLE}")).to_have_count(0)

    # The cohort's facilitator approves it and opens the vote for one day.
    f = signed_in(new_page, facilitator)
    open_report(f, report_id, title)
    expect(main(f)).to_contain_text("A facilitator is reviewing the report.")
    click_and_load(f, main(f).get_by_role("button", name="Approve for the vote"))
    checked(f, LANG, f"/reports/{report_id}")
    expect(main(f).get_by_role("status")).to_contain_text("Approved for the vote")
    click_and_load(f, main(f).get_by_role("link", name="Open the adoption vote"))
    checked(f, LANG, f"/reports/{report_id}/vote")
    expect(main(f)).to_contain_text("3 sitting parliamentarians of the cohort can vote.")
    main(f).get_by_label("How many days the vote stays open").fill("1")
    click_and_load(f, main(f).get_by_role("button", name="Open the vote"))
    db.session.expire_all()
    poll_id = db.session.get(Report, report_id).vote_poll_id
    assert poll_id is not None
    checked(f, LANG, f"/polls/{poll_id}")
    expect(main(f).get_by_role("status")).to_contain_text("The adoption vote is open.")

    # The three parliamentarians vote yes from the report's page.
    pages = {"Besa": b}
    for person in (besa, ardit, cima):
        p = pages.get(person.display_name) or signed_in(new_page, person)
        pages[person.display_name] = p
        p.goto(f"/reports/{report_id}")
        expect(main(p)).to_contain_text("The Youth Parliament is voting on adopting this report.")
        click_and_load(p, main(p).get_by_role("link", name="Go to the vote"))
        checked(p, LANG, f"/polls/{poll_id}")
        main(p).get_by_label("Yes, adopt it").check()
        click_and_load(p, main(p).get_by_role("button", name="Send my vote"))
        checked(p, LANG)
        expect(main(p)).to_contain_text("Thank you")

    # The day passes.
    poll = db.session.get(Poll, poll_id)
    poll.opens_at = utcnow() - timedelta(days=1, minutes=1)
    poll.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    # Cima opens the report: it is adopted; she reads the adopted version and downloads it.
    c = pages["Cima"]
    c.goto(f"/reports/{report_id}")
    checked(c, LANG, f"/reports/{report_id}")
    expect(main(c).locator(".meta .tag").first).to_have_text("Adopted")
    expect(main(c)).to_contain_text("Adopted by the Youth Parliament.")
    click_and_load(c, main(c).get_by_role("link", name=re.compile(r"^Version 1, adopted ")))
    checked(c, LANG, f"/reports/{report_id}/v/1")
    expect(main(c).get_by_role("heading", level=1)).to_have_text(title)
    expect(main(c)).to_contain_text("Vote: 3 yes, 0 no, 0 abstentions; 3 of 3 members voted.")
    expect(main(c)).to_contain_text(MK_TEXT[2:])
    expect(main(c)).to_contain_text(SR_TEXT)
    with c.expect_download() as download:
        main(c).get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == f"report-{report_id}-v1.pdf"
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    for expected in ("ë", "ç", "čćšžđ", "Министерството за образование", "Fëmijët kërkojnë çdo"):
        assert expected in text, f"{expected!r} missing from the PDF:\n{text}"

    # The adopted version is public: anybody can read it, signed in or not.
    reader_page = new_page()
    reader_page.goto(f"/reports/{report_id}/v/1")
    checked(reader_page, LANG)
    expect(main(reader_page).get_by_role("heading", level=1)).to_have_text(title)
    db.session.expire_all()
    assert db.session.get(Report, report_id).state == State.ADOPTED
