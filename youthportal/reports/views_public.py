"""Adopted reports, open to everyone (policy-makers included, signed in or not): the list,
each adopted version at its stable address, and its PDF, Markdown and HTML downloads."""

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from youthportal.core import permissions as perm
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.reports import pdf, publish
from youthportal.reports.models import Report, Topic, Version
from youthportal.reports.views import bp
from youthportal.safety.models import ModerationStatus


def _version_or_404(report_id: int, number: int) -> Version:
    report = get_or_404(Report, report_id)
    version = publish.version_of(report, number)
    if version is None:
        abort(404)
    # A version a moderator hid exists only for the moderators of its cohort.
    if version.status != ModerationStatus.PUBLISHED and not perm.moderates_group(
        current_user, report.cohort_id
    ):
        abort(404)
    return version


def _citable_url(version: Version) -> str:
    return url_for(
        "reports.version", report_id=version.report_id, number=version.number, _external=True
    )


@bp.route("/adopted")
def adopted():
    topic_id = request.args.get("topic", type=int)
    if topic_id is not None and not 0 < topic_id <= perm.MAX_ID:
        topic_id = None
    page = paginate(publish.adopted_stmt(topic_id))
    topics = db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)).all()
    return render_template(
        "reports/adopted.html",
        page=page,
        topics=topics,
        topic_id=topic_id,
        locale=current_locale_code(),
    )


@bp.route("/<int:report_id>/adopted")
def latest(report_id: int):
    report = get_or_404(Report, report_id)
    number = db.session.scalar(
        select(db.func.max(Version.number)).where(
            Version.report_id == report.id, Version.status == ModerationStatus.PUBLISHED
        )
    )
    if number is None:
        abort(404)
    return redirect(url_for("reports.version", report_id=report.id, number=number))


@bp.route("/<int:report_id>/v/<int:number>")
def version(report_id: int, number: int):
    version = _version_or_404(report_id, number)
    return render_template(
        "reports/version.html",
        version=version,
        parts=publish.parts(version),
        credits=publish.credits(version),
        citable=_citable_url(version),
        locale=current_locale_code(),
        may_read_draft=perm.reads_report_draft(current_user, version.report),
        may_send=perm.may_send_report(current_user, version.report),
    )


@bp.route("/<int:report_id>/v/<int:number>.pdf")
def version_pdf(report_id: int, number: int):
    version = _version_or_404(report_id, number)
    data = pdf.build(version, _citable_url(version), current_locale_code())
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="report-{report_id}-v{number}.pdf"'},
    )


@bp.route("/<int:report_id>/v/<int:number>.md")
def version_markdown(report_id: int, number: int):
    version = _version_or_404(report_id, number)
    return Response(
        publish.markdown_text(version, _citable_url(version)),
        mimetype="text/markdown",
        headers={"Content-Disposition": f'attachment; filename="report-{report_id}-v{number}.md"'},
    )


@bp.route("/<int:report_id>/v/<int:number>.html")
def version_html(report_id: int, number: int):
    version = _version_or_404(report_id, number)
    html = render_template(
        "reports/version_download.html",
        version=version,
        parts=publish.parts(version),
        credits=publish.credits(version),
        citable=_citable_url(version),
        locale=current_locale_code(),
        heading=_("Recommendation"),
    )
    return Response(
        html,
        mimetype="text/html",
        headers={
            "Content-Disposition": f'attachment; filename="report-{report_id}-v{number}.html"'
        },
    )
