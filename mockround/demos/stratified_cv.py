"""Stratified CV: with few positives, plain KFold deals out folds with wildly different
positive counts; StratifiedKFold gives every fold the same share.

Both splitters are repeated with reshuffling (`RepeatedKFold` against
`RepeatedStratifiedKFold`) so the spread is measured over many folds, not one lucky split.
Precision is the metric shown because it depends on how many positives a fold holds, which
is exactly what the unstratified splitter leaves to chance.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockround.demos.common import fig, pct, require_int, require_rate
from mockround.demos.models import DemoOutcome, DemoSpec, MetricsTable, ParamValue, Series

RANDOM_STATE = 0

SPEC = DemoSpec(
    id="stratified-cv",
    title="Stratified K-fold keeps every fold's positives equal",
    # No "(even zero)" here: at the defaults no fold is empty. The takeaway says so when one is.
    claim="With few positives, plain KFold gives folds with wildly different positive counts "
    "and a wider spread of the metric; StratifiedKFold keeps the folds alike.",
    criteria=("diagnosis", "validation"),
    params={"positive_rate": 0.02, "n_samples": 1000, "folds": 5, "repeats": 10},
    default_seed=RANDOM_STATE,
)


def run(seed: int, params: Mapping[str, ParamValue]) -> DemoOutcome:
    """Count positives per fold and the per-fold precision under both splitters."""
    import numpy as np
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedKFold, RepeatedStratifiedKFold

    rate = require_rate("positive_rate", float(params["positive_rate"]), 0.005, 0.2)
    # Bounded so the largest run (2 x folds x repeats fits) stays within a few seconds; at
    # 50,000 rows, 20 folds and 50 repeats it took close to a minute.
    n_samples = require_int("n_samples", float(params["n_samples"]), 200, 20_000)
    folds = require_int("folds", float(params["folds"]), 2, 10)
    repeats = require_int("repeats", float(params["repeats"]), 1, 10)

    X, y = make_classification(
        n_samples=n_samples,
        n_features=10,
        n_informative=4,
        weights=[1 - rate],
        flip_y=0,
        random_state=seed,
    )
    model = LogisticRegression(class_weight="balanced", solver="newton-cholesky")
    splitters = {
        "KFold": RepeatedKFold(n_splits=folds, n_repeats=repeats, random_state=seed),
        "StratifiedKFold": RepeatedStratifiedKFold(
            n_splits=folds, n_repeats=repeats, random_state=seed
        ),
    }
    rows: list[list[str | float | int]] = []
    stats: dict[str, tuple[int, int, int, float]] = {}
    series: list[Series] = []
    for name, splitter in splitters.items():
        positives: list[int] = []
        scores: list[float] = []
        # A plain loop, not cross_validate: 100 small fits, and its per-fold overhead (and
        # precision_score's input checks) took longer than the fits themselves.
        for train, test in splitter.split(X, y):
            predicted = model.fit(X[train], y[train]).predict(X[test]) == 1
            actual = y[test] == 1
            positives.append(int(actual.sum()))
            flagged = int(predicted.sum())
            # A fold with no predicted positives has no precision; count it as 0, as a report
            # would (precision_score's zero_division=0).
            scores.append(int((predicted & actual).sum()) / flagged if flagged else 0.0)
        empty = sum(1 for count in positives if count == 0)
        stats[name] = (min(positives), max(positives), empty, float(np.std(scores)))
        rows.append(
            [
                name,
                min(positives),
                max(positives),
                empty,
                fig(float(np.min(scores))),
                fig(float(np.max(scores))),
                fig(float(np.std(scores))),
            ]
        )
        series.append(
            Series(
                name=name,
                x=[float(i + 1) for i in range(len(positives))],
                y=[float(count) for count in positives],
                kind="line",
            )
        )

    plain, stratified = stats["KFold"], stats["StratifiedKFold"]
    holds = (
        plain[1] - plain[0] >= 3 and stratified[1] - stratified[0] <= 1 and plain[3] > stratified[3]
    )
    total = folds * repeats
    zero_note = f", {plain[2]} of them with no positives at all" if plain[2] else ""
    return DemoOutcome(
        claim_holds=holds,
        metrics=MetricsTable(
            columns=[
                "splitter",
                "fewest positives",
                "most positives",
                "folds with 0 positives",
                "lowest precision",
                "highest precision",
                "precision std",
            ],
            rows=rows,
        ),
        series=series,
        x_label=f"fold (of {total})",
        y_label="positives in the test fold",
        plot_title="Positives per test fold",
        takeaway=(
            f"With {int(y.sum())} positives in {n_samples} rows ({pct(float(y.mean()))}), plain "
            f"KFold dealt {plain[0]} to {plain[1]} positives per fold{zero_note}, while "
            f"StratifiedKFold dealt {_span(stratified[0], stratified[1])}; the spread of "
            f"precision across folds fell from {plain[3]:.3f} to {stratified[3]:.3f}."
        ),
    )


def _span(low: int, high: int) -> str:
    return f"exactly {low}" if low == high else f"{low} to {high}"
