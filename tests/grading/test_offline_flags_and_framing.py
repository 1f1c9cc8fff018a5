"""Remedy kinds in tool lists, salads, resampling outside CV, story ratios,
self-reasoned cost framing, capacity as context, and held-out sets kept apart on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from grading_helpers import flags, grade

from mockround.bank import Question
from mockround.grading.offline.cues import load_cues
from mockround.grading.offline.pattern import CueError


def test_three_named_oversamplers_without_a_why_are_a_tool_list(question: Question) -> None:
    text = (
        "SMOTE makes new minority points between neighbours.\n"
        "Borderline-SMOTE does that only near the class border.\n"
        "ADASYN makes more points where the minority is hard to learn."
    )
    assert "tool_list" in flags(question, text)


def test_separate_bullets_for_upsampling_and_smote_count_as_two_remedies(
    question: Question,
) -> None:
    text = "- upsample the rare class\n- or try SMOTE\n- class_weight on the estimator"
    assert "tool_list" in flags(question, text)


def test_smote_named_as_the_way_to_oversample_is_one_remedy(question: Question) -> None:
    text = "Use class weights or oversample. When oversampling, SMOTE is the usual tool."
    assert "tool_list" not in flags(question, text)


def test_keyword_salad_with_remedies_raises_tool_list_even_next_to_reason_words(
    question: Question,
) -> None:
    text = "SMOTE class weights calibration threshold cost false negatives undersampling ADASYN"
    result = grade(question, text)
    assert any(w.startswith("keyword_salad") for w in result.warnings)
    assert "tool_list" in {f.id for f in result.red_flags}


def test_cross_validating_on_the_whole_balanced_data_is_resampling_before_split(
    question: Question,
) -> None:
    text = "I duplicate minority rows, then run 5-fold cross validation on the full balanced data."
    assert "resample_before_split" in flags(question, text)


def test_balance_then_split_is_resampling_before_split(question: Question) -> None:
    text = "Drop majority rows from the whole table until it is even, then split 80/20."
    assert "resample_before_split" in flags(question, text)


def test_warning_against_cv_on_balanced_data_is_not_the_mistake(question: Question) -> None:
    text = "Cross validation on the oversampled data leaks copies into the test folds."
    assert "resample_before_split" not in flags(question, text)


def test_accuracy_becoming_meaningful_after_balancing_is_endorsed(question: Question) -> None:
    text = "Once the classes are even, accuracy becomes meaningful and I report it."
    assert "accuracy_endorsed" in flags(question, text)


def test_a_class_ratio_from_a_past_job_is_not_diagnosis(question: Question) -> None:
    text = "At my last job we had 0.4% defaulters, and class weights worked best for us."
    assert grade(question, text).scores()["diagnosis"] == 0


def test_a_ratio_used_to_explain_accuracy_is_not_diagnosis(question: Question) -> None:
    text = "Accuracy misleads: with 1% positives an always-no model scores 99%."
    assert grade(question, text).scores()["diagnosis"] == 0


def test_a_count_read_to_choose_the_remedy_is_diagnosis(question: Question) -> None:
    text = "With 30M majority rows and 15k positives I'd downsample the negatives."
    assert grade(question, text).scores()["diagnosis"] >= 1


def test_looking_at_the_numbers_is_diagnosis(question: Question) -> None:
    text = "Then I look at the numbers before picking any remedy for the model."
    assert grade(question, text).scores()["diagnosis"] >= 1


def test_cost_comparison_inside_the_framing_sentence_scores_two(question: Question) -> None:
    text = (
        "Approving a bad loan is much more costly than refusing a good client. "
        "So I'd use class weights and check recall."
    )
    assert grade(question, text).scores()["context"] == 2


def test_two_errors_priced_side_by_side_score_two(question: Question) -> None:
    text = (
        "I'd ask who pays for each kind of mistake: a missed intrusion costs days of cleanup, "
        "a false alert costs ten analyst minutes. Then class weights."
    )
    assert grade(question, text).scores()["context"] == 2


def test_bare_cost_framing_without_a_comparison_stays_named(question: Question) -> None:
    text = "I'd start by asking what a mistake costs. Then class weights."
    assert grade(question, text).scores()["context"] == 1


def test_review_capacity_is_context(question: Question) -> None:
    text = "The retention team could phone maybe 300 customers a week, so the threshold follows."
    assert grade(question, text).scores()["context"] >= 1


def test_agreeing_a_recall_target_with_the_business_is_not_context_by_itself(
    question: Question,
) -> None:
    text = "Set the decision threshold to hit a recall target agreed with the business."
    assert grade(question, text).scores()["context"] == 0


def test_an_untouched_validation_set_for_recalibration_is_neither_validation_nor_leakage(
    question: Question,
) -> None:
    # Seventh pass: the set serves calibration here (labelled 0 for both in heldout4).
    text = (
        "If you resample, recalibrate on an untouched validation set before anyone uses the scores."
    )
    scores = grade(question, text).scores()
    assert scores["validation"] == 0 and scores["leakage"] == 0


def test_an_untouched_validation_set_for_comparison_is_validation_and_leakage_aware(
    question: Question,
) -> None:
    text = "If you resample, compare the models on an untouched validation set."
    scores = grade(question, text).scores()
    assert scores["validation"] >= 1 and scores["leakage"] >= 1


def test_a_plain_test_set_mention_is_not_validation(question: Question) -> None:
    text = "Train a random forest and look at the F1 on the test set."
    assert grade(question, text).scores()["validation"] == 0


def test_remedy_groups_naming_an_unknown_remedy_is_a_cue_error(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text(
        "[criteria.c]\nnamed = ['x']\n[remedies]\na = ['a']\n[remedy_groups]\na = ['b']\n",
        encoding="utf-8",
    )
    with pytest.raises(CueError, match="unknown remedies b"):
        load_cues("r", tmp_path)
