"""Structured logs: one JSON object per line, each carrying the request id (nginx's
X-Request-ID, or a new one) and the signed-in user's id as an opaque number. Never a child's
text or a secret: messages are fixed phrases, statements are logged without their values,
and requests by their route's pattern (`/guardian/<token>`), not their path. Requests and
statements slower than a threshold are logged."""

import json
import logging
import re
import sys
import time
import uuid

from flask import current_app, g, has_app_context, has_request_context, request
from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Attributes every LogRecord has; anything else was passed in `extra` and is logged too.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

log = logging.getLogger("youthportal.requests")
query_log = logging.getLogger("youthportal.queries")


def request_context_fields() -> dict:
    if not has_request_context():
        return {}
    fields = {"request_id": getattr(g, "request_id", None)}
    # Only a user already loaded by this request, read from its identity key: logging never
    # touches an attribute that could make the database reload it (and log that, again).
    state = sa_inspect(g.get("_login_user"), raiseerr=False)
    if state is not None and state.identity:
        fields["user_id"] = state.identity[0]
    return fields


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(request_context_fields())
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


JSONFormatter.converter = time.gmtime


class _TextContext(logging.Filter):
    def filter(self, record):
        fields = request_context_fields()
        record.request_id = fields.get("request_id") or "-"
        return True


def install_handler(app, stream=None) -> logging.Handler:
    """Send every logger's records (ours, Flask's, the rate limiter's, SQLAlchemy's
    warnings) to stderr in the configured format. Called once per process."""
    handler = logging.StreamHandler(stream or sys.stderr)
    chosen = app.config["LOG_FORMAT"] or ("json" if app.config["ENV"] == "production" else "text")
    if chosen == "json":
        handler.setFormatter(JSONFormatter())
    else:
        handler.addFilter(_TextContext())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    handler._youthportal = True
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_youthportal", False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"])
    # Flask's own handler would print every error a second time.
    from flask.logging import default_handler

    app.logger.removeHandler(default_handler)
    return handler


def init_app(app) -> None:
    if not app.testing:
        install_handler(app)

    def _start():
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()
        g.query_ms = 0.0
        g.query_count = 0

    # First of all: the timing and the request id cover the session checks too, and exist
    # even when one of them answers the request itself (a redirect to sign in).
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _finish(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        started = g.get("request_started")
        if started is None:
            return response
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed >= current_app.config["SLOW_REQUEST_MS"]:
            log.warning(
                "slow request",
                extra={
                    "event": "slow_request",
                    "method": request.method,
                    "endpoint": request.endpoint,
                    # The route's pattern, not the path: paths of e-mailed links carry tokens.
                    "route": request.url_rule.rule if request.url_rule else None,
                    "status": response.status_code,
                    "duration_ms": round(elapsed, 1),
                    "sql_ms": round(g.get("query_ms", 0.0), 1),
                    "sql_count": g.get("query_count", 0),
                },
            )
        return response

    with app.app_context():
        from youthportal.extensions import db

        _watch_statements(db.engine)


def _watch_statements(engine) -> None:
    if getattr(engine, "_youthportal_timed", False):
        return
    engine._youthportal_timed = True

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        conn.info["query_started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        started = conn.info.pop("query_started", None)
        if started is None or not has_app_context():
            return  # begun before the listener was attached, or outside the portal
        elapsed = (time.perf_counter() - started) * 1000
        if has_request_context():
            g.query_ms = g.get("query_ms", 0.0) + elapsed
            g.query_count = g.get("query_count", 0) + 1
        if elapsed >= current_app.config["SLOW_QUERY_MS"]:
            query_log.warning(
                "slow query",
                extra={
                    "event": "slow_query",
                    "duration_ms": round(elapsed, 1),
                    # The statement's text only: values are bound parameters, never logged.
                    "statement": " ".join(statement.split())[:2000],
                },
            )
