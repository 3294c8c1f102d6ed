"""Every kind of notification: its label for preferences and its message template.

Later features add their kinds here; the text is rendered in the reader's language.
"""

from flask_babel import lazy_gettext as _l

KINDS = {
    "welcome": {
        "label": _l("Welcome messages"),
        "message": _l("Welcome to the Youth Portal, %(name)s!"),
    },
    "consent_accepted": {
        "label": _l("Guardian consent"),
        "message": _l("Your guardian said yes. You can now take part fully."),
    },
    "member_joined": {
        "label": _l("New members in my groups"),
        "message": _l("%(name)s joined your group %(group)s."),
    },
    "consent_decided": {
        "label": _l("Consent decisions in my groups"),
        "message": _l("A guardian decided about a member of %(group)s."),
    },
    "role_changed": {
        "label": _l("Changes to my account"),
        "message": _l("Your role on the portal was changed."),
    },
    "content_approved": {
        "label": _l("My post was approved"),
        "message": _l("Your post was checked and is now visible to everyone."),
    },
    "content_hidden": {
        "label": _l("My post was hidden"),
        "message": _l("A moderator hid your post. Reason: %(reason)s"),
    },
    "content_removed": {
        "label": _l("My post was removed"),
        "message": _l("A moderator removed your post. Reason: %(reason)s"),
    },
    "content_edited": {
        "label": _l("My post was edited by a moderator"),
        "message": _l("A moderator changed your post a little and published it (%(reason)s)."),
    },
    "flag_outcome": {
        "label": _l("What happened to my reports"),
        "message": _l("Thank you for your report. We checked it: %(outcome)s"),
    },
    "sanction": {
        "label": _l("Moderation decisions about my account"),
        "essential": True,
        "message": _l("A moderator made a decision about your account: %(what)s"),
    },
    "appeal_decided": {
        "label": _l("Decisions on my appeals"),
        "message": _l("Your appeal was decided: %(outcome)s"),
    },
    "proposal_merged": {
        "label": _l("My proposals merged with similar ones"),
        "message": _l(
            "Your proposal was joined with a similar one: %(title)s. "
            "Your supports and your name moved with it."
        ),
    },
    "poll_reminder": {
        "label": _l("Reminders of polls I have not voted in"),
        "message": _l("A poll is waiting for your vote: %(title)s"),
    },
    "team_invitation": {
        "label": _l("Invitations to join a UneHack team"),
        "message": _l("The team %(team)s invites you to join them."),
    },
    "team_joined": {
        "label": _l("New members of my UneHack team"),
        "message": _l("%(name)s joined your team %(team)s."),
    },
    "idea_feedback": {
        "label": _l("Mentors' feedback on my team's idea"),
        "message": _l("A mentor gave feedback on your idea: %(title)s"),
    },
    "hack_results": {
        "label": _l("UneHack results"),
        "message": _l("The results of %(title)s are published."),
    },
    "safeguarding_alert": {
        "label": _l("Urgent safeguarding alerts"),
        # Never switched off: a child may be in danger.
        "essential": True,
        "message": _l("A new urgent safeguarding case needs a lead. Open the portal to read it."),
    },
    "comment_reply": {
        "label": _l("Replies to my comments"),
        "message": _l("%(name)s replied to your comment."),
    },
    "report_coauthor": {
        "label": _l("Reports I am invited to write"),
        "message": _l("You are now a co-author of the report %(title)s."),
    },
    "report_suggestion": {
        "label": _l("Suggestions on reports I write"),
        "message": _l("Someone suggested a change to the report %(title)s."),
    },
    "report_suggestion_decided": {
        "label": _l("Answers to my suggestions"),
        "message": _l("Your suggestion on a report: %(decision)s."),
    },
    "report_review_requested": {
        "label": _l("Reports waiting for my review"),
        "message": _l("The report %(title)s is waiting for your review."),
    },
    "report_state": {
        "label": _l("Progress of reports I write or vote on"),
        "message": _l("The report %(title)s: %(state)s."),
    },
    "report_vote": {
        "label": _l("Adoption votes in my Youth Parliament"),
        "message": _l("The vote on adopting the report %(title)s is open."),
    },
    "submission_received": {
        "label": _l("Submissions to my institution"),
        "essential": True,
        "message": _l("Young people sent your institution their recommendations: %(title)s."),
    },
    "submission_due_soon": {
        "label": _l("Reminders of requested answer dates"),
        "message": _l("Young people asked for an answer to %(title)s by %(date)s."),
    },
    "submission_overdue": {
        "label": _l("Overdue answers of my institution"),
        "message": _l("The answer to %(title)s was requested by %(date)s and is overdue."),
    },
    "commitment_due": {
        "label": _l("Commitments past their date"),
        "message": _l("The date promised for a commitment has passed: %(title)s."),
    },
    "submission_sent": {
        "label": _l("Our reports sent to institutions"),
        "message": _l("The report %(title)s was sent to: %(institutions)s."),
    },
    "submission_read": {
        "label": _l("Institutions reading what I follow"),
        "message": _l("%(institution)s read %(title)s."),
    },
    "submission_answered": {
        "label": _l("Answers from institutions"),
        "message": _l("%(institution)s answered %(title)s."),
    },
    "commitment_updated": {
        "label": _l("Changes to commitments I follow"),
        "message": _l("A commitment you follow was updated (%(commitment)s): %(title)s."),
    },
    "commitment_did_it_happen": {
        "label": _l("Did a promise happen?"),
        "message": _l("The date promised for %(title)s passed four weeks ago. Did it happen?"),
    },
    # Essential: a warning before deletion cannot be switched off. It is read after signing
    # in, which is what kept the account (youthportal housekeeping).
    "inactivity_warning": {
        "label": _l("Warnings about unused accounts"),
        "essential": True,
        "message": _l(
            "You had not signed in for a long time, and unused accounts are deleted after a "
            "warning. You signed in again, so your account is kept."
        ),
    },
    "policy_impact": {
        "label": _l("What changed because of our work"),
        "message": _l("Read what changed because of your report %(title)s."),
    },
}


def _translated(params: dict) -> dict:
    """Params named *_code are codes of a label table: shown in the reader's language."""
    from youthportal.policy.labels import COMMITMENT_LABELS
    from youthportal.reports.labels import STATE_LABELS, SUGGESTION_LABELS
    from youthportal.safety.labels import (
        APPEAL_STATE_LABELS,
        DECISION_REASON_LABELS,
        FLAG_OUTCOME_LABELS,
        SANCTION_LABELS,
    )

    tables = {
        "state_code": ("state", STATE_LABELS),
        "decision_code": ("decision", SUGGESTION_LABELS),
        "reason_code": ("reason", DECISION_REASON_LABELS),
        "outcome_code": ("outcome", FLAG_OUTCOME_LABELS),
        "what_code": ("what", SANCTION_LABELS),
        "appeal_code": ("outcome", APPEAL_STATE_LABELS),
        "commitment_code": ("commitment", COMMITMENT_LABELS),
    }
    out = dict(params)
    if "date_iso" in params:
        from datetime import date

        from flask_babel import format_date

        out["date"] = format_date(date.fromisoformat(params["date_iso"]), "long")
    for key, (name, table) in tables.items():
        if key in params:
            label = str(table.get(params[key], params[key]))
            note = params.get("note")
            out[name] = f"{label} ({note})" if note and name == "reason" else label
    return out


def render_message(kind: str, params: dict) -> str:
    spec = KINDS.get(kind)
    if spec is None:
        return kind
    try:
        return str(spec["message"]) % _translated(params)
    except (KeyError, TypeError, ValueError):
        return str(spec["label"])
