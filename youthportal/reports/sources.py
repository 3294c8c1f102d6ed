"""What a report draws on: consultations, polls, discussions and UneHack ideas. A section
citing a source shows a live summary box (results once they are public, never who took
part); an adopted version keeps a frozen copy of each box."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from youthportal.core import audit
from youthportal.core.permissions import is_signed_in
from youthportal.extensions import db
from youthportal.reports.drafting import Refused, refuse_unless_editable
from youthportal.reports.models import Report, Section, Source, SourceKind
from youthportal.safety.models import ModerationStatus


@dataclass
class Box:
    kind: str
    title: str
    summary: list[str]
    url: str | None


def _target(kind: SourceKind, target_id: int):
    if kind == SourceKind.CONSULTATION:
        from youthportal.consultations.models import Consultation as model
    elif kind == SourceKind.POLL:
        from youthportal.polls.models import Poll as model
    elif kind == SourceKind.DISCUSSION:
        from youthportal.discussions.models import Thread as model
    else:
        from youthportal.hackathon.models import Idea as model
    return db.session.get(model, target_id)


def _may_view(user, kind: SourceKind, target) -> bool:
    if target is None or not is_signed_in(user):
        return False
    if getattr(target, "status", ModerationStatus.PUBLISHED) != ModerationStatus.PUBLISHED:
        return False
    if kind == SourceKind.CONSULTATION:
        from youthportal.core.audience import may_view

        return may_view(user, target)
    if kind == SourceKind.POLL:
        from youthportal.polls.rules import may_view

        return may_view(user, target)
    if kind == SourceKind.DISCUSSION:
        from youthportal.discussions.subjects import SUBJECTS

        subject = SUBJECTS.get(target.subject_type)
        return subject is not None and subject.can_view(user, target.subject_id)
    from youthportal.hackathon.rules import may_see_idea

    return may_see_idea(user, target)


def add(user, report: Report, kind: SourceKind, target_id: int, section: Section | None):
    refuse_unless_editable(user, report)
    target = _target(kind, target_id)
    if not _may_view(user, kind, target):
        raise Refused("source_unknown")
    exists = db.session.scalar(
        select(Source.id).where(
            Source.report_id == report.id,
            Source.kind == kind,
            Source.target_id == target_id,
            Source.section_id.is_(None) if section is None else Source.section_id == section.id,
        )
    )
    if exists is None:
        db.session.add(
            Source(
                report_id=report.id,
                section_id=section.id if section is not None else None,
                kind=kind,
                target_id=target_id,
                added_by_id=user.id,
            )
        )
        audit.record(user, "report.source_added", report, kind=kind.value, target_id=target_id)


def citable(user, limit: int = 10) -> list[tuple[str, int, str]]:
    """The newest consultations and closed polls the user can open: (kind, id, title), so
    authors pick a source instead of hunting for its number."""
    from youthportal.consultations.services import consultations_stmt
    from youthportal.polls.services import polls_stmt

    found = [
        (SourceKind.CONSULTATION.value, c.id, c.title)
        for c in db.session.scalars(consultations_stmt(user).limit(limit))
    ]
    found += [
        (SourceKind.POLL.value, p.id, p.title)
        for p in db.session.scalars(polls_stmt(user, "closed").limit(limit))
    ]
    return found


def remove(user, report: Report, source: Source) -> None:
    refuse_unless_editable(user, report)
    db.session.delete(source)


def of_report(report: Report) -> list[Source]:
    return list(
        db.session.scalars(select(Source).where(Source.report_id == report.id).order_by(Source.id))
    )


def box(source: Source, user) -> Box:
    """The live summary a reader sees; a source the reader may not open shows no content."""
    target = _target(source.kind, source.target_id)
    if not _may_view(user, source.kind, target):
        return Box(source.kind.value, _("A source you cannot open"), [], None)
    return Box(source.kind.value, *_summary(source.kind, target))


def snapshot(source: Source) -> dict:
    """The frozen box kept in an adopted version, which anyone may read: a title and results
    only of what belongs to the whole portal; of a group's own poll, consultation or thread,
    or a UneHack idea (members only), just its kind."""
    target = _target(source.kind, source.target_id)
    if not _public_enough(source.kind, target):
        return {"kind": source.kind.value, "title": "", "summary": []}
    title, summary, _url = _summary(source.kind, target)
    return {"kind": source.kind.value, "title": title, "summary": summary}


def _public_enough(kind: SourceKind, target) -> bool:
    from youthportal.core.audience import AudienceKind

    if target is None or getattr(target, "status", None) != ModerationStatus.PUBLISHED:
        return False
    if kind in (SourceKind.CONSULTATION, SourceKind.POLL):
        return target.audience_kind != AudienceKind.GROUPS
    if kind == SourceKind.DISCUSSION:
        return target.subject_type == "public"
    return False


def _summary(kind: SourceKind, target) -> tuple[str, list[str], str]:
    if kind == SourceKind.CONSULTATION:
        from youthportal.consultations import rules as consultation_rules
        from youthportal.consultations.services import ranked, supporters

        lines = []
        if consultation_rules.results_visible(target):
            lines.append(_("%(count)s members gave their support.", count=supporters(target)))
            for proposal in ranked(target, limit=3):
                lines.append(
                    _(
                        "%(title)s: %(count)s supports",
                        title=proposal.title,
                        count=proposal.support_count,
                    )
                )
            if target.outcome:
                lines.append(_("What happens next: %(outcome)s", outcome=target.outcome))
        else:
            lines.append(_("Results are not public yet."))
        return target.title, lines, url_for("consultations.detail", consultation_id=target.id)
    if kind == SourceKind.POLL:
        from youthportal.polls import results as poll_results
        from youthportal.polls import rules as poll_rules

        lines = []
        if poll_rules.phase(target) == poll_rules.Phase.CLOSED:
            tally = poll_results.close(target)
            quorum = poll_results.quorum(target)
            lines.append(
                _(
                    "%(turnout)s of %(members)s members voted.",
                    turnout=quorum.turnout,
                    members=quorum.audience,
                )
            )
            options = poll_results.options_by_id(target)
            for option_id in tally.get("leaders") or (
                [tally["winner"]] if tally.get("winner") else []
            ):
                option = options.get(int(option_id))
                if option is not None:
                    lines.append(_("Most chosen: %(option)s", option=option.display_label))
        else:
            lines.append(_("Results are not public yet."))
        return target.title, lines, url_for("polls.detail", poll_id=target.id)
    if kind == SourceKind.DISCUSSION:
        lines = [_("%(count)s comments", count=target.comment_count)]
        return (
            target.title or _("Discussion"),
            lines,
            url_for("discussions.thread", thread_id=target.id),
        )
    return target.title, [], url_for("hackathon.idea", idea_id=target.id)
