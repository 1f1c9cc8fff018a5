"""Demo timings: per-demo compute time, overhead against a bare script, total, peak memory.

Usage: python benchmarks/demo_times.py [--runs N]

For each demo, runs `run_demo` (registry, parameter checks, DemoResult, table, series and
takeaway) and a bare function doing the same computation inlined (same data, same models,
same metrics, nothing else), alternating the two so machine load hits both alike, and
prints the medians and their ratio. `run_demo` limits BLAS/OpenMP to one thread, so the
bare function runs under the same limit; its median with the default threads is shown
too. Then, each in a fresh process: peak memory per demo (ru_maxrss after imports and
after the run, and the tracemalloc peak of the run), the cold total of all demos including
the imports, and proof that scikit-learn is imported only once a demo runs.
Targets: median <= 1.0 s per demo, ratio <= 1.2, total <= 6 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

HEAVY = ("numpy", "scipy", "sklearn", "imblearn")


def bare_accuracy_paradox(seed: int) -> Any:
    """accuracy-paradox without the registry: two fits, four metrics each."""
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

    X, y = make_classification(
        n_samples=20000, n_features=10, n_informative=4, weights=[0.99], flip_y=0,
        random_state=seed,
    )  # fmt: skip
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    out = []
    for model in (
        DummyClassifier(strategy="most_frequent"),
        LogisticRegression(class_weight="balanced", solver="newton-cholesky"),
    ):
        p = model.fit(Xa, ya).predict(Xb)
        recall = recall_score(yb, p, zero_division=0)
        precision = precision_score(yb, p, zero_division=0)
        out.append((accuracy_score(yb, p), recall, precision, balanced_accuracy_score(yb, p)))
    return out


def bare_resampling_leakage(seed: int) -> Any:
    """resampling-leakage without the registry: leaky and honest out-of-fold predictions."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline
    from sklearn.datasets import make_classification
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.neighbors import KNeighborsClassifier

    X, y = make_classification(
        n_samples=2000, n_features=10, n_informative=4, weights=[0.95], flip_y=0.01,
        class_sep=0.8, random_state=seed,
    )  # fmt: skip
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    knn = KNeighborsClassifier(n_neighbors=5)
    Xr, yr = SMOTE(random_state=seed).fit_resample(X, y)
    leaky = cross_val_predict(knn, Xr, yr, cv=cv)
    honest = cross_val_predict(Pipeline([("s", SMOTE(random_state=seed)), ("k", knn)]), X, y, cv=cv)
    return [
        (f1_score(t, p), recall_score(t, p), precision_score(t, p, zero_division=0))
        for t, p in ((yr, leaky), (y, leaky[: len(y)]), (y, honest))
    ]


def bare_threshold_cost(seed: int) -> Any:
    """threshold-cost without the registry: tuned vs fixed threshold, held-out cost."""
    import numpy as np
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix, make_scorer
    from sklearn.model_selection import (
        FixedThresholdClassifier,
        TunedThresholdClassifierCV,
        train_test_split,
    )

    def cost(t: Any, p: Any) -> float:
        t, p = np.asarray(t), np.asarray(p)
        return float(50.0 * np.count_nonzero((t == 1) & (p == 0))
                     + 5.0 * np.count_nonzero((t == 0) & (p == 1)))  # fmt: skip

    X, y = make_classification(
        n_samples=5000, n_features=10, n_informative=4, weights=[0.95], flip_y=0.01,
        random_state=seed,
    )  # fmt: skip
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    base = LogisticRegression(solver="newton-cholesky")
    tuned = TunedThresholdClassifierCV(
        base, scoring=make_scorer(cost, greater_is_better=False), cv=5, thresholds=100,
        store_cv_results=True,
    ).fit(Xa, ya)  # fmt: skip
    fixed = FixedThresholdClassifier(base, threshold=0.5).fit(Xa, ya)
    return [(confusion_matrix(yb, m.predict(Xb)).ravel(), cost(yb, m.predict(Xb)))
            for m in (fixed, tuned)]  # fmt: skip


def bare_pr_vs_roc(seed: int) -> Any:
    """pr-vs-roc without the registry: two models, two AUCs and a PR curve each."""
    from sklearn.datasets import make_blobs
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.neighbors import KNeighborsClassifier

    X, blob = make_blobs(
        n_samples=[19900, 50, 50],
        centers=[(0.0, 0.0, 0.0, 0.0), (-2.0, 2.0, 0.0, 0.0), (2.0, 2.0, 0.0, 0.0)],
        cluster_std=[1.0, 0.15, 1.0], random_state=seed,
    )  # fmt: skip
    y = (blob > 0).astype(int)
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    out = []
    for model in (LogisticRegression(solver="newton-cholesky"), KNeighborsClassifier(5)):
        s = model.fit(Xa, ya).predict_proba(Xb)[:, 1]
        out.append((roc_auc_score(yb, s), average_precision_score(yb, s),
                    precision_recall_curve(yb, s)))  # fmt: skip
    return out


def bare_class_weight(seed: int) -> Any:
    """class-weight without the registry: four variants, recall / mean prob / Brier."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import make_classification
    from sklearn.frozen import FrozenEstimator
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, precision_score, recall_score
    from sklearn.model_selection import FixedThresholdClassifier, train_test_split

    X, y = make_classification(
        n_samples=4000, n_features=10, n_informative=4, weights=[0.95], flip_y=0.01,
        random_state=seed,
    )  # fmt: skip
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.5, stratify=y, random_state=seed)
    weighted = LogisticRegression(class_weight="balanced", solver="newton-cholesky")
    calibrated = CalibratedClassifierCV(weighted, method="sigmoid", cv=3)
    models = [LogisticRegression(solver="newton-cholesky"), weighted, calibrated]
    out = []
    for model in models:
        model.fit(Xa, ya)
    models.append(FixedThresholdClassifier(FrozenEstimator(calibrated), threshold=ya.mean()))
    models[-1].fit(Xa, ya)
    for model in models:
        p, s = model.predict(Xb), model.predict_proba(Xb)[:, 1]
        out.append((recall_score(yb, p), s.mean(), brier_score_loss(yb, s),
                    precision_score(yb, p, zero_division=0)))  # fmt: skip
    return out


def bare_undersampling_loss(seed: int) -> Any:
    """undersampling-loss without the registry: 5 small draws and one large set, two models."""
    from imblearn.pipeline import Pipeline
    from imblearn.under_sampling import RandomUnderSampler
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    X, y = make_classification(
        n_samples=30000, n_features=30, n_informative=15, weights=[0.95], flip_y=0,
        class_sep=0.8, n_clusters_per_class=1, random_state=seed,
    )  # fmt: skip
    Xt, yt = X[20000:], y[20000:]
    out = []
    for rows in [slice(i * 1000, (i + 1) * 1000) for i in range(5)] + [slice(0, 20000)]:
        for model in (
            LogisticRegression(class_weight="balanced", solver="newton-cholesky"),
            Pipeline([("u", RandomUnderSampler(random_state=seed)),
                      ("m", LogisticRegression(solver="newton-cholesky"))]),
        ):  # fmt: skip
            s = model.fit(X[rows], y[rows]).predict_proba(Xt)[:, 1]
            out.append(average_precision_score(yt, s))
    return out


def bare_stratified_cv(seed: int) -> Any:
    """stratified-cv without the registry: positives per fold and precision per fold."""
    import numpy as np
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedKFold, RepeatedStratifiedKFold

    X, y = make_classification(
        n_samples=1000, n_features=10, n_informative=4, weights=[0.98], flip_y=0,
        random_state=seed,
    )  # fmt: skip
    model = LogisticRegression(class_weight="balanced", solver="newton-cholesky")
    out = []
    for cv in (
        RepeatedKFold(n_splits=5, n_repeats=10, random_state=seed),
        RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=seed),
    ):
        counts, scores = [], []
        for train, test in cv.split(X, y):
            p = model.fit(X[train], y[train]).predict(X[test]) == 1
            t = y[test] == 1
            counts.append(int(t.sum()))
            scores.append(int((p & t).sum()) / int(p.sum()) if p.any() else 0.0)
        out.append((counts, np.std(scores)))
    return out


BARE: dict[str, Callable[[int], Any]] = {
    "accuracy-paradox": bare_accuracy_paradox,
    "resampling-leakage": bare_resampling_leakage,
    "threshold-cost": bare_threshold_cost,
    "pr-vs-roc": bare_pr_vs_roc,
    "class-weight": bare_class_weight,
    "undersampling-loss": bare_undersampling_loss,
    "stratified-cv": bare_stratified_cv,
}


def _in_fresh_process(code: str) -> Any:
    """Run `code` in a new interpreter; it prints one JSON value, which is returned."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


_MEMORY_PROBE = """
import json, resource, sys, time, tracemalloc
from mockround.demos.registry import run_demo
import numpy, sklearn, imblearn
import sklearn.linear_model, sklearn.model_selection, sklearn.neighbors, sklearn.calibration
import imblearn.pipeline, imblearn.over_sampling, imblearn.under_sampling
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
run_demo({demo!r})  # warm: first-call caches are not the demo's memory
tracemalloc.start()
run_demo({demo!r})
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([base / 1024, after / 1024, peak / 2**20]))
"""

_COLD_TOTAL = """
import json, time
started = time.perf_counter()
from mockround.demos.registry import demo_ids, run_demo
times = [run_demo(d).runtime_seconds for d in demo_ids()]
print(json.dumps([time.perf_counter() - started, sum(times)]))
"""

# A user's first run of one demo: a fresh process, `mockround demo ID` as typed (parse, import
# scikit-learn and imbalanced-learn, fit, print), timed from just before the process starts.
_COLD_ONE = """
import contextlib, io, json, os, time
from mockround.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    main(["demo", {demo!r}, "--json"])
inside = json.loads(out.getvalue())["runtime_seconds"]
print(json.dumps([time.time() - float(os.environ["START_STAMP"]), inside]))
"""


def cold_first_runs(runs: int) -> dict[str, tuple[float, float]]:
    """Per demo: median seconds (command start to result, inside run_demo) of fresh runs."""
    import os

    figures: dict[str, tuple[float, float]] = {}
    from mockround.demos.registry import demo_ids

    for demo in demo_ids():
        walls, insides = [], []
        for _ in range(runs):
            env = {**os.environ, "START_STAMP": repr(time.time())}
            done = subprocess.run(
                [sys.executable, "-c", _COLD_ONE.format(demo=demo)],
                capture_output=True, text=True, check=True, timeout=300, env=env,
            )  # fmt: skip
            wall, inside = json.loads(done.stdout.strip().splitlines()[-1])
            walls.append(wall)
            insides.append(inside)
        figures[demo] = (statistics.median(walls), statistics.median(insides))
    return figures


def print_cold(runs: int) -> None:
    """The first run of each demo in a fresh process, as a user meets it."""
    print(f"\n{'first run, fresh process':28} {'command s':>10} {'in run_demo s':>14}")
    for demo, (wall, inside) in cold_first_runs(runs).items():
        print(f"{demo:28} {wall:10.2f} {inside:14.2f}")


_IMPORT_PROBE = """
import contextlib, io, json, sys
from mockround.demos import registry
from mockround.cli import main
registry.list_specs()
with contextlib.redirect_stdout(io.StringIO()):
    main(["demo", "--list"])
before = [m for m in {heavy!r} if m in sys.modules]
registry.run_demo("accuracy-paradox")
after = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps([before, after]))
"""


def main() -> int:
    """Print the figures; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per demo (default 7)")
    parser.add_argument(
        "--cold-only", action="store_true", help="only the first run of each demo, fresh process"
    )
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes per demo")
    args = parser.parse_args()
    if args.cold_only:
        print_cold(args.cold_runs)
        return 0

    from threadpoolctl import threadpool_limits

    from mockround.demos.registry import demo_ids, run_demo

    failures: list[str] = []
    print(
        f"{'demo':20} {'median s':>9} {'bare s':>8} {'ratio':>6} {'min s':>7} {'max s':>7} "
        f"{'bare, default threads':>22}"
    )
    total = 0.0
    for demo in demo_ids():
        bare = BARE[demo]
        run_demo(demo)  # warm-up: imports and first-call caches
        bare(0)
        demo_times: list[float] = []
        bare_times: list[float] = []
        threaded_times: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run_demo(demo, seed=0)
            demo_times.append(time.perf_counter() - started)
            # run_demo limits BLAS/OpenMP to one thread; the bare script does the same.
            started = time.perf_counter()
            with threadpool_limits(limits=1):
                bare(0)
            bare_times.append(time.perf_counter() - started)
        # Apart, afterwards: threads left spinning by a multi-threaded run slow whatever
        # runs next, so interleaving these would tax the runs above.
        for _ in range(args.runs):
            started = time.perf_counter()
            bare(0)
            threaded_times.append(time.perf_counter() - started)
        median, bare_median = statistics.median(demo_times), statistics.median(bare_times)
        ratio = median / bare_median
        total += median
        print(
            f"{demo:20} {median:9.3f} {bare_median:8.3f} {ratio:6.2f} "
            f"{min(demo_times):7.3f} {max(demo_times):7.3f} "
            f"{statistics.median(threaded_times):22.3f}"
        )
        if median > 1.0:
            failures.append(f"{demo}: median {median:.3f} s > 1.0 s")
        if ratio > 1.2:
            failures.append(f"{demo}: {ratio:.2f}x the bare script > 1.2x")
    print(f"{'all demos (warm)':20} {total:9.3f}")
    if total > 6.0:
        failures.append(f"all demos {total:.2f} s > 6 s")

    cold_wall, cold_compute = _in_fresh_process(_COLD_TOTAL)
    print(
        f"all demos, fresh process: {cold_wall:.2f} s wall including imports "
        f"({cold_compute:.2f} s inside run_demo)"
    )

    print(f"\n{'peak memory (fresh process)':28} {'RSS after imports':>18} {'RSS peak':>9} "
          f"{'traced peak':>12}")  # fmt: skip
    for demo in demo_ids():
        base, after, traced = _in_fresh_process(_MEMORY_PROBE.format(demo=demo))
        print(f"{demo:28} {base:15.0f} MB {after:6.0f} MB {traced:9.1f} MB")

    print_cold(args.cold_runs)

    before, after = _in_fresh_process(_IMPORT_PROBE.format(heavy=HEAVY))
    print(f"\nheavy modules after importing the registry and `demo --list`: {before or 'none'}")
    print(f"heavy modules after running one demo: {after}")
    if before:
        failures.append(f"listing demos imported {before}")

    for failure in failures:
        print(f"MISSED: {failure}")
    print("all targets met" if not failures else f"{len(failures)} target(s) missed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
