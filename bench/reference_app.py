"""The reference page of bench/run.py: a minimal Flask + SQLAlchemy + Jinja app, served the way
the portal is, to tell what the portal's pages cost beyond what any such app costs.

    gunicorn --preload -w 2 -b 127.0.0.1:8002 --chdir bench reference_app:app
    BENCH_REFERENCE_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_reference \
        gunicorn --preload -w 2 -b 127.0.0.1:8002 --chdir bench reference_app:app

One table of 10,000 rows (created and filled at start when empty; PostgreSQL from
BENCH_REFERENCE_DATABASE_URL, else a SQLite file in the system's temporary folder) and one
page, `/`, listing 50 of them (`?page=N`) through Flask-SQLAlchemy's paginate (a count and
a page: the two statements of the portal's lists) in a Jinja template with a base layout.
bench/run.py starts it with 2 sync workers, like `youthportal serve --workers 2`.
"""

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask, render_template, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROWS, PER_PAGE = 10_000, 50


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Item(db.Model):
    __tablename__ = "reference_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    score: Mapped[int]
    created_at: Mapped[datetime]


LAYOUT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %} · Reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<header><a href="{{ url_for('index') }}">Reference</a></header>
<main>{% block content %}{% endblock %}</main>
<footer><p>A minimal page for comparison.</p></footer>
</body>
</html>"""

PAGE = """{% extends "layout.html" %}
{% block title %}Items, page {{ page.page }}{% endblock %}
{% block content %}
<h1>Items</h1>
<table>
<thead><tr><th>#</th><th>Name</th><th>Category</th><th>Score</th><th>Added</th></tr></thead>
<tbody>
{% for item in page.items %}
<tr><td>{{ item.id }}</td><td>{{ item.name }}</td><td>{{ item.category }}</td>
<td>{{ item.score }}</td><td>{{ item.created_at.strftime("%Y-%m-%d %H:%M") }}</td></tr>
{% endfor %}
</tbody>
</table>
<p>Page {{ page.page }} of {{ page.pages }}
{% if page.has_next %}<a href="{{ url_for('index', page=page.next_num) }}">next</a>{% endif %}</p>
{% endblock %}"""


def create_app() -> Flask:
    app = Flask(__name__)
    url = os.environ.get("BENCH_REFERENCE_DATABASE_URL") or (
        f"sqlite:///{Path(tempfile.gettempdir()) / 'youthportal-bench-reference.sqlite3'}"
    )
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    db.init_app(app)

    from jinja2 import DictLoader

    app.jinja_loader = DictLoader({"layout.html": LAYOUT, "items.html": PAGE})

    @app.route("/")
    def index():
        stmt = select(Item).order_by(Item.id)
        page = db.paginate(stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE)
        return render_template("items.html", page=page)

    with app.app_context():
        db.create_all()
        if db.session.scalar(select(func.count()).select_from(Item)) < ROWS:
            db.session.execute(Item.__table__.delete())
            start = datetime(2026, 1, 1)
            db.session.execute(
                insert(Item),
                [
                    {
                        "id": n + 1,
                        "name": f"Item {n + 1}",
                        "category": ("red", "green", "blue", "yellow")[n % 4],
                        "score": (n * 7919) % 1000,
                        "created_at": start + timedelta(minutes=n),
                    }
                    for n in range(ROWS)
                ],
            )
            db.session.commit()
        # Loaded in gunicorn's master (--preload): workers open their own connections.
        db.engine.dispose()
    app.config["STARTED_AT"] = datetime.now(UTC).isoformat()
    return app


app = create_app()
