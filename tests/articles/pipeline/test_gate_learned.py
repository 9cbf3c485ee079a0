"""The gate's learned layer: it reproduces from training, it is measured on sets it never saw
(through the same harness as the rules), and its findings say what they are."""

from articles.admin import ArticleAdmin
from articles.management.commands.train_gate import labelled_sets
from articles.pipeline import measure, quality, training
from articles.pipeline.checks import addressed
from articles.pipeline.models import QualityFinding

# Instructions the rules miss (written for blind_5, never tuned on by the rules).
UNSEEN_BY_RULES = {
    "field": "commentary.text",
    "text": "Drop the jargon in the last line. Patients on the drug had fewer flares.",
    "kinds": ["leaked_instruction"],
}


def test_the_shipped_weights_are_what_training_on_every_labelled_set_gives():
    sets = labelled_sets()
    retrained = training.dumps(training.train([e for entries in sets.values() for e in entries]))
    assert retrained == addressed.WEIGHTS.read_text(encoding="utf-8")


def test_on_a_set_it_never_saw_both_layers_find_more_than_the_rules_without_false_alarms():
    reports = training.leave_one_set_out(labelled_sets(), "blind_5.jsonl")
    rules, combined = reports["rules only"], reports["combined"]
    for layer, r in reports.items():
        print(layer, r.defective_found, r.defective, r.false_alarms, r.clean)
    assert combined.recall > rules.recall
    assert combined.false_alarm_rate <= 0.05, [a["text"] for a in combined.alarms]
    for kind in addressed.LEARNED_KINDS:
        assert combined.kinds[kind].recall >= rules.kinds[kind].recall


def test_the_learned_layer_only_adds_findings_to_what_the_rules_find():
    with addressed.trialled(None):
        assert measure.findings_for(UNSEEN_BY_RULES) == []
    (finding,) = measure.findings_for(UNSEEN_BY_RULES)
    assert finding.kind == quality.LEAKED_INSTRUCTION and finding.blocking
    assert finding.excerpt in UNSEEN_BY_RULES["text"]
    assert "instruction to the writer or editor" in finding.note


def test_a_reply_to_the_commissioner_is_named_as_assistant_voice_with_why():
    text = "(I've guessed the journal name — please confirm)"
    with addressed.trialled(None):
        assert measure.findings_for({"field": "references.0.title", "text": text}) == []
    (finding,) = measure.findings_for({"field": "references.0.title", "text": text})
    assert finding.kind == quality.AI_REFUSAL
    assert "addressed to the person who commissioned" in finding.as_dict()["note"]


def test_names_and_addresses_are_not_read_by_the_learned_layer():
    for path in ("commentary.clinician.name", "source.url"):
        found = measure.findings_for({"field": path, "text": "Please confirm this, thanks"})
        assert all(f.kind not in addressed.LEARNED_KINDS for f in found)


def test_the_editors_panel_shows_what_a_learned_finding_is():
    finding = QualityFinding(
        field="commentary.text",
        kind=quality.LEAKED_INSTRUCTION,
        excerpt="Drop the jargon in the last line.",
        note=addressed.NOTES[quality.LEAKED_INSTRUCTION],
    )
    html = ArticleAdmin._finding_html(finding)
    assert "Blocks publishing" in html and "Commentary" in html
    assert "Reads as an instruction to the writer or editor (learned check)." in html
    assert "An instruction or placeholder in the text" in html
