"""Snippets: the database marks matched words with two private characters; this turns the text
into HTML by escaping every piece of it and putting <mark> only where the marks were."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .backends import START, STOP

_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")  # [text](url) -> text
_NOISE = re.compile(r"(\*\*|__|`+|^#+\s|(?<=\s)#+\s|^>\s?)", re.MULTILINE)
_SPLIT = re.compile(f"([{START}{STOP}])")


def plain(text: str) -> str:
    """Markdown source read as text: link targets and emphasis marks dropped, spaces collapsed."""
    return " ".join(_NOISE.sub("", _LINK.sub(r"\1", text)).split())


def marked_html(text: str) -> SafeString:
    """Escaped text with <mark> around matched words. Marks are balanced whatever the input."""
    pieces = []
    is_open = False
    for piece in _SPLIT.split(plain(text or "")):
        if piece == START:
            if not is_open:
                pieces.append("<mark>")
            is_open = True
        elif piece == STOP:
            if is_open:
                pieces.append("</mark>")
            is_open = False
        else:
            pieces.append(escape(piece))
    if is_open:
        pieces.append("</mark>")
    # Every piece of user text above went through escape(); the rest is our <mark> tags.
    return mark_safe("".join(pieces))  # noqa: S308
