"""Items under a mistakes lead-in, criticism later in the same item, other
people's ruined scores, reasons that do and do not reason a tool list, and new paraphrases."""

from __future__ import annotations

from grading_helpers import flags, grade

from mockround.bank import Question


def test_items_under_a_pitfalls_lead_in_raise_no_flag(question: Question) -> None:
    text = (
        "Common pitfalls on fraud projects:\n"
        "- Oversampling the entire dataset before you split it.\n"
        "- Judging the model with accuracy."
    )
    assert flags(question, text) == set()


def test_the_same_items_under_a_neutral_lead_in_still_raise_flags(question: Question) -> None:
    text = (
        "My usual steps on fraud projects:\n"
        "- Oversampling the entire dataset before you split it.\n"
        "- Judging the model with accuracy."
    )
    assert {"resample_before_split", "accuracy_endorsed"} <= flags(question, text)


def test_criticism_later_in_the_same_item_exempts_it(question: Question) -> None:
    text = (
        "1. Using accuracy as the score. With 1% positives it is misleading, so use PR AUC.\n"
        "2. Upsampling the full data and then splitting. The test folds get optimistic."
    )
    assert flags(question, text) == set()


def test_criticism_in_another_paragraph_does_not_exempt(question: Question) -> None:
    text = (
        "I'd run SMOTE on the full dataset and then split it.\n\n"
        "Later I learned that some people think this is optimistic."
    )
    assert "resample_before_split" in flags(question, text)


def test_a_colleagues_collapsed_score_is_a_story_not_a_flag(question: Question) -> None:
    text = (
        "I resample inside the training folds only; I once saw a teammate's precision "
        "collapse because oversampling had been done before the split."
    )
    assert "resample_before_split" not in flags(question, text)


def test_accuracy_over_the_majority_rate_as_the_verdict_is_endorsed(question: Question) -> None:
    text = "So long as the accuracy beats the share of the big class, the model is fine."
    assert "accuracy_endorsed" in flags(question, text)


def test_a_why_for_the_remedies_stops_a_tool_list(question: Question) -> None:
    text = (
        "If you upsample, downsample or use SMOTE, the scores no longer reflect the true "
        "base rate, so recalibrate afterwards."
    )
    assert "tool_list" not in flags(question, text)


def test_a_data_condition_arrow_stops_a_tool_list(question: Question) -> None:
    text = (
        "- positives only a few hundred rows -> SMOTE or upsampling\n"
        "- negatives in the millions -> downsample the majority"
    )
    assert "tool_list" not in flags(question, text)


def test_a_reason_about_the_metric_does_not_reason_the_remedies(question: Question) -> None:
    text = (
        "we can do upsampling, downsampling, class weights and SMOTE. after that look at "
        "recall not accuracy because accuracy is wrong here."
    )
    assert "tool_list" in flags(question, text)


def test_library_support_is_not_decision_reasoning(question: Question) -> None:
    text = (
        "Options: cost-sensitive training with a cost matrix, class weights, threshold "
        "moving and one-class models. Most toolkits support all of these."
    )
    result = grade(question, text)
    assert "tool_list" in {f.id for f in result.red_flags}
    assert result.scores()["context"] == 0


def test_a_cost_matrix_agreed_with_the_business_is_context(question: Question) -> None:
    text = "First I'd agree a cost matrix for the two errors, then pick class weights."
    assert grade(question, text).scores()["context"] >= 1


def test_giving_weights_to_the_class_is_weighting(question: Question) -> None:
    assert (
        grade(question, "I would give weights to the class in the model.").scores()["weighting"]
        == 1
    )


def test_making_the_model_pay_more_and_keeping_the_data_is_reasoned_weighting(
    question: Question,
) -> None:
    text = (
        "With only a few hundred fraud cases I'd keep all the data and make the model pay "
        "more for missing the rare class."
    )
    scores = grade(question, text).scores()
    assert scores["weighting"] == 2
    assert scores["diagnosis"] == 2


def test_a_count_that_only_sets_a_scene_is_not_reasoned_diagnosis(question: Question) -> None:
    text = "We had a few hundred fraud cases and I tried class weights."
    assert grade(question, text).scores()["diagnosis"] < 2


def test_a_full_stop_ends_a_shared_because(question: Question) -> None:
    text = "we can use SMOTE for new samples. after that check recall because accuracy is wrong."
    assert grade(question, text).scores()["resampling"] == 1


def test_no_before_a_noun_does_not_deny_the_protocol_after_it(question: Question) -> None:
    text = "I compared weights against no treatment on the same stratified 5-fold CV."
    assert grade(question, text).scores()["validation"] >= 1


def test_no_stratification_is_still_denied(question: Question) -> None:
    text = "I used no stratified split at all."
    assert grade(question, text).scores()["validation"] == 0
