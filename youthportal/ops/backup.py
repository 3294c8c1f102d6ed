"""`youthportal backup` and `youthportal restore`.

SQLite: the online backup API copies a consistent snapshot while the portal keeps serving.
PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table) and
`pg_restore --clean --if-exists --single-transaction`: a restore that fails changes nothing.
The password never appears on a command line (other users could read it in `ps`): the tools
get it through their environment.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from youthportal.extensions import db

log = logging.getLogger("youthportal.backup")
PREFIX = "youthportal-"


class BackupError(RuntimeError):
    pass


def backup_dir() -> Path:
    configured = current_app.config.get("BACKUP_DIR")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # backups hold every child's data: only the portal's user reads them
    return folder


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path(url) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _pg_environment(url) -> dict:
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            env[key] = str(value)
    return env


def _run(command: list[str], env: dict) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    done = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")


def backup(now: datetime | None = None) -> Path:
    """Write one backup file and return its path; then keep only the newest BACKUP_KEEP."""
    url = _url()
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    folder = backup_dir()
    if url.get_backend_name() == "sqlite":
        target = folder / f"{PREFIX}{stamp}.sqlite3"
        partial = target.with_suffix(".partial")
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(partial)
        try:
            with copy:
                source.backup(copy)
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("the copy failed its integrity check")
        finally:
            copy.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        target = folder / f"{PREFIX}{stamp}.dump"
        partial = target.with_suffix(".partial")
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)],
            _pg_environment(url),
        )
    else:
        raise BackupError(f"no backup for {url.get_backend_name()}")
    partial.chmod(0o600)
    partial.rename(target)  # a file with the final name is always complete
    removed = prune()
    log.info(
        "backup written",
        extra={
            "event": "backup",
            "file": target.name,
            "bytes": target.stat().st_size,
            "pruned": removed,
        },
    )
    return target


def backups() -> list[Path]:
    """This installation's backups, newest first."""
    files = [p for p in backup_dir().glob(f"{PREFIX}*") if p.suffix in (".sqlite3", ".dump")]
    return sorted(files, key=lambda p: p.name, reverse=True)


def prune() -> int:
    keep = max(1, int(current_app.config["BACKUP_KEEP"]))
    old = backups()[keep:]
    for path in old:
        path.unlink()
    return len(old)


def restore(path: Path) -> None:
    """Replace the whole database with the backup's content."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    url = _url()
    # Every pooled connection of this process goes: the database underneath is replaced.
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        if path.suffix != ".sqlite3":
            raise BackupError("a SQLite database is restored from a .sqlite3 backup")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_path(url))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        if path.suffix != ".dump":
            raise BackupError("a PostgreSQL database is restored from a .dump backup")
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                url.database,
                str(path),
            ],
            _pg_environment(url),
        )
    else:
        raise BackupError(f"no restore for {url.get_backend_name()}")
    log.warning("database restored", extra={"event": "restore", "file": path.name})


@click.command("backup")
@with_appcontext
def backup_command():
    """Back up the database into BACKUP_DIR (default instance/backups), keeping the newest
    BACKUP_KEEP files. Safe while the portal serves; run it from cron or a systemd timer."""
    try:
        path = backup()
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written: {path}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(backup_file, yes):
    """Replace the whole database with a backup. Stop the app servers first."""
    if not yes:
        click.confirm(f"Replace everything in the database with {backup_file.name}?", abort=True)
    try:
        restore(backup_file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored from {backup_file}. Run `youthportal db upgrade` if it is older.")
