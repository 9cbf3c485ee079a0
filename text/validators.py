"""THE user-text validator: what may not hide in text members type or the pipeline delivers.

Two shapes of text, one rule set:

- **One line** (titles, handles, names, licence numbers): no control character, no bidi
  override or isolate, and no invisible mark at all (zero-width space, joiners, word joiner,
  byte-order mark, left-to-right / right-to-left marks, soft hyphen, line separators). A title
  or a handle is what readers recognise a thread or a member by; an invisible character there
  makes two different strings look the same, or one string read backwards.
- **Running text** (posts, questions, answers, profile text, imported items): newlines and tabs
  are allowed, and so are the invisible marks real writing needs: the zero-width joiner and
  non-joiner (emoji sequences, Persian and Indic scripts), the LRM/RLM/ALM direction marks
  (a Hebrew or Arabic word inside an English sentence) and the soft hyphen. Bidi overrides,
  embeddings and isolates (U+202A-U+202E, U+2066-U+2069) are refused: they reorder what is
  displayed, the "Trojan source" trick.

Refused text is never silently changed: the form shows the message beside the field, with the
text kept, so the member can remove the character themselves.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible marks running text may carry for a reason (see above).
WRITING_MARKS = frozenset("\u200c\u200d\u200e\u200f\u061c\u00ad")
_RUNNING_WHITESPACE = frozenset("\n\r\t")
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cs", "Zl", "Zp"})


def find_problem(value: str, *, multiline: bool = True) -> tuple[str, str] | None:
    """(code, message) for the first character that may not be in this text, or None."""
    for char in value:
        category = unicodedata.category(char)
        if char == "\x00":
            return "null", "Remove the null character (\\0): it cannot be saved."
        if category == "Cc":
            if multiline and char in _RUNNING_WHITESPACE:
                continue
            return "control", f"Remove the invisible control character (U+{ord(char):04X})."
        if char in BIDI_CONTROLS:
            return "direction", f"Remove the text-direction control character (U+{ord(char):04X})."
        if category in _INVISIBLE_CATEGORIES and not (multiline and char in WRITING_MARKS):
            return "invisible", f"Remove the invisible character (U+{ord(char):04X})."
    return None


def visible_length(value: str) -> int:
    """Characters a reader sees: no whitespace, no invisible marks."""
    return sum(1 for c in value if not c.isspace() and unicodedata.category(c) != "Cf")


def validate_user_text(
    value: str, *, multiline: bool = True, max_length: int | None = None
) -> None:
    """Raise ValidationError (with a message for beside the field) if the text is refused."""
    if not isinstance(value, str):
        return
    if problem := find_problem(value, multiline=multiline):
        code, message = problem
        raise ValidationError(message, code=code)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            "Keep this to %(max)s characters or fewer (it has %(n)s).",
            code="length",
            params={"max": f"{max_length:,}", "n": f"{len(value):,}"},
        )


@deconstructible
class UserTextValidator:
    """`validate_user_text` for a form or model field's `validators=[...]`."""

    def __init__(self, *, multiline: bool = True, max_length: int | None = None):
        self.multiline = multiline
        self.max_length = max_length

    def __call__(self, value):
        validate_user_text(value, multiline=self.multiline, max_length=self.max_length)

    def __eq__(self, other):
        return isinstance(other, UserTextValidator) and (self.multiline, self.max_length) == (
            other.multiline,
            other.max_length,
        )


running_text = UserTextValidator(multiline=True)
one_line = UserTextValidator(multiline=False)
