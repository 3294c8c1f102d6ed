"""Moderation journeys through the real portal in headless Chromium, in English.

A child's first comment waits for a facilitator; personal details are refused with the text
kept; members report a mean comment until it is hidden, then removed; an urgent disclosure
sends the child to the help page and the safeguarding lead an alert without the child's words.

Like the other journeys, selectors are ids, names, roles and URLs, and expected texts come
from the app's own label tables translated through the catalogues; every page a journey
looks at closely is checked with axe-core.
"""

import re
from datetime import timedelta

import pyotp
import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from tests.browser.test_journeys import (
    checked,
    fresh,
    open_in,
    path_of,
    sign_in,
    submit,
    translated,
    visit,
)
from tests.conftest import PASSWORD, make_group, make_user
from tests.moderation_helpers import group_thread, post
from youthportal.accounts.models import Role, User
from youthportal.core.model_base import utcnow
from youthportal.discussions.models import Comment
from youthportal.extensions import db
from youthportal.notifications.kinds import KINDS
from youthportal.notifications.models import OutboxMessage
from youthportal.safety.labels import (
    CASE_STATE_LABELS,
    FLAG_OUTCOME_LABELS,
    STATUS_LABELS,
)
from youthportal.safety.models import (
    FlagOutcome,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    ReviewState,
    SafeguardingCase,
)
from youthportal.safety.reasons import REASONS

LANG = "en"
COMMENT_FORM = "main form:has(#body) button[type=submit]"
DECISION_FORM = "main form:has(input[name=decision]) button[type=submit]"


@pytest.fixture(autouse=True)
def _no_quiet_hours(app, monkeypatch):
    """Young people's notifications wait until 08:00 when sent between 21:00 and 08:00
    (Tirana time): the journeys must not depend on the hour they run at."""
    monkeypatch.setitem(app.config, "QUIET_HOURS_START", 24)
    monkeypatch.setitem(app.config, "QUIET_HOURS_END", 0)


def youth(group, age: int, **fields) -> User:
    """An active member of `group`, signed up three days ago (not a "new account")."""
    fields.setdefault("created_at", utcnow() - timedelta(days=3))
    return make_user(age=age, group=group, **fields)


def signed_in(new_page, user: User):
    """A phone of its own, in English, with `user` signed in on the home page."""
    page = new_page()
    open_in(page, LANG)
    sign_in(page, user.login_name, PASSWORD, LANG)
    checked(page, LANG, "/")
    return page


def on_thread(page, thread_id: int, refused: bool = False) -> None:
    """The page shows the thread (a comment anchor after the address is fine). A refused
    comment is answered by the thread page at the address the form was sent to."""
    path = path_of(page).split("#")[0].split("?")[0]
    expected = f"/discussions/t/{thread_id}" + ("/comment" if refused else "")
    assert path == expected, page.url
    checked(page, LANG)


def open_thread(page, group_id: int, thread_id: int) -> None:
    """Discussions (header) -> the group's space -> the thread, by clicking."""
    page.locator("header nav a[href='/discussions/']").click()
    page.wait_for_url("**/discussions/")
    page.locator(f"main a[href='/discussions/group/{group_id}']").click()
    page.wait_for_url(f"**/discussions/group/{group_id}")
    page.locator(f"main a[href='/discussions/t/{thread_id}']").click()
    page.wait_for_url(f"**/discussions/t/{thread_id}")
    on_thread(page, thread_id)


def write_comment(page, text: str) -> None:
    page.locator("#body").fill(text)
    submit(page, COMMENT_FORM)


def open_review_item(page, item_id: int) -> None:
    """Moderation (header) -> the item's Review link."""
    page.locator("header nav a[href='/moderation/']").click()
    page.wait_for_url("**/moderation/")
    checked(page, LANG, "/moderation/")
    page.locator(f"main a[href='/moderation/item/{item_id}']").click()
    page.wait_for_url(f"**/moderation/item/{item_id}")
    checked(page, LANG)


def t(app, lazy_text) -> str:
    return translated(app, lazy_text, LANG)


def open_item(content_id: int) -> ReviewItem:
    db.session.expire_all()
    item = db.session.scalar(
        select(ReviewItem).where(
            ReviewItem.content_type == "comment",
            ReviewItem.content_id == content_id,
            ReviewItem.state == ReviewState.OPEN,
        )
    )
    assert item is not None, f"no open review item for comment {content_id}"
    return item


def comments_by(author_id: int) -> list[Comment]:
    db.session.expire_all()
    return list(db.session.scalars(select(Comment).where(Comment.author_id == author_id)))


# --- 1. a 12-year-old's first comment waits for the facilitator -----------------------------


def test_first_comment_of_a_twelve_year_old_waits_for_the_facilitator(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 6A")
    thread = group_thread(group, facilitator, title="Our school garden")
    child = youth(group, 12, display_name="Blue Star")
    classmate = youth(group, 13, approved_count=5)
    group_id, thread_id, child_id = group.id, thread.id, child.id
    text = "We could grow tomatoes and sunflowers next to the gym."

    phone = signed_in(new_page, child)
    open_thread(phone, group_id, thread_id)
    write_comment(phone, text)
    on_thread(phone, thread_id)
    (comment,) = comments_by(child_id)
    assert comment.status == ModerationStatus.PENDING
    expect(phone.locator(".flashes")).to_contain_text(t(app, REASONS["premoderation"]))
    mine = phone.locator(f"article#c{comment.id}")
    expect(mine).to_have_class(re.compile(r"\bpending\b"))
    expect(mine.locator(".prose")).to_contain_text(text)
    waiting = t(app, STATUS_LABELS["pending"])
    expect(mine.locator("header > .tag", has_text=waiting)).to_have_count(1)
    expect(mine.locator(".hint")).to_be_visible()  # "Only you can see this ..."
    expect(mine.locator(f"a[href='/moderation/report/comment/{comment.id}']")).to_have_count(0)

    # Nobody else sees it yet.
    other = signed_in(new_page, classmate)
    visit(other, f"/discussions/t/{thread_id}", LANG)
    expect(other.locator("ol.comments article").first).to_be_visible()  # the opening post
    expect(other.locator(f"#c{comment.id}")).to_have_count(0)
    expect(other.locator("main")).not_to_contain_text(text)

    # The facilitator approves it.
    item_id = open_item(comment.id).id
    mod = signed_in(new_page, facilitator)
    open_review_item(mod, item_id)
    expect(mod.locator("main .reviewed-text")).to_contain_text(text)
    mod.locator("input[name=decision][value=approved]").check()
    submit(mod, DECISION_FORM)
    checked(mod, LANG, "/moderation/")
    expect(mod.locator(f"main a[href='/moderation/item/{item_id}']")).to_have_count(0)
    item = fresh(ReviewItem, item_id)
    assert item.state == ReviewState.CLOSED and item.decision == ReviewDecision.APPROVED
    assert fresh(User, child_id).approved_count == 1

    # The child reloads the thread: published, with nothing marking it as waiting.
    phone.reload()
    on_thread(phone, thread_id)
    mine = phone.locator(f"article#c{comment.id}")
    expect(mine.locator(".prose")).to_contain_text(text)
    expect(mine).not_to_have_class(re.compile(r"\bpending\b"))
    expect(mine.locator("header > .tag")).to_have_count(0)  # neither "waiting" nor "edited"
    expect(mine.locator(".hint")).to_have_count(0)
    expect(phone.locator("main")).not_to_contain_text(waiting)
    other.reload()
    expect(other.locator(f"article#c{comment.id} .prose")).to_contain_text(text)

    # ... and a notification about it.
    phone.locator("header nav a[href='/notifications/']").click()
    phone.wait_for_url("**/notifications/")
    checked(phone, LANG, "/notifications/")
    notes = phone.locator("main ul.notifications li")
    expect(notes).to_have_count(1)
    expect(notes).to_contain_text(t(app, KINDS["content_approved"]["message"]))
    expect(notes.locator(".tag")).to_be_visible()  # unread


# --- 2. phone numbers and accounts are refused; the text stays in the form ------------------


PHONE_NUMBER = "call me zero six nine one two three four five six seven"
SOCIAL_ACCOUNT = "my insta: @lena.k"


def refuse(app, page, thread_id: int, text: str, kind: str) -> None:
    """Sends the comment form with `text`: the thread comes back, the form explains the
    refusal (for a finding of `kind`) and still holds the text."""
    page.locator("#body").fill(text)
    with page.expect_navigation() as answer:
        page.locator(COMMENT_FORM).click()
    assert answer.value.status == 422, f"{text!r}: HTTP {answer.value.status}"
    on_thread(page, thread_id, refused=True)
    explanation = t(app, REASONS[kind])
    expect(page.locator("#body-error")).to_contain_text(explanation)
    expect(page.locator("#body")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main .error-summary")).to_contain_text(explanation)
    expect(page.locator("#body")).to_have_value(text)
    expect(page.locator(".flashes")).to_have_count(0)
    expect(page.locator("ol.comments")).not_to_contain_text(text)


def test_phone_number_and_social_account_are_refused_and_the_text_is_kept(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    thread = group_thread(group, facilitator, title="Weekend football")
    teen = youth(group, 15, approved_count=5, display_name="Lena")
    classmate = youth(group, 15, approved_count=5)
    group_id, thread_id, teen_id = group.id, thread.id, teen.id

    phone = signed_in(new_page, teen)
    for text, kind in [(PHONE_NUMBER, "phone"), (SOCIAL_ACCOUNT, "handle")]:
        open_thread(phone, group_id, thread_id)
        refuse(app, phone, thread_id, text, kind)
        assert comments_by(teen_id) == [], f"{text!r} was stored"

    # Nothing reached anyone: no comment, nothing waiting for review, nothing to see.
    assert db.session.scalar(select(func.count(ReviewItem.id))) == 0
    other = signed_in(new_page, classmate)
    visit(other, f"/discussions/t/{thread_id}", LANG)
    for text in (PHONE_NUMBER, SOCIAL_ACCOUNT):
        expect(other.locator("main")).not_to_contain_text(text)


def test_after_a_refusal_the_corrected_comment_can_be_sent_from_the_same_form(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    thread = group_thread(group, facilitator, title="Weekend football")
    teen = youth(group, 15, approved_count=5)
    group_id, thread_id, teen_id = group.id, thread.id, teen.id
    corrected = "Saturday works for me, I will bring the ball."

    phone = signed_in(new_page, teen)
    open_thread(phone, group_id, thread_id)
    refuse(app, phone, thread_id, PHONE_NUMBER, "phone")
    # The child takes the number out and sends the form the portal gave back to them.
    write_comment(phone, corrected)
    on_thread(phone, thread_id)
    expect(phone.locator(".flashes")).not_to_contain_text(
        t(app, _l("This form was already sent; nothing was changed."))
    )
    (comment,) = comments_by(teen_id)
    assert comment.status == ModerationStatus.PUBLISHED
    expect(phone.locator(f"article#c{comment.id} .prose")).to_contain_text(corrected)


# --- 3. three reports hide a mean comment; the facilitator removes it -----------------------


def test_three_reports_hide_a_comment_and_the_reporters_hear_the_outcome(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    thread = group_thread(group, facilitator, title="Lunch breaks")
    author = youth(group, 15, approved_count=5)
    reporters = [youth(group, age, approved_count=5) for age in (14, 15, 16)]
    bystander = youth(group, 15, approved_count=5)
    text = "Nobody wants you in this group, just leave."
    comment, verdict = post(thread, author, text)
    assert comment is not None and comment.status == ModerationStatus.PUBLISHED, verdict
    group_id, thread_id, comment_id = group.id, thread.id, comment.id
    report_link = f"a[href='/moderation/report/comment/{comment_id}']"

    watcher = signed_in(new_page, bystander)
    visit(watcher, f"/discussions/t/{thread_id}", LANG)
    expect(watcher.locator(f"article#c{comment_id} .prose")).to_contain_text(text)

    phones = []
    for n, reporter in enumerate(reporters, start=1):
        phone = signed_in(new_page, reporter)
        phones.append(phone)
        open_thread(phone, group_id, thread_id)
        phone.locator(f"article#c{comment_id} {report_link}").click()
        phone.wait_for_url(f"**/moderation/report/comment/{comment_id}")
        checked(phone, LANG)
        phone.locator("input[name=reason][value=bullying]").check()
        submit(phone, "main form button[type=submit]")
        checked(phone, LANG, "/moderation/report/thanks")
        expect(phone.locator("main h1")).to_be_visible()
        expect(phone.locator("main a[href='/moderation/mine?tab=reports']")).to_be_visible()
        expect(phone.locator("main .helplines").first).to_be_visible()

        watcher.reload()
        on_thread(watcher, thread_id)
        if n < 3:
            expect(watcher.locator(f"article#c{comment_id} .prose")).to_contain_text(text)
        else:  # the third report hides it from everyone until a facilitator decides
            expect(watcher.locator(f"#c{comment_id}")).to_have_count(0)
            expect(watcher.locator("main")).not_to_contain_text(text)
    assert fresh(Comment, comment_id).status == ModerationStatus.HIDDEN
    visit(phones[0], f"/discussions/t/{thread_id}", LANG)
    expect(phones[0].locator(f"#c{comment_id}")).to_have_count(0)

    # The facilitator removes it from the queue.
    item_id = open_item(comment_id).id
    mod = signed_in(new_page, facilitator)
    open_review_item(mod, item_id)
    expect(mod.locator("main section[aria-labelledby=flags-heading] li")).to_have_count(3)
    mod.locator("input[name=decision][value=removed]").check()
    mod.locator("#reason_code").select_option("bullying")
    mod.locator("#note").fill("Unkind to another member.")
    submit(mod, DECISION_FORM)
    checked(mod, LANG, "/moderation/")
    item = fresh(ReviewItem, item_id)
    assert item.state == ReviewState.CLOSED and item.decision == ReviewDecision.REMOVED
    assert fresh(Comment, comment_id).status == ModerationStatus.REMOVED

    # Every reporter's "My reports" tab tells them what was decided.
    upheld = t(app, FLAG_OUTCOME_LABELS[FlagOutcome.UPHELD.value])
    for phone in phones:
        visit(phone, "/moderation/mine?tab=reports", LANG)
        expect(phone.locator("main nav a[aria-current=page]")).to_have_attribute(
            "href", "/moderation/mine?tab=reports"
        )
        reports = phone.locator("main > ul li")
        expect(reports).to_have_count(1)
        expect(reports).to_contain_text(upheld)

    # Others now see only a placeholder, without the words.
    watcher.reload()
    on_thread(watcher, thread_id)
    expect(watcher.locator(f"article#c{comment_id} p.removed")).to_be_visible()
    expect(watcher.locator("main")).not_to_contain_text(text)


# --- 4. an urgent disclosure: help page for the child, an alert for the lead ----------------


def test_urgent_disclosure_reaches_the_lead_without_the_childs_words(app, new_page):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    thread = group_thread(group, facilitator, title="How was your week?")
    child = youth(group, 14, approved_count=5)
    classmate = youth(group, 14, approved_count=5)
    secret = pyotp.random_base32()
    lead = make_user(Role.SAFEGUARDING_LEAD, totp_secret=secret)
    group_id, thread_id, child_id = group.id, thread.id, child.id
    lead_login, lead_email = lead.login_name, lead.email
    words = "I want to die, nobody can know"

    phone = signed_in(new_page, child)
    open_thread(phone, group_id, thread_id)
    write_comment(phone, words)
    checked(phone, LANG, "/moderation/help-now")
    expect(phone.locator("main h1")).to_be_visible()
    expect(phone.locator("main a[href='tel:116111']")).to_be_visible()
    expect(phone.locator("main a[href='tel:112']")).to_be_visible()
    expect(phone.locator("main")).not_to_contain_text(words)

    (comment,) = comments_by(child_id)
    assert comment.status == ModerationStatus.PENDING
    other = signed_in(new_page, classmate)
    visit(other, f"/discussions/t/{thread_id}", LANG)
    expect(other.locator(f"#c{comment.id}")).to_have_count(0)
    expect(other.locator("main")).not_to_contain_text(words)

    db.session.expire_all()
    case = db.session.scalar(
        select(SafeguardingCase).where(
            SafeguardingCase.content_type == "comment",
            SafeguardingCase.content_id == comment.id,
        )
    )
    assert case is not None and case.subject_id == child_id
    case_id = case.id

    # The lead signs in with two steps and finds the new case.
    desk = new_page()
    open_in(desk, LANG)
    sign_in(desk, lead_login, PASSWORD, LANG)
    checked(desk, LANG, "/login/two-step")
    desk.fill("#code", pyotp.TOTP(secret).now())
    submit(desk, "main form button[type=submit]")
    checked(desk, LANG, "/")
    desk.locator("header nav a[href='/safeguarding/']").click()
    desk.wait_for_url("**/safeguarding/")
    checked(desk, LANG, "/safeguarding/")
    row = desk.locator(f"main tbody tr:has(a[href='/safeguarding/{case_id}'])")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(t(app, CASE_STATE_LABELS["new"]))

    # The e-mail alert links to the case and carries none of the child's words.
    db.session.expire_all()
    mails = list(
        db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == lead_email))
    )
    assert len(mails) == 1, [m.subject for m in mails]
    mail = mails[0]
    assert f"/safeguarding/{case_id}" in mail.body
    everything = f"{mail.subject}\n{mail.body}".lower()
    for piece in (words, "want to die", "nobody can know", "die"):
        assert not re.search(rf"\b{re.escape(piece.lower())}\b", everything), mail.body
