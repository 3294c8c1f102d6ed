"""The safe Markdown subset for everything users write: paragraphs, emphasis, lists, quotes
and links. No images, no raw HTML. markdown-it-py renders (raw HTML escaped); nh3 then keeps
only the allowed tags and attributes, whatever the renderer produced."""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "blockquote", "br", "a", "code"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}

_md = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "list", "blockquote", "newline", "link", "backticks", "escape"]
)


def render(source: str) -> str:
    """Markdown source to sanitised HTML (a plain str, stored with the content)."""
    html = _md.render(source or "")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def safe(html: str) -> Markup:
    """Mark stored, already sanitised HTML as safe for templates; cleans it again on the way
    out so that a row edited outside the app cannot inject markup."""
    return Markup(  # noqa: S704 - sanitised by nh3 just above
        nh3.clean(
            html or "",
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel="nofollow ugc noopener",
        )
    )
