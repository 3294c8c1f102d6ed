"""Given the whole database, a secret ballot cannot be joined to its voter; and no breakdown
ever shows a cell small enough to tell how someone voted."""

import re

from sqlalchemy import inspect, text

from tests.conftest import make_group, make_user
from tests.polls.helpers import close_now, make_poll, option_ids, vote
from youthportal.accounts.models import Role
from youthportal.core import settings
from youthportal.extensions import db
from youthportal.polls import results
from youthportal.polls.models import Ballot, Participation, Poll

RECEIPT = re.compile(r'class="receipt"><strong>([A-Z0-9]+)</strong>')


def test_ballots_and_participation_have_nothing_in_common_but_the_poll():
    ballot = {c.name for c in inspect(Ballot).columns}
    participation = {c.name for c in inspect(Participation).columns}
    assert ballot & participation == {"poll_id"}
    # No time of any kind on a ballot, and no link to a person in a secret poll.
    assert not [c for c in inspect(Ballot).columns if "date" in str(c.type).lower()]
    assert not [c for c in inspect(Ballot).columns if "time" in str(c.type).lower()]


def _physical_order() -> list[str]:
    # More columns than any index holds, so the database reads the table in its own order.
    rows = db.session.execute(text("SELECT receipt, choices, age_band, group_id FROM ballot"))
    return [row[0] for row in rows]


def test_the_order_of_ballot_rows_does_not_follow_the_order_of_voting(client):
    facilitator = make_user(Role.FACILITATOR)
    group = make_group(facilitator)
    poll = make_poll(facilitator, groups=[group], receipts=True)
    in_order = []
    for n in range(25):
        page = vote(client, make_user(age=15, group=group), poll, [option_ids(poll)[n % 3]])
        in_order.append(RECEIPT.search(page.get_data(as_text=True)).group(1))
    assert db.session.scalar(text("SELECT count(*) FROM ballot WHERE voter_id IS NOT NULL")) == 0
    # The rows as stored (no ORDER BY: the database's own order) are a shuffled deck, not
    # the order of the votes; 25! orders make a false alarm practically impossible.
    stored = _physical_order()
    assert sorted(stored) == sorted(in_order) and stored != in_order
    ids = list(db.session.scalars(text("SELECT id FROM ballot")))
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)  # random, not a sequence
    close_now(poll)
    client.get(f"/polls/{poll.id}/results")  # closing deals the ballots again
    assert _physical_order() != stored


def test_breakdown_cells_under_k_are_never_rendered(client):
    facilitator = make_user(Role.FACILITATOR)
    big_a = make_group(facilitator, name="Class Alpha")
    big_b = make_group(facilitator, name="Class Beta")
    small = make_group(facilitator, name="Class Tiny")
    poll = make_poll(
        facilitator,
        options=("Yes", "No"),
        groups=[big_a, big_b, small],
        results_visibility="live",
    )
    yes, no = option_ids(poll)
    plan = [(big_a, yes, 6), (big_a, no, 5), (big_b, yes, 5), (big_b, no, 7), (small, yes, 2)]
    n = 0
    for group, option, count in plan:
        for _ in range(count):
            vote(client, make_user(age=15, group=group), poll, [option], once=f"b{n}")
            n += 1
    page = client.get(f"/polls/{poll.id}/results").get_data(as_text=True)
    assert "Class Tiny" not in page
    tally = results.count(db.session.get(Poll, poll.id))
    k = settings.get("breakdown_min_cell")
    for key in ("group", "age_band"):
        table = tally["breakdowns"][key]
        cells = [counts for _, counts in table["rows"]]
        if table["other"]:
            cells.append(table["other"])
        assert all(value >= k for counts in cells for value in counts.values())
    assert [label for label, _ in tally["breakdowns"]["group"]["rows"]] in (
        ["Class Alpha"],
        ["Class Beta"],
    )
    close_now(poll)
