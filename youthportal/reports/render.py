"""Section text to HTML: the discussions' safe Markdown subset plus headings, and
recommendations. A paragraph that starts with "! " is a recommendation ("! The Ministry of
Education should …"): numbered across the report, with an anchor, so it can be cited and
tracked once the report is sent."""

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from youthportal.core.markdown import _ALLOWED_ATTRIBUTES, _ALLOWED_TAGS, _URL_SCHEMES

MARKER = "! "
_TAGS = _ALLOWED_TAGS | {"h3", "h4", "h5", "h6"}
_md = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "list", "blockquote", "newline", "link", "backticks", "escape", "heading"]
)
# A section's title is a level-2 heading: its own headings start one level below.
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def markdown(source: str) -> str:
    html = _md.render(source or "")
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)
    return _clean(html)


@dataclass(frozen=True)
class Block:
    text: str
    is_recommendation: bool


def blocks(body: str) -> list[Block]:
    """Paragraph-sized blocks, split on blank lines; recommendations marked."""
    out = []
    for chunk in re.split(r"\n\s*\n", (body or "").replace("\r\n", "\n")):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        stripped = chunk.lstrip()
        if stripped.startswith(MARKER) and stripped[len(MARKER) :].strip():
            out.append(Block(stripped[len(MARKER) :].strip(), True))
        else:
            out.append(Block(chunk, False))
    return out


def recommendations(body: str) -> list[str]:
    return [b.text for b in blocks(body) if b.is_recommendation and b.text]


@dataclass
class Numbering:
    """Counts recommendations across the sections of one report, in reading order."""

    next: int = 1


def section_html(body: str, numbering: Numbering, label: str) -> Markup:
    """`label`: the translated word shown before each number ("Recommendation")."""
    parts = []
    plain: list[str] = []
    for block in blocks(body):
        if not block.is_recommendation:
            plain.append(block.text)
            continue
        if plain:
            parts.append(markdown("\n\n".join(plain)))
            plain = []
        number = numbering.next
        numbering.next += 1
        inner = markdown(block.text)
        parts.append(
            f'<div class="recommendation" id="recommendation-{number}">'
            f'<p class="recommendation-number"><strong>{escape(label)} {number}</strong></p>'
            f"{inner}</div>"
        )
    if plain:
        parts.append(markdown("\n\n".join(plain)))
    return Markup("".join(parts))  # noqa: S704 - every user part went through nh3


def plain_text(body: str) -> str:
    """Markdown without its marks, for the PDF."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body or "")
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return text
