"""Translated labels for the moderation vocabulary (reasons, decisions, states)."""

from flask_babel import lazy_gettext as _l

FLAG_REASON_LABELS = {
    "bullying": _l("Bullying or being mean"),
    "hate": _l("Hate against a group of people"),
    "personal_info": _l("Personal information (phone, address, school, accounts)"),
    "sexual": _l("Sexual content or an intimate image"),
    "danger": _l("Someone is in danger or may hurt themselves"),
    "spam": _l("Spam or advertising"),
    "other": _l("Something else"),
}

# Why a moderator hid or removed something: shown to the author in their language.
DECISION_REASON_LABELS = {
    "bullying": _l("it was unkind or bullying"),
    "hate": _l("it attacked a group of people"),
    "personal_info": _l("it shared personal information"),
    "sexual": _l("it was sexual or not suitable for children"),
    "danger": _l("it worried us about someone's safety"),
    "spam": _l("it was spam or advertising"),
    "off_topic": _l("it did not fit this discussion"),
    "other": _l("it broke the community rules"),
}

FLAG_OUTCOME_LABELS = {
    "upheld": _l("you were right, and we took it down."),
    "not_upheld": _l("it does not break our rules, so it stays."),
    "escalated": _l("we passed it to our safeguarding team."),
    "withdrawn": _l("the author deleted it."),
}

REVIEW_REASON_LABELS = {
    "held": _l("Held by screening"),
    "flagged": _l("Reported by members"),
    "auto_flag": _l("Published, marked for a look"),
    "urgent": _l("Possible danger: urgent"),
    "edited": _l("Edit held by screening"),
}

DECISION_LABELS = {
    "approved": _l("Approved"),
    "edited": _l("Edited and approved"),
    "hidden": _l("Hidden"),
    "removed": _l("Removed"),
    "escalated": _l("Escalated to safeguarding"),
    "withdrawn": _l("Deleted by its author"),
}

STATUS_LABELS = {
    "pending": _l("Waiting for review"),
    "published": _l("Published"),
    "hidden": _l("Hidden"),
    "removed": _l("Removed"),
}

FINDING_LABELS = {
    "email": _l("E-mail address"),
    "phone": _l("Phone number"),
    "handle": _l("Social media account"),
    "url": _l("Link"),
    "address": _l("Address"),
    "school": _l("School"),
    "location": _l("Where someone lives"),
    "word": _l("Watched word"),
    "urgent": _l("Possible disclosure of harm"),
    "premoderation": _l("New or young member: read first"),
    "group_premoderation": _l("Group is pre-moderated"),
    "new_account_link": _l("Link from a new account"),
    "rate_limit": _l("Too many posts"),
    "muted": _l("Member is muted"),
}

CATEGORY_LABELS = {
    "bullying": _l("Bullying"),
    "hate": _l("Hate speech"),
    "sexual": _l("Sexual"),
    "self_harm": _l("Self-harm"),
    "violence": _l("Violence"),
    "spam": _l("Spam"),
    "abuse": _l("Abuse"),
    "sextortion": _l("Sextortion"),
    "grooming": _l("Grooming"),
    "secrecy": _l("Secrecy"),
}

WORD_ACTION_LABELS = {
    "block": _l("Block"),
    "hold": _l("Hold for review"),
    "flag": _l("Publish and flag"),
    "mask": _l("Replace with asterisks"),
}

SANCTION_LABELS = {
    "warning": _l("Warning"),
    "mute": _l("Cannot post for a while"),
    "suspension": _l("Account suspended"),
}

APPEAL_STATE_LABELS = {
    "open": _l("Waiting for a decision"),
    "upheld": _l("The decision stands"),
    "overturned": _l("The decision was reversed"),
}

CASE_STATE_LABELS = {
    "new": _l("New"),
    "acknowledged": _l("Acknowledged"),
    "referred": _l("Referred"),
    "closed": _l("Closed"),
}

CASE_SOURCE_LABELS = {
    "screening": _l("Found by screening"),
    "flag": _l("Reported by a member"),
    "escalation": _l("Escalated by a moderator"),
}
