"""Error pages in the user's language; the request's transaction is rolled back first."""

import logging

from flask import current_app, g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from youthportal.extensions import db

HANDLED = (400, 403, 404, 405, 413, 429, 500)
log = logging.getLogger("youthportal.errors")


def _render(code: int, csrf_expired: bool = False):
    db.session.rollback()
    return render_template("errors/error.html", code=code, csrf_expired=csrf_expired), code


def _database_unavailable(exc):
    """The database went away (a restart, a network cut): nothing of this request was
    committed, so nothing is half-written; the page asks to try again, and it needs no
    database to be drawn. The pool checks each connection before using it, so the next
    request gets a working one once the database is back."""
    try:
        db.session.rollback()
    except Exception:  # the connection is gone: discard the session whatever happens
        log.debug("rollback after a lost connection failed", exc_info=True)
    db.session.remove()
    log.error(
        "database unavailable",
        extra={"event": "database_unavailable", "error": type(exc.orig).__name__},
    )
    from youthportal.core.i18n import current_locale_code, html_lang
    from youthportal.extensions import login_manager

    # Without a database the user cannot be loaded: the language comes from the cookie or
    # the browser, and the page skips the context processors (they would ask the database).
    if "_login_user" not in g:
        g._login_user = login_manager.anonymous_user()
    page = current_app.jinja_env.get_template("errors/unavailable.html")
    body = page.render(html_lang=html_lang(current_locale_code()))
    return body, 503, {"Retry-After": "30"}


def _is_connection_problem(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError)


def init_app(app) -> None:
    for code in HANDLED:
        app.register_error_handler(code, lambda exc, code=code: _render(code))
    app.register_error_handler(CSRFError, lambda exc: _render(400, csrf_expired=True))

    @app.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return exc
        if isinstance(exc, DBAPIError) and _is_connection_problem(exc):
            return _database_unavailable(exc)
        app.logger.exception("unhandled error")
        return _render(500)
