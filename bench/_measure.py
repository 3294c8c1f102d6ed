"""What the scale benchmarks share: signing in a test client and measuring one page."""

import statistics
import time

from sqlalchemy import event

from youthportal.extensions import db


def sign_in(client, user_id: str) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
        session["last_seen"] = int(time.time())


def measure(app, client, url: str, runs: int = 20) -> tuple[int, float]:
    """(SQL statements of one request, median milliseconds over `runs` requests)."""
    counter = {"n": 0}

    def count(*_a):
        counter["n"] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    client.get(url)
    event.remove(engine, "before_cursor_execute", count)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    return counter["n"], statistics.median(times)
