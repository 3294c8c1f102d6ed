"""Error pages in the user's language; the request's transaction is rolled back first."""

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from youthportal.extensions import db

HANDLED = (400, 403, 404, 405, 413, 429, 500)


def _render(code: int, csrf_expired: bool = False):
    db.session.rollback()
    return render_template("errors/error.html", code=code, csrf_expired=csrf_expired), code


def init_app(app) -> None:
    for code in HANDLED:
        app.register_error_handler(code, lambda exc, code=code: _render(code))
    app.register_error_handler(CSRFError, lambda exc: _render(400, csrf_expired=True))

    @app.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return exc
        app.logger.exception("unhandled error")
        return _render(500)
