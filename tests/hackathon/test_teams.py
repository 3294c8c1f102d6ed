"""Teams as young people live them: founding one, joining with a code, the board and its
invitations, and every refusal (full team, wrong age, another age band, wrong phase,
already in a team, a bad name) telling why and changing nothing."""

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_user
from tests.hackathon.helpers import make_event, make_team, set_phase, text, youth_team
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon.models import BoardEntry, Invitation, Team, TeamMember
from youthportal.notifications.models import Notification
from youthportal.safety.models import SafeguardingCase


@pytest.fixture
def event():
    facilitator = make_user(Role.FACILITATOR)
    return make_event(facilitator, "forming", team_max=3)


def members_of(team_id) -> int:
    return db.session.scalar(select(func.count()).where(TeamMember.team_id == team_id))


def test_found_a_team_then_friends_join_with_its_code(client, event):
    founder, friend = trusted_youth(age=16), trusted_youth(age=17)
    login(client, founder)
    response = client.post(
        f"/unehack/{event.id}/teams/new", data={"name": "Safe Squad", "once": "a"}
    )
    assert response.status_code == 302
    team = db.session.scalar(select(Team).where(Team.event_id == event.id))
    assert team.name == "Safe Squad" and team.age_band == "16-18"
    page = text(client.get(f"/unehack/teams/{team.id}"))
    assert team.code in page

    login(client, friend)
    response = client.post(
        f"/unehack/{event.id}/join",
        data={"code": team.code.lower(), "once": "b"},
        follow_redirects=True,
    )
    assert "You joined the team Safe Squad." in text(response)
    assert members_of(team.id) == 2
    assert (
        db.session.scalar(select(Notification.kind).where(Notification.user_id == founder.id))
        == "team_joined"
    )


def test_a_full_team_refuses_and_nothing_changes(client, event):
    team, _ = youth_team(event, size=3)
    latecomer = trusted_youth(age=16)
    login(client, latecomer)
    response = client.post(
        f"/unehack/{event.id}/join", data={"code": team.code, "once": "c"}, follow_redirects=True
    )
    assert "This team is full." in text(response)
    assert members_of(team.id) == 3


def test_teams_mix_only_within_one_age_band(client, event):
    team, _ = youth_team(event, size=1, age=16)
    younger = trusted_youth(age=13)
    login(client, younger)
    response = client.post(
        f"/unehack/{event.id}/join", data={"code": team.code, "once": "d"}, follow_redirects=True
    )
    assert "only mix members of the same age band" in text(response)
    assert members_of(team.id) == 1


def test_outside_the_event_age_range_nobody_joins(client):
    event = make_event(make_user(Role.FACILITATOR), "forming", min_age=14, max_age=18)
    child = trusted_youth(age=11)
    login(client, child)
    response = client.post(
        f"/unehack/{event.id}/teams/new",
        data={"name": "Little ones", "once": "e"},
        follow_redirects=True,
    )
    assert "another age" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_one_team_per_event_and_a_wrong_code_is_explained(client, event):
    team, (member, *_) = youth_team(event, size=1)
    other = make_team(event, [trusted_youth()], name="Others")
    login(client, member)
    response = client.post(
        f"/unehack/{event.id}/join", data={"code": other.code, "once": "f"}, follow_redirects=True
    )
    assert "already in a team" in text(response)
    response = client.post(
        f"/unehack/{event.id}/join", data={"code": "ZZZZZZZZ", "once": "g"}, follow_redirects=True
    )
    assert "No team of this event has this code" in text(response)


def test_teams_form_only_in_their_phases(client, event):
    set_phase(event, "building")
    youth = trusted_youth()
    login(client, youth)
    response = client.post(
        f"/unehack/{event.id}/teams/new",
        data={"name": "Too late", "once": "h"},
        follow_redirects=True,
    )
    assert "not possible in the event's current phase" in text(response)
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_team_names_are_screened(client, event):
    youth = trusted_youth()
    login(client, youth)
    response = client.post(
        f"/unehack/{event.id}/teams/new",
        data={"name": "call me 0691234567", "once": "i"},
        follow_redirects=True,
    )
    assert "Please choose another team name." in text(response)
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_a_name_that_tells_of_danger_reaches_a_safeguarding_lead(client, event):
    youth = trusted_youth()
    login(client, youth)
    response = client.post(
        f"/unehack/{event.id}/teams/new", data={"name": "i want to kill myself", "once": "j"}
    )
    assert response.status_code == 302 and "/help" in response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(SafeguardingCase)) == 1
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_the_board_shows_skills_only_and_a_team_invites_someone(client, event):
    team, (member, *_) = youth_team(event, size=1)
    looking = trusted_youth(age=16, display_name="Drita")
    login(client, looking)
    client.post(f"/unehack/{event.id}/board", data={"skills": ["coding", "drawing"], "once": "k"})
    entry = db.session.get(BoardEntry, (event.id, looking.id))
    assert entry.skills == ["drawing", "coding"]

    login(client, member)
    page = text(client.get(f"/unehack/{event.id}/board"))
    assert "Drita" in page and "Coding" in page and "age 16-18" in page
    assert str(looking.birth_year) not in page
    client.post(f"/unehack/teams/{team.id}/invite", data={"user_id": looking.id, "once": "l"})
    assert db.session.get(Invitation, (team.id, looking.id)) is not None

    login(client, looking)
    assert "invites you" in text(client.get(f"/unehack/{event.id}"))
    client.post(f"/unehack/teams/{team.id}/invitation", data={"answer": "accept", "once": "m"})
    assert members_of(team.id) == 2
    assert db.session.get(BoardEntry, (event.id, looking.id)) is None  # off the board


def test_the_board_filters_by_skill(client, event):
    a, b = trusted_youth(display_name="Arta"), trusted_youth(display_name="Besa")
    db.session.add_all(
        [
            BoardEntry(event_id=event.id, user_id=a.id, skills=["coding"]),
            BoardEntry(event_id=event.id, user_id=b.id, skills=["video"]),
        ]
    )
    db.session.commit()
    login(client, a)
    page = text(client.get(f"/unehack/{event.id}/board?skill=video"))
    assert "Besa" in page and "Arta" not in page


def test_leaving_the_last_place_dissolves_the_team(client, event):
    team, (member,) = youth_team(event, size=1)
    login(client, member)
    team_id = team.id
    client.post(f"/unehack/teams/{team_id}/leave", data={"once": "n"})
    db.session.expunge_all()
    assert db.session.get(Team, team_id) is None


def test_a_replayed_join_changes_nothing(client, event):
    team, _ = youth_team(event, size=1)
    friend = trusted_youth(age=16)
    login(client, friend)
    client.post(f"/unehack/{event.id}/join", data={"code": team.code, "once": "same"})
    response = client.post(
        f"/unehack/{event.id}/join", data={"code": team.code, "once": "same"}, follow_redirects=True
    )
    assert "already sent" in text(response)
    assert members_of(team.id) == 2


def test_team_names_are_unique_whatever_their_capitals(client, event):
    from sqlalchemy.exc import IntegrityError

    make_team(event, [trusted_youth()], name="Safe Squad")
    with pytest.raises(IntegrityError):
        make_team(event, [trusted_youth()], name="safe squad")
    db.session.rollback()
    youth = trusted_youth(age=16)
    login(client, youth)
    response = client.post(
        f"/unehack/{event.id}/teams/new",
        data={"name": "SAFE SQUAD", "once": "u"},
        follow_redirects=True,
    )
    assert "Another team already has this name" in text(response)
