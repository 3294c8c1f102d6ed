"""Opening, changing and organising polls: who may, what the forms refuse, what waits for a
moderator, and lists that cost the same however many polls there are."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import login, make_group, make_user
from tests.moderation_helpers import admin, trusted_youth
from tests.polls.helpers import close_now, make_poll, option_ids, vote
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.models import Notification
from youthportal.polls.forms import to_local
from youthportal.polls.models import Poll, PollOption
from youthportal.safety.models import ModerationStatus, ReviewItem


def _form(**overrides):
    opens = to_local(utcnow() + timedelta(hours=1))
    data = {
        "title": "Which club should open next term?",
        "description": "Pick the one you would join.",
        "method": "single",
        "options_text": "Robotics\nTheatre\nChess",
        "results_visibility": "after_close",
        "reason_mode": "off",
        "audience_kind": "everyone",
        "is_secret": "y",
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "once": "new-poll",
    }
    data.update(overrides)
    return data


def test_a_facilitator_opens_a_poll_for_two_groups(client):
    facilitator = make_user(Role.FACILITATOR)
    first, second = make_group(facilitator, "Class 8A"), make_group(facilitator, "Class 8B")
    login(client, facilitator)
    assert "Class 8B" in client.get("/polls/new").get_data(as_text=True)
    response = client.post(
        "/polls/new",
        data=_form(audience_kind="groups", group_ids=[str(first.id), str(second.id)]),
    )
    assert response.status_code == 302
    poll = db.session.scalar(select(Poll))
    assert poll.group_ids == [first.id, second.id]
    assert poll.status == ModerationStatus.PUBLISHED
    assert [o.label for o in db.session.scalars(select(PollOption))] == [
        "Robotics",
        "Theatre",
        "Chess",
    ]
    # Stored in UTC, shown in Tirana time.
    assert poll.opens_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"options_text": "Only one"}, "Give 2 to 20 options"),
        ({"options_text": "Same\nsame"}, "Each option must be different"),
        ({"method": "multiple"}, "how many options a voter may pick"),
        ({"audience_kind": "groups"}, "Choose at least one group"),
        ({"title": ""}, "This field is required"),
        ({"closes_at": "2020-01-01T10:00"}, "must close after it opens"),
        ({"method": "scale", "scale_text": "only"}, "2 to 10 points"),
    ],
)
def test_bad_poll_forms_are_refused_next_to_the_field(client, overrides, message):
    facilitator = make_user(Role.FACILITATOR)
    login(client, facilitator)
    response = client.post("/polls/new", data=_form(**overrides))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Poll)) is None


def test_young_people_other_than_parliamentarians_cannot_open_polls(client):
    login(client, make_user(age=15))
    assert client.get("/polls/new").status_code == 403
    assert client.post("/polls/new", data=_form()).status_code == 403


def test_a_parliamentarians_poll_is_screened_and_waits_when_held(client):
    member = make_user(age=17, parliament_term_start=utcnow().date() - timedelta(days=10))
    login(client, member)
    response = client.post("/polls/new", data=_form(title="Who is the biggest idiot in our class?"))
    poll = db.session.scalar(select(Poll))
    assert response.status_code == 302 and poll.status == ModerationStatus.PENDING
    assert db.session.scalar(select(ReviewItem)).content_type == "poll"
    other = trusted_youth()
    login(client, other)
    assert client.get(f"/polls/{poll.id}").status_code == 404
    assert "biggest idiot" not in client.get("/polls/").get_data(as_text=True)
    login(client, member)
    refused = client.post(
        "/polls/new", data=_form(title="Call me on 069 123 4567 please", once="p2")
    )
    assert refused.status_code == 200
    assert "phone number" in refused.get_data(as_text=True).lower()
    assert len(db.session.scalars(select(Poll)).all()) == 1


def test_method_and_options_are_fixed_once_someone_voted(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group])
    vote(client, make_user(age=15, group=group), poll, [option_ids(poll)[0]])
    login(client, facilitator)
    page = client.get(f"/polls/{poll.id}/edit").get_data(as_text=True)
    assert "can no longer change" in page and 'name="options_text"' not in page
    client.post(
        f"/polls/{poll.id}/edit",
        data=_form(
            title="A clearer question for the class",
            method="ranked",
            options_text="X\nY",
            audience_kind="groups",
            group_ids=[str(group.id)],
            once="e1",
        ),
    )
    db.session.expire_all()
    poll = db.session.get(Poll, poll.id)
    assert poll.title == "A clearer question for the class"
    assert poll.method.value == "single" and len(option_ids(poll)) == 3
    close_now(poll)
    assert client.get(f"/polls/{poll.id}/edit").status_code == 302


def test_youth_propose_options_that_a_facilitator_approves(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], opens_in=timedelta(days=1), youth_options=True)
    teen = trusted_youth(group)
    login(client, teen)
    client.post(f"/polls/{poll.id}/options", data={"label": "A music room", "once": "o1"})
    option = db.session.scalar(select(PollOption).where(PollOption.label == "A music room"))
    assert option.status == ModerationStatus.PENDING and option.author_id == teen.id
    other = trusted_youth(group)
    login(client, other)
    assert "A music room" not in client.get(f"/polls/{poll.id}").get_data(as_text=True)
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.content_type == "poll_option"))
    login(client, facilitator)
    client.post(
        f"/moderation/item/{item.id}",
        data={"decision": "approved", "reason_code": "other", "once": "ok"},
    )
    login(client, other)
    assert "A music room" in client.get(f"/polls/{poll.id}").get_data(as_text=True)
    # Once the poll is open, the options are fixed.
    poll.opens_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert (
        client.post(f"/polls/{poll.id}/options", data={"label": "Late", "once": "o2"}).status_code
        == 403
    )


def test_turnout_and_one_reminder_for_those_who_have_not_voted(client, monkeypatch):
    from youthportal.polls import turnout

    monkeypatch.setattr(turnout, "quiet_hours_end", lambda now: None)  # daytime
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group])
    voters = [make_user(age=15, group=group) for _ in range(6)]
    waiting = make_user(age=15, group=group)
    for n, voter in enumerate(voters):
        vote(client, voter, poll, [option_ids(poll)[0]], once=f"t{n}")
    login(client, voters[0])
    assert client.get(f"/polls/{poll.id}/participation").status_code == 403
    login(client, facilitator)
    page = client.get(f"/polls/{poll.id}/participation").get_data(as_text=True)
    assert "6 of 7 members voted" in page
    client.post(f"/polls/{poll.id}/participation", data={"once": "r1"})
    reminded = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == "poll_reminder")
    ).all()
    assert reminded == [waiting.id]
    again = client.post(
        f"/polls/{poll.id}/participation", data={"once": "r2"}, follow_redirects=True
    )
    assert "Each poll gets one" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(Notification)).all()) == 1


def test_no_reminders_at_night(client, monkeypatch):
    from youthportal.polls import turnout

    monkeypatch.setattr(turnout, "quiet_hours_end", lambda now: now + timedelta(hours=3))
    facilitator = make_user(Role.FACILITATOR)
    poll = make_poll(facilitator)
    login(client, facilitator)
    response = client.post(
        f"/polls/{poll.id}/participation", data={"once": "n1"}, follow_redirects=True
    )
    assert "quiet time" in response.get_data(as_text=True)
    assert db.session.get(Poll, poll.id).reminded_at is None


def test_roles_and_wrong_ids(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group])
    outsider = make_user(age=15)
    official = make_user(Role.POLICY_MAKER)
    stranger = make_user(Role.FACILITATOR)
    for path in ("", "/results", "/participation", "/edit", "/reasons"):
        assert client.get(f"/polls/{poll.id}{path}").status_code == 302  # sign in first
    login(client, outsider)
    assert client.get(f"/polls/{poll.id}").status_code == 404
    login(client, official)
    assert client.get(f"/polls/{poll.id}").status_code == 404
    assert client.get("/polls/new").status_code == 403
    # A facilitator of other groups does not see this group's poll at all.
    login(client, stranger)
    assert client.get(f"/polls/{poll.id}").status_code == 404
    assert client.get(f"/polls/{poll.id}/edit").status_code == 404
    assert "What should our school change first?" not in client.get("/polls/").get_data(
        as_text=True
    )
    login(client, official)
    assert "What should our school change first?" not in client.get("/polls/").get_data(
        as_text=True
    )
    open_poll = make_poll(facilitator, title="A poll for every member")
    login(client, stranger)
    assert client.get(f"/polls/{open_poll.id}/participation").status_code == 200
    login(client, admin())
    assert client.get(f"/polls/{poll.id}/participation").status_code == 200
    for path in ("/polls/999", "/polls/999/results", "/polls/999/edit", "/polls/abc"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_the_poll_list_costs_the_same_however_many_polls(client, count_queries, rows):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    for n in range(rows):
        make_poll(facilitator, groups=[group], title=f"Question number {n} for us")
    teen = make_user(age=15, group=group)
    login(client, teen)
    with count_queries() as queries:
        page = client.get("/polls/")
    assert page.status_code == 200
    assert queries.count == 7, queries.statements


@pytest.mark.parametrize("ballots", [3, 40])
def test_the_results_page_costs_the_same_however_many_ballots(client, count_queries, ballots):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], results_visibility="live")
    for n in range(ballots):
        vote(client, make_user(age=15, group=group), poll, [option_ids(poll)[n % 3]], once=f"q{n}")
    close_now(poll)
    client.get(f"/polls/{poll.id}/results")  # closes and freezes the count
    with count_queries() as queries:
        page = client.get(f"/polls/{poll.id}/results")
    assert page.status_code == 200
    # No commit after reading a count already frozen: nothing is reloaded (it was 14).
    assert queries.count == 11, queries.statements
