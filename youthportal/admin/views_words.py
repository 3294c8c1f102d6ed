"""Admin pages for the watched-word lists: list and filter, add, edit, delete, load the
starter lists. Admins only (two-step sign-in is enforced for admins on every request by
accounts.session)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from youthportal.admin import services_words as services
from youthportal.admin.forms_words import (
    DUPLICATE_MESSAGE,
    DeleteWordForm,
    SeedForm,
    WordFilterForm,
    WordForm,
    language_names,
)
from youthportal.core import once
from youthportal.core.pagination import paginate
from youthportal.core.permissions import get_or_404, require
from youthportal.extensions import db
from youthportal.safety.labels import CATEGORY_LABELS, WORD_ACTION_LABELS
from youthportal.safety.models import WatchedWord

bp = Blueprint("words", __name__)


@bp.before_request
@require("admin")
def _admins_only():
    return None


@bp.context_processor
def _labels():
    return {
        "word_action_labels": WORD_ACTION_LABELS,
        "category_labels": CATEGORY_LABELS,
        "language_names": language_names(),
    }


def _already_sent():
    db.session.rollback()
    flash(_("This form was already sent; nothing was changed."))
    return redirect(url_for("words.index"))


def _term_free(form, word_id: int | None) -> bool:
    """Checked before the form's token is claimed, so a refused form can be corrected and
    sent again; the service checks again (and the unique constraint catches a race)."""
    if services.term_taken(form.language.data, form.term.data, exclude_id=word_id):
        form.term.errors = [DUPLICATE_MESSAGE]
        return False
    return True


@bp.route("/")
def index():
    form = WordFilterForm(request.args)
    form.validate()
    page = paginate(
        services.words_stmt(
            form.value("language"), form.value("action"), form.value("category"), form.value("q")
        )
    )
    counts = services.counts_by_language()
    return render_template(
        "admin/words.html",
        page=page,
        form=form,
        counts=counts,
        total=sum(counts.values()),
        seed_form=SeedForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = WordForm()
    if request.method == "GET" and request.args.get("language") in language_names():
        form.language.data = request.args["language"]
    if form.validate_on_submit() and _term_free(form, None):
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return _already_sent()
        try:
            word = services.add_word(
                current_user,
                form.language.data,
                form.term.data,
                form.action.data,
                form.category.data,
            )
        except services.WordExists:
            db.session.rollback()
            form.term.errors = [DUPLICATE_MESSAGE]
        else:
            db.session.commit()
            flash(_("“%(term)s” was added to the list.", term=word.term))
            return redirect(url_for("words.index", language=word.language))
    return render_template("admin/words_edit.html", form=form, word=None)


@bp.route("/<int:word_id>", methods=["GET", "POST"])
def edit(word_id):
    word = get_or_404(WatchedWord, word_id)
    form = WordForm(obj=word)
    if request.method == "GET":
        form.action.data = word.action.value
        form.category.data = word.category.value
    if form.validate_on_submit() and _term_free(form, word.id):
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return _already_sent()
        try:
            changed = services.update_word(
                current_user,
                word,
                form.language.data,
                form.term.data,
                form.action.data,
                form.category.data,
            )
        except services.WordExists:
            db.session.rollback()
            form.term.errors = [DUPLICATE_MESSAGE]
        else:
            db.session.commit()
            if changed:
                flash(_("“%(term)s” was saved.", term=word.term))
            else:
                flash(_("Nothing was changed."))
            return redirect(url_for("words.index", language=word.language))
    return render_template("admin/words_edit.html", form=form, word=word)


@bp.route("/<int:word_id>/delete", methods=["GET", "POST"])
def delete(word_id):
    word = get_or_404(WatchedWord, word_id)
    form = DeleteWordForm()
    if form.validate_on_submit():
        try:
            once.claim(form.once.data)
        except once.AlreadySubmitted:
            return _already_sent()
        term, language = word.term, word.language
        services.delete_word(current_user, word)
        db.session.commit()
        flash(_("“%(term)s” was taken off the list.", term=term))
        return redirect(url_for("words.index", language=language))
    return render_template("admin/words_delete.html", form=form, word=word)


@bp.route("/starter-lists", methods=["POST"])
def seed():
    form = SeedForm()
    if not form.validate_on_submit():
        flash(_("The form expired. Please send it again."))
        return redirect(url_for("words.index"))
    try:
        once.claim(form.once.data)
    except once.AlreadySubmitted:
        return _already_sent()
    added = services.load_starter_lists(current_user)
    db.session.commit()
    if added:
        flash(
            ngettext(
                "The starter lists were loaded: %(num)d word.",
                "The starter lists were loaded: %(num)d words.",
                added,
            )
        )
    else:
        flash(_("The lists already have words, so the starter lists were not loaded."))
    return redirect(url_for("words.index"))
