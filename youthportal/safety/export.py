"""A member's reports, the moderation decisions about them, and their appeals in "my data".
Safeguarding case notes are not included: they are kept by the leads for the child's
protection (the privacy notice says so)."""

from sqlalchemy import select

from youthportal.accounts.export import exporter
from youthportal.extensions import db
from youthportal.safety.models import Appeal, Flag, Sanction


@exporter("reports")
def _reports(user) -> list:
    rows = db.session.scalars(select(Flag).where(Flag.reporter_id == user.id))
    return [
        {
            "content": f"{f.content_type} {f.content_id}",
            "reason": f.reason.value,
            "note": f.note,
            "created_at": f.created_at,
            "outcome": f.outcome.value if f.outcome else None,
        }
        for f in rows
    ]


@exporter("sanctions")
def _sanctions(user) -> list:
    rows = db.session.scalars(select(Sanction).where(Sanction.user_id == user.id))
    return [
        {
            "kind": s.kind.value,
            "reason": s.reason,
            "from": s.created_at,
            "until": s.ends_at,
            "lifted_at": s.revoked_at,
        }
        for s in rows
    ]


@exporter("appeals")
def _appeals(user) -> list:
    rows = db.session.scalars(select(Appeal).where(Appeal.appellant_id == user.id))
    return [{"text": a.text, "state": a.state.value, "created_at": a.created_at} for a in rows]
