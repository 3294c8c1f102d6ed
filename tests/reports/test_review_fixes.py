"""What the second review of reports fixed, as the people using them meet it: held and hidden
words stay out of readers' sight (and out of adopted versions), urgent words in titles,
notes and reasons go to the leads, stale or odd forms are refused cleanly, and the vote
keeps the rules and electorate it opened with."""

from datetime import date, timedelta

import pytest
from flask import current_app
from sqlalchemy import delete, func, select

from tests.conftest import login, make_user
from tests.moderation_helpers import admin
from tests.polls.helpers import make_poll
from tests.reports.helpers import make_report, parliamentarian
from tests.reports.steps import (
    Team,
    _Forms,
    adopt_by_vote,
    close_vote,
    followed,
    form_on,
    fresh,
    make_team,
    move,
    newcomer,
    newest_revision,
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
from tests.reports.world import adopt, set_rules, sign_in, snapshot
from youthportal.accounts.models import GroupMember
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.polls.models import Poll
from youthportal.reports import drafting, render
from youthportal.reports.models import (
    Majority,
    Report,
    RevisionKind,
    Section,
    State,
    Suggestion,
    SuggestionState,
    Version,
)
from youthportal.safety.models import (
    CaseNote,
    ModerationStatus,
    ReviewDecision,
    ReviewReason,
    SafeguardingCase,
)
from youthportal.safety.review import decide, open_item_for, open_review

FIRST_TEXT = "Children go online every day.\n\n! Schools should teach online safety."
URGENT = "my dad beats me and my mom"
HELD_TITLE = "Ask Besa at home"
STALE = "Someone changed this section after you opened it."


@pytest.fixture
def team() -> Team:
    return make_team()


def moderate(obj, decision: ReviewDecision, kind="report_revision", new_text=None) -> None:
    """A moderator decides about a text from the review queue."""
    with current_app.test_request_context():
        item = open_item_for(kind, obj.id) or open_review(obj, reason=ReviewReason.FLAGGED)
        decide(item, obj, admin(), decision, reason_code="other", new_text=new_text)
    db.session.commit()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def report_page(client, user, team: Team) -> str:
    return page(client, user, f"/reports/{team.report.id}")


def goes_to_help(response) -> bool:
    return response.status_code == 302 and "help" in response.headers["Location"]


def textarea(response) -> str:
    reader = _Forms()
    reader.feed(response.get_data(as_text=True))
    return reader.with_text[0]["body"]


# Held and hidden words stay out of sight ---------------------------------------------------


def test_a_removed_new_section_title_is_never_seen_by_other_members(client, team):
    writer = newcomer(team)
    report = db.session.get(Report, team.report.id)
    with current_app.test_request_context():
        held = drafting.add_section(writer, report, HELD_TITLE, report.structure_version, "en")
    db.session.commit()
    assert held.status == ModerationStatus.PENDING
    moderate(newest_revision(held), ReviewDecision.REMOVED)
    assert fresh(held).public_title != HELD_TITLE
    assert HELD_TITLE not in report_page(client, team.member, team)


def test_hiding_a_published_text_under_a_held_one_hides_it_from_readers(client, team):
    save(client, team.owner, team, "A text a moderator will hide.")
    hidden = newest_revision(team.section)
    save(client, newcomer(team), team, "A newer text that waits.")
    assert fresh(team.section).status == ModerationStatus.PENDING
    moderate(hidden, ReviewDecision.HIDDEN)
    assert fresh(team.section).public_body == FIRST_TEXT  # the last published one before it
    shown = report_page(client, team.member, team)
    assert "A text a moderator will hide." not in shown and "Children go online" in shown


def test_a_suggestion_on_held_text_is_refused_and_the_form_shows_the_published_text(client, team):
    save(client, newcomer(team), team, "Held words of a newcomer.")
    held = fresh(team.section).revision
    url = section_url(team, tail="/suggest")
    refused = post_as(client, team.member, url, body="Held words, improved.", base_revision=held)
    assert STALE in followed(client, refused)
    assert count(Suggestion) == 0
    form = form_on(client, team.owner, url)  # a co-author who can read the held words
    assert form["body"] == FIRST_TEXT == fresh(team.section).public_body
    assert form["base_revision"] == str(fresh(team.section).public_revision)


def test_an_adopted_version_holds_only_published_text_and_a_moderator_can_hide_it(client, team):
    save(client, newcomer(team), team, "Words still waiting for a moderator.")
    version = adopt(db.session.get(Report, team.report.id))
    assert version.sections[0]["body"] == FIRST_TEXT
    sign_in(client, None)
    public = f"/reports/{team.report.id}/v/1"
    assert "Words still waiting" not in text(client.get(public))
    assert team.report.title in text(client.get("/reports/adopted"))
    moderate(version, ReviewDecision.HIDDEN, kind="report_version")
    sign_in(client, None)
    assert client.get(public).status_code == 404
    assert team.report.title not in text(client.get("/reports/adopted"))


def test_held_words_stay_held_when_a_trusted_author_saves_over_them(client, team):
    save(client, newcomer(team), team, "Newcomer words about apps.")
    save(client, team.owner, team, "Newcomer words about apps and games.")
    newest = newest_revision(team.section)
    assert newest.status == ModerationStatus.PENDING
    assert open_item_for("report_revision", newest.id) is not None
    shown = report_page(client, team.member, team)
    assert "Newcomer words" not in shown and "Children go online every day." in shown


def test_a_save_from_before_a_moderators_edit_waits_for_a_moderator(client, team):
    save(client, newcomer(team), team, "Children go online every day. Mr Hoxha shouts at us.")
    held = newest_revision(team.section)
    editor = form_on(client, team.coauthor, section_url(team, tail="/edit"))
    assert editor["base_revision"] == str(held.number)
    tidied = "Why it matters\n\nChildren go online every day."
    moderate(held, ReviewDecision.EDITED, new_text=tidied)
    assert newest_revision(team.section).kind == RevisionKind.MODERATION
    editor["body"] += "\n\nMore ideas."
    assert client.post(section_url(team, tail="/edit"), data=editor).status_code == 302
    kept = newest_revision(team.section)
    assert "More ideas." in kept.body and kept.status == ModerationStatus.PENDING
    assert "Hoxha" not in fresh(team.section).public_body
    assert "Hoxha" not in report_page(client, team.member, team)


def test_a_group_only_poll_appears_in_the_public_version_only_as_its_kind(client, team):
    poll = make_poll(team.facilitator, groups=(team.cohort,), title="Our cohort's own question")
    url = f"/reports/{team.report.id}/sources"
    post_as(client, team.owner, url, kind="poll", target_id=poll.id, section_id=team.section.id)
    assert "Our cohort's own question" in report_page(client, team.owner, team)
    assert adopt_by_vote(client, team) == State.ADOPTED
    version = db.session.scalar(select(Version))
    assert version.sections[0]["sources"] == [{"kind": "poll", "title": "", "summary": []}]
    sign_in(client, None)
    assert "Our cohort's own question" not in text(client.get(f"/reports/{team.report.id}/v/1"))


# Urgent words go to the leads -----------------------------------------------------------------


def test_declining_with_an_urgent_reason_leads_to_help_and_keeps_the_suggestion(client, team):
    suggestion = suggest(client, team.member, team, FIRST_TEXT.replace("every day", "all day"))
    url = section_url(team, tail=f"/suggestions/{suggestion.id}/decline")
    assert goes_to_help(post_as(client, team.owner, url, reason=URGENT))
    assert db.session.get(Suggestion, suggestion.id).state == SuggestionState.OPEN
    case = db.session.scalar(select(SafeguardingCase))
    assert case is not None and case.subject_id == team.owner.id


def test_a_review_note_with_a_phone_number_or_urgent_words_changes_nothing(client, team):
    set_state(team, State.IN_REVIEW)
    refused = move(client, team.facilitator, team.report, "approved", note="Call +355 69 123 4567")
    assert "It looks like a phone number." in followed(client, refused)
    assert state_of(team.report) == State.IN_REVIEW
    urgent = move(client, team.facilitator, team.report, "changes_requested", note=URGENT)
    assert goes_to_help(urgent)
    report = db.session.get(Report, team.report.id)
    assert (report.state, report.review_note) == (State.IN_REVIEW, None)


def test_an_urgent_section_or_report_title_adds_nothing_and_leads_to_help(client, team):
    url = f"/reports/{team.report.id}/sections"
    structure = team.report.structure_version
    assert goes_to_help(post_as(client, team.owner, url, title=URGENT, structure=structure))
    assert count(Section) == 2
    form = {"title": URGENT, "summary": "", "topic_id": "", "cohort": team.cohort.id}
    assert goes_to_help(post_as(client, team.owner, "/reports/new", **form))
    assert count(Report) == 1
    # The words are kept for the leads alone, in the writer's case.
    notes = db.session.scalars(select(CaseNote.body)).all()
    assert notes == [URGENT, f"{URGENT}\n\n"]


# Who may write, and what waits --------------------------------------------------------------


def test_a_co_author_whose_term_ended_no_longer_edits_or_sends_for_review(client, team):
    team.coauthor.parliament_term_end = date.today() - timedelta(days=1)
    db.session.commit()
    before = snapshot()
    assert move(client, team.coauthor, team.report, "in_review").status_code == 403
    login(client, team.coauthor)
    editor = client.get(section_url(team, tail="/edit"))  # offered the suggestion form instead
    assert editor.status_code == 302 and editor.headers["Location"].endswith("/suggest")
    assert save(client, team.coauthor, team, "A change after my term.").status_code == 403
    assert snapshot() == before


def test_a_suggestion_waiting_for_a_moderator_cannot_be_declined(client, team):
    newbie = make_user(group=team.cohort, approved_count=0)
    suggestion = suggest(client, newbie, team, FIRST_TEXT.replace("every day", "all day"))
    assert suggestion.status == ModerationStatus.PENDING
    url = section_url(team, tail=f"/suggestions/{suggestion.id}/decline")
    login(client, team.owner)
    assert client.get(url).status_code == 404
    assert post_as(client, team.owner, url, reason="Not now.").status_code == 404
    assert db.session.get(Suggestion, suggestion.id).state == SuggestionState.OPEN


# Saving and conflicts ------------------------------------------------------------------------


def test_the_conflict_form_holds_their_separate_edits_and_my_overlapping_words(client, team):
    base = fresh(team.section).revision
    theirs = FIRST_TEXT.replace("every day", "all day").replace("safety", "privacy")
    save(client, team.coauthor, team, theirs, base=base)
    mine = FIRST_TEXT.replace("every day", "each day")
    conflict = save(client, team.owner, team, mine, base=base)
    assert conflict.status_code == 409
    combined = "Children go online each day.\n\n! Schools should teach online privacy."
    assert textarea(conflict).replace("\r\n", "\n") == combined
    assert mine in text(conflict)  # the author's exact text, to copy


def test_a_save_into_a_section_deleted_meanwhile_keeps_the_text_on_the_page(client, team):
    editor = form_on(client, team.owner, section_url(team, tail="/edit"))
    structure = db.session.get(Report, team.report.id).structure_version
    post_as(client, team.coauthor, section_url(team, tail="/delete"), structure=structure)
    before = revisions(team.section)
    editor["body"] = "My long careful paragraph."
    response = client.post(section_url(team, tail="/edit"), data=editor)
    assert response.status_code == 409
    assert "My long careful paragraph." in text(response)
    assert revisions(team.section) == before


def test_moving_a_deleted_section_is_refused_with_a_message(client, team):
    structure = db.session.get(Report, team.report.id).structure_version
    post_as(client, team.owner, section_url(team, tail="/delete"), structure=structure)
    structure = db.session.get(Report, team.report.id).structure_version
    refused = post_as(client, team.owner, section_url(team, tail="/down"), structure=structure)
    assert STALE in followed(client, refused)


def test_huge_numbers_in_addresses_and_forms_are_not_found_or_refused(client, team):
    huge = 99_999_999_999
    login(client, team.owner)
    assert client.get(f"/reports/{huge}").status_code == 404
    assert client.get(f"/reports/{team.report.id}/sections/{huge}").status_code == 404
    before = revisions(team.section)
    assert save(client, team.owner, team, "Any text.", base=10**30).status_code == 409
    assert revisions(team.section) == before
    assert client.get(f"/reports/adopted?topic={huge}").status_code == 200


def test_a_lone_exclamation_mark_is_not_a_recommendation(client, team):
    body = "Intro\n\n!\n\n! Real ask."
    assert render.recommendations(body) == ["Real ask."]
    save(client, team.owner, team, body)
    shown = page(client, team.member, f"/reports/{team.report.id}")
    assert "Recommendation 1</strong></p><p>Real ask.</p>" in shown
    assert "Recommendation 3" not in shown


# The adoption vote and its outputs -----------------------------------------------------------


def _close(poll: Poll) -> None:
    poll.opens_at = utcnow() - timedelta(days=2)
    poll.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()


def test_close_polls_settles_a_report_whose_vote_closed(client, team):
    poll = send_to_vote(client, team)
    for voter in team.voters:
        vote(client, voter, poll, "yes")
    _close(poll)
    result = current_app.test_cli_runner().invoke(args=["close-polls"])
    assert result.exit_code == 0, result.output
    assert "settled 1 reports" in result.output
    assert state_of(team.report) == State.ADOPTED


def test_changing_the_majority_rule_during_the_vote_does_not_change_its_result(client, team):
    extra = [parliamentarian(team.cohort), parliamentarian(team.cohort)]
    poll = send_to_vote(client, team)  # opened under the simple majority
    set_rules(team.cohort, majority=Majority.ABSOLUTE)
    for voter, answer in zip([*team.voters, *extra], ["yes", "yes", "no", "abstain"], strict=True):
        vote(client, voter, poll, answer)
    assert close_vote(client, team, poll) == State.ADOPTED
    assert db.session.scalar(select(Version)).vote["majority"] == "simple"


def test_a_member_leaving_during_the_vote_does_not_change_the_electorate(client, team):
    leaver = parliamentarian(team.cohort)
    poll = send_to_vote(client, team)
    assert poll.audience_size == 3
    db.session.execute(delete(GroupMember).where(GroupMember.user_id == leaver.id))
    db.session.commit()
    vote(client, team.owner, poll, "yes")  # 1 of 3 is below the quorum of half
    assert close_vote(client, team, poll) == State.NOT_ADOPTED
    assert db.session.get(Poll, poll.id).audience_size == 3


@pytest.mark.parametrize("sections", [30, 60])
def test_the_pdf_of_a_long_adopted_report_builds(client, team, sections):
    with current_app.test_request_context():
        report = make_report(team.owner, team.cohort, sections=(), title="A long report")
    body = "Children go online every day.\n\n! Schools should teach online safety."
    version = Version(
        report_id=report.id,
        number=1,
        title="A long report",
        sections=[{"title": f"Part {n}", "body": body, "sources": []} for n in range(sections)],
        vote={"yes": 2, "no": 0, "abstain": 0, "turnout": 2, "members": 2},
        author_ids=[team.owner.id],
    )
    db.session.add(version)
    db.session.commit()
    sign_in(client, None)
    response = client.get(f"/reports/{report.id}/v/1.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
