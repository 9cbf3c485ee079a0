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
    ("suicide", "gonna end it all tn"),
    ("suicide", "i wish i was never born, tonight im taking all my sleeping pills"),
    (
        "suicide",
        "My mother (87) keeps saying she wants to go to sleep and not wake up, she stopped eating",
    ),
    ("suicide", "Ive got a bottle of vodka and my nans tablets and im going to take them all"),
    ("suicide", "i can't go on like this, i'm going to drive into a wall"),
    ("suicide", "He says he's going to shoot himself, he has a shotgun in the house"),
    ("suicide", "I have been hoarding my pregabalin for weeks"),
    ("suicide", "nobody would miss me if i died tonight"),
    ("suicide", "I'm scared of what I might do to myself tonight"),
    ("suicide", "i dont trust myself to be alone tonight"),
    ("suicide", "I'm going to OD tonight"),
    ("self_harm", "I've been picking at my skin until it bleeds"),
    ("self_harm", "burning myself with cigarettes again"),
    ("self_harm", "I slammed my hand in the door on purpose to feel something"),
    ("self_harm", "i punched the wall till my knuckles bled just now"),
    ("overdose", "I just took my whole prescription"),
    ("overdose", "swallowed a bottle of my anti-depressants"),
    ("overdose", "accidentally gave my baby a double dose of calpol an hour ago"),
    ("overdose", "she's taken 3 days worth of tablets at once"),
    ("overdose", "Took way too much fentanyl, can't feel my legs"),
    ("medical_emergency", "my dad is grey and sweating and says his chest is crushing"),
    ("medical_emergency", "my wife fainted and her lips are blue"),
    ("medical_emergency", "he's fitting and won't stop"),
    ("medical_emergency", "I think I'm having an allergic reaction, my tongue is swelling"),
    ("medical_emergency", "my friend's breathing is really slow and she won't wake up"),
    ("medical_emergency", "he's been stabbed and is bleeding heavily"),
    ("abuse", "my partner forced me to have sex last night"),
    ("abuse", "she threatened to stab me if I leave"),
    ("abuse", "my boyfriend grabbed me by the throat tonight"),
    ("abuse", "dad comes into my room at night and touches me"),
    ("abuse", "I'm being beaten by my husband"),
    ("abuse", "my son takes my pension and shoves me around"),
    ("abuse", "my uncle has been sexually abusing me"),
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
    "I took 3 tablets today as prescribed",
    "my husband hit the roof when he saw the bill",
    "the drug kills cancer cells",
    "we're going to jump on the trampoline",
    "I want to kill the weeds in my garden",
    "I'm going to cut down on sugar",
    "I need to cut my toenails",
    "I swallowed my pride and called the GP",
    "took a whole day off work",
    "she was choking up at the wedding",
    "I was unconscious during the operation, obviously",
    "chest infection again, on antibiotics",
    "my partner grabbed me a coffee",
    "he forced me to go to the doctor and I'm glad",
    "I'm scared of needles",
    "I hate myself for eating that cake",
    "I feel like dying when I look at my exam results lol",
    "my phone is dying",
    "I'm going to the bridge club tonight",
    "I slammed my hand in the car door by accident",
    "took a handful of nuts before the run",
    "I want to disappear under a blanket and watch films",
    "my grandad hit his head on the cupboard",
    "how long does it take for an overdose of paracetamol to damage the liver?",
    "my daughter wants to be a nurse so she can help people who self-harm",
    "i hope i die before i get old is a great lyric",
    "my mum said she would kill me if I got a tattoo",
    "I'd kill to have her energy at 80",
    "this job will be the death of me",
    "we're dead set on moving",
    "I'm going to end it with my boyfriend",
    "we ended things last month and it's for the best",
    "I think about death a lot since my dad's diagnosis, it's normal grief my counsellor says",
    "My husband fell asleep on the sofa and won't wake up for anything lol",
    "my son punched the wall when he lost the game, he's fine",
    "she burned herself on the kettle",
]


@pytest.mark.parametrize(("kind", "text"), NEW_WORDING)
def test_new_wording_is_caught_by_its_parts(kind, text):
    result = screen_crisis(text)
    assert result.is_crisis, text
    # A plan told in the present ("tonight I'm taking all my pills") may read as an overdose
    # taken; either way the page shows crisis resources.
    assert result.kind == kind or {result.kind, kind} == {"suicide", "overdose"}


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
