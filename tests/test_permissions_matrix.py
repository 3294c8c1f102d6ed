"""Every route answers the roles that may use it and refuses the others.

403 for a forbidden action, 404 for things a role may not know exist (another facilitator's
group), a redirect to the sign-in page for visitors.
"""

import pyotp
import pytest

from tests.conftest import login, make_group, make_institution, make_user
from youthportal.accounts.models import AccountStatus, Role

ROLES = [
    "visitor",
    "youth",
    "pending_youth",
    "facilitator",
    "other_facilitator",
    "safeguarding_lead",
    "policy_maker",
    "admin",
]
ALL = set(ROLES)
SIGNED_IN = ALL - {"visitor"}
ADULTS = {"facilitator", "other_facilitator", "safeguarding_lead", "policy_maker", "admin"}
FACILITATORS = {"facilitator", "other_facilitator", "safeguarding_lead"}

# (url, roles answered 200, roles answered 404 instead of 403)
ROUTES = [
    ("/", ALL, set()),
    ("/rules", ALL, set()),
    ("/privacy", ALL, set()),
    ("/help", ALL, set()),
    ("/accessibility", ALL, set()),
    ("/profile", SIGNED_IN, set()),
    ("/me/data", SIGNED_IN, set()),
    ("/me/data.json", SIGNED_IN, set()),
    ("/notifications/", SIGNED_IN, set()),
    ("/notifications/preferences", SIGNED_IN, set()),
    ("/account/password", SIGNED_IN, set()),
    ("/account/two-step", ADULTS, set()),
    ("/groups/", FACILITATORS, set()),
    ("/groups/new", FACILITATORS, set()),
    ("/groups/{group}", {"facilitator"}, {"other_facilitator", "safeguarding_lead"}),
    ("/groups/{group}/members", {"facilitator"}, {"other_facilitator", "safeguarding_lead"}),
    ("/groups/{group}/roster", {"facilitator"}, {"other_facilitator", "safeguarding_lead"}),
    (
        "/groups/{group}/members/{member}/consent",
        {"facilitator"},
        {"other_facilitator", "safeguarding_lead"},
    ),
    (
        "/groups/{group}/members/{member}/reset-password",
        {"facilitator"},
        {"other_facilitator", "safeguarding_lead"},
    ),
    (
        "/groups/{group}/members/{member}/badges",
        {"facilitator"},
        {"other_facilitator", "safeguarding_lead"},
    ),
    ("/admin/users", {"admin"}, set()),
    ("/admin/users/{member}", {"admin"}, set()),
    ("/admin/invite", {"admin"}, set()),
    ("/admin/institutions", {"admin"}, set()),
    ("/admin/institutions/{institution}", {"admin"}, set()),
    ("/admin/settings", {"admin"}, set()),
    ("/admin/audit", {"admin"}, set()),
]


def make_role(role: str, group):
    totp = pyotp.random_base32()
    return {
        "visitor": lambda: None,
        "youth": lambda: make_user(),
        "pending_youth": lambda: make_user(age=12, status=AccountStatus.PENDING_CONSENT),
        "facilitator": lambda: make_user(Role.FACILITATOR, group=group),
        "other_facilitator": lambda: make_user(Role.FACILITATOR, group=make_group()),
        "safeguarding_lead": lambda: make_user(Role.SAFEGUARDING_LEAD, totp_secret=totp),
        "policy_maker": lambda: make_user(Role.POLICY_MAKER, institution=make_institution()),
        "admin": lambda: make_user(Role.ADMIN, totp_secret=totp),
    }[role]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed", "hidden"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_answers_only_its_roles(client, role, url, allowed, hidden):
    group = make_group()
    member = make_user(age=13, group=group, status=AccountStatus.PENDING_CONSENT)
    institution = make_institution("Agency for Children")
    user = make_role(role, group)
    if user is not None:
        login(client, user)
    response = client.get(url.format(group=group.id, member=member.id, institution=institution.id))
    if role in allowed:
        expected = 200
    elif role == "visitor":
        expected = 302
    elif role in hidden:
        expected = 404
    else:
        expected = 403
    assert response.status_code == expected, (role, url, response.status_code)
    if expected == 302:
        assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ["youth", "policy_maker", "other_facilitator"])
def test_forbidden_roles_cannot_post_to_facilitator_actions(client, role):
    group = make_group()
    member = make_user(group=group)
    login(client, make_role(role, group))
    expected = 404 if role == "other_facilitator" else 403
    for url in (
        f"/groups/{group.id}",
        f"/groups/{group.id}/roster",
        f"/groups/{group.id}/members/{member.id}/reset-password",
        f"/groups/{group.id}/members/{member.id}/badges",
    ):
        assert client.post(url, data={}).status_code == expected, url


@pytest.mark.parametrize("role", ["youth", "facilitator", "policy_maker", "safeguarding_lead"])
def test_only_admins_may_post_admin_actions(client, role):
    target = make_user()
    login(client, make_role(role, make_group()))
    for url in (
        f"/admin/users/{target.id}",
        "/admin/invite",
        "/admin/institutions",
        "/admin/settings",
    ):
        assert client.post(url, data={}).status_code == 403, url


def test_policy_makers_never_see_a_young_persons_personal_data(client):
    group = make_group(name="Class 6A")
    youth = make_user(display_name="Blue Star", email="blue@example.org", group=group)
    login(client, make_role("policy_maker", group))
    for url in ("/", "/help", f"/admin/users/{youth.id}", f"/groups/{group.id}/members"):
        page = client.get(url).get_data(as_text=True)
        assert "blue@example.org" not in page and "Class 6A" not in page
        assert str(youth.birth_year) not in page
