"""Crisis screening, one principle at a time: a danger phrase counts only when the sentence is
about the writer or someone near them, now."""

import pytest

from text.screening import (
    CRISIS_KINDS,
    KIND_PRIORITY,
    CrisisResult,
    register_term_source,
    screen_crisis,
    unregister_term_source,
)


def crisis_kind(text):
    result = screen_crisis(text)
    return result.kind if result.is_crisis else None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I want to kill myself tonight", "suicide"),
        ("i think about ending my life every night", "suicide"),
        ("I cut myself again last night and it won't stop", "self_harm"),
        ("just took 30 of my sleeping pills", "overdose"),
        ("My dad isn't breathing, the ambulance is coming", "medical_emergency"),
        ("I'm having crushing chest pain right now", "medical_emergency"),
        ("mum's face is drooping and she's slurring her words", "medical_emergency"),
        ("he threatened to kill me tonight and he's outside the door", "abuse"),
    ],
)
def test_each_kind_of_present_danger_is_caught(text, kind):
    assert crisis_kind(text) == kind


def test_the_result_points_at_the_words_that_triggered_it():
    text = "Sorry for the long post. I want to kill myself tonight."
    result = screen_crisis(text)
    assert result == CrisisResult(True, "suicide", result.spans)
    assert [text[start:end] for start, end in result.spans] == ["kill myself"]


def test_spans_are_offsets_in_the_original_text_even_with_curly_quotes_and_capitals():
    text = "\u201cfine\u201d, I said. BUT I\u2019M GOING TO END IT ALL"
    result = screen_crisis(text)
    assert result.is_crisis
    assert "end it all" in [text[s:e].lower() for s, e in result.spans]


def test_nothing_to_screen_is_not_a_crisis():
    assert screen_crisis("") == CrisisResult(False)
    assert screen_crisis("Had my blood test today, cholesterol is 5.2.") == CrisisResult(False)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just tired",
        "No chest pain, just a fluttering now and then.",
        "I would never hurt myself, but the low mood is heavy",
        "I don't have any thoughts of self-harm",
    ],
)
def test_negation_before_the_danger_undoes_it(text):
    assert crisis_kind(text) is None


def test_a_phrase_that_carries_its_own_negation_still_counts():
    assert crisis_kind("I don't want to live anymore") == "suicide"
    assert crisis_kind("my husband isn't breathing") == "medical_emergency"


@pytest.mark.parametrize(
    "text",
    [
        "My father died of an overdose in 2015",
        "I was suicidal as a teenager but I'm well now",
        "When I was 16 I cut myself",
        "My mum had a stroke three years ago and recovered",
        "My ex used to hit me, but I left him years ago",
    ],
)
def test_the_past_is_not_a_crisis_now(text):
    assert crisis_kind(text) is None


def test_a_recent_event_beside_an_old_one_is_still_a_crisis():
    assert crisis_kind("I overdosed years ago and I just took 30 pills again") == "overdose"
    assert crisis_kind("I tried to kill myself last night") == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "The trial excluded people with suicidal thoughts",
        "Overdose deaths rose by 20% according to the data",
        "Participants with a history of self-harm were not enrolled in the study",
    ],
)
def test_research_framing_is_not_a_crisis(text):
    assert crisis_kind(text) is None


def test_a_first_person_intent_survives_a_research_word_in_the_sentence():
    assert crisis_kind("That article about the trial makes me want to kill myself") == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "If I ever felt suicidal on this drug, who should I call?",
        "What if someone takes too many of these tablets by accident?",
        "In my novel the main character overdoses",
    ],
)
def test_hypotheticals_are_not_a_crisis(text):
    assert crisis_kind(text) is None


def test_a_threat_in_the_main_clause_of_a_condition_is_a_crisis():
    assert crisis_kind("If he leaves I'll kill myself, I mean it") == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        'My therapist asked "have you had thoughts of killing yourself?" and I said no.',
        "> I want to die, said the character",
        'The poster says "Chest pain? Call 999."',
    ],
)
def test_quotations_are_not_a_crisis(text):
    assert crisis_kind(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "What are the signs of a stroke?",
        "how do you know if chest pain is your heart or anxiety?",
        "Are suicidal thoughts a common side effect of isotretinoin?",
    ],
)
def test_questions_about_signs_are_not_a_crisis(text):
    assert crisis_kind(text) is None


def test_a_question_next_to_a_present_emergency_is_a_crisis():
    assert crisis_kind("is this a stroke? his face is drooping right now") == "medical_emergency"


def test_the_reported_words_of_someone_near_count_though_quoted():
    assert crisis_kind('my son texted me "I want to kill myself" and won\'t answer') == "suicide"
    assert crisis_kind('The poster says "I want to kill myself" is a cry for help') is None


def test_a_death_is_grief_not_a_crisis_to_act_on():
    assert crisis_kind("My son died of an overdose last night") is None
    assert crisis_kind("I nearly died last night, I took all my tablets") == "overdose"


def test_someone_near_the_writer_counts():
    assert crisis_kind("My brother says he wants to kill himself") == "suicide"
    assert crisis_kind("my daughter is cutting herself right now") == "self_harm"


def test_someone_far_from_the_writer_does_not():
    assert crisis_kind("Patients sometimes tell me they want to kill themselves.") is None
    assert crisis_kind("Chest pain is a common reason people visit A&E") is None


def test_idioms_and_hyperbole_are_not_violence():
    assert crisis_kind("My mum is going to kill me when she sees the biscuits") is None
    assert crisis_kind("My wife beat me at chess again") is None
    assert crisis_kind("He hit me with the news that he's retiring") is None


def test_a_symptom_that_comes_and_goes_is_not_an_emergency_now():
    assert crisis_kind("I get chest pain sometimes after a big meal, is that reflux?") is None
    assert crisis_kind("Chest pain since this morning, getting worse") == "medical_emergency"


def test_the_kind_named_most_wins_and_a_tie_goes_to_the_one_needing_an_ambulance_first():
    assert crisis_kind("I want to die, I want to kill myself, I took all my pills") == "suicide"
    # one overdose and one suicide phrase: pills already taken come first
    assert crisis_kind("I took all my pills tonight because I want to die") == "overdose"
    assert KIND_PRIORITY[0] == "overdose" and set(KIND_PRIORITY) == set(CRISIS_KINDS)


@pytest.fixture
def moderator_terms():
    terms = []

    def source():
        return terms

    register_term_source(source)
    yield terms
    unregister_term_source(source)


def test_moderators_can_add_a_danger_phrase_without_code(moderator_terms):
    text = "i'm going to do the thing with the rope tonight"
    assert crisis_kind(text) is None
    moderator_terms.append(("suicide", "thing with the rope"))
    assert crisis_kind(text) == "suicide"


def test_a_moderator_phrase_gets_the_same_context_rules(moderator_terms):
    moderator_terms.append(("self_harm", "skin pick*"))
    assert crisis_kind("I started skin picking again tonight") == "self_harm"
    assert crisis_kind("I'm not skin picking any more") is None
    assert crisis_kind("The study measured skin picking in teens") is None


def test_a_broken_term_source_entry_is_ignored(moderator_terms):
    moderator_terms.extend([("suicide", ""), (None, "x"), ("suicide", None)])
    assert crisis_kind("I want to kill myself") == "suicide"
