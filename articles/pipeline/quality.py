"""The quality gate: names each machine-made defect in an item, field by field.

It runs on import and on every admin save. `inspect(fields)` is pure: given the item's text
fields (dotted paths, as in the pipeline format) it returns the repaired text (cp1252/latin-1
mojibake, fixed with ftfy) and the findings. `gate_article(article=...)` applies it to a stored
item: saves the repairs and replaces the item's findings.

The gate must not cry wolf. Quoted speech ("I'm sorry," she said) is masked before the
assistant-reply patterns run; those patterns need an assistant's subject matter (the message,
the link, the text to summarise), not just an apology; Greek letters (β-blockers) and real
typography (— “ ” …) are clean.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from .models import QualityFinding

# Field roles: what each text is, and so which checks apply.
PLAIN = "plain"  # one line of plain text: title, names, question
PROSE = "prose"  # Markdown paragraphs: summary, commentary, FAQ answers
BODY = "body"  # long-form Markdown with ## headings
POINT = "point"  # a list item of plain text: key takeaways (often without a full stop)
CREDIT = "credit"  # an image credit line
FOREIGN_OK = "foreign-ok"  # reference titles and publishers: may be in any language


@dataclass(frozen=True)
class Text:
    path: str
    value: str | None
    role: str = PLAIN
    required: bool = False  # blank: a missing required part of the item
    entry: bool = False  # part of a list entry (a takeaway, an FAQ answer): blank is empty


@dataclass(frozen=True)
class Finding:
    field: str
    kind: str
    excerpt: str
    blocking: bool = True
    repair: str = ""

    def as_dict(self) -> dict:
        data = {
            "field": self.field,
            "kind": self.kind,
            "excerpt": self.excerpt,
            "blocking": self.blocking,
        }
        if self.repair:
            data["repaired"] = self.repair
        return data


@dataclass
class Result:
    repaired: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]


AI_REFUSAL = "ai_refusal"
LEAKED_INSTRUCTION = "leaked_instruction"
MOJIBAKE = "mojibake"
TRUNCATED = "truncated"
EMPTY_SECTION = "empty_section"
FOREIGN_BOILERPLATE = "foreign_boilerplate"
MISSING_REQUIRED = "missing_required"

_I = re.IGNORECASE
_M = re.MULTILINE

# --- an AI assistant's reply where content should be ---------------------------------------
_INPUT = r"(?:article|text|summary|content|link|url|source|input|document|story|transcript|file)"
_REFUSAL_PATTERNS = [
    re.compile(p, _I)
    for p in (
        r"\bi\s+(?:can't|cannot|can not|am unable to|'m unable to|am not able to|'m not able to"
        r"|do not have access to|don't have access to)\s+(?:directly\s+)?(?:access|open|browse"
        r"|view|visit|read|retrieve|see|click)?\s*(?:the\s+|that\s+|this\s+|your\s+|external\s+"
        r"|any\s+)?(?:link|url|website|web ?page|page|article|file|attachment|internet"
        r"|document)s?\b",
        r"\bunable to (?:access|open|retrieve|browse|view) (?:the |that |this |external |any )?"
        r"(?:link|url|website|article|page|file)s?\b",
        r"\bplease\s+(?:provide|paste|share|send|upload|supply|include|give)\s+(?:me\s+)?"
        r"(?:with\s+)?(?:the|a|an|your|some|more)?\s*(?:full\s+|actual\s+|original\s+"
        r"|complete\s+)?(?:article|text|summary|content|link|url|input|document|transcript"
        r"|details (?:of|about) the (?:article|study))\b",
        rf"\bif you (?:could |can |would )?(?:paste|provide|share|send|upload|give me)\b"
        rf"[^.!?\n]{{0,60}}\b(?:here|{_INPUT}|message)",
        rf"\b(?:could|can|would) you (?:please )?(?:provide|paste|share|send|upload)\b"
        rf"[^.!?\n]{{0,60}}\b{_INPUT}",
        r"\bi (?:don't|do not|didn't|did not|can't|cannot) (?:see|find)\b[^.!?\n]{0,80}"
        r"\b(?:provided|included|attached|in your (?:message|request|prompt)"
        r"|you(?:'ve| have)? (?:shared|provided|sent|pasted))",
        rf"\bthere (?:is|was|are|were)(?: no|n't any)\b[^.!?\n]{{0,60}}\b{_INPUT}\b[^.!?\n]{{0,60}}"
        r"\b(?:in your (?:message|request|prompt)|provided|included|attached"
        r"|to (?:summari[sz]e|work with|rewrite))",
        r"\bas an ai\b|\bas an? (?:ai |large )?language model\b|\bi(?:'m| am) (?:just )?an ai\b"
        r"|\bi(?:'m| am) an? (?:ai|virtual) assistant\b",
        r"\A\s*(?:certainly|sure|of course|absolutely)[!,.]\s+(?:here(?:'s| is)"
        r"|i(?:'d| would) be happy)",
        r"\bsorry\b[^.!?\n]{0,40}\b(?:help with that|assist with (?:that|this)"
        r"|fulfil+ (?:this|that|your) request|comply with|complete (?:this|that|your) request)",
        r"\blet me know if you(?:'d| would) like me to\b|\bi(?:'d| would) be (?:happy|glad) to"
        r" help\b|\bmy (?:knowledge|training) (?:cutoff|cut-off|data)\b",
        rf"\bwithout (?:the|an|any) (?:actual |full |original )?{_INPUT}\b[^.!?\n]{{0,30}}"
        r"\bi (?:can't|cannot|am unable|'m unable)",
    )
]

# --- instructions to the writer, placeholders ----------------------------------------------
_PLACEHOLDER_WORDS = (
    r"insert|add|include|write|todo|tbd|placeholder|your\s+\w+|citation needed|link|links"
    r"|source|headline|title|image|photo|reference|references|name|date|author|url|fill"
    r"|enter|quote|summary|dek|xx+"
)
_INSTRUCTION_PATTERNS = [
    # "[Insert headline]", "[link]" (but not a Markdown link "[link](https://…)" or "[x][1]")
    re.compile(rf"\[\s*(?:{_PLACEHOLDER_WORDS})\b[^\]\n]{{0,100}}\](?![(\[])", _I),
    re.compile(r"\{\{\s*[\w. |-]{1,60}\s*\}\}|\{%[^%\n]{1,60}%\}|\$\{[^}\n]{1,40}\}"),
    re.compile(r"(?<![\w{])\{[a-z_]{2,40}\}(?![\w}])"),
    re.compile(r"<\s*(?:insert|add|your|placeholder|todo)\b[^<>\n]{0,80}>", _I),
    re.compile(r"\b(?:TODO|FIXME|TKTK)\b[^\n]*|\bTBD\s*:[^\n]*"),
    re.compile(
        r"\b(?:note to (?:the )?(?:writer|editor|author)|instructions? (?:to|for) (?:the )?"
        r"(?:writer|author|model)|word count\s*:|lorem ipsum|\(placeholder\))",
        _I,
    ),
    # Lines telling the writer to add links or sentences ("Add 3-4 links from the story:").
    re.compile(
        r"^[ \t>*+\-\d.)]*(?:please\s+)?(?:add|insert|include|write|provide|list|replace"
        r"|fill in|cite|expand|rewrite|mention|generate|create)\b[^\n]{0,120}?"
        r"(?:\b\d+\s*(?:-|–|to|or)\s*\d+\s+(?:\w+\s+)?(?:\w+\s+)?(?:reference|link|source"
        r"|citation|sentence|paragraph|bullet|word|example|takeaway|question)s?\b"
        r"|\bbased on (?:the )?(?:article|content|source)\b|\barticle content\b"
        r"|\b(?:reference|citation) links?\b|\b(?:here|below)\s*[:.]?\s*$"
        r"|:\s*$)",
        _I | _M,
    ),
]
_WRITER_VERB_LINE = re.compile(
    r"^[ \t>*+\-\d.)]*(?:please\s+)?(?:add|insert|include|write|provide|list|replace|fill in"
    r"|cite|expand|rewrite|mention|generate|create)\b",
    _I,
)
_WRITER_TOPIC = re.compile(
    r"\b(?:reference|link|citation|source|headline|summary|takeaway|dek|paragraph|sentence"
    r"|section)s?\b",
    _I,
)

# --- mojibake --------------------------------------------------------------------------------
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LOST = re.compile(r"\ufffd")
_BAD_CHARS = "\ufffd" + "".join(chr(c) for c in range(0x0E00, 0x0E80))
# What survives of cp1252-read UTF-8 when ftfy cannot put it back.
_CP1252_REMNANT = re.compile(r"(?:â€|Ã[\u0080-\u00bf]|Â[\u0080-\u00bf])")

# --- other scripts -------------------------------------------------------------------------
_FOREIGN_SCRIPT = re.compile(
    "[\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u1100-\u11ff\u3000-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff01-\uffef]"
)
_FOREIGN_CREDIT = re.compile(
    r"^[\s*_>]*(?:fotos?|bildquelle|bild|quelle|fuente|imagen|cr[ée]dito|cr[ée]dit photo"
    r"|source de l'image|fonte|immagine|zdroj|źródło|kuva|bron|foto's)\s*[:：]",
    _I,
)

# --- truncation, emptiness -----------------------------------------------------------------
_FILLER = re.compile(
    r"^[\s*_]*(?:n/?a|none|null|nil|undefined|-+|—|–|\.{2,}|…|tbd|coming soon|to come|pending"
    r"|lorem ipsum)?[\s*_.]*$",
    _I,
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_OR_TABLE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
_TRAILING_MARKUP = re.compile(r"[\s*_`~]+$")
_URL_END = re.compile(r"(?:https?://|www\.)\S+$|<https?://\S+>$", _I)
_DANGLING = re.compile(
    r"(?:,|;|-|–|\b(?:and|or|but|the|a|an|to|of|with|than|for|in|on|at|by|from|that|which"
    r"|whose|as|into|because|if|is|are|was|were))$",
    _I,
)
_QUOTED = re.compile(r"“[^”\n]{0,600}”|\"[^\"\n]{0,600}\"|«[^»\n]{0,600}»|„[^“”\n]{0,600}[“”]")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def inspect(texts: Iterable[Text]) -> Result:
    """Check an item's text fields; return the repaired texts and every finding."""
    texts = [t for t in texts]
    result = Result()
    thai_item = _is_mostly(texts, _THAI)
    foreign_item = _is_mostly(texts, _FOREIGN_SCRIPT)
    for text in texts:
        value = text.value or ""
        if not value.strip() or _FILLER.fullmatch(value):
            if text.required:
                result.findings.append(Finding(text.path, MISSING_REQUIRED, value))
            elif text.entry or value.strip():
                result.findings.append(Finding(text.path, EMPTY_SECTION, value))
            continue
        value = _repair_mojibake(text.path, value, result)
        _find_lost_bytes(text.path, value, result, thai_item=thai_item)
        _find_refusals(text.path, value, result)
        _find_instructions(text.path, value, result)
        if text.role != FOREIGN_OK and not foreign_item:
            _find_foreign(text, value, result)
        if thai_item or foreign_item:
            pass  # sentence punctuation differs: no truncation rule for other scripts yet
        elif text.role in (PROSE, BODY):
            _find_truncation(text.path, value, result, strict=True)
        elif text.role == POINT or text.path == "dek":
            _find_truncation(text.path, value, result, strict=False)
        if text.role == BODY:
            _find_empty_headings(text.path, value, result)
    return result


def _is_mostly(texts: list[Text], script: re.Pattern) -> bool:
    """Is the item itself written in this script? Judged on its title and prose only."""
    letters = marked = 0
    for text in texts:
        if text.role not in (PROSE, BODY) and text.path != "title":
            continue
        for char in text.value or "":
            if char.isalpha():
                letters += 1
                marked += bool(script.match(char))
    return letters > 0 and marked / letters > 0.3


def _repair_mojibake(path: str, value: str, result: Result) -> str:
    # ftfy (and the wcwidth tables it loads) costs every web worker ~10 MiB at start-up, but
    # only the import and publishing paths run the gate: loaded on first use. (A third-party
    # module: no import cycle.)
    import ftfy  # noqa: PLC0415

    fixed = ftfy.fix_encoding(value)
    if fixed == value:
        return value
    matcher = difflib.SequenceMatcher(None, value, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = _word_bounds(value, i1, i2)
        fixed_start = j1 - (i1 - start)
        fixed_end = j2 + (end - i2)
        result.findings.append(
            Finding(
                path,
                MOJIBAKE,
                value[start:end],
                blocking=False,
                repair=fixed[fixed_start:fixed_end],
            )
        )
    result.repaired[path] = fixed
    return fixed


def _find_lost_bytes(path: str, value: str, result: Result, *, thai_item: bool) -> None:
    patterns = [_LOST, _CP1252_REMNANT] + ([] if thai_item else [_THAI])
    spans = sorted(m.span() for pattern in patterns for m in pattern.finditer(value))
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        w_start, w_end = _word_bounds(value, start, end)
        w_start, w_end = max(w_start, start - 20), min(w_end, end + 20)
        if not value[w_start:w_end].strip(_BAD_CHARS):  # a lone character: show its neighbour
            before = value[:w_start].rstrip()
            if before:
                w_start = _word_bounds(before, len(before) - 1, len(before))[0]
            else:
                w_end = (
                    _word_bounds(value, w_end + 1, w_end + 1)[1] if w_end < len(value) else w_end
                )
        result.findings.append(Finding(path, MOJIBAKE, value[w_start:w_end].strip()))
        last_end = w_end


def _mask_quotes(value: str) -> str:
    """Quoted speech and blockquotes become spaces (same length, so offsets still hold)."""
    value = value.replace("’", "'").replace("‘", "'")
    value = _QUOTED.sub(lambda m: " " * len(m.group()), value)
    return re.sub(r"(?m)^\s*>.*$", lambda m: " " * len(m.group()), value)


def _find_refusals(path: str, value: str, result: Result) -> None:
    masked = _mask_quotes(value)
    matches = [m for pattern in _REFUSAL_PATTERNS if (m := pattern.search(masked))]
    if matches:  # one reply is one defect: name it by its first sentence that gives it away
        first = min(matches, key=lambda m: m.start())
        result.findings.append(Finding(path, AI_REFUSAL, _sentence(value, *first.span())))


def _find_instructions(path: str, value: str, result: Result) -> None:
    seen: list[tuple[int, int]] = []
    for pattern in _INSTRUCTION_PATTERNS:
        for match in pattern.finditer(value):
            start, end = match.span()
            if any(s <= start < e for s, e in seen):
                continue
            excerpt = match.group().strip()
            if pattern.flags & re.MULTILINE:  # a whole line of instructions
                excerpt = _line(value, start)
            seen.append((start, max(end, start + len(excerpt))))
            result.findings.append(Finding(path, LEAKED_INSTRUCTION, excerpt))
    # A short field that is nothing but an order to the writer ("Write a one-line dek").
    if not seen and "\n" not in value.strip() and len(value) <= 160:
        stripped = value.strip()
        if (
            _WRITER_VERB_LINE.match(stripped)
            and _WRITER_TOPIC.search(stripped)
            and re.search(r"\b(?:here|for (?:this|the) (?:item|article|story))\b|:$", stripped)
        ):
            result.findings.append(Finding(path, LEAKED_INSTRUCTION, stripped))


def _find_foreign(text: Text, value: str, result: Result) -> None:
    for line in value.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        foreign = len(_FOREIGN_SCRIPT.findall(stripped))
        if foreign >= 2 or (foreign and text.role == CREDIT) or _FOREIGN_CREDIT.match(stripped):
            result.findings.append(Finding(text.path, FOREIGN_BOILERPLATE, stripped[:200]))


def _find_truncation(path: str, value: str, result: Result, *, strict: bool) -> None:
    lines = [line for line in value.splitlines() if line.strip()]
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
    last = lines[-1]
    if in_fence or _FENCE.match(last) or _HEADING.match(last):
        return
    if strict and _LIST_OR_TABLE.match(last):
        strict = False
    if last.rstrip()[-1] in _BAD_CHARS:
        return  # the lost character may have been the ending: mojibake already names it
    end = _TRAILING_MARKUP.sub("", last)
    if not end or _URL_END.search(end):
        return
    tail = end[-1]
    if strict:
        category = unicodedata.category(tail)
        cut = category[0] in "LN" or tail in ",;-–([{“‘"
    else:
        cut = bool(_DANGLING.search(end))
    if cut:
        start = max(0, len(end) - 60)
        space = end.find(" ", start)
        excerpt = end[space + 1 :] if 0 <= space < len(end) - 1 and start else end[start:]
        result.findings.append(Finding(path, TRUNCATED, excerpt.strip()))


def _find_empty_headings(path: str, value: str, result: Result) -> None:
    lines = value.splitlines()
    headings = []
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _HEADING.match(line)):
            headings.append((index, len(match.group(1)), line.strip()))
    for position, (index, level, line) in enumerate(headings):
        next_index, next_level = len(lines), 0
        if position + 1 < len(headings):
            next_index, next_level = headings[position + 1][:2]
        between = "\n".join(lines[index + 1 : next_index])
        if next_level > level and position + 1 < len(headings):
            continue  # a sub-heading follows: the section's content is below it
        if not between.strip() or _FILLER.fullmatch(between):
            result.findings.append(Finding(path, EMPTY_SECTION, line))


def _word_bounds(value: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not value[start - 1].isspace():
        start -= 1
    while end < len(value) and not value[end].isspace():
        end += 1
    return start, end


def _line(value: str, index: int) -> str:
    start = value.rfind("\n", 0, index) + 1
    end = value.find("\n", index)
    return value[start : end if end != -1 else len(value)].strip()


def _sentence(value: str, start: int, end: int) -> str:
    """The sentence around a match, exactly as written (at most about 240 characters)."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(value, 0, start):
        begin = boundary.end()
    stop = _SENTENCE_END.search(value, end)
    finish = stop.end() if stop else len(value)
    begin = max(begin, start - 120)
    finish = min(finish, end + 120)
    return value[begin:finish].strip()


# --- the item, as the gate sees it ----------------------------------------------------------


def texts_of_payload(item: dict) -> list[Text]:
    """The pipeline item's text fields, by their dotted paths (FORMAT.md)."""

    def get(obj, *keys):
        for key in keys:
            if not isinstance(obj, dict):
                return None
            obj = obj.get(key)
        return obj if isinstance(obj, str) else None

    texts = [
        Text("title", get(item, "title"), PLAIN, required=True),
        Text("dek", get(item, "dek"), PLAIN),
        Text("summary", get(item, "summary"), PROSE, required=True),
        Text("commentary.text", get(item, "commentary", "text"), PROSE, required=True),
        Text(
            "commentary.clinician.name",
            get(item, "commentary", "clinician", "name"),
            required=True,
        ),
        Text(
            "commentary.clinician.credentials",
            get(item, "commentary", "clinician", "credentials"),
            required=True,
        ),
        Text("body", get(item, "body"), BODY),
        Text("source.publisher", get(item, "source", "publisher"), FOREIGN_OK, required=True),
        Text("source.url", get(item, "source", "url"), FOREIGN_OK, required=True),
        Text("image.credit", get(item, "image", "credit"), CREDIT),
        Text("image.alt", get(item, "image", "alt"), PLAIN),
        Text("evidence.design", get(item, "evidence", "design"), PLAIN),
        Text("provenance.method", get(item, "provenance", "method"), PLAIN),
        Text("section.name", get(item, "section", "name"), PLAIN),
        Text("section.blurb", get(item, "section", "blurb"), PLAIN),
    ]
    for index, takeaway in enumerate(item.get("key_takeaways") or []):
        if isinstance(takeaway, str):
            texts.append(Text(f"key_takeaways.{index}", takeaway, POINT, entry=True))
    for index, entry in enumerate(item.get("faq") or []):
        texts.append(Text(f"faq.{index}.question", get(entry, "question"), entry=True))
        texts.append(Text(f"faq.{index}.answer", get(entry, "answer"), PROSE, entry=True))
    for index, ref in enumerate(item.get("references") or []):
        texts.append(Text(f"references.{index}.title", get(ref, "title"), FOREIGN_OK, entry=True))
        texts.append(Text(f"references.{index}.publisher", get(ref, "publisher"), FOREIGN_OK))
    return texts


# Article field ↔ pipeline path, for items edited in the admin.
ARTICLE_FIELDS = [
    ("title", "title", PLAIN, True),
    ("dek", "dek", PLAIN, False),
    ("summary", "summary", PROSE, True),
    ("commentary", "commentary.text", PROSE, True),
    ("commentator_name", "commentary.clinician.name", PLAIN, True),
    ("commentator_credentials", "commentary.clinician.credentials", PLAIN, True),
    ("body", "body", BODY, False),
    ("source_publisher", "source.publisher", FOREIGN_OK, True),
    ("source_url", "source.url", FOREIGN_OK, True),
    ("image_credit", "image.credit", CREDIT, False),
    ("image_alt", "image.alt", PLAIN, False),
    ("evidence_design", "evidence.design", PLAIN, False),
    ("provenance_method", "provenance.method", PLAIN, False),
]


def _article_targets(article) -> list[tuple[Text, object, str]]:
    """(text, row, attribute) for every text field of a stored item and its parts."""
    targets = [
        (Text(path, getattr(article, attr), role, required), article, attr)
        for attr, path, role, required in ARTICLE_FIELDS
    ]
    for index, takeaway in enumerate(article.key_takeaways.all()):
        text = Text(f"key_takeaways.{index}", takeaway.text, POINT, entry=True)
        targets.append((text, takeaway, "text"))
    for index, entry in enumerate(article.faq_items.all()):
        text = Text(f"faq.{index}.question", entry.question, entry=True)
        targets.append((text, entry, "question"))
        text = Text(f"faq.{index}.answer", entry.answer, PROSE, entry=True)
        targets.append((text, entry, "answer"))
    for index, ref in enumerate(article.references.all()):
        text = Text(f"references.{index}.title", ref.title, FOREIGN_OK, entry=True)
        targets.append((text, ref, "title"))
        targets.append(
            (Text(f"references.{index}.publisher", ref.publisher, FOREIGN_OK), ref, "publisher")
        )
    return targets


def check_article(article) -> Result:
    """The gate's verdict on a stored item as it stands (nothing is written)."""
    return inspect(text for text, _, _ in _article_targets(article))


@transaction.atomic
def gate_article(*, article) -> Result:
    """Run the gate on a stored item: save mojibake repairs, replace the item's findings."""
    targets = _article_targets(article)
    result = inspect(text for text, _, _ in targets)
    for text, row, attr in targets:
        if text.path in result.repaired:
            setattr(row, attr, result.repaired[text.path])
            row.save()
    store_findings(article=article, findings=result.findings)
    return result


def store_findings(*, article, findings: list[Finding]) -> None:
    QualityFinding.objects.filter(article=article).delete()
    QualityFinding.objects.bulk_create(
        QualityFinding(
            article=article,
            field=f.field,
            kind=f.kind,
            excerpt=f.excerpt,
            blocking=f.blocking,
            repair=f.repair,
        )
        for f in findings
    )
