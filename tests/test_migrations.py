"""The Alembic migrations build exactly the schema the models describe."""

import os
import uuid
import warnings

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from youthportal import create_app
from youthportal.extensions import db


@pytest.fixture
def empty_database(tmp_path):
    url = os.environ.get("YOUTHPORTAL_TEST_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"yp_migrations_{uuid.uuid4().hex[:8]}"
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_upgrade_on_an_empty_database_matches_the_models(empty_database, tmp_path, monkeypatch):
    from flask_migrate import downgrade, upgrade

    monkeypatch.setenv("YOUTHPORTAL_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": empty_database}
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn, warnings.catch_warnings():
            # SQLite cannot reflect indexes on expressions (lower(name)); PostgreSQL can,
            # and there the comparison covers them too.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        if db.engine.dialect.name == "sqlite":
            diff = [d for d in diff if not _is_expression_index(d)]
        assert diff == []
        # And it can be taken back down cleanly.
        downgrade(revision="base")
        upgrade()
        db.session.remove()
        db.engine.dispose()


def _is_expression_index(difference) -> bool:
    return difference[0] == "add_index" and any(
        not hasattr(expr, "name") for expr in difference[1].expressions
    )
