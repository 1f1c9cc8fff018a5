"""Demo parameters that broke the output or the clock (issue 12 case 15): non-finite numbers
are refused in one line, and the top of every allowed range runs within a few seconds."""

from __future__ import annotations

import time

import pytest

from mockround.cli import main
from mockround.demos import registry
from mockround.demos.common import DemoParamError


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN"])
@pytest.mark.parametrize("name", ["false_alarm_cost", "miss_cost_ratio", "positive_rate"])
def test_a_non_finite_parameter_is_refused_in_one_line(
    name: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "threshold-cost", "--param", f"{name}={value}", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "must be a finite number" in captured.err and captured.err.count("\n") == 1


# The two demos whose old top of range took 45-55 s; every other one stays under ~3 s there.
TOPS = {
    "stratified-cv": {"positive_rate": 0.2, "n_samples": 20_000, "folds": 10, "repeats": 10},
    "resampling-leakage": {
        "positive_rate": 0.3,
        "n_samples": 10_000,
        "n_neighbors": 25,
        "folds": 10,
    },
}


@pytest.mark.parametrize("demo_id", sorted(TOPS))
def test_the_top_of_every_range_runs_within_a_few_seconds(demo_id: str) -> None:
    started = time.perf_counter()
    registry.run_demo(demo_id, **TOPS[demo_id])
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("demo_id", "params"),
    [
        ("stratified-cv", {"n_samples": 50_000}),
        ("stratified-cv", {"folds": 20}),
        ("stratified-cv", {"repeats": 50}),
        ("resampling-leakage", {"n_samples": 50_000}),
        ("resampling-leakage", {"n_neighbors": 50}),
    ],
)
def test_the_old_slow_tops_are_refused_before_any_fit(demo_id: str, params: dict[str, int]) -> None:
    started = time.perf_counter()
    with pytest.raises(DemoParamError, match="must be a whole number from"):
        registry.run_demo(demo_id, **params)
    assert time.perf_counter() - started < 2
