"""Moderation metrics (being written)."""

from flask import Blueprint

bp = Blueprint("metrics", __name__)


@bp.route("/")
def index():
    return ""
