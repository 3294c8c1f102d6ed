"""What a second review asked for: hidden results cannot be revealed by editing, a secret
poll's reasons leave no trace of when someone voted, a hidden option never breaks the count,
members waiting for consent read but do not vote, and "my data" holds no secret ballot."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import login, make_group, make_user
from tests.moderation_helpers import trusted_youth
from tests.polls.helpers import close_now, make_poll, option_ids, vote
from youthportal.accounts.models import AccountStatus, Role
from youthportal.extensions import db
from youthportal.polls.forms import to_local
from youthportal.polls.models import Poll, PollOption, PollReason
from youthportal.safety.models import ModerationStatus, ReviewItem, ScreenEvent


def test_results_hidden_until_closing_cannot_be_revealed_by_editing(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], results_visibility="after_close")
    vote(client, make_user(age=15, group=group), poll, [option_ids(poll)[0]])
    login(client, facilitator)
    page = client.get(f"/polls/{poll.id}/edit").get_data(as_text=True)
    assert "Voting has begun" in page and 'name="results_visibility"' not in page
    earlier = to_local(poll.closes_at - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/polls/{poll.id}/edit",
        data={
            "title": poll.title,
            "results_visibility": "live",
            "reason_mode": "off",
            "closes_at": earlier,
            "once": "e",
        },
    )
    db.session.expire_all()
    saved = db.session.get(Poll, poll.id)
    assert saved.results_visibility.value == "after_close"
    assert saved.closes_at >= poll.closes_at  # it may run longer, never end sooner
    assert client.get(f"/polls/{poll.id}/results").status_code == 403


def test_a_secret_polls_reason_leaves_no_time_behind_until_closing(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], reason_mode="optional")
    child = make_user(age=11, group=group)  # under 13: the reason waits for a facilitator
    vote(client, child, poll, [option_ids(poll)[0]], reason="Because breaks are too short")
    reason = db.session.scalar(select(PollReason))
    assert reason.author_id is None and reason.status == ModerationStatus.PENDING
    assert db.session.scalar(select(ScreenEvent)) is None
    assert db.session.scalar(select(ReviewItem)) is None
    close_now(poll)
    login(client, facilitator)
    client.get(f"/polls/{poll.id}/results")
    item = db.session.scalar(select(ReviewItem))
    assert item.content_type == "poll_reason" and item.author_id is None


def test_an_option_hidden_after_votes_does_not_break_the_results(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], results_visibility="live")
    first, second, _ = option_ids(poll)
    vote(client, make_user(age=15, group=group), poll, [first], once="a")
    vote(client, make_user(age=15, group=group), poll, [second], once="b")
    db.session.get(PollOption, second).status = ModerationStatus.HIDDEN
    db.session.commit()
    page = client.get(f"/polls/{poll.id}/results")
    assert page.status_code == 200
    close_now(poll)
    assert client.get(f"/polls/{poll.id}/results").status_code == 200
    assert db.session.get(Poll, poll.id).tally["ballots"] == 2


def test_members_waiting_for_consent_read_polls_but_do_not_vote(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group])
    waiting = make_user(age=12, group=group, status=AccountStatus.PENDING_CONSENT)
    login(client, waiting)
    assert client.get(f"/polls/{poll.id}").status_code == 200
    assert vote(client, waiting, poll, [option_ids(poll)[0]]).status_code == 403


def test_my_data_has_participation_but_never_a_secret_ballot(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    secret = make_poll(facilitator, groups=[group])
    open_poll = make_poll(
        facilitator, groups=[group], is_secret=False, title="Open question for the class"
    )
    teen = trusted_youth(group)
    vote(client, teen, secret, [option_ids(secret)[2]], once="s")
    vote(client, teen, open_poll, [option_ids(open_poll)[1]], once="o")
    data = client.get("/me/data.json").get_json()
    assert {p["poll"] for p in data["poll_participation"]} == {secret.id, open_poll.id}
    assert data["poll_open_ballots"] == [
        {"poll": open_poll.id, "choices": [option_ids(open_poll)[1]]}
    ]
    assert str(option_ids(secret)[2]) not in str(data["poll_open_ballots"])
