"""Template globals and filters shared by every page."""

from flask import current_app
from flask_babel import format_date, format_datetime, format_timedelta
from flask_login import current_user

from youthportal.accounts.ages import COUNTRY_NAMES, user_age_band
from youthportal.accounts.avatars import AVATARS
from youthportal.accounts.labels import CONSENT_LABELS, ROLE_LABELS, STATUS_LABELS
from youthportal.core import permissions
from youthportal.core.i18n import current_locale_code, html_lang
from youthportal.core.markdown import safe as safe_markdown_html
from youthportal.core.model_base import utcnow


def _unread_count():
    if not current_user.is_authenticated:
        return 0
    from youthportal.notifications.services import unread_count

    return unread_count(current_user)


def _review_count():
    """Open review items for a moderator's menu (once per request)."""
    from flask import g

    if not permissions.is_moderator(current_user):
        return 0
    if "review_count" not in g:
        from sqlalchemy import func, select

        from youthportal.extensions import db
        from youthportal.safety.review import queue_stmt

        g.review_count = db.session.scalar(
            select(func.count()).select_from(queue_stmt(current_user).order_by(None).subquery())
        )
    return g.review_count


def _handles_cases() -> bool:
    from youthportal.safety.safeguarding import can_handle_cases

    return can_handle_cases(current_user)


def init_app(app) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["date"] = lambda d, fmt="medium": format_date(d, fmt) if d else ""
    app.jinja_env.filters["datetime"] = lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    app.jinja_env.filters["duration"] = lambda delta: format_timedelta(delta, threshold=1.1)
    app.jinja_env.filters["age_band"] = user_age_band
    app.jinja_env.filters["country"] = lambda code: COUNTRY_NAMES.get(code, code)
    # Stored user HTML (rendered from the Markdown subset) is cleaned again on output.
    app.jinja_env.filters["safe_html"] = safe_markdown_html

    @app.context_processor
    def globals_():
        locale = current_locale_code()
        return {
            "can": permissions.can,
            "perm": permissions,
            "locale_code": locale,
            "html_lang": html_lang(locale),
            "languages": current_app.config["LANGUAGES"],
            "avatars": AVATARS,
            "unread_count": _unread_count,
            "review_count": _review_count,
            "handles_cases": _handles_cases,
            "now": utcnow,
            "role_labels": ROLE_LABELS,
            "status_labels": STATUS_LABELS,
            "consent_labels": CONSENT_LABELS,
        }
