"""/healthz: the process answers (for the load balancer's liveness check, no database).
/readyz: this server can serve: the database answers and its schema is at the code's
migration head, and Redis answers when one is configured. Neither sets a cookie."""

from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from youthportal.extensions import csrf, db, limiter

bp = Blueprint("ops", __name__)


def _database() -> tuple[bool, str]:
    try:
        with db.engine.connect() as conn:
            # Read directly, not through alembic (which logs a line per call: every few
            # seconds from the load balancer).
            has_versions = db.inspect(conn).has_table("alembic_version")
            current = (
                set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
                if has_versions
                else set()
            )
    except Exception as exc:  # any failure means "not ready"; the reason is logged below
        current_app.logger.warning(
            "readiness: database unreachable",
            extra={"event": "not_ready", "error": type(exc).__name__},
        )
        return False, "unreachable"
    heads = set(_script_heads())
    if current != heads:
        return False, "migrations pending"
    return True, "ok"


def _script_heads() -> tuple[str, ...]:
    cached = current_app.extensions.get("migration_heads")
    if cached is None:
        directory = current_app.extensions["migrate"].directory
        config = current_app.extensions["migrate"].migrate.get_config(directory)
        cached = tuple(ScriptDirectory.from_config(config).get_heads())
        current_app.extensions["migration_heads"] = cached
    return cached


def _redis() -> tuple[bool, str]:
    from youthportal.core.cache import shared

    answers = shared().ping()
    if answers is None:
        return True, "not configured"
    return (True, "ok") if answers else (False, "unreachable")


@bp.route("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    checks = {}
    ready = True
    for name, check in (("database", _database), ("redis", _redis)):
        ok, detail = check()
        checks[name] = detail
        ready = ready and ok
    response = jsonify(status="ready" if ready else "unavailable", checks=checks)
    response.status_code = 200 if ready else 503
    return response


def init_app(app) -> None:
    app.register_blueprint(bp)
    csrf.exempt(bp)
    limiter.exempt(bp)
