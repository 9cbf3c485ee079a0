"""The sanitizer's contract: what survives, what never does. Written against our function, so
that a change of Markdown parser or sanitizer is judged by the same tests."""

import time
from html.parser import HTMLParser

import pytest

from text.markup import ALLOWED_TAGS, LINK_REL, render_markdown


class _LiveMarkup(HTMLParser):
    """Collects the tags and attributes a browser would actually build from some HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold** and *italic*", "<strong>bold</strong> and <em>italic</em>"),
        ("- one\n- two", "<li>one</li>"),
        ("1. first\n2. second", "<ol>"),
        ("> quoted words", "<blockquote>"),
        ("`inline code`", "<code>inline code</code>"),
        ("~~struck~~", "<s>struck</s>"),
        ("line one  \nline two", "<br"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
    ],
)
def test_allowed_formatting_survives(source, expected):
    assert expected in render_markdown(source)


def test_links_keep_their_target_and_get_a_safe_rel():
    html = render_markdown("[guideline](https://example.com/guide)")
    assert 'href="https://example.com/guide"' in html
    assert f'rel="{LINK_REL}"' in html


def test_bare_urls_are_linked_with_the_same_rel():
    html = render_markdown("see www.example.com for more")
    assert 'href="http://www.example.com"' in html
    assert LINK_REL in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="https://example.com" onclick="steal()">x</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        '<p style="position:fixed">x</p>',
        '<iframe src="https://example.com"></iframe>',
        "<svg onload=alert(1)>",
        '<a href="javascript&colon;alert(1)">x</a>',
        "![img](https://example.com/x.png)",
        "<object data=x></object><embed src=x>",
        '<form action="https://example.com"><input name=x></form>',
    ],
)
def test_hostile_markup_never_becomes_live_html(hostile):
    live = _LiveMarkup(render_markdown(hostile))
    assert set(live.tags) <= ALLOWED_TAGS
    for name, value in live.attributes:
        assert not name.startswith("on")
        assert name != "style"
        if name == "href":
            assert value.split(":")[0].lower() in {"http", "https", "mailto"}


def test_raw_html_is_shown_as_text_not_dropped_silently():
    html = render_markdown("I wrote <b>this</b> on purpose")
    assert "&lt;b&gt;this&lt;/b&gt;" in html


def test_members_cannot_make_headings_but_editorial_text_can_without_h1():
    assert "<h" not in render_markdown("# Look at me")
    editorial = render_markdown("# Title\n\n## Section", headings=True)
    assert "<h1>" not in editorial
    assert "<h2>Section</h2>" in editorial


def test_dosages_with_angle_brackets_read_as_written():
    assert "dose &lt; 5 mg, not &gt; 10 mg" in render_markdown("dose < 5 mg, not > 10 mg")


def test_nul_bytes_are_removed():
    assert "\x00" not in render_markdown("a\x00b")


def test_empty_text_renders_empty():
    assert render_markdown("") == ""


def test_deeply_nested_input_is_rendered_quickly_not_hung():
    # Not a timing assertion on the suite's speed: a guard that nesting is capped at all.
    started = time.perf_counter()
    render_markdown("[" * 20000 + "x" + "]" * 20000)
    render_markdown(">" * 5000 + " deep")
    assert time.perf_counter() - started < 5


def test_a_link_cannot_smuggle_attributes_through_its_title():
    live = _LiveMarkup(render_markdown('[x](https://example.com "t" onmouseover="alert(1)")'))
    assert all(not name.startswith("on") for name, _ in live.attributes)
