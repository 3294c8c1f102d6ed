"""The UneHack journey in headless Chromium, in English: three young people form a team
(one founds it, one joins with its code, one is invited from the "looking for a team"
board), write and submit their idea before the deadline from phones without JavaScript, a
mentor gives feedback, three judges score, the facilitator assigns, publishes the results,
and a participant downloads a certificate."""

import io
from pathlib import Path

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from pypdf import PdfReader
from sqlalchemy import select

from tests.browser.test_journeys import checked, open_in, sign_in, submit
from tests.browser.test_moderation_journeys import signed_in
from tests.conftest import PASSWORD, make_user
from tests.hackathon.helpers import (
    add_staff,
    give_scores,
    make_event,
    make_idea,
    set_criteria,
    set_phase,
    youth_team,
)
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon.models import Award, Event, Idea, StaffRole, Team

LANG = "en"


def phone_of(new_page, user):
    phone = new_page(java_script_enabled=False)
    open_in(phone, LANG)
    sign_in(phone, user.login_name, PASSWORD, LANG)
    return phone


def test_a_team_forms_builds_is_judged_and_gets_certificates(app, new_page):
    facilitator = make_user(Role.FACILITATOR, display_name="Teuta")
    event = make_event(facilitator, "forming", title="UneHack 2026")
    event_id = event.id
    mentor = make_user(Role.EXPERT, display_name="Drilon")
    add_staff(event, mentor, StaffRole.MENTOR)
    judges = [make_user(Role.FACILITATOR, display_name=f"Judge {n}") for n in range(3)]
    for judge in judges:
        add_staff(event, judge, StaffRole.JUDGE)
    rival, _ = youth_team(event, size=2, name="Rivals")
    arta, besi, cima = (
        trusted_youth(age=a, display_name=n) for a, n in ((16, "Arta"), (17, "Besi"), (16, "Cima"))
    )

    # Arta founds the team from her phone.
    a = phone_of(new_page, arta)
    a.locator("header nav a[href='/unehack/']").click()
    a.wait_for_url("**/unehack/")
    checked(a, LANG, "/unehack/")
    a.locator(f"main a[href='/unehack/{event_id}']").click()
    checked(a, LANG, f"/unehack/{event_id}")
    expect(a.locator("ol.steps li[aria-current=step]")).to_have_text("Team forming")
    a.fill("#name", "Safe Squad")
    submit(a, "main form:has(#name) button[type=submit]")
    checked(a, LANG)
    code = a.locator("strong.code").inner_text()
    team_id = db.session.scalar(select(Team.id).where(Team.name == "Safe Squad"))

    # Besi joins with the code.
    b = phone_of(new_page, besi)
    b.goto(f"/unehack/{event_id}")
    b.fill("#code", code)
    submit(b, "main form:has(#code) button[type=submit]")
    checked(b, LANG, f"/unehack/teams/{team_id}")
    expect(b.locator("main")).to_contain_text("You joined the team Safe Squad.")

    # Cima asks to be matched; Arta invites her from the board; she accepts.
    c = phone_of(new_page, cima)
    c.goto(f"/unehack/{event_id}")
    c.check("main input[name=skills][value=coding]")
    c.check("main input[name=skills][value=drawing]")
    submit(c, "main form:has(input[name=skills]) button[type=submit]")
    checked(c, LANG, f"/unehack/{event_id}/board")
    a.goto(f"/unehack/{event_id}/board")
    checked(a, LANG)
    expect(a.locator("main")).to_contain_text("Cima")
    submit(a, f"main form:has(input[name=user_id][value='{cima.id}']) button[type=submit]")
    c.goto(f"/unehack/{event_id}")
    expect(c.locator("main")).to_contain_text("The team Safe Squad invites you")
    submit(c, "main button[value=accept]")
    checked(c, LANG, f"/unehack/teams/{team_id}")
    expect(c.locator("main")).to_contain_text("Members (3/5)")
    expect(c.locator("main")).to_contain_text("Drilon")  # the mentor, attached at founding

    # Building: Besi writes the idea, Arta submits it before the deadline.
    set_phase(db.session.get(Event, event_id), "building")
    b.goto(f"/unehack/teams/{team_id}/idea")
    checked(b, LANG)
    b.fill("#title", "Fake or real?")
    b.select_option("#challenge_id", label="Help a 12-year-old spot a fake profile")
    b.fill("#problem", "Children cannot tell fake profiles from real ones.")
    b.fill("#helps", "Children aged 10 to 14 with their first phone.")
    b.fill("#how", "A quiz game that teaches five signs of a fake profile.")
    b.fill("#links_text", "https://github.com/safe-squad/quiz")
    submit(b, "main form button[type=submit]")
    checked(b, LANG)
    idea_id = db.session.scalar(select(Idea.id).where(Idea.team_id == team_id))
    a.goto(f"/unehack/ideas/{idea_id}")
    submit(a, "main form:has(input[name=once]) button:has-text('Submit our idea to the jury')")
    expect(a.locator("main")).to_contain_text("Your idea is submitted.")

    # The mentor gives feedback; the team reads it.
    m = signed_in(new_page, mentor)
    m.goto(f"/unehack/ideas/{idea_id}")
    checked(m, LANG)
    m.fill("#body", "Great start! Test the quiz with younger children.")
    submit(m, "main form:has(#body) button[type=submit]")
    expect(m.locator("main")).to_contain_text("Your feedback was sent to the team.")
    c.goto(f"/unehack/ideas/{idea_id}")
    expect(c.locator("main")).to_contain_text("Test the quiz with younger children.")

    # Judging: the facilitator assigns, three judges score.
    event = db.session.get(Event, event_id)
    set_criteria(event)
    rival_idea = make_idea(db.session.get(Team, rival.id), title="Report it fast")
    set_phase(event, "judging")
    f = signed_in(new_page, facilitator)
    f.goto(f"/unehack/{event_id}/jury")
    checked(f, LANG)
    submit(f, "main button[value=assign]")
    expect(f.locator("main")).to_contain_text("0 of 6 scorings done")
    for judge, value in zip(judges, ("5", "4", "5"), strict=True):
        j = signed_in(new_page, judge)
        j.goto(f"/unehack/{event_id}/judging")
        checked(j, LANG)
        j.locator(f"main a[href='/unehack/ideas/{idea_id}/score']").click()
        checked(j, LANG, f"/unehack/ideas/{idea_id}/score")
        for criterion in event.criteria:
            j.check(f"#score-{criterion.id}-{value}")
        j.fill(f"#comment-{event.criteria[0].id}", "Clear and useful.")
        submit(j, "main form button[type=submit]")
        expect(j.locator("main")).to_contain_text("Your scores were saved.")
        j.close()
        db.session.expire_all()
        give_scores(judge, db.session.get(Idea, rival_idea.id), [3, 3, 3, 3])

    # Results: the facilitator checks the agreement between judges and publishes.
    set_phase(db.session.get(Event, event_id), "results")
    f.goto(f"/unehack/{event_id}/results")
    checked(f, LANG)
    expect(f.locator("main")).to_contain_text("Spread between judges")
    submit(f, "main form button[type=submit]")
    expect(f.locator("main")).to_contain_text("The results are published.")
    db.session.expire_all()
    winner = db.session.scalar(
        select(Award.idea_id).where(Award.place == 1, Award.kind == "overall")
    )
    assert winner == idea_id

    # Arta downloads her certificate, with the name she chooses.
    a.goto(f"/unehack/{event_id}")
    a.locator(f"main a[href='/unehack/{event_id}/certificate']").click()
    checked(a, LANG)
    a.fill("#name", "Arta Çela")
    with a.expect_download() as download:
        a.locator("main form button[type=submit]").click()
    path = download.value.path()
    text = PdfReader(io.BytesIO(Path(path).read_bytes())).pages[0].extract_text()
    assert "Arta Çela" in text and "Safe Squad" in text and "Place 1" in text
