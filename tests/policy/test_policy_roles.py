"""Every route of the policy blueprint answers the people who may use it and refuses the
others: only the cohort's facilitator, its speaker and admins send its report; only the
addressed institution's official answers and updates commitments; only the cohort's young
people rate and reply; officials alone have an inbox; the record and timelines are public.
Visitors are sent to the sign-in page, a forbidden action is 403 and changes nothing, and an
id that names nothing (or a letter still waiting for a moderator) is 404."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from tests.conftest import make_group, make_user
from tests.moderation_helpers import admin
from tests.policy.scene import (
    ACCEPTED,
    Scene,
    answer_data,
    commitments_of,
    make_scene,
    respond,
    send,
    submission_for,
)
from tests.reports.helpers import make_cohort, make_report, parliamentarian
from tests.reports.steps import text
from tests.reports.world import SECTIONS, adopt, once, sign_in
from youthportal.accounts.models import Role, User
from youthportal.extensions import db
from youthportal.policy.follows import is_following
from youthportal.policy.models import FollowTarget, Sending, Submission
from youthportal.safety.models import ModerationStatus

ROLES = [
    "anonymous",
    "member",  # a young member of the cohort
    "coauthor",  # a parliamentarian who co-wrote the report
    "speaker",  # the cohort's speaker
    "outsider",  # a parliamentarian of another cohort
    "facilitator",  # the cohort's facilitator
    "other_facilitator",  # a facilitator of another group
    "minister",  # official of the institution the report was sent to
    "agent",  # official of another institution
    "expert",
    "admin",
]
ALL = frozenset(ROLES)
SIGNED_IN = ALL - {"anonymous"}
SENDERS = frozenset({"facilitator", "speaker", "admin"})
COHORT_YOUTH = frozenset({"member", "coauthor", "speaker"})
OFFICIAL = frozenset({"minister"})
OFFICIALS = frozenset({"minister", "agent"})
LOOKS_AFTER = frozenset({"facilitator", "admin"})


@dataclass
class World:
    """The scene's report sent to the ministry and the agency (not answered yet), and a
    second adopted report of the same cohort sent to the ministry and answered with one
    commitment."""

    scene: Scene
    users: dict[str, User | None]
    open: Submission  # the ministry's, not answered
    answered: Submission  # the ministry's, answered
    commitment_id: int

    def ids(self) -> dict[str, int]:
        return {
            "report": self.scene.report.id,
            "number": self.scene.version.number,
            "sending": self.open.sending_id,
            "open": self.open.id,
            "answered": self.answered.id,
            "commitment": self.commitment_id,
            "ministry": self.scene.ministry.id,
        }


def build_world(client) -> World:
    scene = make_scene()
    _other_facilitator, other_cohort = make_cohort(name="Another cohort")
    users = {
        "anonymous": None,
        "member": scene.member,
        "coauthor": scene.coauthor,
        "speaker": scene.speaker,
        "outsider": parliamentarian(other_cohort, display_name="Outsider"),
        "facilitator": scene.facilitator,
        "other_facilitator": make_user(Role.FACILITATOR, group=make_group()),
        "minister": scene.minister,
        "agent": scene.agent,
        "expert": make_user(Role.EXPERT),
        "admin": admin(),
    }
    assert send(client, scene.facilitator, scene, [scene.ministry, scene.agency]).status_code == 302
    with current_app.test_request_context():
        second = make_report(
            scene.owner,
            scene.cohort,
            sections=SECTIONS,
            co_authors=(scene.coauthor,),
            title="Cleaner parks",
        )
        second_version = adopt(second)
    parks = replace(scene, report=second, version=second_version)
    assert send(client, scene.facilitator, parks, [scene.ministry]).status_code == 302
    answered = submission_for(parks, scene.ministry)
    assert respond(client, scene.minister, answered, {1: ACCEPTED}).status_code == 302
    [commitment] = commitments_of(answered)
    sign_in(client, None)
    return World(
        scene=scene,
        users=users,
        open=submission_for(scene, scene.ministry),
        answered=answered,
        commitment_id=commitment.id,
    )


@dataclass(frozen=True)
class Row:
    """`ok` roles get `status`; visitors the sign-in page (302), or `anonymous` when set;
    everyone else 403. A POST row's `data` is a valid form for the `ok` roles."""

    method: str
    endpoint: str
    url: str
    ok: frozenset
    status: int = 200
    anonymous: int = 302
    data: Callable[[World], dict] | None = field(default=None, compare=False)
    # For actions that may already be done (following twice): what must hold afterwards.
    done: Callable[[World, User], bool] | None = field(default=None, compare=False)

    def expected(self, role: str) -> int:
        if role in self.ok:
            return self.status
        if role == "anonymous":
            return self.anonymous
        return 403


def get(endpoint, url, ok, status=200, **kw):
    return Row("GET", f"policy.{endpoint}", url, ok, status, **kw)


def post(endpoint, url, ok, data, status=302, **kw):
    return Row("POST", f"policy.{endpoint}", url, ok, status, data=data, **kw)


# Valid forms for each action ---------------------------------------------------------------


def _letter(w: World) -> dict:
    return {
        "institutions": [w.scene.council.id],
        "cover_letter": "Dear council, please read our report.",
        "requested_by": (date.today() + timedelta(days=60)).isoformat(),
    }


def _answer(w: World) -> dict:
    return answer_data(w.open, {1: ACCEPTED})


def _commitment_update(w: World) -> dict:
    return {
        "state": "in_progress",
        "expected_by": (date.today() + timedelta(days=200)).isoformat(),
        "note": "The lessons are being written.",
    }


def _rating(w: World) -> dict:
    return {"clear": "4", "answers_us": "3", "believable": "5"}


def _reply(w: World) -> dict:
    return {"body": "Thank you. We will watch the commitment closely."}


def _impact(w: World) -> dict:
    return {"body": "The ministry promised online safety lessons because of our report."}


def _no_fields(w: World) -> dict:
    return {}


def _follows(target: FollowTarget, key: str):
    def check(w: World, user: User) -> bool:
        return is_following(user, target, w.ids()[key])

    return check


SEND = "/policy/send/report/{report}/v/{number}"
RECORD = "/policy/record"

GET_ROWS = [
    get("send_report", SEND, SENDERS),
    get("sending", "/policy/sendings/{sending}", ALL),
    get("submission", "/policy/s/{open}", ALL),
    get("submission", "/policy/s/{answered}", ALL),
    # The clarifying questions' thread: made on first use, read in the discussions.
    get("questions", "/policy/s/{open}/questions", SIGNED_IN, 302),
    get("respond", "/policy/s/{open}/respond", OFFICIAL),
    get("commitment", "/policy/commitments/{commitment}", ALL),
    get("inbox", "/policy/inbox", OFFICIALS),
    get("impact", "/policy/reports/{report}/impact", LOOKS_AFTER),
    get("timeline", "/policy/reports/{report}/timeline", ALL),
    get("record_overview", RECORD, ALL),
    get("record_institution", RECORD + "/institutions/{ministry}", ALL),
    get("record_csv", RECORD + ".csv", ALL),
    get("record_json", RECORD + ".json", ALL),
]

POST_ROWS = [
    post("send_report", SEND, SENDERS, _letter),
    post("respond", "/policy/s/{open}/respond", OFFICIAL, _answer),
    # The update form has no sign-in redirect: a visitor's POST is plainly unauthorised.
    post(
        "commitment",
        "/policy/commitments/{commitment}",
        OFFICIAL,
        _commitment_update,
        anonymous=401,
    ),
    post("rate", "/policy/s/{answered}/rate", COHORT_YOUTH, _rating),
    post("reply", "/policy/s/{answered}/reply", COHORT_YOUTH, _reply),
    post("impact", "/policy/reports/{report}/impact", LOOKS_AFTER, _impact),
    # Co-authors already follow what was sent, the answering official their commitments.
    post(
        "follow",
        "/policy/follow/submission/{open}",
        SIGNED_IN,
        _no_fields,
        done=_follows(FollowTarget.SUBMISSION, "open"),
    ),
    post(
        "follow",
        "/policy/follow/commitment/{commitment}",
        SIGNED_IN,
        _no_fields,
        done=_follows(FollowTarget.COMMITMENT, "commitment"),
    ),
]
ROWS = GET_ROWS + POST_ROWS

# Routes needing what this world has not got: a consultation's results, a signed claim link.
ELSEWHERE = {
    ("policy.send_consultation", "GET"),
    ("policy.send_consultation", "POST"),
    ("policy.claim", "GET"),
    ("policy.claim", "POST"),
}

# What a refused action must leave as it was.
WATCHED_TABLES = ("notification", "outbox_message", "audit_log", "screen_event", "review_item")


def snapshot() -> dict[str, list]:
    """Every row of the policy tables and of what an action would leave behind (notices,
    e-mails, audit lines, moderation items)."""
    tables = [
        t
        for t in db.metadata.sorted_tables
        if t.name.startswith("policy_") or t.name in WATCHED_TABLES
    ]
    return {
        t.name: [
            tuple(row) for row in db.session.execute(select(t).order_by(*t.primary_key.columns))
        ]
        for t in tables
    }


def request(client, world: World, row: Row, role: str):
    sign_in(client, world.users[role])
    url = row.url.format(**world.ids())
    if row.method == "GET":
        response = client.get(url)
        response.get_data()  # the CSV is streamed: read it while the test's context is current
        return response
    return client.post(url, data={**row.data(world), "once": once()})


def row_id(row: Row) -> str:
    return f"{row.method} {row.url}"


# The matrix covers the blueprint ---------------------------------------------------------


def test_every_route_of_the_blueprint_has_a_row(app):
    """A new policy route cannot slip in without saying who may use it."""
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("policy.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == {(row.endpoint, row.method) for row in ROWS} | ELSEWHERE
    adapter = app.url_map.bind("localhost")
    for row in ROWS:
        url = row.url.format_map(defaultdict(lambda: 1))
        assert adapter.match(url, method=row.method)[0] == row.endpoint, row_id(row)


# Who gets what -----------------------------------------------------------------------------


@pytest.mark.parametrize("row", GET_ROWS, ids=row_id)
def test_page_answers_only_its_roles(client, row):
    world = build_world(client)
    for role in ROLES:
        response = request(client, world, row, role)
        assert response.status_code == row.expected(role), (role, response.status_code)
        if role == "anonymous" and row.expected(role) == 302:
            assert response.headers["Location"].startswith("/login"), role


@pytest.mark.parametrize("row", POST_ROWS, ids=row_id)
def test_forbidden_action_is_refused_and_changes_nothing(client, row):
    world = build_world(client)
    for role in ROLES:
        if role in row.ok:
            continue
        before = snapshot()
        response = request(client, world, row, role)
        assert response.status_code == row.expected(role), (role, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login"), role
        assert snapshot() == before, role


ALLOWED = [(row, role) for row in POST_ROWS for role in sorted(row.ok)]


@pytest.mark.parametrize(
    ("row", "role"), ALLOWED, ids=[f"{row_id(r)} {role}" for r, role in ALLOWED]
)
def test_allowed_action_does_its_work(client, row, role):
    world = build_world(client)
    before = snapshot()
    response = request(client, world, row, role)
    assert response.status_code == row.status, text(response)[:2000]
    assert not response.headers["Location"].startswith("/login")
    if row.done is not None:
        assert row.done(world, world.users[role])
    else:
        assert snapshot() != before


# Ids that name nothing, and letters nobody may read yet -------------------------------------

UNKNOWN = [
    "/policy/s/999999",
    "/policy/s/99999999999",
    "/policy/s/999999/respond",
    "/policy/commitments/424242",
    "/policy/commitments/99999999999",
    "/policy/sendings/999999",
    "/policy/record/institutions/999999",
    "/policy/record/institutions/99999999999",
    "/policy/reports/999999/timeline",
    "/policy/reports/999999/impact",
    "/policy/send/report/999999/v/1",
    SEND.replace("{number}", "99"),
]


@pytest.mark.parametrize("role", ["anonymous", "member", "minister", "facilitator", "admin"])
def test_an_id_that_names_nothing_is_not_found(client, role):
    """Even for the people who could use the page, a wrong or too-large id is 404 (for a
    visitor, pages that need signing in send them to sign in first)."""
    world = build_world(client)
    sign_in(client, world.users[role])
    for url in UNKNOWN:
        response = client.get(url.format(**world.ids()))
        if role == "anonymous" and response.status_code == 302:
            assert response.headers["Location"].startswith("/login"), url
            continue
        assert response.status_code == 404, url


UNKNOWN_PUBLIC = [
    "/policy/s/999999",
    "/policy/s/99999999999",
    "/policy/commitments/424242",
    "/policy/sendings/999999",
    "/policy/record/institutions/999999",
    "/policy/reports/999999/timeline",
]


@pytest.mark.parametrize("url", UNKNOWN_PUBLIC)
def test_a_visitor_asking_for_an_unknown_id_gets_not_found(client, url):
    assert client.get(url).status_code == 404


UNKNOWN_ACTIONS = [
    ("minister", "/policy/s/999999/respond", _answer),
    ("minister", "/policy/commitments/424242", _commitment_update),
    ("minister", "/policy/commitments/99999999999", _commitment_update),
    ("member", "/policy/s/999999/rate", _rating),
    ("member", "/policy/s/99999999999/reply", _reply),
    ("member", "/policy/follow/submission/999999", _no_fields),
    ("member", "/policy/follow/commitment/424242", _no_fields),
    ("facilitator", "/policy/reports/999999/impact", _impact),
    ("facilitator", "/policy/send/report/999999/v/1", _letter),
]


def test_an_action_on_something_that_does_not_exist_is_not_found(client):
    world = build_world(client)
    for role, url, data in UNKNOWN_ACTIONS:
        sign_in(client, world.users[role])
        before = snapshot()
        response = client.post(url, data={**data(world), "once": once()})
        assert response.status_code == 404, url
        assert snapshot() == before, url


def test_a_report_that_was_never_adopted_has_no_timeline(client):
    world = build_world(client)
    with current_app.test_request_context():
        draft = make_report(world.scene.owner, world.scene.cohort, title="Still a draft")
    for role in ("anonymous", "facilitator", "admin"):
        sign_in(client, world.users[role])
        assert client.get(f"/policy/reports/{draft.id}/timeline").status_code == 404, role
    sign_in(client, world.users["facilitator"])
    assert client.get(f"/policy/send/report/{draft.id}/v/1").status_code == 404


def _held_sending(client) -> tuple[Scene, Submission]:
    """The cohort's texts are read by a moderator first, so the speaker's letter is held."""
    scene = make_scene()
    scene.cohort.is_premoderated = True
    db.session.commit()
    response = send(client, scene.speaker, scene, [scene.ministry], follow=True)
    assert "A moderator reads the letter first" in text(response)
    submission = submission_for(scene, scene.ministry)
    assert db.session.get(Sending, submission.sending_id).status == ModerationStatus.PENDING
    return scene, submission


@pytest.mark.parametrize("role", ["anonymous", "member", "minister", "agent", "expert"])
def test_a_submission_whose_letter_is_held_is_not_found(client, role):
    scene, submission = _held_sending(client)
    users = {
        "anonymous": None,
        "member": scene.member,
        "minister": scene.minister,
        "agent": scene.agent,
        "expert": make_user(Role.EXPERT),
    }
    sign_in(client, users[role])
    assert client.get(f"/policy/s/{submission.id}").status_code == 404


def test_a_held_letter_is_neither_in_the_inbox_nor_answerable(client):
    """The institution receives nothing until a moderator publishes the letter."""
    scene, submission = _held_sending(client)
    sign_in(client, scene.minister)
    assert "Safer apps" not in text(client.get("/policy/inbox?box=all"))
    before = snapshot()
    response = client.post(
        f"/policy/s/{submission.id}/respond", data=answer_data(submission, {1: ACCEPTED})
    )
    assert response.status_code == 404
    assert snapshot() == before
    sign_in(client, None)
    data = client.get("/policy/record.json").get_json()
    assert data["total"]["submissions_received"] == 0


def test_a_commitment_of_an_unanswered_submission_is_not_public(client):
    """Only the institution itself sees a commitment before its answer is published."""
    scene = make_scene()
    send(client, scene.facilitator, scene, [scene.ministry])
    submission = submission_for(scene, scene.ministry)
    respond(client, scene.minister, submission, {1: ACCEPTED})
    [commitment] = commitments_of(submission)
    # As if a moderator had withdrawn the answer: it no longer counts as answered.
    submission.answered_at = None
    submission.answer_days = None
    db.session.commit()
    url = f"/policy/commitments/{commitment.id}"
    for user in (None, scene.member, scene.agent, scene.facilitator):
        sign_in(client, user)
        assert client.get(url).status_code == 404, user
    sign_in(client, scene.minister)
    assert client.get(url).status_code == 200


def test_an_unknown_inbox_box_is_not_found(client):
    scene = make_scene()
    sign_in(client, scene.minister)
    assert client.get("/policy/inbox?box=archive").status_code == 404
    assert client.get("/policy/inbox?box=overdue").status_code == 200


def test_rating_or_replying_before_the_answer_changes_nothing(client):
    """The young people judge an answer once there is one."""
    world = build_world(client)
    sign_in(client, world.users["member"])
    url = f"/policy/s/{world.open.id}"
    for action, data in (("rate", _rating(world)), ("reply", _reply(world))):
        before = snapshot()
        response = client.post(f"{url}/{action}", data={**data, "once": once()})
        assert response.status_code == 302 and response.headers["Location"].startswith(url)
        assert snapshot() == before, action


def test_an_answered_submission_cannot_be_answered_again(client):
    world = build_world(client)
    sign_in(client, world.users["minister"])
    url = f"/policy/s/{world.answered.id}/respond"
    assert client.get(url).status_code == 302
    before = snapshot()
    response = client.post(url, data=answer_data(world.answered, {1: ACCEPTED}))
    assert response.status_code == 302
    assert snapshot() == before
