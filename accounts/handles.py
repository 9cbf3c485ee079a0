"""Public handles: what they may look like, and the key that makes look-alikes collide.

`handle_key(handle)` folds a handle to a comparison key: Unicode NFKC normalisation, case
folding, accents dropped, separators dropped, and characters that pass for one another mapped
to one representative. Two handles with the same key may not both exist (a unique column), so
"Anna", "ANNA", "an.na", "Аnna" (Cyrillic А) and "4nna" collide: a reader could mistake
one for another.
"""

import re
import unicodedata

# Characters that pass for Latin letters (or each other) in a handle. Lowercase targets: the
# key is case-folded first, so capitals (Greek Α, Cyrillic А, ...) reach here in lowercase.
_CONFUSABLES = str.maketrans(
    {
        # digits and symbols that read as letters
        "0": "o",
        "1": "l",
        "|": "l",
        "!": "l",
        "i": "l",  # capital I and lowercase l look the same in many fonts
        "3": "e",
        "4": "a",
        "5": "s",
        "$": "s",
        "@": "a",
        "8": "b",
        # Cyrillic
        "а": "a",
        "в": "b",
        "г": "r",
        "е": "e",
        "ё": "e",
        "з": "e",
        "һ": "h",
        "і": "l",
        "ї": "l",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "п": "n",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "ў": "y",
        "х": "x",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        "ь": "b",
        "ѡ": "w",
        "ӏ": "l",
        # Greek
        "α": "a",
        "β": "b",
        "γ": "y",
        "ε": "e",
        "η": "n",
        "ι": "l",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "σ": "o",
        "ς": "s",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        "μ": "u",
        # Latin look-alikes
        "ı": "l",
        "ℓ": "l",
        "ʀ": "r",
        "ɑ": "a",
        "ɩ": "l",
        "ø": "o",
        "ð": "d",
        "đ": "d",
        "ł": "l",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)
_SEPARATORS = str.maketrans("", "", "._- ")
# Letter pairs that read as one letter at a glance, applied after the mapping above.
_DIGRAPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def handle_key(handle: str) -> str:
    """Fold a handle to the key two handles must not share."""
    folded = unicodedata.normalize("NFKC", handle).casefold()
    # Drop combining marks so "ánna" and "anna" collide too.
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    key = stripped.translate(_SEPARATORS).translate(_CONFUSABLES)
    for pair, single in _DIGRAPHS:
        key = key.replace(pair, single)
    return key


def script_of(ch: str) -> str:
    """The writing system a letter belongs to ("LATIN", "CYRILLIC", ...); "" for the rest."""
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"  # Japanese mixes these scripts in ordinary words
    return name.split(" ", 1)[0]


def scripts_in(handle: str) -> set[str]:
    return {script for ch in handle if (script := script_of(ch))}


def _fold(text: str) -> str:
    """Case, accents and look-alike characters folded, separators kept (for finding words)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    return stripped.translate(_CONFUSABLES)


# Professional titles a handle or name may carry only once staff have verified the person
# (docs/accounts.md lists them). Matched as whole words, so "docs", "drew" and "nursery" pass;
# "pa" (too common a word) is not listed.
PROFESSIONAL_TITLES = (
    "dr", "doc", "doctor", "doctora", "docteur", "doktor", "dottore", "md", "mbbs", "mbchb",
    "do", "nurse", "rn", "lpn", "lvn", "np", "aprn", "crna", "midwife", "pharmacist", "pharmd",
    "rph", "physician", "surgeon", "psychiatrist", "psychologist", "therapist", "dentist",
    "dds", "dmd", "paramedic", "frcp", "frcpc", "frcs", "mrcp", "mrcgp", "prof", "professor",
)  # fmt: skip
# "do" (osteopathic physician) is listed for names ("Ana Ruiz, DO") but not for handles, where
# it is an ordinary word.
_HANDLE_EXEMPT = frozenset({"do"})
_FOLDED_TITLES = {_fold(title): title for title in PROFESSIONAL_TITLES}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_BREAK = re.compile(r"[^0-9a-z]+")


def title_claimed(text: str, *, in_handle: bool = True) -> str:
    """The professional title that `text` (a handle or a name) claims, or ''.

    Words are split at separators, spaces, punctuation and camel-case humps, then folded as for
    handle keys, so "Dr.Ines", "DrInes", "dr_ines", "Dг-ines" (Cyrillic г) and "d0ct0r" all
    claim "dr" or "doctor"."""
    words = _WORD_BREAK.split(_fold(_CAMEL.sub(" ", text)))
    for word in words:
        title = _FOLDED_TITLES.get(word)
        if title and not (in_handle and title in _HANDLE_EXEMPT):
            return title
    return ""


_TRAILING = re.compile(r"[\d._-]+$")


def handle_stem(handle: str) -> str:
    """The handle's key without trailing digits and separators: "dr_ines_v2" and "dr.ines.v_"
    have the stem of "dr_ines_v", and must not stand beside it."""
    return handle_key(_TRAILING.sub("", handle) or handle)
