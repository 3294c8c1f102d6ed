"""UneHack pages cost the same number of SQL statements however many teams, entries,
ideas or scores they show (each count is pinned: a change that adds a query per row fails)."""

import pytest

from tests.conftest import login, make_user
from tests.hackathon.helpers import (
    add_staff,
    assign,
    give_scores,
    judges,
    make_event,
    make_idea,
    set_criteria,
    set_phase,
    youth_team,
)
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon.models import BoardEntry, StaffRole


def scored(rows):
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "judging")
    set_criteria(event)
    jury = judges(event, 3)
    for n in range(rows):
        team, _ = youth_team(event, size=2, name=f"Team {n:03d}")
        idea = make_idea(team, challenge=n % 2)
        for judge_number, judge in enumerate(jury):
            assign(judge, idea)
            give_scores(judge, idea, [1 + (n + judge_number) % 5] * 4)
    return facilitator, event, jury


def measure(client, count_queries, url) -> int:
    client.get(url)  # warm caches (settings, translations)
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return queries.count


@pytest.mark.parametrize("rows", [3, 25])
def test_organiser_pages_cost_the_same_however_many_teams(client, count_queries, rows):
    facilitator, event, jury = scored(rows)
    login(client, facilitator)
    counts = {
        "teams": measure(client, count_queries, f"/unehack/{event.id}/teams"),
        "jury": measure(client, count_queries, f"/unehack/{event.id}/jury"),
        "preview": measure(client, count_queries, f"/unehack/{event.id}/results"),
        "staff": measure(client, count_queries, f"/unehack/{event.id}/staff"),
    }
    login(client, jury[0])
    counts["judging"] = measure(client, count_queries, f"/unehack/{event.id}/judging")
    assert counts == {"teams": 12, "jury": 13, "preview": 11, "staff": 9, "judging": 14}, counts


@pytest.mark.parametrize("rows", [3, 25])
def test_published_results_cost_the_same_however_many_ideas(client, count_queries, rows):
    facilitator, event, _ = scored(rows)
    set_phase(event, "results")
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/results", data={"once": "publish"})
    login(client, trusted_youth())
    assert measure(client, count_queries, f"/unehack/{event.id}/results") == 10


@pytest.mark.parametrize("rows", [3, 25])
def test_the_board_and_the_list_cost_the_same_however_many_entries(client, count_queries, rows):
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "forming")
    for n in range(rows):
        youth = trusted_youth(age=16, display_name=f"Looking {n}")
        db.session.add(
            BoardEntry(event_id=event.id, user_id=youth.id, skills=["coding"], created_at=utcnow())
        )
        make_event(facilitator, "registration", title=f"Event number {n}")
    db.session.commit()
    add_staff(event, make_user(Role.FACILITATOR), StaffRole.MENTOR)
    team, (member, *_) = youth_team(event, size=1)
    login(client, member)
    assert measure(client, count_queries, f"/unehack/{event.id}/board") == 11
    assert measure(client, count_queries, "/unehack/") == 7
