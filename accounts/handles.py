"""Public handles: what they may look like, and the key that makes look-alikes collide."""

import unicodedata

# Characters that pass for Latin letters or digits in a handle. Folding them gives every
# look-alike of a handle the same key. Lowercase targets: the key is case-folded first.
_CONFUSABLES = str.maketrans(
    {
        # digits and symbols that read as letters
        "0": "o",
        "1": "l",
        "|": "l",
        "i": "l",
        "5": "s",
        "$": "s",
        "@": "a",
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "і": "l",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "l",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        # Latin look-alikes
        "ı": "l",
        "ℓ": "l",
        "ɡ": "g",
        "ʀ": "r",
    }
)
_SEPARATORS = str.maketrans("", "", "._- ")


def handle_key(handle: str) -> str:
    """Fold a handle to the key two handles must not share."""
    folded = unicodedata.normalize("NFKC", handle).casefold()
    # Drop combining marks so "ánna" and "anna" collide too.
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    key = stripped.translate(_SEPARATORS).translate(_CONFUSABLES)
    # "rn" reads as "m", "vv" as "w" at a glance.
    return key.replace("rn", "m").replace("vv", "w")
