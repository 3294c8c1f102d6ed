"""Engine settings: SQLite gets WAL, foreign keys and a busy timeout on every connection."""

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def configure_engine_events(app) -> None:
    from youthportal.extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite" and not getattr(engine, "_youthportal_pragmas", False):
            event.listen(engine, "connect", _sqlite_pragmas)
            engine._youthportal_pragmas = True
