"""Translated words for polls: methods, settings, phases and why a vote was refused."""

from flask_babel import lazy_gettext as _l

METHOD_LABELS = {
    "single": _l("Single choice: pick one"),
    "multiple": _l("Multiple choice: pick up to a number"),
    "approval": _l("Approval: pick every option you agree with"),
    "ranked": _l("Ranked choice: put options in order"),
    "scale": _l("Scale: how much do you agree"),
}

VISIBILITY_LABELS = {
    "live": _l("Live: everyone in the audience sees them while the poll runs"),
    "after_vote": _l("After voting: you see them once you have voted"),
    "after_close": _l("After closing: nobody sees them before the poll closes"),
}

REASON_LABELS = {
    "off": _l("No reasons"),
    "optional": _l("A reason may be given"),
    "required": _l("A reason must be given"),
}

AUDIENCE_LABELS = {
    "everyone": _l("Every young member"),
    "groups": _l("Some groups"),
    "age_bands": _l("Some age bands"),
    "parliamentarians": _l("Youth Parliament members"),
    "cohort": _l("The parliamentarians of one Youth Parliament cohort"),
}

# What an organiser may pick in a form (cohort votes are opened by the reports feature).
CHOOSABLE_AUDIENCES = ("everyone", "groups", "age_bands", "parliamentarians")

# The answers of an adoption vote, stored as keys and shown in the reader's language.
FIXED_ANSWERS = {
    "yes": _l("Yes, adopt it"),
    "no": _l("No"),
    "abstain": _l("I abstain"),
}

PHASE_LABELS = {
    "upcoming": _l("Not open yet"),
    "open": _l("Open for voting"),
    "closed": _l("Voting closed"),
}

REFUSALS = {
    "not_open": _l("This poll is not open for voting."),
    "not_audience": _l("This poll is for another group of members."),
    "already_voted": _l("You have already voted in this poll. Each member votes once."),
    "malformed": _l("Your answer could not be read. Please choose again."),
    "choose_option": _l("Please choose an option."),
    "choose_point": _l("Please choose a point on the scale."),
    "one_option": _l("Please choose exactly one option."),
    "too_many": _l("You chose more options than this poll allows."),
    "unknown_option": _l("One of the options you sent is not in this poll."),
    "own_team": _l("You cannot vote for your own team's idea."),
    "duplicate": _l("Each option can have only one place in your ranking."),
    "ranking_gap": _l("Fill your ranking from the first place down, without gaps."),
    "reason_required": _l("Please give a reason with your vote."),
    "reason_refused": _l("Your reason could not be accepted."),
}

BREAKDOWN_LABELS = {
    "age_band": _l("By age band"),
    "group": _l("By group"),
}

REMINDER_REFUSALS = {
    "already": _l("A reminder was already sent for this poll. Each poll gets one."),
    "not_open": _l("Reminders can be sent only while the poll is open."),
    "short": _l("Polls shorter than a day get no reminders."),
    "quiet": _l("It is quiet time (21:00 to 08:00): please send the reminder in the morning."),
}
