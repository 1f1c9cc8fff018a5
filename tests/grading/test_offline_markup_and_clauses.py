"""Markup and code never create hits, listed resamplers are separate
remedies, CV on resampled data is the leak, placement on the training set, calibration is
not the held-out protocol, declined thresholds, and plain-words context and diagnosis."""

from __future__ import annotations

from grading_helpers import flags, score

from mockround.bank import Question
from mockround.grading.offline.text import mask_markup
from mockround.grading.offline.typos import TypoFixer


def test_masking_keeps_length_and_blanks_imports_fences_and_urls() -> None:
    text = "```python\nfrom imblearn.over_sampling import SMOTE\n```\nSee https://x.org/smote ok"
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert "SMOTE" not in masked and "smote" not in masked and masked.endswith(" ok")


def test_import_lines_alone_name_no_criterion_but_count_as_remedies(question: Question) -> None:
    text = (
        "For imbalanced data:\n```python\n"
        "from imblearn.under_sampling import RandomUnderSampler, TomekLinks, NearMiss\n"
        "from imblearn.over_sampling import RandomOverSampler, SMOTE\n```"
    )
    assert score(question, text, "resampling") == 0
    # The samplers an import block reaches for still count towards a tool list (12th pass).
    assert "tool_list" in flags(question, text)


def test_code_that_uses_class_weights_still_counts(question: Question) -> None:
    text = "For imbalanced data:\n```python\nclf = LogisticRegression(class_weight='balanced')\n```"
    assert score(question, text, "weighting") == 1


def test_link_target_names_nothing_but_link_text_does(question: Question) -> None:
    hidden = "Read [this post](https://example.com/smote-threshold) about imbalanced data."
    shown = "Read about [SMOTE](https://example.com/post) for imbalanced data."
    assert score(question, hidden, "resampling") == 0
    assert score(question, hidden, "threshold") == 0
    assert score(question, shown, "resampling") == 1


def test_a_heading_alone_is_a_named_mention_at_most(question: Question) -> None:
    assert score(question, "## Resampling", "resampling") == 1
    assert score(question, "**Threshold**", "threshold") == 1


def test_identifier_parts_are_never_typo_corrected() -> None:
    fixer = TypoFixer(["unbalanced", "imbalance"])
    assert fixer.normalise("is_unbalance=True").text == "is_unbalance=True"


def test_is_unbalance_flag_is_weighting(question: Question) -> None:
    text = "For imbalanced targets, LightGBM with is_unbalance=True handles it."
    assert score(question, text, "weighting") == 1


def test_resamplers_listed_with_commas_are_separate_remedies(question: Question) -> None:
    text = (
        "Five techniques for imbalanced classes: Random Under-Sampling, Random Over-Sampling, "
        "Tomek links, SMOTE and NearMiss."
    )
    assert "tool_list" in flags(question, text)


def test_a_resampler_tied_to_its_family_is_one_remedy(question: Question) -> None:
    text = "Oversampling (e.g. SMOTE) or, when oversampling, use SMOTE; also class weights."
    assert "tool_list" not in flags(question, text)


def test_focal_loss_is_a_remedy_apart_from_class_weights(question: Question) -> None:
    text = "Things that worked for me on imbalanced targets: SMOTE, focal loss and class weights."
    assert "tool_list" in flags(question, text)


def test_cross_validating_on_the_balanced_training_set_raises_the_flag(
    question: Question,
) -> None:
    text = (
        "Then on the training set I apply SMOTE to get 50/50, and I run GridSearchCV with 5 "
        "folds on that balanced training set to tune the forest."
    )
    assert "resample_before_split" in flags(question, text)


def test_resampling_inside_the_training_folds_is_not_the_flag(question: Question) -> None:
    text = "I run SMOTE inside each training fold, and I evaluate on the untouched test set."
    assert "resample_before_split" not in flags(question, text)


def test_resampling_placed_on_the_training_set_is_leakage_named(question: Question) -> None:
    assert score(question, "Then on the training set I apply SMOTE to get 50/50.", "leakage") == 1
    assert score(question, "So undersample the training set until it is 50/50.", "leakage") == 1


def test_resampling_the_whole_data_is_not_leakage_named(question: Question) -> None:
    assert score(question, "SMOTE the whole dataset so the classes are 50/50.", "leakage") == 0


def test_a_sampler_step_in_a_pipeline_is_leakage_named(question: Question) -> None:
    text = "pipe = Pipeline([('smote', SMOTE()), ('clf', LogisticRegression())])"
    assert score(question, text, "leakage") >= 1


def test_recalibrating_on_a_held_out_set_is_neither_leakage_nor_validation(
    question: Question,
) -> None:
    text = "After SMOTE I recalibrate on an untouched validation set with isotonic scaling."
    assert score(question, text, "leakage") == 0
    assert score(question, text, "validation") == 0


def test_checking_on_a_held_out_set_is_still_validation(question: Question) -> None:
    text = "I check the model's recall on a held-out set after SMOTE."
    assert score(question, text, "validation") >= 1


def test_a_declined_threshold_sentence_does_not_touch_the_threshold(question: Question) -> None:
    for dash in (",", " –"):
        text = f"I wouldn't touch the threshold{dash} 0.5 is the natural cut-off for the model."
        assert score(question, text, "threshold") == 0


def test_a_threshold_moved_after_another_remedy_is_declined_still_counts(
    question: Question,
) -> None:
    text = "I don't use SMOTE, and then I lower the threshold to catch more fraud."
    assert score(question, text, "threshold") >= 1


def test_no_hyphen_compound_is_not_a_negation(question: Question) -> None:
    text = "We compare class weights against a no-remedy baseline on stratified folds."
    assert score(question, text, "validation") == 2


def test_kpi_agreed_and_two_prices_frame_the_cost(question: Question) -> None:
    text = (
        "Agree the KPI first: mailing a non-responder costs $0.80 and a responder brings $25. "
        "Then try class weights."
    )
    assert score(question, text, "context") == 2


def test_what_reviewers_will_tolerate_is_context(question: Question) -> None:
    text = "The cut depends on how many false alarms the fraud reviewers will tolerate."
    assert score(question, text, "context") >= 1


def test_which_mistake_the_business_can_live_with_is_context(question: Question) -> None:
    text = (
        "I'd first find out which mistake the business can live with for the fraud model. "
        "Letting one through means a fine, while a wrong flag is an hour of an analyst's time."
    )
    assert score(question, text, "context") == 2


def test_a_plain_sentence_about_costs_of_compute_is_not_context(question: Question) -> None:
    text = "SMOTE costs compute time on a large imbalanced dataset."
    assert score(question, text, "context") == 0


def test_questions_about_the_prior_and_the_labels_are_diagnosis(question: Question) -> None:
    text = "Before: what's the prior? how were the labels made for the minority class?"
    assert score(question, text, "diagnosis") >= 1


def test_a_remedy_conditioned_on_a_ratio_is_diagnosis(question: Question) -> None:
    text = (
        "When the positive class is super rare, like under 0.1%, I'd stop treating it as "
        "classification and frame it as anomaly detection."
    )
    assert score(question, text, "diagnosis") == 2


def test_stratification_keeping_the_same_class_ratio_is_not_diagnosis(
    question: Question,
) -> None:
    text = "Use a stratified split so that train and test keep the same class ratio."
    assert score(question, text, "diagnosis") == 0


def test_the_cut_said_in_plain_words_is_the_threshold(question: Question) -> None:
    text = "Where you cut the model's score is a business decision for the fraud team."
    assert score(question, text, "threshold") >= 1
    rule = "Predict positive when p(y=1|x) > C_FP / (C_FP + C_FN) instead of at 0.5."
    assert score(question, rule, "threshold") >= 1


def test_unseen_data_with_the_same_mix_is_validation(question: Question) -> None:
    text = (
        "I'd judge the fraud model on data the model never saw, split so both parts keep "
        "the same mix."
    )
    assert score(question, text, "validation") >= 1
