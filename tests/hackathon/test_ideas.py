"""A team's idea: written together without losing anyone's edit, screened, versioned, only
the team's until submitted, locked at the deadline; mentors' feedback reaches the team."""

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_user
from tests.hackathon.helpers import (
    add_staff,
    assign,
    make_event,
    make_idea,
    set_phase,
    text,
    youth_team,
)
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon.models import Feedback, Idea, IdeaVersion, StaffRole
from youthportal.notifications.models import Notification
from youthportal.safety.models import ModerationStatus, ReviewItem

IDEA = {
    "title": "Fake or real?",
    "challenge_id": "",
    "problem": "Children cannot tell fake profiles from real ones.",
    "helps": "Children aged 10 to 14 who just got a phone.",
    "how": "A quiz game that teaches five signs of a fake profile.",
    "built": "A paper prototype.",
    "links_text": "",
    "base_version": "",
}


@pytest.fixture
def event():
    return make_event(make_user(Role.FACILITATOR), "building")


def save(client, team, once, **changes):
    return client.post(f"/unehack/teams/{team.id}/idea", data={**IDEA, "once": once, **changes})


def the_idea(team) -> Idea:
    db.session.expire_all()
    return db.session.scalar(select(Idea).where(Idea.team_id == team.id))


def test_a_team_writes_its_idea_and_every_save_is_a_version(client, event):
    team, (a, b, _c) = youth_team(event)
    login(client, a)
    challenge = event.challenges[0].id
    response = save(client, team, "1", challenge_id=str(challenge))
    assert response.status_code == 302
    idea = the_idea(team)
    assert idea.version == 1 and idea.challenge_id == challenge and idea.submitted_at is None
    login(client, b)
    form = text(client.get(f"/unehack/teams/{team.id}/idea"))
    assert 'name="base_version" type="hidden" value="1"' in form
    save(client, team, "2", base_version="1", how="A quiz game with ten questions.")
    idea = the_idea(team)
    assert idea.version == 2 and idea.author_id == b.id
    versions = db.session.scalar(select(func.count()).where(IdeaVersion.idea_id == idea.id))
    assert versions == 2
    page = text(client.get(f"/unehack/ideas/{idea.id}/versions"))
    assert "A quiz game that teaches five signs" in page and "ten questions" in page


def test_two_members_saving_at_once_lose_nothing(client, event):
    team, (a, b, _c) = youth_team(event)
    login(client, a)
    save(client, team, "1")
    # Both opened version 1; b saves first, then a.
    login(client, b)
    save(client, team, "2", base_version="1", how="B's way: a comic about fake profiles.")
    login(client, a)
    response = save(client, team, "3", base_version="1", how="A's way: a browser game.")
    assert response.status_code == 409
    page = text(response)
    assert "Nothing was lost" in page
    assert "A's way: a browser game." in page  # their own text, in the form
    assert "B's way: a comic about fake profiles." in page  # what the team saved
    assert 'name="base_version" type="hidden" value="2"' in page
    assert the_idea(team).how == "B's way: a comic about fake profiles."
    # Saving again from the conflict page (now based on version 2) works.
    save(client, team, "4", base_version="2", how="Both: a comic and a game.")
    assert the_idea(team).version == 3


def test_links_only_to_allowed_websites(client, event):
    team, (a, *_) = youth_team(event)
    login(client, a)
    for bad in ("http://github.com/us/app", "https://tracker.example.com/x", "javascript:alert(1)"):
        response = save(client, team, bad, links_text=bad)
        assert response.status_code == 422
        assert "allowed websites" in text(response)
    assert the_idea(team) is None
    save(
        client,
        team,
        "ok",
        links_text="https://github.com/safe-squad/quiz\nhttps://scratch.mit.edu/projects/1",
    )
    assert the_idea(team).links == [
        "https://github.com/safe-squad/quiz",
        "https://scratch.mit.edu/projects/1",
    ]


def test_personal_information_is_refused_and_nothing_is_stored(client, event):
    team, (a, *_) = youth_team(event)
    login(client, a)
    response = save(client, team, "1", helps="Call me on 069 123 4567 to help")
    assert response.status_code == 422
    assert "phone" in text(response).lower()
    assert "069 123 4567" in text(response)  # their text stays in the form to fix
    assert the_idea(team) is None


def test_held_ideas_reach_the_review_queue(client, event):
    event.min_age = 9
    db.session.commit()
    from tests.hackathon.helpers import make_team

    team = make_team(event, [trusted_youth(age=12)])
    login(client, team.members[0].user)
    save(client, team, "1")
    idea = the_idea(team)
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.content_type == "hack_idea"))
    assert idea.status == ModerationStatus.PENDING
    assert item is not None and item.content_id == idea.id


def test_young_members_are_premoderated(client, event):
    event.min_age = 9
    db.session.commit()
    young = [trusted_youth(age=11) for _ in range(2)]
    from tests.hackathon.helpers import make_team

    team = make_team(event, young)
    login(client, young[0])
    save(client, team, "1")
    assert the_idea(team).status == ModerationStatus.PENDING


def test_drafts_are_the_teams_own(client, event):
    team, (a, *_) = youth_team(event)
    idea = make_idea(team, submitted=False)
    outsider = trusted_youth()
    judge = make_user(Role.FACILITATOR)
    add_staff(event, judge, StaffRole.JUDGE)
    expert = make_user(Role.EXPERT)
    add_staff(event, expert, StaffRole.JUDGE)
    assign(expert, idea)
    for user in (outsider, expert):
        login(client, user)
        assert client.get(f"/unehack/ideas/{idea.id}").status_code == 404
        assert client.get(f"/unehack/teams/{team.id}").status_code == 404
    login(client, a)
    assert client.get(f"/unehack/ideas/{idea.id}").status_code == 200


def test_submitting_then_the_deadline_locks_the_idea(client, event):
    team, (a, *_) = youth_team(event)
    login(client, a)
    save(client, team, "1")
    idea = the_idea(team)
    client.post(f"/unehack/ideas/{idea.id}/submit", data={"once": "s"})
    assert the_idea(team).submitted_at is not None
    set_phase(event, "judging")
    response = save(client, team, "late", base_version="1", how="Changed after the deadline.")
    assert "deadline for ideas has passed" in text(client.get(response.headers["Location"]))
    assert the_idea(team).how == IDEA["how"] and the_idea(team).version == 1
    response = client.post(f"/unehack/ideas/{idea.id}/submit", data={"once": "w", "withdraw": "1"})
    assert the_idea(team).submitted_at is not None


def test_mentor_feedback_is_screened_and_reaches_the_team(client, event):
    team, members = youth_team(event)
    mentor = make_user(Role.FACILITATOR)
    add_staff(event, mentor, StaffRole.MENTOR)
    team.mentor_id = mentor.id
    db.session.commit()
    idea = make_idea(team, submitted=False)
    login(client, mentor)
    assert text(client.get(f"/unehack/ideas/{idea.id}")).count("Send feedback") == 1
    client.post(
        f"/unehack/ideas/{idea.id}/feedback",
        data={"body": "Great start! Test the quiz with younger children.", "once": "f"},
    )
    feedback = db.session.scalar(select(Feedback))
    assert feedback.status == ModerationStatus.PUBLISHED
    notified = db.session.scalar(select(func.count()).where(Notification.kind == "idea_feedback"))
    assert notified == len(members)
    login(client, members[0])
    assert "Test the quiz with younger children." in text(client.get(f"/unehack/ideas/{idea.id}"))


def test_feedback_only_from_the_team_mentor_while_building(client, event):
    team, _ = youth_team(event)
    idea = make_idea(team, submitted=False)
    other_mentor = make_user(Role.EXPERT)
    add_staff(event, other_mentor, StaffRole.MENTOR)
    youth = trusted_youth()
    for user in (other_mentor, youth):
        login(client, user)
        response = client.post(
            f"/unehack/ideas/{idea.id}/feedback",
            data={"body": "Some feedback here.", "once": f"x{user.id}"},
        )
        assert response.status_code in (403, 404)
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 0


def test_unvetted_expert_mentors_cannot_act(client, event):
    team, _ = youth_team(event)
    expert = make_user(Role.EXPERT)
    add_staff(event, expert, StaffRole.MENTOR, vetted=False)
    team.mentor_id = expert.id
    db.session.commit()
    idea = make_idea(team, submitted=False)
    login(client, expert)
    assert client.get(f"/unehack/ideas/{idea.id}").status_code == 404
    assert client.get(f"/unehack/teams/{team.id}").status_code == 404


def test_the_team_thread_is_for_the_team_and_its_mentor(client, event):
    team, (a, *_) = youth_team(event)
    response = None
    login(client, a)
    response = client.get(f"/unehack/teams/{team.id}/discussion")
    assert response.status_code == 302
    thread_url = response.headers["Location"]
    assert client.get(thread_url).status_code == 200
    login(client, trusted_youth())
    assert client.get(thread_url).status_code in (403, 404)
    assert client.get(f"/unehack/teams/{team.id}/discussion").status_code == 404


def test_published_results_make_submitted_ideas_public(client, event):
    team, members = youth_team(event, name="Safe Squad")
    idea = make_idea(team)
    draft_team, _ = youth_team(event, name="Drafters")
    draft = make_idea(draft_team, submitted=False)
    set_phase(event, "results")
    event.results_published_at = utcnow()
    db.session.commit()
    assert client.get(f"/unehack/ideas/{idea.id}").status_code == 302  # visitors sign in
    login(client, trusted_youth())
    page = text(client.get(f"/unehack/ideas/{idea.id}"))
    assert "Safe Squad" in page and members[0].display_name in page
    assert str(members[0].birth_year) not in page
    assert client.get(f"/unehack/ideas/{draft.id}").status_code == 404
