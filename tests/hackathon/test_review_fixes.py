"""What a second review of UneHack found, each now a behaviour a user would recognise:
a moderator's edit keeps every field, judges lose sight of a held idea, an event's edit
keeps calibration, a team's mentor never judges it, judges' comments are stored as screened,
photos lose what follows their end, and an urgent idea sends the child to the help page."""

import struct

from flask import current_app
from sqlalchemy import select

from tests.conftest import login, make_user
from tests.hackathon.helpers import (
    add_staff,
    assign,
    judges,
    make_event,
    make_idea,
    set_criteria,
    text,
    youth_team,
)
from tests.hackathon.test_images import jpeg, segment
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon import images
from youthportal.hackathon.ideas import idea_text
from youthportal.hackathon.models import Assignment, Event, Idea, IdeaVersion, StaffRole
from youthportal.safety.models import ModerationStatus, ReviewDecision, ReviewItem, ReviewReason
from youthportal.safety.review import decide, open_review


def test_a_moderators_edit_keeps_every_field_and_is_a_new_version():
    event = make_event(make_user(Role.FACILITATOR), "building")
    team, _ = youth_team(event)
    idea = make_idea(team, status=ModerationStatus.PENDING)
    idea.built = ""
    db.session.commit()
    moderator = make_user(Role.ADMIN)
    with current_app.test_request_context():
        item = open_review(idea, reason=ReviewReason.HELD)
        edited = idea_text(idea).replace("five signs", "five clear signs").replace("\n", "\r\n")
        decide(item, idea, moderator, ReviewDecision.EDITED, new_text=edited)
        db.session.commit()
    db.session.expire_all()
    idea = db.session.get(Idea, idea.id)
    assert idea.status == ModerationStatus.PUBLISHED
    assert idea.problem == "Children cannot tell fake profiles from real ones."
    assert idea.helps == "Children aged 10 to 14."
    assert idea.how == "A quiz game that teaches five clear signs of a fake profile."
    assert idea.built == "" and idea.version == 2
    assert db.session.scalar(select(IdeaVersion.version).where(IdeaVersion.version == 2)) == 2


def test_judges_lose_sight_of_an_idea_moderation_holds(client):
    event = make_event(make_user(Role.FACILITATOR), "judging")
    set_criteria(event)
    team, _ = youth_team(event)
    idea = make_idea(team)
    judge = make_user(Role.EXPERT)
    add_staff(event, judge, StaffRole.JUDGE)
    assign(judge, idea)
    login(client, judge)
    assert client.get(f"/unehack/ideas/{idea.id}").status_code == 200
    idea.status = ModerationStatus.HIDDEN
    db.session.commit()
    assert client.get(f"/unehack/ideas/{idea.id}").status_code == 404
    assert client.post(f"/unehack/ideas/{idea.id}/score", data={"once": "x"}).status_code == 404


def test_editing_the_event_keeps_calibration_on(client):
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "judging", calibration=True, calibration_idea_ids=[1, 2])
    login(client, facilitator)
    page = client.get(f"/unehack/{event.id}/edit")
    assert page.status_code == 200
    from tests.hackathon.helpers import make_dates
    from youthportal.polls.forms import to_local

    data = {
        "title": "UneHack 2026: safer together",
        "description": "Build an idea.",
        "rules": "",
        "challenges_text": "Help a 12-year-old spot a fake profile",
        "min_age": "12",
        "max_age": "18",
        "same_band_teams": "y",
        "team_min": "2",
        "team_max": "5",
        "scale_max": "5",
        "judges_per_idea": "3",
        "once": "edit",
    }
    for name, value in make_dates("judging").items():
        data[name] = to_local(value).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/unehack/{event.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).calibration is True


def test_a_teams_mentor_is_never_assigned_to_judge_it(client):
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "judging")
    set_criteria(event)
    jury = judges(event, 4)
    team, _ = youth_team(event)
    team.mentor_id = jury[0].id
    db.session.commit()
    idea = make_idea(team)
    login(client, facilitator)
    client.post(f"/unehack/{event.id}/jury", data={"action": "assign", "once": "a"})
    assigned = set(
        db.session.scalars(select(Assignment.judge_id).where(Assignment.idea_id == idea.id))
    )
    assert len(assigned) == 3 and jury[0].id not in assigned


def test_judges_comments_are_stored_as_screened(client):
    event = make_event(make_user(Role.FACILITATOR), "judging")
    criteria = set_criteria(event)
    team, _ = youth_team(event)
    idea = make_idea(team)
    (judge,) = judges(event, 1)
    assign(judge, idea)
    login(client, judge)
    data = {"once": "c"}
    for c in criteria:
        data[f"score-{c.id}"] = "4"
    data[f"comment-{criteria[0].id}"] = "Write to me at judge@example.org"
    response = client.post(f"/unehack/ideas/{idea.id}/score", data=data)
    assert response.status_code == 422 and "Please change the text." in text(response)


def test_photos_lose_what_follows_their_end_and_their_thumbnail():
    thumbnail = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x02\x02" + bytes(12)
    photo = (
        jpeg().replace(
            segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), segment(0xE0, thumbnail)
        )
        + b"trailer with GPS data"
    )
    cleaned = images.clean_jpeg(photo)
    assert cleaned.endswith(b"\xff\xd9") and b"trailer" not in cleaned
    (length,) = struct.unpack(">H", cleaned[4:6])
    assert length == 16 and cleaned[6:11] == b"JFIF\x00"


def test_an_urgent_idea_sends_the_child_to_help(client):
    event = make_event(make_user(Role.FACILITATOR), "building")
    team, (member, *_) = youth_team(event)
    login(client, member)
    response = client.post(
        f"/unehack/teams/{team.id}/idea",
        data={
            "title": "Our idea",
            "problem": "Someone online says they will share my photos unless I send more",
            "helps": "Children",
            "how": "A game",
            "built": "",
            "links_text": "",
            "base_version": "",
            "challenge_id": "",
            "once": "u",
        },
    )
    assert response.status_code == 302 and "/help" in response.headers["Location"]
    assert db.session.scalar(select(ReviewItem.urgent)) is True


def test_empty_forms_are_refused_with_a_message_not_an_error(client):
    event = make_event(make_user(Role.FACILITATOR), "forming")
    login(client, trusted_youth(age=16))
    for url, data in (
        (f"/unehack/{event.id}/teams/new", {"name": "", "once": "1"}),
        (f"/unehack/{event.id}/join", {"code": "", "once": "2"}),
    ):
        response = client.post(url, data=data, follow_redirects=True)
        assert response.status_code == 200 and "This field is required." in text(response)
