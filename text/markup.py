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
from collections.abc import Callable, Mapping
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Deep nesting is the cheapest way to make a Markdown parser slow; real text never needs it.
MAX_NESTING = 20

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
        "th", "td", "sup", "sub",
    }
)  # fmt: skip
# "@handle" as a mention: not inside a word, an email address or a path; handles are letters,
# digits, dots, dashes and underscores, starting and ending with a letter or digit.
_MENTION = re.compile(r"(?<![\w@./\-])@([^\W_](?:[\w.\-]{0,28}[^\W_])?)")
MAX_MENTIONS = 20
MENTION_CLASS = "mention"


def _allowed_link_attribute(tag, name, value) -> bool:
    # `class` only as the mark of a mention link this module made (styling); nothing else.
    if name == "class":
        return value == MENTION_CLASS
    return name in {"href", "title", "rel", "target"}


ALLOWED_ATTRIBUTES = {
    "a": _allowed_link_attribute,
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


def _link_mentions(state) -> None:
    """Core rule: each `@handle` the caller named in `env["mentions"]` (handle as written ->
    profile URL) becomes a link. Only plain text is touched: never code spans or blocks, never
    text already inside a link (a link cannot hold a link)."""
    links: Mapping[str, str] = state.env.get("mentions") or {}
    if not links:
        return
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = _with_mention_links(block.children, links)


def _with_mention_links(children: list[Token], links: Mapping[str, str]) -> list[Token]:
    result, depth = [], 0
    for token in children:
        depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
        if token.type != "text" or depth > 0 or "@" not in token.content:
            result.append(token)
            continue
        at = 0
        for match in _MENTION.finditer(token.content):
            url = links.get(match.group(1))
            if url is None:
                continue
            result.append(_text(token.content[at : match.start()]))
            opening = Token("link_open", "a", 1, attrs={"href": url, "class": MENTION_CLASS})
            result += [opening, _text(match.group(0)), Token("link_close", "a", -1)]
            at = match.end()
        if at == 0:
            result.append(token)
        elif at < len(token.content):
            result.append(_text(token.content[at:]))
    return result


def _text(content: str):
    token = Token("text", "", 0)
    token.content = content
    return token


_member_md = _markdown(headings=False)
_member_md.core.ruler.push("mention_links", _link_mentions)
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


def render_markdown(
    text: str,
    *,
    headings: bool = False,
    mention_resolver: Callable[[list[str]], Mapping[str, str]] | None = None,
) -> str:
    """Render Markdown source to safe HTML.

    `headings=True` is for editorial long-form text (an item's body with `##` sub-headings);
    members' posts and questions keep `#` as literal text so nobody shouts in a thread.
    Headings are demoted so that user text never has an `<h1>`: the page owns that.

    `mention_resolver` (members' text only) is given the handles the text mentions
    (`mentioned_handles`, as written, without the `@`) and returns {handle: profile URL} for
    those that name a member: those `@handle`s become links, every other `@word` stays text.
    This floor knows no members; the caller's resolver does (one query, at save time).
    """
    if not text:
        return ""
    md = _editorial_md if headings else _member_md
    text = text.replace("\x00", "")
    handles = mentioned_handles(text) if mention_resolver else []
    mentions = mention_resolver(handles) if handles else {}
    html = md.render(text, {"mentions": mentions})
    if headings:
        html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return _cleaner.clean(html)


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
