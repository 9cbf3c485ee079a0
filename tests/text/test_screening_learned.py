"""The learned crisis layer: the shipped weights are what training on the labelled sets
gives, and its figures are measured leave-one-set-out (no set scores a model that saw it)."""

from text.screening._learned import MODEL_PATH
from text.screening.learned_training import (
    Corpus,
    labelled_sets,
    leave_one_set_out,
    rates,
    serialise,
)


def test_retraining_on_the_labelled_sets_writes_the_shipped_model():
    corpus = Corpus(labelled_sets())
    assert serialise(corpus.shipped()) == MODEL_PATH.read_text(encoding="utf-8")


def test_combined_screen_beats_the_rules_on_the_set_they_were_not_tuned_on():
    rows = {row["set"]: row for row in leave_one_set_out(Corpus(labelled_sets()))}
    fresh = rows["heldout_v5"]
    rules_recall, _, _ = rates(fresh["rules"])
    combined_recall, combined_false_alarms, _ = rates(fresh["combined"])
    assert combined_recall > rules_recall
    assert combined_false_alarms <= 0.10
