"""THE user-text validator: one rule set for one-line and running text, both ways."""

import pytest
from django.core.exceptions import ValidationError

from text.validators import find_problem, validate_user_text, visible_length

REFUSED_EVERYWHERE = [
    ("a\x00b", "null"),
    ("bell\x07", "control"),
    ("esc\x1b[31m", "control"),
    ("c1\x85", "control"),
    ("evil \u202etxt.exe", "direction"),
    ("isolate \u2066x\u2069", "direction"),
    ("embed \u202ax\u202c", "direction"),
    ("zero\u200bwidth", "invisible"),
    ("word\u2060joiner", "invisible"),
    ("\ufeffbom", "invisible"),
    ("line\u2028separator", "invisible"),
]
# Allowed in running text (real writing needs them), refused on one line (titles, handles).
WRITING_MARKS = [
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467",  # emoji ZWJ sequence
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with a zero-width non-joiner
    "the word \u05e9\u05dc\u05d5\u05dd\u200f here",  # Hebrew with a right-to-left mark
    "hy\u00adphen",  # soft hyphen from pasted text
]
PLAIN = [
    "Sleep after the new dose",
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew, no marks
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "Caf\u00e9 \u00fcber na\u00efve",
    "emoji \U0001f642",
]


@pytest.mark.parametrize(("text", "code"), REFUSED_EVERYWHERE)
@pytest.mark.parametrize("multiline", [True, False])
def test_hidden_characters_are_refused_in_every_kind_of_text(text, code, multiline):
    assert find_problem(text, multiline=multiline)[0] == code
    with pytest.raises(ValidationError) as error:
        validate_user_text(text, multiline=multiline)
    assert error.value.code == code
    assert "U+" in error.value.messages[0] or "null" in error.value.messages[0]


@pytest.mark.parametrize("text", WRITING_MARKS)
def test_writing_marks_pass_in_running_text_and_not_on_one_line(text):
    validate_user_text(text, multiline=True)
    assert find_problem(text, multiline=False)[0] == "invisible"


@pytest.mark.parametrize("text", PLAIN)
@pytest.mark.parametrize("multiline", [True, False])
def test_plain_text_in_any_script_passes(text, multiline):
    validate_user_text(text, multiline=multiline)


def test_newlines_and_tabs_are_running_text_only():
    validate_user_text("one\n\ttwo\r\nthree", multiline=True)
    assert find_problem("one\ntwo", multiline=False)[0] == "control"


def test_length_is_checked_with_the_count_in_the_message():
    validate_user_text("x" * 10, max_length=10)
    with pytest.raises(ValidationError) as error:
        validate_user_text("x" * 1001, max_length=1000)
    assert error.value.code == "length"
    assert "1,000" in str(error.value) and "1,001" in str(error.value)


def test_visible_length_ignores_spaces_and_invisible_marks():
    assert visible_length(" a\u200bb \u200d c ") == 3


@pytest.mark.django_db
def test_titles_and_handles_treat_a_zero_width_character_the_same_way():
    from accounts.validators import validate_handle_shape
    from forum.forms import TitleField

    with pytest.raises(ValidationError):
        validate_handle_shape("an\u200dna")
    with pytest.raises(ValidationError):
        TitleField().clean("A title with a \u200d joiner")
    with pytest.raises(ValidationError):
        validate_handle_shape("an\u200fna")
    with pytest.raises(ValidationError):
        TitleField().clean("A title with a \u200f mark")
