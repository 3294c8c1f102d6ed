"""One way to paginate a Select: two queries (count + page) whatever the page size."""

from flask import request
from flask_sqlalchemy.pagination import Pagination

from youthportal.extensions import db


def paginate(stmt, per_page: int | None = None) -> Pagination:
    from flask import current_app

    per_page = per_page or current_app.config["PER_PAGE"]
    page = request.args.get("page", 1, type=int)
    # error_out=True turns pages past the end and page<1 into 404.
    return db.paginate(stmt, page=max(page, 0) or 1, per_page=per_page, error_out=True)
