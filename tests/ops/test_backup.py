"""`youthportal backup` and `restore`: back up the demo data, destroy the database, restore
it, and find every row of every table again (SQLite file, or pg_dump on PostgreSQL)."""

import stat
from datetime import UTC, datetime

from sqlalchemy import inspect, select, text

from youthportal.demo import seed_demo
from youthportal.extensions import db
from youthportal.ops import backup as backups


def snapshot() -> dict[str, list]:
    """Every row of every table (the migrations' own table included), in key order."""
    rows = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows[table.name] = [
            tuple(row) for row in db.session.execute(select(table).order_by(*order)).all()
        ]
    rows["alembic_version"] = db.session.execute(text("SELECT * FROM alembic_version")).all()
    return rows


def destroy() -> None:
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    db.session.remove()


def test_a_backup_restores_every_row_after_the_database_is_destroyed(own_app, tmp_path):
    own_app.config["BACKUP_DIR"] = str(tmp_path / "backups")
    seed_demo()
    db.session.commit()
    before = snapshot()
    assert sum(len(r) for r in before.values()) > 500, "the demo fills the tables"
    assert len([t for t, r in before.items() if r]) > 40

    runner = own_app.test_cli_runner()
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    (archive,) = backups.backups()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700

    destroy()
    assert inspect(db.engine).get_table_names() == []

    result = runner.invoke(args=["restore", str(archive)], input="n\n")
    assert result.exit_code != 0 and inspect(db.engine).get_table_names() == [], "asks first"
    result = runner.invoke(args=["restore", str(archive), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert snapshot() == before

    # The restored database is ready to serve: migrations current, pages answer.
    client = own_app.test_client()
    assert client.get("/readyz").status_code == 200
    assert client.get("/policy/record").status_code == 200


def test_backups_beyond_the_retention_are_removed(own_app, tmp_path):
    own_app.config.update(BACKUP_DIR=str(tmp_path / "kept"), BACKUP_KEEP=2)
    made = [backups.backup(now=datetime(2026, 11, day, 3, 0, tzinfo=UTC)).name for day in (1, 2, 3)]
    assert [p.name for p in backups.backups()] == [made[2], made[1]]


def test_a_restore_refuses_a_file_of_the_other_database(own_app, tmp_path):
    wrong = tmp_path / ("youthportal-x.dump" if db.engine.dialect.name == "sqlite" else "x.sqlite3")
    wrong.write_bytes(b"not a backup")
    result = own_app.test_cli_runner().invoke(args=["restore", str(wrong), "--yes"])
    assert result.exit_code != 0
    assert "restored from a" in result.output
