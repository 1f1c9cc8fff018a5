"""Remedies written as code, someone else's mistake told with its inflated
outcome, remedies announced for a later post, an accuracy change taken as proof, resampling in
plain words followed by the split, and the diagnosis and dismissal fixes."""

from __future__ import annotations

from grading_helpers import flags, score

from mockround.bank import Question

CODE_LIST = (
    "Here is what I reach for:\n\n```python\nSVC(class_weight='balanced')\n"
    "BalancedRandomForestClassifier()\nSMOTEENN()\n```\n\nJust run each and keep one."
)


def test_remedies_written_as_code_make_a_tool_list(question: Question) -> None:
    assert "tool_list" in flags(question, CODE_LIST)


def test_two_code_remedies_are_no_tool_list(question: Question) -> None:
    text = "Here is what I reach for:\n\n```python\nSVC(class_weight='balanced')\nSMOTEENN()\n```"
    assert "tool_list" not in flags(question, text)


def test_a_teammates_early_resampling_with_its_inflated_score_is_a_warning(
    question: Question,
) -> None:
    text = (
        "I resample only inside the training folds. When a teammate oversampled before the "
        "split, recall looked ten points better than it really was."
    )
    assert "resample_before_split" not in flags(question, text)


def test_oversampling_before_the_split_still_raises_the_flag(question: Question) -> None:
    text = "I oversample the positives first and then split into train and test."
    assert "resample_before_split" in flags(question, text)


def test_remedies_announced_for_a_later_part_are_no_tool_list(question: Question) -> None:
    text = (
        "Rare classes make models lazy: they predict the common class. Weighting, SMOTE "
        "and undersampling are what we will discuss in part 3 of the series."
    )
    assert "tool_list" not in flags(question, text)


def test_one_class_outnumbering_the_other_is_no_one_class_model(question: Question) -> None:
    text = (
        "One class has far more rows than the other. Try class weights, then SMOTE if "
        "positives are few, because it keeps all negatives."
    )
    assert "tool_list" not in flags(question, text)


def test_an_accuracy_change_taken_as_proof_endorses_accuracy(question: Question) -> None:
    text = "I upweighted the fraud class and accuracy went from 97% to 98%, so the model is good."
    assert "accuracy_endorsed" in flags(question, text)


def test_an_accuracy_change_called_misleading_is_no_endorsement(question: Question) -> None:
    text = "Accuracy went from 97% to 98%, so the model looks better, but that is misleading."
    assert "accuracy_endorsed" not in flags(question, text)


def test_plain_word_resampling_then_the_split_raises_the_flag(question: Question) -> None:
    text = (
        "Keep every fraud row and randomly choose as many legit rows. "
        "Then do the train/test split as usual."
    )
    assert "resample_before_split" in flags(question, text)


def test_weighing_undersampling_then_splitting_is_no_flag(question: Question) -> None:
    text = (
        "With tens of millions of negatives, undersampling would lose very little. "
        "Then a stratified split and PR AUC on the positives."
    )
    assert "resample_before_split" not in flags(question, text)


def test_checked_counts_read_to_choose_are_diagnosis(question: Question) -> None:
    text = "I checked the counts: 5,000 positives, enough to learn from, so I used class weights."
    assert score(question, text, "diagnosis") == 2


def test_a_ratio_from_past_competitions_is_only_a_story(question: Question) -> None:
    text = "Stuff that worked for me in past competitions with 2% positives: class weights, SMOTE."
    assert score(question, text, "diagnosis") == 0


def test_classification_report_in_code_names_metrics(question: Question) -> None:
    text = "```python\nprint(classification_report(y_test, model.predict(X_test)))\n```"
    assert score(question, text, "metrics") >= 1


def test_resampling_set_aside_as_less_important_is_not_named(question: Question) -> None:
    text = "Class weights matter more than resampling; I weight positives by neg/pos."
    assert score(question, text, "resampling") == 0


def test_resampling_recommended_is_still_named(question: Question) -> None:
    text = "Class weights first; resampling helps when positives are very few."
    assert score(question, text, "resampling") >= 1


def test_models_compared_by_accuracy_follow_no_protocol(question: Question) -> None:
    text = "After balancing, compare models with accuracy."
    assert score(question, text, "validation") == 0
