"""Precision fixes for diagnosis, leakage and red flags, imperative
declines, plain-words duplication, and the speed-ups (one-scan gate, folded matching,
restricted model scoring) that must not change any result."""

from __future__ import annotations

from functools import partial

import grading_helpers as helpers

from mockround.bank import Question
from mockround.grading.offline.pattern import Pattern, folded
from mockround.grading.offline.sentence_model import load_model

# These rules are checked on the cues alone, without the learned sentence model.
flags = partial(helpers.flags, use_model=False)
score = partial(helpers.score, use_model=False)


# --- diagnosis ------------------------------------------------------------------------------


def test_how_much_data_is_missing_is_not_diagnosis(question: Question) -> None:
    text = "The choice of imputation depends on how much data is missing, then use class weights."
    assert score(question, text, "diagnosis") == 0


def test_how_much_data_there_is_still_is_diagnosis(question: Question) -> None:
    text = "First I check how much data we have for the minority class, then use class weights."
    assert score(question, text, "diagnosis") >= 1


def test_a_ratio_showing_why_the_default_cut_fails_is_not_diagnosis(question: Question) -> None:
    text = "With 1% positives the default 0.5 will almost never fire, so I move the threshold."
    assert score(question, text, "diagnosis") == 0


def test_a_ratio_read_to_choose_a_remedy_is_still_diagnosis(question: Question) -> None:
    text = "With 20k positives there is enough signal to learn from, so I'd just use class weights."
    assert score(question, text, "diagnosis") >= 1


def test_asking_how_many_churners_there_are_is_diagnosis(question: Question) -> None:
    text = "I'd ask how many churners we even had: about 900, enough to learn from with weights."
    assert score(question, text, "diagnosis") == 2


# --- leakage --------------------------------------------------------------------------------


def test_just_different_from_train_is_no_placement(question: Question) -> None:
    text = "I used SMOTE. Is the leaderboard test set just different from train?"
    assert score(question, text, "leakage") == 0


def test_only_on_the_training_data_is_still_a_placement(question: Question) -> None:
    text = "I apply SMOTE only on the training data."
    assert score(question, text, "leakage") >= 1


def test_an_undersampled_training_set_describes_data_and_places_nothing(
    question: Question,
) -> None:
    text = "We compared a weighted model with one trained on a randomly undersampled training set."
    assert score(question, text, "leakage") == 0


def test_undersampling_the_training_set_is_a_placement(question: Question) -> None:
    text = "We undersampled the training set only, and kept the test set as it was."
    assert score(question, text, "leakage") >= 1


# --- resampling -----------------------------------------------------------------------------


def test_repeating_the_rare_examples_in_plain_words_is_resampling(question: Question) -> None:
    text = "I'd let the model see the rare examples more often during training, by repeating them."
    assert score(question, text, "resampling") >= 1


def test_repeating_an_experiment_is_not_resampling(question: Question) -> None:
    text = "I'd repeat the experiment with a different seed and report PR AUC."
    assert score(question, text, "resampling") == 0


def test_an_imperative_decline_with_its_cost_touches_resampling(question: Question) -> None:
    text = "3. Don't undersample: it throws away data and distorts the predicted probabilities."
    assert score(question, text, "resampling") == 1


def test_a_bare_imperative_dismissal_does_not_touch_resampling(question: Question) -> None:
    text = "3. Don't undersample."
    assert score(question, text, "resampling") == 0


# --- red flags ------------------------------------------------------------------------------


def test_smote_on_the_full_file_then_a_split_a_few_words_later_is_flagged(
    question: Question,
) -> None:
    text = (
        "The target is only 2% positive so I ran SMOTE on the full train.csv to get 50/50, "
        "then did a stratified train/validation split on the result."
    )
    assert "resample_before_split" in flags(question, text)


def test_an_accuracy_rise_read_as_proof_endorses_accuracy(question: Question) -> None:
    text = (
        "After SMOTE the accuracy went up to 94%, which clearly shows that the model got better "
        "at the minority class."
    )
    assert "accuracy_endorsed" in flags(question, text)


def test_an_accuracy_rise_called_misleading_does_not_endorse_it(question: Question) -> None:
    text = "After SMOTE the accuracy went up to 94%, which is misleading: recall barely moved."
    assert "accuracy_endorsed" not in flags(question, text)


def test_a_fallback_condition_orders_the_remedies(question: Question) -> None:
    text = (
        "First, can you get more examples of the rare class? If that is not possible, "
        "resampling (over- or under-sampling) is the standard approach. Tree-based ensembles "
        "also cope with skewed classes."
    )
    assert "tool_list" not in flags(question, text)


def test_remedies_without_any_condition_are_still_a_tool_list(question: Question) -> None:
    text = "Use SMOTE, class weights, undersampling and tree-based ensembles."
    assert "tool_list" in flags(question, text)


# --- speed-ups keep results -----------------------------------------------------------------


def test_folded_text_keeps_every_offset() -> None:
    text = "İstanbul SMOTE"
    assert len(folded(text)) == len(text)
    assert folded(text).endswith("smote")


def test_a_pattern_matches_upper_case_text_and_escapes_keep_their_meaning() -> None:
    pattern = Pattern(r"\bX_?res\w*|\WSMOTE\b", "test")
    text = "train_test_split(X_res, y) then SMOTE"
    assert [text[m.start() : m.end()] for m in pattern.finditer(text)] == ["X_res", " SMOTE"]


def test_the_gate_rules_out_only_patterns_absent_from_the_whole_text() -> None:
    pattern = Pattern(r"\bsmote\b", "test")
    assert pattern.absent_from("use class weights")
    assert not pattern.absent_from("use SMOTE")


def test_a_pattern_looking_past_the_window_is_never_gated() -> None:
    pattern = Pattern(r"\bdata\b(?! leak)", "test")
    assert not pattern.gateable
    assert not pattern.absent_from("data leak")


def test_model_scores_for_some_criteria_equal_the_full_scores() -> None:
    model = load_model()
    assert model is not None
    sentence = "We weigh the minority class more heavily in the loss."
    full = model.probabilities(sentence)
    assert model.probabilities(sentence, ["weighting", "threshold"]) == {
        "weighting": full["weighting"],
        "threshold": full["threshold"],
    }
