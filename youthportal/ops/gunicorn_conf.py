"""gunicorn settings for `youthportal serve` (and `gunicorn -c` with this file).

Every value can be changed by an environment variable, so a systemd unit or an operator's
shell overrides one without editing code. Sync workers suit this portal: each request does
its work in the database, pages are server-rendered, and nginx in front buffers slow clients.
"""

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Two workers per core plus one, capped: a worker waits on PostgreSQL part of the time, and
# each costs memory (about 80-120 MB), so more than 12 only adds waiting.
workers = _int("YOUTHPORTAL_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 12))
bind = os.environ.get("YOUTHPORTAL_BIND", "127.0.0.1:8000")
worker_class = "sync"
# A request that takes longer than this is stuck: the worker is replaced and the request
# answered with 502 by nginx. The PDF of a long report takes about a second.
timeout = _int("YOUTHPORTAL_WORKER_TIMEOUT", 30)
graceful_timeout = _int("YOUTHPORTAL_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are replaced after this many requests (with jitter, so not all at once): a slow
# leak in a library never grows without bound.
max_requests = _int("YOUTHPORTAL_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# Import the app once in the master: workers share its memory pages (copy on write).
preload_app = True
# No access log of gunicorn's own by default: nginx keeps one (with the tokens of e-mailed
# links blanked, docs/deploy.md), and the portal's own log lines carry the request id. Set
# YOUTHPORTAL_ACCESS_LOG=- to have it on stdout; it has paths, never query strings (a search
# or a form sent by GET may hold a child's words).
accesslog = os.environ.get("YOUTHPORTAL_ACCESS_LOG") or None
access_log_format = "%(m)s %(U)s %(s)s %(b)s %(M)sms id=%({x-request-id}o)s"
errorlog = "-"
loglevel = os.environ.get("YOUTHPORTAL_GUNICORN_LOG_LEVEL", "info")
_production = os.environ.get("YOUTHPORTAL_ENV") == "production"
if os.environ.get("YOUTHPORTAL_LOG_FORMAT", "json" if _production else "text") == "json":
    # gunicorn's own lines (start, workers, access) in JSON too, like the portal's: its two
    # default handlers keep their names and streams, with the portal's formatter. Its loggers
    # stop there, and the root logger is left to the portal (one line per record).
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error_console"],
                "propagate": False,
            },
            # gunicorn turns its access log on whenever logconfig_dict is set: it gets a
            # handler only when YOUTHPORTAL_ACCESS_LOG asks for one.
            "gunicorn.access": {
                "level": "INFO",
                "handlers": {None: [], "-": ["console"]}.get(accesslog, ["access_file"]),
                "propagate": False,
            },
        },
        "formatters": {"json": {"()": "youthportal.ops.logs.JSONFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
    }
    if accesslog not in (None, "-"):
        logconfig_dict["handlers"]["access_file"] = {
            "class": "logging.FileHandler",
            "formatter": "json",
            "filename": accesslog,
        }
else:
    logconfig_dict = {}  # gunicorn's own plain lines
# nginx on the same host (or the private network) sets these.
forwarded_allow_ips = os.environ.get("YOUTHPORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "youthportal"
# gunicorn's control socket (one per user, in ~/.gunicorn) is not used, and two servers on
# one host would fight over it.
control_socket_disable = True


def when_ready(server):
    # Objects made while importing the app will never be freed: keep the garbage collector
    # away from them, so that workers do not copy those pages by touching them.
    gc.freeze()


def post_fork(server, worker):
    # Each worker opens its own database connections: never share a socket across a fork.
    from youthportal.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
