"""Step 1 of the crisis screen, as data: phrases that name a danger, per kind, each saying who
it is about when it can. The compositional layer (`_composition.py`) catches wording these
phrases do not; the context rules (`_context.py`) decide whether a match is a real danger now."""

from __future__ import annotations

from dataclasses import dataclass

from ._gate import _Gated


@dataclass(frozen=True)
class _Concept:
    kind: str
    pattern: _Gated
    # "writer": the phrase names the writer; "near": someone else by pronoun or reflexive;
    # "any": the sentence decides (a noun such as "chest pain" or "overdose"); "self": the
    # writer by inference (signals with nobody else named), not surviving a research frame.
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
    r"lots of|a bunch of|too many|way too many|too much|way too much|so many|"
    r"[1-9]\d+|twenty|thirty|forty|fifty)"
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
        # "going to die" is a prediction or a fear ("I'm scared I'm going to die in surgery"),
        # not intent: only an act after "going to" is (the compositional layer reads those).
        r"\b(?:want(?:s)?|wanna|ready|planning|plan|decided|tempted)\s+(?:to\s+)?"
        r"(?:die|end it|be dead|not wake up|never wake up|not exist|"
        r"disappear forever|sleep forever)\b",
        r"\b(?:have|got|bought|tied|made|ready)\s+(?:a|the|my)\s+(?:rope|noose)\b",
        r"\bwish(?:ing)?\s+i\s+(?:was|were|could be)\s+dead\b",
        r"\bwish\s+i\s+(?:could\s+)?(?:die|disappear forever|never wake up)\b",
        r"\b(?:better\s+off\s+(?:dead|without\s+me))\b",
        r"\b(?:don'?t|do\s+not|dont)\s+(?:want\s+to|wanna)\s+"
        r"(?:live|be alive|be here\s+any\s*more|exist|wake up)\b",
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
        r"\b(?:don'?t|dont|do\s+not|can'?t|cant|cannot)\s+see\s+(?:the|a|any)\s+(?:point|reason)\s+"
        r"(?:in|of|to)\s+(?:living|live|going on|life|being alive)\b",
        r"\b(?:can'?t|cannot|cant)\s+"
        r"(?:go on|keep going|do this anymore|take (?:it|this) anymore)\b",
        r"\b(?:won'?t|will\s+not|not)\s+(?:be\s+)?(?:here|around|alive)\s+"
        r"(?:tomorrow|much longer|for\s+long|by morning|in the morning)\b",
        r"\bno\s+(?:will|wish|desire)\s+to\s+live\b",
        r"\b(?:picked|set|chosen|chose|decided\s+on)\s+(?:the|a)\s+(?:date|day)\b(?!\s+(?:for|of)\b)",
        r"\b(?:walk(?:ing)?|step(?:ping)?|run(?:ning)?)\s+(?:into|in\s+front\s+of)\s+(?:the\s+)?(?:sea|river|lake|traffic|a\s+(?:car|bus|lorry|truck|train))\b",
        r"\btalk\s+me\s+out\s+of\s+(?:it|this|doing\s+it|killing\s+myself)\b",
        rf"\b(?:i'?m|im|i\s+am)\s+(?:holding|sitting\s+with|staring\s+at)\s+(?:the|my|all\s+the|all\s+my)\s+(?:{_PILLS}|rope|knife|blades?|razors?|gun)\b(?!\s+for\b)",
        r"\b(?:researching|googling|looking\s+up|searching|reading\s+up\s+on)\s+(?:how|ways|methods)\b[^.!?]{0,40}?\b(?:die|kill\s+myself|overdose|end\s+it|suicide)\b",
        r"\b(?:take|need)\s+to\s+(?:die|kill\s+myself)\b",
        r"\bunalive\s+(?:my\s*self|myself)\b",
        r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+)?note\b",
        r"\b(?:jump|jumping)\s+(?:off|from|in front of)\s+"
        r"(?:a|the)\s+(?:bridge|building|roof|cliff|train|car|balcony)\b",
        r"\bslit(?:ting)?\s+my\s+wrists?\b",
        r"\btried\s+to\s+(?:kill|hang|end)\s+" + _SELF,
        rf"\b(?:going\s+to|gonna|will|i'll|planning\s+to|plan\s+to|about\s+to)\s+(?:take|swallow|down)\s+{_LOTS}\s+(?:of\s+)?(?:my\s+|the\s+)?(?:\w+\s+)?{_PILLS}",
        rf"\b(?:stockpil\w*|hoard\w*|saving\s+up|saved\s+up|collecting)\s+(?:my\s+|all\s+my\s+|the\s+)?(?:\w+\s+)?{_PILLS}",
        r"\btonight'?s\s+the\s+night\b",
        r"\b(?:can'?t|cannot|cant)\s+see\s+myself\s+(?:getting\s+through|surviving|making\s+it\s+through|lasting|"
        r"going\s+on|carrying\s+on|living|being\s+here)\b",
        r"\b(?:drive|crash|steer)\s+(?:my\s+car\s+)?(?:into|off)\s+(?:the|a)\s+(?:river|wall|tree|lake|sea|cliff|bridge|lorry|truck|motorway)\b",
        r"\b(?:thinking\s+(?:about|of)|going\s+to|gonna|want\s+to|tempted\s+to)\s+tak(?:e|ing)\s+(?:them|it)\s+all\b",
        r"\b(?:done|finished)\s+with\s+(?:living|life|being\s+alive)\b",
        r"\b(?:i'?m|im|i\s+am)\s+ending\s+it\b(?!\s+(?:with|between|off))",
        r"\b(?:don'?t\s+think\s+i'?ll|won'?t)\s+be\s+(?:alive|here|around)\s+(?:by|for|at|on|next|after)\b",
        r"\bend(?:ing)?\s+(?:things|everything)\b",
        r"\b(?:life|it)\s+(?:isn'?t|is\s+not|'s\s+not|not)\s+worth\s+(?:living|it\s+anymore)\b",
        r"\b(?:thinking\s+(?:about|of)|going\s+to|gonna|about\s+to)\s+jump(?:ing)?\b"
        r"(?!\s+(?:on|in|up|around|at|for|into\s+(?:the\s+)?pool|ship|the\s+queue|start))",
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
        # What follows "cut" must be the person's own body, a time or nothing ("I need to cut
        # my toenails", "want to cut down" are not self-harm).
        r"\b(?:need|want|urge|going|gonna)\s+(?:to\s+)?(?:cut|self[\s-]?harm|burn\s+myself)\b"
        r"(?!\s+(?!(?:myself|again|tonight|deep|deeper|so|and|but|or|because|cos|right|now|is|"
        r"feels|gets|has|was|keeps|won'?t|will|"
        r"my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach))\b)[a-z])",
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
