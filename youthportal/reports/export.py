"""A member's report data in "my data": the reports they co-author, every section text they
saved and every suggestion they made."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.extensions import db
from youthportal.reports.models import Author, Report, Revision, Section, Suggestion


@exporter("report_authorship")
def _authorship(user) -> list:
    rows = db.session.execute(
        select(Report.id, Report.title, Author.added_at)
        .join(Author, Author.report_id == Report.id)
        .where(Author.user_id == user.id)
        .order_by(Author.added_at)
    )
    return [{"report": rid, "title": title, "since": when} for rid, title, when in rows]


@exporter("report_revisions")
def _revisions(user) -> list:
    rows = db.session.execute(
        select(Revision, Section.report_id)
        .join(Section, Section.id == Revision.section_id)
        .where(Revision.author_id == user.id)
        .order_by(Revision.created_at)
    )
    return [
        {
            "report": report_id,
            "section": r.section_id,
            "version": r.number,
            "saved_at": r.created_at,
            "title": r.title,
            "text": r.body,
            "note": r.note,
            "status": r.status.value,
        }
        for r, report_id in rows
    ]


@exporter("report_suggestions")
def _suggestions(user) -> list:
    rows = db.session.scalars(
        select(Suggestion).where(Suggestion.author_id == user.id).order_by(Suggestion.created_at)
    )
    return [
        {
            "section": s.section_id,
            "text": s.body,
            "note": s.note,
            "state": s.state.value,
            "made_at": s.created_at,
        }
        for s in rows
    ]
