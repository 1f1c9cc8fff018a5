"""Typo tolerance, keyword-free paraphrase, and cues for the non-imbalanced rubrics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mockround.bank import load_bank
from mockround.grading.offline import OfflineGrader
from mockround.grading.offline import cues as cues_module
from mockround.grading.offline.typos import TypoFixer, edit_distance

MAIN = load_bank().get("imbalanced-data")


def _grade(question_id: str, answer: str) -> dict[str, int]:
    return OfflineGrader().grade(load_bank().get(question_id), answer).scores()


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit() -> None:
    assert edit_distance("wieghts", "weights") == 1
    assert edit_distance("treshold", "threshold") == 1
    assert edit_distance("simple", "sample") == 1
    assert edit_distance("weights", "weights") == 0


def test_misspelled_domain_words_still_earn_their_criteria() -> None:
    answer = "I'd start with class wieghts, then tune the treshold and report precison."
    scores = OfflineGrader().grade(MAIN, answer).scores()
    assert scores["weighting"] >= 1
    assert scores["threshold"] >= 1
    assert scores["metrics"] >= 1


def test_typo_evidence_quotes_the_candidates_own_spelling() -> None:
    answer = "Honestly the first thing I reach for is class wieghts in the model."
    grade = OfflineGrader().grade(MAIN, answer)
    evidence = grade.criterion("weighting").evidence
    assert evidence and all(e.matches(answer) for e in evidence)
    assert any("wieghts" in e.text for e in evidence)


def test_real_words_near_domain_words_are_not_rewritten() -> None:
    fixer = TypoFixer(["sample", "weights"], protected=["simple", "weighs"])
    assert fixer.normalise("a simple model weighs little").text == "a simple model weighs little"
    assert fixer.normalise("the sampel weigths").text == "the sample weights"


def test_short_tokens_and_ambiguous_near_misses_are_left_alone() -> None:
    fixer = TypoFixer(["recall", "recalls", "weight"])
    assert fixer.correct("wight") is None  # five letters: too short to correct safely
    assert fixer.correct("recal") is None
    assert fixer.correct("weigth") == "weight"


def test_offset_map_points_back_into_the_original_answer() -> None:
    fixer = TypoFixer(["threshold"])
    norm = fixer.normalise("move the treshold down")
    start = norm.text.index("threshold")
    assert norm.span(start, start + len("threshold")) == (9, 17)


def test_paraphrase_without_the_keyword_is_weighting() -> None:
    answer = (
        "I would make the rare class errors cost more in the loss function, so the model pays "
        "attention to it, without throwing away any rows."
    )
    assert OfflineGrader().grade(MAIN, answer).scores()["weighting"] == 2


def test_apostrophe_free_negation_denies_the_technique() -> None:
    grade = OfflineGrader().grade(MAIN, "We didnt do any SMOTE, we kept the data as it was.")
    assert grade.scores()["resampling"] == 0
    assert OfflineGrader().grade(MAIN, "We did some SMOTE on the data.").scores()["resampling"] == 1


def test_negator_does_not_reach_across_a_full_stop() -> None:
    answer = "weights r my default bc they dont change the data. oversampling only inside cv folds"
    assert OfflineGrader().grade(MAIN, answer).scores()["leakage"] == 1


@pytest.mark.parametrize(
    ("question_id", "criterion", "bare", "reasoned"),
    [
        (
            "data-leakage",
            "fit_on_train",
            "I keep every step in a pipeline.",
            "I keep the scaler and the imputer in a pipeline, so they are fitted on train only.",
        ),
        (
            "messy-data",
            "missingness_reason",
            "I ask why the values are missing.",
            "If values are missing at random I impute the median, otherwise I add an indicator.",
        ),
        (
            "model-evaluation",
            "baseline",
            "I always show a baseline.",
            "I always show a baseline, because a score only means something relative to it.",
        ),
        (
            "time-split",
            "past_to_future",
            "I train on earlier months and validate on later ones.",
            "I train on the past and validate on later months, or the score is optimistic.",
        ),
        (
            "compare-models",
            "noise_check",
            "Is one point of AUC significant?",
            "I'd check whether it is significant with a paired comparison on the same folds.",
        ),
        (
            "cleaning-in-production",
            "input_checks",
            "I validate the schema of incoming data.",
            "I validate the schema of incoming data and alert when a check fails.",
        ),
    ],
)
def test_new_rubric_criteria_step_from_named_to_reasoned(
    question_id: str, criterion: str, bare: str, reasoned: str
) -> None:
    assert _grade(question_id, bare)[criterion] == 1
    assert _grade(question_id, reasoned)[criterion] == 2
    assert _grade(question_id, "I would just train the model and see.")[criterion] == 0


@pytest.mark.parametrize(
    ("question_id", "flag", "raised", "clean"),
    [
        (
            "data-leakage",
            "preprocess_before_split",
            "I scale the whole dataset and then split it into train and test.",
            "I never scale the whole dataset before the split.",
        ),
        (
            "time-split",
            "shuffled_kfold",
            "I'd use a shuffled k-fold as usual.",
            "I'd stop using a shuffled k-fold and split by time instead.",
        ),
        (
            "missing-not-at-random",
            "drop_rows_anyway",
            "I would drop the rows with missing values and move on.",
            "I would not drop those rows, that biases the sample.",
        ),
        (
            "compare-models",
            "ship_on_mean",
            "Yes, ship it, B has the higher AUC.",
            "Only if the gain is beyond noise would I ship it.",
        ),
    ],
)
def test_new_rubric_red_flags_raise_and_stay_quiet(
    question_id: str, flag: str, raised: str, clean: str
) -> None:
    grader = OfflineGrader()
    question = load_bank().get(question_id)
    assert flag in {f.id for f in grader.grade(question, raised).red_flags}
    assert flag not in {f.id for f in grader.grade(question, clean).red_flags}


def test_rubric_without_a_cue_file_warns_instead_of_scoring_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(cues_module.cues_dir() / cues_module.COMMON_FILE, tmp_path)
    monkeypatch.setattr(cues_module, "cues_dir", lambda: tmp_path)
    grade = OfflineGrader().grade(load_bank().get("messy-data"), "Some answer about data.")
    assert any(w.startswith("no_cues:") for w in grade.warnings)
    assert grade.overall == 0
