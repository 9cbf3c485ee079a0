"""Leaked instructions and placeholders: words meant for the writer or the template engine.

Two principles. A placeholder is a slot that was never filled: template syntax ({{x}}, {x},
${x}, <ALL_CAPS>, [INSERT …]), printers' marks (TK, XX for a number), "… goes here", a word
count target. An instruction is an order given to whoever writes or edits the text: an
imperative whose object is the writing itself (this text, a quote, the headline, two
sentences, a reference link) or that says where in the text to act ("here", "below"), and
bracketed notes to an editor. A body that reports what people were told to do ("patients were
asked to stop caffeine") is not an imperative, and advice to readers ("ask your doctor",
"write down your questions") has the reader's life, not the text, as its object.
"""

import re

from .base import LEAKED_INSTRUCTION, Finding, Result, line_at
from .slots import GOES_HERE, NUMBER_SLOT, PLACEHOLDERS, WORD_COUNT

_I = re.IGNORECASE
_M = re.MULTILINE


# An imperative addressed to the writer: a verb of writing at the head of a clause…
_WRITER_VERB = (
    r"(?:add|insert|include|write|rewrite|re-write|draft|summari[sz]e|make|keep|cut|trim"
    r"|shorten|lengthen|expand|tighten|polish|soften|punch up|tone down|mention|cite|link"
    r"|source|attribute|fact-check|verify|check|confirm|update|replace|fill in|flesh out"
    r"|elaborate on|move|swap|use|end with|start with|open with|lead with|close with|frame"
    r"|emphasi[sz]e|highlight|reword|rephrase|simplify|translate|condense|paraphrase|list"
    r"|provide|generate|create|compose|craft|format|bold|italici[sz]e|put|give|pull|drop"
    r"|remove|delete|change|fix|double-check|clarify|explain|describe|mention|note|state|quote"
    r"|conclude|finish|wrap up|revise|edit|proofread|adapt|tailor|adjust|insert|rework"
    r"|hyperlink|spell out|find|look up|dig up|track down|research)"
)
# …whose object is the text itself, or that says where in the text to act.
_TEXT_OBJECT = (
    r"(?:the following|the (?:image|photo|picture|chart|figure|graphic)"
    r"|(?:this|that) (?:text|section|paragraph|piece|sentence|part|bit|line|story|article"
    r"|summary|intro|ending|quote|headline|title|draft|copy|bullet|list)"
    r"|the (?:text|copy|piece|article|story|draft|summary|intro|introduction"
    r"|lede|lead|ending|conclusion|opening|tone|headline|title|dek|standfirst|section|paragraph"
    r"|sentence|wording|language|bullets?|list|faq|byline|caption|quote|takeaways?)"
    r"|(?:simpler|plainer|shorter|clearer|fewer|less technical|more technical|more everyday)"
    r" (?:words|language|wording|terms|sentences|phrasing)"
    r"|(?:a|an|another|one|two|three|some|more|first|second|third|fourth|fifth|final|last|next"
    r"|extra|additional|missing|closing|opening|\d+(?:\s*(?:-|–|to|or)\s*\d+)?)\s+(?:[\w-]+\s+)?"
    r"(?:quotes?|sentences?|paragraphs?|bullets?|bullet points|words?|references?|links?"
    r"|citations?|sources?|examples?|stats?|statistics?|takeaways?|questions?|headlines?"
    r"|subheads?|subheadings?|captions?|lines?|graf|grafs|ctas?|call to action|line"
    # the pieces of writing a writer is asked for
    r"|commentary|commentaries|summary|summaries|overview|disclaimer|blurb|dek|intro"
    r"|introduction|conclusion|answers?|bio|paragraph|version|draft|explanation|tagline"
    r"|teaser|standfirst|alt text|faq|section|piece|article|post|write-up|closing|opening)"
    r"|(?:a |an |the )?(?:[\w-]+\s+)?(?:quote|citation|reference|source|link|hyperlink|doi|pmid"
    r"|url|page numbers"
    r"|statistic|stat|byline"
    r"|call to action|cta|transition|hook|kicker|nut graf|subhead)s?)"
)
# What may stand before an imperative's verb: a softener, a negation, a reminder.
_HEAD = (
    r"(?:(?:please|then|also|now|and|just|simply)\s+|(?:do not|don't|never|avoid)\s+"
    r"|(?:remember|be sure|make sure|try|don't forget|you(?:'ll| will)? need|you should"
    r"|you must)\s+to\s+|make sure (?:you\s+)?)"
)
_IMPERATIVE = re.compile(
    rf"(?:^|(?<=[.!?:;]\s)|(?<=[\[(]))[\s>*_#\-\d.)]*{_HEAD}?"
    rf"{_WRITER_VERB}\b(?:\s+\w+){{0,3}}?\s+{_TEXT_OBJECT}\b[^\n.!?]*"
    rf"|(?:^|(?<=[.!?]\s)|(?<=[—–]\s)|(?<=\s-\s)|(?<=[\[(]))[\s>*_\-]*{_HEAD}?{_WRITER_VERB}\b"
    rf"[^\n.!?]{{0,100}}?"
    rf"\b(?:here|below|above|in this (?:section|paragraph|space)|at the (?:top|end|start)"
    # …or says when: before the text is published
    rf"|before (?:this|it|the (?:piece|story|item|article|post)) (?:goes live|goes out|runs"
    rf"|is published|gets published|publishes)|before (?:publishing|publication|we publish"
    rf"|going live)|throughout"
    rf"|based on (?:the )?(?:article|content|source|story|text)|article content)\b[^\n]*?"
    rf"(?:[.:!]|$)"
    rf"|^[\s>*_\-\d.)]*(?:please\s+)?{_WRITER_VERB}\b[^\n]{{0,120}}:\s*$"
    rf"|^[\s>*_\-]*(?:make|keep|cut|trim|rewrite|tighten|shorten|get)\s+(?:this|it|the \w+)"
    rf"\s+(?:sound|more|less|feel|read|warmer|shorter|punchier|friendlier|simpler|clearer"
    rf"|tighter|under|to \d+|down to|short|brief|punchy|snappy|plain)\b[^\n]*"
    # Verbs that act on nothing but text: an order to a writer whatever their object.
    # Verbs of editing whose object is "this": "Shorten this to fit the box".
    rf"|(?:^|(?<=[.!?]\s))[\s>*_\-]*{_HEAD}?(?:shorten|lengthen|tighten|condense|expand|reword"
    rf"|rephrase|simplify|trim|punch up|polish|redo|rework)\s+(?:this|it|all this)\b[^\n.!?]*"
    # A verdict on the text with its subject left out: "Needs a stronger ending".
    rf"|(?:^|(?<=[.!?]\s))[\s>*_\-]*(?:needs|could use|could do with|wants|requires|lacks)\s+"
    rf"(?:a |an |the |more |some |another )?(?:[\w-]+\s+)?(?:ending|opening|intro|introduction"
    rf"|conclusion|headline|title|quote|example|context|transition|hook|kicker|dek|lede"
    rf"|paragraph|sentence|line|summary|source|citation|reference|edit|trim|cut|rewrite)\b[^\n]*"
    # An order about which words to write, the word quoted: "Avoid saying 'breakthrough'".
    rf"|(?:^|(?<=[.!?:;]\s))[\s>*_\-]*{_HEAD}?(?:say|saying|use|using|call|calling|write"
    rf"|writing|describe|describing)\s+(?:it|this|them)?\s*(?:as\s+)?['\"“‘][^\n.!?]*"
    # A note in brackets that opens with an order to add, link, check or cut something.
    rf"|(?<=[\[(])\s*(?:please\s+)?(?:add|insert|include|link|cite|source|attribute|expand"
    rf"|cut|trim|shorten|rewrite|rephrase|reword|verify|confirm|fact-check|double-check|check"
    rf"|update|fill in|flesh out|hyperlink|ask \w+(?: \w+)? to (?:confirm|check|verify|review"
    rf"|approve|add|write|supply|send))\b[^()\[\]\n]{{0,120}}(?=[)\]])"
    rf"|(?:^|(?<=[.!?:;]\s)|(?<=[\[(]))[\s>*_#\-\d.)]*{_HEAD}?"
    rf"(?:mention|cite|quote|rewrite|re-write|summari[sz]e|rephrase|paraphrase|reword|elaborate on"
    rf"|flesh out|fact-check|proofread|italici[sz]e|punch up|tone down|condense|rework"
    rf"|hyperlink|tighten up|spell out)\b[^\n.!?]*",
    _I | _M,
)
# Advice to readers shares verbs with orders to writers; its objects are the reader's own.
_READER_OBJECT = re.compile(
    r"\b(?:your|yourself|a (?:diary|journal|log|note of)|down|salt|sugar|fibre|fiber|water"
    r"|exercise|food|foods|meals?|medicines?|medications?|doses?|pills?|symptoms?|doctor"
    r"|clinician|pharmacist|nurse|gp|questions? (?:for|to ask)|list of (?:your|the) (?:medicines"
    r"|medications|questions|symptoms))\b",
    _I,
)


_YOU = re.compile(r"\b(?:you|your|yourself)\b", _I)


# Cheap tests that a line may hold what the slow patterns look for: most lines hold none.
_VERB_HEADS = frozenset(
    head.replace("[sz]", letter)
    for word in _WRITER_VERB.strip("(?:)").split("|")
    if word
    for head in [word.split()[0]]
    for letter in "sz"
) | {"please", "then", "also", "now", "and", "just", "simply", "do", "don't", "never", "avoid"}
_VERB_HEADS |= {"remember", "be", "make", "try", "you", "ask", "don", "needs", "could", "wants"}
_VERB_HEADS |= {"requires", "lacks", "say", "saying", "using", "call", "calling", "writing"}
_VERB_HEADS |= {"lengthen", "tighten", "condense", "reword", "redo", "rework", "polish", "punch"}
_HINTS = {
    "numbers": re.compile(r"XX|X\.X|[XYZN]\s?%|NN"),
    "here": re.compile(r"here", _I),
    "counts": re.compile(r"word|sentence|char|paragraph|bullet|length", _I),
}
_AFTER_STOP = re.compile(r"(?:[.!?:;\[(—–]|\s-\s)\s*([A-Za-z][A-Za-z-]*)")
_LINE_HEAD = re.compile(r"[\s>*_#\-\d.)]*([A-Za-z][A-Za-z-]*)")


# Each fast pattern with a character or word that must be in the line for it to match.
_FAST = list(
    zip(
        [p for p in PLACEHOLDERS if p not in (NUMBER_SLOT, GOES_HERE, WORD_COUNT)],
        ["", "{", "", "", "", "<!--", "<", "[", "(", "tk", "", "lorem", "", "", ""],
        strict=True,
    )
)


def _slow_patterns(line: str) -> list[re.Pattern]:
    patterns = []
    if _HINTS["numbers"].search(line):
        patterns.append(NUMBER_SLOT)
    if _HINTS["here"].search(line):
        patterns.append(GOES_HERE)
    if _HINTS["counts"].search(line):
        patterns.append(WORD_COUNT)
    heads = {word.lower() for word in _AFTER_STOP.findall(line)}
    if head := _LINE_HEAD.match(line):
        heads.add(head.group(1).lower())
    if heads & _VERB_HEADS:
        patterns.append(_IMPERATIVE)
    return patterns


_WHOLE_SLOT = re.compile(r"\s*(?:\[[^\[\]\n]{2,80}\]|<[^<>\n]{2,80}>|\{[^{}\n]{2,80}\})\s*")


# A field that holds only the name of what should be in it, in capitals: "PUBLISHER".
_FIELD_NAME = re.compile(
    r"\s*(?:PUBLISHER|AUTHOR|AUTHORS|NAME|TITLE|HEADLINE|CREDIT|CREDENTIALS|PHOTOGRAPHER|AGENCY"
    r"|SOURCE|CAPTION|SUMMARY|DATE|BYLINE|DEK|BODY|TEXT|URL|LINK|ALT|CLINICIAN|QUESTION|ANSWER"
    r"|TAKEAWAY|REFERENCE|BLURB)\s*"
)


def check(path: str, value: str, result: Result) -> None:
    if _FIELD_NAME.fullmatch(value):
        result.findings.append(Finding(path, LEAKED_INSTRUCTION, value.strip()))
        return
    if _WHOLE_SLOT.fullmatch(value) and not value.strip().startswith(("[x]", "[ ]")):
        # A field that is nothing but a bracketed phrase is a slot never filled.
        result.findings.append(Finding(path, LEAKED_INSTRUCTION, value.strip()))
        return
    candidates = []
    offset = 0
    for line in value.splitlines(keepends=True):
        if line.strip():
            lowered = line.lower()
            fast = [pattern for pattern, hint in _FAST if hint in lowered]
            for pattern in fast + _slow_patterns(line):
                for match in pattern.finditer(line):
                    excerpt = _excerpt(line, pattern, match)
                    if excerpt:
                        start, end = offset + match.start(), offset + match.end()
                        candidates.append((start, -len(excerpt), end, excerpt))
        offset += len(line)
    taken: list[tuple[int, int]] = []
    for start, _, end, excerpt in sorted(candidates):
        if any(start < e and end > s for s, e in taken):
            continue  # one finding per stretch of text: the longest that starts first
        taken.append((start, end))
        result.findings.append(Finding(path, LEAKED_INSTRUCTION, excerpt))


def _excerpt(value: str, pattern: re.Pattern, match: re.Match) -> str:
    start, end = match.span()
    excerpt = match.group().strip()
    if pattern is _IMPERATIVE:
        # The verb's object is what follows it; after a colon comes the material to work on.
        head = " ".join(excerpt.split(":")[0].split()[:9])
        in_brackets = start > 0 and value[start - 1] in "(["
        # Advice to readers in brackets still speaks to them ("(ask your doctor)"); a bracketed
        # order about a dose without "you" is a note to a colleague.
        reader = _YOU if in_brackets else _READER_OBJECT
        if reader.search(head) and not _names_the_text(head):
            return ""
        if re.search(r"\b(?:me|I|my)\b", excerpt):
            return ""  # "provide the text you want me to…": a request to the commissioner
        excerpt = _clause(value, start, end)
    if _is_markdown_link_or_footnote(value, start, end):
        return ""
    if re.search(r"\b(?:withheld|redacted|changed|omitted|sic)\b", excerpt, _I):
        return ""
    return excerpt


def _names_the_text(excerpt: str) -> bool:
    if re.search(r"\b\d+\s*(?:-|–|to|or)\s*\d+\s+[a-z]", excerpt):
        return True  # "2-3 questions": a specification, not advice
    return bool(
        re.search(
            r"\b(?:this (?:text|section|piece|paragraph)|here|below|above|quotes?"
            r"|references?|citations?|links?|headline|sentences?|words)\b",
            excerpt,
            _I,
        )
    )


def _clause(value: str, start: int, end: int) -> str:
    line = line_at(value, start)
    text = value[start:end].strip().strip("*_").strip()
    return text if len(text) >= len(line) * 0.6 or len(text) > 40 else line


def _is_markdown_link_or_footnote(value: str, start: int, end: int) -> bool:
    text = value[start:end]
    if not text.startswith("["):
        return False
    inner = text[1:-1].strip()
    return bool(re.fullmatch(r"\^?\d+(?:\s*[,–-]\s*\d+)*|\.{3}|…|sic|x| ", inner, _I))
