"""What bench/seed.py, bench/run.py and bench/vote_storm.py share: where the seeded actors are
written, the User-Agent every benchmark client sends, and signing a session cookie for a
user without going through POST /login (its rate limit would stop a benchmark).

Not a benchmark of its own.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

# Flask-Login's "basic" session protection hashes the client address and User-Agent into
# the session (`_id`); every client of the benchmark sends this one, so a cookie signed here
# matches what the server computes and the session is not rewritten on every request.
USER_AGENT = "youthportal-bench/1.0"
CLIENT_ADDRESS = "127.0.0.1"


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "bench"


def default_actors_path(url: str) -> Path:
    """Where seed.py writes the ids and URLs of a data set (one file per database)."""
    return Path("/tmp") / f"youthportal-bench-{database_name(url)}.json"


def session_cookie(app, session_user_id: str) -> str:
    """The value of the session cookie of a user signed in just now, as POST /login leaves it
    (youthportal.accounts.session.start_session, then flask_login.login_user): the user id
    with its session version, fresh, permanent, `last_seen` now and the identifier of this
    client. Sign it again before each measurement: `last_seen` older than 30 s makes the app
    rewrite the cookie on every response."""
    with app.test_request_context(
        "/", headers={"User-Agent": USER_AGENT}, environ_base={"REMOTE_ADDR": CLIENT_ADDRESS}
    ):
        ident = app.login_manager._session_identifier_generator()
    data = {
        "_permanent": True,
        "last_seen": int(time.time()),
        "_user_id": session_user_id,
        "_fresh": True,
        "_id": ident,
    }
    return app.session_interface.get_signing_serializer(app).dumps(data)
