"""Days as people count them: local calendar days in the portal's time zone (Europe/Tirane by
default), so "read the next day" stays true across midnight and daylight-saving changes."""

from datetime import date, datetime

from youthportal.core.model_base import utcnow
from youthportal.notifications.services import local_tz


def local_date(moment: datetime) -> date:
    return moment.astimezone(local_tz()).date()


def today() -> date:
    return local_date(utcnow())


def days_between(start: datetime, end: datetime) -> int:
    """Calendar days from `start` to `end` as a wall calendar in the portal's zone shows."""
    return (local_date(end) - local_date(start)).days


def is_overdue(submission, on: date | None = None) -> bool:
    return submission.answered_at is None and (on or today()) > submission.requested_by
