"""screen(text, author, locale) -> Verdict: the one pipeline every user-written text that
others will see goes through.

`analyse` (pure) finds personal information, watched words and urgent disclosures; this
wrapper adds what depends on the author and the place: mutes, posting limits, links from new
accounts, pre-moderation of young and new members and of pre-moderated groups. Each
screened submission is counted (no text kept) for the limits and the moderation metrics.
"""

import re
from datetime import timedelta
from urllib.parse import urlparse

from flask import current_app
from sqlalchemy import func, select

from youthportal.accounts.models import Group, Role
from youthportal.core import settings
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.analyse import analyse
from youthportal.safety.models import ScreenEvent
from youthportal.safety.trust import needs_premoderation, trust_level
from youthportal.safety.verdict import BLOCK, HOLD, PUBLISH, Finding, Verdict, decide
from youthportal.safety.wordlists import current_matcher

LINK_RE = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|org|al|rs|mk|ba|me|io|info)\b", re.I)


def allowed_domains() -> list[str]:
    configured = (settings.get("allowed_domains") or "").split()
    helpline_sites = [
        urlparse(line["url"]).hostname
        for lines in current_app.config["HELPLINES"].values()
        for line in lines
        if line.get("url")
    ]
    return [d for d in dict.fromkeys(configured + helpline_sites) if d]


def public_numbers() -> list[str]:
    return [
        re.sub(r"\D", "", line["number"])
        for lines in current_app.config["HELPLINES"].values()
        for line in lines
        if line.get("number")
    ]


def screen(
    text: str,
    author=None,
    locale: str | None = None,
    *,
    content_type: str = "text",
    group_id: int | None = None,
    record: bool = True,
) -> Verdict:
    youth = author is None or author.role == Role.YOUTH
    verdict = analyse(
        text,
        locale,
        youth=youth,
        allowed_domains=allowed_domains(),
        public_numbers=public_numbers(),
        matcher=current_matcher(),
    )
    # Names (display names, team names) are refused or accepted, never held.
    if content_type == "name":
        if verdict.action == HOLD and not verdict.urgent:
            verdict.action = BLOCK
        return verdict
    if author is None:
        return verdict
    policy = _policy_findings(text, author, group_id) if youth else []
    if policy:
        verdict = decide(text, [*verdict.findings, *policy])
    if record:
        db.session.add(
            ScreenEvent(
                author_id=author.id,
                content_type=content_type,
                action=verdict.action,
                urgent=verdict.urgent,
            )
        )
    return verdict


def screen_parts(parts, author=None, locale=None, *, sep: str = "\n\n", **options):
    """Screens several fields of one piece of content as one text (so a finding that spans
    two fields is found) and gives each field back as screened: masking keeps lengths, so
    each field is cut back out at its own place. Returns (verdict, fields)."""
    parts = [part or "" for part in parts]
    verdict = screen(sep.join(parts), author, locale, **options)
    if not verdict.text:
        return verdict, parts
    fields, start = [], 0
    for part in parts:
        fields.append(verdict.text[start : start + len(part)])
        start += len(part) + len(sep)
    return verdict, fields


def _policy_findings(text: str, author, group_id: int | None) -> list[Finding]:
    now = utcnow()
    found: list[Finding] = []
    if author.muted_until and author.muted_until > now:
        found.append(Finding("muted", BLOCK))
    new_account = author.created_at and now - author.created_at < timedelta(hours=1)
    limit = settings.get("posts_per_hour") * (2 if trust_level(author) == 2 else 1)
    if new_account:
        limit = min(limit, settings.get("new_account_posts_first_hour"))
        if LINK_RE.search(text):
            found.append(Finding("new_account_link", BLOCK))
    if _posts_last_hour(author, now) >= limit:
        found.append(Finding("rate_limit", BLOCK))
    if needs_premoderation(author):
        found.append(Finding("premoderation", HOLD))
    elif group_id is not None and db.session.scalar(
        select(Group.is_premoderated).where(Group.id == group_id)
    ):
        found.append(Finding("group_premoderation", HOLD))
    return found


def _posts_last_hour(author, now) -> int:
    return db.session.scalar(
        select(func.count(ScreenEvent.id)).where(
            ScreenEvent.author_id == author.id,
            ScreenEvent.created_at > now - timedelta(hours=1),
            ScreenEvent.action.in_((PUBLISH, HOLD)),
        )
    )
