"""Step 2 of the crisis screen: does the sentence around a danger phrase make it a real
person's danger now? Subject, negation, time, and framing (research, hypothetical, quotation,
information-seeking question, generic statement, joke)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from ._crisis_lexicon import _NEAR_PERSON, _Concept

_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|me|my|myself|mine)\b")
# Someone near the writer, named: "my son", "our baby", or a kinship word used as a name ("mum").
_NEAR_NOUN = re.compile(
    rf"\b(?:my|our)\s+(?:\w+\s+)?{_NEAR_PERSON}s?\b"
    r"|\b(?:mum|mom|mam|dad|baby|nan|nana|gran|grandma|grandpa|grandad|granddad|wife|husband"
    r"|hubby|partner|son|daughter|boyfriend|girlfriend|toddler)\b",
)
_PRONOUN = re.compile(r"\b(?:he|she|they|he'?s|she'?s|they'?re|him|her|them|his|their)\b")
# The writer as the one who acts or suffers; "me" alone can be an object ("patients tell me").
_WRITER_SUBJECT = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|my|myself)\b")
_FAR = re.compile(
    r"\b(?:patients|people|participants|subjects|adults|teens|teenagers|children|veterans|"
    r"users|(?<!can\s)(?<!could\s)(?<!please\s)(?<!will\s)someone(?!\s+(?:tell|help|explain|advise))|somebody|anyone(?!\s+else)|anybody(?!\s+else)|a\s+(?:patient|person|man|woman|character)|"
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
    r"just|currently|at\s+the\s+moment|atm|rn|(?<!walking\s)(?<!walked\s)(?<!walk\s)(?<!talking\s)(?<!working\s)again|(?:an?|one|two|few|couple|\d+)\s+"
    r"(?:minutes?|mins?|hours?|hrs?)\s+ago|last\s+night|since\s+(?:this\s+morning|last\s+night|"
    r"an?\s+hour|\d+\s*(?:am|pm))|for\s+the\s+(?:last|past)\s+(?:hour|\d+\s+(?:minutes|mins|hours))|"
    r"suddenly|all\s+of\s+a\s+sudden|started|going\s+to|gonna|planning|plan\s+to|"
    r"won'?t|can'?t|isn'?t|is\s+having|am\s+having|i'?m\s+having|having|on\s+(?:the|their|its)\s+way|"
    r"ambulance\s+(?:is\s+)?(?:coming|called)|call(?:ed|ing)\s+(?:999|911|112|an\s+ambulance)|"
    r"paramedics\s+(?:are\s+)?(?:here|coming))\b",
)
# The stricter signs of now that count anywhere in the sentence, not only in the phrase's
# clause ("just" and "again" are too common to count that far away).
_NOW_IN_SENTENCE = re.compile(
    r"\b(?:now|right\s+now|tonight|today|this\s+(?:morning|afternoon|evening)|currently|"
    r"at\s+the\s+moment|(?:an?|one|two|few|couple|\d+)\s+(?:minutes?|mins?|hours?|hrs?)\s+ago|"
    r"on\s+(?:the|their|its)\s+way|ambulance\s+(?:is\s+)?(?:coming|called)|"
    r"call(?:ed|ing)\s+(?:999|911|112|an\s+ambulance))\b"
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
    r"when\s+(?:i|he|she|they)\s+(?:was|were)\s+(?:a\s+\w+|young|little|\d+|in)|as\s+a\s+(?:child|kid|teen|teenager|newborn|baby|toddler|infant)|"
    r"last\s+(?:summer|winter|spring|autumn|fall|christmas|easter)|in\s+year\s+\d{1,2}|"
    r"in\s+(?:high|secondary|primary|middle)\s+school|"
    r"years\s+(?:clean|free|sober)|history\s+of|hx\s+of|(?:through|past|over)\s+it\s+now|"
    r"doing\s+(?:well|better|fine)\s+now|(?:through|in|during)\s+(?:my|his|her|their)\s+(?:early\s+|late\s+|mid[\s-]?)?"
    r"(?:teens|twenties|thirties|20s|30s|youth|childhood|school\s+years)|"
    r"(?:at|aged)\s+(?:age\s+)?(?:1[3-9]|[2-9]\d)\b(?!\s*(?:am|pm|:|o'?clock|h\b|mg|tablets|pills))|"
    r"over\s+a\s+decade|for\s+(?:years|decades)|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+years\s+since)\b",
)
# Someone who has died is beyond a crisis we can act on ("my son died of an overdose last
# night" is grief); this outweighs any sign of now. "Nearly died" is not a death.
_DEATH = re.compile(
    # "if I died" is the writer's own hypothetical, never news of a death
    r"\b(?<!nearly\s)(?<!almost\s)(?<!\bi\s)(?:died|passed\s+away|lost\s+(?:him|her|them|(?:my|his|her|their|our)\s+\w+)\s+to|"
    r"took\s+(?:his|her|their)\s+own\s+life|funeral|inquest|coroner)\b"
)
_RESEARCH = re.compile(
    r"\b(?:trials?|study|studies|studied|research\w*|participants|cohort|meta-?analys\w*|"
    r"paper|article|journal|data|statistics|stats|rates?|incidence|prevalence|risk\s+of|"
    r"risks|associated|linked|link\s+between|excluded|exclusion|inclusion|enrolled|criteria|"
    r"side\s+effects?|adverse|warnings?|black\s+box|label|leaflet|fda|mhra|nice|guidelines?|"
    r"screening\s+for|screened|assess\w*|questionnaire|survey|documentary|podcast|news|"
    r"awareness|prevention|hotline|helpline|crisis\s+line|training|course|lecture|textbook|"
    r"nursing|(?<!for\sthe\s)(?<!to\sthe\s)(?<!for\s)clinicians?|doctors\s+(?:ask|should)|"
    r"(?:i\s+)?read\s+that|(?:1|one)\s+in\s+(?:\d+|two|three|four|five|six|ten)|percent|"
    r"(?:a|the)\s+letter\s+about|social\s+media|trend|challenge\s+going|deaths|mortality|epidemic|crisis\s+in|"
    r"(?:a|the)\s+talk\s+(?:on|about)|presentation|workshop|seminar|campaign)\b",
)
_HYPOTHETICAL = re.compile(
    r"\b(?:what\s+if|suppose|supposing|imagine|hypothetically|in\s+case|let'?s\s+say|"
    r"say\s+someone|would\s+you|should\s+(?:someone|a\s+person|i\s+ever)|if\s+(?:someone|anyone|a\s+person|you)|"
    r"in\s+(?:a|the|my)\s+(?:story|novel|book|film|movie|show|game|dream|essay|script)|"
    r"character|fiction|plot|role-?play|worst\s+case|god\s+forbid|ever\s+(?:feel|felt|get)|"
    r"whether|narrator|protagonist|(?:lyrics?|song|line|poem|verse)\s+(?:go|goes|says?)|"
    r"fanfic\w*|screenplay|chapter\s+\w+|"
    r"(?:my|the|a|this|her|his)\s+(?:short\s+|new\s+|first\s+)?(?:story|novel|book|film|movie|play|poem|script)(?:'s)?|"
    r"memoir|biography|autobiography)\b",
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
    r"children|those)\b|\bleading\s+cause\b|\bhow\s+to\b|\bone\s+of\s+the\s+(?:commonest|most\s+"
    r"common|leading|main|biggest|top)\b|\bcommonest\b",
)
# Said as a joke: "if I hear that advert again I'll kill myself lol".
_JOKING = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|joking|kidding)\b|\U0001f602|\U0001f923")
_HABITUAL = re.compile(
    r"\b(?:when(?:ever)?\s+i|every\s+time|sometimes|often|usually|occasionally|on\s+and\s+off|"
    r"after\s+(?:exercise|eating|meals|running|climbing)|for\s+(?:weeks|months|years)|"
    r"comes?\s+and\s+goes?|a\s+few\s+times|at\s+night|every\s+(?:day|week|month|period|cycle|"
    r"night|morning|evening))\b",
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\s-\s|\b(?:but|although|though|however|whereas|and\s+then)\b", re.I
)
_QUOTE = re.compile(r'"[^"\n]{0,400}"|(?<!\w)\'[^\'\n]{8,400}\'(?!\w)')
_BLOCKQUOTE = re.compile(r"^[ \t]*>.*$", re.M)


def _clause_around(sentence: _Sentence, start: int, end: int) -> tuple[str, str, str]:
    """The clause holding the phrase: (text before the phrase, the phrase, text after it)."""
    breaks, text = sentence.clause_breaks, sentence.text
    i = bisect_right(breaks, (start, start))
    left = breaks[i - 1][1] if i and breaks[i - 1][1] <= start else 0
    j = bisect_right(breaks, (end, -1))
    right = breaks[j][0] if j < len(breaks) else len(text)
    return text[left:start], text[start:end], text[end:right]


# Words right after a phrase that make it something else: a wish about how to die at the end
# of life ("I want to die peacefully at home"), pills carried, not swallowed ("going to take
# all my tablets to the pharmacy").
_UNDONE_AFTER = re.compile(
    r"\s*(?:peacefully|at\s+home|in\s+my\s+(?:own\s+)?(?:sleep|bed)|with\s+dignity|"
    r"surrounded\s+by|when\s+(?:the\s+time\s+comes|i'?m\s+old)|of\s+old\s+age|"
    r"(?:[\w']+\s+){0,3}(?:to|into|back\s+to)\s+(?:the\s+|my\s+|a\s+)?(?:pharmacy|chemist|gp|"
    r"doctor|hospital|clinic|appointment|review|surgery|bin|disposal))\b"
)


_TONIGHT = re.compile(r"\b(?:tonight|today|now|right\s+now|this\s+(?:week|weekend))\b")


# Harm told as an accident or a game is not self-harm or abuse ("cut my leg shaving", "she
# kicked me by accident at swimming", "he beat me at chess"). An overdose by mistake still is.
_ACCIDENT = re.compile(
    r"\b(?:by\s+accident|accidentally|by\s+mistake|not\s+on\s+purpose|while\s+(?:cooking|"
    r"shaving|chopping|gardening|playing)|on\s+the\s+(?:oven|stove|hob|iron|kettle|pan|grill|"
    r"radiator|barbecue|bbq)|chopping|shaving|slipped|tripped|at\s+(?:chess|cards|tennis|football|"
    r"scrabble|monopoly|the\s+game)|in\s+(?:a|the)\s+(?:game|race|match)|in\s+(?:his|her|their)"
    r"\s+sleep|play[\s-]?fight\w*|playing|with\s+a\s+pillow|pillow\s+fight|(?:we|they)\s+both\s+"
    r"laughed)\b"
)
# Intent makes it no accident: "an urge to burn myself on the hob", "cut myself on purpose".
_INTENT = re.compile(
    r"\b(?:urge|urges|want(?:s|ed)?\s+to|need\s+to|going\s+to|gonna|tempted|on\s+purpose|"
    r"deliberately|make\s+myself)\b"
)
_KINDS_UNDONE_BY_ACCIDENT = frozenset({"self_harm", "abuse"})
# A counterfactual threat over an everyday matter is a figure of speech ("mum would kill me if
# I got a tattoo"); "he'll kill me if I tell anyone" is a threat.
_WOULD_KILL_IF = re.compile(r"\b(?:would|'d)\s+(?:literally\s+)?kill\s+(?:me|us)\s+(?:if|when)\b")


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
    def now(self) -> bool:
        return bool(_NOW_IN_SENTENCE.search(self.text))

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
    if _UNDONE_AFTER.match(after) and not _TONIGHT.search(after):
        return False
    if sentence.hypothetical or sentence.joking or _in_condition(before):
        return False
    if (
        concept.kind in _KINDS_UNDONE_BY_ACCIDENT
        and _ACCIDENT.search(clause)
        and not _INTENT.search(clause)
    ):
        return False
    if concept.kind == "abuse" and _WOULD_KILL_IF.search(phrase + after[:10]):
        return False
    who = _subject(concept, before, phrase, after, sentence.previous)
    if reported and who == "writer":
        who = "near"  # "I" inside a reported message is the person who sent it
    if who not in ("writer", "near"):
        return False
    explicit_now = bool(_NOW.search(clause))
    if sentence.death:
        return False
    if sentence.distant_past and not _NOW.search(before[-30:] + phrase + after[:25]):
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
        # A sign of now elsewhere in the sentence counts too ("collapsed, not breathing
        # properly, ambulance on the way").
        present = explicit_now or sentence.present_tense or sentence.now
        if concept.aspect == "state":
            present = present and (explicit_now or sentence.now or _HAVING.search(before))
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
    r"(?:better|improving|improved|gone|free\s+for|clean\s+for|eased|easing|settled|resolved|cleared|fine\s+now|under\s+control|"
    r"turned\s+out|was\s+nothing|went\s+away|(?:just\s+)?(?:anxiety|muscular|musculoskeletal|"
    r"reflux|indigestion|heartburn|a\s+pulled\s+muscle)|not\s+(?:my|his|her)\s+heart|nothing\s+serious)\b"
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
        # the writer's threat ("if he leaves I'll…") or one made to them ("if I tell he'll…")
        r"\b(?:i'?ll|ill|i\s+will|i'?m\s+going|im\s+going|i\s+am\s+going|he'?ll|she'?ll|"
        r"they'?ll|he\s+will|she\s+will|they\s+will)\b",
        after_if,
        re.I,
    )


# A clause that opens on a verb has dropped its subject, which is then the writer.
_DROPPED_SUBJECT = re.compile(
    r"\s*(?:can'?t|cant|cannot|keep|kept|been|feel|feeling|felt|thinking|think|want|wanna|"
    r"need|just|really|going|gonna|having|took|taking|tried|trying|started|starting|still|"
    r"literally|honestly|seriously|so|constantly|always)\b"
)


_FAR_RELATIVE = re.compile(
    r"\b(?:people|those|anyone|someone|patients|kids|teens|teenagers|young\s+people|children|"
    r"adults|men|women|others|students|veterans)\s+(?:who|that|which)\s+(?:\w+\s+)?$"
)


def _subject(concept, before, phrase, after, previous) -> str:
    """Who the phrase is about: "writer", "near", "far" or "none". A pronoun points at the
    nearest person named: someone near ("my brother says he…"), else someone far ("patients
    tell me they…"); with nobody named, the writer is telling of a person with them now."""
    local = before[-60:] + phrase + after[:30]
    if _FAR_RELATIVE.search(before[-40:]):
        return "far"  # "help people who self-harm": a class of people, not a person
    far = bool(_FAR.search(before[-40:]))
    near_named = bool(_NEAR_NOUN.search(local) or _NEAR_NOUN.search(previous))
    if concept.who in ("writer", "self"):
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
    if _WRITER_SUBJECT.search(after) or re.search(r"\bme\b", after):
        return "writer"  # "the thought of ending it is all that calms me down"
    return "none"
