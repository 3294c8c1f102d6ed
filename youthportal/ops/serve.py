"""`youthportal serve`: gunicorn with the settings of gunicorn_conf.py."""

from pathlib import Path

import click
from gunicorn.app.base import Application

CONFIG_FILE = Path(__file__).with_name("gunicorn_conf.py")


class PortalServer(Application):
    def __init__(self, overrides: dict):
        self.overrides = overrides
        super().__init__()

    def init(self, parser, opts, args):
        return {}

    def load_config(self):
        # gunicorn's own command line is not parsed: click has read the options.
        self.load_config_from_file(str(CONFIG_FILE))
        for key, value in self.overrides.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self):
        try:
            # The project's wsgi.py, when serving from a checkout (the documented setup).
            from wsgi import app
        except ImportError:
            from youthportal import create_app

            app = create_app()
        return app


@click.command("serve")
@click.option("--bind", "-b", default=None, help="Address (default 127.0.0.1:8000).")
@click.option("--workers", "-w", type=int, default=None, help="Worker processes (default 2×CPU+1).")
@click.option(
    "--timeout", type=int, default=None, help="Seconds before a stuck worker is restarted."
)
def serve_command(bind, workers, timeout):
    """Serve the portal with gunicorn (production). Settings: youthportal/ops/gunicorn_conf.py,
    each one also an environment variable (YOUTHPORTAL_WORKERS, YOUTHPORTAL_BIND, ...)."""
    PortalServer({"bind": [bind] if bind else None, "workers": workers, "timeout": timeout}).run()
