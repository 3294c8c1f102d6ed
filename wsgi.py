"""WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from youthportal import create_app

app = create_app()
