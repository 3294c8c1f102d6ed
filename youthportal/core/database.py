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


def insert_if_absent(model, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: True when the row was added, False when a row with the
    same unique key already existed (a double click, a second report, a replayed form).

    No SAVEPOINT is needed, so the insert belongs to the request's transaction on SQLite too
    (Python's sqlite3 driver commits a savepoint opened as the first statement of a
    transaction at once, which a later rollback could not undo).
    """
    from sqlalchemy.dialects import postgresql, sqlite

    from youthportal.extensions import db

    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    key = list(model.__table__.primary_key.columns)
    stmt = module.insert(model).values(**values).on_conflict_do_nothing().returning(*key)
    # RETURNING tells reliably whether a row was added (psycopg reports no rowcount here).
    return db.session.execute(stmt).first() is not None


def lock_row(obj) -> None:
    """SELECT … FOR UPDATE on the object's row, so a count or a check made after it sees
    what concurrent requests committed (PostgreSQL; SQLite already serialises writers)."""
    from sqlalchemy import select

    from youthportal.extensions import db

    if hasattr(obj, "_get_current_object"):  # current_user and other proxies
        obj = obj._get_current_object()
    model = type(obj)
    db.session.execute(select(model.id).where(model.id == obj.id).with_for_update())
