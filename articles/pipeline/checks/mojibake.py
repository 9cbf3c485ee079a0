"""Mojibake: UTF-8 bytes that were decoded with the wrong code page.

The principle is the code page's own arithmetic, not a list of odd characters. A run of
characters from the upper half of cp1252 (or latin-1) or of cp874 (Thai) is turned back into
the bytes that code page gives them; if those bytes are well-formed UTF-8, the run was
mojibake and the decoded text is the repair (non-blocking, recorded). If they are UTF-8 with
continuation bytes missing (the code page has no character for some bytes, so the decoder
dropped them), the text is garbled past repair and blocks. Real Thai, Chinese, Japanese,
Vietnamese or Greek text never takes this shape: Greek, CJK and most Vietnamese letters are not
in these code pages at all, and Thai consonants encode to UTF-8 continuation bytes that stand
where no lead byte is. ftfy's own repair and badness measure run after ours, for what they
know better (double encodings, lost no-break spaces), and a word ftfy still calls bad blocks.
"""

import difflib
import functools
import re
import unicodedata

from .base import MOJIBAKE, Finding, Item, Result, word_bounds

_CODEPAGES = ("cp874", "sloppy-windows-1252")


@functools.cache
def _ftfy():
    """ftfy, loaded when the gate first meets non-ASCII text: it (and the sloppy-windows-1252
    codec it registers) would otherwise cost every web worker ~3 MiB at start-up, and only
    importing and publishing run the gate. (A third-party module: no import cycle.)"""
    import ftfy  # noqa: PLC0415
    import ftfy.bad_codecs  # noqa: F401, PLC0415  registers "sloppy-windows-1252"
    import ftfy.badness  # noqa: F401, PLC0415

    return ftfy


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, re.Pattern]]:
    """Each code page's upper half (the characters a run is made of) and its run pattern."""
    _ftfy()
    high = {
        codec: "".join(
            bytes([byte]).decode(codec, errors="ignore") for byte in range(0x80, 0x100)
        ).replace("\xa0", "")
        for codec in _CODEPAGES
    }
    return high, {codec: re.compile(f"[{re.escape(chars)}]+") for codec, chars in high.items()}


_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
# Continuation-byte characters that real prose uses on their own (“café”, “résumé—a”); a
# lossy cp1252 run needs something else: a character no writer types, or two in a row.
_TYPOGRAPHIC = set("‘’“”–—…•°±µ©®™½¼§·")
_LOST = "\ufffd"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_UNPRINTABLE = {"Cc", "Cn", "Co", "Cs"}


def _utf8_shape(data: bytes) -> str:
    """'whole' if data is UTF-8; 'lossy' if it is UTF-8 with continuation bytes missing;
    '' if it is not UTF-8 at all (a stray continuation byte, an impossible lead byte)."""
    index, lossy, continued = 0, False, False
    while index < len(data):
        byte = data[index]
        need = 1 if 0xC2 <= byte <= 0xDF else 2 if 0xE0 <= byte <= 0xEF else 3
        if not 0xC2 <= byte <= 0xF4:
            return ""
        index += 1
        got = 0
        while got < need and index < len(data) and 0x80 <= data[index] <= 0xBF:
            index += 1
            got += 1
        lossy |= got < need
        continued |= got > 0
    if not lossy:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        return "whole"
    # One lone lead byte (cp874's "โ" for an em dash) or real byte pairs with some lost.
    return "lossy" if continued or len(data) == 1 else ""


def _garbled_enough(run: str) -> bool:
    if len(run) == 1:
        return False
    tail = run[1:]
    odd = any(char not in _TYPOGRAPHIC and (char < "\u00c0" or char > "\u00ff") for char in tail)
    return odd or len(run) > 2 or run[0] in "ÃÂ"


def _decoded(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(char) in _UNPRINTABLE for char in text):
        return None
    return text


def _inside_thai(value: str, start: int, end: int) -> bool:
    before = value[start - 1] if start else " "
    after = value[end] if end < len(value) else " "
    return not (before.isascii() and after.isascii()) or bool(
        _THAI_LETTER.match(before) or _THAI_LETTER.match(after)
    )


def _glued(value: str, start: int, end: int) -> bool:
    """A cp874 remnant stands where a dash or an emoji stood: stuck to a Latin word or
    alone between words. A real Thai word stands apart from Latin text and is longer."""
    before = value[start - 1] if start else " "
    after = value[end] if end < len(value) else " "
    stuck = (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
    alone = not _THAI_LETTER.match(before) and not _THAI_LETTER.match(after)
    return (end - start <= 3 and stuck) or (end - start == 1 and alone)


def _trial_repair(value: str, item: Item) -> tuple[str, list[tuple[int, int]]]:
    """Repair every run that decodes whole; return the new text and the lossy runs' spans."""
    lossy: list[tuple[int, int]] = []
    for codec in _CODEPAGES:
        pieces, last = [], 0
        for match in _tables()[1][codec].finditer(value):
            start, end = match.span()
            if codec == "cp874" and item.script == "Thai" and _inside_thai(value, start, end):
                continue  # a Thai item's own words
            data = match.group().encode(codec, errors="ignore")
            shape = _utf8_shape(data)
            if codec != "cp874" and not _garbled_enough(match.group()):
                shape = ""  # one accented letter (é, ü), perhaps before a quote mark
            if shape == "whole" and (text := _decoded(data)) is not None:
                pieces += [value[last:start], text]
                last = end
            elif shape == "lossy" and (codec != "cp874" or _glued(value, start, end)):
                lossy.append((start, end))
            elif match.group() == "Â" and value[end : end + 1] == " ":
                pieces += [value[last:start], ""]  # C2 A0, a no-break space, read as "Â "
                last = end
        if pieces and not lossy:
            value = "".join(pieces) + value[last:]
        elif pieces:  # keep offsets of lossy runs true: repair only when none is lossy
            return value, lossy
    return value, lossy


def check(path: str, value: str, item: Item, result: Result) -> str:
    """Repair what can be repaired (recorded), flag what cannot; return the text to check on."""
    if value.isascii():
        return value
    fixed, lossy = value, []
    for _ in range(3):  # double encodings unwind one layer at a time
        again, lossy = _trial_repair(fixed, item)
        if lossy or again == fixed:
            break
        fixed = again
    if not lossy and _looks_bad(fixed):
        fixed = _ftfy().fix_encoding(fixed)
    if fixed != value:
        _record_repairs(path, value, fixed, result)
        result.repaired[path] = fixed
    spans = lossy + [(m.start(), m.end()) for m in re.finditer(_LOST, fixed)]
    if not lossy and _looks_bad(fixed):
        spans += _still_bad(fixed)
    _record_lost(path, fixed, sorted(spans), result)
    return fixed


def _looks_bad(value: str) -> bool:
    """ftfy's badness test, run on the stretches around characters that are not plain ASCII
    (its patterns look at neighbours): the same verdict, at a fraction of the cost."""
    pieces = {value[max(0, m.start() - 3) : m.end() + 3] for m in _NON_ASCII.finditer(value)}
    return bool(pieces) and _ftfy().badness.is_bad(" ".join(pieces))


def _still_bad(value: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"\S+", value):
        word = match.group()
        if not word.isascii() and _LOST not in word and _ftfy().badness.is_bad(word):
            spans.append(match.span())
    return spans


def _record_repairs(path: str, value: str, fixed: str, result: Result) -> None:
    matcher = difflib.SequenceMatcher(None, value, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = word_bounds(value, i1, i2)
        repair = fixed[j1 - (i1 - start) : j2 + (end - i2)]
        result.findings.append(
            Finding(path, MOJIBAKE, value[start:end], blocking=False, repair=repair)
        )


def _record_lost(path: str, value: str, spans: list[tuple[int, int]], result: Result) -> None:
    bad = "".join(_tables()[0].values()) + _LOST
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        w_start, w_end = word_bounds(value, start, end)
        w_start, w_end = max(w_start, start - 20), min(w_end, end + 20)
        if not value[w_start:w_end].strip(bad):  # a lone character: show its neighbour
            before = value[:w_start].rstrip()
            if before:
                w_start = word_bounds(before, len(before) - 1, len(before))[0]
            elif w_end < len(value):
                w_end = word_bounds(value, w_end + 1, w_end + 1)[1]
        result.findings.append(Finding(path, MOJIBAKE, value[w_start:w_end].strip()))
        last_end = w_end
