"""Class weights: more minority recall, distorted probabilities, and how to repair them.

`class_weight="balanced"` makes a logistic regression catch more positives, but its
predicted probabilities no longer mean anything: their average sits far above the base
rate and the Brier score gets worse. Recalibrating with `CalibratedClassifierCV` restores
honest probabilities; a `FixedThresholdClassifier` at the base rate then keeps the recall.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockround.demos.common import bars, fig, pct, require_int, require_rate
from mockround.demos.models import DemoOutcome, DemoSpec, MetricsTable, ParamValue

RANDOM_STATE = 0

SPEC = DemoSpec(
    id="class-weight",
    title="Class weights raise recall and distort probabilities",
    claim="Class weights raise minority recall but inflate the predicted probabilities "
    "(mean prediction far above the base rate, worse Brier score); recalibrating and "
    "moving the threshold keeps the recall with honest probabilities.",
    criteria=("weighting",),
    params={"positive_rate": 0.05, "n_samples": 4000},
    default_seed=RANDOM_STATE,
)

_PLOTTED = ("recall", "mean P(positive)", "Brier score")


def run(seed: int, params: Mapping[str, ParamValue]) -> DemoOutcome:
    """Fit four variants on one stratified split and compare recall and calibration."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import make_classification
    from sklearn.frozen import FrozenEstimator
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, precision_score, recall_score
    from sklearn.model_selection import FixedThresholdClassifier, train_test_split

    rate = require_rate("positive_rate", float(params["positive_rate"]), 0.01)
    n_samples = require_int("n_samples", float(params["n_samples"]), 1000, 100_000)

    X, y = make_classification(
        n_samples=n_samples,
        n_features=10,
        n_informative=4,
        weights=[1 - rate],
        flip_y=0.01,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    base_rate = float(y_train.mean())
    weighted = LogisticRegression(class_weight="balanced", solver="newton-cholesky")
    recalibrated = CalibratedClassifierCV(weighted, method="sigmoid", cv=3)
    models = {
        "unweighted": LogisticRegression(solver="newton-cholesky"),
        "class_weight='balanced'": weighted,
        "weighted + recalibrated": recalibrated,
        # At threshold = base rate a calibrated model makes the weighted model's decisions;
        # frozen, so the threshold applies to the model fitted just above, not a refit copy.
        "recalibrated + threshold at base rate": FixedThresholdClassifier(
            FrozenEstimator(recalibrated), threshold=base_rate
        ),
    }
    figures: dict[str, list[float]] = {}
    for name, model in models.items():
        model.fit(X_train, y_train)
        predicted = model.predict(X_test)
        probability = model.predict_proba(X_test)[:, 1]
        figures[name] = [
            float(recall_score(y_test, predicted)),
            float(probability.mean()),
            float(brier_score_loss(y_test, probability)),
            float(precision_score(y_test, predicted, zero_division=0)),
        ]

    plain, heavy, calibrated, shifted = figures.values()
    test_rate = float(y_test.mean())
    holds = (
        heavy[0] > plain[0]
        and heavy[1] > 2 * test_rate
        and heavy[2] > plain[2]
        and abs(calibrated[1] - test_rate) < abs(heavy[1] - test_rate) / 4
        and calibrated[2] < heavy[2]
        and shifted[0] >= 0.9 * heavy[0]
    )
    return DemoOutcome(
        claim_holds=holds,
        metrics=MetricsTable(
            columns=["model", "recall", "mean P(positive)", "Brier score", "precision"],
            rows=[
                *([name, *(fig(v, 4) for v in values)] for name, values in figures.items()),
                ["(base rate of the hold-out)", "", fig(test_rate, 4), "", ""],
            ],
        ),
        series=[bars(name, values[:3]) for name, values in figures.items()],
        x_ticks=list(_PLOTTED),
        x_label="figure on the hold-out",
        y_label="value",
        plot_title="Weights buy recall with distorted probabilities",
        takeaway=(
            f"With {pct(test_rate)} positives, class weights raised recall from "
            f"{pct(plain[0], 0)} to {pct(heavy[0], 0)} but pushed the mean predicted "
            f"probability to {pct(heavy[1])} and the Brier score from {plain[2]:.3f} to "
            f"{heavy[2]:.3f}; recalibrating brought them back to {pct(calibrated[1])} and "
            f"{calibrated[2]:.3f}, and a threshold at the base rate kept {pct(shifted[0], 0)} "
            f"recall."
        ),
    )
