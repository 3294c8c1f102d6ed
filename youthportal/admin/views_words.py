"""Watched words admin (being written)."""

from flask import Blueprint

bp = Blueprint("words", __name__)


@bp.route("/")
def index():
    return ""
