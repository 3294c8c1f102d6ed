"""Poll journeys in headless Chromium, in English: a 16-year-old votes from a phone without
JavaScript in a secret ranked-choice poll, keeps the receipt, and after closing reads the
round-by-round count and finds the ballot; a facilitator opens a poll for two groups and
watches the turnout."""

from datetime import timedelta

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from sqlalchemy import select

from tests.browser.test_journeys import checked, fresh, open_in, sign_in, submit, translated
from tests.browser.test_moderation_journeys import signed_in, youth
from tests.conftest import PASSWORD, make_group, make_user
from tests.polls.helpers import close_now, make_poll, option_ids
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.forms import to_local
from youthportal.polls.labels import METHOD_LABELS
from youthportal.polls.models import Ballot, Poll

LANG = "en"


def test_a_teen_ranks_options_without_javascript_and_checks_the_count(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 10C")
    poll = make_poll(
        facilitator,
        "ranked",
        options=("A quiet reading room", "Longer lunch break", "Bike racks"),
        groups=[group],
        receipts=True,
        title="What should the school council ask for first?",
    )
    reading, lunch, bikes = option_ids(poll)
    teen = youth(group, 16, display_name="Rina")
    others = [youth(group, 15) for _ in range(4)]
    poll_id = poll.id

    phone = new_page(java_script_enabled=False)
    open_in(phone, LANG)
    sign_in(phone, teen.login_name, PASSWORD, LANG)
    phone.locator("header nav a[href='/polls/']").click()
    phone.wait_for_url("**/polls/")
    checked(phone, LANG, "/polls/")
    phone.locator(f"main a[href='/polls/{poll_id}']").click()
    phone.wait_for_url(f"**/polls/{poll_id}")
    checked(phone, LANG)
    expect(phone.locator("main")).to_contain_text(translated(app, METHOD_LABELS["ranked"], LANG))
    expect(phone.locator("main")).to_contain_text("You cannot change your vote once it is sent")
    phone.locator("#rank-1").select_option(str(lunch))
    phone.locator("#rank-2").select_option(str(bikes))
    submit(phone, "main form:has(#rank-1) button[type=submit]")
    checked(phone, LANG)
    receipt = phone.locator("p.receipt strong").inner_text()
    assert len(receipt) == 12
    assert fresh(Poll, poll_id) is not None
    db.session.expire_all()
    assert db.session.scalar(select(Ballot.choices).where(Ballot.receipt == receipt)) == [
        lunch,
        bikes,
    ]

    # The others vote; first choices: lunch 1 (Rina), reading 2, bikes 2; then it closes.
    from youthportal.polls import voting

    with app.test_request_context():
        for member, order in zip(
            others, [[reading, lunch], [reading], [bikes, lunch], [bikes, reading]], strict=True
        ):
            voting.cast(db.session.get(Poll, poll_id), member, order, None, "en")
        db.session.commit()
        close_now(db.session.get(Poll, poll_id))

    phone.goto(f"/polls/{poll_id}")
    checked(phone, LANG)
    phone.locator(f"main a[href='/polls/{poll_id}/results']").click()
    phone.wait_for_url(f"**/polls/{poll_id}/results")
    checked(phone, LANG)
    table = phone.locator("main table", has_text="Round 2")
    expect(table).to_be_visible()
    # Round 1: lunch 1 goes out; Rina's ballot moves to bikes: bikes 3 of 5 wins.
    expect(table.locator("tr", has_text="Longer lunch break")).to_contain_text("(out)")
    expect(phone.locator("main")).to_contain_text("Winner: Bike racks")
    phone.locator(f"main a[href='/polls/{poll_id}/receipts']").click()
    phone.wait_for_url(f"**/polls/{poll_id}/receipts")
    phone.locator("#code").fill(receipt)
    submit(phone, "main form[role=search] button[type=submit]")
    checked(phone, LANG)
    row = phone.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("1. Longer lunch break; 2. Bike racks")


def test_a_facilitator_opens_a_poll_for_two_groups_and_sees_turnout(app, new_page):
    facilitator = make_user(Role.FACILITATOR, display_name="Teuta")
    morning = make_group(facilitator, name="Club Morning")
    evening = make_group(facilitator, name="Club Evening")
    voters = [youth(morning, 14) for _ in range(3)] + [youth(evening, 16) for _ in range(3)]
    youth(evening, 15)  # has not voted yet

    page = signed_in(new_page, facilitator)
    page.locator("header nav a[href='/polls/']").click()
    page.wait_for_url("**/polls/")
    page.locator("main a[href='/polls/new']").click()
    page.wait_for_url("**/polls/new")
    checked(page, LANG, "/polls/new")
    page.fill("#title", "Where should the summer trip go?")
    page.locator("input[name=method][value=single]").check()
    page.fill("#options_text", "The mountains\nThe seaside\nA city museum")
    page.locator("input[name=audience_kind][value=groups]").check()
    page.get_by_label("Club Morning").check()
    page.get_by_label("Club Evening").check()
    opens = to_local(utcnow() - timedelta(minutes=5))
    page.fill("#opens_at", opens.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#closes_at", (opens + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    submit(page, "main form button[type=submit]")
    checked(page, LANG)
    poll = db.session.scalar(select(Poll).where(Poll.title == "Where should the summer trip go?"))
    assert sorted(poll.group_ids) == sorted([morning.id, evening.id])

    from youthportal.polls import voting

    options = option_ids(poll)
    with app.test_request_context():
        for n, member in enumerate(voters):
            voting.cast(db.session.get(Poll, poll.id), member, [options[n % 3]], None, "en")
        db.session.commit()

    page.reload()
    page.locator(f"main a[href='/polls/{poll.id}/participation']").click()
    page.wait_for_url(f"**/polls/{poll.id}/participation")
    checked(page, LANG)
    expect(page.locator("main")).to_contain_text("6 of 7 members voted")
    # Three voters per club: under k = 5, so no club is shown on its own.
    expect(page.locator("main")).not_to_contain_text("Club Morning")


def test_a_teen_sends_a_proposal_and_supports_two_others_without_javascript(app, new_page):
    from tests.consultations.helpers import make_consultation, make_proposal
    from youthportal.consultations.models import Proposal

    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 11B")
    consultation = make_consultation(facilitator, "proposals", groups=[group], support_limit=2)
    author = youth(group, 17, approved_count=5)
    others = [
        make_proposal(consultation, author, title=title)
        for title in ("Water fountains on every floor", "A bike shelter", "Longer library hours")
    ]
    teen = youth(group, 16, approved_count=5, display_name="Arbër")
    consultation_id = consultation.id

    phone = new_page(java_script_enabled=False)
    open_in(phone, LANG)
    sign_in(phone, teen.login_name, PASSWORD, LANG)
    phone.locator("header nav a[href='/consultations/']").click()
    phone.wait_for_url("**/consultations/")
    checked(phone, LANG, "/consultations/")
    phone.locator(f"main a[href='/consultations/{consultation_id}']").click()
    phone.wait_for_url(f"**/consultations/{consultation_id}")
    checked(phone, LANG)
    expect(phone.locator("ol.steps li[aria-current=step]")).to_have_text("Collecting proposals")
    phone.fill("#title", "Quiet room for exams")
    phone.fill("#body", "A calm room where we can study before exams, open every lunch break.")
    submit(phone, "main form:has(#body) button[type=submit]")
    checked(phone, LANG)
    expect(phone.locator("main h1")).to_have_text("Quiet room for exams")
    mine = db.session.scalar(select(Proposal).where(Proposal.title == "Quiet room for exams"))
    assert mine.author_id == teen.id

    # Supporting opens; the teen supports two proposals from the list.
    from tests.consultations.helpers import set_phase
    from youthportal.consultations.models import Consultation

    set_phase(db.session.get(Consultation, consultation_id), "support")
    phone.goto(f"/consultations/{consultation_id}")
    checked(phone, LANG)
    for proposal in others[:2]:
        card = phone.locator("li.card", has_text=proposal.title)
        with phone.expect_navigation():
            card.locator("button[type=submit]").click()
        checked(phone, LANG)
    db.session.expire_all()
    counts = [db.session.get(Proposal, p.id).support_count for p in others]
    assert counts == [1, 1, 0]
    # The limit is two: the third is refused kindly, and nothing changes.
    with phone.expect_navigation():
        phone.locator("li.card", has_text=others[2].title).locator("button[type=submit]").click()
    expect(phone.locator(".flashes")).to_contain_text("at most 2 proposals")
    db.session.expire_all()
    assert db.session.get(Proposal, others[2].id).support_count == 0
