"""Who took part, for the organisers: turnout by group and by age band (cells under k are
merged, as in the results), and one reminder per poll to those who have not voted."""

from datetime import timedelta

from flask import url_for
from sqlalchemy import func, select, update

from youthportal.accounts.ages import user_age_band
from youthportal.accounts.models import Group, GroupMember, MemberRole, User
from youthportal.core import audience as audiences
from youthportal.core import audit, settings
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.notifications.services import notify, quiet_hours_end
from youthportal.polls import rules
from youthportal.polls.models import Participation, Poll
from youthportal.polls.tally import safe_breakdown

VOTED = "voted"


class NoReminder(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def report(poll: Poll) -> dict:
    k = settings.get("breakdown_min_cell")
    voters = select(Participation.user_id).where(Participation.poll_id == poll.id)
    by_group = dict(
        db.session.execute(
            select(Group.name, func.count())
            .join(GroupMember, GroupMember.group_id == Group.id)
            .where(GroupMember.user_id.in_(voters), GroupMember.role == MemberRole.MEMBER)
            .group_by(Group.name)
        ).all()
    )
    by_band: dict[str, int] = {}
    for user in db.session.scalars(select(User).where(User.id.in_(voters))):
        band = user_age_band(user) or "—"
        by_band[band] = by_band.get(band, 0) + 1
    return {
        "group": safe_breakdown({g: {VOTED: n} for g, n in by_group.items()}, [VOTED], k),
        "age_band": safe_breakdown({b: {VOTED: n} for b, n in by_band.items()}, [VOTED], k),
    }


def remind(sender, poll: Poll) -> int:
    """In-app reminders to the audience members who have not voted; once per poll, never in
    quiet hours, never for polls shorter than a day (DOMAIN.md)."""
    if rules.phase(poll) != rules.Phase.OPEN:
        raise NoReminder("not_open")
    if poll.closes_at - poll.opens_at < timedelta(hours=24):
        raise NoReminder("short")
    if quiet_hours_end(utcnow()) is not None:
        raise NoReminder("quiet")
    claimed = db.session.execute(
        update(Poll)
        .where(Poll.id == poll.id, Poll.reminded_at.is_(None))
        .values(reminded_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise NoReminder("already")
    audience = rules.audience_of(poll)
    voted = set(
        db.session.scalars(select(Participation.user_id).where(Participation.poll_id == poll.id))
    )
    link = url_for("polls.detail", poll_id=poll.id)
    sent = 0
    for member in db.session.scalars(audiences.members_stmt(audience)):
        if member.id in voted or not audiences.includes(audience, member):
            continue
        notify(member, "poll_reminder", link=link, title=poll.title)
        sent += 1
    audit.record(sender, "poll.reminded", poll, count=sent)
    return sent
