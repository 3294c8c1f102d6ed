"""Translated names of the policy feature's codes (shown in the reader's language)."""

from flask_babel import lazy_gettext as _l

from youthportal.policy.models import CommitmentStatus, Verdict

VERDICT_LABELS = {
    Verdict.ACCEPTED: _l("Accepted"),
    Verdict.PARTLY_ACCEPTED: _l("Partly accepted"),
    Verdict.UNDER_CONSIDERATION: _l("Under consideration"),
    Verdict.NOT_ACCEPTED: _l("Not accepted"),
    Verdict.ALREADY_IN_PLACE: _l("Already in place"),
}

COMMITMENT_LABELS = {
    CommitmentStatus.PLANNED: _l("Planned"),
    CommitmentStatus.IN_PROGRESS: _l("In progress"),
    CommitmentStatus.DONE: _l("Done"),
    CommitmentStatus.DROPPED: _l("Dropped"),
}

# The boxes of an institution's inbox.
BOX_LABELS = {
    "new": _l("New"),
    "read": _l("Read, not answered"),
    "answered": _l("Answered"),
    "overdue": _l("Overdue"),
    "all": _l("All"),
}

# Rating questions, each answered from 1 (not at all) to 5 (completely).
RATING_QUESTIONS = {
    "clear": _l("Was the answer clear?"),
    "answers_us": _l("Did it answer our recommendations?"),
    "believable": _l("Do we believe it will happen?"),
}
