"""Agreement between two judgements of the same answers: a grader against the labels, or two raters.

One `Judgement` shape serves both, so the human ceiling and a grader's figures are computed by
the same code and can be read side by side.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Judgement:
    """Scores, red flags, evidence spans (character ranges) and a single number to rank by."""

    scores: dict[str, int]
    red_flags: frozenset[str]
    rank_value: float
    """A grader's `overall`, or a rater's holistic label."""
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Figures:
    """Agreement of `predicted` with `gold` over one set of answers."""

    answers: int
    per_criterion: dict[str, tuple[float, float, float]]
    """(criterion key) -> precision, recall, F1 of coverage (score >= 1)."""
    kappa: dict[str, float]
    """(criterion key) -> Cohen's kappa on the 0/1/2 levels."""
    macro_f1: float
    exact: float
    flag_precision: float
    flag_recall: float
    flags_gold: int
    spearman: float
    evidence_hit: float | None
    """Of criteria both sides credit, the share where a predicted span overlaps a gold span."""


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side counts as perfect, as nothing was missed."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman rank correlation, average ranks for ties (0.0 when either side is constant)."""
    if len(xs) < 2:
        return 0.0
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def weighted_kappa(
    xs: Sequence[int], ys: Sequence[int], levels: Sequence[int], power: int
) -> float:
    """Cohen's kappa with disagreement weight |i-j|**power (0: unweighted, 2: quadratic)."""
    index = {level: i for i, level in enumerate(levels)}
    n = len(levels)
    observed = [[0.0] * n for _ in range(n)]
    for x, y in zip(xs, ys, strict=True):
        observed[index[x]][index[y]] += 1
    total = len(xs)
    if not total:
        return 1.0
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(n)) for j in range(n)]

    def weight(i: int, j: int) -> float:
        return float(i != j) if power == 0 else float(abs(i - j) ** power)

    seen = sum(weight(i, j) * observed[i][j] for i in range(n) for j in range(n))
    expected = sum(weight(i, j) * rows[i] * cols[j] / total for i in range(n) for j in range(n))
    # Both sides constant and equal: there was nothing to disagree on.
    return 1.0 - seen / expected if expected else (1.0 if seen == 0 else 0.0)


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def compare(
    predicted: Sequence[Judgement], gold: Sequence[Judgement], keys: Sequence[Sequence[str]]
) -> Figures:
    """Agreement of `predicted` with `gold`; `keys[i]` maps answer i's criteria to pooled keys.

    Keys let one call pool several rubrics: criterion `c` of rubric `r` is key `r:c`, so macro-F1
    is the mean over every (rubric, criterion) and never mixes two rubrics' criteria.
    """
    counts: dict[str, list[int]] = {}
    levels: dict[str, tuple[list[int], list[int]]] = {}
    exact = total = 0
    flag_tp = flag_fp = flag_fn = 0
    hits = both = 0
    for pred, ref, answer_keys in zip(predicted, gold, keys, strict=True):
        for key in answer_keys:
            cid = key.rsplit(":", 1)[-1]
            got, want = pred.scores.get(cid, 0), ref.scores.get(cid, 0)
            tally = counts.setdefault(key, [0, 0, 0])
            tally[0] += got >= 1 and want >= 1
            tally[1] += got >= 1 and want == 0
            tally[2] += got == 0 and want >= 1
            xs, ys = levels.setdefault(key, ([], []))
            xs.append(got)
            ys.append(want)
            exact += got == want
            total += 1
            if got >= 1 and want >= 1 and pred.spans.get(cid) and ref.spans.get(cid):
                both += 1
                hits += _overlaps(pred.spans[cid], ref.spans[cid])
        flag_tp += len(pred.red_flags & ref.red_flags)
        flag_fp += len(pred.red_flags - ref.red_flags)
        flag_fn += len(ref.red_flags - pred.red_flags)
    per = {key: prf(*tally) for key, tally in counts.items()}
    fp, fr, _ = prf(flag_tp, flag_fp, flag_fn)
    return Figures(
        answers=len(gold),
        per_criterion=per,
        kappa={key: weighted_kappa(x, y, (0, 1, 2), 0) for key, (x, y) in levels.items()},
        macro_f1=statistics.fmean(f for _, _, f in per.values()) if per else 0.0,
        exact=exact / total if total else 0.0,
        flag_precision=fp,
        flag_recall=fr,
        flags_gold=flag_tp + flag_fn,
        spearman=spearman([p.rank_value for p in predicted], [g.rank_value for g in gold]),
        evidence_hit=hits / both if both else None,
    )
