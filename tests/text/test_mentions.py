"""@mentions are found in members' text, but not in code, emails or the middle of words."""

import pytest

from text.markup import MAX_MENTIONS, mentioned_handles


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
