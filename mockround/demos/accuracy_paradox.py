"""Accuracy paradox: at 1% positives, a model that never flags anything scores ~99% accuracy.

One comparison on a stratified hold-out: scikit-learn's `DummyClassifier` (always the
majority class) against a class-weighted logistic regression that actually looks for
positives. Accuracy ranks the useless model first; recall and balanced accuracy do not.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockround.demos.common import bars, fig, pct, require_int, require_rate
from mockround.demos.models import DemoOutcome, DemoSpec, MetricsTable, ParamValue

RANDOM_STATE = 0

SPEC = DemoSpec(
    id="accuracy-paradox",
    title="Accuracy paradox: 99% accuracy, zero positives caught",
    claim="At 1% positives, a model that predicts 'negative' for everything scores about 99% "
    "accuracy, beats a model that catches most positives on accuracy, and has 0 recall.",
    criteria=("metrics",),
    red_flags=("accuracy_endorsed",),
    params={"positive_rate": 0.01, "n_samples": 20000},
    default_seed=RANDOM_STATE,
)

_METRICS = ("accuracy", "recall", "precision", "balanced acc.")


def run(seed: int, params: Mapping[str, ParamValue]) -> DemoOutcome:
    """Fit both models on one stratified split and compare four metrics on the hold-out."""
    from sklearn.datasets import make_classification
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        precision_score,
        recall_score,
    )
    from sklearn.model_selection import train_test_split

    rate = require_rate("positive_rate", float(params["positive_rate"]))
    n_samples = require_int("n_samples", float(params["n_samples"]), 2000, 200_000)

    X, y = make_classification(
        n_samples=n_samples,
        n_features=10,
        n_informative=4,
        weights=[1 - rate],
        flip_y=0,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    models = {
        "always negative (DummyClassifier)": DummyClassifier(strategy="most_frequent"),
        "class-weighted logistic regression": LogisticRegression(
            class_weight="balanced", solver="newton-cholesky"
        ),
    }
    scores: dict[str, list[float]] = {}
    for name, model in models.items():
        predicted = model.fit(X_train, y_train).predict(X_test)
        scores[name] = [
            float(accuracy_score(y_test, predicted)),
            float(recall_score(y_test, predicted, zero_division=0)),
            float(precision_score(y_test, predicted, zero_division=0)),
            float(balanced_accuracy_score(y_test, predicted)),
        ]

    dummy, model = scores.values()
    holds = dummy[0] >= 1 - 2 * rate and dummy[1] == 0.0 and dummy[0] > model[0] and model[1] > 0.5
    positives = int(y_test.sum())
    return DemoOutcome(
        claim_holds=holds,
        metrics=MetricsTable(
            columns=["model", *_METRICS],
            rows=[[name, *(fig(v) for v in values)] for name, values in scores.items()],
        ),
        series=[bars(name, values) for name, values in scores.items()],
        x_ticks=list(_METRICS),
        x_label="metric",
        y_label="score on the hold-out",
        plot_title="Accuracy ranks the do-nothing model first",
        takeaway=(
            f"With {pct(rate)} positives, a model that never flags anything scores "
            f"{pct(dummy[0])} accuracy and catches 0 of {positives} positives, while a "
            f"class-weighted model with lower accuracy ({pct(model[0])}) catches "
            f"{pct(model[1], 0)} of them."
        ),
    )
