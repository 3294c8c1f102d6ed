"""Report pages: the list, starting a report, its page (sections, state, what the reader may
do), details, co-authors, sources, review moves and the adoption vote. Sections, history and
suggestions live in views_sections; adopted versions and downloads in views_public; topics
and cohort rules in views_admin (same blueprint)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select

from youthportal.accounts.models import Group, GroupKind, GroupMember, User
from youthportal.core import once
from youthportal.core import permissions as perm
from youthportal.core.forms import claimed, options, refusal
from youthportal.core.i18n import current_locale_code
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404
from youthportal.extensions import db
from youthportal.reports import (
    adoption,
    drafting,
    export,  # noqa: F401 - registers the "my data" parts
    labels,
    moderation,  # noqa: F401 - registers report texts and section threads
    render,
    sources,
    workflow,
)
from youthportal.reports.forms import (
    AuthorForm,
    ConfirmForm,
    MoveForm,
    ReportForm,
    SectionForm,
    SourceForm,
    StructureForm,
    VoteForm,
)
from youthportal.reports.models import (
    EDITABLE_STATES,
    Author,
    Report,
    Section,
    Source,
    SourceKind,
    State,
    Suggestion,
    SuggestionState,
    Topic,
    Version,
)
from youthportal.safety.help import after_worrying_name
from youthportal.safety.models import ModerationStatus

bp = Blueprint("reports", __name__)


@bp.context_processor
def _labels():
    from youthportal.polls.labels import FIXED_ANSWERS

    return {
        "report_labels": labels,
        "answer_labels": FIXED_ANSWERS,
        "section_heading": section_heading,
    }


def report_or_404(report_id: int) -> Report:
    """A draft exists only for its cohort, its reviewers and admins (404 for anyone else)."""
    report = get_or_404(Report, report_id)
    if not perm.reads_report_draft(current_user, report):
        abort(404)
    # A title or summary waiting for a moderator: only co-authors and reviewers see it;
    # one a moderator hid: only the cohort's moderators.
    if report.status in (ModerationStatus.HIDDEN, ModerationStatus.REMOVED):
        if not perm.moderates_group(current_user, report.cohort_id):
            abort(404)
    elif report.status != ModerationStatus.PUBLISHED and not reader_sees_held(report):
        abort(404)
    return report


def section_or_404(report: Report, section_id: int) -> Section:
    """A section whose only text still waits for a moderator exists for its co-authors and
    reviewers alone."""
    section = get_or_404(Section, section_id)
    if section.report_id != report.id:
        abort(404)
    if section.public_revision == 0 and not reader_sees_held(report):
        abort(404)
    return section


def refused(exc, target: str):
    """Nothing of the request is kept; the person is told why (and what screening found).
    Words that may tell of harm go to the safeguarding leads and the writer to help."""
    if exc.code == "urgent":
        return after_worrying_name(current_user, exc.words)
    return refusal(str(labels.REFUSALS.get(exc.code, "")), exc, target)


def refuse_frozen(report: Report, target: str):
    """A co-author changing a report frozen for review, the vote or adoption is told why
    (nothing changed); None for anyone else, whom the caller refuses with 403."""
    if report.state in EDITABLE_STATES or not perm.can_write(current_user):
        return None
    if not perm.is_report_author(current_user, report):
        return None
    return refused(drafting.Refused("frozen"), target)


def after_screening(verdict, target: str):
    """Where the author goes after a screened save: a possible disclosure of harm to the calm
    help page (a safeguarding lead was alerted), held text with a kind word, else `target`."""
    if verdict is not None and verdict.urgent:
        return redirect(url_for("safety.urgent_help"))
    if verdict is not None and not verdict.ok:
        flash(
            _(
                "Saved. Part of it waits for a moderator: your co-authors and the reviewer see "
                "it marked, nobody else does."
            )
        )
    return redirect(target)


def topic_choices(locale: str) -> list:
    topics = db.session.scalars(
        select(Topic).where(Topic.is_active.is_(True)).order_by(Topic.position, Topic.id)
    )
    return [("", _("Choose a topic"))] + [(str(t.id), t.name(locale)) for t in topics]


def _topic_id(raw) -> int | None:
    try:
        topic_id = int(raw)
    except (TypeError, ValueError):
        return None
    if not 0 < topic_id <= perm.MAX_ID:
        return None
    return topic_id if db.session.get(Topic, topic_id) is not None else None


def my_cohorts(user) -> list[Group]:
    """The Youth Parliament cohorts a young member belongs to, or a facilitator runs."""
    if not perm.is_signed_in(user):
        return []
    stmt = select(Group).where(Group.kind == GroupKind.PARLIAMENT_COHORT)
    if not perm.is_admin(user):
        stmt = stmt.where(
            Group.id.in_(select(GroupMember.group_id).where(GroupMember.user_id == user.id))
        )
    return list(db.session.scalars(stmt.order_by(Group.name)))


# The list ----------------------------------------------------------------------------------


@bp.route("/")
@login_required
def index():
    if perm.is_outside_adult(current_user):
        return redirect(url_for("reports.adopted"))
    cohorts = my_cohorts(current_user)
    stmt = select(Report).where(Report.cohort_id.in_([c.id for c in cohorts]))
    if not (perm.is_facilitator(current_user) or perm.is_admin(current_user)):
        mine = select(Author.report_id).where(Author.user_id == current_user.id)
        stmt = stmt.where(
            or_(
                Report.status == ModerationStatus.PUBLISHED,
                (Report.status == ModerationStatus.PENDING) & Report.id.in_(mine),
            )
        )
    wanted = request.args.get("state")
    if wanted in State.__members__.values():
        stmt = stmt.where(Report.state == State(wanted))
    if request.args.get("mine") and perm.is_facilitator(current_user):
        stmt = stmt.where(Report.reviewer_id == current_user.id)
    page = paginate(stmt.order_by(Report.updated_at.desc(), Report.id.desc()))
    return render_template(
        "reports/index.html",
        page=page,
        cohorts=cohorts,
        startable=cohorts if perm.is_parliamentarian(current_user) else [],
        wanted=wanted,
        states=list(State),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    cohorts = my_cohorts(current_user)
    if not (cohorts and perm.is_parliamentarian(current_user) and perm.can_write(current_user)):
        abort(403)
    cohort = cohorts[0]
    wanted = request.values.get("cohort", type=int)
    if wanted is not None:
        cohort = next((c for c in cohorts if c.id == wanted), None) or abort(404)
    consultation = _requested_consultation(request.values.get("consultation", type=int))
    form = ReportForm()
    locale = current_locale_code()
    form.topic_id.choices = options(topic_choices(locale))
    if request.method == "GET" and consultation is not None:
        form.title.data = consultation.title
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
            report, verdict = drafting.start(
                current_user,
                cohort,
                form.title.data,
                form.summary.data or "",
                _topic_id(form.topic_id.data),
                locale,
            )
            if consultation is not None:
                sources.add(current_user, report, SourceKind.CONSULTATION, consultation.id, None)
                if consultation.report_id is None:
                    consultation.report_id = report.id
        except drafting.Refused as exc:
            return refused(exc, url_for("reports.new", cohort=cohort.id))
        except once.AlreadySubmitted:
            return once.already_sent(url_for("reports.index"))
        db.session.commit()
        return after_screening(verdict, url_for("reports.detail", report_id=report.id))
    return render_template(
        "reports/new.html", form=form, cohort=cohort, cohorts=cohorts, consultation=consultation
    ), (422 if form.errors else 200)


def _requested_consultation(consultation_id):
    if consultation_id is None:
        return None
    from youthportal.consultations.models import Consultation

    consultation = get_or_404(Consultation, consultation_id)
    if not perm.is_signed_in(current_user) or not sources._may_view(
        current_user, SourceKind.CONSULTATION, consultation
    ):
        abort(404)
    return consultation


# A report's page ---------------------------------------------------------------------------


def reader_sees_held(report: Report) -> bool:
    """Co-authors and reviewers see held text (marked); other readers the last published.
    Asked by several helpers per page: answered once per request and report."""
    known = g.setdefault("reads_held", {})
    if report.id not in known:
        known[report.id] = perm.is_report_author(current_user, report) or perm.reviews_report(
            current_user, report
        )
    return known[report.id]


def section_heading(report: Report, section: Section) -> str:
    """The title a reader may see: a held title only for co-authors and reviewers."""
    held_visible = reader_sees_held(report)
    return section.title if held_visible and not section.withheld else section.public_title


def shown_text(section: Section, held_visible: bool) -> str:
    """Held text for co-authors and reviewers; never a text withheld for a safeguarding lead."""
    return section.body if held_visible and not section.withheld else section.public_body


@bp.route("/<int:report_id>")
@login_required
def detail(report_id: int):
    report = report_or_404(report_id)
    if adoption.settle(report):
        db.session.commit()
    held_visible = reader_sees_held(report)
    may_edit = perm.may_edit_report(current_user, report)
    sections = drafting.live_sections(report)
    if not held_visible:  # sections whose only text waits for a moderator stay unseen
        sections = [s for s in sections if s.public_revision > 0]
    section_ids = [s.id for s in sections]
    open_suggestions = dict(
        db.session.execute(
            select(Suggestion.section_id, func.count())
            .where(
                Suggestion.section_id.in_(section_ids),
                Suggestion.state == SuggestionState.OPEN,
            )
            .group_by(Suggestion.section_id)
        ).all()
    )
    numbering = render.Numbering()
    word = _("Recommendation")
    rendered = [render.section_html(shown_text(s, held_visible), numbering, word) for s in sections]
    all_sources = sources.of_report(report)
    boxes = {s.id: sources.box(s, current_user) for s in all_sources}
    return render_template(
        "reports/detail.html",
        report=report,
        sections=sections,
        rendered=rendered,
        open_suggestions=open_suggestions,
        held_visible=held_visible,
        authors=drafting.authors(report),
        all_sources=all_sources,
        boxes=boxes,
        versions=db.session.execute(
            select(Version.number, Version.adopted_at)
            .where(Version.report_id == report.id)
            .order_by(Version.number.desc())
        ).all(),
        deleted=drafting.deleted_sections(report) if may_edit else [],
        section_form=SectionForm(structure=report.structure_version),
        structure_form=StructureForm(structure=report.structure_version),
        move_form=MoveForm(),
        may_edit=may_edit,
        may_suggest=perm.may_suggest_in_report(current_user, report),
        may_move=lambda to: perm.may_move_report(current_user, report, to),
        poll_id=report.vote_poll_id,
        roll_call=adoption.roll_call(report)
        if report.state in (State.ADOPTED, State.NOT_ADOPTED)
        else [],
    )


@bp.route("/<int:report_id>/edit", methods=["GET", "POST"])
@login_required
def edit(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.detail", report_id=report.id)
    if not perm.may_edit_report(current_user, report):
        return refuse_frozen(report, back) or abort(403)
    form = ReportForm(obj=report if request.method == "GET" else None)
    locale = current_locale_code()
    form.topic_id.choices = options(topic_choices(locale))
    if request.method == "GET":
        form.topic_id.data = str(report.topic_id or "")
    if request.method == "POST":
        answer = claimed(form, url_for("reports.edit", report_id=report.id))
        if answer is not None:
            return answer
        try:
            verdict = drafting.update_details(
                current_user,
                report,
                form.title.data,
                form.summary.data or "",
                _topic_id(form.topic_id.data),
                locale,
            )
        except drafting.Refused as exc:
            return refused(exc, url_for("reports.edit", report_id=report.id))
        db.session.commit()
        return after_screening(verdict, back)
    return render_template("reports/edit.html", form=form, report=report)


# Sections: add, move, delete, undo ----------------------------------------------------------


def _structure(form) -> int:
    try:
        return int(form.structure.data)
    except (TypeError, ValueError):
        return -1


@bp.route("/<int:report_id>/sections", methods=["POST"])
@login_required
def add_section(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.detail", report_id=report.id)
    if not perm.may_edit_report(current_user, report):
        abort(403)
    form = SectionForm()
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        section = drafting.add_section(
            current_user, report, form.title.data, _structure(form), current_locale_code()
        )
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    return redirect(url_for("reports.edit_section", report_id=report.id, section_id=section.id))


@bp.route(
    "/<int:report_id>/sections/<int:section_id>/<any(up, down, delete, undo):action>",
    methods=["POST"],
)
@login_required
def arrange(report_id: int, section_id: int, action: str):
    report = report_or_404(report_id)
    section = section_or_404(report, section_id)
    back = url_for("reports.detail", report_id=report.id)
    if not perm.may_edit_report(current_user, report):
        abort(403)
    form = StructureForm()
    answer = claimed(form, back, explain=False)
    if answer is not None:
        return answer
    try:
        if action == "undo":
            drafting.undo_delete(current_user, report, section)
            flash(_("The section is back."))
        elif action == "delete":
            drafting.delete_section(current_user, report, section, _structure(form))
            flash(_("The section was deleted. You can bring it back from the list below."))
        else:
            step = -1 if action == "up" else 1
            drafting.move_section(current_user, report, section, step, _structure(form))
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    return redirect(back + (f"#section-{section.id}" if action != "delete" else "#deleted"))


# Co-authors and sources ---------------------------------------------------------------------


@bp.route("/<int:report_id>/authors", methods=["GET", "POST"])
@login_required
def authors(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.authors", report_id=report.id)
    manage = perm.may_manage_report_authors(current_user, report)
    form = AuthorForm()
    form.user_id.choices = (
        options((m.id, m.display_name) for m in drafting.cohort_candidates(report))
        if manage
        else []
    )
    if request.method == "POST":
        if not manage:
            abort(403)
        answer = claimed(form, back)
        if answer is not None:
            return answer
        member = get_or_404(User, int(form.user_id.data))
        try:
            drafting.add_author(current_user, report, member)
        except drafting.Refused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("%(name)s is now a co-author.", name=member.display_name))
        return redirect(back)
    return render_template(
        "reports/authors.html",
        report=report,
        authors=drafting.authors(report),
        form=form,
        manage=manage,
        remove_form=ConfirmForm(),
    )


@bp.route("/<int:report_id>/authors/<int:user_id>/remove", methods=["POST"])
@login_required
def remove_author(report_id: int, user_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.authors", report_id=report.id)
    member = get_or_404(User, user_id)
    leaving = member.id == current_user.id and report.state in EDITABLE_STATES
    if not (perm.may_manage_report_authors(current_user, report) or leaving):
        abort(403)
    answer = claimed(ConfirmForm(), back, explain=False)
    if answer is not None:
        return answer
    try:
        drafting.remove_author(current_user, report, member)
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    if member.id == current_user.id:
        return redirect(url_for("reports.detail", report_id=report.id))
    return redirect(back)


@bp.route("/<int:report_id>/sources", methods=["GET", "POST"])
@login_required
def report_sources(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.report_sources", report_id=report.id)
    may_edit = perm.may_edit_report(current_user, report)
    form = SourceForm()
    sections = drafting.live_sections(report)
    form.section_id.choices = options(
        [("", _("The whole report"))] + [(s.id, section_heading(report, s)) for s in sections]
    )
    if request.method == "POST":
        if not may_edit:
            abort(403)
        answer = claimed(form, back)
        if answer is not None:
            return answer
        section = None
        if form.section_id.data:
            section = section_or_404(report, int(form.section_id.data))
        try:
            sources.add(
                current_user, report, SourceKind(form.kind.data), form.target_id.data, section
            )
        except drafting.Refused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("The source was added."))
        return redirect(back)
    all_sources = sources.of_report(report)
    return render_template(
        "reports/sources.html",
        report=report,
        form=form,
        may_edit=may_edit,
        all_sources=all_sources,
        boxes={s.id: sources.box(s, current_user) for s in all_sources},
        section_titles={s.id: section_heading(report, s) for s in sections},
        remove_form=ConfirmForm(),
        citable=sources.citable(current_user) if may_edit else [],
    )


@bp.route("/<int:report_id>/sources/<int:source_id>/remove", methods=["POST"])
@login_required
def remove_source(report_id: int, source_id: int):
    report = report_or_404(report_id)
    source = get_or_404(Source, source_id)
    if source.report_id != report.id:
        abort(404)
    back = url_for("reports.report_sources", report_id=report.id)
    if not perm.may_edit_report(current_user, report):
        abort(403)
    answer = claimed(ConfirmForm(), back, explain=False)
    if answer is not None:
        return answer
    sources.remove(current_user, report, source)
    db.session.commit()
    return redirect(back)


# Review and the vote ------------------------------------------------------------------------


@bp.route("/<int:report_id>/move", methods=["POST"])
@login_required
def move(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.detail", report_id=report.id)
    form = MoveForm()
    try:
        to = State(form.to.data or "")
    except ValueError:
        abort(400)
    if to in (State.VOTING, State.ADOPTED, State.NOT_ADOPTED):
        abort(400)
    if not perm.may_move_report(current_user, report, to):
        abort(403)
    answer = claimed(form, back)
    if answer is not None:
        return answer
    try:
        workflow.move(current_user, report, to, form.note.data or "", current_locale_code())
    except drafting.Refused as exc:
        return refused(exc, back)
    db.session.commit()
    flash(_("The report is now: %(state)s.", state=labels.STATE_LABELS[to.value]))
    return redirect(back)


@bp.route("/<int:report_id>/review", methods=["POST"])
@login_required
def take_review(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.detail", report_id=report.id)
    if not perm.may_take_report_review(current_user, report):
        abort(403)
    answer = claimed(ConfirmForm(), back, explain=False)
    if answer is not None:
        return answer
    workflow.take_review(current_user, report)
    db.session.commit()
    flash(_("You are now the reviewer of this report."))
    return redirect(back)


@bp.route("/<int:report_id>/vote", methods=["GET", "POST"])
@login_required
def open_vote(report_id: int):
    report = report_or_404(report_id)
    back = url_for("reports.open_vote", report_id=report.id)
    if not perm.may_move_report(current_user, report, State.VOTING):
        abort(403)
    form = VoteForm()
    rules = adoption.cohort_rules(report.cohort_id)
    if request.method == "POST":
        answer = claimed(form, back)
        if answer is not None:
            return answer
        try:
            poll = adoption.open_vote(current_user, report, form.days.data, current_locale_code())
        except drafting.Refused as exc:
            return refused(exc, back)
        db.session.commit()
        flash(_("The adoption vote is open."))
        return redirect(url_for("polls.detail", poll_id=poll.id))
    return render_template(
        "reports/vote.html",
        report=report,
        form=form,
        rules=rules,
        members=adoption.audiences.size(adoption.cohort_audience(report)),
    )


from youthportal.reports import views_admin, views_public, views_sections  # noqa: E402, F401
