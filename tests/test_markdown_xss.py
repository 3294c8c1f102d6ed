"""Cross-site scripting through the Markdown path.

Every payload of the corpus goes through `core.markdown.render` directly, and through the real
app: an adult facilitator (whose posts are not pre-moderated) comments in a group thread, and a
young member of the group then reads the thread page. Nothing executable may come out: no
script, no event attribute, no javascript:/data:/vbscript: link, no image, frame, SVG or style;
links keep rel="nofollow ugc noopener"; raw HTML is shown as text.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from tests.conftest import login, make_user
from tests.moderation_helpers import group_thread, post, setup_group, trusted_youth
from youthportal.accounts.models import Group
from youthportal.core.markdown import render, safe
from youthportal.core.model_base import utcnow
from youthportal.discussions.models import Comment, Thread
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus, ReviewItem

# (id, Markdown source, raw HTML that must come out escaped as text, or None)
CORPUS = [
    # <script> in every disguise
    ("script", "<script>alert(1)</script>", "&lt;script&gt;"),
    ("script-upper-src", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "&lt;SCRIPT"),
    ("script-split", "<scr<script>ipt>alert(1)</script>", "&lt;scr&lt;script&gt;"),
    ("script-unclosed", "<<script>alert(1)//<</script>", "&lt;&lt;script&gt;"),
    ("script-in-code", "`<script>alert(1)</script>`", "<code>&lt;script&gt;"),
    ("script-in-quote", "> <script>alert(1)</script>", "&lt;script&gt;"),
    ("script-in-emphasis", "*<script>alert(1)</script>*", "&lt;script&gt;"),
    ("script-in-list", "- <script>alert(1)</script>\n- two", "&lt;script&gt;"),
    ("script-in-comment", "<!-- <script>alert(1)</script> -->", "&lt;!--"),
    ("script-in-cdata", "<![CDATA[<script>alert(1)</script>]]>", "&lt;![CDATA["),
    ("script-entities", "&lt;script&gt;alert(1)&lt;/script&gt;", None),
    # javascript:, data:, vbscript: links, plain and obfuscated
    ("js-link", "[click](javascript:alert(1))", None),
    ("js-link-upper", "[click](JAVASCRIPT:alert(1))", None),
    ("js-link-mixed-case", "[click](JaVaScRiPt:alert(1))", None),
    ("js-link-space", "[click]( javascript:alert(1))", None),
    ("js-link-leading-spaces", "[click](   javascript:alert(1))", None),
    ("js-link-angle", "[click](<javascript:alert(1)>)", None),
    ("js-link-hex-tab", "[click](jav&#x09;ascript:alert(1))", None),
    ("js-link-dec-tab", "[click](jav&#9;ascript:alert(1))", None),
    ("js-link-hex-newline", "[click](jav&#x0A;ascript:alert(1))", None),
    ("js-link-raw-tab", "[click](java\tscript:alert(1))", None),
    ("js-link-raw-newline", "[click](java\nscript:alert(1))", None),
    ("js-link-entity-j", "[click](&#106;avascript:alert(1))", None),
    ("js-link-hex-entities", "[click](&#x6A;&#x61;vascript:alert(1))", None),
    ("js-link-colon-entity", "[click](javascript&colon;alert(1))", None),
    ("js-link-colon-hex", "[click](javascript&#x3A;alert(1))", None),
    ("js-link-percent", "[click](javascript%3Aalert(1))", None),
    ("js-link-reference", "[click][r]\n\n[r]: javascript:alert(1)", None),
    ("js-autolink", "<javascript:alert(1)>", "&lt;javascript:"),
    ("js-raw-anchor", '<a href="javascript:alert(1)">click</a>', "&lt;a href="),
    ("data-link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", None),
    ("data-link-upper", "[click](DATA:text/html,alert(1))", None),
    ("data-link-svg", "[click](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", None),
    ("data-link-png", "[click](data:image/png;base64,iVBORw0KGgo=)", None),
    ("vbscript-link", "[click](vbscript:msgbox(1))", None),
    ("vbscript-link-mixed", "[click](VBScript:MsgBox(1))", None),
    ("file-link", "[click](file:///etc/passwd)", None),
    ("link-attribute-breakout", '[click](http://example.org" onmouseover="alert(1))', None),
    ("link-title-breakout", "[click](http://example.org 'x\" onmouseover=\"alert(1)')", None),
    # event attributes
    ("img-onerror", "<img src=x onerror=alert(1)>", "&lt;img"),
    ("img-onerror-upper", "<IMG SRC=x ONERROR=alert(1)>", "&lt;IMG"),
    ("anchor-onclick", '<a href="#" onclick="alert(1)">click</a>', "&lt;a href="),
    ("div-onmouseover", '<div onmouseover="alert(1)">hover</div>', "&lt;div"),
    ("body-onload", "<body onload=alert(1)>", "&lt;body"),
    ("img-inside-link-text", "[<img src=x onerror=alert(1)>](http://example.org)", "&lt;img"),
    # SVG and MathML
    ("svg-onload", "<svg onload=alert(1)>", "&lt;svg"),
    ("svg-script", "<svg><script>alert(1)</script></svg>", "&lt;svg&gt;"),
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "&lt;svg"),
    (
        "mathml-mutation",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "&lt;math&gt;",
    ),
    # frames, styles, objects, forms
    ("iframe", '<iframe src="http://evil.example"></iframe>', "&lt;iframe"),
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>">', "&lt;iframe"),
    ("style", "<style>body{background:url(javascript:alert(1))}</style>", "&lt;style&gt;"),
    ("object", '<object data="javascript:alert(1)"></object>', "&lt;object"),
    ("embed", '<embed src="javascript:alert(1)">', "&lt;embed"),
    ("form", '<form action="javascript:alert(1)"><button>go</button></form>', "&lt;form"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "&lt;meta"),
    ("base", '<base href="javascript:alert(1)//">', "&lt;base"),
    # Markdown images never become <img>
    ("md-image", "![x](http://evil.example/x.png)", None),
    ("md-image-title", '![x](http://evil.example/x.png "t")', None),
    ("md-image-js", "![x](javascript:alert(1))", None),
    ("md-image-in-link", "[![x](http://evil.example/x.png)](http://example.org)", None),
    ("raw-img-tracker", '<img src="http://evil.example/track.gif">', "&lt;img"),
]
IDS = [entry[0] for entry in CORPUS]

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "blockquote", "br", "a", "code"}
# `title` on links comes from nh3's generic attributes; it is inert (quoted and escaped).
ALLOWED_ATTRIBUTES = {"a": {"href", "rel", "title"}, "ol": {"start"}}
SAFE_SCHEMES = {"http", "https", "mailto"}
REL = {"nofollow", "ugc", "noopener"}
EXECUTABLE_TAGS = {
    "script",
    "img",
    "iframe",
    "frame",
    "svg",
    "math",
    "style",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "video",
    "audio",
    "source",
    "template",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# A start tag, quoted attribute values included (they may hold ">" or escaped quotes).
START_TAG = re.compile(r"<[a-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.I)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
EVENT = re.compile(r"[\s/\"']on[a-z]+\s*=", re.I)


def event_attributes(html: str) -> list[str]:
    """on...= attributes in the markup itself (not in text, not inside a quoted value)."""
    return [
        found for tag in START_TAG.findall(html) for found in EVENT.findall(QUOTED.sub('""', tag))
    ]


class Tags(HTMLParser):
    """Every start tag with its attributes (values unescaped, as a browser reads them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def href_is_safe(href: str) -> bool:
    """As a browser reads a URL: tabs and newlines anywhere are dropped, leading control
    characters and spaces are trimmed, the scheme is case-insensitive."""
    value = re.sub(r"[\t\n\r]", "", href).lstrip("".join(map(chr, range(0x21)))).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", value)
    no_script = not any(word in value for word in ("javascript:", "vbscript:", "data:"))
    return no_script and (scheme is None or scheme.group(1) in SAFE_SCHEMES)


def assert_inert(fragment: str) -> None:
    """A piece of user HTML (the sanitiser's output) holds only the allowed markup."""
    lowered = fragment.lower()
    for tag in ("<script", "<img", "<iframe", "<svg", "<style", "<object", "<embed", "<math"):
        assert tag not in lowered, (tag, fragment)
    assert not event_attributes(fragment), fragment
    for tag, attrs in tags_of(fragment):
        assert tag in ALLOWED_TAGS, (tag, fragment)
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()), (tag, attrs)
        if tag == "a":
            assert attrs.get("href") is None or href_is_safe(attrs["href"]), attrs
            assert set((attrs.get("rel") or "").split()) == REL, attrs


def assert_comment_area_inert(page: str) -> None:
    """The comments of a thread page: the texts hold only the allowed markup, and around them
    nothing the comment could have injected (the only images are the fixed avatars)."""
    articles = re.findall(r'<article class="comment.*?</article>', page, re.S)
    assert articles, "no comment on the page"
    for article in articles:
        assert not event_attributes(article), article
        for tag, attrs in tags_of(article):
            if tag == "img":
                assert (attrs.get("src") or "").startswith("/static/avatars/"), attrs
                continue
            assert tag not in EXECUTABLE_TAGS - {"form", "button", "input"}, (tag, article)
            if tag == "a":
                assert href_is_safe(attrs.get("href") or ""), attrs
            if tag == "form":
                assert (attrs.get("action") or "").startswith("/discussions/"), attrs
    for prose in re.findall(r'<div class="prose">(.*?)</div>', page, re.S):
        assert_inert(prose)


# --- render() directly ------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "escaped"), [e[1:] for e in CORPUS], ids=IDS)
def test_render_leaves_nothing_executable(source, escaped):
    html = render(source)
    assert_inert(html)
    if escaped is not None:
        assert escaped in html  # the raw HTML is shown as text, not dropped silently
    # Output is stable: cleaning it again for display changes nothing executable.
    assert_inert(str(safe(html)))


def test_render_keeps_the_allowed_subset():
    html = render("**bold** *it* `code`\n\n> quote\n\n1. one\n2. two\n\n- a\n- b")
    for tag in ("<strong>bold</strong>", "<em>it</em>", "<code>code</code>", "<blockquote>"):
        assert tag in html
    assert "<ol>" in html and "<ul>" in html and "<li>one</li>" in html


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[ok](https://example.org/page)", "https://example.org/page"),
        ("[ok](http://example.org/?q=1&x=2)", "http://example.org/?q=1&amp;x=2"),
        ("[ok](mailto:help@example.org)", "mailto:help@example.org"),
        ("[ok](/help)", "/help"),
    ],
)
def test_safe_links_keep_their_target_and_get_rel(source, href):
    html = render(source)
    assert f'href="{href}"' in html
    assert 'rel="nofollow ugc noopener"' in html
    assert_inert(html)


def test_a_data_image_link_loses_its_target():
    html = render("[click](data:image/png;base64,iVBORw0KGgo=)")
    assert "data:" not in html
    assert_inert(html)


def test_markdown_images_never_become_img_tags():
    for source in ("![x](http://evil.example/x.png)", "![](https://example.org/a.jpg)"):
        html = render(source)
        assert "<img" not in html
        assert_inert(html)


def test_stored_html_is_cleaned_again_when_shown():
    tampered = (
        '<p>hi</p><script>alert(1)</script><img src=x onerror="alert(1)">'
        '<a href="javascript:alert(1)" onclick="alert(1)">x</a><svg onload="alert(1)"></svg>'
        '<iframe src="http://evil.example"></iframe><style>p{}</style>'
        '<a href="https://example.org" rel="opener">ok</a>'
    )
    cleaned = str(safe(tampered))
    assert_inert(cleaned)
    assert "<p>hi</p>" in cleaned and 'href="https://example.org"' in cleaned


# --- through the app: a facilitator's comment read by a member of the group ----------------------


@pytest.fixture
def scene():
    facilitator, group = setup_group()
    reader = trusted_youth(group)
    thread = group_thread(group, facilitator)
    return facilitator, reader, thread


def _post_as(client, author, thread, body, token):
    login(client, author)
    response = client.post(
        f"/discussions/t/{thread.id}/comment", data={"body": body, "once": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    comment = db.session.scalar(
        select(Comment)
        .where(Comment.thread_id == thread.id, Comment.is_opening.is_(False))
        .order_by(Comment.id.desc())
    )
    assert comment is not None and comment.status == ModerationStatus.PUBLISHED
    return comment


@pytest.mark.parametrize(("source", "escaped"), [e[1:] for e in CORPUS], ids=IDS)
def test_a_posted_comment_shows_nothing_executable(client, scene, source, escaped):
    facilitator, reader, thread = scene
    comment = _post_as(client, facilitator, thread, source, "x1")
    assert_inert(comment.body_html)
    for viewer in (reader, facilitator):
        login(client, viewer)
        response = client.get(f"/discussions/t/{thread.id}")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert f'id="c{comment.id}"' in page
        assert_comment_area_inert(page)
        if escaped is not None:
            assert escaped in page
    # The reply page quotes the comment: the same holds there.
    login(client, reader)
    reply = client.get(f"/discussions/c/{comment.id}/reply").get_data(as_text=True)
    prose = re.findall(r'<div class="prose">(.*?)</div>', reply, re.S)
    assert prose
    for block in prose:
        assert_inert(block)


def test_a_posted_link_keeps_rel_and_target(client, scene):
    facilitator, reader, thread = scene
    _post_as(client, facilitator, thread, "Read [the rules](https://example.org/rules).", "l1")
    login(client, reader)
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert '<a href="https://example.org/rules" rel="nofollow ugc noopener">the rules</a>' in page
    assert_comment_area_inert(page)


def test_a_thread_title_and_opening_text_are_escaped(client, scene):
    facilitator, reader, first = scene
    login(client, facilitator)
    response = client.post(
        f"/discussions/group/{first.group_id}/new",
        data={
            "title": "<script>alert(1)</script> Plan",
            "body": '<img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>',
            "once": "t1",
        },
    )
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread).order_by(Thread.id.desc()))
    assert thread.status == ModerationStatus.PUBLISHED
    login(client, reader)
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Plan" in page
    assert "<script>alert(1)" not in page
    assert_comment_area_inert(page)
    space = client.get(f"/discussions/group/{first.group_id}").get_data(as_text=True)
    assert "<script>alert(1)" not in space and "&lt;script&gt;" in space


def test_a_tampered_stored_comment_is_cleaned_on_the_page(client, scene):
    facilitator, reader, thread = scene
    comment = _post_as(client, facilitator, thread, "Harmless words.", "s1")
    comment.body_html = (
        '<p>Harmless</p><script>alert(1)</script><img src=x onerror="alert(1)">'
        '<a href="javascript:alert(1)">x</a><svg onload="alert(1)"></svg>'
    )
    db.session.commit()
    login(client, reader)
    page = client.get(f"/discussions/t/{thread.id}").get_data(as_text=True)
    assert "<p>Harmless</p>" in page
    assert_comment_area_inert(page)


def test_thread_pages_forbid_inline_script(client, scene):
    facilitator, reader, thread = scene
    login(client, reader)
    response = client.get(f"/discussions/t/{thread.id}")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy) or re.search(
        r"default-src ([^;]*)", policy
    )
    assert script_src is not None and "'unsafe-inline'" not in script_src.group(1)
    assert "frame-ancestors 'none'" in policy


def test_a_held_payload_is_shown_as_text_to_the_moderator(client, scene):
    """The review pages show a held post's raw text to the facilitator: escaped, never run."""
    facilitator, _reader, thread = scene
    group = db.session.get(Group, thread.group_id)
    child = make_user(age=11, group=group, created_at=utcnow() - timedelta(days=5))
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)> <svg onload=alert(1)>"
    comment, verdict = post(thread, child, payload)
    assert verdict.held and comment.status == ModerationStatus.PENDING
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.content_id == comment.id))
    login(client, facilitator)
    for url in ("/moderation/", f"/moderation/item/{item.id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
        lowered = page.lower()
        assert "<script" not in lowered and "<svg" not in lowered, url
        assert not event_attributes(page), url
        assert all(
            (attrs.get("src") or "").startswith("/static/")
            for tag, attrs in tags_of(page)
            if tag == "img"
        ), url
