"""Truncation: a field that stops where a field of its kind cannot end.

Prose (summary, commentary, answers, the body's last paragraph) ends a sentence: with . ! ? …
or a closing quote or bracket after one. Titles, credits, names, takeaways and questions need
no full stop, so for them the signs are a dangling word (and, of, the, with), a trailing comma,
colon, dash or open bracket, a trailing ellipsis, or a last word cut mid-word. A cut word is
judged with word frequencies (wordfreq): a cut-off word is usually a rare string that begins a
common word ("adolesc" → "adolescents", "unreg" → "unregulated"), while a finished rare word
(a drug's name) begins no commoner one. A citation ends in a year, pages, a DOI, a PMID or an
address; a reference that looks like a citation and ends otherwise was cut.
"""

import re
import unicodedata

from . import words
from .base import (
    BODY,
    CITATION,
    NAME,
    PROSE,
    PUBLISHER,
    REFERENCE,
    TRUNCATED,
    URL,
    Finding,
    Item,
    Result,
)
from .emptiness import HEADING

_I = re.IGNORECASE
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_PROSE_LINE = re.compile(
    r"^\s*(?:[-*+]\s|\d+[.)]\s|\||>|#{1,6}\s|!\[|\[[^\]]*\]\([^)]*\)\s*$|https?://\S+\s*$"
    r"|[*_]{1,2}[^*_\n]+[*_]{1,2}\s*$|(?:photo|image|illustration|credit|source|via)\b[^\n]{0,60}$)",
    _I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_TRAILING_MARKUP = re.compile(r"[\s*_`~]+$")
_URL_END = re.compile(r"(?:https?://|www\.)\S+$|<https?://\S+>$|\S+@\S+\.\w+$", _I)
_DANGLING = re.compile(
    r"(?:^|[\s(])(?:and|or|but|nor|the|a|an|to|of|with|without|than|for|in|on|at|by|from|that"
    r"|which|who|whose|whom|as|into|onto|because|if|is|are|was|were|be|been|its|their|his|her"
    r"|our|this|these|those|such|versus|vs|between|among|including|like|about|after|before"
    r"|during|while|when|where|whether|not|no|more|less|most|very|can|could|may|might|will"
    r"|would|should|must|has|have|had|do|does|did|also|both|either|neither|each|every|per"
    r"|via|over|under|through|toward|towards|against|within|despite|amid|plus|mostly|mainly"
    r"|largely|especially|particularly|notably|such|rather|even|almost|nearly|approximately"
    r"|around|least|than|whereas|although|though|unless|until|since|so|aged|upper|lower"
    r"|inner|outer|former|latter|other|same|following|respective|certain|various|several)$",
    _I,
)
# A determiner and one modifier that needs its noun: "…of an elderly", "…for their first".
_DETERMINED_MODIFIER = re.compile(
    r"\b(?:a|an|each|every|its|their|his|her|our|your|this|these|those|another)\s+(?:elderly"
    r"|older|younger|new|old|young|first|second|third|early|late|major|minor|severe|mild"
    r"|chronic|acute|common|rare|serious|daily|weekly|monthly|yearly|annual|single|recent"
    r"|large|small|high|low|further|additional|potential|possible|novel|initial|average"
    r"|typical|healthy|pregnant|adult|male|female|clinical|medical|randomi[sz]ed|controlled"
    r"|double-blind|placebo-controlled|long-term|short-term|low-dose|high-dose)$"
    r"|\bthe\s+(?:new|newer|newest|latest|older|younger)$",
    _I,
)
# "…, and what": a clause opened and left without its verb.
_OPEN_CLAUSE = re.compile(r"(?:,|\band|\bor|\bbut)\s+(?:what|which|whose)$", _I)
_OPEN_END = tuple(",;:-–([{“‘/&+=")
_CITATION = re.compile(
    r"\bet al\b|\b(?:19|20)\d{2}\b|\bdoi\b|\b\d+\s*\(\d+\)\s*:|;\s*\d+|\bvol\.|\bpp?\.\s*\d"
    r"|^[A-Z][\w'’-]+,?\s+[A-Z]{1,3}[.,]",
)
_CITATION_END = re.compile(
    r"(?:\b(?:19|20)\d{2}[a-z]?|\b\d+(?:\s*[-–]\s*\d+)?|\be\d+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+"
    r"|\bpmid:?\s*\d+|\bpmcid:?\s*\w+|https?://\S+|\b(?:accessed|retrieved|published|updated)"
    r"\b[^.]{0,40}|\bin press|\bpreprint|\bforthcoming)[\s.)\]]*$",
    _I,
)
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
_SENTENCE_CLOSE = set('.!?…。！？»”’")]」』')
_WORD = re.compile(r"([^\W\d_]+)[^\w]*$")


def check(path: str, value: str, role: str, item: Item, result: Result) -> None:
    if role in (URL, PUBLISHER):
        return
    last = _last_line(value, role)
    if last is None:
        return
    end = _TRAILING_MARKUP.sub("", last).rstrip()
    if not end or _URL_END.search(end):
        return
    if role in (PROSE, BODY) and not _NOT_PROSE_LINE.match(last):
        cut = _prose_cut(end, item)
    elif role in (PROSE, BODY) and _LIST_ITEM.match(last) and CITATION.search(last):
        cut = _citation_cut(end) or _line_cut(end, item)  # a reference list's last entry
    elif role == REFERENCE and _CITATION.search(end):
        cut = _citation_cut(end) or _line_cut(end, item)
    elif role == NAME:
        cut = end[-1] in _OPEN_END  # a name may end in any word ("Văn An", "De")
    else:
        cut = _line_cut(end, item)
    if cut:
        result.findings.append(Finding(path, TRUNCATED, _tail(end)))


def _citation_cut(end: str) -> bool:
    """A citation names its year (or a DOI) and ends on a year, pages, an id or an address."""
    if not re.search(r"\b(?:19|20)\d{2}\b|\bdoi\b|\b10\.\d{4,9}/", end, _I):
        return True
    return not _CITATION_END.search(end) and not end.endswith(".")


def _last_line(value: str, role: str) -> str | None:
    lines = [line for line in value.splitlines() if line.strip()]
    if not lines:
        return None
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
    last = lines[-1]
    if in_fence or _FENCE.match(last) or HEADING.match(last):
        return None
    if last.rstrip()[-1] == "\ufffd":
        return None  # the lost character may have been the ending: mojibake names it
    return last


def _prose_cut(end: str, item: Item) -> bool:
    if end[-1] in _SENTENCE_CLOSE and not _ELLIPSIS.search(end):
        return False
    if _ELLIPSIS.search(end):
        return True  # prose does not trail off: a pipeline that cut it marked the cut
    if item.script not in ("Latin", "Greek", "Cyrillic"):
        # Scripts without spaces or a Latin full stop: cut only if it ends on a comma.
        return end[-1] in "，、,;；:："
    category = unicodedata.category(end[-1])
    return category[0] in "LNM" or end[-1] in _OPEN_END


def _line_cut(end: str, item: Item) -> bool:
    if not end:
        return True
    if _ELLIPSIS.search(end):
        return True
    if end[-1] in _OPEN_END or (end[-1] == "-" and not end.endswith("--")):
        return True
    if end.count("(") > end.count(")") or end.count("[") > end.count("]"):
        return True
    if end.count("“") > end.count("”"):
        return True
    if item.script != "Latin" or end[-1] in _SENTENCE_CLOSE:
        return False
    if _DANGLING.search(end) and not re.search(r"\b[A-Z]{2,}$|\bvs\.?$", end):
        return not _is_a_name_end(end)
    if item.language == "en" and (_DETERMINED_MODIFIER.search(end) or _OPEN_CLAUSE.search(end)):
        return True
    return _cut_word(end, item)


def _is_a_name_end(end: str) -> bool:
    # "…in the A to Z": capitalised single letters and "Plan B" style endings.
    return bool(re.search(r"\b(?:A|I)$", end))


def _cut_word(end: str, item: Item) -> bool:
    match = _WORD.search(end)
    if not match or not words.has_words(item.language):
        return False
    word = match.group(1).split("-")[-1]
    if len(word) < 2 or word.isupper():
        return False  # an acronym
    found = words.zipf(word, item.language)
    completion, score = words.best_completion(word, item.language)
    if not completion:
        return False
    if word[0].isupper():  # perhaps a name ("Smit", "Lind"): ask for a far commoner word
        return found < 2.5 and score >= words.COMMON + 0.5 and score - found >= 3.0
    if found < 2.0:
        return score >= words.COMMON
    return found < 3.0 and score - found >= 2.0


def _tail(end: str) -> str:
    start = max(0, len(end) - 60)
    space = end.find(" ", start)
    return (end[space + 1 :] if 0 <= space < len(end) - 1 and start else end[start:]).strip()
