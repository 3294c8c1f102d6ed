"""Topics of reports (admins) and a cohort's adoption rules (its facilitators, admins)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from youthportal.accounts.models import Group, GroupKind, User
from youthportal.core import audience as audiences
from youthportal.core import audit
from youthportal.core import permissions as perm
from youthportal.core.forms import claimed, options
from youthportal.core.permissions import get_or_404, require
from youthportal.extensions import db
from youthportal.reports.adoption import cohort_rules
from youthportal.reports.forms import CohortRulesForm, TopicForm
from youthportal.reports.models import CohortRules, Majority, Topic
from youthportal.reports.views import bp

LOCALES = ("sq", "en", "sr", "mk", "bs")


@bp.route("/topics", methods=["GET", "POST"])
@require("admin")
def topics():
    return _topic_form(None)


@bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
@require("admin")
def topic(topic_id: int):
    return _topic_form(get_or_404(Topic, topic_id))


def _topic_form(topic: Topic | None):
    form = TopicForm()
    back = request.path
    if request.method == "GET" and topic is not None:
        form.key.data, form.position.data, form.is_active.data = (
            topic.key,
            topic.position,
            topic.is_active,
        )
        for locale in LOCALES:
            getattr(form, f"name_{locale}").data = topic.names.get(locale, "")
    if request.method == "POST":
        answer = claimed(form, back)
        if answer is not None:
            return answer
        clash = db.session.scalar(select(Topic).where(Topic.key == form.key.data))
        if clash is not None and clash is not topic:
            flash(_("Another topic already has this key."), "error")
            return redirect(back)
        if topic is None:
            topic = Topic()
            db.session.add(topic)
        topic.key = form.key.data
        topic.position = form.position.data or 0
        topic.is_active = form.is_active.data
        topic.names = {loc: getattr(form, f"name_{loc}").data for loc in LOCALES}
        db.session.flush()
        audit.record(current_user, "admin.topic_saved", topic, key=topic.key)
        db.session.commit()
        flash(_("The topic was saved."))
        return redirect(url_for("reports.topics"))
    return render_template(
        "reports/topics.html",
        form=form,
        topic=topic,
        topics=db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)).all(),
    )


@bp.route("/cohorts/<int:group_id>/rules", methods=["GET", "POST"])
@login_required
def cohort(group_id: int):
    group = get_or_404(Group, group_id)
    if group.kind != GroupKind.PARLIAMENT_COHORT:
        abort(404)
    if not (perm.is_admin(current_user) or perm.facilitates_group(current_user, group)):
        abort(403)
    rules = cohort_rules(group.id)
    form = CohortRulesForm(obj=rules if request.method == "GET" else None)
    speakers = _speaker_candidates(group)
    form.speaker_id.choices = options(
        [("", _("No speaker")), *((u.id, u.display_name) for u in speakers)]
    )
    if request.method == "GET":
        form.majority.data = rules.majority.value
        form.speaker_id.data = str(rules.speaker_id or "")
    back = url_for("reports.cohort", group_id=group.id)
    if request.method == "POST":
        answer = claimed(form, back)
        if answer is not None:
            return answer
        row = db.session.get(CohortRules, group.id)
        if row is None:
            row = CohortRules(group_id=group.id)
            db.session.add(row)
        row.quorum_percent = form.quorum_percent.data
        row.majority = Majority(form.majority.data)
        row.secret_vote = form.secret_vote.data
        row.credit_collectively = form.credit_collectively.data
        row.speaker_id = int(form.speaker_id.data) if form.speaker_id.data else None
        audit.record(
            current_user,
            "report.cohort_rules",
            group,
            quorum=row.quorum_percent,
            majority=row.majority.value,
        )
        db.session.commit()
        flash(_("The rules of this Youth Parliament were saved. They apply to the next vote."))
        return redirect(back)
    return render_template("reports/cohort.html", form=form, group=group)


def _speaker_candidates(group: Group) -> list[User]:
    """The cohort's sitting parliamentarians (those who vote on its reports)."""
    cohort = audiences.Audience(kind="cohort", group_ids=(group.id,))
    members = db.session.scalars(audiences.members_stmt(cohort))
    return [member for member in members if perm.is_parliamentarian(member)]
