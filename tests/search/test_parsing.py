"""The query parser: words, "phrases" and -exclusions; everything else is text, never syntax."""

import pytest

from search.parsing import MAX_QUERY_LENGTH, QueryError, parse, parse_any


def test_plain_words_must_all_match_and_stop_words_are_dropped():
    query = parse("the Sleep and melatonin")
    assert query.words == ("sleep", "melatonin")
    assert not query.match_any


def test_quoted_phrase_and_exclusions():
    query = parse('"nerve pain" -cannabis -"side effects"')
    assert query.phrases == (("nerve", "pain"),)
    assert query.excluded == (("cannabis",), ("side", "effects"))
    assert query.words == ()


def test_hyphenated_and_slashed_terms_read_as_phrases():
    assert parse("covid-19").phrases == (("covid", "19"),)
    assert parse("5/325").phrases == (("5", "325"),)


@pytest.mark.parametrize(
    "text",
    [
        'sleep"',
        '"sleep',
        "sleep) OR (melatonin",
        "sleep AND NOT melatonin*",
        "sleep NEAR(melatonin, 2)",
        "title:sleep ^melatonin",
        "sleep & melatonin | !dose <-> :*",
        "{title body}: sleep",
        "sleep'; DROP TABLE search_entry; --",
        "((((((sleep",
    ],
)
def test_operators_brackets_and_lone_quotes_are_only_text(text):
    query = parse(text)
    every = [*query.words, *(w for p in query.phrases for w in p)]
    assert "sleep" in every
    assert all(word.isalnum() or "_" in word for word in every)


def test_a_lone_quote_runs_to_the_end_as_a_phrase():
    assert parse('"nerve pain').phrases == (("nerve", "pain"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ('"" () * -', "Type a word or two"),
        ("the and of", "Type a word or two"),
        ("-cannabis", "not only words to leave out"),
        ("sleep\x00", "control characters"),
        ("x" * (MAX_QUERY_LENGTH + 1), f"at most {MAX_QUERY_LENGTH} characters"),
        ("word " * 2048, "at most"),
        (" ".join(f"w{i}" for i in range(13)), "at most 12 words"),
    ],
)
def test_unsearchable_text_says_what_to_change(text, message):
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_any_mode_takes_meaningful_words_of_a_long_question_and_never_refuses():
    query = parse_any("Is it safe to take melatonin\x00 with my sleep medicine? " * 400)
    assert query.match_any
    assert query.words == ("safe", "take", "melatonin", "sleep", "medicine")
    assert parse_any("").is_empty
    assert parse_any("the of and ???").is_empty
