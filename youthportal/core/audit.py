"""The audit log: who did what, to what, when and why. Services call record(); views commit."""

from flask_babel import lazy_gettext as _l

from youthportal.core.models import AuditLog
from youthportal.extensions import db

ACTION_LABELS = {
    "account.joined": _l("Joined with an invite code"),
    "account.deleted": _l("Deleted their account"),
    "account.password_changed": _l("Changed their password"),
    "account.two_step_enabled": _l("Turned on two-step sign-in"),
    "account.two_step_disabled": _l("Turned off two-step sign-in"),
    "consent.requested": _l("Guardian consent requested"),
    "consent.resent": _l("Guardian consent e-mail sent again"),
    "consent.accepted": _l("Guardian consent given"),
    "consent.declined": _l("Guardian consent declined; account deleted"),
    "consent.paper_recorded": _l("Paper consent form recorded"),
    "group.created": _l("Group created"),
    "invite.created": _l("Invite code created"),
    "invite.revoked": _l("Invite code revoked"),
    "roster.created": _l("Class roster created"),
    "member.password_reset": _l("One-time password issued to a member"),
    "member.parliamentarian": _l("Parliamentarian term set"),
    "member.champion": _l("Youth Champion badge changed"),
    "admin.user_suspended": _l("User suspended"),
    "admin.user_reinstated": _l("User reinstated"),
    "admin.role_changed": _l("Role changed"),
    "admin.invitation_sent": _l("Adult invited"),
    "admin.invitation_accepted": _l("Invitation accepted"),
    "admin.user_created": _l("User created from the command line"),
    "admin.institution_created": _l("Institution created"),
    "admin.institution_updated": _l("Institution updated"),
    "admin.setting_changed": _l("Setting changed"),
    "admin.word_added": _l("Watched word added"),
    "admin.word_changed": _l("Watched word changed"),
    "admin.word_deleted": _l("Watched word deleted"),
    "moderation.approved": _l("Content approved"),
    "moderation.edited": _l("Content edited and approved"),
    "moderation.hidden": _l("Content hidden"),
    "moderation.removed": _l("Content removed"),
    "moderation.escalated": _l("Content escalated to safeguarding"),
    "moderation.auto_hidden": _l("Content hidden after reports"),
    "moderation.withdrawn": _l("Content deleted by its author while waiting for review"),
    "moderation.group_premoderation": _l("Group pre-moderation changed"),
    "sanction.warned": _l("Member warned"),
    "sanction.muted": _l("Member muted"),
    "sanction.suspended": _l("Member suspended by a moderator"),
    "sanction.revoked": _l("Sanction lifted"),
    "consultation.created": _l("Consultation opened"),
    "consultation.updated": _l("Consultation changed"),
    "consultation.phase": _l("Consultation moved to its next phase"),
    "consultation.outcome": _l("Consultation outcome published"),
    "consultation.report_requested": _l("Report requested from a consultation"),
    "proposal.merged": _l("Proposals merged"),
    "hackathon.created": _l("UneHack event created"),
    "hackathon.updated": _l("UneHack event changed"),
    "hackathon.staff_added": _l("Mentor or judge added to an event"),
    "hackathon.staff_removed": _l("Mentor or judge removed from an event"),
    "hackathon.staff_vetted": _l("Invited expert vetted for an event"),
    "hackathon.mentor_attached": _l("Mentor attached to a team"),
    "hackathon.criteria_set": _l("Jury criteria set"),
    "hackathon.judges_assigned": _l("Judges assigned to ideas"),
    "hackathon.calibration_released": _l("Real scoring opened after calibration"),
    "hackathon.conflict_declared": _l("Judge declared a conflict of interest"),
    "hackathon.results_published": _l("UneHack results published"),
    "hackathon.peoples_choice_opened": _l("People's choice vote opened"),
    "hackathon.idea_promoted": _l("UneHack idea sent to the Youth Parliament"),
    "report.created": _l("Report started"),
    "report.section_deleted": _l("Report section deleted"),
    "report.section_restored": _l("Report section brought back"),
    "report.author_added": _l("Co-author added to a report"),
    "report.author_removed": _l("Co-author left a report"),
    "report.source_added": _l("Source added to a report"),
    "report.reviewer": _l("Reviewer of a report changed"),
    "report.in_review": _l("Report sent for review"),
    "report.draft": _l("Report back to drafting"),
    "report.changes_requested": _l("Changes requested on a report"),
    "report.approved": _l("Report approved for the vote"),
    "report.voting": _l("Adoption vote opened"),
    "report.adopted": _l("Report adopted by vote"),
    "report.not_adopted": _l("Report not adopted by vote"),
    "report.cohort_rules": _l("Youth Parliament voting rules changed"),
    "admin.topic_saved": _l("Report topic saved"),
    "poll.created": _l("Poll opened"),
    "poll.updated": _l("Poll changed"),
    "poll.reminded": _l("Poll reminder sent"),
    "appeal.opened": _l("Appeal sent"),
    "appeal.upheld": _l("Appeal decided: the decision stands"),
    "appeal.overturned": _l("Appeal decided: the decision was reversed"),
    "safeguarding.opened": _l("Safeguarding case opened"),
    "safeguarding.acknowledged": _l("Safeguarding case acknowledged"),
    "safeguarding.referred": _l("Safeguarding case referred"),
    "safeguarding.closed": _l("Safeguarding case closed"),
    "safeguarding.noted": _l("Note added to a safeguarding case"),
}


def record(actor, action: str, target=None, reason: str | None = None, **details) -> AuditLog:
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditLog(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__ if target is not None else None,
        target_id=getattr(target, "id", None),
        reason=reason or None,
        details=details,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
