"""Voting as young people experience it: one vote each, secret means secret, results only
when the poll says so, and every wrong answer explained without counting anything."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_group, make_user
from tests.moderation_helpers import admin as make_admin
from tests.moderation_helpers import trusted_youth
from tests.polls.helpers import close_now, make_poll, option_ids, vote
from youthportal.accounts.models import Role
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Ballot, Participation, Poll, PollReason


@pytest.fixture
def school():
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator, name="Class 9B")
    return facilitator, group


def _ballots(poll) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll.id)
    )


def test_a_teen_votes_once_in_a_secret_poll_and_sees_only_that_they_voted(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group])
    teen = make_user(age=16, group=group)
    first = option_ids(poll)[1]
    login(client, teen)
    page = client.get(f"/polls/{poll.id}").get_data(as_text=True)
    assert "You cannot change your vote once it is sent" in page
    response = vote(client, teen, poll, [first])
    assert response.status_code == 200
    assert "Your vote was counted" in response.get_data(as_text=True)
    again = vote(client, teen, poll, [option_ids(poll)[0]], once="second")
    assert again.status_code == 409
    assert "already voted" in again.get_data(as_text=True)
    assert _ballots(poll) == 1
    ballot = db.session.scalar(select(Ballot))
    assert ballot.voter_id is None and ballot.choices == [first]
    detail = client.get(f"/polls/{poll.id}").get_data(as_text=True)
    assert "You voted. Thank you!" in detail and "your choice" not in detail


def test_hidden_results_stay_hidden_until_closing_even_for_admins(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], results_visibility="after_close")
    admin = make_admin()
    teen = make_user(age=15, group=group)
    vote(client, teen, poll, [option_ids(poll)[0]])
    for user in (teen, facilitator, admin):
        login(client, user)
        assert client.get(f"/polls/{poll.id}/results").status_code == 403
        assert client.get(f"/polls/{poll.id}/results.csv").status_code == 403
    close_now(poll)
    login(client, teen)
    page = client.get(f"/polls/{poll.id}/results").get_data(as_text=True)
    assert "Final results" in page and "Longer breaks" in page


def test_after_vote_results_show_to_voters_only(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], results_visibility="after_vote")
    voter, waiting = make_user(age=15, group=group), make_user(age=15, group=group)
    vote(client, voter, poll, [option_ids(poll)[2]])
    assert client.get(f"/polls/{poll.id}/results").status_code == 200
    login(client, waiting)
    assert client.get(f"/polls/{poll.id}/results").status_code == 403


def test_a_closed_polls_results_never_change(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], results_visibility="live")
    teen = make_user(age=15, group=group)
    vote(client, teen, poll, [option_ids(poll)[0]])
    close_now(poll)
    login(client, teen)
    client.get(f"/polls/{poll.id}/results")
    frozen = db.session.get(Poll, poll.id).tally
    assert frozen["ballots"] == 1
    # A ballot slipped in by hand after closing is not counted: the count is frozen.
    db.session.add(Ballot(poll_id=poll.id, choices=[option_ids(poll)[1]]))
    db.session.commit()
    client.get(f"/polls/{poll.id}/results")
    db.session.expire_all()
    assert db.session.get(Poll, poll.id).tally == frozen


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({"opens_in": timedelta(hours=2)}, "not open for voting"),
        ({"opens_in": timedelta(days=-5), "lasts": timedelta(days=1)}, "not open for voting"),
    ],
)
def test_voting_before_opening_or_after_closing_is_refused(client, school, when, message):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], **when)
    teen = make_user(age=15, group=group)
    response = vote(client, teen, poll, [option_ids(poll)[0]])
    assert response.status_code == 403 and message in response.get_data(as_text=True)
    assert _ballots(poll) == 0


def test_voting_outside_the_audience_is_refused(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group])
    outsider = make_user(age=15, group=make_group(make_user(Role.FACILITATOR)))
    response = vote(client, outsider, poll, [option_ids(poll)[0]])
    assert response.status_code in (403, 404)
    assert _ballots(poll) == 0


def test_age_band_and_parliament_audiences(client, school):
    facilitator, _ = school
    poll = make_poll(facilitator, audience_kind="age_bands", audience_age_bands=",9-12,")
    child, teen = make_user(age=11), make_user(age=16)
    assert vote(client, teen, poll, [option_ids(poll)[0]]).status_code in (403, 404)
    assert vote(client, child, poll, [option_ids(poll)[0]]).status_code == 200
    parliament = make_poll(facilitator, audience_kind="parliamentarians")
    member = make_user(age=17, parliament_term_start=utcnow().date() - timedelta(days=30))
    assert vote(client, teen, parliament, [option_ids(parliament)[0]]).status_code in (403, 404)
    assert vote(client, member, parliament, [option_ids(parliament)[0]]).status_code == 200


def test_bad_answers_are_explained_and_change_nothing(client, school):
    facilitator, group = school
    single = make_poll(facilitator, groups=[group])
    other = make_poll(facilitator, groups=[group], title="Another poll for the class")
    multiple = make_poll(facilitator, "multiple", groups=[group], max_choices=2)
    ranked = make_poll(facilitator, "ranked", groups=[group])
    scale = make_poll(facilitator, "scale", groups=[group])
    teen = make_user(age=15, group=group)
    a, b, c = option_ids(single)
    cases = [
        (single, {"choices": []}, "Please choose an option"),
        (single, {"choices": [a, b]}, "exactly one option"),
        (single, {"choices": [option_ids(other)[0]]}, "not in this poll"),
        (single, {"choices": ["x"]}, "could not be read"),
        (multiple, {"choices": option_ids(multiple)}, "more options than this poll allows"),
        (ranked, {"ranks": [option_ids(ranked)[0], "", option_ids(ranked)[1]]}, "without gaps"),
        (ranked, {"ranks": [option_ids(ranked)[0]] * 2}, "only one place"),
        (scale, {"choices": [9]}, "point on the scale"),
    ]
    for n, (poll, answer, message) in enumerate(cases):
        response = vote(client, teen, poll, once=f"bad-{n}", **answer)
        assert response.status_code == 400, message
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 0
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 0


def test_ranked_choice_shows_the_round_by_round_table(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, "ranked", groups=[group], results_visibility="live")
    a, b, c = option_ids(poll)
    orders = [[a]] * 3 + [[b, a]] * 2 + [[c, b]] * 2
    for n, ranks in enumerate(orders):
        vote(client, make_user(age=15, group=group), poll, ranks=ranks, once=f"r{n}")
    close_now(poll)
    page = client.get(f"/polls/{poll.id}/results").get_data(as_text=True)
    tally = db.session.get(Poll, poll.id).tally
    # Round 1: A 3, B 2, C 2: B and C tie for the fewest in the first round, so the lot
    # decides who goes; B out gives A 5 of 7, C out gives B 4 of 7.
    assert tally["rounds"][0]["counts"] == {str(a): 3, str(b): 2, str(c): 2}
    assert tally["rounds"][0]["by_lot"]
    assert len(tally["rounds"]) == 2
    expected = {b: a, c: b}[tally["rounds"][0]["eliminated"][0]]
    assert tally["winner"] == expected
    labels = dict(zip([a, b, c], ["Longer breaks", "A school garden", "More sport"], strict=True))
    assert "Round 2" in page and f"Winner: {labels[expected]}" in page
    assert "a lot was drawn" in page


def test_scale_results_give_mean_median_and_distribution(client, school):
    facilitator, group = school
    poll = make_poll(
        facilitator,
        "scale",
        groups=[group],
        scale_labels=["Not at all", "A little", "Quite", "Very much"],
        results_visibility="live",
    )
    for n, point in enumerate([1, 4, 4, 3]):
        vote(client, make_user(age=15, group=group), poll, [point], once=f"s{n}")
    page = client.get(f"/polls/{poll.id}/results").get_data(as_text=True)
    assert "Very much" in page and "3.0" in page and "3.5" in page


def test_an_open_poll_shows_names_and_may_allow_a_change(client, school):
    facilitator, group = school
    poll = make_poll(
        facilitator,
        groups=[group],
        is_secret=False,
        allow_change=True,
        results_visibility="live",
        reason_mode="optional",
    )
    teen = trusted_youth(group, display_name="Arta")
    a, b, _ = option_ids(poll)
    vote(client, teen, poll, [a], reason="Breaks help us focus")
    response = vote(client, teen, poll, [b], once="change", reason="A garden is greener")
    assert "Your earlier vote was replaced" in response.get_data(as_text=True)
    ballot = db.session.scalar(select(Ballot))
    assert ballot.voter_id == teen.id and ballot.choices == [b] and _ballots(poll) == 1
    reasons = client.get(f"/polls/{poll.id}/reasons").get_data(as_text=True)
    assert "A garden is greener" in reasons and "Arta" in reasons
    assert "Breaks help us focus" not in reasons


def test_secret_reasons_have_no_author_and_wait_for_closing(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], reason_mode="required", results_visibility="live")
    teen = trusted_youth(group)
    missing = vote(client, teen, poll, [option_ids(poll)[0]])
    assert missing.status_code == 400 and "give a reason" in missing.get_data(as_text=True)
    vote(client, teen, poll, [option_ids(poll)[0]], reason="Because we sit too long", once="r2")
    reason = db.session.scalar(select(PollReason))
    assert reason.author_id is None
    assert client.get(f"/polls/{poll.id}/reasons").status_code == 403
    close_now(poll)
    assert "Because we sit too long" in client.get(f"/polls/{poll.id}/reasons").get_data(
        as_text=True
    )


def test_receipts_let_a_voter_find_their_ballot_after_closing(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], receipts=True)
    teen = make_user(age=15, group=group)
    chosen = option_ids(poll)[2]
    page = vote(client, teen, poll, [chosen]).get_data(as_text=True)
    receipt = db.session.scalar(select(Ballot.receipt))
    assert receipt and receipt in page
    assert client.get(f"/polls/{poll.id}/receipts").status_code == 404
    close_now(poll)
    response = client.post(f"/polls/{poll.id}/receipts", data={"code": receipt.lower()})
    assert response.headers["Cache-Control"] == "no-store"
    found = response.get_data(as_text=True)
    assert receipt in found and "More sport" in found


def test_the_csv_has_counts_never_ballots(client, school):
    facilitator, group = school
    poll = make_poll(facilitator, groups=[group], results_visibility="live", receipts=True)
    for n in range(3):
        vote(client, make_user(age=15, group=group), poll, [option_ids(poll)[0]], once=f"c{n}")
    body = client.get(f"/polls/{poll.id}/results.csv").get_data(as_text=True)
    assert "Longer breaks,3" in body
    for receipt in db.session.scalars(select(Ballot.receipt)):
        assert receipt not in body


def test_close_polls_counts_every_poll_that_has_closed_once(app, school):
    facilitator, group = school
    closed = make_poll(facilitator, groups=[group])
    running = make_poll(facilitator, groups=[group], title="Still running for a few days")
    close_now(closed)
    runner = app.test_cli_runner()
    assert "closed 1 polls" in runner.invoke(args=["close-polls"]).output
    assert "closed 0 polls" in runner.invoke(args=["close-polls"]).output
    db.session.expire_all()
    assert db.session.get(Poll, closed.id).tally is not None
    assert db.session.get(Poll, running.id).tally is None
