"""The rules of writing a report together, as the people using the pages meet them: what
is refused (and that a refusal changes nothing), what waits for a moderator, how the
structure, the history and suggestions behave, how review and the adoption vote decide,
and who is told."""

import pytest
from sqlalchemy import func, select

from tests.conftest import login
from tests.moderation_helpers import admin, post
from tests.reports.helpers import PARLIAMENT, first_section, make_report, parliamentarian
from tests.reports.steps import (
    Team,
    adopt_by_vote,
    audit_trail,
    ballots,
    close_vote,
    followed,
    form_on,
    fresh,
    make_team,
    move,
    newcomer,
    newest_revision,
    notified,
    page,
    post_as,
    revisions,
    save,
    section_url,
    send_to_vote,
    set_state,
    state_of,
    suggest,
    text,
    vote,
)
from tests.reports.world import set_rules, snapshot
from youthportal.discussions.models import Comment, Thread
from youthportal.extensions import db
from youthportal.reports import adoption, drafting
from youthportal.reports.editing import MAX_BODY
from youthportal.reports.models import (
    Majority,
    RevisionKind,
    State,
    Suggestion,
    SuggestionState,
    Version,
)
from youthportal.safety.models import ModerationStatus

FIRST_TEXT = "Children go online every day.\n\n! Schools should teach online safety."
WAITING = "This text is waiting for a moderator"


@pytest.fixture
def team() -> Team:
    return make_team()


# Editing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.IN_REVIEW, State.VOTING, State.ADOPTED])
def test_a_frozen_report_refuses_edits_with_the_reason(client, team, state):
    set_state(team, state)
    page(client, team.owner, section_url(team))  # its comment thread is made on a first visit
    before = snapshot()
    refused = save(client, team.owner, team, "A late change.")
    # The editor was open when the report froze: the author's text stays on the page.
    assert refused.status_code == 409
    assert "This report cannot be changed now: it is in review" in refused.text
    assert "A late change." in refused.text
    url = f"/reports/{team.report.id}/edit"
    refused = post_as(client, team.owner, url, title="A late title")
    assert "This report cannot be changed now: it is in review" in followed(client, refused)
    assert snapshot() == before


def test_only_co_authors_edit_a_section(client, team):
    before = snapshot()
    for user in (team.member, team.facilitator):
        assert save(client, user, team, "Not mine to change.").status_code == 403
    assert snapshot() == before


def test_a_section_of_another_report_is_not_found_here(client, team):
    other_report = make_report(team.owner, team.cohort, title="Another report")
    foreign = first_section(other_report)
    wrong = f"/reports/{team.report.id}/sections/{foreign.id}"
    login(client, team.owner)
    for tail in ("", "/edit", "/history", "/history/1", "/suggest"):
        assert client.get(wrong + tail).status_code == 404, tail
    before = snapshot()
    assert post_as(client, team.owner, wrong + "/edit", title="X", body="Y").status_code == 404
    assert snapshot() == before


def test_an_oversized_section_is_refused_and_nothing_is_saved(client, team):
    before = snapshot()
    response = save(client, team.owner, team, "word " * (MAX_BODY // 5 + 1))
    assert response.status_code == 422
    assert f"Field cannot be longer than {MAX_BODY} characters." in text(response)
    assert snapshot() == before


@pytest.mark.parametrize("contact", ["+355 69 123 4567", "besa.k@example.org"])
def test_contact_details_are_refused_and_the_text_is_kept_in_the_editor(client, team, contact):
    before = snapshot()
    response = save(client, team.owner, team, f"Call me: {contact}")
    assert response.status_code == 422
    assert contact in text(response)  # nothing the author wrote is lost
    assert snapshot() == before


def test_the_same_form_sent_twice_changes_nothing_the_second_time(client, team):
    page(client, team.owner, section_url(team))  # its comment thread is made on a first visit
    for url, user in (
        (section_url(team, tail="/edit"), team.owner),
        (section_url(team, tail="/suggest"), team.member),
    ):
        form = form_on(client, user, url)
        form["body"] = "Young people are online all day."
        assert client.post(url, data=form).status_code == 302
        after_first = snapshot()
        again = client.post(url, data=form, follow_redirects=True)
        assert "This form was already sent; nothing was changed." in text(again)
        assert snapshot() == after_first


# Text waiting for a moderator ----------------------------------------------------------------


def test_waiting_text_is_shown_marked_to_authors_and_reviewer_only(client, team):
    save(client, newcomer(team), team, "A brand new text about apps.")
    assert fresh(team.section).status == ModerationStatus.PENDING
    for url in (f"/reports/{team.report.id}", section_url(team)):
        for reader in (team.owner, team.facilitator):
            shown = page(client, reader, url)
            assert "A brand new text about apps." in shown and WAITING in shown
        shown = page(client, team.member, url)
        assert "Children go online every day." in shown
        assert "A brand new text about apps." not in shown and WAITING not in shown


def test_a_report_is_not_approved_while_text_waits(client, team):
    save(client, newcomer(team), team, "A brand new text about apps.")
    move(client, team.owner, team.report, "in_review")
    refused = move(client, team.facilitator, team.report, "approved")
    assert "Some text of this report is waiting for a moderator" in followed(client, refused)
    assert state_of(team.report) == State.IN_REVIEW


# Structure and history -------------------------------------------------------------------------


def test_moving_sections_from_an_outdated_page_is_refused(client, team):
    shown = team.report.structure_version
    arrange = f"/reports/{team.report.id}/sections/{{}}/{{}}"
    post_as(client, team.owner, arrange.format(team.other.id, "up"), structure=shown)
    assert [s.id for s in drafting.live_sections(team.report)] == [team.other.id, team.section.id]
    before = snapshot()
    refused = post_as(
        client, team.coauthor, arrange.format(team.section.id, "down"), structure=shown
    )
    assert snapshot() == before
    assert "Someone changed this section after you opened it." in followed(client, refused)


def test_a_deleted_section_can_be_brought_back(client, team):
    report = f"/reports/{team.report.id}"
    structure = team.report.structure_version
    post_as(client, team.owner, section_url(team, tail="/delete"), structure=structure)
    assert "Why it matters" not in page(client, team.member, report)
    post_as(client, team.owner, section_url(team, tail="/undo"))
    assert "Why it matters" in page(client, team.member, report)
    assert fresh(team.section).deleted_at is None


def test_restoring_an_old_version_adds_a_new_version(client, team):
    save(client, team.owner, team, "A rewritten section.")
    newest = fresh(team.section).revision
    post_as(
        client, team.coauthor, section_url(team, tail="/history/2/restore"), base_revision=newest
    )
    section = fresh(team.section)
    assert (section.revision, section.body) == (newest + 1, FIRST_TEXT)
    assert newest_revision(section).kind == RevisionKind.RESTORE
    assert revisions(section) == newest + 1  # the rewritten text stays in the history


# Suggestions -------------------------------------------------------------------------------------


def test_a_suggestion_on_an_older_text_is_not_applied(client, team):
    suggestion = suggest(client, team.member, team, FIRST_TEXT.replace("every day", "all day"))
    save(client, team.coauthor, team, FIRST_TEXT.replace("online safety", "online privacy"))
    before = snapshot()
    url = section_url(team, tail=f"/suggestions/{suggestion.id}/accept")
    refused = post_as(client, team.owner, url, seen_revision=fresh(team.section).revision)
    assert snapshot() == before
    assert "The section changed after this suggestion was written" in followed(client, refused)


def test_combining_a_stale_suggestion_in_the_editor_credits_it(client, team):
    suggestion = suggest(client, team.member, team, FIRST_TEXT.replace("every day", "all day"))
    save(client, team.coauthor, team, FIRST_TEXT.replace("online safety", "online privacy"))
    editor = section_url(team, tail=f"/edit?suggestion={suggestion.id}")
    assert "credited to the person who suggested it" in page(client, team.owner, editor)
    form = form_on(client, team.owner, editor)  # the suggestion, on the text it was written on
    assert client.post(section_url(team, tail="/edit"), data=form).status_code == 302
    section = fresh(team.section)
    assert "all day" in section.body and "online privacy" in section.body
    suggestion = db.session.get(Suggestion, suggestion.id)
    assert (suggestion.state, suggestion.decided_by_id) == (SuggestionState.ACCEPTED, team.owner.id)
    assert newest_revision(section).suggestion_id == suggestion.id  # credited in the history
    assert notified(team.member, "report_suggestion_decided") == [{"decision_code": "accepted"}]


def test_co_authors_mark_section_comments_resolved(client, team):
    login(client, team.member)
    thread_url = client.get(section_url(team, tail="/comments")).headers["Location"]
    thread = db.session.get(Thread, int(thread_url.rsplit("/", 1)[-1]))
    comment, _verdict = post(thread, team.member, "Could you add where this number comes from?")
    resolve = f"/discussions/c/{comment.id}/resolve"
    assert post_as(client, team.member, resolve).status_code == 403
    assert db.session.get(Comment, comment.id).resolved_at is None
    assert post_as(client, team.coauthor, resolve).status_code == 302
    assert db.session.get(Comment, comment.id).resolved_by_id == team.coauthor.id


# Review ---------------------------------------------------------------------------------------

NOT_IN_TRANSITIONS = [
    (State.DRAFT, "approved", "facilitator"),
    (State.DRAFT, "changes_requested", "admin"),
    (State.IN_REVIEW, "approved", "owner"),
    (State.IN_REVIEW, "changes_requested", "coauthor"),
    (State.APPROVED, "in_review", "owner"),
    (State.ADOPTED, "draft", "coauthor"),  # only the owner takes an adopted report back
    (State.NOT_ADOPTED, "approved", "facilitator"),
]


@pytest.mark.parametrize(("state", "to", "who"), NOT_IN_TRANSITIONS)
def test_moves_outside_the_transitions_are_forbidden(client, team, state, to, who):
    user = admin() if who == "admin" else getattr(team, who)
    set_state(team, state)
    before = snapshot()
    assert move(client, user, team.report, to, note="Why not").status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("to", ["voting", "adopted", "not_adopted"])
def test_nobody_adopts_or_rejects_a_report_by_hand(client, team, to):
    set_state(team, State.APPROVED)
    assert move(client, team.facilitator, team.report, to).status_code == 400
    assert state_of(team.report) == State.APPROVED


def test_asking_for_changes_needs_a_note(client, team):
    set_state(team, State.IN_REVIEW)
    refused = move(client, team.facilitator, team.report, "changes_requested")
    assert "Say what should change, so the authors know what to do." in followed(client, refused)
    assert state_of(team.report) == State.IN_REVIEW
    move(client, team.facilitator, team.report, "changes_requested", note="Add a source.")
    assert state_of(team.report) == State.CHANGES_REQUESTED
    assert "Add a source." in page(client, team.owner, f"/reports/{team.report.id}")


# The adoption vote ------------------------------------------------------------------------------


def test_a_parliamentarian_votes_once(client, team):
    poll = send_to_vote(client, team)
    assert vote(client, team.owner, poll, "yes").status_code == 200
    again = vote(client, team.owner, poll, "no")
    assert again.status_code == 409
    assert "You have already voted in this poll. Each member votes once." in text(again)
    assert ballots(poll) == 1


def test_a_youth_of_the_cohort_who_is_not_a_sitting_parliamentarian_cannot_vote(client, team):
    term_over = {"parliament_term_end": PARLIAMENT["parliament_term_start"]}
    former = parliamentarian(team.cohort, display_name="Former", **term_over)
    poll = send_to_vote(client, team)
    for youth in (team.member, former):
        # The cohort's vote is for its sitting parliamentarians: others do not find it.
        assert vote(client, youth, poll, "yes").status_code == 404
    assert ballots(poll) == 0


def test_without_quorum_the_report_is_not_adopted(client, team):
    set_rules(team.cohort, quorum_percent=75)
    for _ in range(2):
        parliamentarian(team.cohort)
    poll = send_to_vote(client, team)
    for voter in team.voters:  # 2 of 4 members
        vote(client, voter, poll, "yes")
    assert close_vote(client, team, poll) == State.NOT_ADOPTED
    assert db.session.scalar(select(func.count()).select_from(Version)) == 0


MAJORITIES = [
    ("simple", 2, 1, 1, True),
    ("simple", 1, 1, 3, False),
    ("simple", 1, 0, 5, True),
    ("absolute", 2, 1, 1, False),  # abstentions count: 2 of 4 is not more than half
    ("absolute", 3, 1, 1, True),
    ("absolute", 3, 0, 3, False),
    ("two_thirds", 2, 1, 0, True),
    ("two_thirds", 2, 1, 5, True),  # abstentions do not count
    ("two_thirds", 3, 2, 0, False),
    ("two_thirds", 0, 0, 3, False),
]


@pytest.mark.parametrize(("majority", "yes", "no", "abstain", "met"), MAJORITIES)
def test_majority_rules(majority, yes, no, abstain, met):
    assert adoption.majority_met(Majority(majority), yes, no, abstain) is met


@pytest.mark.parametrize(
    ("majority", "outcome"),
    [("simple", State.ADOPTED), ("absolute", State.NOT_ADOPTED), ("two_thirds", State.ADOPTED)],
)
def test_the_cohorts_majority_decides_the_vote(client, team, majority, outcome):
    set_rules(team.cohort, majority=Majority(majority))
    third, fourth = parliamentarian(team.cohort), parliamentarian(team.cohort)
    poll = send_to_vote(client, team)
    for voter, answer in zip(
        [*team.voters, third, fourth], ["yes", "yes", "no", "abstain"], strict=True
    ):
        vote(client, voter, poll, answer)
    assert close_vote(client, team, poll) == outcome


def test_an_adopted_version_never_changes(client, team):
    assert adopt_by_vote(client, team) == State.ADOPTED
    first = f"/reports/{team.report.id}/v/1"
    adopted_text = client.get(first + ".md").get_data(as_text=True)
    move(client, team.owner, team.report, "draft")
    save(client, team.owner, team, "Children are online all the time.")
    assert client.get(first + ".md").get_data(as_text=True) == adopted_text
    assert adopt_by_vote(client, team) == State.ADOPTED
    assert client.get(first + ".md").get_data(as_text=True) == adopted_text
    assert "Children are online all the time." in text(client.get(f"/reports/{team.report.id}/v/2"))
    assert client.get(f"/reports/{team.report.id}/adopted").headers["Location"].endswith("/v/2")


def test_each_step_is_told_to_those_involved_and_audited(client, team):
    adopt_by_vote(client, team)
    assert notified(team.facilitator, "report_review_requested")
    for author in team.voters:
        assert notified(author, "report_vote")
    states = [params["state_code"] for params in notified(team.coauthor, "report_state")]
    assert states == ["approved", "voting", "adopted"]
    assert audit_trail(team.report) == [
        "report.created",
        "report.in_review",
        "report.approved",
        "report.voting",
        "report.adopted",
    ]
