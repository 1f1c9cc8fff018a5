"""`mockround demo`: list, run, --json, --plot, parameters and unknown ids."""

from __future__ import annotations

import json

import pytest

from mockround.cli import main
from mockround.demos import registry


def test_demo_list_prints_every_id_with_the_criteria_it_backs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--list"]) == 0
    out = capsys.readouterr().out
    for spec in registry.list_specs():
        line = next(line for line in out.splitlines() if line.startswith(spec.id + " "))
        assert all(c in line for c in spec.criteria)


def test_demo_list_json_gives_the_specs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--list", "--json"]) == 0
    specs = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in specs] == registry.demo_ids()
    assert {"id", "title", "claim", "criteria", "params"} <= set(specs[0])


def test_demo_without_id_lists_the_demos(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    assert "stratified-cv" in capsys.readouterr().out


def test_demo_run_prints_claim_table_verdict_and_takeaway(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "accuracy-paradox", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    result = registry.run_demo("accuracy-paradox", seed=2)
    assert f"Claim: {result.claim}" in out
    assert "always negative (DummyClassifier)" in out
    assert "Claim holds: yes" in out
    assert f"Say it: {result.takeaway}" in out
    assert "┌" not in out, "plot drawn although stdout is not a terminal"


def test_demo_run_with_plot_draws_a_text_plot_without_colour_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "pr-vs-roc", "--plot"]) == 0
    out = capsys.readouterr().out
    assert "┌" in out and "└" in out
    assert "Precision-recall curves on the hold-out" in out
    assert "\x1b[" not in out


def test_demo_run_json_is_the_demo_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "stratified-cv", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = registry.run_demo("stratified-cv", seed=3).model_dump(mode="json")
    data.pop("runtime_seconds")
    expected.pop("runtime_seconds")
    assert data == expected
    assert data["claim_holds"] is True


def test_demo_param_overrides_reach_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["demo", "threshold-cost", "--param", "miss_cost_ratio=20", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["params"]["miss_cost_ratio"] == 20.0
    assert "20 times a false alarm" in data["takeaway"]


def test_unknown_demo_exits_2_listing_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "no-such-demo"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "unknown demo 'no-such-demo'" in captured.err
    assert all(demo_id in captured.err for demo_id in registry.demo_ids())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--param", "nope=1"], "no parameter 'nope'"),
        (["--param", "positive_rate"], "NAME=VALUE"),
        (["--param", "positive_rate=0.9"], "positive_rate must be between"),
        (["--seed", "-5"], "seed must be between"),
    ],
)
def test_bad_parameters_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "accuracy-paradox", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mockround: error: ") and err.count("\n") == 1
    assert message in err
