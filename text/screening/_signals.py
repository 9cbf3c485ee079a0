"""The crisis screen's third layer: danger read from signals that meet, not from one phrase.

People in danger rarely say it in one sentence. They tell it in pieces, often in neighbouring
sentences: a means ("the rope is in the garage", "a pic of pills in his hand") next to a
farewell ("said goodbye", "tell the kids I love them") or a sense of an ending ("no point
going on", "I'm done"); someone near who is unreachable ("not answering and the car is
gone") after a farewell; a red-flag sign of a body failing ("a rash that doesn't fade under a
glass", "worst headache of my life") next to a sign of now; fear of a person next to violence
or an intrusion ("he broke in tonight ... I'm hiding in the bathroom").

Each *meaning class* below is a family of words, written once in canonical form (the same
words `_composition.canonical` gives: contractions expanded, misspellings folded, inflections
stemmed), so that new wording of the same meaning is found. A *rule* names two groups of
classes that must both appear within `_REACH` sentences of each other. One class alone is never
enough: "tablets" or "goodbye" are everyday words; together they are a farewell with the means
at hand. The context rules (`_context.py`) then judge the first sentence of the pair as for any
other candidate: negation, past, research, hypothetical, quotation, questions about signs.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ._composition import _MEDICINE, NOT_A_VITAL_SIGN, Canonical, _canon, _Span, canonical
from ._crisis_lexicon import _Concept

# --- meaning classes, in canonical words ------------------------------------------------------

# Medicines by name, not by the broad name stems `_MEDICINE` also reads ("-ine", "-ital"
# would make "routine" and "hospital" a means).
_MEANS_MEDICINE = (
    r"(?:tablets|medicine|painkiller|paracetamol|ibuprofen|aspirin|insulin|codeine|co codamol"
    r"|cocodamol|morphine|heroin|fentanyl|oxy\w*|tramadol|xanax|valium|diazepam|lithium"
    r"|zopiclone|sertraline|amitriptyline|antidepressant|opioid|benzo|stash|supply"
    r"|[a-z]+(?:azepam|olol|triptyline|oxetine|codone|piclone|barbital))"
)
_KIN = (
    r"(?:father|mother|mum|dad|nan|gran|granny|grandad|grandma|wife|husband|son|daughter"
    r"|sister|brother|baby|partner)"
)
_SELVES = r"(?:myself|himself|herself|themselves|themself)"
_BODY = r"(?:arm|wrist|leg|thigh|skin|stomach|belly|hip|forearm|ankle|calf|face|neck)"

_GAP = r"(?:[a-z0-9'.]+ ){0,%d}"
_CLASSES = {
    # the means of dying at hand, or a place to die from
    "means": r"(?:rope|noose|gun|shotgun|rifle|pistol|hose|hosepipe|exhaust|charcoal|belt"
    r"|razor|blade|knife|bridge|cliff|ledge|rooftop|multi storey|tallest build|train time"
    r"|fast train|railway line|tracks|pier|tallest building|next train|reservoir|river|canal"
    r"|quarry|viaduct|the engine running"
    # medicine only as a supply at hand: in a health forum "my tablets" alone is everyday
    r"|(?:enough|all (?:of )?(?:my|his|her|the)|the whole|whole|bottle of|box of|pack of"
    r"|packet of|handful of|pic of|photo of|picture of|hold|in front of me|have|get|save"
    r"|lot of|lots of|loads of|plenty of|supply of"
    r"|stockpil|hoard|collect|stash|saving) "
    + _GAP % 3
    + _MEANS_MEDICINE
    + r"|"
    + _MEANS_MEDICINE
    + r" (?:[a-z0-9'.]+ ){0,2}(?:save|saved|ready|count|line up|in (?:my|his|her) hand"
    r"|in front of|next to (?:me|him|her)|beside (?:me|him|her)|stockpil|hoard|stash))",
    # an act on oneself that ends a life, a search for one, or a command to do it: enough alone
    "method_self": r"(?:(?:finish|do) "
    + _SELVES
    + r" (?:off|in)|(?:top|off|strangle|hang) "
    + _SELVES
    + r"|bleed out|slit (?:my|his|her) |(?:hose|pipe|tube) "
    + _GAP % 4
    + r"exhaust|(?:how many|how much) "
    + _GAP % 5
    + r"(?:to|would|will|it take to) "
    + _GAP % 2
    + r"(?:die|kill me|kill myself|not wake up|never wake up|be lethal|be fatal|be enough)"
    r"|painless way|(?:way|ways|method) to (?:die|kill myself|end it)|lethal dose"
    r"|which (?:of (?:my|his|her) )?(?:medicine|tablets|method|way) (?:would|will) be (?:the )?"
    r"(?:quickest|fastest|most painless|least painful)(?! to (?:start|work|act|kick|help))"
    r"|not (?:have|need) to worry about (?:me|him"
    r"|her) (?:after|from) (?:tonight|today|this week|tomorrow)"
    r"|(?:goodbye|suicide|farewell) (?:letter|note)"
    r"|(?:voice|they) (?:be |keep )?(?:tell|say) (?:me|him|her) to (?:kill|jump|die|end"
    r"|hurt|cut|hang|drown|step)|(?:google|search|look up|research) "
    + _GAP % 3
    + r"(?:tallest building|highest bridge|lethal|how to (?:die|hang|overdose|kill)))",
    # a method or a plan for one: needs a means or an ending nearby
    "method": r"(?:stand in front of|step in front of|walk into the (?:sea|river|lake)"
    r"|jump (?:off|from|out of|in front of)|drive (?:off|into)|take (?:them|it) all"
    r"|take (?:my|his|her|their) (?:own )?life|end (?:my|his|her|their) (?:own )?life"
    r"|kill " + _SELVES + r"|enough to kill|not wake up|never wake up|try again"
    r"|go to sleep forever|sleep forever|(?:check|test) " + _GAP % 4 + r"(?:will|would|can)"
    r" (?:hold|take) (?:me|my weight|him|her))",
    # leaving: farewells, last words, affairs put in order, belongings given away
    "farewell": r"(?:goodbye|say bye|farewell|thank you for everyth|my last (?:post|message"
    r"|day|night)|last post|last message|letter for (?:my|the)|letter to (?:my|the)"
    r"|note for (?:my|the))",
    # a farewell that puts things right for after: love, apology, belongings, the dog
    "farewell_love": r"(?:sorry for everyth|forgive me|(?:post|text|message|send|write) "
    + _GAP % 3
    + r"goodbye|(?:he|she|they) (?:love|be sorry)|tell (?:the kid|the children|my \w+"
    r"|them|everyone|him|her) (?:that )?i love|i love you (?:all|so much)?(?: \||$)"
    r"|give away|(?:give|gave|hand) (?:me|us|him|her) (?:his|her|my) "
    r"|(?:give|gave) (?:my|his|her) (?:thing|stuff|belonging|possession)|write (?:my|his|her) will"
    r"|left it (?:on the table )?for (?:my|his|her) "
    r"|affair in order|sort (?:out )?my will|not (?:be )?need (?:it|them|this|these)"
    r" (?:after|any more|anymore)|look after (?:the|my) (?:dog|cat|kid|children)"
    r"|sorry mother|sorry father)",
    # a sense of an ending: the will to go on gone
    "finality": r"(?:can not (?:do (?:this|it) |cope |go on |keep go )?(?:any more|anymore)"
    r"|can not (?:go on|keep go|carry on|take (?:it|this|any more))|(?:i|he|she) be done"
    r"(?: \||$| with (?:life|everyth|it all|live))|hav enough(?: \||$| of (?:life|everyth"
    r"|live|it all))|no (?:point|reason) (?:in |to )?(?:go on|live|carry on|be here|be alive"
    r"|any more|anymore|exist|stay|keep go|try|stick around)|no (?:point|reason)(?: \||$)"
    r"|give up on (?:life|everyth)|end it"
    r"|end everyth|end thing|not want to (?:be here|be around|live|exist|wake up|be alive)"
    r"|not be around|better off without|a burden|way out|join (?:him|her|them)"
    r"|reach the end|tire of (?:live|life|everyth|be alive)|nothing left|no future"
    r"|tonight be the night|made up my mind|decide tonight|(?:work|pluck|build) up the courage"
    r"|want (?:it|this|everyth) to (?:end|stop)|want to die|want to be dead"
    r"|running out of reason|no longer want to|what be the point|not (?:think i will )?make"
    r" it through (?:tonight|the night|today)|(?:not|can not) see (?:any )?(?:other )?way"
    r"|not (?:think )?(?:ill |i will )?make it through|no other way|give up for good"
    r"|give up on everyth|made my plan|make my plan|hav a plan|waste of space|worthless"
    r"|(?:nobody|no one|noone) (?:would|will) (?:even )?(?:miss|notice|care)"
    r"|(?:be|might be|will be) the end (?:for|of) (?:me|him|her)|ready to (?:go|die)(?: \||$)"
    r"|not want to (?:carry on|go on|keep go)|(?:i|he|she) be so done|nearly did it|almost did it"
    r"|nearly did(?: \||$)|almost did(?: \||$)|nearly went through|better off with (?:a different"
    r"|another|someone else)|not be here (?:at all|any more|anymore)|not be here(?: \||$)"
    r"|i mean it(?: \||$)"
    r"|not see why (?:i|he|she) should (?:carry on|go on|bother|live|keep go)"
    r"|want (?:my life|it all|everyth|this) to be over|wake up disappointed|hopeless"
    r"|(?:better|happier) (?:off )?without me)",
    # someone near, out of reach after saying something final
    "unreachable": r"(?:not (?:answer|pick up|reply|respond to)|phone (?:be )?(?:off|dead)"
    r"|(?:car|he|she) be go(?! to)(?: \||$| from| and)|go missing"
    r"|can not find (?:him|her|them)|not come home|straight to voicemail|go to voicemail"
    r"|lock (?:himself|herself|themselves) in|turn (?:his|her|their) phone off)",
    # --- self-harm: an instrument taken to one's own body, a head beaten against something
    # ("used" keeps its ending: the stemmer leaves stems shorter than three letters whole)
    "blade_to_body": r"(?:take|put|use|used) (?:a |the |my )?(?:[a-z]+ ){0,2}(?:razor|blade|knife"
    r"|lighter|compass"
    r"|scissors|glass) " + _GAP % 3 + r"(?:to|on|into|across) (?:my|his|her) " + _BODY,
    "self_injury_result": r"(?:bite|scratch|pick|claw|hit|punch|bang|cut|burn|pull|rip|dig) "
    + _GAP % 3
    + r"(?:myself|himself|herself|my|his|her) "
    + _GAP % 2
    + r"(?:arm|wrist|leg|thigh|skin|scalp|hair|face|hand|knuckle|stomach)"
    + r" "
    + _GAP % 5
    + r"(?:break the skin|broke the skin|draw blood|drew blood|until it bleed|till it bleed"
    r"|until (?:i|he|she) bleed|raw|open sore|bleed)",
    "head_bang": r"(?:bang|hit|slam|smash) (?:my|his|her) head (?:on|against|into) (?:the )?"
    r"(?:floor|wall|door|table)",
    # --- overdose: more than prescribed, or medicine in a child
    "dose_excess": r"(?:adult dose|(?:two|three|four|five|ten|double|triple|[2-9]) time "
    r"(?:my|his|her|the"
    r"|their) (?:normal |usual |prescribed )?dose|instead of once|every day instead"
    r"|whole week of (?:tablets|medicine|" + _MEDICINE + r")|week (?:worth )?of tablets)",
    "drugs_in_quantity": r"(?:do|did|take|took|snort|smoke|drop|swallow) (?:a load of|loads of"
    r"|lots of|too much|way too much|a lot of|a bag of|a bunch of|load of) (?:mdma|ecstasy|coke"
    r"|cocaine|ket|ketamine|speed|spice|pills|drugs|acid|molly|xanax|benzos)",
    "deliberate_ingest": r"(?:take|swallow|down|inject) " + _GAP % 4 + r"(?:massive|huge"
    r"|large|big|lot|load) (?:amount|dose|lot|load|quantity) of "
    + _GAP % 2
    + _MEDICINE
    + r"|(?:take|swallow|inject) "
    + _GAP % 5
    + _MEANS_MEDICINE
    + r" "
    + _GAP % 2
    + r"(?:on purpose|deliberately)",
    "child_ingest": r"(?:toddler|baby|year old|child|kid|son|daughter|grandchild|grandson"
    r"|granddaughter|little one|boy|girl) " + _GAP % 8 + r"(?:swallow|eat|drink|chew"
    r"|get into|get hold of) " + _GAP % 6 + r"(?:tablets|medicine|calpol|nicotine|vape|e liquid"
    r"|battery|batteries|detergent|pod|bleach|" + _MEANS_MEDICINE + r")",
    # --- medical emergency: red-flag signs, each a reason to call now
    "red_flag": r"(?:rash (?:that )?(?:do not|will not|not) fade|not know where (?:she|he|they|i)"
    r" be|talk nonsense|breath in gasp|(?:lip|face|skin) (?:have |be )?(?:go|gone|turn) (?:a )?"
    r"(?:dusky|blue|grey|gray|purple)|non blanch|not fade under"
    r"|not make sense|(?:be|go|gone|seem|look) (?:very |really |all )?floppy|hard to rouse"
    r"|hard to wake|grunt|barely respond|barely conscious|can not finish a sentence"
    r"|tear pain|cough up blood|breath smell (?:like|of) (?:pear|nail|acetone)"
    r"|(?:sugar|meter|reading|glucose|bm) (?:[a-z]+ )?(?:say|read|be) (?:lo|low|hi|high)"
    r"|(?:sweaty|clammy|drowsy) and confus|confus and (?:sweaty|clammy|drowsy)"
    r")",
    # an injury just suffered: an event, so "was hit by a car" is still now
    "trauma": r"(?:(?:at a|at an) (?:really |very )?(?:strange|weird|funny|wrong|odd) angle"
    r"|bone stick out"
    r"|(?:hit|knock down|knock over|run over) by a (?:car|bus|truck|van|lorry|train"
    r"|bike)|bleed from (?:his|her|my|the) (?:head|ear|mouth))",
    # signs that are red flags when they start suddenly: a stroke, a bleed in the head
    "sudden_sign": r"(?:worst headache|stop be able to (?:lift|move|use|feel|speak|walk|see)"
    r"|word (?:[a-z]+ ){0,3}(?:jumbl|garbl|slur|wrong|muddl)"
    r"|thunderclap|can not speak properly|can not get (?:his"
    r"|her|my) word|(?:arm|leg|side|face) (?:and (?:arm|leg) )?(?:have |be )?(?:go|gone|went)"
    r" (?:all )?(?:weak|numb|floppy|dead)|breath (?:very |really )?fast|bleed heavily)",
    "sudden": r"(?:in the last (?:few|ten|five|twenty|[0-9]+) (?:minut|min)"
    r"|suddenly|sudden|all of a sudden|just now|right now|start (?:just|[0-9]+|a few"
    r"|ten|twenty|half)|come on|min ago|minute ago|hour ago|this morning|tonight)",
    # a fever when the body cannot fight it (neutropenic sepsis)
    "fever": r"(?:temperature of (?:3[89]|4[0-9])|temp of (?:3[89]|4[0-9])|fever|high temp"
    r"|shak uncontrollably|rigor)",
    "immune_low": r"(?:on chemo|chemo|neutrophil|neutropenic|transplant|immunosuppress)",
    # a pregnancy and a sign that it is in danger (pre-eclampsia, bleeding, labour too early)
    "pregnant": r"(?:pregnant|week pregnant|weeks pregnant|\d+ week)",
    "pregnancy_flag": r"(?:flash light|flashing light|blur vision|blurred vision|pound headache"
    r"|severe headache|(?:face|hand|feet|ankle) (?:and (?:hand|feet|ankle) )?(?:have |be )?"
    r"(?:swell|swollen|puff)|bleed heavily|heavy bleed|no movement|not felt (?:the )?baby move"
    r"|waters (?:have )?(?:broke|break|gone)|severe (?:stomach|tummy|abdominal) pain)",
    # a vital sign failing, told in the present ("isn't moving", "hes not waking")
    "vital_fail": r"(?:be|still) not (?:mov|breath|respond|wak|wake up|conscious)"
    + NOT_A_VITAL_SIGN
    + r"|(?:will|can) not (?:wake|rouse|respond)",
    # --- abuse: signals of different kinds that meet, any two of: fear of a person, violence,
    # control, injuries that tell of handling, a threat or a weapon brought
    "fear_of_person": r"(?:scared|afraid|terrified|frighten|fear) (?:of (?:him|her|them|my "
    r"\w+)|to go (?:home|back)|for my life|(?:he|she|they) (?:will|would|might|go to))"
    r"|hid (?:in|from)|lock (?:myself|me) in|flinch",
    "control": r"(?:control|take|took|keep) (?:all )?(?:my|his|her|their) (?:[a-z]+ )?(?:money"
    r"|phone|pension"
    r"|bank card|benefit|passport|key)|lock (?:me|him|her|them) in|(?:will not|not) let "
    r"(?:me|him|her|them) (?:leave|go out|see|out|eat|sleep)",
    # a named person's violence against someone near: "my carer hits my dad"
    "perpetrator_violence": r"(?:husband|wife|partner|boyfriend|girlfriend|ex|father|mother"
    r"|stepfather|stepmother|stepdad|stepmum|carer|son in law|brother|uncle|flatmate|staff"
    r"|nurse|son|daughter) " + _GAP % 5 + r"(?:hit|beat|punch|kick|slap|push|shove|choke"
    r"|strangle|throttle|smack|batter|bruise|grab|throw|threw|drag|pin|shake) (?:me|us|her|him"
    r"|them|my \w+)(?! to| for| into (?:do|go|eat|sign|see|try)| (?:a|an|some|one|two) )",
    "violence": r"(?:(?:hit|beat|punch|kick|slap|push|shove|choke|strangle|throttle|stab|burn"
    r"|threaten|smash|force|grab|drag|squeez|throw|shake) (?:[a-z0-9'.]+ )?"
    r"(?:me|us|my|the kid|the children|her|him|down|the house|the door|the wall|" + _KIN + r")"
    r"(?! to| into| for)|burn the house|break in|broke in|smash my"
    r"|rough with (?:me|her|him|them|my \w+)"
    r"|(?:hold|held|put|press) (?:a |the )?(?:pillow|hand|bag|cushion) over (?:my|her|his) "
    r"(?:face|mouth|head))",
    "injury_marks": r"(?:fingertip|finger) (?:mark|bruise)|bruise on (?:her|his|my) "
    r"(?:neck|face|throat)|black eye|mark on (?:her|his|my) (?:neck|throat)|bruise all over",
    "threat": r"(?:threaten|make me pay|make (?:her|him) pay|(?:say|said|text|message) "
    + _GAP % 2
    + r"(?:he|she|they) (?:would|will|go to) (?:kill|hurt|break|burn|get)|(?:turn|show|come) up "
    r"(?:[a-z0-9'.]+ ){0,3}with a (?:bat|knife|gun|weapon|hammer|machete)|(?:he|she|they) be"
    r" outside(?: \||$| and| now| my| the house| the door)|outside (?:my|the|her"
    r"|his|our) (?:house|door|flat|window|work))",
    # a child or adult made to do sexual things: enough alone
    "coerce": r"(?:make|force|pressure) (?:me|her|him|them|my \w+) (?:to )?do (?:thing|stuff"
    r"|sexual)|(?:touch|touches|touching) (?:her|him|me) (?:down there|under|in private|private)",
}
_CLASS_RX = {
    name: re.compile(r"\b" + _canon(rx) + r"(?![a-z0-9'])") for name, rx in _CLASSES.items()
}

_ABUSE = ("fear_of_person", "control", "violence", "injury_marks", "threat")
# (kind, classes of which one must appear, classes of which one must appear nearby; for abuse
# any two different signals)
_RULES = (
    ("suicide", ("method_self",), ()),
    ("suicide", ("means", "method"), ("farewell", "farewell_love", "finality")),
    ("suicide", ("unreachable",), ("farewell_love", "finality")),
    ("suicide", ("farewell", "farewell_love"), ("finality",)),
    ("suicide", ("finality",), ("finality",)),
    ("suicide", ("method",), ("finality", "means")),
    ("self_harm", ("blade_to_body", "head_bang", "self_injury_result"), ()),
    ("overdose", ("dose_excess", "child_ingest", "deliberate_ingest", "drugs_in_quantity"), ()),
    ("medical_emergency", ("fever",), ("immune_low",)),
    ("medical_emergency", ("pregnant",), ("pregnancy_flag",)),
    ("medical_emergency", ("red_flag", "vital_fail"), ()),
    ("medical_emergency", ("trauma",), ()),
    ("medical_emergency", ("sudden_sign",), ("sudden",)),
    ("abuse", ("perpetrator_violence", "coerce"), ()),
    ("abuse", _ABUSE, _ABUSE),
)
# How many sentences apart two signals may be and still be read together.
_REACH = 2
_NEAR = re.compile(r"\b(?:himself|herself|themselves|his|her|their|he|she|they|him|them)\b")
_WRITER = re.compile(r"\b(?:i|me|myself)\b")
_NEAR_NOUN = re.compile(
    r"\b(?:my|our) (?:[a-z]+ )?(?:son|daughter|husband|wife|partner|boyfriend|girlfriend"
    r"|mother|father|brother|sister"
    r"|friend|baby|child|toddler|kid|grandad|grandma|gran|nan|carer|flatmate|year old)\b"
)


def signal_candidates(lowered: str) -> list[tuple[_Concept, _Span]]:
    """Danger candidates where signals of complementary meaning classes meet."""
    words = canonical(lowered)
    found = {name: _matches(rx, words) for name, rx in _CLASS_RX.items()}
    candidates = []
    for kind, first, second in _RULES:
        pair = _nearest_pair(found, first, second)
        if pair is None:
            continue
        start, end, first_end = pair
        # A red flag is a state of the body: past words before it ("was", "had") undo it.
        aspect = "state" if kind == "medical_emergency" and first != ("trauma",) else "event"
        concept = _Concept(kind, None, _who(words.text, start, end), aspect=aspect)
        candidates.append((concept, _Span(words.original_span(start, first_end))))
    return candidates


def _who(text: str, start: int, end: int) -> str:
    """Whose danger the signals tell, read from the sentences that hold them (the context rules
    see only the first): someone near if named and the writer does not speak of themselves,
    else the writer ("self": phone-style writing drops the subject, "worst headache of my life,
    came on suddenly"). "self" is the writer by inference, so unlike a phrase that names the
    writer ("kill myself") it does not survive a research sentence."""
    lo = text.rfind("|", 0, start) + 1
    hi = text.find("|", end)
    sentences = text[lo : hi if hi != -1 else len(text)]
    if not _WRITER.search(sentences) and (_NEAR.search(sentences) or _NEAR_NOUN.search(sentences)):
        return "near"
    return "self"


def _matches(rx: re.Pattern, words: Canonical) -> list[tuple[int, int, int]]:
    """(sentence number, start, end) of each match, in canonical offsets."""
    breaks = [m.start() for m in re.finditer(r"\|", words.text)]
    return [(bisect_right(breaks, m.start()), *m.span()) for m in rx.finditer(words.text)]


def _nearest_pair(found, first, second) -> tuple[int, int, int] | None:
    """The closest pair of signals from the two groups, as (start, end) of the whole pair and
    the end of the signal that comes first. The context rules read the first signal's words:
    what follows the pair as a whole ("and his gun is gone") is not a danger "gone"."""
    a_hits = [hit for name in first for hit in found[name]]
    if not a_hits:
        return None
    if not second:
        _, start, end = min(a_hits)
        return start, end, end
    b_hits = [hit for name in second for hit in found[name]]
    best = None
    for a_sentence, a_start, a_end in a_hits:
        for b_sentence, b_start, b_end in b_hits:
            if (a_start, a_end) == (b_start, b_end) or abs(a_sentence - b_sentence) > _REACH:
                continue
            first_end = a_end if a_start <= b_start else b_end
            pair = (min(a_start, b_start), max(a_end, b_end), first_end)
            if best is None or pair[1] - pair[0] < best[1] - best[0]:
                best = pair
    return best
