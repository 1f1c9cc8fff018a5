"""Resampled frames that flow into a split in code, misspelt resample-before-split and
accuracy endorsements ("dublicate", "become", "Than" for "then"), a baseline-first plan as
decision structure, and "on train only" in notes as keeping resampling to training data."""

from __future__ import annotations

from grading_helpers import flags, score

from mockround.bank import Question

CODE = (
    "You can upsample the minority class:\n\n"
    "```python\n"
    "from sklearn.utils import resample\n"
    "major = df[df.y == 0]\n"
    "minor = df[df.y == 1]\n"
    "minor_up = resample(minor, replace=True, n_samples=len(major), random_state=0)\n"
    "balanced = pd.concat([major, minor_up])\n"
    "{split}\n"
    "```\n\n"
    "Now both classes have the same size."
)


def test_a_resampled_frame_that_is_later_split_resamples_before_the_split(
    question: Question,
) -> None:
    split = "Xtr, Xte, ytr, yte = train_test_split(\n    balanced.drop('y', axis=1), balanced.y)"
    assert "resample_before_split" in flags(question, CODE.format(split=split))


def test_a_split_of_the_original_frame_is_not_tainted_by_a_resampled_one(
    question: Question,
) -> None:
    split = "Xtr, Xte, ytr, yte = train_test_split(\n    df.drop('y', axis=1), df.y)"
    assert "resample_before_split" not in flags(question, CODE.format(split=split))


def test_resampling_the_training_part_after_the_split_is_not_flagged(question: Question) -> None:
    text = (
        "```python\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)\n"
        "X_res, y_res = SMOTE().fit_resample(X_train, y_train)\n"
        "model.fit(X_res, y_res)\n"
        "```\n"
    )
    assert "resample_before_split" not in flags(question, text)


MISSPELT = (
    "eazy way: just dublicate the minority rows untill it is 50/50 before you do the train "
    "test split. Than accuracy become meaningful metric again."
)


def test_misspelt_duplication_before_the_split_is_flagged(question: Question) -> None:
    assert "resample_before_split" in flags(question, MISSPELT)


def test_duplication_only_after_the_split_is_not_flagged(question: Question) -> None:
    text = "Do the train test split first, then duplicate the minority rows in the training part."
    assert "resample_before_split" not in flags(question, text)


def test_accuracy_become_meaningful_without_the_s_endorses_accuracy(question: Question) -> None:
    assert "accuracy_endorsed" in flags(question, MISSPELT)


def test_accuracy_called_meaningless_is_not_endorsed(question: Question) -> None:
    text = "Accuracy becomes a meaningless metric here, so I use PR AUC."
    assert "accuracy_endorsed" not in flags(question, text)


def test_than_opening_a_sentence_reads_as_then_after_resampling(question: Question) -> None:
    text = "We oversampled the positives until they matched. Than we did the train test split."
    assert "resample_before_split" in flags(question, text)


def test_than_in_a_comparison_is_no_sequel(question: Question) -> None:
    text = "We oversampled the positives. It was better than doing nothing on the train test split."
    assert "resample_before_split" not in flags(question, text)


PLAN = (
    "- check class ratio first\n"
    "- stratified train/test split\n"
    "- {first}: logistic regression with class_weight='balanced'\n"
    "- try SMOTE / undersampling on train only\n"
    "- tune the threshold\n"
)


def test_a_plan_with_a_baseline_first_is_not_a_tool_list(question: Question) -> None:
    assert "tool_list" not in flags(question, PLAN.format(first="baseline"))


def test_the_same_list_without_a_baseline_is_a_tool_list(question: Question) -> None:
    assert "tool_list" in flags(question, PLAN.format(first="also"))


def test_resampling_on_train_only_in_notes_counts_for_leakage(question: Question) -> None:
    assert score(question, "- try SMOTE / undersampling on train only", "leakage") >= 1


def test_resampling_with_no_place_named_is_no_leakage_cue(question: Question) -> None:
    assert score(question, "- try SMOTE / undersampling, then pick one", "leakage") == 0
