"""Every route of the reports blueprint answers the roles that may use it and refuses the
others: a draft is unknown (404) outside its cohort, its facilitators and admins; visitors
are sent to the sign-in page; a forbidden action is 403 and changes nothing; adopted
versions are public. The adopted text never shows a young author's personal data."""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.reports.world import (
    COHORT_NAME,
    GUARDIAN_EMAIL,
    ROLES,
    World,
    build_world,
    once,
    sign_in,
    snapshot,
)

ALL = frozenset(ROLES)
SIGNED_IN = ALL - {"anonymous"}
HIDDEN = frozenset({"outsider", "other_facilitator", "policy_maker", "expert"})
READERS = frozenset({"member", "coauthor", "owner", "pending", "facilitator", "admin"})
AUTHORS = frozenset({"owner", "coauthor"})
SUGGESTERS = AUTHORS | {"member"}
REVIEWERS = frozenset({"facilitator", "admin"})
MANAGERS = AUTHORS | REVIEWERS  # of co-authors (a co-author may leave)
PARLIAMENTARIANS = frozenset({"owner", "coauthor", "outsider"})
NOTHING = frozenset()
TO_ADOPTED_LIST = {"policy_maker": 302, "expert": 302}  # outside adults read adopted reports

SECTION = "/reports/{draft}/sections/{section}"
SUGGESTION = SECTION + "/suggestions/{suggestion}"
VERSION = "/reports/{adopted}/v/1"


@dataclass(frozen=True)
class Row:
    """`ok` roles get `status`; visitors the sign-in page; `hidden` roles 404; others 403
    (`other` lists exceptions). A POST row's `data` is a valid form for the `ok` roles."""

    method: str
    endpoint: str
    url: str
    ok: frozenset
    status: int = 200
    hidden: frozenset = HIDDEN
    other: dict = field(default_factory=dict)
    data: Callable[[World], dict] | None = None

    def expected(self, role: str) -> int:
        if role in self.other:
            return self.other[role]
        if role in self.ok:
            return self.status
        if role == "anonymous":
            return 302
        return 404 if role in self.hidden else 403


def get(endpoint, url, ok, status=200, **kw):
    return Row("GET", f"reports.{endpoint}", url, ok, status, **kw)


def post(endpoint, url, ok, data, status=302, **kw):
    return Row("POST", f"reports.{endpoint}", url, ok, status, data=data, **kw)


# Valid forms for each action (what a permitted person would send) -------------------------


def _no_fields(w):
    return {}


def _details(w):
    return {"title": "A clearer title", "summary": "What we ask.", "topic_id": ""}


def _structure(w):
    return {"structure": w.draft.structure_version}


def _new_section(w):
    return {"title": "More", **_structure(w)}


def _edit(w):
    return {"title": "Why it matters", "body": "New text.", "base_revision": w.section.revision}


def _restore(w):
    return {"base_revision": w.section.revision}


def _suggest(w):
    return {"body": "Another text.", "base_revision": w.section.revision}


def _accept(w):
    return {"seen_revision": w.section.revision}


def _decline(w):
    return {"reason": "Too short."}


def _candidate(w):
    return {"user_id": w.candidate.id}


def _cite(w):
    return {"kind": "discussion", "target_id": w.source.target_id, "section_id": w.section.id}


def _review(w):
    return {"to": "in_review"}


def _vote(w):
    return {"days": 3}


def _rules(w):
    return {"quorum_percent": 60, "majority": "absolute"}


def _topic(key):
    names = {f"name_{locale}": f"Topic {key}" for locale in ("sq", "en", "sr", "mk", "bs")}
    return {"key": key, "position": 2, "is_active": "y", **names}


def _new_topic(w):
    return _topic("water")


def _renamed_topic(w):
    return _topic("safety")


GET_ROWS = [
    get("index", "/reports/", SIGNED_IN, hidden=NOTHING, other=TO_ADOPTED_LIST),
    get("new", "/reports/new", PARLIAMENTARIANS, hidden=NOTHING),
    get("detail", "/reports/{draft}", READERS),
    get("edit", "/reports/{draft}/edit", AUTHORS),
    get("report_history", "/reports/{draft}/history", READERS),
    get("authors", "/reports/{draft}/authors", READERS),
    get("report_sources", "/reports/{draft}/sources", READERS),
    get("section", SECTION, READERS),
    get("section_revision", SECTION + "/revision.json", READERS),
    get("edit_section", SECTION + "/edit", AUTHORS, other={"member": 302}),
    get("section_history", SECTION + "/history", READERS),
    get("revision", SECTION + "/history/1", READERS),
    get("suggest", SECTION + "/suggest", SUGGESTERS),
    get("suggestion", SUGGESTION, READERS),
    get("decline_suggestion", SUGGESTION + "/decline", AUTHORS),
    get("comments", SECTION + "/comments", READERS, 302),
    get("open_vote", "/reports/{approved}/vote", REVIEWERS),
    get("latest", "/reports/{adopted}/adopted", ALL, 302, hidden=NOTHING),
    get("version", VERSION, ALL, hidden=NOTHING),
    get("version_pdf", VERSION + ".pdf", ALL, hidden=NOTHING),
    get("version_markdown", VERSION + ".md", ALL, hidden=NOTHING),
    get("version_html", VERSION + ".html", ALL, hidden=NOTHING),
    get("adopted", "/reports/adopted", ALL, hidden=NOTHING),
    get("cohort", "/reports/cohorts/{cohort}/rules", REVIEWERS, hidden=NOTHING),
    get("topics", "/reports/topics", {"admin"}, hidden=NOTHING),
    get("topic", "/reports/topics/{topic}", {"admin"}, hidden=NOTHING),
]

POST_ROWS = [
    post("new", "/reports/new", PARLIAMENTARIANS, _details, hidden=NOTHING),
    post("edit", "/reports/{draft}/edit", AUTHORS, _details),
    post("add_section", "/reports/{draft}/sections", AUTHORS, _new_section),
    post("arrange", "/reports/{draft}/sections/{other}/up", AUTHORS, _structure),
    post("arrange", SECTION + "/down", AUTHORS, _structure),
    post("arrange", SECTION + "/delete", AUTHORS, _structure),
    post("arrange", "/reports/{draft}/sections/{deleted}/undo", AUTHORS, _structure),
    post("authors", "/reports/{draft}/authors", {"owner"} | REVIEWERS, _candidate),
    post("remove_author", "/reports/{draft}/authors/{coauthor}/remove", MANAGERS, _no_fields),
    post("report_sources", "/reports/{draft}/sources", AUTHORS, _cite),
    post("remove_source", "/reports/{draft}/sources/{source}/remove", AUTHORS, _no_fields),
    post("move", "/reports/{draft}/move", AUTHORS, _review),
    post("take_review", "/reports/{draft}/review", {"facilitator"}, _no_fields),
    post("open_vote", "/reports/{approved}/vote", REVIEWERS, _vote),
    post("edit_section", SECTION + "/edit", AUTHORS, _edit),
    post("restore", SECTION + "/history/1/restore", AUTHORS, _restore),
    post("suggest", SECTION + "/suggest", SUGGESTERS, _suggest),
    post("decide_suggestion", SUGGESTION + "/accept", AUTHORS, _accept),
    post("decide_suggestion", SUGGESTION + "/withdraw", {"member"}, _no_fields),
    post("decline_suggestion", SUGGESTION + "/decline", AUTHORS, _decline),
    post("cohort", "/reports/cohorts/{cohort}/rules", REVIEWERS, _rules, hidden=NOTHING),
    post("topics", "/reports/topics", {"admin"}, _new_topic, hidden=NOTHING),
    post("topic", "/reports/topics/{topic}", {"admin"}, _renamed_topic, hidden=NOTHING),
]
ROWS = GET_ROWS + POST_ROWS


def request(client, world: World, row: Row, role: str):
    sign_in(client, world.users[role])
    url = row.url.format(**world.ids())
    if row.method == "GET":
        return client.get(url)
    return client.post(url, data={**row.data(world), "once": once()})


def row_id(row: Row) -> str:
    return f"{row.method} {row.url}"


# The matrix covers the blueprint ---------------------------------------------------------


def test_every_route_of_the_blueprint_has_a_row(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("reports.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == {(row.endpoint, row.method) for row in ROWS}
    adapter = app.url_map.bind("localhost")
    for row in ROWS:
        url = row.url.format_map(defaultdict(lambda: 1))
        assert adapter.match(url, method=row.method)[0] == row.endpoint, row_id(row)


# Who gets what -----------------------------------------------------------------------------


@pytest.mark.parametrize("row", GET_ROWS, ids=row_id)
def test_page_answers_only_its_roles(client, row):
    world = build_world()
    for role in ROLES:
        response = request(client, world, row, role)
        assert response.status_code == row.expected(role), (role, response.status_code)
        if role == "anonymous" and role not in row.ok:
            assert response.headers["Location"].startswith("/login"), role


@pytest.mark.parametrize("row", POST_ROWS, ids=row_id)
def test_forbidden_action_is_refused_and_changes_nothing(client, row):
    world = build_world()
    for role in ROLES:
        if role in row.ok:
            continue
        before = snapshot()
        response = request(client, world, row, role)
        assert response.status_code == row.expected(role), (role, response.status_code)
        assert snapshot() == before, role


ALLOWED = [(row, role) for row in POST_ROWS for role in sorted(row.ok)]


@pytest.mark.parametrize(
    ("row", "role"), ALLOWED, ids=[f"{row_id(r)} {role}" for r, role in ALLOWED]
)
def test_allowed_action_does_its_work(client, row, role):
    world = build_world()
    before = snapshot()
    response = request(client, world, row, role)
    assert response.status_code == row.status, response.get_data(as_text=True)[:2000]
    assert snapshot() != before


# The adopted text keeps young authors private -----------------------------------------------


def public_texts(client, world: World) -> dict[str, str]:
    base = VERSION.format(**world.ids())
    texts = {
        url: client.get(url).get_data(as_text=True)
        for url in ("/reports/adopted", base, base + ".md", base + ".html")
    }
    pdf = PdfReader(BytesIO(client.get(base + ".pdf").data))
    texts[base + ".pdf"] = "\n".join(page.extract_text() for page in pdf.pages)
    return texts


def private_data(world: World) -> list[str]:
    authors = [world.users["owner"], world.users["coauthor"]]
    found = [COHORT_NAME, GUARDIAN_EMAIL]
    for user in authors:
        found += [user.login_name, str(user.birth_year)]
        if user.email:
            found.append(user.email)
    return found


@pytest.mark.parametrize("role", ["anonymous", "policy_maker"])
def test_adopted_text_names_authors_by_display_name_and_age_band_only(client, role):
    world = build_world()
    sign_in(client, world.users[role])
    for url, text in public_texts(client, world).items():
        for secret in private_data(world):
            assert not re.search(rf"\b{re.escape(secret)}\b", text), (url, secret)
        if url != "/reports/adopted":
            assert "Ardit (age 16-18)" in text and "Besa (age 13-15)" in text, url


def test_a_cohort_crediting_collectively_signs_as_the_youth_parliament(client):
    world = build_world(credit_collectively=True)
    for url, text in public_texts(client, world).items():
        assert "Ardit" not in text and "Besa" not in text, url
        if url != "/reports/adopted":
            assert "The Youth Parliament" in text, url
