"""Health checks, structured logs with request ids, slow-request and slow-query lines that
never carry a child's words, static files under hashed names, and the shared cache."""

import io
import json
import logging
import re
import time
import uuid

import pytest

from tests.conftest import login
from tests.moderation_helpers import group_thread, setup_group, trusted_youth
from tests.ops.support import REDIS_URL, free_port, require_redis
from youthportal.core.cache import SharedCache
from youthportal.ops import logs

# --- health --------------------------------------------------------------------------------


def test_healthz_answers_without_the_database_or_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_readyz_is_not_ready_while_migrations_are_pending(client):
    # The suite's schema comes from create_all: no migration was ever recorded.
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {
        "status": "unavailable",
        "checks": {"database": "migrations pending", "redis": "not configured"},
    }


def test_readyz_is_ready_on_a_migrated_database(own_app):
    response = own_app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.json["status"] == "ready"
    assert response.json["checks"]["database"] == "ok"


# --- logs ----------------------------------------------------------------------------------


@pytest.fixture
def log_stream(app):
    stream = io.StringIO()
    app.config["LOG_FORMAT"] = "json"
    handler = logs.install_handler(app, stream)
    yield stream
    logging.getLogger().removeHandler(handler)
    app.config["LOG_FORMAT"] = None


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_every_response_carries_a_request_id_and_a_valid_one_from_nginx_is_kept(client):
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    given = client.get("/healthz", headers={"X-Request-ID": "nginx-7f3a9c2e11"})
    assert given.headers["X-Request-ID"] == "nginx-7f3a9c2e11"
    odd = client.get("/healthz", headers={"X-Request-ID": "<script> and spaces"})
    assert re.fullmatch(r"[0-9a-f]{32}", odd.headers["X-Request-ID"])


def test_slow_requests_and_queries_are_logged_as_json_without_a_childs_words(
    app, client, log_stream
):
    facilitator, group = setup_group()
    thread = group_thread(group, facilitator)
    youth = trusted_youth(group)
    login(client, youth)
    secret = "My cousin Dritan hides his phone under the stairs"
    app.config.update(SLOW_REQUEST_MS=0, SLOW_QUERY_MS=0)
    try:
        response = client.post(
            f"/discussions/t/{thread.id}/comment?draft=1", data={"body": secret, "once": "s1"}
        )
    finally:
        app.config.update(SLOW_REQUEST_MS=1000, SLOW_QUERY_MS=250)
    assert response.status_code == 302
    request_id = response.headers["X-Request-ID"]
    entries = lines(log_stream)
    slow = [e for e in entries if e.get("event") == "slow_request"]
    assert len(slow) == 1
    assert slow[0]["request_id"] == request_id
    assert slow[0]["user_id"] == youth.id, "the user as an opaque number only"
    assert slow[0]["route"] == "/discussions/t/<int:thread_id>/comment", "no ids, tokens, query"
    assert slow[0]["status"] == 302 and slow[0]["sql_count"] > 3
    inserts = [e for e in entries if "INSERT INTO comment " in e.get("statement", "")]
    assert inserts and all(e["request_id"] == request_id for e in inserts)
    everything = log_stream.getvalue()
    assert "Dritan" not in everything and "stairs" not in everything
    assert youth.login_name not in everything and youth.display_name not in everything


def test_an_unexpected_error_is_logged_with_its_request_id(app, client, log_stream, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "pages.accessibility", broken)
    response = client.get("/accessibility")
    assert response.status_code == 500
    (entry,) = [e for e in lines(log_stream) if e["message"] == "unhandled error"]
    assert entry["level"] == "ERROR"
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert "RuntimeError: boom" in entry["exception"]


# --- static files --------------------------------------------------------------------------


def test_pages_link_static_files_by_a_hash_of_their_content_cached_for_a_year(client):
    page = client.get("/").get_data(as_text=True)
    (href,) = re.findall(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    response = client.get(href)
    assert response.status_code == 200
    assert b"{" in response.data
    cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache
    response.close()
    plain = client.get("/static/css/portal.css")
    assert plain.status_code == 200 and "immutable" not in plain.headers.get("Cache-Control", "")
    plain.close()
    assert client.get("/static/css/missing.0123456789ab.css").status_code == 404


# --- the shared cache ----------------------------------------------------------------------


class _Config:
    def __init__(self, **config):
        self.config = {
            "CACHE_KEY_PREFIX": f"yptest-{uuid.uuid4().hex[:8]}:",
            "SECRET_KEY": "cache-test",
            "REDIS_TIMEOUT_SECONDS": 0.5,
            "REDIS_URL": None,
            **config,
        }


def test_the_cache_keeps_values_for_their_time_in_memory_without_redis():
    cache = SharedCache(_Config())
    cache.set("policy-record:1:a", {"answered": 3}, ttl=0.2)
    assert cache.get("policy-record:1:a") == {"answered": 3}
    cache.bump("policy-record")
    assert cache.get("policy-record:1:a") is None
    assert cache.generation("policy-record") == 1
    cache.set("poll-live:1", (4, {"ballots": 4}), ttl=0.05)
    time.sleep(0.1)
    assert cache.get("poll-live:1") is None


def test_servers_share_the_cache_through_redis_and_refuse_a_forged_entry(caplog):
    require_redis()
    shared = _Config(REDIS_URL=REDIS_URL)
    one, other = SharedCache(shared), SharedCache(shared)
    one.set("poll-live:7", (12, {"ballots": 12}), ttl=30)
    assert other.get("poll-live:7") == (12, {"ballots": 12})
    other.bump("policy-record")
    assert one.generation("policy-record") == 1
    # Whoever writes to Redis cannot make the portal unpickle their data.
    one.redis.set(shared.config["CACHE_KEY_PREFIX"] + "poll-live:7", b"x" * 32 + b"forged")
    with caplog.at_level(logging.ERROR, logger="youthportal.cache"):
        assert other.get("poll-live:7") is None
    assert "wrong signature" in caplog.text
    one.redis.delete(*one.redis.keys(shared.config["CACHE_KEY_PREFIX"] + "*"))


def test_without_redis_the_cache_falls_back_to_memory_and_says_so_once(caplog):
    cache = SharedCache(_Config(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"))
    with caplog.at_level(logging.WARNING, logger="youthportal.cache"):
        cache.set("poll-live:1", (1, {}), ttl=30)
        assert cache.get("poll-live:1") == (1, {})
        assert cache.ping() is False
    assert caplog.text.count("redis unreachable") == 1


def test_a_terminal_gets_plain_lines_with_the_request_id(app, client):
    stream = io.StringIO()
    app.config["LOG_FORMAT"] = "text"
    handler = logs.install_handler(app, stream)
    app.config["SLOW_REQUEST_MS"] = 0
    try:
        response = client.get("/healthz", headers={"X-Request-ID": "req-1234abcd"})
    finally:
        logging.getLogger().removeHandler(handler)
        app.config.update(LOG_FORMAT=None, SLOW_REQUEST_MS=1000)
    assert response.status_code == 200
    assert "WARNING youthportal.requests [req-1234abcd] slow request" in stream.getvalue()


# --- serving -------------------------------------------------------------------------------


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told(monkeypatch):
    import importlib
    import multiprocessing

    from youthportal.ops import gunicorn_conf

    monkeypatch.delenv("YOUTHPORTAL_WORKERS", raising=False)
    assert importlib.reload(gunicorn_conf).workers == min(multiprocessing.cpu_count() * 2 + 1, 12)
    monkeypatch.setenv("YOUTHPORTAL_WORKERS", "3")
    monkeypatch.setenv("YOUTHPORTAL_WORKER_TIMEOUT", "45")
    reloaded = importlib.reload(gunicorn_conf)
    assert (reloaded.workers, reloaded.timeout, reloaded.preload_app) == (3, 45, True)


def test_in_production_gunicorn_logs_json_without_an_access_log_unless_asked(monkeypatch):
    import importlib

    from youthportal.ops import gunicorn_conf

    monkeypatch.setenv("YOUTHPORTAL_ENV", "production")
    monkeypatch.delenv("YOUTHPORTAL_ACCESS_LOG", raising=False)
    monkeypatch.delenv("YOUTHPORTAL_LOG_FORMAT", raising=False)
    quiet = importlib.reload(gunicorn_conf)
    assert quiet.accesslog is None
    assert quiet.logconfig_dict["loggers"]["gunicorn.access"]["handlers"] == []
    formatter = quiet.logconfig_dict["formatters"]["json"]["()"]
    assert formatter == "youthportal.ops.logs.JSONFormatter"
    monkeypatch.setenv("YOUTHPORTAL_ACCESS_LOG", "-")
    asked = importlib.reload(gunicorn_conf)
    assert asked.logconfig_dict["loggers"]["gunicorn.access"]["handlers"] == ["console"]
    monkeypatch.delenv("YOUTHPORTAL_ACCESS_LOG")
    monkeypatch.delenv("YOUTHPORTAL_ENV")
    assert importlib.reload(gunicorn_conf).logconfig_dict == {}
