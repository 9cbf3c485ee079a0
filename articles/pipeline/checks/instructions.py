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

from .base import LEAKED_INSTRUCTION, TEXT_NOUN, Finding, Result, line_at

_I = re.IGNORECASE
_M = re.MULTILINE

_HTML_TAGS = (
    "a|b|i|u|s|p|br|hr|em|strong|sup|sub|small|span|div|ul|ol|li|code|pre|blockquote|table"
    "|tr|td|th|thead|tbody|img|abbr|cite|q|mark|del|ins|kbd|h[1-6]"
)
# Words that mark a bracketed or angled slot as a slot, and verbs of editing.
_SLOT_WORDS = (
    r"insert|add|include|todo|tbd|tk|tktk|placeholder|citation|cite|link|links|url|name|names"
    r"|date|author|byline|headline|title|quote|quotes|number|stat|stats|statistic|figure|image"
    r"|photo|caption|source|sources|reference|references|here|fill|xx+|x+|blank|lorem|words?"
    r"|sentences?|paragraphs?|bullets?|tbc|needed|pending|confirm|verify|check|update|expand"
    r"|your|enter|describe|summary|conclusion|intro|bio|details?|tba|something|stuff"
    r"|cut|trim|shorten|edit|editor|ed|writer|note|nb|hed|dek|lede|graf|subhed|cta"
    # what is still to be done: "[to be written]", "[to come]", "[awaiting figures]"
    r"|to be \w+|to come|to follow|awaiting|awaited|missing|wanted|required"
)
_PLACEHOLDERS = [
    re.compile(
        r"\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|\$\{[^}\n]{1,40}\}|\[\[[^\]\n]{1,60}\]\]"
    ),
    re.compile(r"(?<![\w{\\$])\{[A-Za-z_][A-Za-z0-9_ .-]{1,40}\}(?![\w}])"),
    re.compile(r"%\([a-z_]{2,30}\)[sd]|(?<!\w)_{3,}(?!\w)"),  # and a blank to fill: ___
    # %NAME%, and a template variable left bare: SOURCE_NAME, CLINICIAN_NAME_2 (capitals joined
    # by underscores are an identifier, never a word a writer uses).
    _VARIABLE := re.compile(
        r"%[A-Za-z][A-Za-z0-9_]{1,40}%|(?<![\w/.#-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w/.-])"
        r"|\$[A-Z][A-Z0-9_]{3,}\b"
    ),
    # A text that says it is not the real one yet: a working title, a source still needed,
    # an answer still to be drafted.
    re.compile(
        rf"\b(?:working|placeholder|dummy|temporary|temp) (?:{TEXT_NOUN})\b[^\n]*"
        r"|\b(?:source|citation|reference|link|quote|attribution|credit|stat|figure)s?"
        r" (?:is |are )?(?:needed|required|wanted|missing|pending|tbc|to come|to follow)\b[^\n]*"
        rf"|\b(?:{TEXT_NOUN})s? (?:is |are )?(?:still |yet )?(?:to be|not yet)"
        r" (?:written|drafted|added|confirmed|supplied|provided|finali[sz]ed|decided|sourced"
        r"|agreed|filled in)\b[^\n]*",
        _I,
    ),
    # A comment in the markup is a note to whoever edits the template, never to readers.
    _COMMENT := re.compile(r"<!--.*?(?:-->|$)"),
    # <ALL_CAPS_NAME>, <author name>, <insert dose here>; not HTML, not <https://…>, not "<5 mg".
    re.compile(rf"<(?!/?(?:{_HTML_TAGS})\b[^>]*>)\s*[A-Za-z][A-Za-z_ ]{{0,40}}\s*>"),
    # [INSERT …], [Author name], [link], [Editor: cut to 50 words], [TK]; not Markdown links,
    # footnotes [1], elisions […], [sic] or clarifications inside quotes ([the drug]).
    re.compile(
        rf"\[\s*(?:(?-i:[A-Z][A-Z _/&'-]{{1,60}})|(?:{_SLOT_WORDS})\b[^\]\n]{{0,120}}"
        rf"|[^\]\n]{{0,60}}\b(?:{_SLOT_WORDS})\s*\??)\s*\](?![(\[:])",
        _I,
    ),
    re.compile(
        r"\((?:editor|ed|writer|note to (?:self|editor|writer)|tk|todo)\s*[:.][^)\n]{1,120}\)", _I
    ),
    # TK, the printers' mark for "to come" — not the tyrosine kinase of "a TK inhibitor".
    re.compile(
        r"(?<![\w(])(?<!\ba )(?<!\ban )(?<!\bthe )(?:TK|TKTK|TKTKTK)(?![\w)])"
        r"(?!\s+(?:inhibitors?|genes?|enzymes?|activity|receptors?|pathways?|levels?|domains?"
        r"|family|mutations?|signal\w*|kinase))"
    ),
    _NUMBER_SLOT := re.compile(
        r"(?<![\w.,])(?:XX+|X\.X+|XX,XXX|0\.XX)(?![\w])(?=\s*(?:%|percent|per cent|mg|ml|mcg|kg"
        r"|patients|participants|people|adults|children|years|months|weeks|days|hours|sites"
        r"|times|-fold|points))"
        r"|(?:\b(?:n|p|N|P|HR|OR|RR)\s*[=<>]\s*|\$|£|€|\b(?:19|20))(?:XX+|X\.XX?|0\.XX)\b"
        # a decimal no number has, and XX counting something ("XX of 100", "XX per 1,000")
        r"|(?<![\w.])X\.X+(?![\w])|(?<![\w.,])XX+(?=\s+(?:of|per|out of|in every|in)\s+\d)"
    ),
    re.compile(r"\b(?:TODO|FIXME|TBD|TBC)\b(?:\s*[:\-–—][^\n]*)?"),
    re.compile(r"\blorem ipsum\b[^\n]{0,60}", _I),
    _GOES_HERE := re.compile(
        r"(?:^|(?<=[\s(\[*_]))(?:[\w'’-]+\s+){0,4}(?:goes|go|to go|will go|should go)\s+here\b\.?"
        r"|^\W*(?:\w+\s+){0,3}(?:headline|title|caption|quote|link|image|photo|bio|byline|dek"
        r"|summary|intro|text|copy|credit|cta|subhead|answer|question|body|paragraph|name|date"
        r"|description|blurb|takeaway|reference|source|content|standfirst|conclusion)\s+here"
        r"\W*$",
        _I | _M,
    ),
    # Word-count targets: "(150 words)", "~50 words", "Word count: 200", "in 2-3 sentences".
    _WORD_COUNT := re.compile(
        r"[(\[]\s*(?:~|≈|approx\.?|about|around|max\.?|maximum|min\.?|up to|under|at most)?\s*"
        r"\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:words?|sentences?|characters?|chars|paragraphs?"
        r"|bullets?|bullet points)\s*(?:max|maximum|min|long|total)?\s*[)\]]"
        r"|\b(?:word count|word limit|target length|length|character limit)\s*:\s*~?\d+[^\n]*"
        r"|^[\s*_>-]*(?:[A-Za-z][\w ]{0,20}:\s*)?\d+\s*(?:-|–|to)\s*\d+\s*(?:words?|sentences?"
        r"|characters?|chars|paragraphs?|bullets?)\b[^\n]*"
        r"|(?:~|≈|\bmax\.?|\bmaximum|\bno more than|\bat most|\bunder|\bcut to|\btrim to"
        r"|\bkeep (?:it|this|to)(?: under| to)?)\s*\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:words?"
        r"|sentences?|characters?|chars)\b",
        _I | _M,
    ),
    re.compile(
        r"(?:^|(?<=[.!?]\s))[\s>*_#(\[-]*(?:note to (?:the )?(?:writer|editor|author|self|desk)"
        r"|editor'?s? notes?"
        r"\s*\((?:internal|do not publish)\)|(?:writer|editor|ed|author) notes?|instructions?"
        r"(?: (?:to|for) (?:the )?(?:writer|author|model|editor))?|prompt|system prompt|system"
        r"|user|assistant|task|tone|style|audience|target audience|output|format|voice)\s*:[^\n]*",
        _I | _M,
    ),
    # A specification of a text still to be written: "Blurb for this section - one line".
    re.compile(
        r"^[\s>*_#-]*(?:blurb|dek|standfirst|headline|hed|title|summary|caption|intro|copy"
        r"|description|alt text|bio|answer|takeaways?|commentary|paragraph|text|teaser|lede)"
        r"\s+(?:for|about|on|of)\s+(?:this|the)\s+(?:section|item|piece|article|story|page"
        r"|image|photo|picture|study|trial|entry)\b[^\n]*",
        _I | _M,
    ),
    # …or a list of its required qualities: "one line, friendly tone, no jargon".
    _STYLE_SPEC := re.compile(
        r"(?:(?:\b(?:one|two|three|single|\d+)[ -](?:line|sentence|paragraph)s?|\b(?:friendly"
        r"|warm|warmer|neutral|formal|informal|casual|conversational|upbeat|professional|light"
        r"|punchy|empathetic|chatty|authoritative|plain) (?:tone|register|voice)|\bno jargon"
        r"|\b(?:punchy|snappy|upbeat|chatty|conversational|friendly|neutral)(?=\s*[,;/—–-])"
        r"|\bplain (?:english|language)|\bfor (?:a|the) (?:general|lay) (?:audience|reader)s?"
        r"|\b(?:us|uk|british|american) spelling)\s*[,;/—–-]?\s*){2,}",
        _I,
    ),
]

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
    r"|(?:a |an |the )?(?:[\w-]+\s+)?(?:quote|citation|reference|source|link|hyperlink"
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
_VERB_HEADS |= {"remember", "be", "make", "try", "you", "ask", "don"}
_HINTS = {
    "numbers": re.compile(r"XX|X\.X"),
    "here": re.compile(r"here", _I),
    "counts": re.compile(r"word|sentence|char|paragraph|bullet|length", _I),
}
_AFTER_STOP = re.compile(r"(?:[.!?:;\[(—–]|\s-\s)\s*([A-Za-z][A-Za-z-]*)")
_LINE_HEAD = re.compile(r"[\s>*_#\-\d.)]*([A-Za-z][A-Za-z-]*)")


# Each fast pattern with a character or word that must be in the line for it to match.
_FAST = list(
    zip(
        [p for p in _PLACEHOLDERS if p not in (_NUMBER_SLOT, _GOES_HERE, _WORD_COUNT)],
        ["", "{", "", "", "", "<!--", "<", "[", "(", "tk", "", "lorem", "", "", ""],
        strict=True,
    )
)


def _slow_patterns(line: str) -> list[re.Pattern]:
    patterns = []
    if _HINTS["numbers"].search(line):
        patterns.append(_NUMBER_SLOT)
    if _HINTS["here"].search(line):
        patterns.append(_GOES_HERE)
    if _HINTS["counts"].search(line):
        patterns.append(_WORD_COUNT)
    heads = {word.lower() for word in _AFTER_STOP.findall(line)}
    if head := _LINE_HEAD.match(line):
        heads.add(head.group(1).lower())
    if heads & _VERB_HEADS:
        patterns.append(_IMPERATIVE)
    return patterns


_WHOLE_SLOT = re.compile(r"\s*(?:\[[^\[\]\n]{2,80}\]|<[^<>\n]{2,80}>|\{[^{}\n]{2,80}\})\s*")


def check(path: str, value: str, result: Result) -> None:
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
