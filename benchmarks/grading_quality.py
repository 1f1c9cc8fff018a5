"""How far a grader agrees with expert labels on real answers, beside the human ceiling.

Usage:
  python benchmarks/grading_quality.py [--split dev|test|train|all]
                                       [--grader offline|offline-cues|llm]
                                       [--rubric ID]... [--criteria] [--raters]
  python benchmarks/grading_quality.py PATH... [--whole-process]   (the team's own labelled sets)

With no PATH it grades the corpus of real answers in `benchmarks/data/real/` (default: the dev
split; the test split is measured once per grader version, never tuned on) and prints, per
rubric and pooled per family (main question / follow-ups / related questions): macro-F1 of
coverage (score >= 1), exact 0/1/2 agreement, red-flag precision and recall, Spearman between
`overall` and the holistic label, how often the grader's evidence overlaps the labelled spans,
and the same figures for labeller b against labeller a on the same answers (the human ceiling).
`--criteria` adds per-criterion P/R/F1; `--raters` prints the labellers' agreement over the
whole corpus (Cohen's kappa per criterion, quadratic-weighted kappa of the holistic label).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from mockround.bank import Bank, load_bank
from mockround.evaluation.agreement import Figures, Judgement, compare, weighted_kappa
from mockround.evaluation.corpus import SPLITS, CorpusItem, family, load_corpus
from mockround.evaluation.judgements import grade_judgement, rater_judgement
from mockround.grading.base import Grader
from mockround.grading.contract import Grade

FAMILIES = ("main", "follow-ups", "related")


class Run:
    """One grader over a list of corpus items, with timings and which grader really answered."""

    def __init__(self, bank: Bank, grader: Grader, items: list[CorpusItem]) -> None:
        self.items = items
        self.grades: list[Grade] = []
        self.latencies: list[float] = []
        # Warm-up: load cues and models once, as a running app would.
        grader.grade(bank.get("imbalanced-data"), "warm up")
        for item in items:
            start = time.perf_counter()
            self.grades.append(grader.grade(bank.get(item.question), item.text))
            self.latencies.append((time.perf_counter() - start) * 1000)

    def figures(self, bank: Bank, chosen: list[int]) -> tuple[Figures, Figures]:
        """(grader vs resolved labels, labeller b vs labeller a) over the chosen items."""
        items = [self.items[i] for i in chosen]
        keys = [
            [f"{it.question}:{c}" for c in bank.get(it.question).rubric.criterion_ids]
            for it in items
        ]
        gold = [rater_judgement(it.text, it) for it in items]
        graded = compare([grade_judgement(self.grades[i]) for i in chosen], gold, keys)
        a = [rater_judgement(it.text, it.raters["a"]) for it in items]
        b = [rater_judgement(it.text, it.raters["b"]) for it in items]
        return graded, compare(b, a, keys)


def _row(name: str, n: int, got: Figures, human: Figures) -> str:
    hit = "-" if got.evidence_hit is None else f"{got.evidence_hit:.2f}"
    return (
        f"{name:<24} {n:>4}  {got.macro_f1:5.2f} {got.exact:5.2f} "
        f"{got.flag_precision:4.2f}/{got.flag_recall:4.2f} ({got.flags_gold:>2}) "
        f"{got.spearman:5.2f} {hit:>5}  | "
        f"{human.macro_f1:5.2f} {human.exact:5.2f} {human.spearman:5.2f}"
    )


def report_corpus(bank: Bank, run: Run, show_criteria: bool) -> None:
    """Per rubric, then pooled per family."""
    print(
        f"{'rubric':<24} {'n':>4}  {'mF1':>5} {'exact':>5} {'flags P/R (n)':>14} "
        f"{'rho':>5} {'evid':>5}  | human: {'mF1':>5} {'exact':>5} {'rho':>5}"
    )
    by_rubric: dict[str, list[int]] = {}
    by_family: dict[str, list[int]] = {}
    for i, item in enumerate(run.items):
        by_rubric.setdefault(item.question, []).append(i)
        by_family.setdefault(family(bank.get(item.question)), []).append(i)
    ordered = sorted(by_rubric, key=lambda q: (FAMILIES.index(family(bank.get(q))), q))
    for question in ordered:
        got, human = run.figures(bank, by_rubric[question])
        print(_row(question, len(by_rubric[question]), got, human))
        if show_criteria:
            for key, (p, r, f) in got.per_criterion.items():
                name = key.split(":")[1]
                kappa = got.kappa[key]
                print(f"    {name:<20} P {p:4.2f} R {r:4.2f} F1 {f:4.2f} kappa {kappa:5.2f}")
    print("-- pooled")
    for fam in FAMILIES:
        if fam in by_family:
            got, human = run.figures(bank, by_family[fam])
            print(_row(fam, len(by_family[fam]), got, human))
    got, human = run.figures(bank, list(range(len(run.items))))
    print(_row("all", len(run.items), got, human))
    graders = statistics.multimode(g.grader for g in run.grades)
    fallbacks = sum(g.grader == "offline" for g in run.grades)
    lat = sorted(run.latencies)
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))] if lat else 0.0
    print(f"grader: {', '.join(graders)} ({fallbacks} of {len(run.grades)} grades by offline)")
    print(f"latency per answer: p50 {lat[len(lat) // 2] if lat else 0.0:.1f} ms  p95 {p95:.1f} ms")


def report_raters(bank: Bank, items: list[CorpusItem]) -> None:
    """The two labellers' agreement: Cohen's kappa per criterion, QWK of the holistic label."""
    print("labeller agreement (a vs b, every split)")
    by_rubric: dict[str, list[CorpusItem]] = {}
    for item in items:
        by_rubric.setdefault(item.question, []).append(item)
    for question, rows in sorted(by_rubric.items()):
        kappas = []
        for cid in bank.get(question).rubric.criterion_ids:
            xs = [r.raters["a"].labels[cid] for r in rows]
            ys = [r.raters["b"].labels[cid] for r in rows]
            kappas.append(f"{cid} {weighted_kappa(xs, ys, (0, 1, 2), 0):.2f}")
        hx = [r.raters["a"].holistic for r in rows]
        hy = [r.raters["b"].holistic for r in rows]
        qwk = weighted_kappa(hx, hy, (1, 2, 3, 4, 5), 2)
        adjudicated = sum(bool(r.adjudicated) for r in rows)
        print(
            f"{question:<24} n {len(rows):>3}  QWK holistic {qwk:.2f}  third rater on {adjudicated}"
        )
        print(f"    kappa: {', '.join(kappas)}")
    hx = [r.raters["a"].holistic for r in items]
    hy = [r.raters["b"].holistic for r in items]
    print(f"all: n {len(items)}  QWK holistic {weighted_kappa(hx, hy, (1, 2, 3, 4, 5), 2):.2f}")


def report_team_set(bank: Bank, grader: Grader, path: Path) -> None:
    """The team's own labelled sets (regression checks, not evidence of quality on real answers)."""
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    predicted, gold, keys = [], [], []
    for row in rows:
        question = bank.get(row.get("question", "imbalanced-data"))
        predicted.append(grade_judgement(grader.grade(question, row["text"])))
        gold.append(Judgement(row["labels"], frozenset(row.get("red_flags", [])), row["holistic"]))
        keys.append([f"{question.id}:{c}" for c in row["labels"]])
    got = compare(predicted, gold, keys)
    print(
        f"== {path} ({got.answers} answers): macro-F1 {got.macro_f1:.3f}  exact {got.exact:.3f}  "
        f"red flags P {got.flag_precision:.2f} R {got.flag_recall:.2f}  Spearman {got.spearman:.3f}"
    )


def _best_of(command: list[str], runs: int = 5, stdin: bytes = b"") -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def whole_process() -> None:
    """Time `mockround grade` on one answer against `mockround --version` (best of 5)."""
    answer = b"I would weigh a missed fraud against a false alarm, then use class weights."
    base = [sys.executable, "-m", "mockround"]
    version = _best_of([*base, "--version"])
    grade = _best_of([*base, "grade", "--grader", "offline", "-"], stdin=answer)
    ratio = grade / version
    print(f"== whole process: --version {version:.0f} ms, grade {grade:.0f} ms, ratio {ratio:.2f}x")


def _grader(choice: str) -> Grader:
    from mockround.config import load_settings
    from mockround.grading.offline import OfflineGrader
    from mockround.grading.select import make_grader

    if choice == "offline-cues":
        # The ablation: hand-written cues alone, without the semantic layer.
        return OfflineGrader(use_semantic=False)
    settings, _ = load_settings()
    return make_grader(settings, choice)


CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01))


def report_calibration(run: Run) -> None:
    """Whether a criterion's confidence means what it says: agreement with gold by band.

    Covered means level >= 1; a confidence of 0.8 should be right about 8 times in 10, and
    the "unsure" mark (below UNSURE_BELOW) should fall where the grader is wrong most often.
    """
    from mockround.grading.contract import UNSURE_BELOW

    counts = {band: [0, 0, 0] for band in CONFIDENCE_BANDS}  # scores, covered right, level right
    for item, grade in zip(run.items, run.grades, strict=True):
        for score in grade.criteria:
            if score.confidence is None:
                continue
            band = next(b for b in CONFIDENCE_BANDS if b[0] <= score.confidence < b[1])
            gold = item.labels[score.id]
            counts[band][0] += 1
            counts[band][1] += (score.score > 0) == (gold > 0)
            counts[band][2] += score.score == gold
    print(f"-- confidence against gold (unsure below {UNSURE_BELOW})")
    print(f"{'confidence':<12}{'scores':>7}{'covered right':>15}{'level right':>13}")
    for (low, high), (n, covered, level) in counts.items():
        if n:
            name = f"{low:.2f}-{min(high, 1.0):.2f}"
            print(f"{name:<12}{n:>7}{covered / n:>15.2f}{level / n:>13.2f}")


def main(argv: Sequence[str]) -> int:
    """Grade the corpus split (or the given team sets) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev")
    parser.add_argument("--grader", choices=["offline", "offline-cues", "llm"], default="offline")
    parser.add_argument("--rubric", action="append", default=[])
    parser.add_argument("--criteria", action="store_true")
    parser.add_argument("--raters", action="store_true")
    parser.add_argument(
        "--calibration", action="store_true", help="agreement with gold by confidence band"
    )
    parser.add_argument("--whole-process", action="store_true")
    parser.add_argument(
        "--write-agreement",
        action="store_true",
        help="with --split test and the offline grader: write the figures the app quotes",
    )
    args = parser.parse_args(argv)
    bank = load_bank()
    grader = _grader(args.grader)
    if args.paths:
        for path in args.paths:
            report_team_set(bank, grader, path)
        if args.whole_process:
            whole_process()
        return 0
    if args.raters:
        report_raters(bank, load_corpus())
        return 0
    splits = SPLITS if args.split == "all" else (args.split,)
    items = [i for i in load_corpus(splits=splits) if not args.rubric or i.question in args.rubric]
    if not items:
        print("no corpus items for that selection", file=sys.stderr)
        return 1
    if args.split == "test":
        print("(test split: measure it once per grader version and report it as is)")
    print(f"== real answers, split {args.split}, grader {args.grader}")
    run = Run(bank, grader, items)
    report_corpus(bank, run, args.criteria)
    if args.calibration:
        report_calibration(run)
    if args.write_agreement:
        if args.split != "test" or args.grader != "offline" or args.rubric:
            print("--write-agreement needs --split test, the offline grader and every rubric")
            return 2
        write_agreement(bank, run)
    return 0


def write_agreement(bank: Bank, run: Run) -> None:
    """The per-rubric and per-family figures the app quotes, tied to this grader's digest."""
    import json

    from mockround.grading.trust import AGREEMENT_FILE, grader_digest

    groups: dict[str, dict[str, list[int]]] = {"rubrics": {}, "families": {}}
    for i, item in enumerate(run.items):
        groups["rubrics"].setdefault(item.question, []).append(i)
        groups["families"].setdefault(family(bank.get(item.question)), []).append(i)
    data: dict[str, object] = {"grader": "offline", "split": "test", "digest": grader_digest()}
    for kind, chosen in groups.items():
        data[kind] = {}
        for name, indices in sorted(chosen.items()):
            got, human = run.figures(bank, indices)
            data[kind][name] = {  # type: ignore[index]
                "answers": len(indices),
                "macro_f1": round(got.macro_f1, 3),
                "spearman": round(got.spearman, 3),
                "human_macro_f1": round(human.macro_f1, 3),
            }
    AGREEMENT_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {AGREEMENT_FILE}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
