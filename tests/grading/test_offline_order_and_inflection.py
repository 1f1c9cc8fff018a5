"""Resampling order and scope, verb inflections for accuracy, weights named
inside identifiers, plural/singular never "corrected", concessive dismissal, data quantities
that condition a choice, and validation reasoned only by a compared protocol."""

from __future__ import annotations

from grading_helpers import flags, score

from mockround.bank import Question
from mockround.grading.offline.typos import TypoFixer

# --- resample_before_split: order and scope, whatever the verb -----------------------------


def test_any_verb_resampling_the_whole_dataset_raises_the_flag(question: Question) -> None:
    text = "We applied ADASYN across the entire dataset and trained a forest on it."
    assert "resample_before_split" in flags(question, text)


def test_sampler_class_name_on_the_full_dataset_raises_the_flag(question: Question) -> None:
    text = "I'd run RandomUnderSampler on the full dataset, then fit the model."
    assert "resample_before_split" in flags(question, text)


def test_oversampling_then_splitting_in_one_sentence_raises_the_flag(question: Question) -> None:
    text = (
        "I upsample the rare class by copying rows until both classes match, then I split "
        "70/30 and train."
    )
    assert "resample_before_split" in flags(question, text)


def test_fit_resample_on_the_full_matrix_raises_the_flag(question: Question) -> None:
    text = "sm = SMOTE()\nXb, yb = sm.fit_resample(X, y)\nmodel.fit(Xb, yb)"
    assert "resample_before_split" in flags(question, text)


def test_resampling_the_training_part_then_cross_validating_is_not_the_flag(
    question: Question,
) -> None:
    text = "I oversample only the training folds inside a pipeline, then cross-validate it."
    assert "resample_before_split" not in flags(question, text)


def test_fit_resample_on_the_training_matrix_is_not_the_flag(question: Question) -> None:
    text = "Xb, yb = SMOTE().fit_resample(X_train, y_train)"
    assert "resample_before_split" not in flags(question, text)


def test_a_neutral_kind_of_problem_does_not_excuse_resampling_everything(
    question: Question,
) -> None:
    text = "We ran SMOTE on the whole dataset, and I'd use it again for this kind of problem."
    assert "resample_before_split" in flags(question, text)


# --- accuracy_endorsed: inflected verbs, and a skipped metric ------------------------------


def test_past_tense_evaluated_with_accuracy_raises_the_flag(question: Question) -> None:
    text = "We judged every model by accuracy on the imbalanced churn data."
    assert "accuracy_endorsed" in flags(question, text)


def test_accuracy_and_another_metric_both_fine_raises_the_flag(question: Question) -> None:
    text = "I used class weights, and accuracy and recall are both fine to report here."
    assert "accuracy_endorsed" in flags(question, text)


def test_skipping_accuracy_for_evaluation_is_not_the_flag(question: Question) -> None:
    text = "For evaluation I'd skip accuracy, since always-no looks great on it; use recall."
    assert "accuracy_endorsed" not in flags(question, text)


# --- weighting named inside identifiers and in plain words ---------------------------------


def test_class_weights_inside_an_identifier_count_as_weighting(question: Question) -> None:
    assert score(question, "I train CatBoost with auto_class_weights set.", "weighting") >= 1


def test_weight_of_the_class_and_use_weights_count_as_weighting(question: Question) -> None:
    assert score(question, "I would raise the weight of the minority class.", "weighting") >= 1
    assert score(question, "I'd leave the rows alone and use weights.", "weighting") >= 1


def test_weights_and_biases_the_tool_is_not_weighting(question: Question) -> None:
    text = "I log every run with weights and biases so the team can see the curves."
    assert score(question, text, "weighting") == 0


def test_across_is_never_rewritten_to_cross(question: Question) -> None:
    text = "We applied SMOTE across the entire dataset before training."
    assert "resample_before_split" in flags(question, text)


def test_a_singular_of_a_vocabulary_plural_is_never_rewritten() -> None:
    fixer = TypoFixer(["samples", "threshold"])
    assert fixer.normalise("use sample weights").text == "use sample weights"
    assert fixer.normalise("tune the treshold").text == "tune the threshold"


# --- negation and diagnosis ---------------------------------------------------------------


def test_no_matter_how_much_data_is_not_diagnosis(question: Question) -> None:
    text = "Always balance the classes, no matter which model you pick or how much data you have."
    assert score(question, text, "diagnosis") == 0


def test_how_much_data_without_a_concession_is_diagnosis(question: Question) -> None:
    text = "Before choosing, I check how much data we have for each class."
    assert score(question, text, "diagnosis") >= 1


def test_value_counts_with_a_quantity_condition_reaches_two(question: Question) -> None:
    text = (
        "First I run value counts. If positives are below 0.5% I'd weight the classes, "
        "otherwise plain training is fine."
    )
    assert score(question, text, "diagnosis") == 2


def test_counting_failures_with_enough_to_learn_reaches_two(question: Question) -> None:
    text = (
        "Count the failures before picking a remedy: we had about 900, enough to learn "
        "from, so no oversampling."
    )
    assert score(question, text, "diagnosis") == 2


def test_a_hypothetical_very_rare_minority_is_not_diagnosis(question: Question) -> None:
    text = "I prefer PR AUC because when positives are very rare ROC AUC stays high."
    assert score(question, text, "diagnosis") == 0


# --- validation: reasoned only by a compared protocol --------------------------------------


def test_baseline_and_protocol_in_one_sentence_reach_two(question: Question) -> None:
    text = "Each remedy is compared with a dummy baseline on the same stratified folds."
    assert score(question, text, "validation") == 2


def test_because_after_a_validation_set_does_not_reach_two(question: Question) -> None:
    text = "I calibrate on a validation set, because weighted models come out over-confident."
    assert score(question, text, "validation") <= 1


def test_the_same_applies_per_fold_is_not_validation(question: Question) -> None:
    text = "Oversample after the split; in cross-validation the same applies to every fold."
    assert score(question, text, "validation") == 0


def test_default_baseline_remedy_is_not_a_baseline_to_beat(question: Question) -> None:
    text = "Class weights are my default baseline because they leave the data alone."
    assert score(question, text, "validation") == 0


def test_beating_the_baseline_under_one_setup_is_not_a_tool_list(question: Question) -> None:
    text = (
        "I fix a stratified split and a dummy baseline first. Then I try class weights, "
        "SMOTE and undersampling under that same setup and keep what beats the baseline."
    )
    assert "tool_list" not in flags(question, text)
    assert score(question, text, "validation") == 2
