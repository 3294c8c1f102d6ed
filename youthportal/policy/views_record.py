"""The public accountability record: the overview, one page per institution, and the same
figures as open data (CSV streamed, JSON). Open to everyone, signed in or not."""

import csv
import io
import json

from flask import Response, abort, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _

from youthportal.accounts.models import Institution
from youthportal.admin.forms import INSTITUTION_KIND_LABELS
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import MAX_ID, get_or_404
from youthportal.policy import charts, dates, record
from youthportal.policy.inbox import inbox_stmt
from youthportal.policy.views import bp

ROWS_PER_PAGE = 50
CSV_ROWS_PER_CHUNK = 100


def _csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _filters(institution_id: int | None = None) -> record.Filters:
    args = request.args
    country = (args.get("country") or "").upper()[:2] or None
    topic_id = args.get("topic", type=int)
    year = args.get("year", type=int)
    if topic_id is not None and not 0 < topic_id <= MAX_ID:
        topic_id = None
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return record.Filters(
        country=country, topic_id=topic_id, year=year, institution_id=institution_id
    )


class _Rows:
    """A page of the institutions' rows (the figures are computed once for all of them)."""

    def __init__(self, rows, page: int):
        self.total = len(rows)
        self.pages = max(1, -(-self.total // ROWS_PER_PAGE))
        if not 1 <= page <= self.pages:
            abort(404)
        self.page = page
        self.items = rows[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
        self.has_prev, self.has_next = page > 1, page < self.pages
        self.prev_num, self.next_num = page - 1, page + 1


@bp.route("/record")
def record_overview():
    filters = _filters()
    total, rows = record.figures(filters)
    countries, topics, years = record.filter_choices()
    return render_template(
        "policy/record.html",
        filters=filters,
        total=total,
        rows=_Rows(rows, request.args.get("page", 1, type=int)),
        countries=countries,
        topics=topics,
        years=years,
        locale=current_locale_code(),
        charts=charts.record_charts(total),
        kind_labels=INSTITUTION_KIND_LABELS,
    )


@bp.route("/record/institutions/<int:institution_id>")
def record_institution(institution_id: int):
    institution = get_or_404(Institution, institution_id)
    filters = _filters(institution.id)
    total, _rows = record.figures(filters)
    return render_template(
        "policy/record_institution.html",
        institution=institution,
        filters=filters,
        total=total,
        charts=charts.record_charts(total),
        page=paginate(inbox_stmt(institution.id, "all")),
        kind_labels=INSTITUTION_KIND_LABELS,
    )


@bp.route("/record.csv")
def record_csv():
    filters = _filters()

    def lines():
        yield _csv_line(record.CSV_COLUMNS)  # at once, before the figures are computed
        _total, rows = record.figures(filters)
        for start in range(0, len(rows), CSV_ROWS_PER_CHUNK):
            chunk = rows[start : start + CSV_ROWS_PER_CHUNK]
            yield "".join(_csv_line(record.as_record(f).values()) for f in chunk)

    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="accountability.csv"'},
    )


@bp.route("/record.json")
def record_json():
    filters = _filters()
    total, rows = record.figures(filters)
    body = {
        "filters": filters.as_args(),
        "generated_on": dates.today().isoformat(),
        "total": record.as_record(total),
        "institutions": [record.as_record(f) for f in rows],
        "licence": _("Open data: free to reuse with attribution."),
        "csv": url_for("policy.record_csv", _external=True, **filters.as_args()),
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
