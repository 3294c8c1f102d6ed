"""A section: its page, the editor (with merges and the conflict view), history with word
diffs and "restore this version", suggestions, and the way to its comments."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.core import once
from youthportal.core import permissions as perm
from youthportal.core.forms import claimed, form_errors
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.discussions.services import attached_thread
from youthportal.extensions import db
from youthportal.reports import drafting, editing, labels, render, suggestions
from youthportal.reports.forms import AcceptForm, ConfirmForm, DeclineForm, EditForm, SuggestForm
from youthportal.reports.merge import diff_stats, word_diff
from youthportal.reports.models import (
    EDITABLE_STATES,
    RevisionKind,
    Section,
    Suggestion,
    SuggestionState,
)
from youthportal.reports.views import (
    after_screening,
    bp,
    reader_sees_held,
    refuse_frozen,
    refused,
    report_or_404,
    section_heading,
    section_or_404,
    shown_text,
)
from youthportal.safety.models import ModerationStatus

HIDDEN = (ModerationStatus.HIDDEN, ModerationStatus.REMOVED)


def _int(raw, default=-1) -> int:
    """A number from a hidden field; anything else (or one no column can hold) is `default`."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    return number if abs(number) <= perm.MAX_ID else default


@bp.route("/<int:report_id>/sections/<int:section_id>")
@login_required
def section(report_id: int, section_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    if section.deleted_at is not None and not perm.may_edit_report(current_user, report):
        abort(404)
    held_visible = reader_sees_held(report)
    body = shown_text(section, held_visible)
    thread = attached_thread("report_section", section.id)
    # The thread, made on first visit; committed before the suggestions are read, which a
    # commit would expire (then each was read again, one statement per suggestion).
    db.session.commit()
    page = paginate(suggestions.all_stmt(section, current_user))
    shown_revision = (
        editing.revision_of(section, section.public_revision) if section.public_revision else None
    )
    return render_template(
        "reports/section.html",
        shown_revision=shown_revision,
        report=report,
        section=section,
        html=render.section_html(body, render.Numbering(), _("Recommendation")),
        held_visible=held_visible,
        page=page,
        thread=thread,
        may_edit=perm.may_edit_report(current_user, report),
        may_suggest=perm.may_suggest_in_report(current_user, report),
        may_decide=perm.may_decide_suggestion(current_user, report),
        accept_form=AcceptForm(seen_revision=section.revision),
        confirm_form=ConfirmForm(),
    )


@bp.route("/<int:report_id>/sections/<int:section_id>/revision.json")
@login_required
def section_revision(report_id: int, section_id: int):
    """For the editor's small script: has someone saved since the page was opened?"""
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    return jsonify(revision=section.revision)


@bp.route("/<int:report_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
@login_required
def edit_section(report_id: int, section_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    back = url_for("reports.section", report_id=report.id, section_id=section.id)
    sent = request.method == "POST"
    if not perm.may_edit_report(current_user, report):
        # A member who may suggest is shown the suggestion form; a sent edit is refused.
        if not sent and perm.may_suggest_in_report(current_user, report):
            return redirect(url_for("reports.suggest", report_id=report.id, section_id=section.id))
        if (
            sent
            and report.state not in EDITABLE_STATES
            and perm.is_report_author(current_user, report)
        ):
            return _keep_text(report, section, "frozen")  # frozen while they were writing
        return refuse_frozen(report, back) or abort(403)
    if section.deleted_at is not None:
        if sent:
            return _keep_text(report, section, "deleted")
        abort(404)
    if section.withheld:
        return refused(drafting.Refused("withheld"), back)
    form = EditForm()
    if request.method == "GET":
        form.title.data, form.body.data = section.title, section.body
        form.base_revision.data = section.revision
        applied = _suggestion_to_apply(section, request.args.get("suggestion", type=int))
        if applied is not None:
            # A stale suggestion, combined by hand: its text on the revision it was written on.
            form.body.data, form.base_revision.data = applied.body, applied.base_number
            form.suggestion_id.data = applied.id
            form.note.data = applied.note
        return _editor(report, section, form)
    if not form.validate_on_submit():
        flash(form_errors(form) or _("Please check the form."), "error")
        return _editor(report, section, form, 422)
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return once.already_sent(back)
    resolving = request.form.get("resolving") == "1"
    try:
        outcome = editing.save(
            current_user,
            report,
            section,
            title=form.title.data,
            body=form.body.data or "",
            base_revision=_int(form.base_revision.data),
            note=form.note.data or "",
            locale=current_locale_code(),
            kind=RevisionKind.RESOLVED if resolving else RevisionKind.EDIT,
        )
        if outcome.kind != "conflict":
            suggestions.credit_if_applied(
                current_user, _int(form.suggestion_id.data, 0), section, outcome.revision
            )
    except drafting.Refused as exc:
        if exc.code == "text":
            db.session.rollback()
            for message in exc.verdict.messages():
                form.body.errors = [*form.body.errors, message]
            return _editor(report, section, form, 422)
        if exc.code in ("frozen", "stale", "withheld", "not_author"):
            return _keep_text(report, section, exc.code)
        return refused(exc, back)
    if outcome.kind == "conflict":
        # Nothing saved: the token is given back so the resolved form can be sent.
        db.session.rollback()
        return _conflict(report, section, form, outcome)
    db.session.commit()
    if outcome.kind == "unchanged":
        flash(_("Nothing changed, so no new version was saved."))
    elif outcome.kind == "merged":
        flash(
            _(
                "Someone saved this section while you were editing. Your changes did not "
                "overlap, so both were kept. Please read the merged text."
            )
        )
    else:
        flash(_("Saved as version %(num)d.", num=outcome.revision.number))
    return after_screening(outcome.verdict, back)


def _keep_text(report, section, code: str):
    """A save that cannot be made (the section was deleted or the report frozen while the
    author wrote): nothing is saved, and the author's text stays on the page to copy."""
    db.session.rollback()
    flash(str(labels.REFUSALS[code]), "error")
    form = EditForm()
    form.once.data = once.new_token()
    return render_template(
        "reports/edit_section.html",
        report=report,
        section=section,
        form=form,
        revision_url=None,
        keep_only=True,
    ), 409


def _suggestion_to_apply(section, suggestion_id):
    if not suggestion_id or not 0 < suggestion_id <= perm.MAX_ID:
        return None
    suggestion = db.session.get(Suggestion, suggestion_id)
    if (
        suggestion is None
        or suggestion.section_id != section.id
        or suggestion.state != SuggestionState.OPEN
        or suggestion.status != ModerationStatus.PUBLISHED
    ):
        return None
    return suggestion


def _editor(report, section, form, status=200):
    return render_template(
        "reports/edit_section.html",
        report=report,
        section=section,
        form=form,
        revision_url=url_for(
            "reports.section_revision", report_id=report.id, section_id=section.id
        ),
    ), status


def _conflict(report, section, form, outcome):
    """Both texts side by side; the form, now based on the newest revision, holds the
    combination (the author's words where they overlap), so what they send next is saved
    over what they have read; their exact text is on the page too."""
    fresh = EditForm(formdata=None)
    # Their edits that did not overlap are already in; where both changed the same words,
    # the author's own words. Their exact text is on the page to copy as well.
    fresh.title.data = outcome.my_title
    fresh.body.data = outcome.merge.preferring("mine")
    fresh.note.data = form.note.data
    fresh.base_revision.data = outcome.their_revision
    fresh.suggestion_id.data = form.suggestion_id.data
    theirs = editing.revision_of(section, outcome.their_revision)
    # Browsers send a textarea's line breaks as CRLF; the stored text uses LF.
    mine = editing.normalise(form.body.data)
    return render_template(
        "reports/conflict.html",
        report=report,
        section=section,
        form=fresh,
        outcome=outcome,
        theirs=theirs,
        mine_text=mine,
        their_text=section.body,
        their_diff=word_diff(outcome.merge.side("base"), section.body),
        my_diff=word_diff(outcome.merge.side("base"), mine),
    ), 409


# History -----------------------------------------------------------------------------------


@bp.route("/<int:report_id>/sections/<int:section_id>/history")
@login_required
def section_history(report_id: int, section_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    page = paginate(editing.section_history_stmt(section))
    return render_template(
        "reports/section_history.html",
        report=report,
        section=section,
        page=page,
        held_visible=reader_sees_held(report),
    )


@bp.route("/<int:report_id>/history")
@login_required
def report_history(report_id: int):
    report = report_or_404(report_id)
    page = paginate(editing.report_history_stmt(report))
    return render_template(
        "reports/report_history.html",
        report=report,
        page=page,
        titles={
            section.id: section_heading(report, section)
            for section in db.session.scalars(select(Section).where(Section.report_id == report.id))
        },
        held_visible=reader_sees_held(report),
    )


def _shown(revision, held_visible: bool) -> bool:
    if revision is None:
        return True
    if revision.status in HIDDEN or revision.withheld:
        return False
    return held_visible or revision.status == ModerationStatus.PUBLISHED


@bp.route("/<int:report_id>/sections/<int:section_id>/history/<int:number>")
@login_required
def revision(report_id: int, section_id: int, number: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    current = editing.revision_of(section, number) or abort(404)
    previous = editing.previous_revision(current)
    held_visible = reader_sees_held(report)
    shown = _shown(current, held_visible) and _shown(previous, held_visible)
    old = previous.body if previous else ""
    return render_template(
        "reports/revision.html",
        report=report,
        section=section,
        revision=current,
        previous=previous,
        shown=shown,
        diff=word_diff(old, current.body) if shown else [],
        title_changed=previous is not None and previous.title != current.title,
        stats=diff_stats(old, current.body) if shown else (0, 0),
        may_restore=perm.may_edit_report(current_user, report)
        and current.number != section.revision
        and current.status not in HIDDEN,
        form=ConfirmForm(),
    )


@bp.route(
    "/<int:report_id>/sections/<int:section_id>/history/<int:number>/restore", methods=["POST"]
)
@login_required
def restore(report_id: int, section_id: int, number: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    back = url_for("reports.revision", report_id=report.id, section_id=section.id, number=number)
    if not perm.may_edit_report(current_user, report):
        abort(403)
    form = ConfirmForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    try:
        outcome = editing.restore(
            current_user,
            report,
            section,
            number,
            _int(request.form.get("base_revision")),
            current_locale_code(),
        )
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    if outcome.revision is not None:
        flash(
            _(
                "Version %(old)d is the newest again (saved as version %(num)d).",
                old=number,
                num=outcome.revision.number,
            )
        )
    return redirect(url_for("reports.section", report_id=report.id, section_id=section.id))


# Suggestions -------------------------------------------------------------------------------


def suggestion_or_404(section, suggestion_id: int) -> Suggestion:
    suggestion = get_or_404(Suggestion, suggestion_id)
    if suggestion.section_id != section.id:
        abort(404)
    return suggestion


@bp.route("/<int:report_id>/sections/<int:section_id>/suggest", methods=["GET", "POST"])
@login_required
def suggest(report_id: int, section_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    back = url_for("reports.section", report_id=report.id, section_id=section.id)
    if not perm.may_suggest_in_report(current_user, report) or section.deleted_at is not None:
        abort(403)
    form = SuggestForm()
    if request.method == "GET":
        # Written on the text every member reads, so no held words travel in a suggestion.
        form.body.data = section.public_body
        form.base_revision.data = section.public_revision
        return render_template("reports/suggest.html", report=report, section=section, form=form)
    answer = claimed(form, url_for("reports.suggest", report_id=report.id, section_id=section.id))
    if answer is not None:
        return answer
    try:
        suggestion, verdict = suggestions.suggest(
            current_user,
            report,
            section,
            form.body.data,
            _int(form.base_revision.data),
            form.note.data or "",
            current_locale_code(),
        )
    except drafting.Refused as exc:
        return refused(exc, url_for("reports.suggest", report_id=report.id, section_id=section.id))
    db.session.commit()
    if verdict.urgent:
        return after_screening(verdict, back)
    if verdict.ok:
        flash(_("Thank you. The authors will read your suggestion."))
    else:
        flash(_("Thank you. A moderator reads your suggestion before the authors see it."))
    return redirect(back)


@bp.route(
    "/<int:report_id>/sections/<int:section_id>/suggestions/<int:suggestion_id>/"
    "<any(accept, withdraw):action>",
    methods=["POST"],
)
@login_required
def decide_suggestion(report_id: int, section_id: int, suggestion_id: int, action: str):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    suggestion = suggestion_or_404(section, suggestion_id)
    back = url_for("reports.section", report_id=report.id, section_id=section.id)
    if action == "accept" and not perm.may_decide_suggestion(current_user, report):
        abort(403)
    if action == "withdraw" and suggestion.author_id != current_user.id:
        abort(403)
    form = AcceptForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    try:
        if action == "accept":
            outcome = suggestions.accept(
                current_user,
                report,
                section,
                suggestion,
                _int(form.seen_revision.data),
                current_locale_code(),
            )
            flash(_("The suggestion was accepted and credited in the history."))
            db.session.commit()
            return after_screening(outcome.verdict, back)
        suggestions.withdraw(current_user, suggestion)
        flash(_("Your suggestion was withdrawn."))
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    return redirect(back)


@bp.route(
    "/<int:report_id>/sections/<int:section_id>/suggestions/<int:suggestion_id>/decline",
    methods=["GET", "POST"],
)
@login_required
def decline_suggestion(report_id: int, section_id: int, suggestion_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    suggestion = suggestion_or_404(section, suggestion_id)
    back = url_for("reports.section", report_id=report.id, section_id=section.id)
    if suggestion.status != ModerationStatus.PUBLISHED:
        abort(404)  # a suggestion waiting for a moderator is not the authors' to decide yet
    if not perm.may_decide_suggestion(current_user, report):
        abort(403)
    form = DeclineForm()
    here = url_for(
        "reports.decline_suggestion",
        report_id=report.id,
        section_id=section.id,
        suggestion_id=suggestion.id,
    )
    if request.method == "POST":
        answer = claimed(form, here)
        if answer is not None:
            return answer
        try:
            suggestions.decline(
                current_user, report, suggestion, form.reason.data, current_locale_code()
            )
        except drafting.Refused as exc:
            return refused(exc, here)
        db.session.commit()
        flash(_("The suggestion was declined; its author can read why."))
        return redirect(back)
    return render_template(
        "reports/decline.html", report=report, section=section, suggestion=suggestion, form=form
    )


@bp.route("/<int:report_id>/sections/<int:section_id>/suggestions/<int:suggestion_id>")
@login_required
def suggestion(report_id: int, section_id: int, suggestion_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    suggestion = suggestion_or_404(section, suggestion_id)
    visible = suggestion.status == ModerationStatus.PUBLISHED or (
        suggestion.author_id == current_user.id and suggestion.status not in HIDDEN
    )
    if not visible:
        abort(404)
    base = editing.revision_of(section, suggestion.base_number)
    if base is not None and not _shown(base, held_visible=False):
        base = None  # never show words a moderator has not let through
    return render_template(
        "reports/suggestion.html",
        report=report,
        section=section,
        suggestion=suggestion,
        diff=word_diff(base.body if base else "", suggestion.body),
        stale=suggestion.base_number != section.revision,
        may_decide=perm.may_decide_suggestion(current_user, report)
        and suggestion.state == SuggestionState.OPEN,
        accept_form=AcceptForm(seen_revision=section.revision),
        confirm_form=ConfirmForm(),
    )


@bp.route("/<int:report_id>/sections/<int:section_id>/comments")
@login_required
def comments(report_id: int, section_id: int):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    thread = attached_thread("report_section", section.id)
    db.session.commit()
    return redirect(url_for("discussions.thread", thread_id=thread.id))
