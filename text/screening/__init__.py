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
This package is on the ground floor: it imports no project app, only the standard library,
Django's utilities and `phonenumbers`. It never logs the text it reads.

Layout: `crisis.py` and `identifiers.py` hold the two screens; `_crisis_lexicon.py`,
`_composition.py`, `_signals.py` and `_context.py` the crisis screen's phrases, compositional
frames, co-occurring signals (read when the first two find nothing) and context rules;
`_learned.py` the learned layer read when the rules find nothing (weights in
`learned_model.json`, retrained by `python -m text.screening.learned_training --write`);
`terms.py` the moderator hook; `_gate.py` the shared text helpers. Imports point one way:
`__init__` -> screens -> lexicons/context -> terms -> _gate.
"""

from .crisis import KIND_PRIORITY, CrisisResult, screen_crisis
from .identifiers import IdentifierMatch, nhs_number_is_valid, screen_identifiers
from .kinds import CRISIS_KINDS, IDENTIFIER_KINDS, PUBLIC_KIND
from .terms import ExtraTerm, register_term_source, unregister_term_source

__all__ = [
    "CRISIS_KINDS",
    "IDENTIFIER_KINDS",
    "KIND_PRIORITY",
    "PUBLIC_KIND",
    "CrisisResult",
    "ExtraTerm",
    "IdentifierMatch",
    "nhs_number_is_valid",
    "register_term_source",
    "screen_crisis",
    "screen_identifiers",
    "unregister_term_source",
]
