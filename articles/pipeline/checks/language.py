"""Foreign boilerplate: a credit, caption or source line in another language than the item's.

The item's language is read from its own prose (title, summary, commentary, body). Each line
that is boilerplate-shaped — a credit or caption field, a "label: value" line, a short line
standing on its own in prose — is then read the same way: by script (Han, kana, Hangul,
Cyrillic, Arabic, Thai…) and, for Latin script, by word frequencies in each language. A line is
foreign when what it says is in another language; names carry no language (an English credit
may name 王力, a body may quote a hospital's Thai name), so unknown and capitalised words do not
vote, and text in quotes or brackets is skipped. Reference titles and publishers may be in any
language (a Spanish paper, Le Monde): only a foreign label on them ("来源：") counts.
"""

import re
import unicodedata
from collections import Counter
from functools import cache

from . import words
from .base import (
    BODY,
    CITATION,
    CREDIT,
    FOREIGN_BOILERPLATE,
    PLAIN,
    PUBLISHER,
    REFERENCE,
    URL,
    Finding,
    Item,
    Result,
    mask_quotes,
)

_WORD = re.compile(r"[^\W\d_]+")
# "Label: value", the shape of credit and source lines in any language.
_LABELLED = re.compile(r"^[\s*_>(\[]*([^\W\d_][^:：|\n]{0,24}?)\s*[:：]\s*(\S.*)$")
_BRACKETED = re.compile(r"\([^)\n]{0,120}\)|（[^）\n]{0,120}）|\[[^\]\n]{0,120}\]")
_NO_SPACE_SCRIPTS = {"Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar"}


@cache
def script_of(char: str) -> str:
    """The script of a letter, from its Unicode name (good enough for the scripts we meet)."""
    if char.isascii():
        return "Latin"
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "Han"
    first = name.split(" ")[0]
    return {"HANGUL": "Hangul", "HIRAGANA": "Hiragana", "KATAKANA": "Katakana"}.get(
        first, first.title() or "Unknown"
    )


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def scripts(text: str) -> Counter:
    counts = Counter(script_of(c) for c in _NON_ASCII.findall(text) if c.isalpha())
    if latin := len(_ASCII_LETTER.findall(text)):
        counts["Latin"] += latin
    return counts


def main_script(text: str) -> str:
    counts = scripts(text)
    if not counts:
        return "Latin"
    script, _ = counts.most_common(1)[0]
    if script in ("Hiragana", "Katakana"):
        return "Han" if counts["Han"] > counts[script] else script
    return script


def latin_language(text: str) -> str:
    """The Latin-script language whose common words explain this text best ('' if none)."""
    tokens = [t.lower() for t in _WORD.findall(text) if t[0].islower() or len(t) > 1]
    if not tokens:
        return ""
    tokens = tokens[:80]
    english = sum(words.zipf(token, "en") >= 3.0 for token in tokens)
    if english >= 0.7 * len(tokens):
        return "en"  # the common case, without asking two dozen other lists
    scores = words.language_scores(tokens)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else ""


def item_context(texts) -> Item:
    prose = " ".join(
        (t.value or "")[:2000]
        for t in texts
        if t.path in ("title", "summary", "commentary.text", "body")
    )
    script = main_script(prose)
    if script == "Latin":
        return Item(language=latin_language(prose) or "en", script="Latin")
    language = {
        "Han": "zh",
        "Hiragana": "ja",
        "Katakana": "ja",
        "Hangul": "ko",
        "Thai": "th",
        "Cyrillic": "ru",
        "Greek": "el",
        "Arabic": "ar",
        "Hebrew": "he",
    }.get(script, "")
    return Item(language=language, script=script)


def check(path: str, value: str, role: str, item: Item, result: Result) -> None:
    if role == URL:
        return
    for line in value.splitlines():
        stripped = line.strip()
        if not stripped or not _boilerplate_shaped(stripped, role):
            continue
        if _foreign(stripped, role, item):
            result.findings.append(Finding(path, FOREIGN_BOILERPLATE, stripped.strip("*_ ")[:200]))


def _boilerplate_shaped(line: str, role: str) -> bool:
    # Credits, alt text and the other one-line fields speak to the item's readers whatever
    # their length; references and publishers only for their labels (below).
    if role in (CREDIT, REFERENCE, PUBLISHER, PLAIN):
        return True
    if CITATION.search(line):
        return False  # a citation is in its source's language
    if _LABELLED.match(line):
        return True
    return len(line) <= 80 and role == BODY or len(_WORD.findall(line)) <= 6


def _foreign(line: str, role: str, item: Item) -> bool:
    masked = _BRACKETED.sub(" ", mask_quotes(line))
    label = _LABELLED.match(masked)
    if label and _is_label(label.group(1)) and _label_foreign(label.group(1), item):
        # On a reference, a title may be in any language: only a label introducing a value
        # in another script ("来源：Reuters") is boilerplate.
        if role not in (REFERENCE, PUBLISHER):
            return True
        if main_script(label.group(2)) != main_script(label.group(1)):
            return True
        if role == PUBLISHER and len(_WORD.findall(label.group(1))) == 1:
            return True  # a publisher is a name: a one-word label before it ("Quelle:") is not
    if role in (REFERENCE, PUBLISHER):
        return False
    return _text_foreign(masked, item, credit=role == CREDIT)


def _is_label(label: str) -> bool:
    """A label is a word or three ("Photo", "图片来源", "Source de l'image"), not a clause."""
    label = label.strip("*_ ")
    if main_script(label) in _NO_SPACE_SCRIPTS:
        return sum(1 for char in label if char.isalpha()) <= 6
    return len(_WORD.findall(label)) <= 4


def _label_foreign(label: str, item: Item) -> bool:
    label = label.strip("*_ ")
    script = main_script(label)
    if script != item.script:
        letters = sum(1 for char in label if char.isalpha())
        return letters >= 2 and script not in ("Unknown",)
    if script != "Latin" or label.isupper():
        return False  # an acronym label ("TODO", "NB") is no language's word
    tokens = [t.lower() for t in _WORD.findall(label)]
    return bool(tokens) and _reads_as_other_language(tokens, item)


def _text_foreign(text: str, item: Item, *, credit: bool) -> bool:
    counts = scripts(text)
    letters = sum(counts.values())
    if not letters:
        return False
    foreign = sum(n for script, n in counts.items() if script != item.script)
    if foreign / letters >= 0.5:
        spaced = [s for s in counts if s != item.script and s not in _NO_SPACE_SCRIPTS]
        # A name in another script is two to four characters; a phrase is longer.
        if credit and not spaced and foreign <= 4:
            return False
        return foreign >= 3 or credit
    if item.script != "Latin":
        return False
    tokens = [t for t in _WORD.findall(text) if all(script_of(c) == "Latin" for c in t)]
    # Capitalised words may be names and capitals may be acronyms or placeholders: they abstain.
    voting = [
        t.lower()
        for i, t in enumerate(tokens)
        if len(t) > 1 and not t.isupper() and (i == 0 or not t[0].isupper())
    ]
    return len(voting) >= 1 and _reads_as_other_language(voting, item)


def _reads_as_other_language(tokens: list[str], item: Item) -> bool:
    """Another language's common words explain these clearly better than the item's do.
    Names abstain: a word no list knows adds nothing to any language."""
    mine = [words.zipf(token, item.language) for token in tokens]
    if min(mine) >= 5.3:
        return False  # every word is among the item language's commonest: no need to ask
    own = sum(mine)
    scores = words.language_scores(tokens)
    best = max(scores, key=scores.get)
    margin = scores[best] - own
    return best != item.language and margin >= 1.5 and margin >= 1.0 * len(tokens)
