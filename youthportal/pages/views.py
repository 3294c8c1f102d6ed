"""Pages for everyone: home, community rules, privacy, help, accessibility; the language switch."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from youthportal.accounts.ages import user_age
from youthportal.core import settings
from youthportal.core.forms import Form
from youthportal.core.i18n import LANG_COOKIE, current_locale_code
from youthportal.core.urls import is_local_path
from youthportal.extensions import db
from youthportal.safety.help import HELPLINE_KINDS, helplines

bp = Blueprint("pages", __name__)


def content_template(page: str) -> list[str]:
    """Long texts are written per language (pages/content/<page>.<locale>.html)."""
    return [f"pages/content/{page}.{current_locale_code()}.html", f"pages/content/{page}.en.html"]


@bp.app_context_processor
def _content():
    return {
        "content_template": content_template,
        "contact_email": settings.get("contact_email") if request else None,
    }


@bp.route("/")
def home():
    return render_template("pages/home.html")


@bp.route("/rules")
def rules():
    level = request.args.get("level")
    if level not in ("young", "teen"):
        age = user_age(current_user) if current_user.is_authenticated else None
        level = "young" if age is not None and age <= 12 else "teen"
    return render_template("pages/rules.html", level=level)


@bp.route("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.route("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.route("/help")
def help():
    everywhere, by_country = helplines(
        current_user.country if current_user.is_authenticated else None
    )
    return render_template(
        "pages/help.html", everywhere=everywhere, by_country=by_country, kinds=HELPLINE_KINDS
    )


@bp.route("/language", methods=["POST"])
def set_language():
    form = Form()
    language = request.form.get("language")
    if not form.validate_on_submit() or language not in current_app.config["LANGUAGES"]:
        abort(400)
    if current_user.is_authenticated:
        current_user.locale = language
        db.session.commit()
    target = request.form.get("next")
    response = redirect(target if is_local_path(target) else url_for("pages.home"))
    response.set_cookie(LANG_COOKIE, language, max_age=365 * 86400, samesite="Lax", httponly=True)
    return response
