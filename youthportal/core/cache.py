"""A small cache shared by every app server: Redis when YOUTHPORTAL_REDIS_URL is set, this
process's memory otherwise, and this process's memory again for as long as Redis cannot be
reached (the outage and the recovery are logged once each).

Values are pickled and signed with the secret key: a value read back from Redis is only
unpickled when its signature is right, so whoever can write to Redis still cannot make the
portal run code. Keys are namespaced; `bump(namespace)` drops every entry of a namespace on
every server at once by moving it to a new generation.
"""

import hashlib
import hmac
import logging
import pickle
import threading
import time

from flask import current_app

log = logging.getLogger("youthportal.cache")

# After a failed Redis call, memory is used for this long before Redis is tried again.
RETRY_SECONDS = 5.0
_MEMORY_LIMIT = 1024


class SharedCache:
    def __init__(self, app):
        self.prefix = app.config["CACHE_KEY_PREFIX"]
        self.secret = hashlib.sha256(("cache:" + app.config["SECRET_KEY"]).encode()).digest()
        self.redis = redis_from_config(app.config)
        self._memory: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()
        self._down_until = 0.0

    # -- the public part -------------------------------------------------------------------
    def get(self, key: str):
        raw = self._call(lambda r: r.get(self.prefix + key))
        if raw is _UNAVAILABLE:
            with self._lock:
                hit = self._memory.get(key)
            if hit is None or hit[0] < time.monotonic():
                return None
            return hit[1]
        return self._unpack(raw) if raw is not None else None

    def set(self, key: str, value, ttl: float) -> None:
        packed = self._pack(value)
        done = self._call(lambda r: r.set(self.prefix + key, packed, px=max(1, int(ttl * 1000))))
        if done is _UNAVAILABLE:
            with self._lock:
                if len(self._memory) >= _MEMORY_LIMIT:
                    self._memory.clear()
                self._memory[key] = (time.monotonic() + ttl, value)

    def generation(self, namespace: str) -> int:
        value = self._call(lambda r: r.get(self.prefix + "gen:" + namespace))
        if value is _UNAVAILABLE:
            with self._lock:
                return int(self._memory.get("gen:" + namespace, (0, 0))[1])
        return int(value or 0)

    def bump(self, namespace: str) -> None:
        """Forget every entry of a namespace (on all servers when Redis is used)."""
        self._call(lambda r: r.incr(self.prefix + "gen:" + namespace))
        with self._lock:
            # Memory entries may have been written during an outage: drop them too.
            old = int(self._memory.get("gen:" + namespace, (0, 0))[1])
            self._memory["gen:" + namespace] = (float("inf"), old + 1)
            for key in [k for k in self._memory if k.startswith(namespace + ":")]:
                del self._memory[key]

    def ping(self) -> bool | None:
        """Whether Redis answers (None without Redis). A health check always asks, even while
        the cache waits before trying again, and its success ends the outage at once."""
        if self.redis is None:
            return None
        return self._call(lambda r: r.ping(), force=True) is not _UNAVAILABLE

    def clear_memory(self) -> None:
        with self._lock:
            self._memory.clear()

    # -- Redis, with a fallback ------------------------------------------------------------
    def _call(self, operation, force: bool = False):
        if self.redis is None or (not force and time.monotonic() < self._down_until):
            return _UNAVAILABLE
        try:
            result = operation(self.redis)
        except Exception as exc:  # any Redis or socket error: serve from memory instead
            if not self._down_until:
                log.warning(
                    "redis unreachable, caching in this process's memory",
                    extra={"event": "redis_down", "error": type(exc).__name__},
                )
            self._down_until = time.monotonic() + RETRY_SECONDS
            return _UNAVAILABLE
        if self._down_until:
            log.info("redis reachable again", extra={"event": "redis_up"})
            self._down_until = 0.0
        return result

    def _pack(self, value) -> bytes:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return hmac.new(self.secret, body, hashlib.sha256).digest() + body

    def _unpack(self, raw: bytes):
        signature, body = raw[:32], raw[32:]
        expected = hmac.new(self.secret, body, hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            log.error("cache entry with a wrong signature ignored", extra={"event": "bad_cache"})
            return None
        return pickle.loads(body)  # noqa: S301 - signed by us, checked above


_UNAVAILABLE = object()


def redis_from_config(config):
    """A Redis client for YOUTHPORTAL_REDIS_URL, or None. Short timeouts: a Redis that does not
    answer must cost a request half a second at most, never a worker."""
    url = config.get("REDIS_URL")
    if not url:
        return None
    import redis

    return redis.Redis.from_url(
        url,
        socket_timeout=config["REDIS_TIMEOUT_SECONDS"],
        socket_connect_timeout=config["REDIS_TIMEOUT_SECONDS"],
        health_check_interval=30,
    )


def init_app(app) -> None:
    app.extensions["youthportal_cache"] = SharedCache(app)


def shared() -> SharedCache:
    return current_app.extensions["youthportal_cache"]


def make_key(namespace: str, *parts) -> str:
    """A key of the namespace's current generation; parts may be any values with a repr."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{namespace}:{shared().generation(namespace)}:{digest}"
