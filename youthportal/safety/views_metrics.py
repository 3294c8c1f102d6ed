"""The moderation metrics page: weekly counts, review times and upheld flags, as a chart and
a table. Aggregates only: no content and no member appears here."""

from flask import Blueprint, current_app, render_template, request
from flask_babel import format_date, format_decimal, format_percent

from youthportal.core.permissions import require
from youthportal.safety import chart, metrics

bp = Blueprint("metrics", __name__)

NONE = "\u2014"  # shown (with hidden words for screen readers) where there is nothing to measure


def _number(value: int) -> str:
    return format_decimal(value)


def _hours(value: float | None) -> str | None:
    return None if value is None else format_decimal(value, "#,##0.0")


def _share(value: float | None) -> str | None:
    return None if value is None else format_percent(value)


@bp.route("/")
@require("moderator")
def index():
    weeks = request.args.get("weeks", type=int)
    if weeks not in metrics.PERIODS:
        weeks = metrics.DEFAULT_WEEKS
    rows = metrics.weekly(weeks)
    return render_template(
        "safety/metrics.html",
        rows=rows,
        total=metrics.totals(rows),
        weeks=weeks,
        periods=metrics.PERIODS,
        chart=chart.weekly_chart(rows),
        time_zone=current_app.config["BABEL_DEFAULT_TIMEZONE"],
        week_label=lambda row: format_date(row.start, "medium"),
        number=_number,
        hours=_hours,
        share=_share,
        none_mark=NONE,
    )
