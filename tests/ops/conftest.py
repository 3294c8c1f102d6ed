"""Fixtures of the production tests: a migrated database of their own and its app."""

import pytest

from tests.ops.support import separate_database
from youthportal import create_app
from youthportal.cli import upgrade_database
from youthportal.extensions import db


@pytest.fixture
def own_database(tmp_path):
    """A migrated, empty database apart from the suite's (its URL)."""
    with separate_database(tmp_path) as url:
        migrator = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
        with migrator.app_context():
            upgrade_database()
            db.session.remove()
            db.engine.dispose()
        yield url


@pytest.fixture
def own_app(app, own_database, tmp_path_factory):
    """An app on the separate database; its context is pushed over the suite's, so the
    factories (make_user, ...) write there."""
    from tests import conftest as base

    other = create_app(base.test_config(tmp_path_factory, SQLALCHEMY_DATABASE_URI=own_database))
    with other.app_context():
        yield other
        db.session.remove()
        db.engine.dispose()
