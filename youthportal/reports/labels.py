"""Translated words for reports: states, revision kinds, majorities and refusals."""

from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "changes_requested": _l("Changes requested"),
    "approved": _l("Approved for the vote"),
    "voting": _l("Adoption vote"),
    "adopted": _l("Adopted"),
    "not_adopted": _l("Not adopted"),
}

# The buttons that move a report (to the state named by the key).
MOVE_LABELS = {
    "in_review": _l("Send for review"),
    "draft": _l("Back to drafting"),
    "changes_requested": _l("Ask for changes"),
    "approved": _l("Approve for the vote"),
}

REVISION_LABELS = {
    "edit": _l("Edited"),
    "merge": _l("Merged with a change saved at the same time"),
    "resolved": _l("Combined after a conflict"),
    "restore": _l("Restored an earlier version"),
    "suggestion": _l("Accepted a suggestion"),
    "moderation": _l("Changed by a moderator"),
}

MAJORITY_LABELS = {
    "simple": _l("Simple majority: more yes than no"),
    "absolute": _l("Absolute majority: yes from more than half of those who voted"),
    "two_thirds": _l("Two thirds of the yes and no votes"),
}

SUGGESTION_LABELS = {
    "open": _l("Waiting for the authors"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}

SOURCE_LABELS = {
    "consultation": _l("Consultation"),
    "poll": _l("Poll"),
    "discussion": _l("Discussion"),
    "idea": _l("UneHack idea"),
}

REFUSALS = {
    "frozen": _l("This report cannot be changed now: it is in review, being voted on or adopted."),
    "not_author": _l("Only the report's co-authors can change its text."),
    "not_member": _l("Only members of this Youth Parliament cohort can do this."),
    "stale": _l(
        "Someone changed this section after you opened it. Nothing was changed: look at the "
        "newest text and try again."
    ),
    "suggestion_stale": _l(
        "The section changed after this suggestion was written, so it cannot be applied as "
        "it is. Open it in the editor to combine it with the newest text."
    ),
    "suggestion_waiting": _l("This suggestion is waiting for a moderator. Try again later."),
    "suggestion_closed": _l("This suggestion was already decided."),
    "not_allowed": _l("You cannot do this with this report now."),
    "no_sections": _l("Add at least one section with text before sending the report."),
    "waiting": _l(
        "Some text of this report is waiting for a moderator. It can go further once it has "
        "been read."
    ),
    "note_required": _l("Say what should change, so the authors know what to do."),
    "no_voters": _l("This cohort has no sitting parliamentarians to vote."),
    "not_parliamentarian": _l("Only sitting parliamentarians of this cohort can be co-authors."),
    "already_author": _l("This member is already a co-author."),
    "owner_stays": _l("The owner of a report stays one of its co-authors."),
    "source_unknown": _l("That source does not exist or you cannot open it."),
    "hidden_revision": _l("This version was hidden by a moderator and cannot be restored."),
    "undo_expired": _l("This section can no longer be brought back."),
    "withheld": _l(
        "This section is waiting for a safeguarding lead to read its newest text. You can edit "
        "it again once they have."
    ),
    "deleted": _l(
        "This section was deleted while you were writing, so nothing was saved. Your text is "
        "below: copy it, or ask a co-author to bring the section back."
    ),
    "reason_required": _l("Say briefly why, so the person who suggested it understands."),
}
