"""The agreement figures behave as their textbook definitions say."""

from __future__ import annotations

import pytest

from mockround.evaluation.agreement import Judgement, compare, spearman, weighted_kappa


def test_kappa_is_one_for_identical_labels_and_zero_at_chance() -> None:
    assert weighted_kappa([0, 1, 2, 2], [0, 1, 2, 2], (0, 1, 2), 0) == 1.0
    # Rater b always says 1 while a varies: agreement no better than chance.
    assert weighted_kappa([0, 1, 2, 1], [1, 1, 1, 1], (0, 1, 2), 0) == pytest.approx(0.0)


def test_cohen_kappa_matches_a_hand_computed_case() -> None:
    # 2x2 table [[20, 5], [10, 15]]: po = 0.7, pe = 0.5, kappa = 0.4.
    a = [0] * 25 + [1] * 25
    b = [0] * 20 + [1] * 5 + [0] * 10 + [1] * 15
    assert weighted_kappa(a, b, (0, 1), 0) == pytest.approx(0.4)


def test_quadratic_kappa_punishes_far_disagreements_more() -> None:
    near = weighted_kappa([1, 2, 3, 4, 5], [2, 3, 4, 5, 5], (1, 2, 3, 4, 5), 2)
    far = weighted_kappa([1, 2, 3, 4, 5], [5, 1, 4, 2, 3], (1, 2, 3, 4, 5), 2)
    assert near == pytest.approx(0.8)  # as sklearn.metrics.cohen_kappa_score gives
    assert far < 0


def test_spearman_uses_average_ranks_for_ties() -> None:
    assert spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    assert spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(0.866, abs=1e-3)


def _j(
    scores: dict[str, int], flags: set[str], rank: float, **spans: list[tuple[int, int]]
) -> Judgement:
    return Judgement(scores, frozenset(flags), rank, dict(spans))


def test_compare_counts_coverage_flags_and_evidence_overlap() -> None:
    gold = [
        _j({"a": 2, "b": 0}, {"f"}, 5, a=[(0, 10)]),
        _j({"a": 0, "b": 1}, set(), 1, b=[(5, 9)]),
    ]
    predicted = [
        _j({"a": 1, "b": 1}, {"f", "g"}, 80, a=[(8, 20)], b=[(0, 2)]),
        _j({"a": 0, "b": 1}, set(), 10, b=[(20, 30)]),
    ]
    keys = [["q:a", "q:b"], ["q:a", "q:b"]]
    got = compare(predicted, gold, keys)
    # a: tp 1; b: tp 1, fp 1 -> F1 1.0 and 0.667.
    assert got.per_criterion["q:a"][2] == pytest.approx(1.0)
    assert got.per_criterion["q:b"][2] == pytest.approx(2 / 3)
    assert got.exact == pytest.approx(2 / 4)
    assert (got.flag_precision, got.flag_recall, got.flags_gold) == (0.5, 1.0, 1)
    # Two criteria credited on both sides with spans; only the first pair overlaps.
    assert got.evidence_hit == pytest.approx(0.5)
    assert got.spearman == pytest.approx(1.0)


def test_compare_keeps_two_rubrics_criteria_apart() -> None:
    gold = [_j({"x": 1}, set(), 1), _j({"x": 0}, set(), 1)]
    predicted = [_j({"x": 1}, set(), 1), _j({"x": 1}, set(), 1)]
    got = compare(predicted, gold, [["r1:x"], ["r2:x"]])
    assert got.per_criterion["r1:x"][2] == 1.0
    assert got.per_criterion["r2:x"][2] == 0.0
    assert got.macro_f1 == pytest.approx(0.5)
