"""From youth to policy-makers in headless Chromium, in English: a facilitator sends the
adopted report to two institutions; the Ministry's official reads it (the young people see
"read") and answers each recommendation, making two commitments, and later marks one done;
the public record shows it; the reminders command, run twice, reminds once."""

from datetime import date, timedelta

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from tests.browser.test_journeys import checked, path_of
from tests.browser.test_moderation_journeys import signed_in
from tests.browser.test_report_journeys import click_and_load, main
from tests.policy.scene import make_scene, submission_for
from youthportal.extensions import db

LANG = "en"


def test_a_report_travels_to_institutions_and_comes_back_answered(app, new_page):
    scene = make_scene()
    report_id, number = scene.report.id, scene.version.number

    # The facilitator sends the adopted version to the Ministry and the Agency.
    f = signed_in(new_page, scene.facilitator)
    f.goto(f"/reports/{report_id}/v/{number}")
    click_and_load(f, main(f).get_by_role("link", name="Send to policy-makers"))
    checked(f, LANG, f"/policy/send/report/{report_id}/v/{number}")
    main(f).get_by_label("Ministry of Education (AL)").check()
    main(f).get_by_label("State Agency for Child Rights (AL)").check()
    main(f).get_by_label("Cover letter").fill(
        "Dear officials, the Youth Parliament adopted this report."
    )
    click_and_load(f, main(f).get_by_role("button", name="Send"))
    expect(f.locator(".flashes")).to_contain_text("Sent. The institutions can read it now.")
    checked(f, LANG)
    submission = submission_for(scene, scene.ministry)
    url = f"/policy/s/{submission.id}"

    # The Ministry's official finds it in the inbox and opens it.
    m = signed_in(new_page, scene.minister)
    click_and_load(m, m.locator("header").get_by_role("link", name="Inbox"))
    checked(m, LANG, "/policy/inbox")
    click_and_load(m, main(m).get_by_role("link", name="Safer apps"))
    checked(m, LANG, url)

    # The young authors see which institution read it, never who.
    y = signed_in(new_page, scene.owner)
    y.goto(url)
    expect(main(y)).to_contain_text("Read by Ministry of Education on")
    expect(main(y)).not_to_contain_text(scene.minister.display_name)
    checked(y, LANG, url)

    # The official answers each recommendation: both accepted, each with a commitment.
    click_and_load(m, main(m).get_by_role("link", name="Answer", exact=True))
    checked(m, LANG, f"{url}/respond")
    main(m).get_by_label("Your answer as a whole").fill("We thank the young people.")
    due = (date.today() + timedelta(days=90)).isoformat()
    for n, (what, unit) in enumerate(
        [
            ("Lessons on online safety", "Curriculum department"),
            ("A yearly app check", "Inspectorate"),
        ]
    ):
        block = main(m).locator(f"#answer-{n + 1}")
        block.get_by_label("Accepted", exact=True).check()
        block.get_by_label("What will be done").fill(what)
        block.get_by_label("Responsible unit").fill(unit)
        block.get_by_label("Expected by").fill(due)
    click_and_load(m, main(m).get_by_role("button", name="Publish the answer"))
    checked(m, LANG, url)
    expect(main(m)).to_contain_text("Lessons on online safety")
    expect(main(m)).to_contain_text("A yearly app check")

    # Later the first commitment is done.
    click_and_load(m, main(m).get_by_role("link", name="Lessons on online safety"))
    main(m).get_by_label("Where it stands").select_option(label="Done")
    main(m).get_by_label("What happened").fill("Lessons began in all schools.")
    click_and_load(m, main(m).get_by_role("button", name="Save the update"))
    expect(main(m)).to_contain_text("Lessons began in all schools.")
    checked(m, LANG)

    # Anyone sees it on the public record.
    visitor = new_page()
    visitor.goto("/policy/record")
    row = main(visitor).get_by_role("row").filter(has_text="Ministry of Education")
    expect(row).to_contain_text("100%")
    checked(visitor, LANG, "/policy/record")
    click_and_load(visitor, row.get_by_role("link", name="Ministry of Education"))
    assert path_of(visitor).startswith(f"/policy/record/institutions/{scene.ministry.id}")
    checked(visitor, LANG)

    # The Agency has not answered; its date is tomorrow: the reminder goes out once.
    agency = submission_for(scene, scene.agency)
    agency.requested_by = date.today() + timedelta(days=1)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["send-reminders"])
    second = runner.invoke(args=["send-reminders"])
    assert "reminded 1 submissions" in first.output, first.output
    assert "reminded 0 submissions" in second.output, second.output
