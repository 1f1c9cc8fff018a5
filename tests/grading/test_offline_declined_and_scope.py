"""A criticism reaches back only to the last contrast, other people's habits
are not endorsements, a bare "resample" is a remedy, remedies declined for a reason are
touched, a story that draws its own conclusion is diagnosis, and placement, threshold and
time-split phrasings."""

from __future__ import annotations

from functools import partial

import grading_helpers as helpers
import pytest

from mockround.bank import Question

# These rules are checked on the cues alone, without the learned sentence model.
flags = partial(helpers.flags, use_model=False)
score = partial(helpers.score, use_model=False)


# --- red flags: scope of a criticism, whose habit it is, verdicts ---------------------------


def test_a_negation_before_but_does_not_excuse_resampling_then_splitting(
    question: Question,
) -> None:
    text = (
        "If it's 90/10 I might not do anything, but at 99/1 I'd upsample the minority with "
        "SMOTE and then do a stratified train-test split on the balanced data."
    )
    assert "resample_before_split" in flags(question, text)


def test_a_criticism_after_but_still_excuses_resampling_then_splitting(
    question: Question,
) -> None:
    text = "People upsample with SMOTE and then split the data, but that leaks into the test set."
    assert "resample_before_split" not in flags(question, text)


def test_describing_what_people_report_is_not_endorsing_accuracy(question: Question) -> None:
    text = "A common mistake: people report accuracy. Look at recall and precision instead."
    assert "accuracy_endorsed" not in flags(question, text)


def test_an_accuracy_figure_read_as_the_verdict_endorses_accuracy(question: Question) -> None:
    text = "We set class weights and got 97% accuracy, so the model was good enough to ship."
    assert "accuracy_endorsed" in flags(question, text)


def test_a_list_of_bare_resample_ensemble_and_cluster_steps_is_a_tool_list(
    question: Question,
) -> None:
    text = (
        "Five techniques:\n1. Resample the dataset\n2. Ensemble different resampled datasets\n"
        "3. Cluster the abundant class"
    )
    assert "tool_list" in flags(question, text)


def test_resampling_only_the_training_split_adds_no_remedy_to_a_tool_list(
    question: Question,
) -> None:
    text = "Use SMOTE. Split first, then resample only X_train. Also try class_weight."
    assert "tool_list" not in flags(question, text)


# --- metrics named as code identifiers ------------------------------------------------------


def test_metric_function_names_count_as_metrics(question: Question) -> None:
    assert score(question, "- Metrics: `average_precision_score`, `f1_score`", "metrics") == 1


def test_sensitivity_to_noise_is_not_a_metric(question: Question) -> None:
    text = "Variance is the model's sensitivity to small fluctuations in the training set."
    assert score(question, text, "metrics") == 0


# --- diagnosis: stories that conclude, hypotheticals, resampled counts -----------------------


def test_a_story_count_that_decides_the_remedy_is_reasoned_diagnosis(question: Question) -> None:
    text = "We had roughly 2,000 churners in 700k rows, which is plenty to learn from."
    assert score(question, text, "diagnosis") == 2


def test_a_story_count_that_only_sets_the_scene_is_not_diagnosis(question: Question) -> None:
    text = "At my last job we had 2,000 churners. I used class weights in XGBoost."
    assert score(question, text, "diagnosis") == 0


def test_a_hypothetical_count_is_read_as_data_not_a_story(question: Question) -> None:
    text = "If you have 10 million negatives and 20k positives, undersampling costs little."
    assert score(question, text, "diagnosis") >= 1


def test_a_ratio_that_shows_accuracy_misleading_is_not_diagnosis(question: Question) -> None:
    text = "With 1% positives a model that predicts 0 everywhere gets 99%."
    assert score(question, text, "diagnosis") == 0


def test_counting_classes_after_resampling_is_not_diagnosis(question: Question) -> None:
    text = "X_res, y_res = sm.fit_resample(X_train, y_train)\nprint(y_res.value_counts())"
    assert score(question, text, "diagnosis") == 0


def test_asking_why_the_data_is_imbalanced_is_diagnosis(question: Question) -> None:
    assert score(question, "Ask why the data is imbalanced first.", "diagnosis") >= 1


# --- resampling declined for a reason ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I wouldn't bother with SMOTE at 5,000 positives.",
        "I will not do resampling, because it changes the predicted probabilities.",
        "We had 4,000 positives, enough that I didn't need synthetic data.",
    ],
)
def test_a_resampler_declined_for_a_reason_is_touched(question: Question, text: str) -> None:
    assert score(question, text, "resampling") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Honestly I never use SMOTE.",
        "We didn't do any SMOTE, just put class weights in XGBoost because it was cheap.",
        "Weights suit a model that can't take resampled data, since they go into the loss.",
    ],
)
def test_a_bare_or_borrowed_dismissal_of_resampling_is_absent(
    question: Question, text: str
) -> None:
    assert score(question, text, "resampling") == 0


def test_rebalancing_the_training_data_under_a_condition_is_reasoned_resampling(
    question: Question,
) -> None:
    text = "Rebalance or reweight the training data only if the model is ignoring the minority."
    assert score(question, text, "resampling") == 2


# --- leakage, threshold and validation phrasings ---------------------------------------------


def test_only_resampling_the_training_portion_is_leakage_placement(question: Question) -> None:
    text = "In either case only resample the training portion."
    assert score(question, text, "leakage") >= 1


def test_never_rebalancing_the_test_set_is_leakage_placement(question: Question) -> None:
    text = "The classes are imbalanced, so never rebalance the test set."
    assert score(question, text, "leakage") >= 1


def test_refusing_the_default_cut_off_for_a_business_target_is_reasoned_threshold(
    question: Question,
) -> None:
    text = (
        "For the imbalanced default model I'd not use 0.5 as the cut-off, I'd move it down "
        "until we catch enough defaulters for the business."
    )
    assert score(question, text, "threshold") == 2


def test_choosing_the_cut_point_from_the_pr_curve_is_threshold(question: Question) -> None:
    text = "I choose the cut point by looking at the precision recall curve."
    assert score(question, text, "threshold") >= 1


def test_a_time_split_compared_on_the_same_months_is_reasoned_validation(
    question: Question,
) -> None:
    text = (
        "The split was by time, and we compared against the old rules-based list on the "
        "same months before switching."
    )
    assert score(question, text, "validation") == 2


def test_validation_without_a_protocol_word_is_absent(question: Question) -> None:
    assert score(question, "I trained the model and shipped it.", "validation") == 0
