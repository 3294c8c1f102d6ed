"""Role-by-route matrix for the discussions, moderation (/moderation) and safeguarding
(/safeguarding) blueprints.

Each test builds the same small world through the services (a group with its facilitator and
members, another group, threads, comments, a comment held for review, flags, a removed comment
with an appeal, sanctions and a safeguarding case), signs in as one role and checks the status:

- visitors are sent to the sign-in page (302 to /login?next=...);
- a route the role may use answers 200 (GET) or redirects after a valid POST;
- a forbidden action answers 403;
- something the role may not know exists (another group's space, thread, comment or review
  item, another member's appeal, hidden or held content, a wrong id) answers 404.

A refused POST must change nothing in the database.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from tests.conftest import login, make_group, make_institution, make_user
from tests.moderation_helpers import admin, group_thread, lead, post, setup_group, trusted_youth
from youthportal.accounts.models import AccountStatus, Role, User
from youthportal.core.model_base import utcnow
from youthportal.discussions import services as discussions
from youthportal.discussions.models import Comment, Thread
from youthportal.extensions import db
from youthportal.safety import review, sanctions
from youthportal.safety.flags import flag
from youthportal.safety.models import (
    Appeal,
    AppealState,
    FlagReason,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    ReviewState,
    SafeguardingCase,
    Sanction,
    SanctionKind,
)

ROLES = [
    "visitor",
    "youth",  # a member of the group
    "other_youth",  # a member of another group
    "pending_youth",  # a member of the group still waiting for guardian consent
    "facilitator",  # facilitates the group
    "other_facilitator",  # facilitates another group
    "safeguarding_lead",
    "policy_maker",
    "admin",
]
ALL = frozenset(ROLES)
SIGNED_IN = ALL - {"visitor"}
NONE: frozenset[str] = frozenset()
# Those who can see the group's space: its members, its facilitator, admins.
GROUP_READERS = frozenset({"youth", "pending_youth", "facilitator", "admin"})
GROUP_WRITERS = GROUP_READERS - {"pending_youth"}
# Signed-in people outside the group: the group is not theirs to know about.
OUTSIDERS = frozenset({"other_youth", "other_facilitator", "safeguarding_lead", "policy_maker"})
# Everyone but officials reads the public space; officials never see discussions.
PUBLIC_READERS = SIGNED_IN - {"policy_maker"}
PUBLIC_WRITERS = PUBLIC_READERS - {"pending_youth"}
MODERATORS = frozenset({"facilitator", "other_facilitator", "safeguarding_lead", "admin"})
# Moderators who do not moderate the group: its review items are not theirs to know about.
OTHER_MODERATORS = frozenset({"other_facilitator", "safeguarding_lead"})
GROUP_MODERATORS = frozenset({"facilitator", "admin"})
MISSING = 999_999


@dataclass
class World:
    users: dict[str, User | None]
    ids: dict[str, int] = field(default_factory=dict)

    def url(self, template: str) -> str:
        return template.format(missing=MISSING, **self.ids)


def _removed_by(moderator, comment) -> ReviewItem:
    """A moderator reports a comment (which hides it) and then removes it."""
    flag(moderator, comment, FlagReason.BULLYING)
    item = review.open_item_for("comment", comment.id)
    review.decide(item, comment, moderator, ReviewDecision.REMOVED, reason_code="bullying")
    return item


def build_people() -> tuple[World, dict]:
    """One user per role (none for the visitor), the group and another group."""
    facilitator, group = setup_group()
    other_facilitator = make_user(Role.FACILITATOR)
    other_group = make_group(other_facilitator)
    youth = trusted_youth(group, display_name="Youth of the group")
    other_youth = trusted_youth(other_group)
    pending = make_user(
        age=13,
        group=group,
        status=AccountStatus.PENDING_CONSENT,
        created_at=utcnow() - timedelta(days=3),
    )
    users = {
        "visitor": None,
        "youth": youth,
        "other_youth": other_youth,
        "pending_youth": pending,
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "safeguarding_lead": lead(),
        "policy_maker": make_user(Role.POLICY_MAKER, institution=make_institution()),
        "admin": admin(),
    }
    world = World(users=users, ids={"group": group.id, "other_group": other_group.id})
    return world, {"group": group, "other_group": other_group}


def build_world() -> World:
    world, groups = build_people()
    group = groups["group"]
    users = world.users
    facilitator, youth = users["facilitator"], users["youth"]
    other_youth = users["other_youth"]
    author = trusted_youth(group)  # writes the content moderated below
    reporter = trusted_youth(group)  # reports it (so no role has reported anything yet)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))

    thread = group_thread(group, facilitator)
    comment, verdict = post(thread, author, "We could plant trees along the yard.")
    assert comment.status == ModerationStatus.PUBLISHED, verdict
    own, verdict = post(thread, youth, "A bench under the trees would be nice.")
    assert own.status == ModerationStatus.PUBLISHED, verdict
    held, verdict = post(thread, child, "Can we have a school garden?")
    assert verdict.held and held.status == ModerationStatus.PENDING
    removed, _ = post(thread, author, "Trees are a waste of the yard, forget it.")
    youth_removed, _ = post(thread, youth, "Nobody will water a garden anyway.")
    danger, _ = post(thread, author, "Can someone meet me after school?")
    for c in (removed, youth_removed, danger):
        assert c is not None and c.status == ModerationStatus.PUBLISHED

    with current_app.test_request_context():
        public_thread, verdict = discussions.start_thread(
            facilitator, "public", 0, "Safer internet week", "What should we plan?", "en"
        )
        assert public_thread is not None, verdict
        public_comment, verdict = discussions.add_comment(
            author, public_thread, "A quiz about passwords.", "en"
        )
        assert public_comment.status == ModerationStatus.PUBLISHED, verdict
        # One report from a member: the comment stays up and waits in the public queue.
        flag(reporter, public_comment, FlagReason.SPAM)
        removed_item = _removed_by(facilitator, removed)
        youth_item = _removed_by(facilitator, youth_removed)
        appeal = sanctions.open_appeal(
            author, "It was a joke between friends, please look again.", review_item=removed_item
        )
        mute = sanctions.issue(facilitator, author, SanctionKind.MUTE, "Unkind words")
        warning = sanctions.issue(facilitator, youth, SanctionKind.WARNING, "Unkind words")
        flag(reporter, danger, FlagReason.DANGER)
    db.session.commit()

    case = db.session.scalar(select(SafeguardingCase))
    held_item = review.open_item_for("comment", held.id)
    public_item = review.open_item_for("comment", public_comment.id)
    assert case is not None and held_item is not None and public_item is not None
    assert held_item.group_id == group.id and public_item.group_id is None
    world.ids.update(
        {
            "thread": thread.id,
            "public_thread": public_thread.id,
            "comment": comment.id,
            "own": own.id,
            "held": held.id,
            "removed": removed.id,
            "public_comment": public_comment.id,
            "held_item": held_item.id,
            "public_item": public_item.id,
            "youth_item": youth_item.id,
            "removed_item": removed_item.id,
            "appeal": appeal.id,
            "mute": mute.id,
            "warning": warning.id,
            "case": case.id,
            "author": author.id,
            "other_youth": other_youth.id,
            "facilitator": facilitator.id,
        }
    )
    return world


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def people() -> World:
    return build_people()[0]


def sign_in(client, world: World, role: str) -> None:
    user = world.users[role]
    if user is not None:
        login(client, user)
    else:
        with client.session_transaction() as session:
            session.clear()


def expected_status(role, allowed, hidden, ok=200) -> int:
    if role in allowed:
        return ok
    if role == "visitor":
        return 302
    if role in hidden:
        return 404
    return 403


def assert_sent_to_sign_in(response) -> None:
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next="), response.headers["Location"]


# --- GET: (url, roles answered 200, roles answered 404 instead of 403) ------------------------

GET_ROUTES = [
    # discussions
    ("/discussions/", PUBLIC_READERS, NONE),
    ("/discussions/public/0", PUBLIC_READERS, {"policy_maker"}),
    ("/discussions/public/0/new", PUBLIC_WRITERS, {"policy_maker"}),
    ("/discussions/group/{group}", GROUP_READERS, OUTSIDERS),
    ("/discussions/group/{group}/new", GROUP_WRITERS, OUTSIDERS),
    ("/discussions/group/{other_group}", {"other_youth", "other_facilitator", "admin"}, SIGNED_IN),
    ("/discussions/t/{thread}", GROUP_READERS, OUTSIDERS),
    ("/discussions/t/{public_thread}", PUBLIC_READERS, {"policy_maker"}),
    ("/discussions/c/{comment}/reply", GROUP_WRITERS, OUTSIDERS),
    ("/discussions/c/{public_comment}/reply", PUBLIC_WRITERS, {"policy_maker"}),
    # only the author edits or deletes; others in the group are refused
    ("/discussions/c/{own}/edit", {"youth"}, OUTSIDERS),
    ("/discussions/c/{own}/delete", {"youth"}, OUTSIDERS),
    ("/discussions/c/{comment}/edit", NONE, OUTSIDERS),
    ("/discussions/c/{comment}/delete", NONE, OUTSIDERS),
    # held or removed content is known to nobody here (only its author sees a held post)
    ("/discussions/c/{held}/reply", NONE, SIGNED_IN),
    ("/discussions/c/{held}/edit", NONE, SIGNED_IN),
    ("/discussions/c/{removed}/reply", NONE, SIGNED_IN),
    # moderation: reporting and help
    ("/moderation/help-now", ALL, NONE),
    ("/moderation/report/thanks", SIGNED_IN, NONE),
    ("/moderation/report/thanks?reason=danger", SIGNED_IN, NONE),
    ("/moderation/report/comment/{comment}", GROUP_READERS, OUTSIDERS),
    ("/moderation/report/comment/{own}", GROUP_READERS - {"youth"}, OUTSIDERS),
    ("/moderation/report/comment/{public_comment}", PUBLIC_READERS, {"policy_maker"}),
    ("/moderation/report/comment/{held}", NONE, SIGNED_IN),
    ("/moderation/report/comment/{removed}", NONE, SIGNED_IN),
    ("/moderation/report/poll/{comment}", NONE, SIGNED_IN),
    # moderation: a member's own page and appeals
    ("/moderation/mine", SIGNED_IN, NONE),
    ("/moderation/mine?tab=reports", SIGNED_IN, NONE),
    ("/moderation/mine?tab=sanctions", SIGNED_IN, NONE),
    ("/moderation/appeal/item/{youth_item}", {"youth"}, SIGNED_IN),
    ("/moderation/appeal/item/{removed_item}", NONE, SIGNED_IN),  # another member's
    ("/moderation/appeal/item/{held_item}", NONE, SIGNED_IN),
    ("/moderation/appeal/sanction/{mute}", NONE, SIGNED_IN),  # another member's
    ("/moderation/appeal/sanction/{warning}", NONE, SIGNED_IN),  # warnings are not appealed
    # moderation: the queue and decisions
    ("/moderation/", MODERATORS, NONE),
    ("/moderation/?show=urgent", MODERATORS, NONE),
    ("/moderation/item/{held_item}", GROUP_MODERATORS, OTHER_MODERATORS),
    ("/moderation/item/{public_item}", MODERATORS, NONE),
    ("/moderation/members/{author}/sanctions", GROUP_MODERATORS, OTHER_MODERATORS),
    (
        "/moderation/members/{other_youth}/sanctions",
        {"other_facilitator", "admin"},
        {"facilitator", "safeguarding_lead"},
    ),
    ("/moderation/members/{facilitator}/sanctions", NONE, MODERATORS),  # adults: no sanctions
    ("/moderation/appeals", MODERATORS, NONE),
    ("/moderation/appeals/{appeal}", GROUP_MODERATORS, OTHER_MODERATORS),
    # safeguarding: the leads only
    ("/safeguarding/", {"safeguarding_lead"}, NONE),
    ("/safeguarding/?state=new", {"safeguarding_lead"}, NONE),
    ("/safeguarding/{case}", {"safeguarding_lead"}, NONE),
]


@pytest.mark.parametrize(("url", "allowed", "hidden"), GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_get_route_answers_only_its_roles(client, world, url, allowed, hidden):
    # Reading changes nothing, so every role is checked against the same data (fast).
    wrong = []
    for role in ROLES:
        sign_in(client, world, role)
        response = client.get(world.url(url))
        expected = expected_status(role, allowed, hidden)
        if response.status_code != expected:
            wrong.append((role, expected, response.status_code))
        elif expected == 302:
            assert_sent_to_sign_in(response)
    assert not wrong, f"{url}: (role, expected, got) {wrong}"


# --- POST: (url, form, roles redirected after success, roles answered 404, where it goes) -----

POST_ROUTES = [
    (
        "/discussions/t/{thread}/comment",
        {"body": "Benches and trees, both please."},
        GROUP_WRITERS,
        OUTSIDERS,
        "/discussions/t/{thread}#c",
    ),
    (
        "/discussions/t/{public_thread}/comment",
        {"body": "A quiz would be fun."},
        PUBLIC_WRITERS,
        {"policy_maker"},
        "/discussions/t/{public_thread}#c",
    ),
    (
        "/discussions/group/{group}/new",
        {"title": "Lunch break", "body": "Should it be longer?"},
        GROUP_WRITERS,
        OUTSIDERS,
        "/discussions/t/",
    ),
    (
        "/discussions/public/0/new",
        {"title": "Sports day", "body": "Which games do we want?"},
        PUBLIC_WRITERS,
        {"policy_maker"},
        "/discussions/t/",
    ),
    (
        "/discussions/c/{comment}/reply",
        {"body": "Yes, trees give shade."},
        GROUP_WRITERS,
        OUTSIDERS,
        "/discussions/t/{thread}#c",
    ),
    (
        "/discussions/c/{comment}/react",
        {"kind": "like"},
        GROUP_WRITERS,
        OUTSIDERS,
        "/discussions/t/{thread}#c{comment}",
    ),
    (
        "/discussions/c/{own}/edit",
        {"body": "A bench and a table under the trees."},
        {"youth"},
        OUTSIDERS,
        "/discussions/t/{thread}#c{own}",
    ),
    (
        "/discussions/c/{own}/delete",
        {},
        {"youth"},
        OUTSIDERS,
        "/discussions/t/{thread}",
    ),
    (
        "/moderation/report/comment/{comment}",
        {"reason": "bullying"},
        GROUP_READERS,
        OUTSIDERS,
        "/moderation/report/thanks",
    ),
    (
        "/moderation/report/comment/{public_comment}",
        {"reason": "spam"},
        PUBLIC_READERS,
        {"policy_maker"},
        "/moderation/report/thanks",
    ),
    (
        "/moderation/item/{held_item}",
        {"decision": "approved"},
        GROUP_MODERATORS,
        OTHER_MODERATORS,
        "/moderation/",
    ),
    (
        "/moderation/item/{public_item}",
        {"decision": "approved"},
        MODERATORS,
        NONE,
        "/moderation/",
    ),
    (
        "/moderation/groups/{group}/premoderation",
        {"on": "1"},
        GROUP_MODERATORS,
        OTHER_MODERATORS,
        "/groups/{group}",
    ),
    (
        "/moderation/members/{author}/sanctions",
        {"kind": "warning", "reason": "Unkind words again"},
        GROUP_MODERATORS,
        OTHER_MODERATORS,
        "/moderation/members/{author}/sanctions",
    ),
    (
        "/moderation/sanctions/{mute}/revoke",
        {"reason": "Talked it through"},
        GROUP_MODERATORS,
        OTHER_MODERATORS,
        "/moderation/members/{author}/sanctions",
    ),
    # The facilitator took the decision that is appealed: someone else must decide (403).
    (
        "/moderation/appeals/{appeal}",
        {"outcome": "upheld", "note": "The words were hurtful."},
        {"admin"},
        OTHER_MODERATORS,
        "/moderation/appeals",
    ),
    (
        "/moderation/appeal/item/{youth_item}",
        {"text": "I am sorry, please look at it again."},
        {"youth"},
        SIGNED_IN,
        "/moderation/mine",
    ),
    (
        "/safeguarding/{case}",
        {"action": "acknowledge", "note": "Spoke with the school psychologist."},
        {"safeguarding_lead"},
        NONE,
        "/safeguarding/{case}",
    ),
]


def database_state() -> dict[str, list[str]]:
    """Every row of every table, to prove a refused request changed nothing."""
    db.session.expire_all()
    return {
        table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
        for table in db.metadata.sorted_tables
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "form", "allowed", "hidden", "target"), POST_ROUTES, ids=[r[0] for r in POST_ROUTES]
)
def test_post_route_acts_only_for_its_roles(
    client, world, role, url, form, allowed, hidden, target
):
    sign_in(client, world, role)
    before = database_state()
    response = client.post(world.url(url), data={**form, "once": f"once-{role}"})
    expected = expected_status(role, allowed, hidden, ok=302)
    assert response.status_code == expected, (role, url, response.status_code)
    if role == "visitor":
        assert_sent_to_sign_in(response)
    elif role in allowed:
        location = response.headers["Location"]
        assert location.startswith(world.url(target)), (role, location)
        assert database_state() != before, "an accepted POST changed nothing"
    else:
        assert database_state() == before, "a refused POST changed the database"


# --- wrong ids --------------------------------------------------------------------------------

# (url, roles refused the whole route with 403 before any lookup)
NOT_MODERATORS = SIGNED_IN - MODERATORS
NOT_LEADS = SIGNED_IN - {"safeguarding_lead"}
MISSING_GET = [
    ("/discussions/group/{missing}", NONE),
    ("/discussions/group/{missing}/new", NONE),
    ("/discussions/public/1", NONE),
    ("/discussions/public/1/new", NONE),
    ("/discussions/t/{missing}", NONE),
    ("/discussions/c/{missing}/reply", NONE),
    ("/discussions/c/{missing}/edit", NONE),
    ("/discussions/c/{missing}/delete", NONE),
    ("/moderation/report/comment/{missing}", NONE),
    ("/moderation/appeal/item/{missing}", NONE),
    ("/moderation/appeal/sanction/{missing}", NONE),
    ("/moderation/item/{missing}", NOT_MODERATORS),
    ("/moderation/members/{missing}/sanctions", NOT_MODERATORS),
    ("/moderation/appeals/{missing}", NOT_MODERATORS),
    ("/safeguarding/{missing}", NOT_LEADS),
]
MISSING_POST = [
    ("/discussions/t/{missing}/comment", NONE),
    ("/discussions/c/{missing}/react", NONE),
    ("/discussions/group/{missing}/new", NONE),
    ("/moderation/report/comment/{missing}", NONE),
    ("/moderation/item/{missing}", NOT_MODERATORS),
    ("/moderation/groups/{missing}/premoderation", NOT_MODERATORS),
    ("/moderation/sanctions/{missing}/revoke", NOT_MODERATORS),
    ("/moderation/appeals/{missing}", NOT_MODERATORS),
    ("/safeguarding/{missing}", NOT_LEADS),
]


@pytest.mark.parametrize(
    ("method", "url", "refused"),
    [("GET", *r) for r in MISSING_GET] + [("POST", *r) for r in MISSING_POST],
    ids=[f"GET {r[0]}" for r in MISSING_GET] + [f"POST {r[0]}" for r in MISSING_POST],
)
def test_wrong_ids_answer_404(client, people, method, url, refused):
    for role in ROLES:
        sign_in(client, people, role)
        response = client.open(
            people.url(url), method=method, data={"body": "x", "reason": "spam", "kind": "like"}
        )
        if role == "visitor":
            assert_sent_to_sign_in(response)  # nothing is revealed before signing in
        else:
            expected = 403 if role in refused else 404
            assert response.status_code == expected, (role, url, response.status_code)


@pytest.mark.parametrize("role", ["visitor", "youth", "facilitator", "admin"])
@pytest.mark.parametrize(
    "url",
    [
        "/discussions/t/abc",
        "/discussions/group/-1",
        "/discussions/secret/1",
        "/moderation/item/abc",
        "/moderation/appeal/review/1",
    ],
)
def test_malformed_urls_are_not_found_for_anyone(client, people, role, url):
    sign_in(client, people, role)
    assert client.get(url).status_code == 404


# --- the rules, one by one --------------------------------------------------------------------


def test_policy_makers_never_see_discussions(client, world):
    login(client, world.users["policy_maker"])
    assert client.get("/discussions/").status_code == 403
    for url in (
        "/discussions/public/0",
        "/discussions/group/{group}",
        "/discussions/t/{public_thread}",
        "/discussions/t/{thread}",
        "/discussions/c/{public_comment}/reply",
        "/moderation/report/comment/{public_comment}",
    ):
        assert client.get(world.url(url)).status_code == 404, url
    response = client.post(
        world.url("/discussions/t/{public_thread}/comment"), data={"body": "Hello", "once": "p1"}
    )
    assert response.status_code == 404
    assert client.get("/moderation/").status_code == 403
    assert client.get("/safeguarding/").status_code == 403


def test_youth_cannot_open_the_moderation_or_safeguarding_pages(client, world):
    for role in ("youth", "other_youth", "pending_youth"):
        login(client, world.users[role])
        assert client.get("/moderation/").status_code == 403
        assert client.get("/moderation/appeals").status_code == 403
        assert client.get(world.url("/moderation/item/{held_item}")).status_code == 403
        assert client.get("/safeguarding/").status_code == 403
        assert client.get(world.url("/safeguarding/{case}")).status_code == 403


def test_a_facilitator_of_another_group_learns_nothing_about_this_group(client, world):
    login(client, world.users["other_facilitator"])
    for url in (
        "/moderation/item/{held_item}",
        "/discussions/group/{group}",
        "/discussions/t/{thread}",
        "/moderation/members/{author}/sanctions",
        "/moderation/appeals/{appeal}",
    ):
        assert client.get(world.url(url)).status_code == 404, url
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Can we have a school garden?" not in queue  # the held comment of the group
    assert "A quiz about passwords." in queue  # the public space is everyone's to moderate
    decided = client.post(
        world.url("/moderation/item/{held_item}"), data={"decision": "approved", "once": "o1"}
    )
    assert decided.status_code == 404
    item = db.session.get(ReviewItem, world.ids["held_item"])
    assert item.state == ReviewState.OPEN


def test_a_youth_waiting_for_consent_reads_but_cannot_comment(client, world):
    pending = world.users["pending_youth"]
    login(client, pending)
    page = client.get(world.url("/discussions/t/{thread}"))
    assert page.status_code == 200
    assert "We could plant trees along the yard." in page.get_data(as_text=True)
    response = client.post(
        world.url("/discussions/t/{thread}/comment"),
        data={"body": "I agree with the trees.", "once": "pc1"},
    )
    assert response.status_code == 403
    assert db.session.scalar(select(Comment.id).where(Comment.author_id == pending.id)) is None
    assert client.get(world.url("/discussions/group/{group}/new")).status_code == 403
    react = client.post(world.url("/discussions/c/{comment}/react"), data={"kind": "like"})
    assert react.status_code == 403


def test_only_safeguarding_leads_open_the_safeguarding_pages(client, world):
    for role in ("facilitator", "other_facilitator", "admin", "policy_maker"):
        login(client, world.users[role])
        assert client.get("/safeguarding/").status_code == 403, role
        assert client.get(world.url("/safeguarding/{case}")).status_code == 403, role
    login(client, world.users["safeguarding_lead"])
    assert client.get("/safeguarding/").status_code == 200
    page = client.get(world.url("/safeguarding/{case}"))
    assert page.status_code == 200
    assert "Can someone meet me after school?" in page.get_data(as_text=True)


def test_a_member_appeals_their_own_decision_and_nobody_elses(client, world):
    login(client, world.users["youth"])
    assert client.get(world.url("/moderation/appeal/item/{youth_item}")).status_code == 200
    assert client.get(world.url("/moderation/appeal/item/{removed_item}")).status_code == 404
    assert client.get(world.url("/moderation/appeal/sanction/{mute}")).status_code == 404
    response = client.post(
        world.url("/moderation/appeal/item/{removed_item}"),
        data={"text": "Let me appeal for my friend please.", "once": "a1"},
    )
    assert response.status_code == 404
    assert db.session.scalars(select(Appeal.appellant_id)).all() == [world.ids["author"]]


def test_the_moderator_who_decided_cannot_decide_the_appeal(client, world):
    login(client, world.users["facilitator"])
    page = client.get(world.url("/moderation/appeals/{appeal}"))
    assert page.status_code == 200
    response = client.post(
        world.url("/moderation/appeals/{appeal}"),
        data={"outcome": "overturned", "note": "Fine by me.", "once": "ap1"},
    )
    assert response.status_code == 403
    assert db.session.get(Appeal, world.ids["appeal"]).state == AppealState.OPEN
    login(client, world.users["admin"])
    response = client.post(
        world.url("/moderation/appeals/{appeal}"),
        data={"outcome": "overturned", "note": "It was a joke.", "once": "ap2"},
    )
    assert response.status_code == 302
    assert db.session.get(Appeal, world.ids["appeal"]).state == AppealState.OVERTURNED


def test_held_and_removed_comments_stay_out_of_the_thread_for_others(client, world):
    for role in ("youth", "facilitator", "admin"):
        login(client, world.users[role])
        page = client.get(world.url("/discussions/t/{thread}")).get_data(as_text=True)
        assert "Can we have a school garden?" not in page, role  # held: only its author
        assert "waste of the yard" not in page, role  # removed: a placeholder without text
        assert "Removed by a moderator" in page, role


def test_accepted_posts_are_stored_as_the_signed_in_user(client, world):
    youth = world.users["youth"]
    login(client, youth)
    response = client.post(
        world.url("/discussions/t/{thread}/comment"),
        data={"body": "Benches and trees, both please.", "once": "s1"},
    )
    assert response.status_code == 302
    comment = db.session.scalar(
        select(Comment).where(Comment.body == "Benches and trees, both please.")
    )
    assert comment.author_id == youth.id and comment.status == ModerationStatus.PUBLISHED
    assert comment.thread_id == world.ids["thread"]
    login(client, world.users["facilitator"])
    response = client.post(
        world.url("/moderation/members/{author}/sanctions"),
        data={"kind": "warning", "reason": "Unkind words again", "once": "s2"},
    )
    assert response.status_code == 302
    newest = db.session.scalar(select(Sanction).order_by(Sanction.id.desc()))
    assert newest.user_id == world.ids["author"]
    assert newest.issued_by_id == world.users["facilitator"].id
    assert db.session.get(Thread, world.ids["thread"]).status == ModerationStatus.PUBLISHED
