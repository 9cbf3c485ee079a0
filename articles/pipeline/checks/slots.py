"""Placeholders: slots in a template that were never filled, and texts that say they are not
final. Template syntax of every engine ({{x}}, {x}, ${x}, %x%, [[x]], <ALL_CAPS>, a bare
CAPS_WITH_UNDERSCORES identifier, HTML comments), printers' marks (TK, XX or X.X where a
number stands), "… goes here", word-count targets, and a specification of a text still to be
written ("Blurb for this section – one line, friendly tone"). Used by instructions.py, which
also finds the orders addressed to a writer.
"""

import re

from .base import TEXT_NOUN

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
PLACEHOLDERS = [
    re.compile(
        r"\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|\$\{[^}\n]{1,40}\}|\[\[[^\]\n]{1,60}\]\]"
    ),
    re.compile(r"(?<![\w{\\$])\{[A-Za-z_][A-Za-z0-9_ .-]{1,40}\}(?![\w}])"),
    re.compile(r"%\([a-z_]{2,30}\)[sd]|(?<!\w)_{3,}(?!\w)"),  # and a blank to fill: ___
    # %NAME%, and a template variable left bare: SOURCE_NAME, CLINICIAN_NAME_2 (capitals joined
    # by underscores are an identifier, never a word a writer uses).
    VARIABLE := re.compile(
        r"%[A-Za-z][A-Za-z0-9_]{1,40}%|(?<![\w/.#-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w/.-])"
        r"|\$[A-Z][A-Z0-9_]{3,}\b"
    ),
    # A text that says it is not the real one yet: a working title, a source still needed,
    # an answer still to be drafted.
    re.compile(
        rf"\b(?:working|placeholder|dummy|temporary|temp) (?:{TEXT_NOUN})\b[^\n]*"
        r"|\b(?:source|citation|reference|link|quote|attribution|credit|stat|figure)s?"
        r" (?:is |are )?(?:needed|required|wanted|missing|pending|tbc|to come|to follow)\b[^\n]*"
        rf"|\b(?:{TEXT_NOUN})s?(?: is| are|:)? (?:still |yet )?(?:to be|not yet)"
        r" (?:written|drafted|added|confirmed|supplied|provided|finali[sz]ed|decided|sourced|agreed"
        r"|agreed|filled in)\b[^\n]*",
        _I,
    ),
    # A comment in the markup is a note to whoever edits the template, never to readers.
    COMMENT := re.compile(r"<!--.*?(?:-->|$)"),
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
    NUMBER_SLOT := re.compile(
        r"(?<![\w.,])(?:XX+|X\.X+|XX,XXX|0\.XX)(?![\w])(?=\s*(?:%|percent|per cent|mg|ml|mcg|kg"
        r"|patients|participants|people|adults|children|years|months|weeks|days|hours|sites"
        r"|times|-fold|points))"
        r"|(?:\b(?:n|p|N|P|HR|OR|RR)\s*[=<>]\s*|\$|£|€|\b(?:19|20))(?:XX+|X\.XX?|0\.XX)\b"
        # a decimal no number has, and XX counting something ("XX of 100", "XX per 1,000")
        r"|(?<![\w.])X\.X+(?![\w])|(?<![\w.,])XX+(?=\s+(?:of|per|out of|in every|in)\s+\d)"
        r"|(?<![\w.,])[XYZN]\s?%|(?<![\w.])N{2,}(?![\w.])"
    ),
    re.compile(r"\b(?:TODO|FIXME|TBD|TBC)\b(?:\s*[:\-–—][^\n]*)?"),
    re.compile(r"\blorem ipsum\b[^\n]{0,60}", _I),
    GOES_HERE := re.compile(
        r"(?:^|(?<=[\s(\[*_]))(?:[\w'’-]+\s+){0,4}(?:goes|go|to go|will go|should go)\s+here\b\.?"
        r"|^\W*(?:\w+\s+){0,3}(?:headline|title|caption|quote|link|image|photo|bio|byline|dek"
        r"|summary|intro|text|copy|credit|cta|subhead|answer|question|body|paragraph|name|date"
        r"|description|blurb|takeaway|reference|source|content|standfirst|conclusion)\s+here"
        r"\W*$",
        _I | _M,
    ),
    # Word-count targets: "(150 words)", "~50 words", "Word count: 200", "in 2-3 sentences".
    WORD_COUNT := re.compile(
        r"[(\[]\s*(?:~|≈|approx\.?|about|around|max\.?|maximum|min\.?|up to|under|at most)?\s*"
        r"\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:words?|sentences?|characters?|chars|paragraphs?"
        r"|bullets?|bullet points)\s*(?:max|maximum|min|long|total)?\s*[)\]]"
        r"|\b(?:word count|word limit|target length|length|character limit)\s*:\s*~?\d+[^\n]*"
        r"|^[\s*_>-]*(?:[A-Za-z][\w ]{0,20}:\s*)?(?:around|about|approx\.?|roughly|~|≈|under|max"
        r"|up to|no more than|at most)\s*\d+\s*(?:words?|sentences?|characters?|chars)\b[^\n]*"
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
        r"|(?:nb|n\.b\.|note|notes|memo) (?:for|to) (?:the )?(?:editor|editors|desk|writer|subs?"
        r"|sub-editor|author)"
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
    STYLE_SPEC := re.compile(
        r"(?:(?:\b(?:one|two|three|single|\d+)[ -](?:line|sentence|paragraph)s?|\b(?:friendly"
        r"|warm|warmer|neutral|formal|informal|casual|conversational|upbeat|professional|light"
        r"|punchy|empathetic|chatty|authoritative|plain) (?:tone|register|voice)|\bno jargon"
        r"|\b(?:punchy|snappy|upbeat|chatty|conversational|friendly|neutral)(?=\s*[,;/—–-])"
        r"|\bplain (?:english|language)|\bfor (?:a|the) (?:general|lay) (?:audience|reader)s?"
        r"|\b(?:us|uk|british|american) spelling|\b(?:active|passive) voice"
        r"|\b(?:around|about|under|max|up to) \d+ (?:words|characters))\s*[,;/—–-]?\s*){2,}",
        _I,
    ),
]
