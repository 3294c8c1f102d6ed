"""Real-browser fixtures: a live server for the session app, headless Chromium, axe-core.

The browser is the Debian Chromium at /usr/bin/chromium (never downloaded). Without it the
browser tests are skipped, except on CI (CI=true), where a missing browser is a failure.
"""

import hashlib
import os
import re
import threading
import weakref
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent
# Axe impacts that fail a page. "minor" and "moderate" ones are reported by axe but tolerated.
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"locale": "en", "viewport": {"width": 390, "height": 844}}
# Contexts opened with JavaScript off: axe-core cannot run in them (its timers never fire).
_NO_JS = weakref.WeakSet()


def pytest_collection_modifyitems(config, items):
    # Hooks of a conftest see every collected item: mark only the ones in this folder.
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _browser_missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


# --- the live server -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def _server(app):
    """Serves the session app from a daemon thread; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def live_server(app, _server):
    """Base URL of the live server. While a browser test runs, forms need their CSRF token and
    e-mailed links point at the live server; both settings are restored afterwards so the
    other tests of the session keep their own configuration."""
    saved = {key: app.config[key] for key in ("WTF_CSRF_ENABLED", "BASE_URL")}
    app.config["WTF_CSRF_ENABLED"] = True
    app.config["BASE_URL"] = _server
    yield _server
    app.config.update(saved)


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _browser_missing(f"{CHROMIUM} is missing (install the Debian 'chromium' package)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("the 'playwright' Python package is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(**context_options) opens a page in a fresh browser context: its own cookies,
    like another person's phone. Every context is closed after the test."""
    contexts = []

    def open_page(**options):
        options = {**PHONE, **options}
        context = browser.new_context(base_url=live_server, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if options.get("java_script_enabled") is False:
            _NO_JS.add(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# --- accessibility -------------------------------------------------------------------------

_axe = None


def check_a11y(page) -> None:
    """Runs axe-core on the page; fails on any serious or critical violation.

    axe-core is JavaScript: for a page in a context without JavaScript, the same address is
    loaded with the same cookies in a throw-away context with JavaScript, and checked there
    (the server renders the same HTML for both)."""
    markup = _markup(page)
    if markup in _passed:
        return  # this very markup (same language, same elements) already passed
    if page.context in _NO_JS:
        context = page.context.browser.new_context(**PHONE)
        try:
            context.add_cookies(page.context.cookies())
            twin = context.new_page()
            twin.goto(page.url)
            _check(twin, page.url)
        finally:
            context.close()
    else:
        _check(page, page.url)
    _passed.add(markup)


_passed: set[str] = set()
_HIDDEN_VALUE = re.compile(r'(<input[^>]*type="hidden"[^>]*?) value="[^"]*"')


def _markup(page) -> str:
    """The page's HTML without the values of hidden inputs (CSRF and one-time tokens differ
    on every render but change nothing axe looks at)."""
    return hashlib.sha256(_HIDDEN_VALUE.sub(r"\1", page.content()).encode()).hexdigest()


def _check(page, url) -> None:
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(
            f"    {node['target']}: {node.get('failureSummary', '')}" for node in v["nodes"]
        )
        for v in blocking
    )
    assert not blocking, f"Accessibility violations on {url}:\n{details}"


# --- mail ----------------------------------------------------------------------------------


def deliver_mail(app) -> list:
    """Delivers the outbox (as the mail worker would) and returns every message sent so far."""
    from youthportal.notifications.mail import deliver_due

    with app.app_context():
        deliver_due()
    return app.extensions["mail_sent"]


def link_in(message, base_url: str, path_prefix: str) -> str:
    body = message.get_content()
    match = re.search(re.escape(base_url) + re.escape(path_prefix) + r"\S+", body)
    assert match, f"no {path_prefix} link in the e-mail:\n{body}"
    return match.group(0)
