"""Each principle the gate's second round added, shown both ways: the defect it names and the
hard negative that shares its words but not its shape."""

import pytest

from articles.pipeline.quality import (
    BODY,
    CREDIT,
    NAME,
    PLAIN,
    POINT,
    PROSE,
    PUBLISHER,
    TITLE,
    Text,
    inspect,
)


def kinds_of(value, role=PROSE, path="summary"):
    return {f.kind for f in inspect([Text(path, value, role)]).findings}


@pytest.mark.parametrize(
    "value",
    [
        # the order's object is before the colon; what follows is the material
        "Rewrite the following for a general audience: a low-salt diet lowered pressure.",
        "Do not mention the sponsor by name. The injection halved LDL cholesterol.",
        "Remember to include a disclaimer that this is not medical advice.",
        "Yes, in most cases. (Link to the NHS page on this.)",
        "(Ask Dr Osei to confirm the dose) Most adults take 500 mg twice a day.",
        "Write a 150-word commentary from a cardiologist's point of view.",
        "Insert third takeaway",
        "Answer to be drafted by Dr Ali.",
        "Source needed for the 40% figure",
        "Please double-check the dosage figures before this goes live.",
        "Infection fell to X.X per 1,000 catheter days.",
        "Blurb for this section - one line, friendly tone, no jargon.",
        "Clinicians should weigh the cost. <!-- add a sentence about rural access -->",
    ],
)
def test_orders_to_the_writer_and_unfilled_slots_are_leaked_instructions(value):
    assert "leaked_instruction" in kinds_of(value)


@pytest.mark.parametrize(
    "value",
    ["SOURCE_NAME", "%CREDENTIALS%", "[[REFERENCE_1]]", "Credit: $PHOTOGRAPHER"],
)
def test_template_variables_of_every_syntax_are_slots(value):
    assert "leaked_instruction" in kinds_of(value, CREDIT, "image.credit")


@pytest.mark.parametrize(
    "value",
    [
        "Participants were asked to insert a small glucose sensor under the skin of the arm.",
        "Yes, but ask your pharmacist before combining it with ibuprofen.",
        "(Check with your doctor first.) Most adults can take it with food.",
        "The trial used a TK inhibitor, imatinib, at a lower dose than usual.",
        "Men with an extra X chromosome (XXY) had lower bone density; XX cells were compared.",
        "Don't expect miracles: the average benefit was two points on a 30-point scale.",
        "Nurses had to add a note to each chart and send a urine sample to the lab.",
        "Short, cheap and safe: a text-message reminder doubled vaccine uptake.",
    ],
)
def test_reported_instructions_and_advice_to_readers_are_clean(value):
    assert kinds_of(value) == set()


@pytest.mark.parametrize(
    "value",
    [
        "I'd need to know which medicine your readers are asking about before I can answer.",
        "I've left this takeaway general because the source only mentioned the headline.",
        "Great, thanks for the extra context! Based on that, here's a revised commentary: ok.",
        "Of course! The study looked at 600 adults with back pain.",
        "Would a more neutral dek work better for you?",
        "I'm afraid I can't write a dek for a study I haven't seen.",
        "[Unable to generate title: input missing]",
        "Please share a few sentences on this section and I will write the blurb.",
        "I don't have access to the full trial report, so I can't say whether it helped.",
    ],
)
def test_replies_to_the_commissioner_are_assistant_voice(value):
    assert "ai_refusal" in kinds_of(value)


@pytest.mark.parametrize(
    "value",
    [
        "When patients ask me about this, I tell them the benefit is real but small.",
        "If you would like help deciding, book a review with your GP.",
        "The authors say they were unable to follow up a fifth of participants.",
        "Of course, not every patient will respond to the drug.",
        "I would not change practice yet; I'd tell patients to wait for longer trials.",
    ],
)
def test_a_clinician_speaking_and_advice_to_patients_are_not_assistant_voice(value):
    assert kinds_of(value) == set()


@pytest.mark.parametrize(
    ("value", "role", "path"),
    [
        ("A nurse checking the blood pressure of an elderly", PLAIN, "image.alt"),
        ("Why some antidepressants cause weight gain, and what", TITLE, "title"),
        ("Patients were more likely to stay on the new", POINT, "key_takeaways.0"),
    ],
)
def test_a_modifier_left_without_its_noun_is_a_cut(value, role, path):
    assert "truncated" in kinds_of(value, role, path)


@pytest.mark.parametrize(
    ("value", "role", "path"),
    [
        ("Two fewer migraine days a month", POINT, "key_takeaways.0"),
        ("Statins: who benefits, and why", TITLE, "title"),
        ("Care of the elderly", TITLE, "title"),
        ("How long do the side effects last", TITLE, "faq.0.question"),
    ],
)
def test_finished_phrases_are_not_cuts(value, role, path):
    assert kinds_of(value, role, path) == set()


def test_a_field_of_marks_only_is_empty_and_a_short_real_one_is_not():
    assert kinds_of("•", POINT, "key_takeaways.0") == {"empty_section"}
    assert kinds_of("Fewer falls", POINT, "key_takeaways.0") == set()


def test_alt_text_in_another_language_is_foreign_and_names_in_it_are_not():
    spanish = "Una enfermera toma la presión arterial a un paciente mayor"
    assert kinds_of(spanish, PLAIN, "image.alt") == {"foreign_boilerplate"}
    assert kinds_of("Nurse Trần Văn Bình adjusts an infusion pump", PLAIN, "image.alt") == set()


def test_a_foreign_label_before_a_publisher_is_boilerplate_but_a_foreign_name_is_not():
    assert kinds_of("Quelle: Deutsches Ärzteblatt", PUBLISHER, "source.publisher") == {
        "foreign_boilerplate"
    }
    assert kinds_of("Deutsches Ärzteblatt", PUBLISHER, "source.publisher") == set()
    assert kinds_of("Dr. Ngô Bảo Châu", NAME, "commentary.clinician.name") == set()


def test_an_editorial_label_is_one_instruction_not_also_a_foreign_line():
    assert kinds_of("Lede: punchy, one sentence, mention the 30% figure", POINT, "dek") == {
        "leaked_instruction"
    }


@pytest.mark.parametrize(
    "value",
    [
        "Unfortunately, there is no study attached, so I have nothing to summarise yet.",
        "As requested, a short clinician commentary follows. The effect was modest.",
        "Apologies, the dek I wrote earlier had the wrong figure; this one is correct.",
        "If this is too long I can cut it down to a single line.",
        "Regrettably the PDF you uploaded would not open, so I could not extract the findings.",
        "Can't produce a headline — the brief is empty",
        "(I've kept this one short, as you asked.)",
        "AI-generated from partial input; the model did not have the full article.",
        "Feel free to edit this commentary however you see fit.",
        "Working from your notes alone, the trial seems to show fewer falls.",
    ],
)
def test_more_replies_found_by_who_they_speak_to(value):
    assert "ai_refusal" in kinds_of(value)


@pytest.mark.parametrize(
    "value",
    [
        "Needs a stronger ending - maybe a line about what GPs should tell patients.",
        "Avoid saying 'breakthrough'. The trial did show a clear drop in relapse.",
        "Around 30 words, active voice, mention the sample size",
        "Mortality fell from X% to Y% in the intervention group.",
        "Shorten this to fit the box. Most patients tolerated the drug well.",
        "Headline: to be agreed with the desk",
        "NB for editor: the figures below are from the press release.",
        "Add the DOI for the BMJ paper",
    ],
)
def test_more_orders_and_slots(value):
    assert "leaked_instruction" in kinds_of(value)


@pytest.mark.parametrize(
    "value",
    [
        "Unfortunately, I cannot recommend this supplement to my patients until there is a trial.",
        "Please provide your pharmacist with a list of everything you take, including supplements.",
        "Don't expect miracles: the average benefit was small.",
        "If you would like to discuss this, your GP can review your medicines with you.",
        "Ask about a medication review if you take five or more medicines.",
    ],
)
def test_their_hard_negatives_stay_clean(value):
    assert kinds_of(value) == set()


def test_a_field_holding_its_own_name_in_capitals_is_a_slot_and_an_acronym_is_not():
    assert kinds_of("PUBLISHER", PUBLISHER, "source.publisher") == {"leaked_instruction"}
    assert kinds_of("BMJ", PUBLISHER, "source.publisher") == set()


def test_references_alone_on_its_line_with_nothing_under_it_is_empty():
    body = "Sleep improved.\n\nReferences\n\n## About the author\n\nDr Ng is a sleep specialist."
    assert "empty_section" in kinds_of(body, BODY, "body")
