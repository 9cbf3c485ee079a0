"""Crisis-language and personal-identifier screening, for the forum, ask the doctor and the import.

Two detectors, one function each, both built by principle and measured on labelled sets
(tests/text/screening/, figures in docs/safety.md):

- `screen_crisis(text)` says whether the text tells of someone in danger *now*: the writer or a
  person near them. A danger concept (a lexicon of phrases per kind) only counts when the
  sentence around it is about a real, present person: not negated, not in the past, not a
  study, a hypothetical, a quotation or a question about signs and symptoms.
- `screen_identifiers(text)` lists personal identifiers a writer may not mean to publish: phone
  numbers (found by Google's libphonenumber, not by hand-written patterns), email addresses,
  street addresses, dates of birth, record numbers and full names next to a diagnosis. Dosages,
  blood pressures, lab values, study dates, registry numbers, DOIs and public hotlines are not.

Moderators extend both lists without code: a higher floor registers a *term source* with
`register_term_source(callable)`; the callable returns `(kind, phrase)` pairs (see `ExtraTerm`).
This module is on the ground floor: it imports no project app, only the standard library,
Django's utilities and `phonenumbers`. It never logs the text it reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

# The regular-expression parser, read once per pattern to find its required words (see _Gated).
from re import _constants as _sre
from re import _parser as _sre_parser

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

CRISIS_KINDS = ("suicide", "self_harm", "overdose", "medical_emergency", "abuse")
IDENTIFIER_KINDS = (
    "phone",
    "email",
    "street_address",
    "date_of_birth",
    "record_number",
    "name_with_condition",
)
# Not a kind of identifier: a moderator-listed number or phrase that must never be flagged
# (a local helpline, a clinic's public switchboard).
PUBLIC_KIND = "public"


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrisisResult:
    """What `screen_crisis` found. `spans` are character offsets of the triggering words."""

    is_crisis: bool
    kind: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class IdentifierMatch:
    """One personal identifier: its kind, where it is in the text, and the text itself."""

    kind: str
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------------------
# Moderator-added terms
# ---------------------------------------------------------------------------------------------

# (kind, phrase). kind is a crisis kind, an identifier kind or "public". A phrase is plain
# words (case and spacing do not matter); a trailing `*` on a word matches any ending
# ("overdos*" matches "overdosed"). Phrases are never regular expressions, so nothing a
# moderator types can make screening slow or break it.
ExtraTerm = tuple[str, str]
_term_sources: list[Callable[[], Iterable[ExtraTerm]]] = []


def register_term_source(source: Callable[[], Iterable[ExtraTerm]]) -> None:
    """Add a callable that returns extra `(kind, phrase)` terms; it is called on every screen,
    so it should be cheap (cache its rows). Registering the same callable twice is a no-op."""
    if source not in _term_sources:
        _term_sources.append(source)


def unregister_term_source(source: Callable[[], Iterable[ExtraTerm]]) -> None:
    if source in _term_sources:
        _term_sources.remove(source)


def _extra_terms() -> tuple[ExtraTerm, ...]:
    terms = []
    for source in _term_sources:
        for kind, phrase in source() or ():
            if isinstance(kind, str) and isinstance(phrase, str) and phrase.strip():
                terms.append((kind, phrase.strip()))
    return tuple(terms)


def _phrase_pattern(phrase: str) -> str:
    words = []
    for word in phrase.split():
        stem = word.endswith("*")
        word = re.escape(word.rstrip("*"))
        words.append(word + (r"[\w'-]*" if stem else ""))
    return r"\b" + r"[\s\-]+".join(words) + (r"" if phrase.endswith("*") else r"(?![\w])")


@lru_cache(maxsize=32)
def _compiled_extra(terms: tuple[ExtraTerm, ...]) -> tuple[tuple[str, _Gated], ...]:
    return tuple((kind, _Gated(_phrase_pattern(phrase.lower()))) for kind, phrase in terms)


def _extra_patterns(kinds: Iterable[str]) -> list[tuple[str, _Gated]]:
    wanted = set(kinds)
    return [(kind, rx) for kind, rx in _compiled_extra(_extra_terms()) if kind in wanted]


# Curly quotes and apostrophes become straight ones; every replacement is one character for one,
# so offsets in the normalised text are offsets in the original.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def _lowered(text: str) -> str:
    """Lowercase with offsets kept: the few characters whose lowercase is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _at_word_start(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


_DIGITS = re.compile(r"\d+")
# How far a match may reach either side of the word that anchors it.
GATE_WINDOW = 120


class _Gated:
    """A pattern that only looks where it could match. Every match of a lexicon phrase
    contains one of a few literal pieces, read from the pattern itself (as code-search engines
    do): the text is searched for those pieces with plain substring search, and the pattern
    runs only in a window around each one. Patterns about numbers (`digits=True`) run only
    around digits. A leading \\b is dropped and checked on each match instead, so that the
    regex engine can skip ahead to possible first characters. Most posts hold none of a
    lexicon's pieces, so most patterns cost a few substring searches."""

    __slots__ = ("rx", "factors", "word_start", "digits")

    def __init__(self, pattern: str, flags: int = 0, *, digits: bool = False):
        self.word_start = pattern.startswith(r"\b")
        if self.word_start:
            pattern = pattern[2:]
        self.rx = re.compile(pattern, flags)
        self.factors = None if digits else _required_factors(pattern, flags)
        self.digits = digits

    def finditer(self, text: str, memo: dict):
        for lo, hi in self._windows(text, memo):
            for match in self.rx.finditer(text, lo, hi):
                if not self.word_start or _at_word_start(text, match.start()):
                    yield match

    def _windows(self, text: str, memo: dict) -> list[tuple[int, int]]:
        if self.factors is None and not self.digits:
            return [(0, len(text))]
        key = ("windows", self.factors)  # patterns anchored alike share their windows
        if key not in memo:
            memo[key] = self._merged_windows(text, memo)
        return memo[key]

    def _merged_windows(self, text: str, memo: dict) -> list[tuple[int, int]]:
        if self.digits:
            anchors = _anchors(text, memo, None)
        else:
            anchors = sorted(a for factor in self.factors for a in _anchors(text, memo, factor))
        windows: list[list[int]] = []
        for start, end in anchors:
            lo, hi = max(0, start - GATE_WINDOW), min(len(text), end + GATE_WINDOW)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        return [(lo, hi) for lo, hi in windows]


def _anchors(text: str, memo: dict, factor: str | None) -> list[tuple[int, int]]:
    """Where `factor` (or, for None, a run of digits) occurs; remembered for the call."""
    if factor in memo:
        return memo[factor]
    if factor is None:
        found = [m.span() for m in _DIGITS.finditer(text)]
    else:
        found, index = [], text.find(factor)
        while index != -1:
            found.append((index, index + len(factor)))
            index = text.find(factor, index + 1)
    memo[factor] = found
    return found


def _required_factors(pattern: str, flags: int) -> frozenset[str] | None:
    """Literal strings of which every match contains at least one, or None if unknown."""
    if flags & re.IGNORECASE:
        return None
    try:
        factors = _factors_of(_sre_parser.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return None
    return frozenset(factors) if factors else None


def _factors_of(items) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate):
        nonlocal best
        if candidate and (best is None or _factor_score(candidate) > _factor_score(best)):
            best = candidate

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if len(run) >= 2:
            consider({"".join(run)})
        run = []
        if op is _sre.SUBPATTERN:
            consider(_factors_of(av[3]))
        elif op is _sre.BRANCH:
            alternatives = [_factors_of(alternative) for alternative in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_factors_of(av[2]))
    if len(run) >= 2:
        consider({"".join(run)})
    return best


def _factor_score(factors: set[str]) -> tuple[int, int]:
    return min(len(f) for f in factors), -len(factors)


# =============================================================================================
# Crisis screening
# =============================================================================================
#
# Step 1, concepts: each kind has phrases that name a danger. A phrase says who is in it when it
# can ("kill myself" is the writer; "he isn't breathing" is someone else) — see `_Concept.who`.
# Step 2, context: the sentence around a phrase decides whether it is a real person's danger now.
#   - subject: the writer, someone near (my son, my wife, he/she) or far (patients, people);
#   - negation before the phrase in its clause ("I'm not suicidal", "no thoughts of");
#   - time: distant past ("in 2015", "years ago", "when I was 16", "died of") against now
#     ("tonight", "right now", "just", "an hour ago"); the nearer marker wins;
#   - framing: research ("the trial excluded…"), hypotheticals ("what if", an if-clause),
#     quotations ("…" or a > line), questions about signs and symptoms, generic statements.


@dataclass(frozen=True)
class _Concept:
    kind: str
    pattern: _Gated
    # "writer": the phrase names the writer; "near": someone else by pronoun or reflexive;
    # "any": the sentence decides (a noun such as "chest pain" or "overdose").
    who: str
    # "event": a past-tense event that is recent unless the sentence says otherwise
    # ("I took 30 pills"); "state": present unless a past marker ("I was suicidal years ago").
    aspect: str = "state"
    # Phrases that are themselves uncertain about now (chest pain) need a sign of now.
    needs_now: bool = False


def _c(kind, who, *phrases, aspect="state", needs_now=False):
    return [_Concept(kind, _Gated(p), who, aspect=aspect, needs_now=needs_now) for p in phrases]


_SELF = r"(?:my\s*self|myself|meself)"
_OTHER_SELF = r"(?:himself|herself|themselves|themself)"
_NEAR_PERSON = (
    r"(?:son|daughter|husband|wife|partner|boyfriend|girlfriend|bf|gf|mum|mom|mother|mam|ma|"
    r"dad|father|da|brother|sister|bro|sis|friend|best friend|flatmate|roommate|housemate|"
    r"grandma|grandmother|gran|nan|nana|grandpa|grandfather|granddad|baby|kid|child|toddler|"
    r"teen|teenager|uncle|aunt|auntie|cousin|nephew|niece|fiance|fiancee|neighbou?r|ex|"
    r"stepdad|stepmom|stepmum|carer|year[\s-]*old|yr[\s-]*old|little\s+one)"
)
_PILLS = (
    r"(?:pills?|tablets?|tabs|capsules?|meds|medications?|medicines?|paracetamol|tylenol|"
    r"acetaminophen|ibuprofen|advil|aspirin|insulin|sleeping pills|painkillers?|pain killers|"
    r"prescription|supply|stash|stockpile|"
    r"antidepressants?|xanax|valium|diazepam|oxy\w*|opioids?|fentanyl|heroin|lithium|"
    r"sertraline|zopiclone|amitriptyline|co-codamol|codeine|tramadol|benzos?|morphine)"
)
_LOTS = (
    r"(?:(?:like|about|around|over|maybe|nearly|almost|at\s+least)\s+)?"
    r"(?:(?:(?:a|an|the|one|two|three)\s+)?(?:whole\s+|entire\s+|full\s+)?"
    r"(?:bottles?|box(?:es)?|packs?|packets?|strips?|blister\s+packs?|tubs?|jars?|handfuls?|bags?|sheets?)\s+of|"
    r"(?:\d+|two|three|four|five|six|seven|a\s+few|several|a)\s+(?:days?|weeks?|months?)'?s?\s+worth\s+of|"
    r"all|all of|the whole|a whole|an entire|the entire|whole|entire|a load of|loads of|"
    r"lots of|a bunch of|too many|way too many|too much|way too much|so many|[1-9]\d+|twenty|thirty|forty|fifty)"
)

CRISIS_CONCEPTS: list[_Concept] = [
    # --- suicide ---------------------------------------------------------------------------
    *_c(
        "suicide",
        "writer",
        rf"\b(?:kill(?:ing)?|end(?:ing)?|hang(?:ing)?|shoot(?:ing)?|drown(?:ing)?|off(?:ing)?)\s+{_SELF}\b"
        r"(?!\s+(?:laughing|with\s+laughter|trying|to\s+(?:get|finish|make|keep|please)))",
        r"\bkms\b",
        r"\b(?:end(?:ing)?|take|taking)\s+my\s+(?:own\s+)?life\b",
        r"\bend(?:ing)?\s+it\s+all\b",
        r"\b(?:want(?:s)?|wanna|going|gonna|ready|planning|plan|decided|tempted)\s+(?:to\s+)?(?:die|end it|be dead|not wake up|never wake up|not exist|disappear forever|sleep forever)\b",
        r"\b(?:have|got|bought|tied|made|ready)\s+(?:a|the|my)\s+(?:rope|noose)\b",
        r"\bwish(?:ing)?\s+i\s+(?:was|were|could be)\s+dead\b",
        r"\bwish\s+i\s+(?:could\s+)?(?:die|disappear forever|never wake up)\b",
        r"\b(?:better\s+off\s+(?:dead|without\s+me))\b",
        r"\b(?:don'?t|do\s+not|dont)\s+(?:want\s+to|wanna)\s+(?:live|be alive|be here\s+any\s*more|exist|wake up)\b",
        r"\bend(?:ing)?\s+(?:my|the)\s+(?:suffering|misery)\b",
        r"\b(?:thinking\s+(?:of|about)|want\s+to|wanna|going\s+to|gonna|planning\s+(?:on|to))\s+end(?:ing)?\s+it\b(?!\s+(?:with|between|off))",
        r"\b(?:sleep|go\s+to\s+sleep)\s+and\s+(?:not|never)\s+wake\s+up\b",
        r"\bthis\s+(?:is|will\s+be)\s+my\s+(?:last|final)\s+(?:post|message)\b|\bmy\s+final\s+goodbye\b",
        r"\bgoodbye\s+(?:forever|world|cruel\s+world)\b",
        r"\b(?:sitting|standing|stood|sat)\s+on\s+(?:the|a)\s+(?:bridge|ledge|edge\s+of\s+the\s+\w+|roof|cliff|railway|tracks)\b",
        r"\buse\s+(?:it|them)\s+on\s+myself\b",
        r"\b(?:can'?t|cannot|cant|not\s+able\s+to|unable\s+to)\s+keep\s+myself\s+safe\b",
        rf"\b(?:got|have|had|'ve\s+got)\s+(?:the|my|all\s+the|all\s+my)\s+(?:{_PILLS}|rope|knife|blades?|razors?|gun)\s+(?:ready|lined\s+up|out|counted|in\s+front\s+of\s+me)\b",
        r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going on|being alive)\b",
        r"\b(?:no|(?:don'?t|dont|can'?t|cant)\s+see\s+(?:a|any))\s+way\s+out\b",
        r"\b(?:don'?t|dont|do\s+not|can'?t|cant|cannot)\s+see\s+(?:the|a|any)\s+(?:point|reason)\s+(?:in|of|to)\s+(?:living|live|going on|life|being alive)\b",
        r"\b(?:can'?t|cannot|cant)\s+(?:go on|keep going|do this anymore|take (?:it|this) anymore)\b",
        r"\b(?:won'?t|will\s+not|not)\s+(?:be\s+)?(?:here|around|alive)\s+(?:tomorrow|much longer|for\s+long|by morning|in the morning)\b",
        r"\bno\s+(?:will|wish|desire)\s+to\s+live\b",
        r"\b(?:picked|set|chosen|chose|decided\s+on)\s+(?:the|a)\s+(?:date|day)\b(?!\s+(?:for|of)\b)",
        r"\b(?:walk(?:ing)?|step(?:ping)?|run(?:ning)?)\s+(?:into|in\s+front\s+of)\s+(?:the\s+)?(?:sea|river|lake|traffic|a\s+(?:car|bus|lorry|truck|train))\b",
        r"\btalk\s+me\s+out\s+of\s+(?:it|this|doing\s+it|killing\s+myself)\b",
        rf"\b(?:i'?m|im|i\s+am)\s+(?:holding|sitting\s+with|staring\s+at)\s+(?:the|my|all\s+the|all\s+my)\s+(?:{_PILLS}|rope|knife|blades?|razors?|gun)\b(?!\s+for\b)",
        r"\b(?:researching|googling|looking\s+up|searching|reading\s+up\s+on)\s+(?:how|ways|methods)\b[^.!?]{0,40}?\b(?:die|kill\s+myself|overdose|end\s+it|suicide)\b",
        r"\b(?:take|need)\s+to\s+(?:die|kill\s+myself)\b",
        r"\bunalive\s+(?:my\s*self|myself)\b",
        r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+)?note\b",
        r"\b(?:jump|jumping)\s+(?:off|from|in front of)\s+(?:a|the)\s+(?:bridge|building|roof|cliff|train|car|balcony)\b",
        r"\bslit(?:ting)?\s+my\s+wrists?\b",
        r"\btried\s+to\s+(?:kill|hang|end)\s+" + _SELF,
        rf"\b(?:going\s+to|gonna|will|i'll|planning\s+to|plan\s+to|about\s+to)\s+(?:take|swallow|down)\s+{_LOTS}\s+(?:of\s+)?(?:my\s+|the\s+)?(?:\w+\s+)?{_PILLS}",
        rf"\b(?:stockpil\w*|hoard\w*|saving\s+up|saved\s+up|collecting)\s+(?:my\s+|all\s+my\s+|the\s+)?(?:\w+\s+)?{_PILLS}",
        r"\btonight'?s\s+the\s+night\b",
        r"\b(?:can'?t|cannot|cant)\s+see\s+myself\s+(?:getting\s+through|surviving|making\s+it\s+through|lasting)\b",
        r"\b(?:drive|crash|steer)\s+(?:my\s+car\s+)?(?:into|off)\s+(?:the|a)\s+(?:river|wall|tree|lake|sea|cliff|bridge|lorry|truck|motorway)\b",
        r"\b(?:thinking\s+(?:about|of)|going\s+to|gonna|want\s+to|tempted\s+to)\s+tak(?:e|ing)\s+(?:them|it)\s+all\b",
        r"\b(?:done|finished)\s+with\s+(?:living|life|being\s+alive)\b",
        r"\b(?:i'?m|im|i\s+am)\s+ending\s+it\b(?!\s+(?:with|between|off))",
        r"\b(?:don'?t\s+think\s+i'?ll|won'?t)\s+be\s+(?:alive|here|around)\s+(?:by|for|at|on|next|after)\b",
        r"\bend(?:ing)?\s+(?:things|everything)\b",
        r"\b(?:life|it)\s+(?:isn'?t|is\s+not|'s\s+not|not)\s+worth\s+(?:living|it\s+anymore)\b",
        r"\b(?:thinking\s+(?:about|of)|going\s+to|gonna|about\s+to)\s+jump(?:ing)?\b",
        r"\b(?:saying|said|say)\s+(?:my\s+)?goodbyes?\s+(?:to\s+)?(?:everyone|forever|for good)\b",
    ),
    *_c(
        "suicide",
        "near",
        rf"\b(?:kill(?:ing)?|end(?:ing)?|hang(?:ing)?|shoot(?:ing)?)\s+{_OTHER_SELF}\b",
        r"\b(?:end(?:ing)?|take|taking)\s+(?:his|her|their)\s+(?:own\s+)?life\b",
        r"\b(?:he|she|they)\s+(?:wants?|want)\s+to\s+die\b",
    ),
    *_c(
        "suicide",
        "any",
        r"\bsuicid(?:al|e)\b",
        r"\b(?:thoughts?|thinking|think)\s+(?:of|about)\s+(?:ending|taking)\s+(?:my|his|her|their)\s+(?:own\s+)?life\b",
        r"\bsuicide\s+(?:attempt|plan|note)\b",
    ),
    # --- self-harm -------------------------------------------------------------------------
    *_c(
        "self_harm",
        "writer",
        rf"\b(?:cut(?:ting)?|burn(?:ing|t|ed)?|hurt(?:ing)?|harm(?:ing)?|scratch(?:ing)?|punish(?:ing)?|starv(?:e|ing)|hit(?:ting)?|punch(?:ing)?|bang(?:ing)?|bit(?:e|ing))\s+{_SELF}\b",
        r"\b(?:i'?ve\s+been|i\s+am|i'?m|im|been|started|start|keep|kept)\s+cutting\b",
        r"\bcutting\s+(?:again|tonight|my\s+(?:arms?|wrists?|legs?|thighs?))\b",
        r"\b(?:cut|burn(?:ed|t)?|scratch(?:ed)?|carv(?:ed|ing)|slash(?:ed)?)\s+my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|hands?)\b",
        r"\b(?:need|want|urge|going|gonna)\s+(?:to\s+)?(?:cut|self[\s-]?harm|burn\s+myself)\b(?!\s+(?:down|back|out|it|the|off|up|my\s+(?:hair|nails)|ties))",
        r"\brelapsed?\s+(?:on|into|with)\s+(?:self[\s-]?harm|cutting)\b",
    ),
    *_c(
        "self_harm",
        "near",
        rf"\b(?:cut(?:ting|s)?|burn(?:ing|s)?|hurt(?:ing|s)?|harm(?:ing|s)?)\s+{_OTHER_SELF}\b",
        r"\bcut(?:ting|s)?\s+(?:his|her|their)\s+(?:arms?|wrists?|legs?|thighs?)\b",
        r"\bfresh\s+(?:cuts|burns|wounds)\b",
        r"\b(?:pick(?:ing|ed)?|scratch(?:ing|ed)?|bit(?:e|ing)|punch(?:ing|ed)?|hit(?:ting)?)\s+(?:at\s+)?(?:my\s+|his\s+|her\s+)?(?:skin|arms?|legs?|face|head|wall)\s+(?:until|till|til)\s+(?:it|i|they|he|she)\s+bleeds?\b",
    ),
    *_c("self_harm", "any", r"\bself[\s-]?harm(?:ing|ed)?\b"),
    # --- overdose --------------------------------------------------------------------------
    *_c(
        "overdose",
        "any",
        r"\b(?:overdos(?:e|ed|ing)|o\.?d\.?'?d|od'?ing)\b"
        r"(?!\s+on\s+(?:cake|chocolate|sugar|sweets|candy|carbs|coffee|caffeine|tv|netflix|telly|christmas|love|cheese|pizza|sunshine))",
        rf"\b(?:took|taken|swallowed|had|downed|necked|ate|eaten)\s+{_LOTS}\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|their\s+|the\s+|your\s+)?(?:\w+\s+)?{_PILLS}",
        rf"\b(?:took|taken|swallowed|downed)\s+(?:every|all the)\s+(?:\w+\s+)?{_PILLS}\b",
        rf"\b(?:took|taken|swallowed|downed)\s+(?:my|his|her|their)\s+(?:whole|entire|full)\s+(?:\w+\s+)?{_PILLS}\b",
        r"\b(?:took|taken|drank|drunk|swallowed|ate|eaten|had)\s+(?:a\s+bottle\s+of\s+|some\s+(?:of\s+)?|a\s+|an\s+|two\s+|three\s+)?(?:the\s+|my\s+|his\s+|her\s+)?"
        r"(?:bleach|antifreeze|weed\s*killer|rat\s+poison|white\s+spirit|lamp\s+oil|e-?liquid|vape\s+(?:juice|liquid)|"
        r"dishwasher\s+(?:liquid|tablets?|pods?)|washing[\s-]up\s+liquid|detergent(?:\s+pods?)?|washing\s+(?:pods?|tablets?)|"
        r"(?:button\s+)?batter(?:y|ies)|magnets?)\b",
        rf"\b(?:has|have|'s)\s+(?:eaten|swallowed|chewed)\s+(?:some|one|a\s+few|two|three|several)\s+of\s+(?:my|his|her|the|our)\s+(?:\w+\s+){{0,2}}{_PILLS}",
        rf"\b(?:took|taken|had|swallowed|downed)\b[^.!?]{{0,40}}?\b(?:a\s+load|loads|lots|a\s+bunch|a\s+handful|handfuls)\s+of\s+(?:my\s+|his\s+|her\s+|the\s+)?(?:\w+\s+)?{_PILLS}",
        aspect="event",
    ),
    # --- medical emergency -----------------------------------------------------------------
    *_c(
        "medical_emergency",
        "any",
        r"\b(?:is\s*n'?t|isnt|is\s+not|not|stopped|has\s+stopped|hasn'?t\s+been|struggling|can'?t|cant|cannot)\s+breath(?:e|ing)\b(?!\s+through)",
        r"\b(?:struggling|fighting|battling)\s+(?:to|for)\s+breath(?:e)?\b|\bgasping\s+for\s+(?:air|breath)\b",
        r"\b(?:is|he'?s|she'?s|baby'?s|i'?m|im|are|they'?re)\s+choking\b",
        r"\b(?:unresponsive|unconscious|not\s+responding|not\s+moving)\b",
        r"\b(?:won'?t|wont|will\s+not|can'?t|cant|cannot)\s+(?:wake\s+(?:him|her|them|my\s+\w+)(?:\s+up)?|wake\s+up|be\s+woken)\b",
        r"\b(?:turning|turned|gone|going|is|are|looks?)\s+blue\b",
        r"\b(?:lips|face|skin)\s+(?:is|are|look|looks)\s+(?:blue|grey|gray)\b",
        r"\bno\s+pulse\b",
        r"\b(?:collapsed|passed\s+out\s+and\s+(?:won'?t|isn'?t|can'?t))\b",
        r"\b(?:having|had)\s+a\s+(?:seizure|fit)\s+(?:right\s+now|now|and\s+(?:won'?t|can'?t|isn'?t))\b",
        r"\b(?:is|are|am|'s|'re|'m)\s+(?:still\s+)?having\s+(?:a\s+)?(?:seizures?|fits?|convulsions?)\b",
        r"\b(?:is|are|am|'s|'re|'m)\s+(?:still\s+)?(?:fitting|seizing|convulsing)\b",
        r"\b(?:been\s+)?(?:fitting|seizing|convulsing)\s+for\s+(?:over\s+|more\s+than\s+)?(?:\d+|two|three|four|five|ten|a\s+few)\s+(?:minutes|mins)\b",
        r"\b(?:speech|words|talking)\s+(?:suddenly\s+)?(?:went|gone|is|has\s+gone|going|became)\s+(?:suddenly\s+)?(?:funny|strange|weird|garbled|slurred|jumbled|muddled)\b",
        r"\b(?:left|right|one)\s+(?:arm|leg|side|hand)\s+(?:is|has\s+gone|went|feels|gone)\s+(?:suddenly\s+)?(?:weak|numb|dead|heavy|floppy)\b",
        r"\b(?:won'?t|will\s+not)\s+stop\s+(?:bleeding|seizing|fitting)\b",
        r"\bthroat\s+(?:is\s+)?(?:closing|swelling)\b",
        r"\bthink\s+(?:i'?m|im|i\s+am|he'?s|she'?s|he\s+is|she\s+is|they'?re|my\s+\w+\s+is)\s+having\s+a\s+(?:heart\s+attack|stroke)\b",
        r"\b(?:i'?m|im|i\s+am|he'?s|she'?s|he\s+is|she\s+is|is)\s+having\s+a\s+(?:heart\s+attack|stroke)\b",
        r"\b(?:face|mouth|smile)\s+(?:is\s+|has\s+|just\s+)?(?:gone\s+|going\s+)?(?:drooping|droopy|drooped|sagging|gone\s+lopsided|lopsided)\b",
        r"\bslurr(?:ing|ed)\s+(?:his|her|their|my)\s+(?:words|speech)\b",
        r"\b(?:speech|words)\s+(?:is|are)\s+(?:suddenly\s+)?slurred\b",
        r"\b(?:can'?t|cannot|cant)\s+get\s+(?:his|her|their|my)\s+words\s+out\b",
        r"\b(?:can'?t|cannot|cant)\s+(?:lift|raise|move|feel)\s+(?:his|her|their|my)\s+(?:left\s+|right\s+)?(?:arm|leg|side|hand)\b",
        aspect="event",
        needs_now=True,
    ),
    *_c(
        "medical_emergency",
        "any",
        r"\b(?:crushing\s+|severe\s+|bad\s+|sharp\s+|tight\s+)?chest\s+(?:pains?|tightness|pressure)\b",
        r"\b(?:pain|pressure|tightness)\s+in\s+(?:my|his|her|the)\s+chest\b",
        r"\b(?:clutching|holding|gripping)\s+(?:my|his|her|their)\s+chest\b",
        r"\bchest\s+(?:feels|is)\s+(?:tight|crushed|heavy)\b",
        r"\b(?:left\s+)?arm\s+(?:is\s+|has\s+)?(?:gone\s+)?numb\b",
        r"\bone\s+side\s+of\s+(?:my|his|her|their)\s+(?:body|face)\s+(?:is\s+|has\s+|went\s+|gone\s+)?(?:numb|weak|dead)\b",
        r"\bsudden\s+(?:numbness|weakness|confusion)\b",
        needs_now=True,
    ),
    # --- abuse and violence now ------------------------------------------------------------
    *_c(
        "abuse",
        "writer",
        r"\b(?:hits?|hitting|beats?|beating|beat|hurts?|hurting|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|kick(?:s|ed|ing)|punch(?:es|ed|ing)|slap(?:s|ped|ping)|shov(?:es|ed|ing)|rap(?:es|ed)|abus(?:es|ed|ing)|threaten(?:s|ed|ing)?)\s+me\b"
        r"(?!\s+(?:at|to\s+it|in\s+(?:a|the)\s+(?:race|game|match)|with\s+(?:the|a|this|some|that)\s+"
        r"(?:news|question|bill|idea|diagnosis|results?|truth|facts?|joke)))",
        r"\b(?:threaten(?:s|ed|ing)?|(?:says?|said|saying|told\s+me|screaming|shouting|yelling|texted|texting)\s+(?:that\s+)?(?:he|she|they)(?:'ll|\s+will|'d|\s+would|'s\s+going\s+to|\s+is\s+going\s+to|\s+was\s+going\s+to))\s+(?:to\s+)?(?:kill|hurt|stab|shoot)\s+(?:me|us|my\s+(?:kids|children|son|daughter|baby))\b",
        r"\b(?:not|don'?t\s+feel)\s+safe\s+(?:at\s+home|in\s+my\s+(?:home|house)|with\s+(?:him|her|them|my\s+\w+))\b",
        r"\b(?:scared|afraid|terrified)\s+(?:for\s+my\s+life|(?:he|she|they)(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to)\s+(?:kill|hurt))\b",
        r"\b(?:locked\s+me\s+in|won'?t\s+let\s+me\s+leave)\b",
        r"\b(?:threw|thrown|throws|pushed|pushes|shoved|slammed|slams|dragged|drags)\s+me\s+(?:against|into|down|across|to\s+the\s+(?:floor|ground)|out\s+of)\b",
        r"\b(?:kicking|banging|smashing|breaking)\s+(?:the|my|our)\s+(?:front\s+|back\s+|bedroom\s+)?(?:door|window)s?\s+(?:in|down)\b",
        r"\b(?:outside|at|in)\s+(?:my|the|our)\s+(?:house|home|door|flat|window|garden)\s+with\s+a\s+(?:knife|gun|weapon|bat|machete)\b",
        r"\b(?:has|got|holding|with)\s+a\s+(?:knife|gun)\s+(?:to\s+me|and\s+(?:is|he'?s|she'?s)|at\s+me)\b",
        aspect="event",
    ),
    *_c(
        "abuse",
        "near",
        r"\b(?:hits?|hitting|beats?|beating|hurts?|hurting|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|kick(?:s|ed|ing)|punch(?:es|ed|ing)|abus(?:es|ed|ing)|touch(?:es|ed|ing))\s+(?:her|him|them|my\s+(?:little\s+|baby\s+|younger\s+|big\s+|older\s+)?(?:kids|children|son|daughter|baby|mum|mom|mother|sister|brother))\b",
        aspect="event",
    ),
    *_c(
        "abuse",
        "any",
        r"\b(?:being\s+(?:abused|beaten|hit|hurt|raped|assaulted))\b",
        r"\bdomestic\s+(?:abuse|violence)\b",
    ),
]

_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|me|my|myself|mine)\b")
# Someone near the writer, named: "my son", "our baby", or a kinship word used as a name ("mum").
_NEAR_NOUN = re.compile(
    rf"\b(?:my|our)\s+(?:\w+\s+)?{_NEAR_PERSON}s?\b"
    r"|\b(?:mum|mom|mam|dad|baby|nan|nana|gran|grandma|grandpa|grandad|granddad)\b",
)
_PRONOUN = re.compile(r"\b(?:he|she|they|he'?s|she'?s|they'?re|him|her|them|his|their)\b")
# The writer as the one who acts or suffers; "me" alone can be an object ("patients tell me").
_WRITER_SUBJECT = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|my|myself)\b")
_FAR = re.compile(
    r"\b(?:patients|people|participants|subjects|adults|teens|teenagers|children|veterans|"
    r"users|someone|somebody|anyone(?!\s+else)|anybody(?!\s+else)|a\s+(?:patient|person|man|woman|character)|"
    r"celebrit\w*|(?:the|an?)\s+(?:actor|singer|author|character)|those|men|women|individuals)\b",
)
_NEGATION = re.compile(
    r"\b(?:not|never|no(?!\s+(?:one|body|pulse|reason|point))|nor|without|denies|denied|"
    r"isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|haven'?t|"
    r"hasn'?t|dont|doesnt|didnt|wont|wouldnt|havent|hasnt|isnt|wasnt|no\s+longer|"
    r"free\s+of|stopped)\b",
)
# Recent or present time: these keep a danger live even beside a past marker in the sentence.
_NOW = re.compile(
    r"\b(?:now|right\s+now|tonight|today|tonite|2night|this\s+(?:morning|afternoon|evening|week)|"
    r"just|currently|at\s+the\s+moment|atm|rn|again|(?:an?|one|two|few|couple|\d+)\s+"
    r"(?:minutes?|mins?|hours?|hrs?)\s+ago|last\s+night|since\s+(?:this\s+morning|last\s+night|"
    r"an?\s+hour|\d+\s*(?:am|pm))|for\s+the\s+(?:last|past)\s+(?:hour|\d+\s+(?:minutes|mins|hours))|"
    r"suddenly|all\s+of\s+a\s+sudden|started|going\s+to|gonna|planning|plan\s+to|"
    r"won'?t|can'?t|isn'?t|is\s+having|am\s+having|i'?m\s+having|having)\b",
)
_PAST = re.compile(
    r"\b(?:(?:years?|months?|decades?|weeks?)\s+ago|ago\s+(?:years|months)|in\s+(?:19|20)\d\d|"
    r"back\s+in|last\s+(?:year|month|summer|winter|spring|autumn|fall|decade|christmas)|"
    r"when\s+(?:i|he|she|they)\s+(?:was|were)|as\s+a\s+(?:child|kid|teen|teenager|student)|"
    r"in\s+(?:my|his|her|their)\s+(?:teens|twenties|20s|youth|childhood)|at\s+(?:age\s+)?\d{1,2}\b|"
    r"used\s+to|in\s+the\s+past|history\s+of|hx\s+of|previous(?:ly)?|prior|before\s+(?:i|my)|"
    r"survived|survivor|recovered|recovery|years\s+(?:clean|free|sober)|since\s+then|"
    r"anniversary|died|passed\s+away|lost\s+(?:him|her|them|my\s+\w+)\s+to|the\s+day\s+(?:he|she)|"
    r"was|were|had\s+been|had|felt|wanted|thought|once)\b",
)
# Strong distant-past markers beat a "now" marker elsewhere in the sentence ("he died of an
# overdose last night" is grief, not a crisis we can act on; "when I was 16 I cut myself").
_DISTANT_PAST = re.compile(
    r"\b(?:(?:years?|months?|decades?)\s+ago|in\s+(?:19|20)\d\d|back\s+in|last\s+(?:year|decade)|"
    r"when\s+(?:i|he|she|they)\s+(?:was|were)\s+(?:a\s+\w+|young|little|\d+|in)|as\s+a\s+(?:child|kid|teen|teenager)|"
    r"last\s+(?:summer|winter|spring|autumn|fall|christmas|easter)|in\s+year\s+\d{1,2}|"
    r"in\s+(?:high|secondary|primary|middle)\s+school|"
    r"years\s+(?:clean|free|sober)|history\s+of|hx\s+of|(?:through|past|over)\s+it\s+now|"
    r"doing\s+(?:well|better|fine)\s+now|(?:through|in|during)\s+(?:my|his|her|their)\s+(?:early\s+|late\s+|mid[\s-]?)?"
    r"(?:teens|twenties|thirties|20s|30s|youth|childhood|school\s+years)|"
    r"(?:at|aged)\s+(?:age\s+)?(?:1[3-9]|[2-9]\d)\b(?!\s*(?:am|pm|:|o'?clock|h\b|mg|tablets|pills))|"
    r"over\s+a\s+decade|for\s+(?:years|decades))\b",
)
# Someone who has died is beyond a crisis we can act on ("my son died of an overdose last
# night" is grief); this outweighs any sign of now. "Nearly died" is not a death.
_DEATH = re.compile(
    r"\b(?<!nearly\s)(?<!almost\s)(?:died|passed\s+away|lost\s+(?:him|her|them|(?:my|his|her|their|our)\s+\w+)\s+to|"
    r"took\s+(?:his|her|their)\s+own\s+life|funeral|inquest|coroner)\b"
)
_RESEARCH = re.compile(
    r"\b(?:trials?|study|studies|studied|research\w*|participants|cohort|meta-?analys\w*|"
    r"paper|article|journal|data|statistics|stats|rates?|incidence|prevalence|risk\s+of|"
    r"risks|associated|linked|link\s+between|excluded|exclusion|inclusion|enrolled|criteria|"
    r"side\s+effects?|adverse|warnings?|black\s+box|label|leaflet|fda|mhra|nice|guidelines?|"
    r"screening\s+for|screened|assess\w*|questionnaire|survey|documentary|podcast|news|"
    r"awareness|prevention|hotline|helpline|crisis\s+line|training|course|lecture|textbook|"
    r"nursing|clinicians?|doctors\s+(?:ask|should)|deaths|mortality|epidemic|crisis\s+in)\b",
)
_HYPOTHETICAL = re.compile(
    r"\b(?:what\s+if|suppose|supposing|imagine|hypothetically|in\s+case|let'?s\s+say|"
    r"say\s+someone|would\s+you|should\s+(?:someone|a\s+person|i\s+ever)|if\s+(?:someone|anyone|a\s+person|you)|"
    r"in\s+(?:a|the|my)\s+(?:story|novel|book|film|movie|show|game|dream|essay|script)|"
    r"character|fiction|plot|role-?play|worst\s+case|god\s+forbid|ever\s+(?:feel|felt|get)|"
    r"whether|narrator|protagonist|fanfic\w*|screenplay|chapter\s+\w+|"
    r"(?:my|the|a|this|her|his)\s+(?:story|novel|book|film|movie|play|poem|script)(?:'s)?)\b",
)
_INFO_QUESTION = re.compile(
    r"\b(?:signs?|symptoms?|warning\s+signs|causes?|caused|mean|means|normal|common|"
    r"how\s+(?:do|can|would|should)\s+(?:you|i|we|one|someone|people)\s+(?:know|tell|spot|recogni[sz]e|help|support|talk|ask)|"
    r"what\s+(?:is|are|does|do|happens|should|to\s+do)|how\s+(?:long|often|likely|much|many)|"
    r"difference\s+between|is\s+it\s+(?:true|safe|possible)|worr(?:y|ied)\s+about|concerned\s+about|"
    r"is\s+(?:it|this|that)\s+(?:still\s+)?(?:an?\s+)?(?:overdose|emergency|normal|dangerous|serious|bad|too\s+much)|can\s+(?:you|it|this|statins|\w+)\s+cause|"
    r"risk|treat\w*|look\s+like|feel\s+like\s+(?:a|an)|recogni[sz]e)\b",
)
# Statements about a condition in general, not a person ("chest pain is common after surgery").
_GENERIC = re.compile(
    r"\b(?:is|are|can\s+be|may\s+be)\s+(?:the\s+)?(?:most\s+|more\s+|less\s+|very\s+|quite\s+)?"
    r"(?:common|rare|frequent|usual|normal|a\s+(?:sign|symptom|side\s+effect|"
    r"risk|cause|leading\s+cause))|\b(?:among|in)\s+(?:people|patients|adults|teens|men|women|"
    r"children|those)\b|\bleading\s+cause\b|\bhow\s+to\b",
)
# Said as a joke: "if I hear that advert again I'll kill myself lol".
_JOKING = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|joking|kidding)\b|\U0001f602|\U0001f923")
_HABITUAL = re.compile(
    r"\b(?:when(?:ever)?\s+i|every\s+time|sometimes|often|usually|occasionally|on\s+and\s+off|"
    r"after\s+(?:exercise|eating|meals|running|climbing)|for\s+(?:weeks|months|years)|"
    r"comes?\s+and\s+goes?|a\s+few\s+times|at\s+night)\b",
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\s-\s|\b(?:but|although|though|however|whereas|and\s+then)\b", re.I
)
_QUOTE = re.compile(r'"[^"\n]{0,400}"|(?<!\w)\'[^\'\n]{8,400}\'(?!\w)')
_BLOCKQUOTE = re.compile(r"^[ \t]*>.*$", re.M)


@dataclass(frozen=True)
class _Hit:
    kind: str
    start: int
    end: int


def screen_crisis(text: str) -> CrisisResult:
    """Does `text` tell of the writer or someone near them in danger now? See module docs."""
    if not text:
        return CrisisResult(False)
    text = _lowered(_normalise(text))
    memo: dict[str, bool] = {}
    concepts = CRISIS_CONCEPTS + [
        _Concept(kind, rx, "any", aspect="state") for kind, rx in _extra_patterns(CRISIS_KINDS)
    ]
    candidates = [(c, m) for c in concepts for m in c.pattern.finditer(text, memo)]
    if not candidates:
        return CrisisResult(False)
    quoted = _quotations(text)
    sentences = [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]
    starts = [start for start, _ in sentences]
    contexts: dict[int, _Sentence] = {}
    hits: list[_Hit] = []
    for concept, match in candidates:
        start, end = match.span()
        quote = next((q for q in quoted if q[0] <= start and end <= q[1]), None)
        if quote and not quote[2]:
            continue
        index = max(0, bisect_right(starts, start) - 1)
        s_start, s_end = sentences[index]
        if index not in contexts:
            previous = text[sentences[index - 1][0] : s_start] if index else ""
            contexts[index] = _Sentence(text[s_start : max(s_end, end)], previous)
        if _is_live(concept, contexts[index], start - s_start, end - s_start, bool(quote)):
            hits.append(_Hit(_kind_of(concept, text, start), start, end))
    if not hits:
        return CrisisResult(False)
    kind = _dominant_kind(hits)
    spans = tuple(sorted({(h.start, h.end) for h in hits}))
    return CrisisResult(True, kind, spans)


# When two kinds are named as often, the one that needs an ambulance first wins: pills already
# taken, a body failing, then intent, self-harm and violence.
KIND_PRIORITY = ("overdose", "medical_emergency", "suicide", "self_harm", "abuse")


# An overdose spoken of as a plan ("I'm going to overdose tonight") is suicidal intent; the
# overdose kind is for pills already taken.
_PLANNED = re.compile(
    r"(?:going\s+to|gonna|want\s+to|wanna|planning\s+(?:to|on)|plan\s+to|will|'ll|ready\s+to|"
    r"about\s+to|thinking\s+(?:about|of)|tempted\s+to)\s+(?:\w+\s+)?$"
)


def _kind_of(concept: _Concept, text: str, start: int) -> str:
    if concept.kind == "overdose" and _PLANNED.search(text, max(0, start - 30), start):
        return "suicide"
    return concept.kind


def _dominant_kind(hits: list[_Hit]) -> str:
    """The kind to act on: the most hits, ties broken by KIND_PRIORITY."""
    counts = {kind: 0 for kind in CRISIS_KINDS}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    order = {kind: i for i, kind in enumerate(KIND_PRIORITY)}
    return max(counts, key=lambda k: (counts[k], -order.get(k, 99)))


def _clause_around(sentence: _Sentence, start: int, end: int) -> tuple[str, str, str]:
    """The clause holding the phrase: (text before the phrase, the phrase, text after it)."""
    breaks, text = sentence.clause_breaks, sentence.text
    i = bisect_right(breaks, (start, start))
    left = breaks[i - 1][1] if i and breaks[i - 1][1] <= start else 0
    j = bisect_right(breaks, (end, -1))
    right = breaks[j][0] if j < len(breaks) else len(text)
    return text[left:start], text[start:end], text[end:right]


class _Sentence:
    """One sentence and the facts about it that every phrase in it shares, each read once."""

    def __init__(self, text: str, previous: str):
        self.text = text
        self.previous = previous

    @cached_property
    def clause_breaks(self) -> list[tuple[int, int]]:
        return [m.span() for m in _CLAUSE_BREAK.finditer(self.text)]

    @cached_property
    def hypothetical(self) -> bool:
        return bool(_HYPOTHETICAL.search(self.text))

    @cached_property
    def joking(self) -> bool:
        return bool(_JOKING.search(self.text))

    @cached_property
    def death(self) -> bool:
        return bool(_DEATH.search(self.text))

    @cached_property
    def distant_past(self) -> bool:
        return bool(_DISTANT_PAST.search(self.text))

    @cached_property
    def research(self) -> bool:
        return bool(_RESEARCH.search(self.text))

    @cached_property
    def asks_about_signs(self) -> bool:
        return self.text.rstrip().endswith("?") and bool(_INFO_QUESTION.search(self.text))

    @cached_property
    def habitual(self) -> bool:
        return bool(_HABITUAL.search(self.text))

    @cached_property
    def present_tense(self) -> bool:
        return bool(_PRESENT_TENSE.search(self.text))


def _quotations(text: str) -> list[tuple[int, int, bool]]:
    """Quoted spans, each with whether it reports the words of someone near the writer ("my
    son texted me "I don't want to be alive""), which still count, unlike a quoted form,
    poster, lyric or film line."""
    found = []
    for m in _QUOTE.finditer(text):
        found.append(
            (
                *m.span(),
                bool(_REPORTED_BY_SOMEONE_NEAR.search(text, max(0, m.start() - 60), m.start())),
            )
        )
    found += [(*m.span(), False) for m in _BLOCKQUOTE.finditer(text)]
    return found


_REPORTED_BY_SOMEONE_NEAR = re.compile(
    rf"(?:\b(?:my|our)\s+(?:\w+\s+){{0,2}}{_NEAR_PERSON}s?|\b(?:he|she|they))\b[^.!?\n]{{0,30}}"
    r"\b(?:texted|messaged|wrote|said|says|told\s+me|keeps\s+saying|kept\s+saying|screamed|"
    r"shouted|sent\s+me|posted|whispered)\b[^\"\n]{0,12}$"
)


def _is_live(concept: _Concept, sentence: _Sentence, start: int, end: int, reported=False) -> bool:
    """Is this danger phrase about a real person near the writer, now? Each test below is one
    principle from the module's notes; the first that says no wins."""
    before, phrase, after = _clause_around(sentence, start, end)
    clause = before + phrase + after
    if _negated(before) or _RESOLVED.match(after):
        return False
    if sentence.hypothetical or sentence.joking or _in_condition(before):
        return False
    who = _subject(concept, before, phrase, after, sentence.previous)
    if reported and who == "writer":
        who = "near"  # "I" inside a reported message is the person who sent it
    if who not in ("writer", "near"):
        return False
    explicit_now = bool(_NOW.search(clause))
    if sentence.death:
        return False
    if sentence.distant_past and not _NOW.search(before[-30:] + after[:25]):
        return False
    if concept.aspect == "state" and _PAST.search(before[-40:]) and not explicit_now:
        return False
    # An explicit first-person intent survives a research word elsewhere ("the news made me
    # want to kill myself"); a noun such as "suicidal thoughts" in a study sentence does not.
    if sentence.research and not (concept.who == "writer" and who == "writer"):
        return False
    if sentence.asks_about_signs and not explicit_now:
        return False
    if _GENERIC.search(clause) and not _FIRST_PERSON.search(before):
        return False
    if concept.needs_now:
        # An emergency is by definition happening: it needs a sign of now, or at least a
        # present-tense verb ("her face is drooping", "he won't wake up"), and no habit.
        if sentence.habitual and not explicit_now:
            return False
        present = explicit_now or sentence.present_tense
        if concept.aspect == "state":
            present = present and (explicit_now or _HAVING.search(before))
        if not present:
            return False
    return True


_PRESENT_TENSE = re.compile(
    r"\b(?:is|are|am|isn'?t|aren'?t|isnt|arent|won'?t|wont|can'?t|cant|cannot|doesn'?t|"
    r"keeps?|has|have|i'?m|im|he'?s|she'?s|they'?re|we'?re|getting|going|coming|help)\b",
)


_HAVING = re.compile(
    r"\b(?:having|have|got|getting|get|with|in|feel|feels|feeling|has|'s|his|her|my)\s+(?:\w+\s+){0,3}$",
)


# The danger is over, said right after it: "my chest pain is much better since the inhaler".
_RESOLVED = re.compile(
    r"\s*(?:is|has|was|'s|have|are)?\s*(?:now\s+|completely\s+|totally\s+|all\s+)?(?:much\s+|a\s+lot\s+|way\s+|so\s+much\s+)?"
    r"(?:better|improving|improved|gone|eased|easing|settled|resolved|cleared|fine\s+now|under\s+control|"
    r"turned\s+out|was\s+nothing|went\s+away)\b"
)


def _negated(before: str) -> bool:
    """A negation shortly before the phrase in its clause. Phrases that carry their own
    negation ("don't want to live", "isn't breathing") are not undone by it."""
    window = before[-40:]
    negations = list(_NEGATION.finditer(window))
    if not negations:
        return False
    tail = window[negations[-1].end() :]
    # "I can't stop thinking about killing myself": the negation governs "stop", not the
    # danger; "I don't see a way out and I've got the rope ready": a conjunction or a new
    # subject ends its reach.
    return not _NEGATION_ENDS.search(tail)


_NEGATION_ENDS = re.compile(
    r"\b(?:stop|help|shake|get\s+rid\s+of|wait|cope|anymore|and|or|so|then|because|cos|"
    r"i|i'?ve|i'?m|im|ive|he|she|they|he'?s|she'?s)\b"
)


def _in_condition(before: str) -> bool:
    # Inside an if-clause ("if I ever felt suicidal, who do I call?"), unless the phrase is the
    # main clause of a threat ("if he leaves I'll kill myself").
    cond = list(re.finditer(r"\b(?:if|unless|when(?:ever)?|once)\b", before))
    if not cond:
        return False
    after_if = before[cond[-1].end() :]
    return not re.search(
        r"\b(?:i'?ll|ill|i\s+will|i'?m\s+going|im\s+going|i\s+am\s+going)\b", after_if, re.I
    )


# A clause that opens on a verb has dropped its subject, which is then the writer.
_DROPPED_SUBJECT = re.compile(
    r"\s*(?:can'?t|cant|cannot|keep|kept|been|feel|feeling|felt|thinking|think|want|wanna|"
    r"need|just|really|going|gonna|having|took|taking|tried|trying|started|starting|still|"
    r"literally|honestly|seriously|so|constantly|always)\b"
)


def _subject(concept, before, phrase, after, previous) -> str:
    """Who the phrase is about: "writer", "near", "far" or "none". A pronoun points at the
    nearest person named: someone near ("my brother says he…"), else someone far ("patients
    tell me they…"); with nobody named, the writer is telling of a person with them now."""
    local = before[-60:] + phrase + after[:30]
    far = bool(_FAR.search(before[-40:]))
    near_named = bool(_NEAR_NOUN.search(local) or _NEAR_NOUN.search(previous))
    if concept.who == "writer":
        return "far" if far and not _WRITER_SUBJECT.search(before) else "writer"
    if far and not near_named and not _WRITER_SUBJECT.search(before[-40:]):
        return "far"
    if concept.who == "near":
        return "near" if near_named or not far else "far"
    if _FIRST_PERSON.search(local):
        return "writer"
    if near_named or _PRONOUN.search(local):
        return "near"
    if not before.strip() and (concept.aspect == "event" or _NOW.search(after)):
        return "writer"  # phone-style writing drops the subject: "took all my pills"
    if _DROPPED_SUBJECT.match(before) and not _FAR.search(before):
        return "writer"  # "cant stop thinking about suicide"
    return "none"


# =============================================================================================
# Identifier screening
# =============================================================================================
#
# Each kind has a finder; then numbers that are clinical or public are taken out: a phone-like
# run inside a dosage, a blood pressure, a lab value, a date, a registry number, a DOI or a
# PMID is not a phone number, and the public hotlines below are never flagged.

# Phone numbers: libphonenumber's matcher, lenient on form, run for the regions our members
# write from; "+44 …" / "+353 …" / "+1 …" forms are found by any region.
PHONE_REGIONS = ("US", "GB", "IE")
MIN_PHONE_DIGITS = 7  # shorter runs are hotlines (988, 111), codes or counts
# Public numbers, by their digits. Freephone, premium, shared-cost and "UAN" numbers belong to
# organisations and are never personal either (libphonenumber types them).
PUBLIC_NUMBERS = frozenset(
    {
        "988", "911", "999", "112", "111", "116123", "116111", "116006", "741741", "85258",
        "50808",
        "18002738255", "8002738255",  # US National Suicide Prevention Lifeline (pre-988)
        "18007997233", "8007997233",  # US National Domestic Violence Hotline
        "18002221222", "8002221222",  # US Poison Control
        "18006564673", "8006564673",  # RAINN
        "08001111", "8001111",  # Childline (UK)
        "08082000247", "8082000247",  # National Domestic Abuse Helpline (UK)
        "03001233393", "3001233393",  # Mind infoline (UK)
        "1800247247",  # Pieta (Ireland)
        "1800341900",  # Women's Aid (Ireland)
        "018092166", "18092166",  # National Poisons Information Centre (Ireland)
        "1850609090",  # Samaritans Ireland's former number
    }
)  # fmt: skip
_ORGANISATION_TYPES = {
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.UAN,
}
# A cheap first pass: only runs with seven digits or more go to libphonenumber.
_PHONE_CANDIDATE = re.compile(r"[+(\d][\d\s().\-/]{5,24}\d")

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])"
)
# "jane.doe at gmail dot com", the way people dodge spam harvesters.
_SPELLED_EMAIL = re.compile(
    r"\b[\w.+-]+\s*(?:\(at\)|\[at\]|\s+at\s+)\s*"
    r"(?!(?:this|that|the|a|an|my|your|our|their|his|her|its|any|some|which|what)\b)[\w-]+\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*"
    r"(?:com|net|org|ie|co\s*(?:\.|dot)\s*uk|edu|gov|io)\b",
    re.I,
)

_STRONG_STREET = (
    r"(?:street|st|road|rd|avenue|ave|av|lane|ln|boulevard|blvd|terrace|crescent|cres|"
    r"highway|hwy|parkway|pkwy)"
)
_WEAK_STREET = (
    r"(?:way|place|pl|drive|dr|court|ct|close|grove|gardens|square|sq|park|row|hill|walk|"
    r"mews|circle|cir|trail|green|view|rise|heights)"
)
# Words that never make up a street's name: "3 miles down the road", "2 laps of the park".
_NOT_STREET_WORD = (
    r"(?!(?:the|a|an|of|to|up|down|from|on|in|at|by|my|our|your|his|her|their|this|that|"
    r"miles?|km|kms|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times?|laps?|"
    r"steps?|blocks?|doors?|houses?|stops?|more|other|ways?|and|or|per|x)\b)"
)
# Number + name + strong suffix, on lowercased text: "42 elm street", "221 Baker St".
_STRONG_ADDRESS = _Gated(
    digits=True,
    pattern=rf"\b\d{{1,5}}[a-z]?,?\s+(?:{_NOT_STREET_WORD}[a-z][\w'-]+\s+){{1,3}}{_STRONG_STREET}\b\.?",
)
# A weak suffix ("Way", "Drive", "Park") only with capitalised names: "8 Acacia Drive", not
# "10 minutes walk" or "2 laps of the park". Case-sensitive, on the original text.
_WEAK_ADDRESS = _Gated(
    digits=True,
    pattern=rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_NOT_STREET_WORD}[A-Z][\w'-]+\s+){{1,3}}"
    rf"(?:{_WEAK_STREET[3:-1].title()})\b",
)
_UNIT_ADDRESS = _Gated(
    r"\b(?:apt|apartment|flat|unit|suite)\s*#?\s*\d+[a-z]?\b(?=[\s,]+\d{1,5}\s+\w)"
)
_PO_BOX = _Gated(r"\bp\.?\s*o\.?\s+box\s+\d+\b")
# A postal code named as one: "my zip is 90210", "post code bt7 1nn".
_NAMED_POSTCODE = _Gated(
    r"\b(?:zip|zip\s*code|post\s*code|eircode)\s*(?:is|was|:)?\s*"
    r"(?P<value>\d{5}(?:-\d{4})?|[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}|[a-z]\d{2}\s?[a-z\d]{4})\b"
)
# Postcodes are case-sensitive on purpose: "b12 5mg" is a dose, "B12 5AZ" a postcode. The
# inward letters of a UK postcode never include C, I, K, M, O or V.
_POSTCODE = _Gated(
    digits=True,
    pattern=r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}"  # UK
    r"|[AC-FHKNPRTV-Y]\d{2}\s[AC-FHKNPRTV-Y\d]{4}"  # Irish Eircode
    r"|(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|"
    r"PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\s\d{5}(?:-\d{4})?)\b",  # US state + ZIP
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|'?\d{{2}}))"
)
_DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:'s)?|born(?:\s+on)?|b\.)"
    rf"\s*(?:is|was|[:\-=])?\s*(?:on\s+)?({_DATE})",
    re.I,
)
_ANY_DATE = re.compile(rf"\b{_DATE}\b", re.I)
_BIRTH_WORDS = ("dob", "d.o.b", "birth", "born", "b.")

_RECORD_CUE = (
    r"(?:mrn|medical\s+record\s*(?:number|no\.?|num|#)?|hospital\s+(?:number|no\.?|id)|"
    r"patient\s+(?:id|number|no\.?)|chart\s+(?:number|no\.?)|record\s+(?:number|no\.?)|"
    r"member\s*(?:id|number|no\.?)|policy\s*(?:number|no\.?|#)|insurance\s+(?:id|number|no\.?)|"
    r"subscriber\s+(?:id|number)|medicaid\s*(?:id|number|no\.?)?|medicare\s*(?:id|number|no\.?)?|"
    r"mbi|group\s+(?:number|no\.?)|pps\s*(?:number|no\.?)?|ppsn|chi\s+(?:number|no\.?)|"
    r"nhs\s*(?:number|no\.?|#)?|ssn|social\s+security\s*(?:number|no\.?|#)?|health\s+card\s*(?:number|no\.?)?)"
)
# On lowercased text: a cue, then a value: groups of letters and digits, each with a digit,
# joined by single spaces or hyphens ("943 476 5919", "1EG4-TE5-MK73").
_RECORD = _Gated(
    rf"\b{_RECORD_CUE}\s*(?:is|was|[:#=\-])?\s*(?:is\s+)?(?P<value>[a-z0-9]*\d[a-z0-9]*(?:[ \-][a-z0-9]*\d[a-z0-9]*){{0,4}})"
)
_SSN = _Gated(digits=True, pattern=r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b")
_NHS_SPACED = _Gated(digits=True, pattern=r"\b\d{3}\s\d{3}\s\d{4}\b")
# Irish PPS number: seven digits and one or two letters (case-sensitive, original text).
_PPS = _Gated(digits=True, pattern=r"\b\d{7}[A-W][A-IW]?\b")

# Clinical and bibliographic numbers: never identifiers, and never phone numbers either.
# Clinical and bibliographic numbers: never identifiers, and never phone numbers either.
# All on lowercased text.
_REGISTRY_OR_CITATION = _Gated(
    r"\b(?:nct\s?\d{8}|isrctn\s?\d{8}|eudract\s*(?:no\.?|number)?\s*\d{4}-\d{6}-\d{2}|"
    r"actrn\d{14}|chictr[-\w]+|ctri/\d{4}/\d+/\d+|drks\d{8}|euctr[\d-]+\w*|"
    r"pmid:?\s*\d+|pmcid:?\s*pmc\d+|pmc\d+|isbn(?:-1[03])?:?\s*[\d-]{10,17}|"
    r"doi:?\s*10\.\d{4,9}/\S+|10\.\d{4,9}/\S+|arxiv:?\s*\d{4}\.\d{4,5})"
)
_YEAR_RANGE = _Gated(r"\b(?:19|20)\d\d\s*(?:-|to|and|until)\s*(?:19|20)\d\d\b")
_MEASUREMENT = _Gated(
    digits=True,
    pattern=r"\b\d+(?:[.,]\d+)?(?:\s*/\s*\d+(?:[.,]\d+)?)*\s*(?:mg|mcg|µg|ug|g|kg|lbs?|ml|mls|l|iu|"
    r"units?|mmhg|mmol(?:/l|/mol)?|mg/dl|mg/l|ng/ml|pg/ml|µmol/l|umol/l|miu/l|mu/l|bpm|"
    r"%|x\s*10\^?\d+|cells|copies|tabs?|tablets?|puffs?|doses?|times)\b",
)
_BLOOD_PRESSURE = _Gated(
    digits=True, pattern=r"\b\d{2,3}\s*/\s*\d{2,3}\b(?!\s*[/.\-]\s*\d)"
)  # 120/80, not a date
_NOT_IDENTIFIER = (_REGISTRY_OR_CITATION, _YEAR_RANGE, _MEASUREMENT, _BLOOD_PRESSURE)

# Full names next to a condition: a given name from this list, then a capitalised surname.
GIVEN_NAMES = frozenset(
    """
    aaron abby abigail adam adrian aidan aisling aiden alan albert alex alexander alexandra
    alice alison amanda amber amelia amy andrea andrew angela ann anna anne annie anthony
    aoife arthur ashley barbara barry ben benjamin beth bethany betty bill billy bob bonnie
    brandon brenda brendan brian bridget caitlin carl carla carol caroline catherine charles
    charlie charlotte chloe chris christine christopher ciara cian ciaran claire colin conor
    craig cynthia daniel danielle darren dave david deborah declan denise dennis derek diana
    diane donald donna dorothy doug douglas dylan eamon edward eileen elaine eleanor elizabeth
    ella ellen emily emma eoin eric erin ethan eve evelyn fiona frances frank gary gavin
    gemma george georgia gerard gillian grace graham greg gregory hannah harry heather helen
    henry holly ian isabel isabella isla jack jackie jacob jake james jamie jane janet jason
    jean jeff jennifer jenny jeremy jessica jill jim jimmy joan joanne joe john johnny jonathan
    jordan joseph josh joshua joyce judith judy julia julie justin karen kate katherine kathleen
    kathy katie keith kelly kenneth kevin kieran kim kyle laura lauren leah lee leo liam lily
    linda lisa liz lorraine louise lucy luke lynn maeve maggie margaret maria marie mark martha
    martin mary matt matthew megan melissa michael michelle mike molly nancy naomi natalie
    nathan neil niall nicholas nicola nicole niamh noah nora oisin olivia oliver owen padraig
    pamela patricia patrick paul paula peter philip rachel raymond rebecca richard rob robert
    robin roger ronan ronald rose ruth ryan sally sam samantha samuel sandra sara sarah scott
    sean seamus shane sharon shauna shirley simon siobhan sophie stephen steve steven stuart
    susan tara teresa theresa thomas tim timothy tom tony tracy victoria vincent wayne william
    zoe ahmed ali fatima mohammed muhammad omar priya raj ravi sanjay wei mei carlos jose
    juan luis maria sofia ana lucia diego
    """.split()
)
CONDITIONS = (
    r"(?:cancer|tumou?r|leuka?emia|lymphoma|melanoma|diabet\w*|hiv|aids|hepatitis\s*[abc]?|"
    r"depress\w*|bipolar|schizophreni\w*|psychosis|anxiety|ptsd|ocd|adhd|autis\w*|dementia|"
    r"alzheimer'?s|parkinson'?s|epilep\w*|ms|multiple\s+sclerosis|lupus|crohn'?s|colitis|copd|"
    r"asthma|heart\s+failure|stroke|cirrhosis|anorexi\w*|bulimi\w*|eating\s+disorder|"
    r"addict\w*|alcoholi\w*|std|sti|herpes|chlamydia|syphilis|pregnan\w*|miscarri\w*|"
    r"infertil\w*|endometriosis|arthritis|fibromyalgia|\w+\s+syndrome|\w+\s+disease|"
    r"dialysis|chemo\w*|transplant|terminal\w*|sickle\s+cell|cystic\s+fibrosis|psoriasis|"
    r"mental\s+illness|breakdown|overdos\w*|suicidal|self[\s-]?harm\w*)"
)
_CONDITION = re.compile(rf"\b{CONDITIONS}\b")  # on lowercased text
# A capitalised word; two in a row, a given name first, make a full name.
_CAPITALISED = re.compile(r"[A-Z][\w'-]+")
_NAME_WORD = re.compile(r"(?:O'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_TITLE_BEFORE = re.compile(
    r"\b(?:dr|doctor|prof|professor|nurse|consultant|mr|mrs|ms|miss)\.?\s*$", re.I
)
_NOT_SURNAME = frozenset(
    """
    and or but the a an is was has had with who said says told from in on at of to for my his
    her clinic hospital centre center university trust foundation institute house street road
    syndrome disease cancer health care medical college school church
    """.split()
)
NAME_CONDITION_WINDOW = 60  # characters between the name and the condition, either side


def screen_identifiers(text: str) -> list[IdentifierMatch]:
    """Personal identifiers in `text`, in order of position; where two overlap, the more
    specific finder wins (a record number's cue over the phone matcher reading its digits)."""
    if not text:
        return []
    text = _normalise(text)
    low = _lowered(text)
    memo: dict[str, bool] = {}
    protected = [m.span() for rx in _NOT_IDENTIFIER for m in rx.finditer(low, memo)]
    public = [
        m.span() for _kind, rx in _extra_patterns((PUBLIC_KIND,)) for m in rx.finditer(low, memo)
    ]
    found: list[IdentifierMatch] = []
    found += _records(text, low, memo)
    found += _dates_of_birth(text, low)
    found += _emails(text, low)
    found += _phones(text, protected + public, found)
    found += _addresses(text, low, memo)
    found += _names_with_condition(text, low)
    for kind, rx in _extra_patterns(IDENTIFIER_KINDS):
        found += [_match(kind, text, *m.span()) for m in rx.finditer(low, memo)]
    found = [m for m in found if not _inside_any(m.start, m.end, public)]
    return _without_overlaps(found)


def _match(kind: str, text: str, start: int, end: int) -> IdentifierMatch:
    return IdentifierMatch(kind, start, end, text[start:end])


def _inside_any(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _without_overlaps(found: list[IdentifierMatch]) -> list[IdentifierMatch]:
    """Keep the earliest-found match where two overlap: finders run from most to least
    specific (a record number's cue beats the phone matcher reading the same digits)."""
    kept: list[IdentifierMatch] = []
    for match in found:
        if not any(k.start < match.end and match.start < k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus-11 check digit."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _records(text: str, low: str, memo: dict) -> list[IdentifierMatch]:
    found = []
    for m in _RECORD.finditer(low, memo):
        value = m.group("value").rstrip(" -")
        if sum(ch.isdigit() for ch in value) < 4:
            continue
        end = m.start("value") + len(value)
        found.append(_match("record_number", text, m.start("value"), end))
    for m in _SSN.finditer(text, memo):
        found.append(_match("record_number", text, *m.span()))
    for m in _NHS_SPACED.finditer(text, memo):
        if nhs_number_is_valid(_digits(m.group())) and m.group()[0] != "0":
            # Spaced 3-3-4 is how the NHS prints its numbers; a valid check digit is 1 in 11 by
            # chance, so a US phone number written the same way is read as a phone (below)
            # unless the check digit also holds and the number is not a possible US number.
            number = _parse(m.group(), "US")
            if number is None or not phonenumbers.is_valid_number(number):
                found.append(_match("record_number", text, *m.span()))
    for m in _PPS.finditer(text, memo):
        found.append(_match("record_number", text, *m.span()))
    return found


def _parse(value: str, region: str):
    try:
        return phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None


def _dates_of_birth(text: str, low: str) -> list[IdentifierMatch]:
    if not any(word in low for word in _BIRTH_WORDS):
        return []
    return [_match("date_of_birth", text, *m.span(1)) for m in _DATE_OF_BIRTH.finditer(text)]


def _emails(text: str, low: str) -> list[IdentifierMatch]:
    found = []
    for m in _EMAIL.finditer(text) if "@" in text else ():
        try:
            validate_email(m.group())
        except ValidationError:
            continue
        found.append(_match("email", text, *m.span()))
    if "dot" in low:
        found += [_match("email", text, *m.span()) for m in _SPELLED_EMAIL.finditer(text)]
    return found


def _phones(text: str, public_spans, already: list[IdentifierMatch]) -> list[IdentifierMatch]:
    candidates = [
        c for c in _PHONE_CANDIDATE.finditer(text) if len(_digits(c.group())) >= MIN_PHONE_DIGITS
    ]
    if not candidates:
        return []
    dates = [
        m.span()
        for c in candidates
        for m in _ANY_DATE.finditer(text, max(0, c.start() - 30), c.end() + 30)
    ]
    excluded = public_spans + dates + [(m.start, m.end) for m in already]
    found: dict[tuple[int, int], IdentifierMatch] = {}
    organisational: set[tuple[int, int]] = set()
    for candidate in candidates:
        if _glued_to_letters(text, *candidate.span()) or _covered(candidate.span(), excluded):
            continue  # "NCT04280705", a date, a dose: libphonenumber need not look
        lo, hi = max(0, candidate.start() - 2), min(len(text), candidate.end() + 2)
        for region in PHONE_REGIONS:
            for start, end, national, is_organisation in _phone_numbers_in(text[lo:hi], region):
                span = (lo + start, lo + end)
                if is_organisation:
                    organisational.add(span)
                if _is_personal_phone(text, span, national, excluded):
                    found.setdefault(span, _match("phone", text, *span))
    return [m for span, m in found.items() if not _inside_any(*span, organisational)]


@lru_cache(maxsize=2048)
def _phone_numbers_in(chunk: str, region: str) -> tuple[tuple[int, int, str, bool], ...]:
    """libphonenumber's matches in a short chunk, as written for `region`: (start, end,
    national number, belongs to an organisation). Cached: the same number recurs."""
    found = []
    for pm in phonenumbers.PhoneNumberMatcher(
        chunk, region, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        if _written_for(region, pm.raw_string):
            is_organisation = phonenumbers.number_type(pm.number) in _ORGANISATION_TYPES
            found.append((pm.start, pm.end, str(pm.number.national_number), is_organisation))
    return tuple(found)


def _covered(span: tuple[int, int], spans) -> bool:
    start, end = span
    return any(s <= start and end <= e for s, e in spans)


def _glued_to_letters(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isalpha() or after.isalpha()


def _written_for(region: str, raw: str) -> bool:
    """Is `raw` written the way people in `region` write their own numbers? British and Irish
    national numbers start with the trunk 0 (Irish freephone with 1800/1850); US ones never
    start with 0. International forms ("+44", "0044") are read by every region alike. Without
    this, "917 555 0122" (a New York number) reads as a British premium-rate line."""
    digits = _digits(raw)
    if raw.lstrip("( ").startswith("+") or digits.startswith("00"):
        return True
    if region == "US":
        return not digits.startswith("0")
    if region == "IE" and digits[:4] in {"1800", "1850", "1890"}:
        return True
    return digits.startswith("0")


def _is_personal_phone(text, span, national: str, excluded) -> bool:
    start, end = span
    if len(national) < MIN_PHONE_DIGITS:
        return False
    if national in PUBLIC_NUMBERS or _digits(text[start:end]) in PUBLIC_NUMBERS:
        return False
    if _inside_any(start, end, excluded):
        return False
    raw = text[start:end]
    # An unbroken run of digits is a count or a code ("we raised 1500000", "lot 4488213")
    # unless it is a whole national number with its trunk prefix or country code.
    if raw.isdigit() and not (raw.startswith(("0", "1")) and len(raw) >= 10):
        return False
    # Glued to letters it is a code, not a number ("NCT01234567", "ref ABC1234567").
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalpha() or after.isalpha() or before in "/." or after in "/")


def _addresses(text: str, low: str, memo: dict) -> list[IdentifierMatch]:
    rxs_low, rxs_text = (_STRONG_ADDRESS, _UNIT_ADDRESS, _PO_BOX), (_WEAK_ADDRESS, _POSTCODE)
    spans = [m.span() for rx in rxs_low for m in rx.finditer(low, memo)]
    spans += [m.span() for rx in rxs_text for m in rx.finditer(text, memo)]
    spans += [m.span("value") for m in _NAMED_POSTCODE.finditer(low, memo)]
    return [_match("street_address", text, *span) for span in spans]


def _names_with_condition(text: str, low: str) -> list[IdentifierMatch]:
    words = []  # (start, end, word), a possessive "'s" left off
    for m in _CAPITALISED.finditer(text):
        word = m.group()[:-2] if m.group().endswith("'s") else m.group()
        if _at_word_start(text, m.start()) and _NAME_WORD.fullmatch(word):
            words.append((m.start(), m.start() + len(word), word))
    found = []
    for first, last in zip(words, words[1:], strict=False):
        if not text[first[1] : last[0]].isspace() or last[0] - first[1] > 2:
            continue
        start, end = first[0], last[1]
        if not _looks_like_a_person(text, start, first[2], last[2]):
            continue
        if any(_about_the_same_person(text, start, end, c) for c in _conditions_near(low, start)):
            found.append(_match("name_with_condition", text, start, end))
    return found


def _conditions_near(low: str, index: int) -> list[tuple[int, int]]:
    """Conditions in the name's sentence and the next one, the only places they count."""
    s_start, s_end = _sentence_bounds(low, index)
    _, n_end = _sentence_bounds(low, min(s_end + 1, len(low)))
    return [m.span() for m in _CONDITION.finditer(low, s_start, n_end + 1)]


def _looks_like_a_person(text: str, start: int, first: str, last: str) -> bool:
    if first.lower() not in GIVEN_NAMES or last.lower() in _NOT_SURNAME:
        return False
    if last.lower() in GIVEN_NAMES and last.lower() not in _GIVEN_NAMES_THAT_ARE_SURNAMES:
        return False  # "Anna Mary", or two people side by side
    before = text[max(0, start - 12) : start]
    # A clinician named in their role ("Dr Sarah Jones") or a place named after someone
    # ("the John Radcliffe") is not a member's private health detail.
    return not (_TITLE_BEFORE.search(before) or re.search(r"\bthe\s+$", before, re.I))


_GIVEN_NAMES_THAT_ARE_SURNAMES = frozenset({"james", "thomas", "martin", "lee", "owen", "henry"})
_PRONOUN_OPENING = re.compile(r"\s*(?:she|he|they|her|his|their)\b", re.I)


def _about_the_same_person(text: str, start: int, end: int, condition: tuple[int, int]) -> bool:
    """The condition is in the name's sentence within a short distance, or in the next sentence
    when that sentence opens with a pronoun ("Sarah Jenkins? She was diagnosed with MS")."""
    c_start, c_end = condition
    s_start, s_end = _sentence_bounds(text, start)
    if s_start <= c_start and c_end <= s_end + 1:
        return min(abs(c_start - end), abs(start - c_end)) <= NAME_CONDITION_WINDOW
    if c_start > s_end and _PRONOUN_OPENING.match(text, s_end + 1):
        n_start, n_end = _sentence_bounds(text, s_end + 1)
        return c_end <= n_end + 1 and c_start - n_start <= NAME_CONDITION_WINDOW
    return False


def _sentence_bounds(text: str, index: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, index) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, index) for c in ".!?\n") if i != -1]
    return start, min(ends, default=len(text))
