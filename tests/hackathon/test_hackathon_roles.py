"""Every UneHack route answers the roles that may use it and refuses the others: 403 for a
forbidden action, 404 for what a role may not know exists (a team's drafts, another team),
the sign-in page for visitors. Judges and policy-makers never see a young person's data."""

import pyotp
import pytest

from tests.conftest import login, make_institution, make_user
from tests.hackathon.helpers import add_staff, assign, make_event, make_idea, text, youth_team
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon.models import StaffRole

ROLES = [
    "visitor",
    "youth",
    "member",
    "mentor",
    "judge",
    "unvetted_expert",
    "facilitator",
    "policy_maker",
    "admin",
]
ALL = set(ROLES)
SIGNED_IN = ALL - {"visitor"}
READERS = SIGNED_IN - {"policy_maker"}
ORGANISERS = {"facilitator", "admin"}
TEAM = {"member", "mentor", "facilitator", "admin"}

# (url, roles answered 200, roles answered 404 instead of 403)
ROUTES = [
    ("/unehack/", READERS, set()),
    ("/unehack/new", ORGANISERS, set()),
    ("/unehack/{event}", READERS, {"policy_maker"}),
    ("/unehack/{event}/edit", ORGANISERS, {"policy_maker"}),
    ("/unehack/{event}/board", {"youth", "member", "facilitator", "admin"}, {"policy_maker"}),
    ("/unehack/{event}/teams", ORGANISERS, {"policy_maker"}),
    ("/unehack/{event}/staff", ORGANISERS, {"policy_maker"}),
    ("/unehack/{event}/criteria", ORGANISERS, {"policy_maker"}),
    ("/unehack/{event}/jury", ORGANISERS, {"policy_maker"}),
    ("/unehack/{event}/judging", {"judge", "unvetted_expert"}, {"policy_maker"}),
    ("/unehack/teams/{team}", TEAM, SIGNED_IN - TEAM),
    ("/unehack/teams/{team}/idea", {"member"}, SIGNED_IN - TEAM),
    ("/unehack/teams/{team}/discussion", set(), SIGNED_IN - TEAM),  # 302 to the thread
    ("/unehack/ideas/{idea}", TEAM | {"judge"}, ALL - TEAM - {"judge"}),
    (
        "/unehack/ideas/{idea}/versions",
        {"member", "facilitator", "admin"},
        ALL - {"member", "facilitator", "admin"},
    ),
    ("/unehack/ideas/{idea}/score", {"judge"}, ALL - TEAM - {"judge"}),
    ("/unehack/{event}/results", ORGANISERS, ALL - ORGANISERS),
    ("/unehack/{event}/certificate", set(), SIGNED_IN),
]


@pytest.fixture
def world():
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "building")
    team, members = youth_team(event)
    mentor = make_user(Role.EXPERT)
    add_staff(event, mentor, StaffRole.MENTOR)
    team.mentor_id = mentor.id
    db.session.commit()
    idea = make_idea(team)
    judge = make_user(Role.EXPERT)
    add_staff(event, judge, StaffRole.JUDGE)
    assign(judge, idea)
    unvetted = make_user(Role.EXPERT)
    add_staff(event, unvetted, StaffRole.JUDGE, vetted=False)
    assign(unvetted, idea)
    totp = pyotp.random_base32()
    users = {
        "visitor": None,
        "youth": trusted_youth(age=16),
        "member": members[0],
        "mentor": mentor,
        "judge": judge,
        "unvetted_expert": unvetted,
        "facilitator": facilitator,
        "policy_maker": make_user(Role.POLICY_MAKER, institution=make_institution()),
        "admin": make_user(Role.ADMIN, totp_secret=totp),
    }
    return event, team, idea, users


@pytest.mark.parametrize(("url", "allowed", "hidden"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_answers_only_its_roles(client, world, url, allowed, hidden):
    event, team, idea, users = world
    target = url.format(event=event.id, team=team.id, idea=idea.id)
    for role in ROLES:
        user = users[role]
        if user is not None:
            login(client, user)
        else:
            client.get("/")  # keeps the cookie jar
            with client.session_transaction() as session:
                session.clear()
        response = client.get(target)
        if role in allowed:
            expected = 200
        elif role == "visitor":
            expected = 302
        elif role in hidden:
            expected = 404
        elif url.endswith("/discussion") and role in TEAM:
            expected = 302
        else:
            expected = 403
        assert response.status_code == expected, (role, target, response.status_code)


@pytest.mark.parametrize("role", ["youth", "mentor", "judge", "policy_maker"])
def test_forbidden_roles_cannot_post_organiser_actions(client, world, role):
    event, team, idea, users = world
    login(client, users[role])
    for url in (
        f"/unehack/{event.id}/edit",
        f"/unehack/{event.id}/staff",
        f"/unehack/{event.id}/criteria",
        f"/unehack/{event.id}/jury",
        f"/unehack/{event.id}/results",
        f"/unehack/{event.id}/staff/{users['judge'].id}/judge",
        f"/unehack/ideas/{idea.id}/promote",
        f"/unehack/teams/{team.id}/mentor",
    ):
        assert client.post(url, data={"once": url}).status_code in (403, 404), url


def test_judges_and_policy_makers_never_see_a_young_persons_data(client, world):
    event, team, idea, users = world
    member = users["member"]
    login(client, users["judge"])
    for url in (
        f"/unehack/ideas/{idea.id}",
        f"/unehack/ideas/{idea.id}/score",
        f"/unehack/{event.id}/judging",
    ):
        page = text(client.get(url))
        assert member.display_name not in page and str(member.birth_year) not in page
    login(client, users["policy_maker"])
    assert client.get(f"/unehack/{event.id}").status_code == 404


def test_invited_experts_see_only_their_events_and_none_of_the_youth_spaces(client, world):
    from tests.moderation_helpers import group_thread, setup_group

    event, _team, _idea, users = world
    other = make_event(users["facilitator"], "building", title="Another event")
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    login(client, users["judge"])
    listing = text(client.get("/unehack/"))
    assert event.title in listing and "Another event" not in listing
    assert client.get(f"/unehack/{other.id}").status_code == 404
    assert client.get(f"/discussions/t/{thread.id}").status_code in (403, 404)
    assert client.get("/discussions/public/0").status_code in (403, 404)
    for url in ("/polls/", "/consultations/", "/discussions/"):
        assert client.get(url).status_code == 403, url
    login(client, users["policy_maker"])
    for url in ("/polls/", "/consultations/", "/discussions/"):
        assert client.get(url).status_code == 403, url
    login(client, users["judge"])
    header = text(client.get("/unehack/"))
    assert 'href="/polls/"' not in header and 'href="/unehack/"' in header
