"""Five complete languages; the locale is chosen by setting, switcher, then browser."""

import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import login, make_user
from youthportal.extensions import db

ROOT = Path(__file__).resolve().parent.parent / "translations"
LOCALES = ["sq", "en", "sr_Latn", "mk", "bs"]
sys.path.insert(0, str(ROOT))
import check  # noqa: E402  (translations/check.py)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_without_fuzzy_or_broken_placeholders(locale):
    assert check.problems(locale) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_its_source(locale):
    base = ROOT / locale / "LC_MESSAGES"
    with (base / "messages.po").open("rb") as fh:
        po = read_po(fh, locale=locale)
    with (base / "messages.mo").open("rb") as fh:
        mo = read_mo(fh)

    def norm(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    compiled = {norm(m.id): norm(m.string) for m in mo if m.id}
    source = {norm(m.id): norm(m.string) for m in po if m.id and m.string}
    assert compiled == source, "run: pybabel compile -d translations"


def test_catalogues_contain_every_message_of_the_template():
    with (ROOT / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    for locale in LOCALES:
        with (ROOT / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            ids = {m.id for m in read_po(fh) if m.id}
        assert template <= ids, f"{locale}: run pybabel update"


def html_lang(response) -> str:
    text = response.get_data(as_text=True)
    return text.split('<html lang="', 1)[1].split('"', 1)[0]


def test_albanian_is_the_default(client):
    client.language = None
    assert html_lang(client.get("/")) == "sq"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-GB,en;q=0.8", "en"),
        ("mk", "mk"),
        ("sr-Latn-RS", "sr-Latn"),
        ("sr", "sr-Latn"),
        ("bs-BA", "bs"),
        ("de", "sq"),
    ],
)
def test_browser_language_is_used_when_nothing_else_is_chosen(client, header, expected):
    client.language = None
    assert html_lang(client.get("/", headers={"Accept-Language": header})) == expected


def test_switcher_sets_a_cookie_that_beats_the_browser(client):
    response = client.post("/language", data={"language": "mk", "next": "/help"})
    assert response.headers["Location"] == "/help"
    assert html_lang(client.get("/help", headers={"Accept-Language": "en"})) == "mk"


def test_the_users_setting_beats_the_cookie(client):
    user = make_user(locale="bs")
    login(client, user)
    client.set_cookie("yp_lang", "en")
    assert html_lang(client.get("/")) == "bs"
    client.post("/language", data={"language": "sr_Latn"})
    db.session.refresh(user)
    assert user.locale == "sr_Latn"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_for_everyone_renders_in_every_language(client, locale):
    client.post("/language", data={"language": locale})
    texts = set()
    for url in (
        "/",
        "/rules?level=young",
        "/rules?level=teen",
        "/privacy",
        "/help",
        "/accessibility",
        "/join",
        "/login",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == locale.replace("_", "-")
        texts.add(response.get_data(as_text=True))
    assert len(texts) == 8


def test_the_interface_text_changes_with_the_language(client):
    pages = {}
    for locale in LOCALES:
        client.post("/language", data={"language": locale})
        page = client.get("/login").get_data(as_text=True)
        pages[locale] = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert len(set(pages.values())) >= 4  # sr_Latn and bs may share a word
