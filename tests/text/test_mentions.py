"""@mentions are found in members' text, but not in code, emails or the middle of words."""

from html.parser import HTMLParser

import pytest

from text.markup import MAX_MENTIONS, mentioned_handles, render_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks @night_owl, that helped.", ["night_owl"]),
        ("@anna. and @Björn-K!", ["anna", "Björn-K"]),
        ("cc @a.b @a.b again", ["a.b"]),
        ("write to me@example.com", []),
        ("see `@decorator` in code", []),
        ("```\n@property\n```", []),
        ("a/@path and x@y", []),
        ("@_underscore_ and @-dash", []),
        ("**@bold_name** and *@em_name*", ["bold_name", "em_name"]),
        ("> quoted @quoted_one", ["quoted_one"]),
        ("", []),
    ],
)
def test_mentioned_handles(text, expected):
    assert mentioned_handles(text) == expected


def test_mentions_are_capped():
    text = " ".join(f"@member{n}" for n in range(MAX_MENTIONS + 10))
    assert len(mentioned_handles(text)) == MAX_MENTIONS


def test_a_long_hostile_text_is_quick_and_harmless():
    assert mentioned_handles("@" * 20_000 + "x" * 1000) == []


# Rendering: `render_markdown(..., mention_resolver=...)` links the handles the resolver names.


class _LiveMarkup(HTMLParser):
    """The tags and attributes a browser would build from some HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


PROFILES = {"anna": "/members/anna/", "Björn-K": "/members/Bj%C3%B6rn-K/"}


def _resolver(asked: list):
    def resolve(handles):
        asked.append(list(handles))
        return {handle: PROFILES[handle] for handle in handles if handle in PROFILES}

    return resolve


def _render(text, asked=None):
    return render_markdown(text, mention_resolver=_resolver([] if asked is None else asked))


def test_a_known_handle_becomes_a_link_to_its_profile():
    html = _render("Thanks @anna, and @Björn-K.")
    assert '<a href="/members/anna/" class="mention"' in html and ">@anna</a>," in html
    assert 'href="/members/Bj%C3%B6rn-K/"' in html and ">@Björn-K</a>." in html


def test_an_unknown_handle_stays_text():
    html = _render("Ask @nobody_here or @anna")
    assert "@nobody_here" in html and 'href="/members/nobody_here/"' not in html
    assert html.count("<a ") == 1


@pytest.mark.parametrize(
    "text",
    [
        "`@anna`",  # a code span
        "```\n@anna\n```",  # a code block
        "    @anna indented code",
        "write to me@anna.com",  # an email address
        "see www.example.com/@anna",  # inside a bare URL
        "[@anna](https://example.com)",  # already a link: links do not nest
        "@anna_not_quite",  # a longer handle is another handle
    ],
)
def test_handles_in_code_addresses_and_links_are_not_mention_links(text):
    assert 'class="mention"' not in _render(text)


def test_the_resolver_is_asked_once_with_the_handles_and_not_at_all_without():
    asked = []
    _render("@anna and @anna and @bob `@code`", asked)
    assert asked == [["anna", "bob"]]
    asked.clear()
    _render("no mentions here", asked)
    assert asked == []  # no "@" at all: no look-up


def test_without_a_resolver_nothing_is_linked():
    assert 'class="mention"' not in render_markdown("Thanks @anna")


@pytest.mark.parametrize(
    "hostile",
    [
        '@anna"><script>alert(1)</script>',
        "@anna<img src=x onerror=alert(1)>",
        "@anna' onmouseover='alert(1)",
        "@\u202eanna",  # a bidi override before the handle
        "@" + "a" * 5000,
    ],
)
def test_hostile_text_around_a_handle_stays_text(hostile):
    live = _LiveMarkup(_render(hostile))
    assert set(live.tags) <= {"p", "a"}
    assert all(name in {"href", "class", "rel"} for name, _ in live.attributes)
    assert live.tags.count("a") <= 1


def test_a_resolver_url_cannot_smuggle_a_script_or_an_attribute():
    evil = {"anna": "javascript:alert(1)", "bob": '/x" onclick="alert(1)'}
    live = _LiveMarkup(render_markdown("@anna @bob", mention_resolver=lambda handles: evil))
    assert all(name in {"href", "class", "rel"} for name, _ in live.attributes)
    assert all(not value.startswith("javascript") for name, value in live.attributes)
