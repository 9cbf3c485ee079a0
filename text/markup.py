"""THE user-text pipeline: Markdown source -> HTML -> sanitized HTML.

Every piece of text a member, clinician, editor or the content pipeline writes becomes HTML here
and nowhere else; nothing else in the project imports `markdown_it` or `bleach`. Render once,
when the text is saved, and store the result beside the source in a `*_html` field.

Two walls: Markdown is parsed with raw HTML off (so `<script>` arrives as text), then bleach
keeps only an allowlist of tags, attributes and URL schemes. The strict Content-Security-Policy
is the third. bleach is pinned exactly (see pyproject.toml); its contract is pinned by
tests/text/test_markup.py, so swapping in another sanitizer is a change to this file alone.
"""

import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

# Deep nesting is the cheapest way to make a Markdown parser slow; real text never needs it.
MAX_NESTING = 20

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
        "th", "td", "sup", "sub",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel", "target"],
    "ol": ["start"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"


def _markdown(*, headings: bool) -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": True, "typographer": False})
    md.options["maxNesting"] = MAX_NESTING
    md.enable(["linkify", "table", "strikethrough"])
    if not headings:
        md.disable("heading")
        md.disable("lheading")
    return md


_member_md = _markdown(headings=False)
_editorial_md = _markdown(headings=True)


def _set_link_rel(attrs, new=False):
    """Every link in user text: no referrer, no ranking credit, no window.opener."""
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"})],
)


def render_markdown(text: str, *, headings: bool = False) -> str:
    """Render Markdown source to safe HTML.

    `headings=True` is for editorial long-form text (an item's body with `##` sub-headings);
    members' posts and questions keep `#` as literal text so nobody shouts in a thread.
    Headings are demoted so that user text never has an `<h1>`: the page owns that.
    """
    if not text:
        return ""
    md = _editorial_md if headings else _member_md
    html = md.render(text.replace("\x00", ""))
    if headings:
        html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return _cleaner.clean(html)


# "@handle" as a mention: not inside a word, an email address or a path; handles are letters,
# digits, dots, dashes and underscores, starting and ending with a letter or digit.
_MENTION = re.compile(r"(?<![\w@./\-])@([^\W_](?:[\w.\-]{0,28}[^\W_])?)")
MAX_MENTIONS = 20


def mentioned_handles(text: str) -> list[str]:
    """The @handles a member wrote, in order, once each, at most MAX_MENTIONS; never from code
    spans or code blocks, where "@decorator" is code, not a person."""
    if not text or "@" not in text:
        return []
    found: list[str] = []
    for token in _member_md.parse(text.replace("\x00", "")):
        for child in token.children or []:
            if child.type != "text":
                continue
            for handle in _MENTION.findall(child.content):
                if handle not in found:
                    found.append(handle)
                if len(found) == MAX_MENTIONS:
                    return found
    return found
