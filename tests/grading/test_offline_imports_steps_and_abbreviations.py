"""Remedies named on import lines, abbreviations and imbalanced-learn
ensembles as remedies, numbered steps giving the resample-then-split order, and the context and
diagnosis cues that over-fired (a cost matrix listed as a technique, capacity sizing a ranking
metric, a blanket hedge, a ratio that only shows why ROC AUC flatters)."""

from __future__ import annotations

from grading_helpers import flags, grade, score

from mockround.bank import Question

IMPORTS = (
    "The imbalanced-learn library has it all:\n\n"
    "from imblearn.over_sampling import RandomOverSampler, SMOTE, ADASYN\n"
    "from imblearn.under_sampling import NearMiss, TomekLinks\n\n"
)


def test_samplers_named_on_import_lines_count_towards_a_tool_list(question: Question) -> None:
    text = IMPORTS + "Just try all of them and see which one gives the best score."
    result = grade(question, text)
    hit = next(f for f in result.red_flags if f.id == "tool_list")
    assert "import RandomOverSampler" in hit.evidence[0].text
    assert score(question, text, "resampling") == 0


def test_imported_samplers_with_a_condition_after_them_are_no_tool_list(
    question: Question,
) -> None:
    text = IMPORTS + "Only if positives are scarce would I oversample; otherwise I undersample."
    assert "tool_list" not in flags(question, text)


def test_trying_every_remedy_and_keeping_the_best_is_not_decision_reasoning(
    question: Question,
) -> None:
    text = "Use SMOTE, class weights or undersampling. Just try all of them and see which wins."
    assert "tool_list" in flags(question, text)


def test_ros_rus_and_imblearn_ensembles_are_remedies(question: Question) -> None:
    upper = "For the imbalanced classes you can use ROS, RUS or BalancedBagging on the data."
    assert "tool_list" in flags(question, upper)
    # Whole words only: "rose" and "rush" name nothing.
    words = "For the imbalanced classes, sales rose in a rush, so use BalancedBagging on the data."
    assert "tool_list" not in flags(question, words)


def test_a_cost_matrix_listed_beside_techniques_is_no_cost_framing(question: Question) -> None:
    listed = "Algorithm level: cost matrix, class_weight, one-class learning, SMOTE."
    assert score(question, listed, "context") == 0
    assert "tool_list" in flags(question, listed)
    framed = "I would build a cost matrix with the business before choosing any remedy."
    assert score(question, framed, "context") >= 1


def test_numbered_steps_that_resample_then_split_raise_the_flag(question: Question) -> None:
    text = (
        "Step 1: load the data. Step 2: apply ADASYN to the features and target:\n\n"
        "    X, y = ADASYN().fit_resample(df.drop('y', axis=1), df['y'])\n\n"
        "Step 3: split with train_test_split(X, y, stratify=y)."
    )
    assert "resample_before_split" in flags(question, text)


def test_numbered_steps_that_split_before_resampling_raise_nothing(question: Question) -> None:
    text = (
        "Step 1: split with train_test_split(X, y, stratify=y). "
        "Step 2: apply SMOTE on the training set only. Step 3: cross-validate the pipeline."
    )
    assert "resample_before_split" not in flags(question, text)


def test_a_numbered_list_of_techniques_gives_no_order(question: Question) -> None:
    text = "Five techniques:\n\n1. Resample the dataset\n2. Use K-fold cross-validation\n"
    assert "resample_before_split" not in flags(question, text)


def test_review_capacity_that_sizes_a_ranking_metric_is_not_context(question: Question) -> None:
    metric = "Then measure precision in the top-k alerts the analysts can review per day."
    assert score(question, metric, "context") == 0
    capacity = "The analysts can only review 200 alerts a day, so that bounds the false alarms."
    assert score(question, capacity, "context") >= 1


def test_a_blanket_hedge_on_the_use_case_is_not_context(question: Question) -> None:
    hedge = "It really depends on the use case and the business KPI. Then pick a technique."
    assert score(question, hedge, "context") == 0
    assert (
        score(question, "For the imbalanced classes, first I agree on the business KPI.", "context")
        >= 1
    )


def test_a_ratio_showing_roc_auc_flatters_is_not_diagnosis(question: Question) -> None:
    flatter = (
        "Use PR AUC, because with 0.5% positives ROC AUC stays high even when alerts are junk."
    )
    assert score(question, flatter, "diagnosis") == 0
    read = "First I check how many positives we have: with 300 positives I would not undersample."
    assert score(question, read, "diagnosis") >= 1
