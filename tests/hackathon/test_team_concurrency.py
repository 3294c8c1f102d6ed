"""Many young people at once, through the app: ten joining a team with two places left get
exactly two places, and one member's ten simultaneous team foundings make one team."""

import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from tests.conftest import make_user
from tests.hackathon.helpers import make_event, youth_team
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon.models import Team, TeamMember


def _post_in_thread(app, user_id, url, data):
    # Each thread is a separate browser with its own app context, as under a real server.
    with app.app_context():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
            session["last_seen"] = int(time.time())
        response = client.post(url, data=data)
        db.session.remove()
        return response.status_code


def test_ten_joining_at_once_fill_only_the_free_places(app):
    event = make_event(make_user(Role.FACILITATOR), "forming", team_max=3)
    team, _ = youth_team(event, size=1)
    joiners = [trusted_youth(age=16).get_id() for _ in range(10)]
    url, code, team_id = f"/unehack/{event.id}/join", team.code, team.id
    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(
            pool.map(
                lambda n: _post_in_thread(app, joiners[n], url, {"code": code, "once": f"j{n}"}),
                range(10),
            )
        )
    assert 500 not in codes, codes
    db.session.expire_all()
    members = db.session.scalar(select(func.count()).where(TeamMember.team_id == team_id))
    assert members == 3
    assert db.session.get(Team, team_id).member_count == 3


def test_one_members_simultaneous_foundings_make_one_team(app):
    event = make_event(make_user(Role.FACILITATOR), "forming")
    founder = trusted_youth(age=16).get_id()
    url = f"/unehack/{event.id}/teams/new"
    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(
            pool.map(
                lambda n: _post_in_thread(
                    app, founder, url, {"name": f"Team {n}", "once": f"f{n}"}
                ),
                range(10),
            )
        )
    assert 500 not in codes, codes
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(TeamMember)) == 1
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1
