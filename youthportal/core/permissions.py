"""Who may see or do what: one vocabulary of small named rules.

Views declare what they need with @require(rule); templates use the same predicates through
`can` to hide buttons; tests walk a role-by-route matrix over them. Objects a user may not
know exist answer 404 (see `visible_or_404`); forbidden actions answer 403.
"""

from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from youthportal.accounts.models import AccountStatus, GroupMember, MemberRole, Role
from youthportal.extensions import db

FACILITATOR_ROLES = frozenset({Role.FACILITATOR, Role.SAFEGUARDING_LEAD})
ADULT_ROLES = frozenset(Role) - {Role.YOUTH}
TWO_STEP_REQUIRED_ROLES = frozenset({Role.ADMIN, Role.SAFEGUARDING_LEAD})


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def is_youth(user) -> bool:
    return is_signed_in(user) and user.role == Role.YOUTH


def is_adult(user) -> bool:
    return is_signed_in(user) and user.role in ADULT_ROLES


def is_facilitator(user) -> bool:
    return is_signed_in(user) and user.role in FACILITATOR_ROLES


def is_safeguarding_lead(user) -> bool:
    return is_signed_in(user) and user.role == Role.SAFEGUARDING_LEAD


def is_admin(user) -> bool:
    return is_signed_in(user) and user.role == Role.ADMIN


def is_policy_maker(user) -> bool:
    return is_signed_in(user) and user.role == Role.POLICY_MAKER


def is_expert(user) -> bool:
    return is_signed_in(user) and user.role == Role.EXPERT


def is_outside_adult(user) -> bool:
    """Officials and invited experts: adults from outside the organisation. They read what is
    meant for them (submissions, the events they judge or mentor), never the young people's
    own spaces, polls or consultations."""
    return is_policy_maker(user) or is_expert(user)


def can_write(user) -> bool:
    """Writing, voting and editing the profile wait for guardian consent."""
    return is_signed_in(user) and user.status == AccountStatus.ACTIVE


def is_parliamentarian(user, today=None) -> bool:
    from datetime import date

    today = today or date.today()
    return (
        is_youth(user)
        and user.parliament_term_start is not None
        and user.parliament_term_start <= today
        and (user.parliament_term_end is None or today <= user.parliament_term_end)
    )


def requires_two_step(user) -> bool:
    return is_signed_in(user) and user.role in TWO_STEP_REQUIRED_ROLES


def facilitates_group(user, group) -> bool:
    if not is_facilitator(user):
        return False
    return (
        db.session.scalar(
            select(GroupMember.user_id).where(
                GroupMember.group_id == group.id,
                GroupMember.user_id == user.id,
                GroupMember.role == MemberRole.FACILITATOR,
            )
        )
        is not None
    )


def facilitates_member(user, member) -> bool:
    """A facilitator may act on a young person who belongs to one of their groups."""
    if not is_facilitator(user) or not is_youth(member):
        return False
    mine = select(GroupMember.group_id).where(
        GroupMember.user_id == user.id, GroupMember.role == MemberRole.FACILITATOR
    )
    return (
        db.session.scalar(
            select(GroupMember.user_id)
            .where(GroupMember.user_id == member.id, GroupMember.group_id.in_(mine))
            .limit(1)
        )
        is not None
    )


def my_group_ids_stmt(user):
    """The groups a facilitator facilitates, as a subquery."""
    return select(GroupMember.group_id).where(
        GroupMember.user_id == user.id, GroupMember.role == MemberRole.FACILITATOR
    )


def is_moderator(user) -> bool:
    """Facilitators (their groups and the public space) and admins (everything) moderate."""
    return is_facilitator(user) or is_admin(user)


def moderates_group(user, group_id: int | None) -> bool:
    if is_admin(user):
        return True
    if not is_facilitator(user):
        return False
    if group_id is None:
        return True  # the public space is moderated by every facilitator
    return (
        db.session.scalar(
            select(GroupMember.user_id).where(
                GroupMember.group_id == group_id,
                GroupMember.user_id == user.id,
                GroupMember.role == MemberRole.FACILITATOR,
            )
        )
        is not None
    )


def is_group_member(user, group_id: int) -> bool:
    return (
        is_signed_in(user)
        and db.session.scalar(
            select(GroupMember.user_id).where(
                GroupMember.group_id == group_id, GroupMember.user_id == user.id
            )
        )
        is not None
    )


def can_sanction(user, member) -> bool:
    return is_youth(member) and (is_admin(user) or facilitates_member(user, member))


# Reports ---------------------------------------------------------------------------------
# A draft belongs to its Youth Parliament cohort: its members read it and suggest changes,
# its co-authors edit, the cohort's facilitators review. Nobody else knows it exists (404).


def is_report_author(user, report) -> bool:
    from youthportal.reports.models import Author

    return is_youth(user) and db.session.get(Author, (report.id, user.id)) is not None


def is_report_owner(user, report) -> bool:
    return is_youth(user) and report.owner_id == user.id


def reviews_report(user, report) -> bool:
    """The cohort's facilitators (the attached reviewer among them) and admins."""
    return is_admin(user) or facilitates_group(user, report.cohort)


def may_take_report_review(user, report) -> bool:
    """A facilitator of the cohort may become a report's reviewer (admins review without)."""
    return is_facilitator(user) and reviews_report(user, report)


def reads_report_draft(user, report) -> bool:
    if not is_signed_in(user) or is_outside_adult(user):
        return False
    if reviews_report(user, report):
        return True
    return is_youth(user) and is_group_member(user, report.cohort_id)


def may_edit_report(user, report) -> bool:
    from youthportal.reports.models import EDITABLE_STATES

    return (
        report.state in EDITABLE_STATES
        and can_write(user)
        and is_parliamentarian(user)  # a co-author whose term ended reads, but no longer writes
        and is_report_author(user, report)
    )


def may_suggest_in_report(user, report) -> bool:
    """Cohort members who are not co-authors (and co-authors who prefer it)."""
    from youthportal.reports.models import EDITABLE_STATES

    return (
        report.state in EDITABLE_STATES
        and can_write(user)
        and is_youth(user)
        and is_group_member(user, report.cohort_id)
    )


def may_decide_suggestion(user, report) -> bool:
    return may_edit_report(user, report)


def may_manage_report_authors(user, report) -> bool:
    from youthportal.reports.models import EDITABLE_STATES

    return report.state in EDITABLE_STATES and (
        (can_write(user) and is_parliamentarian(user) and is_report_owner(user, report))
        or reviews_report(user, report)
    )


def _authors_may(user, report) -> bool:
    return can_write(user) and is_parliamentarian(user) and is_report_author(user, report)


def _owner_may(user, report) -> bool:
    return can_write(user) and is_parliamentarian(user) and is_report_owner(user, report)


def _reviewer_may(user, report) -> bool:
    return reviews_report(user, report)


def _authors_or_reviewer_may(user, report) -> bool:
    return _authors_may(user, report) or _reviewer_may(user, report)


def report_transitions():
    """(from, to) -> who may move a report along. Adoption and rejection are decided by the
    vote alone (reports.adoption), never by a person."""
    from youthportal.reports.models import State

    return {
        (State.DRAFT, State.IN_REVIEW): _authors_may,
        (State.CHANGES_REQUESTED, State.IN_REVIEW): _authors_may,
        (State.IN_REVIEW, State.DRAFT): _authors_may,
        (State.IN_REVIEW, State.CHANGES_REQUESTED): _reviewer_may,
        (State.IN_REVIEW, State.APPROVED): _reviewer_may,
        (State.APPROVED, State.DRAFT): _authors_or_reviewer_may,
        (State.APPROVED, State.VOTING): _reviewer_may,
        (State.NOT_ADOPTED, State.DRAFT): _authors_may,
        (State.ADOPTED, State.DRAFT): _owner_may,
    }


def may_move_report(user, report, to) -> bool:
    rule = report_transitions().get((report.state, to))
    return rule is not None and rule(user, report)


# Policy-makers ---------------------------------------------------------------------------
# An official acts only for their own institution; the youth whose work was sent rate the
# answer and reply to it; the cohort's facilitators and speaker send its adopted reports.


def acts_for_institution(user, institution_id: int) -> bool:
    return is_policy_maker(user) and can_write(user) and user.institution_id == institution_id


def is_cohort_speaker(user, cohort_id: int) -> bool:
    from youthportal.reports.models import CohortRules

    if not is_parliamentarian(user) or not can_write(user):
        return False
    rules = db.session.get(CohortRules, cohort_id)
    return rules is not None and rules.speaker_id == user.id and is_group_member(user, cohort_id)


def may_send_report(user, report) -> bool:
    from youthportal.reports.models import State

    if report.state != State.ADOPTED and report.adopted_at is None:
        return False
    return can_write(user) and (
        is_admin(user)
        or facilitates_group(user, report.cohort)
        or is_cohort_speaker(user, report.cohort_id)
    )


def may_send_consultation(user, consultation) -> bool:
    return can_write(user) and (is_admin(user) or is_facilitator(user))


def speaks_for_sending(user, sending) -> bool:
    """The young people whose work was sent: the cohort's members for a report, those who
    took part for a consultation."""
    if not is_youth(user) or not can_write(user):
        return False
    if sending.cohort_id is not None:
        return is_group_member(user, sending.cohort_id)
    if sending.consultation_id is not None:
        from youthportal.consultations.services import took_part

        return took_part(user, sending.consultation_id)
    return False


def looks_after_sending(user, sending) -> bool:
    """Adults of the organisation who answer for a sending: admins, the cohort's
    facilitators, for a consultation every facilitator."""
    if is_admin(user):
        return True
    if not is_facilitator(user):
        return False
    if sending.cohort_id is None:
        return True
    return moderates_group(user, sending.cohort_id)


RULES = {
    "signed_in": is_signed_in,
    "youth": is_youth,
    "adult": is_adult,
    "facilitator": is_facilitator,
    "admin": is_admin,
    "policy_maker": is_policy_maker,
    "safeguarding_lead": is_safeguarding_lead,
    "write": can_write,
    "moderator": is_moderator,
}


def can(rule: str, *args) -> bool:
    return RULES[rule](current_user, *args)


def require(rule: str):
    """View decorator: 401 handling is left to Flask-Login; a signed-in user without the rule
    gets 403."""
    predicate = RULES[rule]

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from youthportal.extensions import login_manager

                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


# Ids are 32-bit integers in the database; a larger number in a URL names nothing.
MAX_ID = 2**31 - 1


def get_or_404(model, ident):
    if isinstance(ident, int) and not 0 < ident <= MAX_ID:
        abort(404)
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj
