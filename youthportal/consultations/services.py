"""Consultations: opening them, moving their phases, proposals (screened), supports (one per
member and proposal, at most N per consultation), merging similar proposals, results and the
facilitator's outcome."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, cast, delete, func, select, update

from youthportal.accounts.ages import user_age_band
from youthportal.consultations import rules
from youthportal.consultations.models import (
    PHASE_STARTS,
    Consultation,
    ConsultationGroup,
    Phase,
    Proposal,
    ProposalCredit,
    Support,
)
from youthportal.core import audience as audiences
from youthportal.core import audit, settings
from youthportal.core.audience import AudienceKind
from youthportal.core.database import insert_if_absent, lock_row
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    is_parliamentarian,
    is_signed_in,
)
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.polls.tally import safe_breakdown
from youthportal.safety import screen
from youthportal.safety.content import status_for, visible
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit


@dataclass
class ConsultationSetup:
    title: str
    description: str
    categories: list[str]
    support_limit: int | None
    audience_kind: str
    group_ids: list[int]
    age_bands: list[str]
    proposals_at: datetime
    discussion_at: datetime
    support_at: datetime
    results_at: datetime
    closes_at: datetime


def _text(setup: ConsultationSetup) -> str:
    return "\n\n".join(
        part for part in (setup.title, setup.description, "\n".join(setup.categories)) if part
    )


def create(author, setup: ConsultationSetup, locale):
    verdict = screen(_text(setup), author, locale, content_type="consultation")
    if verdict.blocked:
        return None, verdict
    consultation = Consultation(author_id=author.id, status=status_for(verdict))
    _apply(consultation, setup)
    db.session.add(consultation)
    db.session.flush()
    after_submit(consultation, verdict)
    audit.record(author, "consultation.created", consultation)
    return consultation, verdict


def update_setup(editor, consultation: Consultation, setup: ConsultationSetup, locale):
    verdict = screen(_text(setup), editor, locale, content_type="consultation")
    if verdict.blocked:
        return verdict
    _keep_what_has_happened(consultation, setup)
    _apply(consultation, setup)
    if consultation.status == ModerationStatus.PUBLISHED and not verdict.ok:
        consultation.status = ModerationStatus.PENDING
    after_submit(consultation, verdict, edited=True)
    audit.record(editor, "consultation.updated", consultation)
    return verdict


def _keep_what_has_happened(consultation: Consultation, setup: ConsultationSetup) -> None:
    """A phase that has begun keeps its start (no reopening supports after the results),
    and once supports exist the audience stays and the limit can only grow."""
    now = utcnow()
    for _step, column in PHASE_STARTS:
        if getattr(consultation, column) <= now:
            setattr(setup, column, getattr(consultation, column))
        elif getattr(setup, column) < now:
            setattr(setup, column, now)
    given = db.session.scalar(
        select(Support.user_id).where(Support.consultation_id == consultation.id).limit(1)
    )
    if given is not None:
        setup.audience_kind = consultation.audience_kind.value
        setup.group_ids = consultation.group_ids
        setup.age_bands = consultation.age_bands
        limit = consultation.support_limit
        if limit and setup.support_limit is not None and setup.support_limit < limit:
            setup.support_limit = limit


def _apply(consultation: Consultation, setup: ConsultationSetup) -> None:
    consultation.title = setup.title
    consultation.description = setup.description
    consultation.categories = setup.categories
    consultation.support_limit = setup.support_limit
    consultation.audience_kind = AudienceKind(setup.audience_kind)
    consultation.age_bands = setup.age_bands if setup.audience_kind == "age_bands" else []
    wanted = set(setup.group_ids) if setup.audience_kind == "groups" else set()
    consultation.groups = [g for g in consultation.groups if g.group_id in wanted] + [
        ConsultationGroup(group_id=g) for g in sorted(wanted - set(consultation.group_ids))
    ]
    for _step, column in PHASE_STARTS:
        setattr(consultation, column, getattr(setup, column))


def move_to_next_phase(user, consultation: Consultation) -> Phase | None:
    """The next phase starts now (its date moves; later ones stay after it)."""
    now = utcnow()
    current = rules.phase(consultation, now)
    order = [step for step, _ in PHASE_STARTS]
    following = order[0] if current == Phase.UPCOMING else None
    if current in order and current != Phase.CLOSED:
        following = order[order.index(current) + 1]
    if following is None:
        return None
    for step, column in PHASE_STARTS:
        if order.index(step) <= order.index(following) and getattr(consultation, column) > now:
            setattr(consultation, column, now)
    audit.record(user, "consultation.phase", consultation, phase=following.value)
    return following


# --- proposals ----------------------------------------------------------------------------


def submit_proposal(author, consultation: Consultation, title, body, category, locale):
    """Returns (proposal or None, verdict). The title is screened with the text."""
    verdict = screen(f"{title}\n\n{body}", author, locale, content_type="proposal")
    if verdict.blocked:
        return None, verdict
    title_length = len(title)
    proposal = Proposal(
        consultation_id=consultation.id,
        title=verdict.text[:title_length],
        body=verdict.text[title_length + 2 :],
        category=category or None,
        author_id=author.id,
        status=status_for(verdict),
    )
    db.session.add(proposal)
    db.session.flush()
    after_submit(proposal, verdict)
    return proposal, verdict


def visible_proposals(consultation: Consultation, user):
    return (
        Proposal.consultation_id == consultation.id,
        Proposal.merged_into_id.is_(None),
        visible(Proposal, user),
    )


SORTS = ("supported", "newest", "random")


def proposals_stmt(consultation: Consultation, user, *, sort: str, category=None, seed=0):
    stmt = select(Proposal).where(*visible_proposals(consultation, user))
    if category:
        stmt = stmt.where(Proposal.category == category)
    if sort == "newest":
        return stmt.order_by(Proposal.created_at.desc(), Proposal.id.desc())
    if sort == "random":
        # A shuffled order that stays the same for one visitor (their seed) and page after
        # page, in plain integer arithmetic both databases compute alike.
        # Two rounds of a quadratic mix: an affine key (id * a + b) keeps small ids in (reverse)
        # order whenever a is near 0 or near the modulus. Every product stays below 2**41.
        key = cast(Proposal.id, BigInteger) % SHUFFLE_MODULUS
        for a, c, b in _shuffle_keys(seed):
            key = (((key * key) % SHUFFLE_MODULUS) * a + key * c + b) % SHUFFLE_MODULUS
        return stmt.order_by(key, Proposal.id)
    return stmt.order_by(Proposal.support_count.desc(), Proposal.created_at, Proposal.id)


SHUFFLE_MODULUS = 1_000_003  # a prime


def _shuffle_keys(seed: int) -> list[tuple[int, int, int]]:
    """Two rounds of (a, c, b), drawn from the visitor's seed."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    numbers = [int.from_bytes(digest[i : i + 4], "big") % SHUFFLE_MODULUS for i in range(0, 24, 4)]
    return [(numbers[0] or 1, numbers[1], numbers[2]), (numbers[3] or 1, numbers[4], numbers[5])]


def credits(proposal_ids: list[int]) -> dict[int, list]:
    """Co-authors credited after merges, for a page of proposals in one query."""
    found: dict[int, list] = {pid: [] for pid in proposal_ids}
    if proposal_ids:
        rows = db.session.scalars(
            select(ProposalCredit).where(ProposalCredit.proposal_id.in_(proposal_ids))
        )
        for credit in rows:
            found[credit.proposal_id].append(credit.user)
    return found


# --- supports -----------------------------------------------------------------------------


class SupportRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def my_supports(user, consultation: Consultation) -> set[int]:
    if not is_signed_in(user):
        return set()
    return set(
        db.session.scalars(
            select(Support.proposal_id).where(
                Support.consultation_id == consultation.id, Support.user_id == user.id
            )
        )
    )


def support(user, proposal: Proposal) -> None:
    consultation = proposal.consultation
    if not rules.may_support(user, consultation):
        raise SupportRefused("not_now")
    if proposal.status != ModerationStatus.PUBLISHED or proposal.merged_into_id:
        raise SupportRefused("not_supportable")
    if proposal.author_id == user.id:
        raise SupportRefused("own")
    lock_row(user)  # one member's supports are counted one request at a time
    if consultation.support_limit:
        # Supports of proposals later hidden or merged away give the place back.
        given = db.session.scalar(
            select(func.count())
            .select_from(Support)
            .join(Proposal, Proposal.id == Support.proposal_id)
            .where(
                Support.consultation_id == consultation.id,
                Support.user_id == user.id,
                Proposal.status == ModerationStatus.PUBLISHED,
                Proposal.merged_into_id.is_(None),
            )
        )
        if given >= consultation.support_limit:
            raise SupportRefused("limit")
    added = insert_if_absent(
        Support,
        proposal_id=proposal.id,
        user_id=user.id,
        consultation_id=consultation.id,
        age_band=user_age_band(user),
        group_id=audiences.breakdown_group(rules.audience_of(consultation), user),
        created_at=utcnow(),
    )
    if not added:
        raise SupportRefused("already")
    _bump(proposal, +1)


def withdraw(user, proposal: Proposal) -> None:
    if not rules.may_support(user, proposal.consultation):
        raise SupportRefused("not_now")
    removed = db.session.execute(
        delete(Support).where(Support.proposal_id == proposal.id, Support.user_id == user.id)
    ).rowcount
    if removed:
        _bump(proposal, -1)


def _bump(proposal: Proposal, change: int) -> None:
    # In SQL, not in Python: two supports at the same moment both count.
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + change)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(proposal, ["support_count"])


# --- merging ------------------------------------------------------------------------------


class MergeRefused(Exception):
    pass


def merge(user, source: Proposal, target: Proposal) -> None:
    """Similar proposals become one: supports carried over (once per member), authors
    credited, the merged one hidden from lists and pointing at the other."""
    if (
        rules.phase(source.consultation) in (Phase.RESULTS, Phase.CLOSED)
        or source.id == target.id
        or source.consultation_id != target.consultation_id
        or source.merged_into_id
        or target.merged_into_id
        or target.status != ModerationStatus.PUBLISHED
    ):
        raise MergeRefused
    # Both rows, in id order (no deadlock): a support given to either meanwhile waits.
    for proposal in sorted((source, target), key=lambda p: p.id):
        lock_row(proposal)
    already = select(Support.user_id).where(Support.proposal_id == target.id)
    db.session.execute(
        delete(Support).where(Support.proposal_id == source.id, Support.user_id.in_(already))
    )
    db.session.execute(
        update(Support)
        .where(Support.proposal_id == source.id)
        .values(proposal_id=target.id)
        .execution_options(synchronize_session=False)
    )
    authors = {source.author_id} | {
        c.user_id
        for c in db.session.scalars(
            select(ProposalCredit).where(ProposalCredit.proposal_id == source.id)
        )
    }
    authors -= {None, target.author_id}
    for author_id in sorted(authors):
        insert_if_absent(ProposalCredit, proposal_id=target.id, user_id=author_id)
    count = db.session.scalar(
        select(func.count()).select_from(Support).where(Support.proposal_id == target.id)
    )
    target.support_count = count
    source.support_count = 0
    source.merged_into_id = target.id
    audit.record(user, "proposal.merged", source, into=target.id)
    if source.author is not None:
        from flask import url_for

        notify(
            source.author,
            "proposal_merged",
            link=url_for("consultations.proposal", proposal_id=target.id),
            title=target.title,
        )


# --- results ------------------------------------------------------------------------------


TOP_FOR_BREAKDOWN = 5


def ranked(consultation: Consultation, limit: int | None = None) -> list[Proposal]:
    stmt = (
        select(Proposal)
        .where(
            Proposal.consultation_id == consultation.id,
            Proposal.merged_into_id.is_(None),
            Proposal.status == ModerationStatus.PUBLISHED,
        )
        .order_by(Proposal.support_count.desc(), Proposal.created_at, Proposal.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def supporters(consultation: Consultation) -> int:
    return db.session.scalar(
        select(func.count(func.distinct(Support.user_id))).where(
            Support.consultation_id == consultation.id
        )
    )


def breakdowns(consultation: Consultation, top: list[Proposal]) -> dict:
    """Supports of the leading proposals by age band and by group; no cell under k."""
    from youthportal.accounts.models import Group

    k = settings.get("breakdown_min_cell")
    columns = [p.id for p in top]
    out = {}
    for key, column in (("age_band", Support.age_band), ("group", Support.group_id)):
        rows = db.session.execute(
            select(column, Support.proposal_id, func.count())
            .where(Support.proposal_id.in_(columns), column.is_not(None))
            .group_by(column, Support.proposal_id)
        ).all()
        names = {}
        if key == "group" and rows:
            ids = {label for label, _, _ in rows}
            found = db.session.execute(select(Group.id, Group.name).where(Group.id.in_(ids)))
            names = dict(found.all())
        cells: dict[str, dict] = {}
        for label, proposal_id, n in rows:
            cells.setdefault(names.get(label, label), {})[proposal_id] = n
        out[key] = safe_breakdown(cells, columns, k)
    return out


def set_outcome(user, consultation: Consultation, text: str, locale):
    verdict = screen(text, user, locale, content_type="consultation")
    if verdict.blocked:
        return verdict
    consultation.outcome = verdict.text
    consultation.outcome_at = utcnow()
    audit.record(user, "consultation.outcome", consultation)
    return verdict


def request_report(user, consultation: Consultation) -> bool:
    """A parliamentarian asks to turn the results into a report (the reports feature picks
    the request up). Returns False if someone asked already."""
    claimed = db.session.execute(
        update(Consultation)
        .where(Consultation.id == consultation.id, Consultation.report_requested_at.is_(None))
        .values(report_requested_by_id=user.id, report_requested_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(consultation)
    if claimed:
        audit.record(user, "consultation.report_requested", consultation)
    return bool(claimed)


def may_request_report(user, consultation: Consultation) -> bool:
    return is_parliamentarian(user) and rules.results_visible(consultation)


# --- lists --------------------------------------------------------------------------------


def consultations_stmt(user, state: str | None = None):
    """The consultations the user may see (rules.may_view, in SQL), by phase."""
    stmt = audiences.visible_in_lists(
        select(Consultation).where(visible(Consultation, user)),
        Consultation,
        ConsultationGroup,
        user,
    )
    now = utcnow()
    if state == "open":
        stmt = stmt.where(Consultation.proposals_at <= now, Consultation.results_at > now)
    elif state == "results":
        stmt = stmt.where(Consultation.results_at <= now)
    return stmt.order_by(Consultation.closes_at.desc(), Consultation.id.desc())


def took_part(user, consultation_id: int) -> bool:
    """Made a proposal or supported one (the people whose results were sent on)."""
    from sqlalchemy import exists

    supported = exists().where(
        Support.consultation_id == consultation_id, Support.user_id == user.id
    )
    proposed = exists().where(
        Proposal.consultation_id == consultation_id, Proposal.author_id == user.id
    )
    return bool(db.session.scalar(select(supported | proposed)))
