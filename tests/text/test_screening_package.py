"""The screening package keeps the public API of the single module it replaced: the forum, ask
the doctor and the import write `from text.screening import ...` and must not notice the split."""

import importlib

import text.screening

PUBLIC_API = {
    "screen_crisis",
    "CrisisResult",
    "CRISIS_KINDS",
    "KIND_PRIORITY",
    "screen_identifiers",
    "IdentifierMatch",
    "IDENTIFIER_KINDS",
    "register_term_source",
    "unregister_term_source",
    "ExtraTerm",
    "PUBLIC_KIND",
    "nhs_number_is_valid",
}


def test_the_package_exports_exactly_the_public_api():
    assert set(text.screening.__all__) == PUBLIC_API
    for name in PUBLIC_API:
        assert getattr(text.screening, name) is not None


def test_the_exports_are_the_objects_the_screens_use():
    from text.screening import crisis, identifiers, kinds, terms

    assert text.screening.screen_crisis is crisis.screen_crisis
    assert text.screening.screen_identifiers is identifiers.screen_identifiers
    assert text.screening.register_term_source is terms.register_term_source
    assert text.screening.CRISIS_KINDS is kinds.CRISIS_KINDS


def test_each_submodule_imports_on_its_own():
    for name in (
        "_gate",
        "kinds",
        "terms",
        "_crisis_lexicon",
        "_composition",
        "_signals",
        "_context",
        "crisis",
        "identifiers",
    ):
        importlib.import_module(f"text.screening.{name}")
