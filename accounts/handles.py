"""Public handles: what they may look like, and the key that makes look-alikes collide.

`handle_key(handle)` folds a handle to a comparison key: Unicode NFKC normalisation, case
folding, accents dropped, separators dropped, and characters that pass for one another mapped
to one representative. Two handles with the same key may not both exist (a unique column), so
"Anna", "ANNA", "an.na", "Аnna" (Cyrillic А) and "4nna" collide: a reader could mistake
one for another.
"""

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
