"""Every demo's claim holds for several seeds, and the same seed gives the same figures."""

from __future__ import annotations

from typing import Any

import pytest

from mockround.demos import registry
from mockround.demos.models import DemoResult

SEEDS = (0, 1, 2, 3, 4)
DEMO_IDS = registry.demo_ids()


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, int], DemoResult]:
    """Each (demo, seed) run once for the whole module: the runs are the slow part."""
    return {(demo, seed): registry.run_demo(demo, seed=seed) for demo in DEMO_IDS for seed in SEEDS}


def _number(cell: str | float | int) -> float:
    assert not isinstance(cell, str), f"expected a figure, got {cell!r}"
    return float(cell)


def _figures(result: DemoResult) -> dict[str, Any]:
    # Everything but the wall time, which legitimately differs between runs.
    return result.model_dump(exclude={"runtime_seconds"})


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_claim_holds_for_five_different_seeds(
    demo_id: str, results: dict[tuple[str, int], DemoResult]
) -> None:
    failing = [seed for seed in SEEDS if not results[demo_id, seed].claim_holds]
    assert failing == [], f"{demo_id}: claim fails for seeds {failing}"


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_same_seed_gives_identical_figures(
    demo_id: str, results: dict[tuple[str, int], DemoResult]
) -> None:
    again = registry.run_demo(demo_id, seed=SEEDS[1])
    assert _figures(again) == _figures(results[demo_id, SEEDS[1]])


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_different_seeds_give_different_figures(
    demo_id: str, results: dict[tuple[str, int], DemoResult]
) -> None:
    tables = {str(results[demo_id, seed].metrics.rows) for seed in SEEDS}
    assert len(tables) > 1, "the seed does not reach the data or the models"


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_result_carries_spec_seed_params_and_a_well_formed_table(
    demo_id: str, results: dict[tuple[str, int], DemoResult]
) -> None:
    spec = registry.get_spec(demo_id)
    result = results[demo_id, 3]
    assert (result.id, result.title, result.claim) == (spec.id, spec.title, spec.claim)
    assert result.criteria == spec.criteria
    assert result.seed == 3
    assert result.params == spec.params
    assert result.runtime_seconds > 0
    assert result.metrics.rows
    assert all(len(row) == len(result.metrics.columns) for row in result.metrics.rows)
    assert result.series
    for series in result.series:
        assert len(series.x) == len(series.y) > 0
    bar_lengths = {len(s.x) for s in result.series if s.kind == "bar"}
    if bar_lengths:
        assert bar_lengths == {len(result.x_ticks)}


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_takeaway_is_one_sentence_quoting_figures_from_the_table(
    demo_id: str, results: dict[tuple[str, int], DemoResult]
) -> None:
    result = results[demo_id, 0]
    takeaway = result.takeaway
    assert takeaway.endswith(".") and "\n" not in takeaway
    assert takeaway.count(". ") == 0, "more than one sentence"
    numbers = [c for row in result.metrics.rows for c in row if isinstance(c, float | int)]
    quoted = [n for n in numbers if f"{n:.2f}" in takeaway or f"{100 * n:.0f}%" in takeaway]
    assert quoted, f"no table figure appears in: {takeaway}"


def test_default_seed_is_the_demo_random_state() -> None:
    assert registry.run_demo("class-weight").seed == registry.get_spec("class-weight").default_seed


def test_accuracy_paradox_all_negative_model_scores_base_rate_accuracy_and_zero_recall(
    results: dict[tuple[str, int], DemoResult],
) -> None:
    dummy = results["accuracy-paradox", 0].metrics.rows[0]
    assert dummy[1] == pytest.approx(0.99, abs=0.002)
    assert dummy[2] == 0.0


def test_threshold_cost_dearer_misses_push_the_threshold_lower() -> None:
    cheap = registry.run_demo("threshold-cost", seed=1, miss_cost_ratio=3)
    dear = registry.run_demo("threshold-cost", seed=1, miss_cost_ratio=30)
    assert _number(dear.metrics.rows[1][1]) < _number(cheap.metrics.rows[1][1])
    assert dear.params["miss_cost_ratio"] == 30.0


def test_resampling_leakage_inflates_recall_even_on_original_rows(
    results: dict[tuple[str, int], DemoResult],
) -> None:
    for seed in SEEDS:
        _, leaky_original, honest = results["resampling-leakage", seed].metrics.rows
        assert _number(leaky_original[2]) > _number(honest[2])


@pytest.mark.parametrize("seed", SEEDS)
def test_stratified_cv_says_zero_only_where_its_table_has_an_empty_fold(
    seed: int, results: dict[tuple[str, int], DemoResult]
) -> None:
    result = results["stratified-cv", seed]
    column = result.metrics.columns.index("folds with 0 positives")
    empty = {row[0]: _number(row[column]) for row in result.metrics.rows}
    # The claim is the same for every run: it may promise empty folds only if every run has one.
    if "zero" in result.claim:
        assert empty["KFold"] > 0, f"seed {seed}: the claim says zero, the table shows none"
    assert ("no positives" in result.takeaway) == (empty["KFold"] > 0)
    assert empty["StratifiedKFold"] == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_undersampling_loss_compares_models_worth_having(
    seed: int, results: dict[tuple[str, int], DemoResult]
) -> None:
    result = results["undersampling-loss", seed]
    column = result.metrics.columns.index("PR AUC, class weights")
    # Ten times the 5% base rate, in both the small and the large regime: the loss is
    # measured on models someone would use, not on near-random ones (PR AUC ~0.1 before).
    assert all(_number(row[column]) >= 0.5 for row in result.metrics.rows), result.metrics.rows
