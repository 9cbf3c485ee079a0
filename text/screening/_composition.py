"""The crisis screen's compositional layer: danger found by its parts, not by its phrase.

The phrase lexicon (`_crisis_lexicon.py`) knows sentences people have written; new wording
slips past it. This layer reads a danger the way a person does, from three parts that may come
in any words:

    a person      the writer, or someone near them (decided by the context rules, `_context.py`)
    a frame       intent or readiness ("want to", "going to", "ready to", "can't stop thinking
                  about", "tonight"), or an act already done ("took", "swallowed", "cut")
    a concept     a danger class: death and not existing, a method (a height, a train, a rope,
                  a blade, a car, gas), self-injury, a quantity of medicine swallowed, a body
                  failing now, violence with the writer or their family as its object

Before matching, each word is put in a canonical form, so the rules are written once per idea:
texting forms and contractions are expanded ("wanna" -> "want to", "cant" -> "can not"), common
misspellings and British/American variants are mapped to one spelling ("sucidal", "paracetemol",
"acetaminophen"), and a small stemmer folds inflections ("jumping", "jumped" -> "jump";
"died", "dying" -> "die"). Medicine names are recognised by the international non-proprietary
name stems (-pam, -oxetine, -triptyline, -codone ...), not only by a list.

Each match becomes a candidate danger, and the same context rules as for the lexicon then
decide whether it is a real person's danger now (negation, past, research, hypothetical,
quotation, information-seeking question, generic statement, hyperbole).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ._crisis_lexicon import _Concept
from ._gate import _Gated, _lines

# --- canonical words ---------------------------------------------------------------------------

# One written form -> its canonical words. Texting forms, contractions, misspellings and
# British/American spellings; the stemmer below then folds inflections.
_VARIANTS = {
    # contractions and texting forms
    "wanna": "want to", "gonna": "going to", "tryna": "trying to", "gotta": "got to",
    "im": "i am", "i'm": "i am", "ive": "i have", "i've": "i have",
    "i'll": "i will", "i'd": "i would", "u": "you", "ur": "your",
    "cant": "can not", "can't": "can not", "cannot": "can not", "dont": "do not",
    "don't": "do not", "wont": "will not", "won't": "will not", "isnt": "is not",
    "isn't": "is not", "aint": "am not", "ain't": "am not", "didnt": "did not",
    "didn't": "did not", "doesnt": "does not", "doesn't": "does not", "hasnt": "has not",
    "hasn't": "has not", "havent": "have not", "haven't": "have not", "wasnt": "was not",
    "wasn't": "was not", "couldnt": "could not", "couldn't": "could not",
    "he's": "he is", "she's": "she is", "hes": "he is", "shes": "she is",
    "theyre": "they are", "youre": "you are", "thats": "that is", "whats": "what is",
    "arent": "are not", "aren't": "are not", "wouldnt": "would not",
    "they're": "they are", "it's": "it is", "they'd": "they would", "he'd": "he would",
    "she'd": "she would", "we'd": "we would", "you'd": "you would", "theyd": "they would",
    "he'll": "he will", "she'll": "she will", "they'll": "they will",
    "2night": "tonight", "tonite": "tonight", "2nite": "tonight", "rn": "right now",
    "atm": "right now", "kms": "kill myself", "unalive": "kill", "sh": "self harm",
    "selfharm": "self harm", "tn": "tonight", "myslef": "myself", "meself": "myself",
    "mysef": "myself",
    "wiv": "with", "b4": "before", "pls": "please", "plz": "please",
    # misspellings
    "suicidle": "suicidal", "sucidal": "suicidal", "suicdal": "suicidal",
    "suiside": "suicide", "sucide": "suicide", "suicde": "suicide", "suicid": "suicide",
    "overdoze": "overdose", "overdosed": "overdose", "overdosing": "overdose",
    "od": "overdose", "od'd": "overdose", "oded": "overdose", "o.d": "overdose",
    "paracetemol": "paracetamol", "paracetomol": "paracetamol", "paracetamal": "paracetamol",
    "acetaminophen": "paracetamol", "tylenol": "paracetamol", "tylenal": "paracetamol",
    "panadol": "paracetamol", "ibuprofin": "ibuprofen", "ibuprophen": "ibuprofen",
    "advil": "ibuprofen", "nurofen": "ibuprofen", "breathin": "breathe",
    "unconcious": "unconscious", "unconsious": "unconscious", "siezure": "seizure",
    "seizur": "seizure", "sezure": "seizure", "concious": "conscious",
    "tabs": "tablets", "tablet": "tablets", "meds": "medicine", "medication": "medicine",
    "medications": "medicine", "medicines": "medicine", "capsule": "tablets",
    "capsules": "tablets", "pill": "tablets", "pills": "tablets",
    # British and American, and kinship words, to one form
    "mum": "mother", "mom": "mother", "mam": "mother", "mommy": "mother", "mummy": "mother",
    "dad": "father", "daddy": "father", "dads": "father", "mums": "mother", "moms": "mother",
    "mams": "mother", "bf": "boyfriend",
    "gf": "girlfriend", "hubby": "husband", "lorry": "truck", "motorway": "highway",
    "carpark": "car park", "tyre": "tire", "colour": "color", "grey": "gray",
}  # fmt: skip

# Irregular inflections, to the form the stemmer gives the base word.
_IRREGULAR = {
    "died": "die", "dies": "die", "dying": "die", "dead": "dead", "death": "death",
    "took": "take", "taken": "take", "taking": "take", "takes": "take",
    "ate": "eat", "eaten": "eat", "drank": "drink", "drunk": "drink", "hung": "hang",
    "hanged": "hang", "threw": "throw", "thrown": "throw", "wrote": "write",
    "written": "write", "writing": "write", "thought": "think", "said": "say",
    "went": "go", "gone": "go", "going": "go", "goes": "go", "sat": "sit", "stood": "stand",
    "felt": "feel", "fell": "fall", "fallen": "fall", "bled": "bleed", "burnt": "burn",
    "beaten": "beat", "slit": "slit", "slitting": "slit", "cut": "cut", "cutting": "cut",
    "cuts": "cut", "hit": "hit", "hitting": "hit", "hits": "hit", "bit": "bite",
    "bitten": "bite", "had": "have", "has": "have", "having": "have", "was": "be",
    "were": "be", "is": "be", "are": "be", "am": "be", "been": "be", "being": "be",
    "made": "make", "bought": "buy", "got": "get", "gotten": "get", "left": "left",
    "decided": "decide", "deciding": "decide", "stopped": "stop", "stopping": "stop",
    "planned": "plan", "planning": "plan", "swelling": "swell", "swollen": "swell",
    "lying": "lie", "lay": "lie", "this": "this", "his": "his", "has't": "have",
    "always": "always", "unconscious": "unconscious", "nurses": "nurse", "always's": "always",
    "leaving": "leave", "saving": "save", "saved": "save", "loses": "lose", "lost": "lose",
    "tied": "tie", "tying": "tie", "ties": "tie", "lies": "lie", "lied": "lie",
    "knives": "knife", "wives": "wife", "lives": "life", "children": "child",
}  # fmt: skip

# Words ending in -s that are not plurals: the stemmer leaves them whole.
_KEEP = frozenset(
    ("this", "his", "is", "us", "yes", "bus", "gas", "its", "as", "was", "has", "does", "less",
     "kiss", "miss", "chaos", "always", "across", "unconscious", "conscious", "nervous",
     "serious", "anxious", "tablets", "news", "process", "lens")
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+(?:['.\-][a-z0-9]+)*")
# Hyphenated words written joined as often as apart ("anti-depressants", "co-codamol").
_JOINED_PREFIXES = ("anti-", "co-", "over-", "un-", "non-")
_BREAK = re.compile(r"[.!?;\n]+|\s-\s|,\s+(?:but|and\s+then|though|although)\b")
_STEM_CACHE: dict[str, str] = {}


def stem(word: str) -> str:
    """A small suffix-stripping stemmer: it only needs to give the same form to the words a
    rule is written with and the words people write, not a dictionary form ("overdosed",
    "overdosing", "overdose" -> "overdos"; "took", "taking" -> "tak")."""
    if word not in _STEM_CACHE:
        _STEM_CACHE[word] = _regular_stem(_IRREGULAR.get(word, word))
    return _STEM_CACHE[word]


def _regular_stem(word: str) -> str:
    if word in _KEEP or len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("eed"):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsaeiou":
        word = word[:-1]  # cutt -> cut, stopp -> stop
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # hope, hoped, hoping -> hop
    return word


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", ""))


def _canon(pattern: str) -> str:
    """A rule written in plain words, with each word put through the stemmer, so that rules
    and texts meet in the same canonical form. Escapes (\\w, \\s) are left alone."""
    return re.sub(r"(?<![\\a-z])[a-z]{4,}(?![a-z])", lambda m: stem(m.group()), pattern)


@dataclass(frozen=True)
class Canonical:
    """The text as canonical words, one space apart, sentence breaks as " | "; `starts` are the
    canonical offsets of the words and `spans` their offsets in the original text."""

    text: str
    starts: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(first, bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.spans[first][0], self.spans[last][1]


def canonical(lowered: str, ranges: list[tuple[int, int]] | None = None) -> Canonical:
    """`lowered` in canonical words; with `ranges`, only the words inside them (sentences
    that hold a danger concept), each range ending in a break."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for lo, hi in ranges if ranges is not None else [(0, len(lowered))]:
        breaks = [m.start() for m in _BREAK.finditer(lowered, lo, hi)] + [hi]
        b = 0
        for m in _WORD.finditer(lowered, lo, hi):
            while breaks[b] < m.start():
                if words and words[-1] != "|":
                    words.append("|")
                    spans.append((breaks[b], breaks[b] + 1))
                b += 1
            raw = m.group()
            if "-" in raw and raw not in _VARIANTS:
                joined = raw.startswith(_JOINED_PREFIXES)
                raw = raw.replace("-", "" if joined else " ")
            for part in _VARIANTS.get(raw, raw).split():
                words.append(stem(part))
                spans.append(m.span())
        if words and words[-1] != "|":
            words.append("|")
            spans.append((hi, hi))
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    return Canonical(" ".join(words), tuple(starts), tuple(spans))


# --- the parts, on canonical words ------------------------------------------------------------


def _stems(words: str) -> str:
    """An alternation of comma-separated plain phrases, longest first."""
    phrases = sorted({" ".join(p.split()) for p in words.split(",")}, key=len, reverse=True)
    return "(?:" + "|".join(phrases) + ")"


_GAP = r"(?:[a-z0-9'.]+ ){0,%d}"  # up to N words, never across a sentence break ("|")
_REFLEXIVE = r"(?:myself|himself|herself|themselves|themself|ourselves|yourself)"
_POSSESSIVE = r"(?:my|his|her|their|our)"

# Intent, readiness and preoccupation: the frame that makes a danger concept a plan.
_VOLITION = _stems(
    "want to, want, plan to, plan on, ready to, decide to, think about, think of, "
    "can not stop think about, keep think about, tempt to, urge to, need to, try to, "
    "would like to, wish i could, prepare to, mean to, time to, make up my mind to, "
    "determined to, intend to, obsess with, decide, make a decision to, plan is to, plan be to"
)
# Going to, will, about to: a prediction with "die" ("I'm scared I'm going to die in
# surgery") but intent with an act ("I'm going to kill myself").
_WILL = _stems("go to, will, about to, gonna, be go to")
# Death and not existing: the end itself.
_DEATH_CONCEPT = (
    r"(?:die|be dead|kill " + _REFLEXIVE + r"(?! laugh)|end (?:my|his|her|their) (?:own )?life"
    r"|end it(?: all)?(?! with| between| off)|end everyth|end thing|take (?:my|his|her|their)"
    r" (?:own )?life|not (?:exist|be here|be around|be alive|wake up|live|be in this world)"
    r"|never wake up|stop exist|disappear (?:forever|for good|and never)|commit suicide"
    r"|suicide|sleep forever|go to sleep forever|join (?:him|her|them) (?:now|soon|tonight)"
    r"|be with (?:him|her|them) again|be gone(?: forever| for good)?|check out for good"
    r"|not (?:go to )?be (?:here|around|alive)|rather (?:be dead|die|not be alive|not wake up)"
    r"|finally be (?:free|at peace|at rest)(?! of| from)|be at peace forever)"
)
_HEIGHT_OR_VEHICLE = (
    r"(?:bridge|roof|rooftop|balcony|building|cliff|ledge|window|tower|car park|multi storey"
    r"|train|tracks|railway|platform|highway|overpass|flyover|block of flat|top floor|pier"
    r"|truck|bus|car|traffic|river|sea|lake|canal|quarry|viaduct|dam)"
)
# An act that ends a life, done by the person: intent even after "going to" or "will".
_AGENTIVE_DEATH = (
    r"(?:kill " + _REFLEXIVE + r"|end (?:my|his|her|their) (?:own )?life|end it(?: all)?"
    r"(?! with| between| off)|take (?:my|his|her|their) (?:own )?life|commit suicide"
    r"|not be (?:here|around|alive) (?:tomorrow|after|by|much longer|next)"
    r"|finally be (?:free|at peace|at rest)(?! of| from))"
)
# Methods: how, named by its means.
_METHOD_CONCEPT = (
    r"(?:hang " + _REFLEXIVE + r"|hang(?! (?:up|out|on|around|about|the|a|some|my|his|her|our"
    r"|their|in|with|picture|curtain|wash|shelf|light|decoration))|noose"
    r"|jump (?:off|from|in front of|into|onto|under)"
    r" "
    + _GAP % 2
    + _HEIGHT_OR_VEHICLE
    + r"|step (?:off|in front of|out in front of) "
    + _GAP % 2
    + _HEIGHT_OR_VEHICLE
    + r"|throw "
    + _REFLEXIVE
    + r" (?:off|from|in front of"
    r"|under|into)|(?:drown|shoot|gas|poison|stab|electrocut|suffocat|strangl) "
    + _REFLEXIVE
    + r"|(?:slit|slash|cut|open) "
    + _POSSESSIVE
    + r" (?:wrist|throat|vein)"
    r"|(?:crash|drive|steer) (?:"
    + _POSSESSIVE
    + r" )?(?:car )?(?:into|off|at) "
    + _GAP % 2
    + r"(?:wall|tree|river|truck|bridge|cliff|lake|sea|highway|traffic|pillar)"
    r"|(?:take|swallow|down|neck) (?:all|every|the whole|the rest of|the entire|everyth)"
    r"|overdose(?! on (?:cake|chocolate|sugar|sweet|candy|carb|coffee|caffeine|tv|netflix"
    r"|telly|christmas|love|cheese|pizza|sunshine|food|junk))"
    r"|(?:drink|swallow) (?:bleach|antifreeze|poison)|(?:lie|lay|walk|stand) (?:down )?"
    r"(?:on|onto) (?:the )?(?:tracks|railway line|road))"
)
# Preparation already made: the means at hand, farewells, last words.
_PREPARATION = (
    r"(?:(?:have|get|buy|tie|make|hide|save|stockpile|hoard|collect|count) "
    + _GAP % 3
    + r"(?:rope|noose|gun|tablets|medicine|blade|razor|knife|bridge|spot"
    r"|hose|charcoal) " + _GAP % 2 + r"(?:ready|pick out|pick|line up|count|hidden|set up"
    r"|to do it|for tonight|to end|for when|in (?:the|my) (?:drawer|car|bag|room))"
    r"|(?:write|leave|left) (?:a |my )?(?:letters?|notes?|goodbye|final message|will)"
    r" (?:to|for) " + _GAP % 2 + r"(?:mother|father|wife|husband|sister|brother|kid|children"
    r"|family|everyone|son|daughter|partner)"
    r"|(?:say|said) goodbye to " + _GAP % 2 + r"(?:everyone|everybody|my family|the kid|family)"
    r"|(?:give|gave) away (?:all )?my (?:thing|stuff|belonging|possession)"
    r"|(?:this|it) be my last (?:post|message|night|day)"
    r"|(?:will not|not go to) be (?:around|here|alive) (?:after|by|tomorrow|next|much longer)"
    r"|tonight be the night|pick (?:the|a) (?:bridge|spot|place)"
    r"|(?:have|get|make|form) (?:a|the) plan and (?:the )?(?:mean|way|tablets|rope)"
    r"|have the means)"
)
# Self-injury: an injuring act on one's own body.
_BODY = (
    r"(?:arm|wrist|leg|thigh|skin|stomach|belly|hip|chest|forearm|ankle|calf|shoulder|body"
    r"|head|face)"
)
_SELF_INJURY_CONCEPT = (
    r"(?:(?:cut|burn|scratch|carv|slash|hurt|harm|punish|starv|scald|bruis|mutilat|injur"
    r"|hit|punch|bang|bite) "
    + _REFLEXIVE
    + r"|(?:cut|burn|scratch|carv|slash|scald|mutilat|dig) (?:into )?"
    + _POSSESSIVE
    + " "
    + _GAP % 1
    + _BODY
    + r"|(?:cut|burn|scratch|carv|slash|scald) "
    + _GAP % 2
    + r"(?:into|on|onto) "
    + _POSSESSIVE
    + " "
    + _BODY
    + r"|self harm|self injur)"
)
_NEAR_OBJECT = (
    r"(?:me|us|my (?:\w+ )?(?:kid|children|child|son|daughter|baby|mother|sister|brother"
    r"|grandchild|little one|boy|girl|twin|father|husband|wife|partner|grandmother|grandfather"
    r"|nan|gran|grandad|granny|aunt|uncle|niece|nephew)|the (?:kid|children|baby)"
    r"|our (?:kid|children"
    r"|baby|son|daughter))"
)
_VIOLENCE = _stems(
    "hit, beat, punch, kick, slap, strangle, choke, shove, rape, molest, grope, "
    "burn, stab, attack, assault, smack, whip, drag, hurt, threaten, "
    "strike, batter, throttle, pin down, hold down, pull a knife on, spit on, tie up, starve"
)
_PERPETRATOR = (
    r"(?:he|she|they|husband|wife|partner|boyfriend|girlfriend|ex|father|mother|stepfather"
    r"|stepmother|stepdad|stepmum|stepmom|carer|son|daughter|brother|uncle|grandfather"
    r"|fiance|flatmate|landlord|teacher|coach|neighbour|neighbor|man|woman|guy|people|gang)"
)
_QUANTITY = (
    r"(?:[5-9]|[1-9][0-9]+|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred"
    r"|all|every|everyth|whole|entire|full|too many|too much|way too many|double|triple"
    r"|handful|load|lot|bunch|bottle|box|pack|packet|blister|strip|tub|jar|sheet|week"
    r"|month|rest|half)"
)
# Medicine by name or by the INN stems most overdoses involve (benzodiazepines, SSRIs,
# tricyclics, opioids, beta blockers, antipsychotics, anticonvulsants ...).
_MEDICINE = (
    r"(?:tablets|medicine|dose|drug|painkiller|paracetamol|ibuprofen|aspirin|insulin|codeine"
    r"|co codamol|cocodamol|morphine|heroin|fentanyl|oxy\w*|tramadol|xanax|valium|lithium"
    r"|warfarin|benzo|opioid|opiate|antidepressant|sleep tablets|sleeping tablets|prescription"
    r"|[a-z]+(?:pam|lam|oxetine|aline|triptyline|pramine|codone|morphone|adol|olol|pril"
    r"|sartan|statin|zine|zole|pine|done|pate|barb|ital|amine|ine|fen|profen|afil|mab"
    r"|xaban|gatran|parin|tidine|pram|xetine|faxine|zapine|ridone|oxin|goxin|amol|gabalin"
    r"|pentin|trexate|quel|azine|apine|calpol))"
)
_INGEST = _stems("take, swallow, down, neck, eat, drink, chug, ingest, overdose, swallow down")
# A carer's mistake is an overdose too: "gave my baby a double dose".
_GIVE = _stems("give, gave, administer, inject")

# Hyperbole and eagerness: "dying to see", "I'd rather die than", "die of embarrassment".
_HYPERBOLE_AFTER = re.compile(
    _canon(
        r" (?:than|at home|in my sleep|peacefully|with dignity|in my own bed|in hospital"
        r"|of (?:embarrass|boredom|laughter|laugh|shame|cringe|happiness|joy)|laugh"
        r"|to (?:see|know|try|meet|hear|go|get|find|tell|eat|read|watch)"
        r"|for (?:a|an|some|that|this)"
        r"|a little|inside|lol|haha|lmao)"
    )
)


@dataclass(frozen=True)
class _Frame:
    kind: str
    rx: _Gated
    aspect: str = "state"
    needs_now: bool = False
    # "hyperbole": the danger word is followed by an idiom's tail ("dying to see").
    check_hyperbole: bool = False
    # Words after the match that undo it ("on the roof ... fixing the gutter").
    not_after: re.Pattern | None = None


def _f(kind, pattern, *, not_after=None, **options) -> _Frame:
    # Gated: the frame runs only around the literal words every match must hold.
    rx = _Gated(r"\b(?:" + _canon(pattern) + r")(?![a-z0-9'])")
    after = re.compile(_canon(not_after)) if not_after else None
    return _Frame(kind, rx, not_after=after, **options)


# After "not moving", "not waking", "not breathing": words that make it a move, a lie-in or a
# blocked nose ("not moving into the home", "not waking up for school", "through his nose").
NOT_A_VITAL_SIGN = (
    r"(?! (?:in|into|out|away|house|home|abroad|on|back|forward|over|for|in time|on time"
    r"|early|up for|up in time|up early|through (?:his|her|my|the|their) (?:nose|mouth)"
    r"|to (?:a |the |another |new |his |her )?(?:house|home|flat|area|treatment|antibiotic"
    r"|medicine|chemo|drug|therapy|steroid)))"
)
# Carrying, not swallowing: "take all my tablets to the pharmacy for a review".
_CARRIED = (
    r"(?: [a-z0-9']+){0,5} (?:to|into|in to|with|back to) (?:the |my |a )?"
    r"(?:pharmacy|chemist|gp|doctor|hospital|clinic|appointment|review|surgery|bin|disposal)"
)
# Up on a roof for a job: "on the roof of my house fixing the gutter".
_ROOF_WORK = (
    r"(?: [a-z0-9']+){0,6} (?:fixing|cleaning|repairing|clearing|painting|gutter|tile|chimney"
    r"|aerial|satellite|solar|builder|moss)"
)


COMPOSED_FRAMES: tuple[_Frame, ...] = (
    # suicide: a person + intent + death or a method; or preparation already made
    _f("suicide", _VOLITION + " " + _GAP % 3 + _DEATH_CONCEPT, check_hyperbole=True),
    _f(
        "suicide",
        r"(?:" + _VOLITION + "|" + _WILL + ") " + _GAP % 8 + _METHOD_CONCEPT,
        not_after=_CARRIED,
    ),
    # reasons to live gone; the writer's burden; places and means, told in passing
    _f(
        "suicide",
        r"no (?:reason|point) (?:for me |left )?(?:to|in) (?:stick around|stay around|"
        r"be here|be around|live|go on|carry on|keep go|exist|stay alive)",
    ),
    _f(
        "suicide",
        r"(?:everyone|everybody|they|my family|the world|my kid|people) (?:would|will|'d)"
        r" be (?:better|happier|fine|ok|okay|better off) (?:off )?without me",
    ),
    _f(
        "suicide",
        r"(?:write|post|type|send) this (?:from|on) (?:the|a|my) "
        + _GAP % 2
        + r"(?:roof|bridge|ledge|cliff|edge|platform|tracks|railway)",
    ),
    _f(
        "suicide",
        r"(?:head|drive|go|walk|leave) (?:to|for|towards) (?:the )?(?:cliff|cliffs|"
        r"tracks|railway line|cliff edge|quarry)",
    ),
    _f(
        "suicide",
        r"(?:use|using|used) (?:it|them|the gun|the knife|the rope|the blade|the tablets)"
        r" on " + _REFLEXIVE,
    ),
    _f(
        "suicide",
        r"(?:count|counted) (?:out )?(?:the |my |all )?(?:tablets|medicine|"
        + _MEDICINE
        + ")|"
        + _MEDICINE
        + r" to take (?:at once|all at once|together|in one go)",
    ),
    _f(
        "suicide",
        r"how many " + _GAP % 4 + _MEDICINE + " " + _GAP % 3 + r"(?:would|it would|"
        r"to) (?:take|kill|be enough) (?:for me|to kill|me)",
    ),
    _f(
        "suicide",
        _PERPETRATOR + " " + _GAP % 2 + r"ask " + _GAP % 1 + r"how (?:long|much|many)"
        r" " + _GAP % 4 + r"(?:to die|to kill|would kill|be lethal|be fatal)",
    ),
    _f("suicide", _WILL + " " + _GAP % 2 + _AGENTIVE_DEATH),
    _f("suicide", r"feel like (?:" + _DEATH_CONCEPT + ")", check_hyperbole=True),
    _f(
        "suicide",
        r"(?:would|'d|had) rather (?:be dead|die|not be alive|not wake up|not exist)",
        check_hyperbole=True,
    ),
    _f("suicide", _PREPARATION),
    _f(
        "suicide",
        r"(?:i|he|she|they|you) " + _GAP % 2 + r"(?:just |only )?want (?:it|this|"
        r"everyth|the pain) to (?:end|stop) (?:for good|forever|permanently)",
    ),
    _f("suicide", r"(?:kill|shoot|hang|drown|gas|poison) " + _REFLEXIVE + r"(?! laugh)"),
    # the means gathered
    _f(
        "suicide", r"(?:hoard|stockpil|stash|save up|collect|squirrel away) " + _GAP % 2 + _MEDICINE
    ),
    # fear of oneself
    _f(
        "suicide",
        r"(?:scared|afraid|terrified|frighten) of what i (?:might|could|will|would|may)"
        r" do(?: to myself)?|(?:do not|can not) trust myself (?:to be alone|alone|tonight|"
        r"around|with|any more|anymore)",
    ),
    _f(
        "suicide",
        r"(?:nobody|no one|no body|noone) (?:would|will) (?:even )?(?:miss|care|"
        r"notice) " + _GAP % 2 + r"(?:if|when) i (?:die|be gone|disappear|kill myself|be not here"
        r"|be dead)",
    ),
    # the burden belief: others better off with the person gone
    _f(
        "suicide",
        r"better off (?:without me|if i (?:be |was |were )?(?:gone|dead|not here|"
        r"not around|never born))",
    ),
    # the person at a height, now
    _f(
        "suicide",
        r"i be (?:sit |stand )?(?:on|at) (?:the |a )?(?:edge of (?:the |a )?)?"
        r"(?:roof|rooftop|ledge|bridge|cliff|parapet|railing|top of (?:the|a|my) (?:building|"
        r"bridge|car park|tower|block))",
        not_after=_ROOF_WORK,
    ),
    _f("suicide", r"(?:be|feel) suicidal"),
    # self-harm: intent + self-injury, or the act itself
    _f("self_harm", r"(?:" + _VOLITION + "|" + _WILL + ") " + _GAP % 3 + _SELF_INJURY_CONCEPT),
    _f(
        "self_harm",
        # "want to cut" with nothing cut: the person's own skin ("cut my toenails" is not)
        r"(?:" + _VOLITION + "|" + _WILL + r") (?:cut|self harm|burn myself)"
        r"(?: again| tonight| deep| deeper| so bad)?(?= \||$)",
    ),
    _f("self_harm", _SELF_INJURY_CONCEPT, aspect="event"),
    _f(
        "self_harm",
        r"keep (?:cut|burn|scratch|hit|punch|bang|hurt|harm) "
        + _GAP % 2
        + r"(?:"
        + _REFLEXIVE
        + "|"
        + _BODY
        + r"|until (?:it|i) bleed)",
        aspect="event",
    ),
    _f(
        "self_harm",
        r"(?:cut|burn|scratch|hit|punch|bang|slam|hurt|harm|bite|pick|claw|bruise)"
        r" " + _GAP % 5 + r"(?:on purpose|deliberately|to feel something|to punish myself"
        r"|to feel (?:pain|better|real))",
        aspect="event",
    ),
    _f(
        "self_harm",
        r"(?:cut|burn|scratch|hit|punch|bang|pick|bite|claw|carve) "
        + _GAP % 5
        + r"(?:until|till|til) "
        + _GAP % 2
        + r"(?:bleed|bled)",
        aspect="event",
    ),
    # overdose: an ingestion verb + a quantity + a medicine, already done
    _f(
        "overdose",
        _INGEST + " " + _GAP % 3 + _QUANTITY + " " + _GAP % 4 + _MEDICINE,
        aspect="event",
    ),
    _f(
        "overdose",
        r"(?:swallow|eat|take|get into|chew) "
        + _GAP % 5
        + _MEDICINE
        + " "
        + _GAP % 4
        + r"(?:do not|can not) (?:know|tell) how many"
        r"|double up on "
        + _GAP % 2
        + _MEDICINE
        + r"|(?:toddler|baby|year old|child|kid|son|daughter|grandchild|grandson|granddaughter) "
        + _GAP % 3
        + r"(?:swallow|eat|chew|get into) "
        + _GAP % 4
        + _MEDICINE,
        aspect="event",
    ),
    _f("overdose", r"overdose (?:on|with) " + _GAP % 3 + _MEDICINE, aspect="event"),
    _f(
        "overdose",
        r"(?:empty|empti) (?:" + _POSSESSIVE + r" |the )?(?:whole )?(?:medicine "
        r"cabinet|medicine cupboard|pill box|blister pack|bottle of " + _MEDICINE + r")",
        aspect="event",
    ),
    _f("overdose", _GIVE + " " + _GAP % 3 + _QUANTITY + " " + _GAP % 4 + _MEDICINE, aspect="event"),
    # medical emergencies: a vital sign failing, now
    _f(
        "medical_emergency",
        r"(?:not|stop|can not|struggl to|hardly|barely|fight to|gasp for)"
        r" " + _GAP % 1 + r"breathe" + NOT_A_VITAL_SIGN,
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:unconscious|unresponsive|collaps|pass out|black out|not "
        r"(?:respond|mov|wake up|wak)" + NOT_A_VITAL_SIGN + r"|can not (?:wake|rouse)"
        r"|will not (?:wake|respond))",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:lip|face|skin|finger) " + _GAP % 2 + r"(?:blue|gray|purple)",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:seizure|fit|convuls|seiz)\w* " + _GAP % 4 + r"(?:will not stop"
        r"|for (?:over |more than )?(?:[5-9]|[1-9][0-9]|five|ten|fifteen) min|last (?:over "
        r"|more than )?(?:[5-9]|[1-9][0-9]|five|ten))",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:face|mouth|smile) " + _GAP % 2 + r"(?:droop|sag|lopsid|drop)\w*"
        r"|(?:can not|suddenly can not) see (?:out of )?(?:one|my left|my right|her left|his left|"
        r"her right|his right) eye",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:speech|word|talk) " + _GAP % 2 + r"(?:slur|garbl|jumbl)"
        r"|slur " + _GAP % 1 + r"(?:speech|word)",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:left|right|one) side of " + _POSSESSIVE + r" (?:face|body|mouth)"
        r" " + _GAP % 2 + r"(?:numb|weak|droop|dead|heavy|paralys|sag)|can not smile properly",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"can not (?:lift|move|feel|raise) " + _GAP % 1 + r"(?:left |"
        r"right )?(?:arm|leg|side|hand)",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:vomit|cough|throw up|spit|pass|lose) " + _GAP % 2 + r"blood"
        r"|blood (?:be )?(?:come|pour|gush|spurt|pump)\w* (?:out|from|of)|bleed (?:heavily|badly|"
        r"everywhere|a lot|profusely)|(?:will not|can not) stop (?:the )?bleed",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"(?:throat|tongue|lip|face) " + _GAP % 1 + r"(?:swell|clos)"
        r"|anaphyla\w*|epipen (?:be |do )?(?:not work|fail)",
        aspect="event",
        needs_now=True,
    ),
    _f(
        "medical_emergency",
        r"chest " + _GAP % 3 + r"(?:pain|tight|pressure|crush|elephant|"
        r"squeez|heavy)",
        needs_now=True,
    ),
    # abuse: a person as perpetrator, violence, the writer or their family as its object
    _f(
        "abuse",
        r"(?:hold|held|put|press|point) (?:a|the|his|her) (?:knife|gun|blade|razor) "
        r"(?:to|at|against) (?:my|our|the kid|me)"
        r"|(?:throw|threw) "
        + _GAP % 3
        + r"at "
        + _NEAR_OBJECT
        + r"|(?:force|make) "
        + _NEAR_OBJECT
        + r" (?:to )?do (?:thing|stuff|sexual)",
        aspect="event",
    ),
    _f(
        "abuse",
        _PERPETRATOR
        + " "
        + _GAP % 3
        + r"(?:force|make|pressure) "
        + _NEAR_OBJECT
        + r" (?:to have sex|into sex|to do sexual|to sleep with|to touch)"
        r"|(?:sexually|physically) (?:abuse|assault|attack)"
        r"|(?:grab|hold|pin|drag) " + _NEAR_OBJECT + r" (?:by the|round the|around the) "
        r"(?:throat|neck|hair)"
        r"|"
        + _PERPETRATOR
        + " "
        + _GAP % 8
        + r"(?:touch|grope|fondle) "
        + _NEAR_OBJECT
        + r"(?! on the (?:shoulder|arm|hand|back))",
        aspect="event",
    ),
    _f(
        "abuse",
        _PERPETRATOR
        + " "
        + _GAP % 3
        + _VIOLENCE
        + " "
        + _GAP % 1
        + _NEAR_OBJECT
        + r"(?! with (?:the|a|this|some|that|his|her) (?:news|question|bill|idea|diagnosis|result"
        r"|truth|fact|joke|price|story))",
        aspect="event",
    ),
    _f(
        "abuse",
        r"(?:scared|afraid|terrified|frightened|fear) "
        + _GAP % 3
        + _PERPETRATOR
        + r" "
        + _GAP % 2
        + r"(?:will|go to|be go to|might|would) "
        + _GAP % 1
        + _VIOLENCE,
    ),
    _f(
        "abuse",
        r"(?:hide|hiding|lock "
        + _REFLEXIVE
        + r" in) "
        + _GAP % 4
        + r"(?:from "
        + _GAP % 1
        + _PERPETRATOR
        + r"|bathroom|bedroom|cupboard|wardrobe) "
        + _GAP % 4
        + r"(?:he|she|they) "
        + _GAP % 2
        + r"(?:smash|shout|scream|bang|kick|break|threaten|"
        r"rage|hit|throw)",
    ),
    _f(
        "abuse",
        r"(?:afraid|scared|terrified|fear) for (?:my|our|the kid) (?:life|lives|safety)"
        r"|(?:not|do not feel) safe (?:at home|in my (?:own )?(?:home|house))",
    ),
    _f(
        "abuse",
        r"(?:outside|at) (?:my|the|our) " + _GAP % 1 + r"(?:house|home|door|flat|"
        r"window) with a (?:knife|gun|weapon|bat|machete|hammer)",
    ),
)


@dataclass(frozen=True)
class _Span:
    """What the context rules need of a match: its span in the original text."""

    start_end: tuple[int, int]

    def span(self) -> tuple[int, int]:
        return self.start_end


_OWNERLESS_STATES = (stem("urge") + " ", "temptation ", stem("craving") + " ")
_WRITER_WORD = re.compile(r"\b(?:i|me|my|myself)\b")
_NEAR_WORD = re.compile(r"\b(?:himself|herself|themselves|themself|his|her|their|he|she)\b")


# Every frame needs a danger concept, and every concept starts with one of these (before
# canonical forms: misspellings and texting forms included). Only sentences holding one are
# put in canonical form, which keeps a long ordinary post fast.
_CONCEPT_ROOTS = _lines("crisis_concept_roots.txt")


def _cue_pattern(line: str) -> str:
    cue, *excluded = line.split(" !")
    whole = cue.endswith("=")
    pattern = re.escape(cue.rstrip("="))
    if whole:
        pattern += r"(?![a-z0-9])"
    if excluded:
        pattern += r"(?! (?:" + "|".join(re.escape(word) for word in excluded) + r")\b)"
    return pattern


_CUE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(_cue_pattern(line) for line in sorted(_CONCEPT_ROOTS, key=len, reverse=True))
    + ")"
)
_SENTENCE_CHUNK = re.compile(r"[^.!?\n]+")


def composed_candidates(lowered: str) -> list[tuple[_Concept, _Span]]:
    """Danger candidates found by composition, as (concept, match) pairs for the context rules."""
    cued = [c.span() for c in _SENTENCE_CHUNK.finditer(lowered) if _CUE.search(c.group())]
    if not cued:
        return []
    words = canonical(lowered, cued)
    found, memo = [], {}
    for frame in COMPOSED_FRAMES:
        for m in frame.rx.finditer(words.text, memo):
            if frame.check_hyperbole and _HYPERBOLE_AFTER.match(words.text, m.end()):
                continue
            if frame.not_after and frame.not_after.match(words.text, m.end()):
                continue
            piece = m.group()
            who = "writer" if _WRITER_WORD.search(piece) else "any"
            if who == "any" and _NEAR_WORD.search(piece):
                who = "near"
            if who == "any" and piece.startswith(_OWNERLESS_STATES):
                who = "writer"  # "the urge to cut is huge": an inner state is the writer's
            concept = _Concept(
                frame.kind, None, who, aspect=frame.aspect, needs_now=frame.needs_now
            )
            found.append((concept, _Span(words.original_span(*m.span()))))
    return found
