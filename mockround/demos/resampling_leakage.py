"""Resampling leakage: SMOTE before cross-validation inflates the scores.

The leaky way oversamples the whole data set with SMOTE and then cross-validates a
k-nearest-neighbours model on it: synthetic positives are interpolated from positives that
end up in the test folds, so a near copy of every test positive sits in the training data.
The honest way puts SMOTE inside an imbalanced-learn `Pipeline`, so it only ever sees the
training folds. The leaky model is also scored on the original rows alone, which shows the
leak itself rather than an easier, rebalanced test fold.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockround.demos.common import bars, fig, require_int, require_rate
from mockround.demos.models import DemoOutcome, DemoSpec, MetricsTable, ParamValue

RANDOM_STATE = 0

SPEC = DemoSpec(
    id="resampling-leakage",
    title="Resampling leakage: SMOTE before the split inflates scores",
    claim="Oversampling with SMOTE before cross-validation inflates the scores, even on the "
    "original rows, compared with SMOTE inside a pipeline that only touches training folds.",
    criteria=("resampling", "leakage"),
    red_flags=("resample_before_split",),
    params={"positive_rate": 0.05, "n_samples": 2000, "n_neighbors": 5, "folds": 5},
    default_seed=RANDOM_STATE,
)

_METRICS = ("F1", "recall", "precision")


def run(seed: int, params: Mapping[str, ParamValue]) -> DemoOutcome:
    """Cross-validate kNN with SMOTE outside and inside the folds; pool the predictions."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.datasets import make_classification
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.neighbors import KNeighborsClassifier

    rate = require_rate("positive_rate", float(params["positive_rate"]), 0.01)
    # Bounded so the largest run stays within a few seconds (kNN costs grow with rows x
    # neighbours x folds; 50,000 rows with 50 neighbours took most of a minute).
    n_samples = require_int("n_samples", float(params["n_samples"]), 500, 10_000)
    n_neighbors = require_int("n_neighbors", float(params["n_neighbors"]), 1, 25)
    folds = require_int("folds", float(params["folds"]), 2, 10)

    X, y = make_classification(
        n_samples=n_samples,
        n_features=10,
        n_informative=4,
        weights=[1 - rate],
        flip_y=0.01,
        class_sep=0.8,
        random_state=seed,
    )
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    knn = KNeighborsClassifier(n_neighbors=n_neighbors)

    # imbalanced-learn keeps the original rows first and appends the synthetic ones.
    X_all, y_all = SMOTE(random_state=seed).fit_resample(X, y)
    leaky = cross_val_predict(knn, X_all, y_all, cv=cv)
    pipeline = Pipeline([("smote", SMOTE(random_state=seed)), ("knn", knn)])
    honest = cross_val_predict(pipeline, X, y, cv=cv)

    def score(truth: object, predicted: object) -> list[float]:
        return [
            float(f1_score(truth, predicted)),
            float(recall_score(truth, predicted)),
            float(precision_score(truth, predicted, zero_division=0)),
        ]

    n = len(y)
    scores = {
        "SMOTE before CV (leaky), all rows": score(y_all, leaky),
        "SMOTE before CV (leaky), original rows only": score(y, leaky[:n]),
        "SMOTE inside the pipeline (honest)": score(y, honest),
    }
    leaky_all, leaky_original, fair = scores.values()
    holds = (
        leaky_all[0] > fair[0] + 0.05
        and leaky_original[0] > fair[0]
        and leaky_original[1] > fair[1] + 0.05
    )
    return DemoOutcome(
        claim_holds=holds,
        metrics=MetricsTable(
            columns=["setup", *_METRICS],
            rows=[[name, *(fig(v) for v in values)] for name, values in scores.items()],
        ),
        series=[bars(name, values) for name, values in scores.items()],
        x_ticks=list(_METRICS),
        x_label="metric (positive class, pooled out-of-fold predictions)",
        y_label="score",
        plot_title="Leaky SMOTE looks better than it is",
        takeaway=(
            f"Running SMOTE before cross-validation gave a kNN model an F1 of "
            f"{leaky_all[0]:.2f}, and even on the original rows its recall read "
            f"{leaky_original[1]:.2f}; with SMOTE inside the pipeline the honest figures "
            f"are F1 {fair[0]:.2f} and recall {fair[1]:.2f}."
        ),
    )
