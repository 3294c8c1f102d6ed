"""The adoption vote, through the polls engine: a yes/no/abstain poll for the sitting
parliamentarians of the report's cohort, open (named, as in a parliament) or secret as the
cohort decides, with the cohort's quorum and majority. The report is frozen while the vote
runs; when it closes the report is adopted (an immutable, numbered version with a stable
address) or not adopted."""

from dataclasses import dataclass
from datetime import timedelta

from flask import url_for
from sqlalchemy import func, select

from youthportal.core import audience as audiences
from youthportal.core import audit
from youthportal.core.audience import AudienceKind
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.polls import results as poll_results
from youthportal.polls import rules as poll_rules
from youthportal.polls.models import Method, Poll, PollGroup, PollOption, ResultsVisibility
from youthportal.reports import render
from youthportal.reports.drafting import Refused, authors, live_sections
from youthportal.reports.models import (
    CohortRules,
    Majority,
    Recommendation,
    Report,
    Source,
    State,
    Version,
)
from youthportal.reports.workflow import has_waiting_text, move
from youthportal.safety.models import ModerationStatus

ANSWERS = ("yes", "no", "abstain")


def cohort_rules(group_id: int) -> CohortRules:
    """The cohort's own rules, or the defaults (half of the members, simple majority)."""
    return db.session.get(CohortRules, group_id) or CohortRules(
        group_id=group_id,
        quorum_percent=50,
        majority=Majority.SIMPLE,
        credit_collectively=False,
        secret_vote=False,
    )


def cohort_audience(report: Report) -> audiences.Audience:
    return audiences.Audience(kind="cohort", group_ids=(report.cohort_id,))


def open_vote(user, report: Report, days: int, locale) -> Poll:
    if has_waiting_text(report):
        raise Refused("waiting")
    if audiences.size(cohort_audience(report)) == 0:
        raise Refused("no_voters")
    move(user, report, State.VOTING, locale=locale)
    rules = cohort_rules(report.cohort_id)
    report.vote_rules = {"majority": rules.majority.value, "quorum_percent": rules.quorum_percent}
    now = utcnow()
    poll = Poll(
        title=report.title,
        # Shown from the report, in each voter's language (see polls/detail.html).
        description="",
        method=Method.SINGLE,
        is_secret=rules.secret_vote,
        allow_change=False,
        results_visibility=ResultsVisibility.AFTER_CLOSE,
        quorum_percent=rules.quorum_percent,
        audience_kind=AudienceKind.COHORT,
        opens_at=now,
        closes_at=now + timedelta(days=days),
        author_id=user.id,
        status=ModerationStatus.PUBLISHED,
        groups=[PollGroup(group_id=report.cohort_id)],
        # The electorate is the cohort as it is when the vote opens: members who leave
        # during the vote do not change the quorum their ballots count towards.
        audience_size=audiences.size(cohort_audience(report)),
    )
    db.session.add(poll)
    db.session.flush()
    for position, key in enumerate(ANSWERS):
        db.session.add(PollOption(poll_id=poll.id, label=key, key=key, position=position))
    report.vote_poll_id = poll.id
    audit.record(user, "poll.created", poll)
    link = url_for("polls.detail", poll_id=poll.id)
    for member in db.session.scalars(audiences.members_stmt(cohort_audience(report))):
        if audiences.includes(cohort_audience(report), member):
            notify(member, "report_vote", link, title=report.title)
    return poll


@dataclass(frozen=True)
class Decision:
    yes: int
    no: int
    abstain: int
    turnout: int
    members: int
    quorum_percent: int
    majority: str
    quorum_met: bool
    majority_met: bool

    @property
    def adopted(self) -> bool:
        return self.quorum_met and self.majority_met

    def as_dict(self) -> dict:
        return {
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "turnout": self.turnout,
            "members": self.members,
            "quorum_percent": self.quorum_percent,
            "majority": self.majority,
            "quorum_met": self.quorum_met,
            "majority_met": self.majority_met,
        }


def majority_met(majority: str, yes: int, no: int, abstain: int) -> bool:
    if majority == Majority.ABSOLUTE:
        return 2 * yes > yes + no + abstain
    if majority == Majority.TWO_THIRDS:
        return yes > 0 and 3 * yes >= 2 * (yes + no)
    return yes > no


def decide(poll: Poll, tally: dict, majority: str) -> Decision:
    """The vote's outcome by the majority rule it opened under; the quorum is the poll's."""
    keys = {str(o.id): o.key for o in poll_results.options_by_id(poll).values()}
    counts = {keys.get(option_id): n for option_id, n in tally.get("counts", {}).items()}
    yes, no, abstain = (counts.get(k, 0) for k in ANSWERS)
    quorum = poll_results.quorum(poll)
    return Decision(
        yes=yes,
        no=no,
        abstain=abstain,
        turnout=quorum.turnout,
        members=quorum.audience,
        quorum_percent=poll.quorum_percent or 0,
        majority=majority,
        quorum_met=quorum.met,
        majority_met=majority_met(majority, yes, no, abstain),
    )


def settle(report: Report) -> bool:
    """Once the vote has closed: count it, adopt or not. Safe to call on every visit and
    from cron (the report row is locked; the second caller finds it settled)."""
    if report.state != State.VOTING or report.vote_poll_id is None:
        return False
    poll = db.session.get(Poll, report.vote_poll_id)
    if poll is None or poll_rules.phase(poll) != poll_rules.Phase.CLOSED:
        return False
    from youthportal.core.database import lock_row

    tally = poll_results.close(poll)
    lock_row(report)
    db.session.refresh(report)
    if report.state != State.VOTING:
        return False
    rules = cohort_rules(report.cohort_id)
    majority = (report.vote_rules or {}).get("majority", rules.majority.value)
    decision = decide(poll, tally, majority)
    report.state = State.ADOPTED if decision.adopted else State.NOT_ADOPTED
    report.updated_at = utcnow()
    if decision.adopted:
        report.adopted_at = utcnow()
        version = make_version(report, decision, rules)
        link = url_for("reports.version", report_id=report.id, number=version.number)
    else:
        link = url_for("reports.detail", report_id=report.id)
    audit.record(None, f"report.{report.state.value}", report, **decision.as_dict())
    told = set()
    for author in authors(report):
        told.add(author.user_id)
        notify(author.user, "report_state", link, title=report.title, state_code=report.state.value)
    for member in db.session.scalars(audiences.members_stmt(cohort_audience(report))):
        if member.id not in told and audiences.includes(cohort_audience(report), member):
            notify(member, "report_state", link, title=report.title, state_code=report.state.value)
    return True


def settle_due() -> int:
    """For cron (`youthportal close-polls`): every report whose vote has closed."""
    due = db.session.scalars(
        select(Report)
        .join(Poll, Poll.id == Report.vote_poll_id)
        .where(Report.state == State.VOTING, Poll.closes_at <= utcnow())
        .order_by(Report.id)
    ).all()
    settled = 0
    for report in due:
        settled += settle(report)
        db.session.commit()
    return settled


def make_version(report: Report, decision: Decision, rules: CohortRules) -> Version:
    from youthportal.reports.sources import snapshot

    number = (
        db.session.scalar(select(func.max(Version.number)).where(Version.report_id == report.id))
        or 0
    ) + 1
    sources_by_section: dict[int | None, list] = {}
    for source in db.session.scalars(select(Source).where(Source.report_id == report.id)):
        sources_by_section.setdefault(source.section_id, []).append(source)
    sections = []
    recommendations = []
    # Only what moderators let through becomes public, whatever happened during the vote.
    published = [s for s in live_sections(report) if s.public_revision > 0]
    for index, section in enumerate(published):
        sections.append(
            {
                "title": section.public_title,
                "body": section.public_body,
                "sources": [snapshot(s) for s in sources_by_section.get(section.id, [])],
            }
        )
        for text in render.recommendations(section.public_body):
            recommendations.append(
                Recommendation(number=len(recommendations) + 1, section_index=index, text=text)
            )
    title_published = report.status == ModerationStatus.PUBLISHED
    version = Version(
        report_id=report.id,
        number=number,
        title=report.title if title_published else "…",
        summary=report.summary if title_published else "",
        author_ids=[author.user_id for author in authors(report)],
        sections=sections,
        vote=decision.as_dict(),
        topic_id=report.topic_id,
        credit_collectively=rules.credit_collectively,
        sources=[snapshot(s) for s in sources_by_section.get(None, [])],
        recommendations=recommendations,
    )
    db.session.add(version)
    db.session.flush()
    return version


def roll_call(report: Report) -> list[tuple[str, str]]:
    """A named vote, once closed: each member's display name and answer, for the cohort's
    own pages (never on the public page, which shows the counts only)."""
    from youthportal.accounts.models import User
    from youthportal.polls.models import Ballot

    poll = db.session.get(Poll, report.vote_poll_id) if report.vote_poll_id else None
    if poll is None or poll.is_secret or poll_rules.phase(poll) != poll_rules.Phase.CLOSED:
        return []
    keys = {o.id: o.key for o in poll_results.options_by_id(poll).values()}
    rows = db.session.execute(
        select(User.display_name, Ballot.choices)
        .join(User, User.id == Ballot.voter_id)
        .where(Ballot.poll_id == poll.id)
        .order_by(func.lower(User.display_name), User.id)
    ).all()
    return [(name, keys.get(choices[0], "")) for name, choices in rows if choices]
