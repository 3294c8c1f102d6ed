"""Settings an admin may change at run time (never secrets). Read once per request."""

from dataclasses import dataclass

from flask import current_app, g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from youthportal.core.models import Setting
from youthportal.extensions import db


@dataclass(frozen=True)
class SettingSpec:
    label: object
    kind: type
    default: object  # a callable reading config, so defaults follow instance config
    minimum: int | None = None
    maximum: int | None = None
    # For text settings: "email" or "domains" (a list of site names, one per line).
    check: str = "email"


def _consent_default(country):
    return lambda: current_app.config["CONSENT_AGE"].get(country, 16)


def _count(label, config_key: str, minimum: int, maximum: int) -> SettingSpec:
    """A whole-number setting whose default comes from the instance configuration."""
    return SettingSpec(
        label=label,
        kind=int,
        default=lambda: current_app.config[config_key],
        minimum=minimum,
        maximum=maximum,
    )


SPECS: dict[str, SettingSpec] = {
    **{
        f"consent_age_{country}": SettingSpec(
            label=label, kind=int, default=_consent_default(country), minimum=13, maximum=18
        )
        for country, label in {
            "AL": _l("Digital consent age in Albania"),
            "XK": _l("Digital consent age in Kosovo"),
            "RS": _l("Digital consent age in Serbia"),
            "BA": _l("Digital consent age in Bosnia and Herzegovina"),
            "ME": _l("Digital consent age in Montenegro"),
            "MK": _l("Digital consent age in North Macedonia"),
        }.items()
    },
    "breakdown_min_cell": _count(
        _l("Smallest number of votes a breakdown by age band or group may show in a cell"),
        "BREAKDOWN_MIN_CELL",
        3,
        50,
    ),
    "flag_threshold": _count(
        _l("Reports from different members that hide an item until it is reviewed"),
        "FLAG_THRESHOLD",
        1,
        20,
    ),
    "premoderation_under_age": _count(
        _l("Every post of members younger than this is read before it is shown"),
        "PREMODERATION_UNDER_AGE",
        9,
        19,
    ),
    "trust_level_1_after": _count(
        _l("Approved posts before a new member's posts appear without waiting"),
        "TRUST_LEVEL_1_AFTER",
        0,
        100,
    ),
    "trust_level_2_after": _count(
        _l("Approved posts before a member becomes trusted (higher posting limits)"),
        "TRUST_LEVEL_2_AFTER",
        1,
        500,
    ),
    "posts_per_hour": _count(_l("Posts a member may write per hour"), "POSTS_PER_HOUR", 1, 500),
    "new_account_posts_first_hour": _count(
        _l("Posts a new account may write in its first hour"), "NEW_ACCOUNT_POSTS_FIRST_HOUR", 1, 50
    ),
    "allowed_domains": SettingSpec(
        label=_l("Websites young people may link to (one per line)"),
        kind=str,
        default=lambda: "\n".join(current_app.config["ALLOWED_LINK_DOMAINS"]),
        check="domains",
    ),
    "hack_link_domains": SettingSpec(
        label=_l("Websites UneHack teams may link to from their ideas (one per line)"),
        kind=str,
        default=lambda: "\n".join(current_app.config["HACK_LINK_DOMAINS"]),
        check="domains",
    ),
    "contact_email": SettingSpec(
        label=_l("Contact address shown in the privacy notice"),
        kind=str,
        default=lambda: current_app.config["CONTACT_EMAIL"],
    ),
}


def _stored() -> dict[str, str]:
    if has_request_context() and "settings" in g:
        return g.settings
    rows = {row.key: row.value for row in db.session.scalars(select(Setting))}
    if has_request_context():
        g.settings = rows
    return rows


def get(key: str):
    spec = SPECS[key]
    raw = _stored().get(key)
    if raw is None:
        return spec.default()
    try:
        return spec.kind(raw)
    except ValueError:
        return spec.default()


def put(key: str, value) -> bool:
    """Returns True when the value changed."""
    spec = SPECS[key]
    value = str(spec.kind(value))
    row = db.session.get(Setting, key)
    if row is not None and row.value == value:
        return False
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    db.session.flush()
    if has_request_context():
        g.pop("settings", None)
    return True


def internal(key: str) -> str | None:
    """Internal values kept beside the settings (not on the settings page), e.g. versions."""
    return _stored().get(key)


def put_internal(key: str, value: str) -> None:
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    db.session.flush()
    if has_request_context():
        g.pop("settings", None)
