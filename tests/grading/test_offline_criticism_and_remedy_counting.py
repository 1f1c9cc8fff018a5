"""Telling the reader to stop using accuracy, enumerated mistakes in prose,
consequences and preferences as remedy reasoning, one protocol for every remedy, generic and
deferred remedies, anomaly detectors as remedies, and a cost matrix named as a technique."""

from __future__ import annotations

from grading_helpers import flags, score

from mockround.bank import Question


def test_stop_using_accuracy_heading_is_criticism_not_endorsement(question: Question) -> None:
    text = "## Stop using accuracy\nA model that always says 'legit' scores 99%. Use recall."
    assert "accuracy_endorsed" not in flags(question, text)


def test_using_accuracy_to_pick_the_model_still_endorses_it(question: Question) -> None:
    text = "## Pick the model\nWe use accuracy to pick the best model on the test set."
    assert "accuracy_endorsed" in flags(question, text)


def test_enumerated_points_after_a_mistakes_lead_in_are_exempt(question: Question) -> None:
    text = (
        "Two common mistakes to avoid. First, reporting accuracy: with 1% positives a constant "
        "model gets 99%. Second, oversampling before the split: copies land in both parts."
    )
    assert flags(question, text) == set()


def test_enumerated_points_without_a_mistakes_lead_in_still_flag(question: Question) -> None:
    text = (
        "Here is my plan. First, oversample before the split so both parts are balanced. "
        "Second, report the recall."
    )
    assert "resample_before_split" in flags(question, text)


def test_a_full_stop_ends_the_criticism_in_an_unsplit_lower_case_run(question: Question) -> None:
    text = "just drop rows from class 0 until its 50/50. once its balanced you can use accuracy"
    assert "accuracy_endorsed" in flags(question, text)


def test_a_consequence_and_a_preference_reason_the_remedies(question: Question) -> None:
    text = (
        "Resampling shifts the class prior, so its probabilities are biased afterwards. "
        "I'd rather use class weights and move the threshold."
    )
    assert "tool_list" not in flags(question, text)


def test_three_remedies_with_no_reason_are_still_a_tool_list(question: Question) -> None:
    text = "Use resampling. Use class weights. Move the threshold."
    assert "tool_list" in flags(question, text)


def test_one_protocol_for_every_remedy_is_decision_reasoning(question: Question) -> None:
    text = (
        "I ran everything on the same 5-fold stratified CV:\n"
        "- class weights: 0.91\n- SMOTE inside each fold: 0.90\n- undersampling: 0.91"
    )
    assert "tool_list" not in flags(question, text)
    assert score(question, text, "validation") == 2


def test_a_list_of_scores_with_no_protocol_is_a_tool_list(question: Question) -> None:
    text = "- class weights: 0.91\n- SMOTE: 0.90\n- undersampling: 0.91"
    assert "tool_list" in flags(question, text)


def test_generic_word_and_deferred_remedy_add_no_remedies(question: Question) -> None:
    text = (
        "The library makes resampling painless: RandomUnderSampler balances the training part "
        "in one line. In the next article we'll look at SMOTE."
    )
    assert "tool_list" not in flags(question, text)


def test_generic_word_as_its_own_list_item_is_a_remedy(question: Question) -> None:
    text = "Techniques:\n1. Resample the dataset\n2. Ensemble models\n3. Cluster the abundant class"
    assert "tool_list" in flags(question, text)


def test_named_anomaly_detectors_each_count_as_a_remedy(question: Question) -> None:
    text = "Other options:\n* one-class SVM\n* isolation forest\n* autoencoder reconstruction error"
    assert "tool_list" in flags(question, text)


def test_anomaly_detectors_under_a_condition_are_reasoned(question: Question) -> None:
    text = (
        "When the positive class is really rare, treat it as anomaly detection. Fit an "
        "isolation forest, a one-class SVM or an autoencoder on the normal rows only."
    )
    assert "tool_list" not in flags(question, text)


def test_a_cost_matrix_named_as_a_technique_is_no_context(question: Question) -> None:
    assert score(question, "* cost matrix (cost-sensitive classification)", "context") == 0


def test_a_cost_matrix_of_the_errors_is_context(question: Question) -> None:
    text = "First I'd write down the cost matrix: a missed fraud costs far more than a review."
    assert score(question, text, "context") >= 1
