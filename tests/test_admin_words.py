"""Admin: the watched-word lists (list, filter, add, edit, delete, starter lists)."""

import pyotp
import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_user
from youthportal.accounts.models import Role
from youthportal.core import settings
from youthportal.core.models import AuditLog
from youthportal.extensions import db
from youthportal.safety import wordlists
from youthportal.safety.models import WatchedWord, WordAction, WordCategory

DUPLICATE = "This word is already on the list for this language."


def admin():
    return make_user(Role.ADMIN, login="boss", totp_secret=pyotp.random_base32())


def make_word(term, language="en", action=WordAction.HOLD, category=WordCategory.BULLYING):
    word = WatchedWord(language=language, term=term, action=action, category=category)
    db.session.add(word)
    db.session.commit()
    return word


def version():
    return settings.internal(wordlists.VERSION_KEY)


def audit_rows(action):
    return db.session.scalars(select(AuditLog).where(AuditLog.action == action)).all()


def word_count():
    return db.session.scalar(select(func.count(WatchedWord.id)))


def test_list_shows_counts_and_filters(client):
    login(client, admin())
    make_word("grumpkin", "en", WordAction.HOLD, WordCategory.BULLYING)
    make_word("spamalot", "en", WordAction.FLAG, WordCategory.SPAM)
    make_word("budalla", "sq", WordAction.MASK, WordCategory.BULLYING)
    make_word("glupan", "sr", WordAction.HOLD, WordCategory.BULLYING)

    response = client.get("/admin/words/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert all(t in page for t in ("grumpkin", "spamalot", "budalla", "glupan"))
    assert "Srpski" in page and "Shqip" in page  # language names from the configuration
    assert '<th scope="col">' in page and "<caption" in page
    assert "Load the starter lists" not in page  # only offered when the lists are empty
    # Ordered by language, then term.
    assert page.index("grumpkin") < page.index("spamalot") < page.index("budalla")

    page = client.get("/admin/words/?language=sq").get_data(as_text=True)
    assert "budalla" in page and "grumpkin" not in page and "glupan" not in page
    page = client.get("/admin/words/?action=flag").get_data(as_text=True)
    assert "spamalot" in page and "grumpkin" not in page
    page = client.get("/admin/words/?category=spam").get_data(as_text=True)
    assert "spamalot" in page and "budalla" not in page
    page = client.get("/admin/words/?q=GRUMP").get_data(as_text=True)
    assert "grumpkin" in page and "spamalot" not in page
    # A search for a LIKE wildcard matches it literally, not everything.
    assert "grumpkin" not in client.get("/admin/words/?q=%25").get_data(as_text=True)
    # Nonsense filters are ignored, not a server error.
    response = client.get("/admin/words/?language=xx&action=nuke&category=nope")
    assert response.status_code == 200 and "grumpkin" in response.get_data(as_text=True)


def test_admin_adds_a_word(client):
    boss = admin()
    login(client, boss)
    assert client.get("/admin/words/new").status_code == 200
    before = version()
    response = client.post(
        "/admin/words/new",
        data={
            "language": "sr",
            "term": "  Glupson  ",
            "action": "block",
            "category": "hate",
            "once": "w1",
        },
    )
    assert response.status_code == 302
    word = db.session.scalar(select(WatchedWord))
    assert (word.language, word.term) == ("sr", "glupson")  # stripped and lower-cased
    assert word.action == WordAction.BLOCK and word.category == WordCategory.HATE
    assert word.created_by_id == boss.id
    [entry] = audit_rows("admin.word_added")
    assert entry.actor_id == boss.id and entry.target_id == word.id
    assert entry.details == {"term": "glupson", "language": "sr"}
    assert version() != before
    assert "“glupson” was added" in client.get(response.location).get_data(as_text=True)


def test_double_submissions_change_once(client):
    login(client, admin())
    data = {"language": "en", "term": "grumpkin", "action": "hold", "category": "bullying"}
    client.post("/admin/words/new", data=dict(data, once="same"))
    again = client.post("/admin/words/new", data=dict(data, once="same"))
    assert DUPLICATE in again.get_data(as_text=True)
    assert word_count() == 1 and len(audit_rows("admin.word_added")) == 1
    word = db.session.scalar(select(WatchedWord))
    changed = dict(data, action="block", once="edit")
    client.post(f"/admin/words/{word.id}", data=changed)
    again = client.post(f"/admin/words/{word.id}", data=changed, follow_redirects=True)
    assert "This form was already sent; nothing was changed." in again.get_data(as_text=True)
    assert len(audit_rows("admin.word_changed")) == 1


def test_duplicates_are_refused(client):
    login(client, admin())
    word = make_word("grumpkin", "en")
    other = make_word("grumpkin", "sq")  # the same term in another language is fine
    before = version()
    response = client.post(
        "/admin/words/new",
        data={
            "language": "en",
            "term": "GRUMPKIN ",
            "action": "block",
            "category": "hate",
            "once": "d1",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and DUPLICATE in page and 'id="term-error"' in page
    assert word_count() == 2
    # Editing another word into a duplicate is refused too.
    response = client.post(
        f"/admin/words/{other.id}",
        data={
            "language": "en",
            "term": "grumpkin",
            "action": "hold",
            "category": "bullying",
            "once": "d2",
        },
    )
    assert DUPLICATE in response.get_data(as_text=True)
    db.session.refresh(other)
    db.session.refresh(word)
    assert other.language == "sq" and word.action == WordAction.HOLD
    assert not audit_rows("admin.word_added") and not audit_rows("admin.word_changed")
    assert version() == before
    # The refused form's token was not used up: the corrected form goes through.
    response = client.post(
        "/admin/words/new",
        data={
            "language": "en",
            "term": "grumpkins",
            "action": "block",
            "category": "hate",
            "once": "d1",
        },
    )
    assert response.status_code == 302 and word_count() == 3


@pytest.mark.parametrize("term", ["", "   ", "x" * 121, "bad\x00word", "two\nlines", "tab\tbed"])
def test_bad_terms_are_refused(client, term):
    login(client, admin())
    response = client.post(
        "/admin/words/new",
        data={"language": "en", "term": term, "action": "hold", "category": "bullying"},
    )
    assert 'id="term-error"' in response.get_data(as_text=True)
    assert word_count() == 0


def test_unknown_language_is_refused(client):
    login(client, admin())
    response = client.post(
        "/admin/words/new",
        data={"language": "de", "term": "dummkopf", "action": "hold", "category": "bullying"},
    )
    assert 'id="language-error"' in response.get_data(as_text=True)
    assert word_count() == 0


def test_admin_edits_a_word(client):
    boss = admin()
    login(client, boss)
    word = make_word("grumpkin", "en", WordAction.HOLD, WordCategory.BULLYING)
    page = client.get(f"/admin/words/{word.id}").get_data(as_text=True)
    assert 'value="grumpkin"' in page and '<option selected value="hold">' in page
    before = version()
    response = client.post(
        f"/admin/words/{word.id}",
        data={
            "language": "bs",
            "term": "Grumpkin",
            "action": "mask",
            "category": "bullying",
            "once": "e1",
        },
    )
    assert response.status_code == 302
    db.session.refresh(word)
    assert (word.language, word.term, word.action) == ("bs", "grumpkin", WordAction.MASK)
    [entry] = audit_rows("admin.word_changed")
    assert entry.actor_id == boss.id and entry.target_id == word.id
    assert entry.details["term"] == "grumpkin" and entry.details["language"] == "bs"
    assert entry.details["changes"] == {
        "language": {"old": "en", "new": "bs"},
        "action": {"old": "hold", "new": "mask"},
    }
    assert version() != before

    # Saving without a change writes nothing.
    before = version()
    client.post(
        f"/admin/words/{word.id}",
        data={
            "language": "bs",
            "term": "grumpkin",
            "action": "mask",
            "category": "bullying",
            "once": "e2",
        },
    )
    assert len(audit_rows("admin.word_changed")) == 1 and version() == before


def test_admin_deletes_a_word_after_confirming(client):
    boss = admin()
    login(client, boss)
    word = make_word("grumpkin", "en")
    word_id = word.id
    page = client.get(f"/admin/words/{word_id}/delete").get_data(as_text=True)
    assert "grumpkin" in page and 'method="post"' in page
    assert word_count() == 1  # showing the confirmation deletes nothing
    before = version()
    response = client.post(f"/admin/words/{word_id}/delete", data={"once": "x1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(WatchedWord, word_id) is None
    [entry] = audit_rows("admin.word_deleted")
    assert entry.actor_id == boss.id and entry.target_id == word_id
    assert entry.details["term"] == "grumpkin" and entry.details["language"] == "en"
    assert version() != before
    # A second click on the same form finds the word gone.
    assert client.post(f"/admin/words/{word_id}/delete", data={"once": "x1"}).status_code == 404


def test_changes_reach_the_matcher(client):
    pytest.importorskip("youthportal.safety.words")
    login(client, admin())

    def terms():
        return {(e.language, e.term, e.action) for e in wordlists.current_matcher().entries}

    assert terms() == set()
    client.post(
        "/admin/words/new",
        data={
            "language": "en",
            "term": "grumpkin",
            "action": "hold",
            "category": "bullying",
            "once": "m1",
        },
    )
    assert terms() == {("en", "grumpkin", "hold")}
    word = db.session.scalar(select(WatchedWord))
    client.post(
        f"/admin/words/{word.id}",
        data={
            "language": "en",
            "term": "grumpkin",
            "action": "block",
            "category": "bullying",
            "once": "m2",
        },
    )
    assert terms() == {("en", "grumpkin", "block")}
    client.post(f"/admin/words/{word.id}/delete", data={"once": "m3"})
    assert terms() == set()


def test_starter_lists_are_offered_and_loaded_once(client):
    boss = admin()
    login(client, boss)
    page = client.get("/admin/words/").get_data(as_text=True)
    assert "Load the starter lists" in page
    before = version()
    response = client.post("/admin/words/starter-lists", data={"once": "s1"})
    assert response.status_code == 302
    loaded = word_count()
    assert loaded > 50
    assert {lang for (lang,) in db.session.execute(select(WatchedWord.language).distinct())} == {
        "sq",
        "en",
        "sr",
        "bs",
        "mk",
    }
    assert version() != before
    [entry] = audit_rows("admin.word_added")
    assert entry.actor_id == boss.id and entry.details == {"starter_lists": True, "count": loaded}
    assert "Load the starter lists" not in client.get("/admin/words/").get_data(as_text=True)
    # Loading again (another form) adds nothing to lists that are no longer empty.
    client.post("/admin/words/starter-lists", data={"once": "s2"})
    assert word_count() == loaded and len(audit_rows("admin.word_added")) == 1


def test_starter_lists_need_a_post(client):
    login(client, admin())
    assert client.get("/admin/words/starter-lists").status_code == 405
    assert word_count() == 0


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.YOUTH, Role.POLICY_MAKER])
def test_other_roles_are_forbidden(client, role):
    word = make_word("grumpkin")
    login(client, make_user(role))
    assert client.get("/admin/words/").status_code == 403
    assert client.get("/admin/words/new").status_code == 403
    assert client.get(f"/admin/words/{word.id}").status_code == 403
    data = {"language": "en", "term": "x", "action": "block", "category": "hate", "once": "f1"}
    assert client.post("/admin/words/new", data=data).status_code == 403
    assert client.post(f"/admin/words/{word.id}", data=data).status_code == 403
    assert client.post(f"/admin/words/{word.id}/delete", data={"once": "f2"}).status_code == 403
    assert client.post("/admin/words/starter-lists", data={"once": "f3"}).status_code == 403
    assert word_count() == 1
    db.session.refresh(word)
    assert word.term == "grumpkin"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    word = make_word("grumpkin")
    for url in ("/admin/words/", "/admin/words/new", f"/admin/words/{word.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location
    response = client.post(f"/admin/words/{word.id}/delete", data={"once": "a1"})
    assert response.status_code == 302 and "/login" in response.location
    assert word_count() == 1


def test_admin_without_two_step_is_sent_to_set_it_up(client):
    login(client, make_user(Role.ADMIN))
    response = client.get("/admin/words/")
    assert response.status_code == 302 and "two-step" in response.location


def test_unknown_word_is_404(client):
    login(client, admin())
    assert client.get("/admin/words/9999").status_code == 404
    assert client.get("/admin/words/9999/delete").status_code == 404
    assert client.post("/admin/words/9999/delete", data={"once": "n1"}).status_code == 404


def test_list_query_count_does_not_grow(client, count_queries):
    login(client, admin())
    languages = ["sq", "en", "sr", "bs", "mk"]

    def fill(start, stop):
        for i in range(start, stop):
            db.session.add(
                WatchedWord(
                    language=languages[i % 5],
                    term=f"word{i:03d}",
                    action=list(WordAction)[i % 4],
                    category=list(WordCategory)[i % 6],
                )
            )
        db.session.commit()

    def measure(url="/admin/words/"):
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    fill(0, 5)
    at_5 = measure()
    fill(5, 60)
    assert word_count() == 60
    at_60 = measure()
    assert at_5 == at_60
    assert measure("/admin/words/?language=sr&q=word") <= at_60
