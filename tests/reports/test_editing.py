"""Saving sections: merges, conflicts, and the promise that no accepted text is ever lost."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import make_user
from tests.reports.helpers import first_section, make_cohort, make_report, parliamentarian
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.reports import editing
from youthportal.reports.models import Report, Revision, RevisionKind
from youthportal.safety.models import ModerationStatus, ReviewDecision, ReviewReason
from youthportal.safety.review import decide, open_item_for, open_review

PARAGRAPHS = (
    "Children go online every day.",
    "Teachers need time to talk about safety.",
    "Every school needs a trained person.",
)


@pytest.fixture
def two_authors(app):
    with app.test_request_context():
        _facilitator, cohort = make_cohort()
        owner = parliamentarian(cohort, display_name="Ardit")
        other = parliamentarian(cohort, display_name="Besa")
        report = make_report(
            owner, cohort, sections=(("Schools", "\n\n".join(PARAGRAPHS)),), co_authors=(other,)
        )
        yield owner, other, report, first_section(report)


def save(user, report, section, body, base, **kw):
    return editing.save(
        user,
        report,
        section,
        title=section.title,
        body=body,
        base_revision=base,
        note="",
        locale="en",
        **kw,
    )


def test_an_edit_on_the_newest_text_becomes_the_next_revision(two_authors):
    owner, _other, report, section = two_authors
    outcome = save(owner, report, section, "A new text.", section.revision)
    assert outcome.kind == "saved"
    assert section.body == "A new text." and section.revision == outcome.revision.number


def test_edits_to_different_paragraphs_made_at_the_same_time_are_both_kept(two_authors):
    owner, other, report, section = two_authors
    base = section.revision
    mine = "\n\n".join([PARAGRAPHS[0] + " Really.", *PARAGRAPHS[1:]])
    theirs = "\n\n".join([*PARAGRAPHS[:2], "Every school needs two trained people."])
    save(owner, report, section, mine, base)
    outcome = save(other, report, section, theirs, base)
    assert outcome.kind == "merged"
    assert outcome.revision.kind == RevisionKind.MERGE
    assert "Really." in section.body and "two trained people" in section.body


def test_overlapping_edits_save_nothing_and_give_back_both_texts(two_authors):
    owner, other, report, section = two_authors
    base = section.revision
    save(owner, report, section, section.body.replace("every day", "all day long"), base)
    mine = "\n\n".join(PARAGRAPHS).replace("every day", "every single day")
    outcome = save(other, report, section, mine, base)
    assert outcome.kind == "conflict"
    assert outcome.merge.side("mine") == mine
    assert outcome.merge.side("theirs") == section.body
    assert section.revision == base + 1  # nothing new was saved


def test_saving_the_same_text_adds_no_revision(two_authors):
    owner, _other, report, section = two_authors
    before = section.revision
    assert save(owner, report, section, section.body, before).kind == "unchanged"
    assert section.revision == before


def test_restore_makes_an_old_text_the_newest_as_a_new_revision(two_authors, app):
    owner, _other, report, section = two_authors
    old_number, old_body = section.revision, section.body
    save(owner, report, section, "Replaced.", section.revision)
    with app.test_request_context():
        outcome = editing.restore(owner, report, section, old_number, section.revision, "en")
    assert section.body == old_body
    assert outcome.revision.kind == RevisionKind.RESTORE
    assert outcome.revision.number == old_number + 2


def test_hiding_the_newest_text_brings_back_the_last_published_one(two_authors, app):
    owner, _other, report, section = two_authors
    published = section.body
    save(owner, report, section, "Something a moderator will hide.", section.revision)
    held = db.session.scalar(
        select(Revision).where(Revision.section_id == section.id).order_by(Revision.number.desc())
    )
    moderator = make_user(Role.ADMIN)
    with app.test_request_context():
        item = open_item_for("report_revision", held.id) or open_review(
            held, reason=ReviewReason.FLAGGED
        )
        decide(item, held, moderator, ReviewDecision.HIDDEN, reason_code="other")
    db.session.refresh(section)
    assert held.status == ModerationStatus.HIDDEN
    assert section.body == published
    assert section.revision == held.number + 1  # the history stays whole


def test_a_moderators_edit_replaces_the_text_in_the_history_too(two_authors, app):
    owner, _other, report, section = two_authors
    save(owner, report, section, "A sentence a moderator tidies up.", section.revision)
    newest = db.session.scalar(
        select(Revision).where(Revision.section_id == section.id).order_by(Revision.number.desc())
    )
    with app.test_request_context():
        item = open_item_for("report_revision", newest.id) or open_review(
            newest, reason=ReviewReason.FLAGGED
        )
        decide(
            item,
            newest,
            make_user(Role.ADMIN),
            ReviewDecision.EDITED,
            new_text=f"{section.title}\n\nA tidy sentence.",
        )
    assert newest.body == section.body == section.public_body == "A tidy sentence."


# The promise: after any sequence of saves by two authors, every text that was accepted
# is in the history, and a refused (conflicting) save hands the author's text back intact.

WORDS = st.sampled_from(["school", "safety", "children", "help", "online", "ë", "ç", "\n\n"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.booleans(), st.lists(WORDS, min_size=1, max_size=12), st.integers(0, 3)),
        min_size=1,
        max_size=8,
    ),
    seed=st.integers(0, 10_000),
)
def test_no_accepted_text_ever_disappears_from_the_history(app, steps, seed):
    rng = random.Random(seed)
    with app.test_request_context():
        _facilitator, cohort = make_cohort(name=f"Cohort {seed}-{rng.random()}")
        owner = parliamentarian(cohort)
        other = parliamentarian(cohort)
        report = make_report(
            owner, cohort, sections=(("Text", "one two three"),), co_authors=(other,)
        )
        section = first_section(report)
        seen = {owner.id: section.revision, other.id: section.revision}
        accepted = [section.body]
        for by_owner, words, staleness in steps:
            author = owner if by_owner else other
            base = max(1, seen[author.id] - staleness)
            base_text = editing.revision_of(section, base).body
            body = _edit(base_text, words, rng)
            outcome = save(author, db.session.get(Report, report.id), section, body, base)
            if outcome.kind == "conflict":
                assert outcome.merge.side("mine") == editing.normalise(body)
            elif outcome.kind in ("saved", "merged"):
                accepted.append(section.body)
            seen[author.id] = section.revision
        history = set(
            db.session.scalars(select(Revision.body).where(Revision.section_id == section.id))
        )
        assert set(accepted) <= history
        numbers = list(
            db.session.scalars(
                select(Revision.number)
                .where(Revision.section_id == section.id)
                .order_by(Revision.number)
            )
        )
        assert numbers == list(range(1, len(numbers) + 1))
        db.session.commit()


def _edit(text: str, words: list[str], rng: random.Random) -> str:
    tokens = text.split(" ")
    at = rng.randrange(len(tokens) + 1)
    cut = rng.randrange(0, 3)
    return " ".join(tokens[:at] + [" ".join(words)] + tokens[at + cut :]).strip() or "x"


def test_a_possible_disclosure_of_harm_is_withheld_from_co_authors(two_authors, client):
    """The writer is sent to the help page; co-authors see the published text and wait to
    edit; nothing of it appears in the history they can read."""
    from tests.conftest import login

    owner, other, report, section = two_authors
    published = section.body
    login(client, owner)
    response = client.post(
        f"/reports/{report.id}/sections/{section.id}/edit",
        data={
            "title": section.title,
            "body": "my dad beats me and my mom",
            "base_revision": section.revision,
            "once": "urgent-1",
        },
    )
    assert response.status_code == 302 and "help" in response.location
    db.session.refresh(section)
    assert section.withheld and section.body == "my dad beats me and my mom"
    login(client, other)
    page = client.get(f"/reports/{report.id}")
    assert "beats" not in page.text and published.split(".")[0] in page.text
    assert "waiting for a safeguarding lead" in page.text
    history = client.get(f"/reports/{report.id}/sections/{section.id}/history/{section.revision}")
    assert "beats" not in history.text
    editor = client.get(f"/reports/{report.id}/sections/{section.id}/edit")
    assert editor.status_code == 302
    assert "beats" not in client.get(editor.location).text
