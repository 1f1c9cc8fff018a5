"""PR AUC vs ROC AUC: at 0.5% positives, the two metrics can rank two models oppositely.

The positives come in two kinds, generated with scikit-learn's `make_blobs`: a tight ring
(think repeat fraudsters who all look alike) and a diffuse group only slightly shifted from
the normal cases. A logistic regression ranks the diffuse group a little above the
negatives everywhere, which ROC AUC rewards; a k-nearest-neighbours model flags the tight
ring with almost no false alarms but cannot rank the rest. ROC AUC prefers the first model;
PR AUC (average precision), which asks how clean the alerts are, prefers the second.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockround.demos.common import curve, fig, pct, require_int, require_rate
from mockround.demos.models import DemoOutcome, DemoSpec, MetricsTable, ParamValue

RANDOM_STATE = 0

SPEC = DemoSpec(
    id="pr-vs-roc",
    title="PR AUC vs ROC AUC at 0.5% positives",
    claim="At 0.5% positives ROC AUC can look fine, and can even rank two models the "
    "opposite way to PR AUC, which is the one that reflects how precise the alerts are.",
    criteria=("metrics",),
    params={"positive_rate": 0.005, "n_samples": 20000, "n_neighbors": 5},
    default_seed=RANDOM_STATE,
)

# Where the two kinds of positive sit relative to the negatives (a unit Gaussian at 0).
_RING_CENTRE = (-2.0, 2.0, 0.0, 0.0)
_DIFFUSE_CENTRE = (2.0, 2.0, 0.0, 0.0)
_RING_SPREAD = 0.15


def run(seed: int, params: Mapping[str, ParamValue]) -> DemoOutcome:
    """Fit both models on one stratified split; compare ROC AUC and PR AUC on the hold-out."""
    from sklearn.datasets import make_blobs
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.neighbors import KNeighborsClassifier

    rate = require_rate("positive_rate", float(params["positive_rate"]), 0.002, 0.05)
    n_samples = require_int("n_samples", float(params["n_samples"]), 5000, 200_000)
    n_neighbors = require_int("n_neighbors", float(params["n_neighbors"]), 1, 50)

    positives = max(4, round(n_samples * rate))
    X, blob = make_blobs(
        n_samples=[n_samples - positives, positives // 2, positives - positives // 2],
        centers=[(0.0, 0.0, 0.0, 0.0), _RING_CENTRE, _DIFFUSE_CENTRE],
        cluster_std=[1.0, _RING_SPREAD, 1.0],
        random_state=seed,
    )
    y = (blob > 0).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    models = {
        "logistic regression": LogisticRegression(solver="newton-cholesky"),
        f"{n_neighbors}-nearest neighbours": KNeighborsClassifier(n_neighbors=n_neighbors),
    }
    rows: list[list[str | float | int]] = []
    aucs: list[tuple[float, float]] = []
    series = []
    for name, model in models.items():
        scores = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
        roc, pr = (
            float(roc_auc_score(y_test, scores)),
            float(average_precision_score(y_test, scores)),
        )
        aucs.append((roc, pr))
        rows.append([name, fig(roc), fig(pr)])
        precision, recall, _ = precision_recall_curve(y_test, scores)
        series.append(curve(name, recall[::-1].tolist(), precision[::-1].tolist()))

    base_rate = float(y_test.mean())
    rows.append(["random guessing", 0.5, fig(base_rate)])
    (lr_roc, lr_pr), (knn_roc, knn_pr) = aucs
    holds = lr_roc > knn_roc and knn_pr > lr_pr and min(lr_roc, knn_roc) >= 0.75
    return DemoOutcome(
        claim_holds=holds,
        metrics=MetricsTable(columns=["model", "ROC AUC", "PR AUC"], rows=rows),
        series=series,
        x_label="recall",
        y_label="precision",
        plot_title="Precision-recall curves on the hold-out",
        takeaway=(
            f"At {pct(rate)} positives, logistic regression wins on ROC AUC ({lr_roc:.2f} vs "
            f"{knn_roc:.2f}) but kNN wins on PR AUC ({knn_pr:.2f} vs {lr_pr:.2f}); random "
            f"guessing scores 0.50 ROC AUC but only {base_rate:.3f} PR AUC, so PR AUC is the "
            f"one that shows how clean the alerts are."
        ),
    )
