"""The quality gate names every defect, with the field and the exact text, and never cries wolf."""

import json
from pathlib import Path

import pytest

from articles.pipeline import quality
from articles.pipeline.quality import BODY, CREDIT, POINT, PROSE, Text, inspect

FIXTURES = Path(__file__).parent / "fixtures"


def items():
    return json.loads((FIXTURES / "pipeline-items.json").read_text())


def kinds(result):
    return {(f.field, f.kind) for f in result.findings}


def prose(value, path="summary"):
    return inspect([Text(path, value, PROSE)])


# --- the two fixture items (same structure as the pipeline's example-items.json) -----------


def test_the_clean_fixture_item_has_no_findings():
    result = inspect(quality.texts_of_payload(items()[0]))
    assert result.findings == []
    assert result.repaired == {}


def test_every_defect_in_the_defective_fixture_item_is_named_with_its_field_and_text():
    result = inspect(quality.texts_of_payload(items()[1]))
    found = {(f.field, f.kind, f.excerpt) for f in result.findings}
    assert found == {
        ("summary", "ai_refusal", "I'm sorry, but I can't access the link you shared."),
        ("commentary.text", "mojibake", "riskโand"),
        (
            "commentary.text",
            "truncated",
            "before a first dose, especially if they take stimul",
        ),
        ("body", "leaked_instruction", "[Insert a paragraph on upcoming guidelines]"),
        (
            "body",
            "leaked_instruction",
            "Add 3-4 supporting citation links drawn from the story above:",
        ),
        ("body", "empty_section", "## Who was left out"),
        ("source.publisher", "missing_required", "   "),
        ("image.credit", "foreign_boilerplate", "圖片來源：Unsplash"),
        ("key_takeaways.0", "mojibake", "๐ Blood"),
        ("key_takeaways.1", "mojibake", "donâ€™t-miss"),
        ("key_takeaways.2", "empty_section", ""),
        ("faq.0.answer", "empty_section", "N/A"),
        ("references.0.title", "leaked_instruction", "[Insert reference title]"),
    }


def test_repairable_mojibake_is_repaired_recorded_and_does_not_block():
    result = inspect(quality.texts_of_payload(items()[1]))
    repair = next(f for f in result.findings if f.field == "key_takeaways.1")
    assert repair.blocking is False
    assert repair.repair == "don’t-miss"
    assert result.repaired["key_takeaways.1"] == (
        "The registry included don’t-miss cases from 40 clinics."
    )
    lost = next(f for f in result.findings if f.field == "key_takeaways.0")
    assert lost.blocking is True


# --- clean text that a careless gate would flag ---------------------------------------------

CLEAN_PROSE = [
    "The effect was modest — about a 10% drop — and faded by week twelve.",
    "She called it “the first good night in years.”",
    "\"I'm sorry, I can't remember the last time I slept through,\" one participant said.",
    "One caregiver wrote: “Sorry, but I can't watch him suffer like this any more.”",
    "> I can't explain it. Sorry if that sounds vague.\n\nQuotes like this were common.",
    "These findings echo an earlier trial (Nguyen et al.).",
    "The protocol followed Hart et al.",
    "Doses <5 mg were ineffective, while doses >20 mg caused nausea.",
    "Patients with eGFR < 30 mL/min were excluded; those with HbA1c > 8% were included.",
    "Levels of α-synuclein and β-amyloid were measured at baseline.",
    "Read the full protocol at https://example.com/protocol",
    "Please provide your pharmacist with a list of everything you take.",
    "If you can't sleep, tell your clinician; sorry is not needed.",
    "Café owners in São Paulo and Zürich took part, along with naïve participants.",
    "The dose was 2.5 µg/kg… and nobody needed rescue medication!",
    "Results are described in the [trial registry](https://example.com/trial).",
    "Participants were aged 18–65 (median 41).",
    "Write down your questions before the appointment.",
    "Is this for me? Ask your own care team.",
    "A study in 2024 found the same; this one adds *longer follow-up*.",
    "The authors list three limitations:\n\n- small sample\n- no control group\n- short follow-up",
]


@pytest.mark.parametrize("text", CLEAN_PROSE)
def test_clean_prose_has_no_findings(text):
    assert prose(text).findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Unsplash",
        "Illustration by Mara Lind for Clinical Context",
        "Image: courtesy of the research team",
    ],
)
def test_english_credit_lines_are_clean(text):
    assert inspect([Text("image.credit", text, CREDIT)]).findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Relief began within days",
        "No placebo group",
        "Doses ≥ 1 g were not tested.",
        "Side effects: nausea, headache",
    ],
)
def test_takeaways_without_a_full_stop_are_not_truncated(text):
    assert inspect([Text("key_takeaways.0", text, POINT)]).findings == []


def test_a_body_with_sub_sections_and_code_is_clean():
    body = (
        "## Background\n\n### The first trial\n\nIt enrolled 30 people.\n\n"
        "## Dosing\n\n```\n## not a heading\n```\n\nThat is all."
    )
    assert inspect([Text("body", body, BODY)]).findings == []


def test_a_non_english_item_is_not_flagged_for_its_own_script():
    texts = [
        Text("summary", "研究人员发现，这种药物可以改善睡眠质量。", PROSE),
        Text("image.credit", "图片来源：研究团队", CREDIT),
    ]
    assert kinds(inspect(texts)) == set()


def test_a_thai_item_is_not_flagged_as_mojibake():
    texts = [Text("summary", "นักวิจัยพบว่ายานี้ช่วยให้นอนหลับดีขึ้น", PROSE)]
    assert inspect(texts).findings == []


# --- defects, one kind at a time -------------------------------------------------------------

REFUSALS = [
    (
        "Sorry, but there is no article text in your message. Paste it and I will help.",
        "Sorry, but there is no article text in your message.",
    ),
    ("I don't see a summary provided in your request.", None),
    ("Please provide the summary you would like me to rewrite.", None),
    ("I'm unable to access external links, so I cannot read the study.", None),
    ("As an AI language model, I cannot give medical advice.", None),
    ("Certainly! Here is a short overview of the findings.", None),
    (
        "Could you share the full article text? Then I can draft the commentary.",
        "Could you share the full article text?",
    ),
    ("I apologize, but I can't browse the web page you mentioned.", None),
    ("Without the original article, I cannot write an accurate summary.", None),
    ("There was no text provided to summarize.", None),
]


@pytest.mark.parametrize(("text", "excerpt"), REFUSALS)
def test_an_ai_assistants_reply_is_flagged_once_with_its_sentence(text, excerpt):
    result = prose(text)
    assert [(f.field, f.kind) for f in result.findings] == [("summary", "ai_refusal")]
    assert result.findings[0].excerpt == (excerpt or text)
    assert result.findings[0].excerpt in text
    assert result.findings[0].blocking


def test_an_ai_reply_inside_a_longer_commentary_is_found():
    text = (
        "Sleep matters in depression. I'm sorry, but I can't open the link you sent. "
        "Clinicians should ask about it."
    )
    result = prose(text, path="commentary.text")
    assert kinds(result) == {("commentary.text", "ai_refusal")}
    assert result.findings[0].excerpt == "I'm sorry, but I can't open the link you sent."


INSTRUCTIONS = [
    ("Add 3-4 supporting citation links drawn from the story above:", None),
    ("The drug works. [Insert headline here]", "[Insert headline here]"),
    ("Results were {{ result_summary }} overall.", "{{ result_summary }}"),
    ("Written by {author_name} for the desk.", "{author_name}"),
    ("TODO: add the trial's registration number", None),
    ("Note to writer: keep this under 80 words.", None),
    ("Dosing was <insert dose here> daily.", "<insert dose here>"),
    ("It helped. [Your conclusion]", "[Your conclusion]"),
    ("List 3 to 5 key takeaways for readers:", None),
]


@pytest.mark.parametrize(("text", "excerpt"), INSTRUCTIONS)
def test_instructions_to_the_writer_and_placeholders_are_flagged(text, excerpt):
    result = prose(text)
    leaked = [f for f in result.findings if f.kind == "leaked_instruction"]
    assert len(leaked) == 1
    assert leaked[0].excerpt == (excerpt or text)


def test_cp1252_mojibake_is_repaired_and_recorded():
    result = prose("The effect lasted weeksâ€”not days.")
    assert result.repaired == {"summary": "The effect lasted weeks—not days."}
    (finding,) = result.findings
    assert (finding.kind, finding.excerpt, finding.repair, finding.blocking) == (
        "mojibake",
        "weeksâ€”not",
        "weeks—not",
        False,
    )


def test_latin1_mojibake_is_repaired():
    result = prose("Participants in MÃ¼nchen reported fewer side effects.")
    assert result.repaired["summary"] == "Participants in München reported fewer side effects."


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Relief came fastโwithin a day.", "fastโwithin"),
        ("Great news for patients ๐", "patients ๐"),
        ("A lost character � here.", "character �"),
    ],
)
def test_lost_bytes_are_flagged_as_blocking_mojibake(text, excerpt):
    result = prose(text)
    (finding,) = result.findings
    assert (finding.kind, finding.excerpt, finding.blocking) == ("mojibake", excerpt, True)


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "Most of the patients in the study preferred the lower dose rather than unreg",
            "in the study preferred the lower dose rather than unreg",
        ),
        ("The trial will continue, and", "The trial will continue, and"),
        ("Side effects included nausea,", "Side effects included nausea,"),
    ],
)
def test_text_cut_off_is_flagged(text, excerpt):
    result = prose(text)
    (finding,) = result.findings
    assert (finding.kind, finding.excerpt) == ("truncated", excerpt)


def test_a_dangling_takeaway_is_flagged_as_truncated():
    result = inspect([Text("key_takeaways.1", "Most participants improved compared with", POINT)])
    assert kinds(result) == {("key_takeaways.1", "truncated")}


def test_empty_headings_are_flagged_one_by_one():
    body = "## Method\n\nTwelve adults.\n\n## FAQ\n\n## Limits\n\nN/A\n\n## End\n\nDone."
    result = inspect([Text("body", body, BODY)])
    assert [(f.kind, f.excerpt) for f in result.findings] == [
        ("empty_section", "## FAQ"),
        ("empty_section", "## Limits"),
    ]


@pytest.mark.parametrize(
    "credit", ["画像提供：Unsplash", "Фото: Unsplash", "Foto: Unsplash", "Fuente: Reuters"]
)
def test_credit_lines_in_another_language_are_flagged(credit):
    result = inspect([Text("image.credit", credit, CREDIT)])
    assert [(f.kind, f.excerpt) for f in result.findings] == [("foreign_boilerplate", credit)]


def test_a_foreign_boilerplate_line_at_the_end_of_the_body_is_flagged():
    body = "## Findings\n\nIt worked for some.\n\n*圖片來源：Unsplash*"
    result = inspect([Text("body", body, BODY)])
    assert ("body", "foreign_boilerplate") in kinds(result)


@pytest.mark.parametrize("blank", ["", "   ", "N/A", "…", "TBD"])
def test_a_blank_required_part_is_missing(blank):
    result = inspect([Text("commentary.text", blank, PROSE, required=True)])
    assert [(f.field, f.kind) for f in result.findings] == [("commentary.text", "missing_required")]


def test_an_absent_required_part_is_missing_but_an_absent_optional_one_is_fine():
    item = items()[0]
    del item["summary"]
    del item["dek"]
    del item["body"]
    result = inspect(quality.texts_of_payload(item))
    assert kinds(result) == {("summary", "missing_required")}


# --- mojibake by the code page's arithmetic --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Lead author Nguyá»…n Thá»‹ Lan.", "Lead author Nguyễn Thị Lan."),  # Vietnamese as cp1252
        ("It came in weeksโ€”not days.", "It came in weeks—not days."),  # whole, via cp874
        ("Seen in ÐŸÑ€Ð¸Ð²ÐµÑ‚ too.", "Seen in Привет too."),  # Cyrillic as cp1252
    ],
)
def test_mojibake_of_any_script_that_decodes_whole_is_repaired_without_blocking(text, repaired):
    result = prose(text)
    assert result.repaired["summary"] == repaired
    assert result.findings and not result.blocking


def test_chinese_read_as_cp1252_with_bytes_lost_blocks():
    result = inspect([Text("image.credit", "å›¾ç‰‡æ¥æºï¼šUnsplash", CREDIT)])
    assert [(f.kind, f.blocking) for f in result.findings] == [("mojibake", True)]


@pytest.mark.parametrize(
    "text",
    [
        "The study ran at Siriraj Hospital (โรงพยาบาลศิริราช) and Ramathibodi.",
        "The drug's Thai name, ยาแก้ปวด, is on the packet.",
        "Japanese patients received ベルソムラ at night.",
        "Dr. Nguyễn Thị Minh and Prof. Παπαδόπουλος led it; 研究人员 agreed.",
        "Café owners in Zürich said “naïve” was the word — résumé—a detail.",
    ],
)
def test_real_text_in_other_scripts_is_never_mojibake(text):
    assert prose(text).findings == []


# --- the field's kind decides where it may end -------------------------------------------


@pytest.mark.parametrize(
    ("path", "role", "text", "cut"),
    [
        ("title", quality.TITLE, "Semaglutide shows promise for adolesc", True),
        ("title", quality.TITLE, "Semaglutide in adolescents with obesity", False),
        ("title", quality.TITLE, "Low-dose aspirin after 70: benefit or harm?", False),
        ("image.credit", CREDIT, "Photo: Centers for Disease Contr", True),
        ("image.credit", CREDIT, "Photograph: Jan Smit", False),
        ("commentary.clinician.name", quality.NAME, "Dr. Nguyễn Văn An", False),
        ("references.0.title", quality.REFERENCE, "Lee HJ, et al. Sleep. J Sleep Res. 20", True),
        (
            "references.0.title",
            quality.REFERENCE,
            "Lee HJ, et al. J Sleep Res. 2024;33:e14012.",
            False,
        ),
        ("references.0.title", quality.REFERENCE, "Okafor N. Salt. Lancet. 2023;11(4):", True),
    ],
)
def test_truncation_is_judged_by_the_fields_kind(path, role, text, cut):
    found = {f.kind for f in inspect([Text(path, text, role)]).findings}
    assert ("truncated" in found) is cut


# --- voice and orders: to whom the text is addressed --------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Note: I only had the press release to go on.", "ai_refusal"),
        ("I'd be glad to draft this once you send the full paper.", "ai_refusal"),
        ("It seems the pasted text cuts off halfway through the results.", "ai_refusal"),
        ("Make this sound warmer: the trial helped.", "leaked_instruction"),
        ("The effect was small. Add a quote from the lead author here.", "leaked_instruction"),
        ("[Editor: cut to 50 words] Most will not notice.", "leaked_instruction"),
        ("Patients were asked to stop caffeine a week before.", None),
        ("I tell my patients to read the full paper before deciding.", None),
        ("Make sure patients know the benefit took eight weeks.", None),
    ],
)
def test_assistant_voice_and_orders_to_the_writer_are_told_from_reported_speech(text, kind):
    found = {f.kind for f in prose(text, path="commentary.text").findings}
    assert found == ({kind} if kind else set())


@pytest.mark.parametrize(
    ("body", "cut"),
    [
        (
            "## References\n\n1. Lee HJ, et al. J Sleep Res. 2024;33:e14012.\n2. Okafor N, Mensah",
            True,
        ),
        ("## References\n\n- Okafor N, Mensah K. Salt and blood pressure. Lancet Glob Heal", True),
        ("## References\n\n1. Lee HJ, et al. J Sleep Res. 2024;33:e14012.", False),
    ],
)
def test_a_reference_list_in_the_body_cut_off_is_truncated(body, cut):
    found = {f.kind for f in inspect([Text("body", body, BODY)]).findings}
    assert ("truncated" in found) is cut


@pytest.mark.parametrize(
    ("path", "text", "kinds"),
    [
        ("summary", "As requested, here is a brief summary of the study.", {"ai_refusal"}),
        (
            "summary",
            "I've drafted the following summary based on the headline alone.",
            {"ai_refusal"},
        ),
        ("summary", "Unfortunately, the provided link appears to be broken.", {"ai_refusal"}),
        ("commentary.text", "I hope this commentary meets your needs.", {"ai_refusal"}),
        ("commentary.text", "Please note that I am not a doctor.", {"ai_refusal"}),
        ("summary", "Summary pending.", {"missing_required"}),
        ("image.credit", "Photo by ___", {"leaked_instruction"}),
        (
            "summary",
            "Researchers provided information to participants only after the trial.",
            set(),
        ),
        ("commentary.text", "I can only offer general advice here: see your own doctor.", set()),
    ],
)
def test_phrasings_outside_the_labelled_sets(path, text, kinds):
    from articles.pipeline import measure

    found = {f.kind for f in measure.findings_for({"field": path, "text": text, "kinds": []})}
    assert found == kinds
