"""Word frequencies (wordfreq): is this a word, what might a cut-off word have been, and which
language does a short Latin-script line read as.

The lists load once per process, on first use (about half a second for English), and then
every look-up is a dictionary read: the gate itself never tokenizes with wordfreq.
"""

import bisect
import math
from functools import cache

# Latin-script languages a pipeline's boilerplate realistically comes in, compared with the
# item's own language word by word.
LATIN_LANGUAGES = (
    "en", "es", "de", "fr", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "hu",
    "ro", "tr", "id", "ms", "vi", "ca", "hr", "sl", "lt", "lv", "fil",
)  # fmt: skip
COMMON = 3.0  # Zipf 3: about once per million words — a word any reader knows


@cache
def _frequencies(language: str) -> dict[str, float]:
    # English, the site's language, gets the long list (cut words are judged against it);
    # other languages their short lists of common words: a few MB each, not tens.
    # Imported here, with the lists: wordfreq (with regex, langcodes, msgpack) costs every web
    # worker about 6 MiB at start-up, and only importing and publishing run the gate.
    # (A third-party module: no import cycle.)
    from wordfreq import available_languages, get_frequency_dict  # noqa: PLC0415

    wordlist = "best" if language == "en" else "small"
    if language not in available_languages(wordlist):
        return {}
    return get_frequency_dict(language, wordlist=wordlist)


def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf scale: 0 unknown, 3 once per million words, 7 for "the"."""
    frequency = _frequencies(language).get(word.lower())
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


@cache
def _common_sorted(language: str) -> tuple[list[str], list[float]]:
    threshold = 10 ** (COMMON - 9)
    pairs = sorted((w, f) for w, f in _frequencies(language).items() if f >= threshold)
    return [w for w, _ in pairs], [math.log10(f) + 9 for _, f in pairs]


def best_completion(prefix: str, language: str = "en") -> tuple[str, float]:
    """The most frequent common word that starts with `prefix` and is longer than it."""
    words, scores = _common_sorted(language)
    prefix = prefix.lower()
    start = bisect.bisect_right(words, prefix)
    end = bisect.bisect_left(words, prefix + "\uffff", lo=start)
    if start >= end:
        return "", 0.0
    best = max(range(start, end), key=scores.__getitem__)
    return words[best], round(scores[best], 2)


def has_words(language: str) -> bool:
    return bool(_frequencies(language))


def compound_zipf(word: str, language: str) -> float:
    """A word the list lacks may be two common words run together ("Bildquelle" = Bild +
    Quelle, as German, Dutch and the Nordic languages write them): the rarer half's Zipf,
    less one for the doubt."""
    found = zipf(word, language)
    if found or len(word) < 8:
        return found
    best = max(
        min(zipf(word[:cut], language), zipf(word[cut:], language))
        for cut in range(3, len(word) - 2)
    )
    return max(0.0, best - 1.0) if best >= COMMON else 0.0


def language_scores(words: list[str], candidates=LATIN_LANGUAGES) -> dict[str, float]:
    """How well each language explains these words: the sum of their Zipf frequencies."""
    return {lang: sum(compound_zipf(word, lang) for word in words) for lang in candidates}
