"""Journeys through the real portal in headless Chromium, in Albanian and in English.

Every page a journey visits is checked with axe-core. Selectors are ids, names, roles and
URLs, never visible text: the same journey runs in every language.
"""

import re
from datetime import date, timedelta

import pyotp
import pytest
from flask_babel import force_locale

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, on CI, fails) with the reason
    expect = None

from tests.browser.conftest import check_a11y, deliver_mail, link_in
from tests.conftest import PASSWORD, birth_for_age, make_group, make_user
from youthportal.accounts.labels import CONSENT_LABELS, STATUS_LABELS
from youthportal.accounts.models import AccountStatus, ConsentStatus, Group, Role, User
from youthportal.extensions import db
from youthportal.groups.services import create_invite

LANGS = ["sq", "en"]
ALL_LANGS = ["sq", "en", "sr_Latn", "mk", "bs"]
NEW_PASSWORD = "Quiet-Harbour-Maple-42"


def html_lang(code: str) -> str:
    return code.replace("_", "-")


def path_of(page_or_url) -> str:
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    return re.sub(r"^https?://[^/]+", "", url)


def submit(page, button) -> None:
    """Clicks a submit button and waits for the page the server answers with."""
    with page.expect_navigation():
        page.locator(button).click()


def checked(page, lang: str, path: str | None = None) -> None:
    """The current page: at `path` (if given), in the right language, and accessible."""
    if path is not None:
        assert path_of(page).split("?")[0] == path, f"expected {path}, got {page.url}"
    assert page.evaluate("document.documentElement.lang") == html_lang(lang)
    check_a11y(page)


def visit(page, path: str, lang: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    checked(page, lang)


def switch_language(page, lang: str) -> None:
    """Uses the footer's language form (a plain form: no JavaScript needed)."""
    page.locator("#language-select").select_option(lang)
    submit(page, "form.language-form button[type=submit]")
    assert page.evaluate("document.documentElement.lang") == html_lang(lang)


def open_in(page, lang: str) -> None:
    """A browser that starts on the home page and chooses its language there."""
    page.goto("/")
    switch_language(page, lang)
    checked(page, lang, "/")


def sign_in(page, identifier: str, password: str, lang: str) -> None:
    visit(page, "/login", lang)
    page.fill("#identifier", identifier)
    page.fill("#password", password)
    submit(page, "main form button[type=submit]")


def translated(app, lazy_text, lang: str) -> str:
    """A label as the portal shows it in `lang` (from the catalogues, not hard-coded)."""
    with app.test_request_context(), force_locale(lang):
        return str(lazy_text)


def fresh(model, ident):
    """The row as the server last committed it (the test's own session may be stale)."""
    db.session.expire_all()
    return db.session.get(model, ident)


# --- 1. a 12-year-old joins; the guardian agrees by e-mail ---------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_twelve_year_old_joins_and_guardian_agrees(app, live_server, new_page, lang):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, country="AL")
    code = create_invite(facilitator, group, days=14, max_uses=30).code
    db.session.commit()

    child = new_page()
    open_in(child, lang)
    visit(child, "/join", lang)
    child.fill("#invite_code", code)
    child.fill("#display_name", "Blue Star")
    owl = child.locator("input[name=avatar][value=owl]")
    child.locator(f"label[for={owl.get_attribute('id')}]").click()
    expect(owl).to_be_checked()
    year, month = birth_for_age(12)
    child.select_option("#birth_year", str(year))
    child.select_option("#birth_month", str(month))
    child.fill("#login_name", "blue.star")
    child.fill("#password", PASSWORD)
    child.fill("#confirm", PASSWORD)
    child.fill("#guardian_email", "parent@example.org")
    submit(child, "main form button[type=submit]")
    checked(child, lang, "/consent")
    expect(child.locator("main form #guardian_email")).to_have_value("parent@example.org")
    user = db.session.scalar(db.select(User).where(User.login_name == "blue.star"))
    assert user.status == AccountStatus.PENDING_CONSENT

    # The guardian opens the e-mailed link on their own phone.
    mails = [m for m in deliver_mail(app) if m["To"] == "parent@example.org"]
    assert len(mails) == 1
    link = link_in(mails[0], live_server, "/guardian/")
    guardian = new_page()
    open_in(guardian, lang)
    visit(guardian, link, lang)
    expect(guardian.locator("main h1")).to_be_visible()
    expect(guardian.locator("main .prose")).not_to_be_empty()
    submit(guardian, "button[name=accept]")
    checked(guardian, lang, path_of(link))  # the thank-you page answers the same address
    expect(guardian.locator("button[name=accept]")).to_have_count(0)
    expect(guardian.locator("main a[href='/privacy']")).to_be_visible()
    assert fresh(User, user.id).status == AccountStatus.ACTIVE

    # Back on the child's phone: the profile can now be changed.
    visit(child, "/profile", lang)
    expect(child.locator("main form #display_name")).to_have_value("Blue Star")
    child.fill("#display_name", "Green Comet")
    submit(child, "main form button[type=submit]")
    checked(child, lang, "/profile")
    expect(child.locator("main .person-name")).to_have_text("Green Comet")
    expect(child.locator("main form #display_name")).to_have_value("Green Comet")


# --- 2. a facilitator: group, invite code, paper consent, one-time password ------------------


@pytest.mark.parametrize("lang", LANGS)
def test_facilitator_runs_a_group(app, live_server, new_page, lang):
    facilitator = make_user(Role.FACILITATOR)
    page = new_page()
    open_in(page, lang)
    sign_in(page, facilitator.login_name, PASSWORD, lang)
    checked(page, lang, "/")
    expect(page.locator("main a[href='/groups/new']")).to_be_visible()

    visit(page, "/groups/new", lang)
    page.fill("#name", "Class 8B")
    page.select_option("#country", "AL")
    submit(page, "main form button[type=submit]")
    match = re.fullmatch(r"/groups/(\d+)", path_of(page))
    assert match, page.url
    group_id = int(match.group(1))
    checked(page, lang)
    expect(page.locator("main h1")).to_have_text("Class 8B")
    expect(page.locator("main table")).to_have_count(0)  # no invite codes yet

    page.fill("#days", "7")
    page.fill("#max_uses", "30")
    submit(page, "main form:has(#days) button[type=submit]")
    checked(page, lang, f"/groups/{group_id}")
    codes = page.locator("main table tbody th code")
    expect(codes).to_have_count(1)
    code = codes.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code), code
    expect(page.locator(".flashes")).to_contain_text(code)

    # A 14-year-old whose guardian signed a paper form.
    group = db.session.get(Group, group_id)
    member = make_user(age=14, status=AccountStatus.PENDING_CONSENT, group=group)
    member_id, member_login = member.id, member.login_name
    visit(page, f"/groups/{group_id}/members", lang)
    consent_link = page.locator(f"main a[href='/groups/{group_id}/members/{member_id}/consent']")
    expect(consent_link).to_be_visible()
    pending_text = page.locator("main tbody tr td:nth-child(4)").inner_text()
    consent_link.click()
    page.wait_for_url(f"**/groups/{group_id}/members/{member_id}/consent")
    checked(page, lang)
    page.fill("#form_reference", "PF-2026-014")
    page.fill("#signed_on", (date.today() - timedelta(days=3)).isoformat())
    page.check("#confirm")
    submit(page, "main form button[type=submit]")
    checked(page, lang, f"/groups/{group_id}/members")
    expect(page.locator(".flashes")).to_be_visible()
    expect(consent_link).to_have_count(0)  # nothing left to record
    given_text = page.locator("main tbody tr td:nth-child(4)").inner_text()
    assert given_text != pending_text
    assert translated(app, CONSENT_LABELS[ConsentStatus.PENDING], lang) in pending_text
    assert translated(app, CONSENT_LABELS[ConsentStatus.ACCEPTED], lang) in given_text
    member = fresh(User, member_id)
    assert member.status == AccountStatus.ACTIVE
    assert member.consent.status == ConsentStatus.ACCEPTED
    assert member.consent.form_reference == "PF-2026-014"

    # The member forgot the password: a one-time password, handed over in person.
    reset_path = f"/groups/{group_id}/members/{member_id}/reset-password"
    page.locator(f"main a[href='{reset_path}']").click()
    page.wait_for_url(f"**{reset_path}")
    checked(page, lang)
    submit(page, "main form button[type=submit]")
    checked(page, lang, reset_path)
    one_time = page.locator("#one-time-password").inner_text().strip()
    assert re.fullmatch(r"\S+-\d{4}-\S+", one_time), one_time

    pupil = new_page()
    open_in(pupil, lang)
    sign_in(pupil, member_login, one_time, lang)
    checked(pupil, lang, "/account/password")
    expect(pupil.locator("#current_password")).to_have_count(0)
    # Any other page sends them back until they choose their own password.
    pupil.goto("/profile")
    checked(pupil, lang, "/account/password")
    pupil.fill("#password", NEW_PASSWORD)
    pupil.fill("#confirm", NEW_PASSWORD)
    submit(pupil, "main form button[type=submit]")
    checked(pupil, lang, "/profile")
    assert not fresh(User, member_id).must_change_password


# --- 3. an admin with two-step sign-in suspends a young person -----------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_admin_with_two_step_suspends_a_member(app, live_server, new_page, lang):
    secret = pyotp.random_base32()
    admin = make_user(Role.ADMIN, totp_secret=secret)
    youth = make_user(age=15, display_name="Night Owl")
    admin_login, youth_login, youth_id = admin.login_name, youth.login_name, youth.id

    young = new_page()  # context B
    open_in(young, lang)
    sign_in(young, youth_login, PASSWORD, lang)
    checked(young, lang, "/")
    visit(young, "/profile", lang)
    expect(young.locator("main .person-name")).to_have_text("Night Owl")

    page = new_page()  # context A
    open_in(page, lang)
    sign_in(page, admin_login, PASSWORD, lang)
    checked(page, lang, "/login/two-step")
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page, "main form button[type=submit]")
    checked(page, lang, "/")
    expect(page.locator("header nav a[href='/admin/users']")).to_be_visible()

    visit(page, f"/admin/users/{youth_id}", lang)
    page.fill("#suspend-reason", "Shared another member's photo without asking.")
    submit(page, "main form:has(#suspend-reason) [type=submit]")
    checked(page, lang, f"/admin/users/{youth_id}")
    expect(page.locator("#suspend-reason")).to_have_count(0)
    expect(page.locator("#reinstate-reason")).to_be_visible()
    expect(page.locator("main dl.data")).to_contain_text(
        translated(app, STATUS_LABELS[AccountStatus.SUSPENDED], lang)
    )
    assert fresh(User, youth_id).status == AccountStatus.SUSPENDED

    # The young person's open session has ended.
    young.goto("/profile")
    assert path_of(young).split("?")[0] == "/login", young.url
    checked(young, lang)
    expect(young.locator("header nav a[href='/login']")).to_be_visible()
    sign_in(young, youth_login, PASSWORD, lang)
    checked(young, lang, "/login")
    expect(young.locator("#password-error")).to_be_visible()
    expect(young.locator("header nav a[href='/login']")).to_be_visible()


# --- 4. the language switcher, with and without JavaScript ---------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_language_switcher_works_for_every_language(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/rules")
    texts = {}
    for lang in ALL_LANGS:
        switch_language(page, lang)
        assert path_of(page) == "/rules"  # the switch keeps the visitor on their page
        checked(page, lang)
        expect(page.locator("#language-select")).to_have_value(lang)
        texts[lang] = (
            page.locator("main h1").inner_text().strip(),
            page.locator("header nav").inner_text().strip(),
        )
    assert texts["en"][0] != texts["sq"][0], texts
    assert texts["en"][1] != texts["sq"][1], texts
    for lang in ALL_LANGS:
        if lang != "en":
            assert texts[lang] != texts["en"], f"{lang} shows the English texts: {texts[lang]}"
