"""Empty sections: a heading, label or list with nothing real under it, or a field that holds
only whitespace, a filler word ("N/A", "TBD", "…") or its own label ("## FAQ", "References:").

A section's content is whatever stands between its heading and the next heading of the same or
a higher level; a sub-heading with content counts as content. Filler is judged by shape: no
word in it carries information.
"""

import re

from .base import BODY, EMPTY_SECTION, PROSE, Finding, Result

_I = re.IGNORECASE
FILLER = re.compile(
    r"^[\s*_`\[\]().]*(?:(?:summary|answer|text|content|section|details|commentary|takeaway"
    r"|credit|caption|body|faq|references?)\s+(?:pending|to follow|to come|tbd|tbc"
    r"|coming soon|not available|unavailable)"
    r"|n/?a|none|null|nil|undefined|nan|empty|-+|—|–|\.{2,}|…|tbd|tbc"
    r"|coming soon|to come|to be (?:added|confirmed|written|announced)|pending|no content"
    r"|content (?:unavailable|not available|missing)|not available|no (?:data|text|answer"
    r"|summary|references|entries)(?: (?:available|provided|yet))?|\[\]|\{\}|\"\"|''|\?+)?"
    r"[\s*_`\[\]().:]*$",
    _I,
)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A label line: bold or a short title-like phrase ending in a colon, alone on its line.
_LABEL = re.compile(
    r"^\s*(?:\*\*|__)([^*_\n]{1,60})(?:\*\*|__)\s*:?\s*$|^\s*([A-Z][\w'’ /&-]{1,50}):\s*$"
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_EMPTY_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s*(?:\[[ xX]?\])?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_REFERENCES = re.compile(
    r"^(?:references?|sources?|citations?|further reading|bibliography|links|notes)$", _I
)


def is_blank(value: str) -> bool:
    """Nothing but whitespace, filler, or marks with no letter or digit at all ("•", "--")."""
    if not any(char.isalnum() for char in value):
        return True
    return bool(FILLER.fullmatch(value))


def check(path: str, value: str, role: str, result: Result) -> None:
    if role not in (BODY, PROSE):
        return
    lines = value.splitlines()
    blocks = _headed_blocks(lines)
    if not blocks:
        return
    for index, (line_no, level, line) in enumerate(blocks):
        next_no = blocks[index + 1][0] if index + 1 < len(blocks) else len(lines)
        next_level = blocks[index + 1][1] if index + 1 < len(blocks) else 0
        if index + 1 < len(blocks) and next_level > level:
            continue  # a sub-heading follows: the section's content is below it
        between = [text for text in lines[line_no + 1 : next_no] if text.strip()]
        if not between or all(is_blank(text) or _EMPTY_ITEM.match(text) for text in between):
            result.findings.append(Finding(path, EMPTY_SECTION, line.strip()))
    for line in lines:
        if _EMPTY_ITEM.match(line) and line.strip() not in ("-", "*", "+"):
            result.findings.append(Finding(path, EMPTY_SECTION, line.strip()))
            break


def _headed_blocks(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line number, level, line) of every heading or label; a label sits below headings."""
    blocks, in_fence = [], False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if match := HEADING.match(line):
            blocks.append((number, len(match.group(1)), line))
        elif (match := _LABEL.match(line)) and _label_heads_something(lines, number, match):
            blocks.append((number, 7, line))
        elif _REFERENCES.match(line.strip()) and (not number or not lines[number - 1].strip()):
            # "References" alone on its line is a heading in all but its markup
            blocks.append((number, 7, line))
    return blocks


def _label_heads_something(lines: list[str], number: int, match: re.Match) -> bool:
    """A label introduces what follows; one in the middle of prose that is followed by a
    paragraph is a heading in all but name. A bold sentence inside a paragraph is not."""
    name = (match.group(1) or match.group(2) or "").strip().rstrip(":")
    if len(name.split()) > 6:
        return False
    before = lines[number - 1].strip() if number else ""
    return not before or bool(HEADING.match(before)) or bool(_REFERENCES.match(name))
