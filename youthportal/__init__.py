"""youthportal: a participation portal for children and young people."""

import os
import secrets
from pathlib import Path

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    instance_path = os.environ.get("YOUTHPORTAL_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object("youthportal.config")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("YOUTHPORTAL")
    if config:
        app.config.update(config)

    _finish_config(app)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from youthportal.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)

    from youthportal.core.i18n import select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)

    from youthportal.core import cache, database

    database.configure_engine_events(app)
    cache.init_app(app)

    from youthportal.accounts import session as account_session

    account_session.init_app(app, login_manager)

    _register_models()
    _register_blueprints(app)

    from youthportal.core import errors, security, templating

    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)

    from youthportal.ops import health, logs, static_names

    logs.init_app(app)
    health.init_app(app)
    static_names.init_app(app)

    from youthportal.cli import register_commands

    register_commands(app)
    return app


def _finish_config(app: Flask) -> None:
    cfg = app.config
    production = cfg.get("ENV") == "production"
    if not cfg.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        cfg["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{Path(app.instance_path) / 'youthportal.sqlite3'}"
        )
    if not cfg.get("SECRET_KEY"):
        if production:
            raise RuntimeError(
                "SECRET_KEY is not set: set YOUTHPORTAL_SECRET_KEY or instance/config.py"
            )
        cfg["SECRET_KEY"] = _development_secret_key(Path(app.instance_path))
    if cfg.get("REDIS_URL") and cfg["RATELIMIT_STORAGE_URI"] == "memory://":
        # Limits are counted in Redis, shared by every server; while Redis is unreachable,
        # each process counts its own (the same limits, per process) and logs the outage.
        cfg["RATELIMIT_STORAGE_URI"] = cfg["REDIS_URL"]
        cfg.setdefault(
            "RATELIMIT_STORAGE_OPTIONS",
            {
                "socket_timeout": cfg["REDIS_TIMEOUT_SECONDS"],
                "socket_connect_timeout": cfg["REDIS_TIMEOUT_SECONDS"],
            },
        )
        cfg.setdefault("RATELIMIT_KEY_PREFIX", cfg["CACHE_KEY_PREFIX"].rstrip(":"))
    cfg.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    cfg.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    if production:
        cfg["SESSION_COOKIE_SECURE"] = True
        cfg["REMEMBER_COOKIE_SECURE"] = True
        cfg["PREFERRED_URL_SCHEME"] = "https"
    # Flask-Babel resolves relative paths against the package; make it absolute.
    cfg["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(cfg["BABEL_TRANSLATION_DIRECTORIES"]).resolve())


def _development_secret_key(instance: Path) -> str:
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _register_models() -> None:
    # Import every models module so metadata is complete (migrations, create_all).
    import youthportal.accounts.models  # noqa: F401
    import youthportal.consultations.models  # noqa: F401
    import youthportal.core.models  # noqa: F401
    import youthportal.discussions.models  # noqa: F401
    import youthportal.hackathon.models  # noqa: F401
    import youthportal.notifications.models  # noqa: F401
    import youthportal.policy.models  # noqa: F401
    import youthportal.polls.models  # noqa: F401
    import youthportal.reports.models  # noqa: F401
    import youthportal.safety.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from youthportal.accounts.views import bp as accounts_bp
    from youthportal.admin.views import bp as admin_bp
    from youthportal.admin.views_words import bp as words_bp
    from youthportal.consultations.views import bp as consultations_bp
    from youthportal.discussions.views import bp as discussions_bp
    from youthportal.groups.views import bp as groups_bp
    from youthportal.hackathon.views import bp as hackathon_bp
    from youthportal.notifications.views import bp as notifications_bp
    from youthportal.pages.views import bp as pages_bp
    from youthportal.policy.views import bp as policy_bp
    from youthportal.polls.views import bp as polls_bp
    from youthportal.reports.views import bp as reports_bp
    from youthportal.safety.views import bp as safety_bp
    from youthportal.safety.views_cases import bp as safeguarding_bp
    from youthportal.safety.views_metrics import bp as metrics_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(groups_bp, url_prefix="/groups")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(discussions_bp, url_prefix="/discussions")
    app.register_blueprint(polls_bp, url_prefix="/polls")
    app.register_blueprint(consultations_bp, url_prefix="/consultations")
    app.register_blueprint(hackathon_bp, url_prefix="/unehack")
    app.register_blueprint(reports_bp, url_prefix="/reports")
    app.register_blueprint(policy_bp, url_prefix="/policy")
    app.register_blueprint(safety_bp, url_prefix="/moderation")
    app.register_blueprint(metrics_bp, url_prefix="/moderation/metrics")
    app.register_blueprint(safeguarding_bp, url_prefix="/safeguarding")
    app.register_blueprint(words_bp, url_prefix="/admin/words")
