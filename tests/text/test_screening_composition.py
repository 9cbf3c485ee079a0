"""The compositional layer: dangers found by their parts (a person, an intent or state frame,
a danger concept), in wording no phrase in the lexicon holds, and the idioms, accidents and
end-of-life wishes that share those parts without being a danger."""

import pytest

from text.screening import screen_crisis
from text.screening._composition import canonical, stem

NEW_WORDING = [
    ("suicide", "i wanna jump off the multi storey car park"),
    ("suicide", "been thinking bout ending my life alot"),
    ("suicide", "I've made up my mind to kill myself"),
    ("suicide", "she keeps saying she wants to die and she's bought a rope"),
    ("suicide", "im so tired i just want to not exist anymore"),
    ("suicide", "planning to step in front of a lorry on my way home"),
    ("suicide", "my husband told me he's going to hang himself"),
    ("suicide", "i am ready to die, everything is ready"),
    ("suicide", "I'm sucidal and I have the tablets lined up"),
    ("suicide", "can't stop thinking about throwing myself off the bridge"),
    ("self_harm", "I really want to burn myself with the iron tonight"),
    ("self_harm", "scratched my arms till they bled this morning"),
    ("self_harm", "gonna cut again tonight"),
    ("self_harm", "my son has been cutting his legs, I found fresh blood today"),
    ("overdose", "i swallowed fifty of my antidepressants"),
    ("overdose", "she has taken a whole packet of paracetemol an hour ago"),
    ("overdose", "Dad took all of his diazepam at once"),
    ("overdose", "took 14 of my lorazepam tablets, feeling drowsy"),
    ("medical_emergency", "my dad is struggling to breath and going grey"),
    ("medical_emergency", "my wife is unconcious on the floor"),
    ("medical_emergency", "his seizure has lasted more than 5 minutes now"),
    ("medical_emergency", "she's coughing up blood right now"),
    ("abuse", "my husband strangled me tonight"),
    ("abuse", "he slapped my son across the face and threatened to burn us"),
    ("abuse", "I'm terrified my partner is going to hurt me again tonight"),
]

HARD_NEGATIVES = [
    "this traffic is killing me",
    "I could kill for a coffee",
    "dying to see the results",
    "the suspense is killing me",
    "I'd rather die than miss it",
    "I'd rather die than go to that wedding",
    "I nearly died of embarrassment",
    "my back is killing me",
    "I'm dying to know what the consultant says",
    "my mum is going to kill me when she sees the bill",
    "Killing Me Softly is my favourite song",
    "we watched 'Die Hard' last night",
    "the film 'Suicide Squad' was awful",
    "I want to die peacefully at home when the time comes, not in hospital",
    "I'm scared I'm going to die in surgery",
    "what would happen if someone took 20 paracetamol?",
    "the study excluded participants who wanted to die",
    "when I was 15 I wanted to kill myself but I'm fine now",
    "I don't want to die, I want to get better",
    "he hit me with the bill",
    "she beat me at chess again",
    "my toddler bit me",
    "my son kicked me by accident",
    "I cut my hair again",
    "I burned my hand on the oven",
    "I took 2 ibuprofen",
    "I took a paracetamol for my headache",
    "keep the tablets out of reach of children",
    "I'm going to take all my tablets to the pharmacy for a review",
    "I want to end this diet",
    "I'm ready to give up smoking",
    "I want to disappear for a week to the beach",
    "how many tablets is an overdose?",
    "my grandma died peacefully last year",
    "the chest pain went away after an hour yesterday",
    "I'm on the roof of my house fixing the gutter",
    "I've decided to quit my job",
    "i'm dead tired",
    "my phone died",
    "I'm planning to jump in the pool",
    "we took the train over the bridge",
    "my dad used to hit me when I was a kid",
    "if I ever felt like ending it, who would I call?",
    "My therapist asked whether I'd ever thought of killing myself",
    "I'm killing it at work lol",
]


@pytest.mark.parametrize(("kind", "text"), NEW_WORDING)
def test_new_wording_is_caught_by_its_parts(kind, text):
    result = screen_crisis(text)
    assert result.is_crisis, text
    assert result.kind == kind


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_idioms_accidents_and_wishes_are_not_dangers(text):
    assert not screen_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("jumping", "jump"),
        ("jumped", "jump"),
        ("overdosed", "overdose"),
        ("overdosing", "overdose"),
        ("died", "die"),
        ("dying", "die"),
        ("took", "take"),
        ("cutting", "cut"),
        ("breathing", "breath"),
        ("strangled", "strangle"),
    ],
)
def test_the_stemmer_folds_inflections(written, same_as):
    assert stem(written) == stem(same_as)


@pytest.mark.parametrize(
    ("written", "canonical_form"),
    [
        ("wanna", "want to"),
        ("gonna", "go to"),
        ("cant", "can not"),
        ("sucidal", "suicidal"),
        ("paracetemol", "paracetamol"),
        ("acetaminophen", "paracetamol"),
        ("unconcious", "unconscious"),
        ("mum", "mother"),
        ("mom", "mother"),
    ],
)
def test_texting_forms_misspellings_and_variants_meet_one_form(written, canonical_form):
    assert canonical(written).text.rstrip(" |") == canonical(canonical_form).text.rstrip(" |")


def test_a_composed_danger_is_highlighted_in_the_original_text():
    text = "ok so. i wanna jump off the multi storey car park"
    start, end = screen_crisis(text).spans[0]
    assert text[start:end].startswith("wanna jump")


def test_the_context_rules_still_apply_to_composed_dangers():
    assert not screen_crisis(
        "The trial asked whether participants planned to jump off a bridge."
    ).is_crisis
    assert not screen_crisis("Years ago I was ready to jump off the bridge.").is_crisis
    assert not screen_crisis("What if someone wants to jump off a bridge, what do I say?").is_crisis
    assert screen_crisis("I'm ready to jump off the bridge tonight.").is_crisis
