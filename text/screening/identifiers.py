"""`screen_identifiers(text)`: personal identifiers a writer may not mean to publish.

Phone numbers (found by Google's libphonenumber, not by hand-written patterns), email addresses,
street addresses, dates of birth, record numbers and full names next to a diagnosis. Dosages,
blood pressures, lab values, study dates, registry numbers, DOIs and public hotlines are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ._gate import _at_word_start, _Gated, _lowered, _normalise, _words
from .kinds import IDENTIFIER_KINDS, PUBLIC_KIND
from .terms import _extra_patterns


@dataclass(frozen=True)
class IdentifierMatch:
    """One personal identifier: its kind, where it is in the text, and the text itself."""

    kind: str
    start: int
    end: int
    text: str


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
_SPELLED_DOT = r"(?:\s*\(dot\)\s*|\s*\[dot\]\s*|\s+dot\s+)"
_SPELLED_EMAIL = re.compile(
    r"\b[\w+-]+(?:(?:\.|" + _SPELLED_DOT + r")[\w+-]+)*\s*(?:\(at\)|\[at\]|\s+at\s+)\s*"
    r"(?!(?:this|that|the|a|an|my|your|our|their|his|her|its|any|some|which|what)\b)[\w-]+"
    r"(?:\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*|(?<=\w)\.(?=\w))"
    r"(?:com|net|org|ie|co\s*(?:\.|dot)\s*uk|edu|gov|io|de|fr|es|it|nl|be|ca|au|nz|eu|us|info"
    r"|me|ch|at|se|dk|pl|pt)\b",
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
# Day-month-year in figures (any of / . - as separators), year first (ISO and 1950/01/31),
# "01-Jan-1950", "3rd of July 1948", "March 9, 1972".
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    rf"|\d{{1,2}}[\-/.]{_MONTH}\.?[\-/.](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|'?\d{{2}}))"
)
_DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:'s)?|born(?:\s+on)?|b\.)"
    rf"\s*(?:is|was|[:\-=])?\s*(?:on\s+)?(?:the\s+)?({_DATE}|{_MONTH}\.?,?\s+(?:19|20)\d\d\b)",
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
    r"nhs\s*(?:number|no\.?|#)?|ihi\s*(?:number|no\.?)?|individual\s+health\s+identifier|ssn|social\s+security\s*(?:number|no\.?|#)?|health\s+card\s*(?:number|no\.?)?)"
)
# On lowercased text: a cue, then a value: groups of letters and digits, each with a digit,
# joined by single spaces or hyphens ("943 476 5919", "1EG4-TE5-MK73").
_RECORD = _Gated(
    rf"\b{_RECORD_CUE}\s*(?:is|was|[:#=\-])?\s*(?:is\s+)?"
    r"(?P<value>(?:[a-z]{1,4}[ \-](?=\d))?[a-z0-9]*\d[a-z0-9]*(?:[ \-][a-z0-9]*\d[a-z0-9]*){0,4})"
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
_TIME_RANGE = _Gated(
    digits=True,
    pattern=r"\b\d{1,2}[.:]\d{2}\s*(?:-|\u2013|to|until)\s*\d{1,2}[.:]\d{2}\b",
)
_NOT_IDENTIFIER = (
    _REGISTRY_OR_CITATION,
    _YEAR_RANGE,
    _MEASUREMENT,
    _BLOOD_PRESSURE,
    _TIME_RANGE,
)

# Full names next to a condition: a given name from this list, then a capitalised surname.
GIVEN_NAMES = _words("given_names.txt")
CONDITIONS = (
    r"(?:cancer|tumou?r|leuka?emia|lymphoma|melanoma|diabet\w*|hiv|aids|hepatitis\s*[abc]?|"
    r"depress\w*|bipolar|schizophreni\w*|psychosis|anxiety|ptsd|ocd|adhd|autis\w*|dementia|"
    r"alzheimer'?s|parkinson'?s|epilep\w*|ms|multiple\s+sclerosis|lupus|crohn'?s|colitis|copd|"
    r"asthma|heart\s+failure|stroke|cirrhosis|anorexi\w*|bulimi\w*|eating\s+disorder|"
    r"addict\w*|alcoholi\w*|std|sti|herpes|chlamydia|syphilis|pregnan\w*|miscarri\w*|"
    r"infertil\w*|endometriosis|arthritis|fibromyalgia|\w+\s+syndrome|\w+\s+disease|"
    r"dialysis|chemo\w*|transplant|terminal\w*|sickle\s+cell|cystic\s+fibrosis|psoriasis|"
    r"mental\s+illness|breakdown|overdos\w*|suicidal|self[\s-]?harm\w*|als|mnd|motor\s+neuron\w*|"
    r"diagnosed|myeloma|sarcoma|carcinoma|glioma|glioblastoma|\w+\s+palsy|psychotic|sectioned)"
)
_CONDITION = re.compile(rf"\b{CONDITIONS}\b")  # on lowercased text
# A capitalised word; two in a row, a given name first, make a full name.
_CAPITALISED = re.compile(r"[A-Z][\w'-]+")
_NAME_WORD = re.compile(r"(?:O'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_TITLE_BEFORE = re.compile(
    r"\b(?:dr|doctor|prof|professor|nurse|consultant|mr|mrs|ms|miss)\.?\s*$", re.I
)
_NOT_SURNAME = _words("not_surnames.txt")
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


# Spaces around the @ dodge harvesters too: "kelly.m @ icloud.com".
_SPACED_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+\s+@\s*(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}\b"
    r"|(?<![\w.+-])[A-Za-z0-9._%+-]+@\s+(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}\b"
)


def _emails(text: str, low: str) -> list[IdentifierMatch]:
    found = []
    for m in _SPACED_EMAIL.finditer(text) if "@" in text else ():
        try:
            validate_email(re.sub(r"\s+", "", m.group()))
        except ValidationError:
            continue
        found.append(_match("email", text, *m.span()))
    for m in _EMAIL.finditer(text) if "@" in text else ():
        try:
            validate_email(m.group())
        except ValidationError:
            continue
        found.append(_match("email", text, *m.span()))
    if "dot" in low or "[at]" in low or "(at)" in low:
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
        if _could_be_a_date(m.group())
    ]
    excluded = public_spans + dates + [(m.start, m.end) for m in already]
    found: dict[tuple[int, int], IdentifierMatch] = {}
    organisational: set[tuple[int, int]] = set()
    for candidate in candidates:
        if _glued_to_letters(text, *candidate.span()) or _covered(candidate.span(), excluded):
            continue  # "NCT04280705", a date, a dose: libphonenumber need not look
        lo, hi = max(0, candidate.start() - 2), min(len(text), candidate.end() + 2)
        for region in PHONE_REGIONS:
            # Dots read as spaces ("+44.20.7946.0018"): one character for one, offsets kept.
            chunk = text[lo:hi].replace(".", " ")
            for start, end, national, is_organisation in _phone_numbers_in(chunk, region):
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


def _could_be_a_date(value: str) -> bool:
    """A figures-only date has a day up to 31 and a month up to 12, in either order, or a year
    first: "44.20.79" inside "+44.20.7946.0018" is not a date."""
    parts = [int(p) for p in re.findall(r"\d+", value)]
    if len(parts) != 3 or re.search(r"[a-z]", value, re.I):
        return True
    first, second, third = parts
    if first > 31:
        return 1 <= second <= 12 and 1 <= third <= 31
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)


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


# Where a writer says where they are, a house number and a street of any suffix is an address,
# in any case: "come by 3309 oak hollow drive", "we are in 23 the avenue".
_ADDRESS_CUE = (
    r"(?:live (?:at|on|in)|living (?:at|on|in)|lives (?:at|on|in)|come (?:by|round|over|to)"
    r"|pop (?:round|over|by) to|address is|address:|send (?:it|them|\w+) (?:on )?to"
    r"|drop (?:it|them) (?:off )?(?:at|to)|we'?re (?:at|in)|we are (?:at|in)|i'?m (?:at|in)"
    r"|i am (?:at|in)"
    r"|stay(?:ing)? at|moved to|moving to|find (?:me|us) at|post (?:it|them) to)"
)
_CUED_ADDRESS = _Gated(
    digits=True,
    pattern=rf"\b{_ADDRESS_CUE}\s+(?:no\.?\s*)?(?P<value>\d{{1,5}}[a-z]?,?\s+"
    rf"(?:the\s+|(?:{_NOT_STREET_WORD}[a-z][\w'-]+\s+){{1,3}})"
    rf"(?:{_STRONG_STREET}|{_WEAK_STREET}|avenue)\b\.?)",
)
# An Irish Eircode written in lower case: a routing key, then four letters and digits mixed.
_LOWER_EIRCODE = _Gated(
    digits=True,
    pattern=r"\b[ac-fhknprtv-y]\d{2}\s?(?=[a-z\d]{0,3}[a-z])(?=[a-z\d]{0,3}\d)"
    r"[ac-fhknprtv-y\d]{4}\b",
)


def _addresses(text: str, low: str, memo: dict) -> list[IdentifierMatch]:
    rxs_low, rxs_text = (_STRONG_ADDRESS, _UNIT_ADDRESS, _PO_BOX), (_WEAK_ADDRESS, _POSTCODE)
    spans = [m.span() for rx in rxs_low for m in rx.finditer(low, memo)]
    spans += [m.span() for rx in rxs_text for m in rx.finditer(text, memo)]
    spans += [m.span("value") for m in _NAMED_POSTCODE.finditer(low, memo)]
    spans += [m.span("value") for m in _CUED_ADDRESS.finditer(low, memo)]
    spans += [m.span() for m in _LOWER_EIRCODE.finditer(low, memo)]
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
        # A condition named after the person ("James Parkinson" and Parkinson's disease) is
        # history, not a member's health.
        conditions = [
            c for c in _conditions_near(low, start) if not low.startswith(last[2].lower(), c[0])
        ]
        if any(_about_the_same_person(text, start, end, c) for c in conditions):
            found.append(_match("name_with_condition", text, start, end))
    return found + _introduced_names_with_condition(text, low)


# Someone introduced as a person ("my husband John Smith", "I'm Priya Shah", "my sister mary
# oconnor") is named by the next two words, whatever the given name: the word before says a
# person follows, so no list of given names is needed. In lower case the first word must be
# a known given name, since "my son jack has" would otherwise read "jack has" as a name.
_PERSON_CUE = re.compile(
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:husband|wife|partner|son|daughter|mum|mom|mam|mother|dad"
    r"|father|sister|brother|friend|neighbou?r|grandson|granddaughter|grandmother|grandfather"
    r"|grandma|grandad|granddad|nan|gran|aunt|auntie|uncle|niece|nephew|cousin|boyfriend"
    r"|girlfriend|fianc[ée]e?|colleague|flatmate|child|baby|boy|girl|carer|patient|client)"
    r"(?:,|\s+is|\s+called|\s+named)?\s+"
    r"|\b(?:i'?m|i\s+am|my\s+name\s+is|name'?s|called|named)\s+",
    re.I,
)
_TWO_WORDS = re.compile(r"((?:O'|Mc|Mac)?[A-Za-z][a-z'-]+)\s((?:O'|Mc|Mac)?[A-Za-z][a-z'-]+)")


def _introduced_names_with_condition(text: str, low: str) -> list[IdentifierMatch]:
    found = []
    for cue in _PERSON_CUE.finditer(text):
        m = _TWO_WORDS.match(text, cue.end())
        if not m:
            continue
        first, last = m.group(1), m.group(2)
        if last.lower() in _NOT_SURNAME or first.lower() in _NOT_SURNAME:
            continue
        capitalised = first[0].isupper() and last[0].isupper()
        if not capitalised and first.lower() not in GIVEN_NAMES:
            continue
        if not capitalised and (last.lower() in GIVEN_NAMES or not last.islower()):
            continue
        start, end = m.span()
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
