"""Test data for the TUI tests: small fakes of the grader and the demos, and a fixed history
(written through the real Store) for history, compare and snapshot tests."""

from __future__ import annotations

from pathlib import Path

from mockround.bank import Question, load_bank
from mockround.demos.models import DemoResult, DemoSpec, MetricsTable, Series
from mockround.grading import CriterionScore, Evidence, Grade, Grader, RedFlagHit, band_for
from mockround.grading.scoring import count_words, speaking_seconds
from mockround.store import Store
from mockround.tui.clock import ManualClock
from mockround.tui.services import DemoCatalog


class KeywordGrader(Grader):
    """A tiny stand-in grader for UI tests: a criterion scores 2 when its id appears in the answer.

    The whole-loop test uses the real OfflineGrader; this one keeps UI tests independent of it.
    """

    name = "keyword"

    def grade(self, question: Question, answer: str) -> Grade:
        """Score each criterion by whether its id is written in the answer."""
        criteria = []
        lowered = answer.lower()
        for criterion in question.rubric.criteria:
            at = lowered.find(criterion.id)
            evidence = [Evidence.of(answer, at, at + len(criterion.id))] if at >= 0 else []
            criteria.append(
                CriterionScore(
                    id=criterion.id,
                    score=2 if evidence else 0,
                    evidence=evidence,
                    feedback=f"You {'named' if evidence else 'did not name'} {criterion.label}.",
                )
            )
        flags = []
        at = lowered.find("accuracy")
        if at >= 0:
            flags.append(
                RedFlagHit(id="accuracy_endorsed", evidence=[Evidence.of(answer, at, at + 8)])
            )
        rubric_flags = {f.id for f in question.rubric.red_flags}
        flags = [f for f in flags if f.id in rubric_flags]
        # Unweighted on purpose: UI snapshots must not move when a rubric weight is tuned.
        earned = sum(c.score for c in criteria) / (2 * len(criteria))
        overall = max(0, round(100 * earned) - 15 * len(flags))
        words = count_words(answer)
        return Grade(
            question_id=question.id,
            grader=self.name,
            overall=overall,
            band=band_for(overall),
            criteria=criteria,
            red_flags=flags,
            words=words,
            speaking_seconds=speaking_seconds(words),
            warnings=["llm_fallback: test warning shown to the user"],
        )


TAIL = "and this sentence ends the feedback here."


class WordyGrader(KeywordGrader):
    """The keyword grader with feedback as long as the offline grader's (for wrapping)."""

    def grade(self, question: Question, answer: str) -> Grade:
        """Each criterion's feedback runs to about 130 characters."""
        grade = super().grade(question, answer)
        for score in grade.criteria:
            score.feedback = f"{score.feedback} A long explanation of what was missing {TAIL}"
        return grade


class FakeDemos(DemoCatalog):
    """Two instant demos with fixed numbers, for UI tests that are not about scikit-learn."""

    def list_specs(self) -> list[DemoSpec]:
        """Fixed specs."""
        return [
            DemoSpec(
                id="accuracy-paradox",
                title="The accuracy paradox",
                claim="An all-negative model scores the base rate.",
                criteria=("metrics",),
            ),
            DemoSpec(
                id="threshold-cost",
                title="Threshold by cost",
                claim="Tuning the threshold lowers the cost.",
                criteria=("threshold",),
            ),
        ]

    def run(self, demo_id: str, seed: int | None = None) -> DemoResult:
        """A fixed result."""
        spec = {s.id: s for s in self.list_specs()}[demo_id]
        return DemoResult(
            id=spec.id,
            title=spec.title,
            claim=spec.claim,
            criteria=spec.criteria,
            claim_holds=True,
            seed=seed or 0,
            params={},
            runtime_seconds=0.01,
            metrics=MetricsTable(
                columns=["model", "accuracy", "recall"],
                rows=[["all negative", 0.99, 0.0], ["weighted", 0.72, 0.71]],
            ),
            # Two bar series, the tallest first, as in the real accuracy-paradox: the plot
            # where a legend inside the frame once covered the 0.99 bar.
            series=[
                Series(name="all negative", x=[0.0, 1.0], y=[0.99, 0.0], kind="bar"),
                Series(name="weighted", x=[0.0, 1.0], y=[0.72, 0.71], kind="bar"),
            ],
            x_label="metric",
            y_label="score",
            plot_title="Accuracy ranks the do-nothing model first",
            x_ticks=["accuracy", "recall"],
            takeaway="FAKE TAKEAWAY: 99% accuracy, 0% recall.",
        )


# (question id, mode, answer, criterion scores, red flags, overall). The overall is fixed here,
# not computed from the rubric's weights, so snapshots do not move when a weight is tuned.
ATTEMPTS: tuple[tuple[str, str, str, dict[str, int], list[str], int], ...] = (
    (
        "imbalanced-data",
        "drill",
        "I would oversample with SMOTE and check accuracy.",
        {"resampling": 1, "metrics": 1},
        ["accuracy_endorsed"],
        12,
    ),
    (
        "which-metric",
        "followup",
        "Recall, because missing a fraud case costs more than a false alarm.",
        {},
        [],
        50,
    ),
    (
        "imbalanced-data",
        "drill",
        "First the cost of each error. Then class weights, SMOTE only inside the folds, "
        "a tuned threshold and PR AUC under stratified cross-validation.",
        {
            "context": 2,
            "weighting": 2,
            "resampling": 2,
            "leakage": 2,
            "threshold": 2,
            "metrics": 2,
            "validation": 1,
            "diagnosis": 0,
        },
        [],
        81,
    ),
)


def seed_history(db_path: Path, clock: ManualClock) -> list[str]:
    """Store the fixed attempts, one a day apart; return their ids oldest first."""
    bank = load_bank()
    ids: list[str] = []
    parent: str | None = None
    with Store.open(db_path, clock=clock.now) as store:
        for question_id, mode, text, scores, flags, overall in ATTEMPTS:
            question = bank.get(question_id)
            attempt_id = store.start_attempt(
                question_id,
                mode=mode,  # type: ignore[arg-type]
                time_limit=90,
                parent_id=parent if mode == "followup" else None,
            )
            clock.advance(62)
            store.submit(attempt_id, text)
            criteria = [
                CriterionScore(
                    id=c.id,
                    score=scores.get(c.id, 1 if question.is_followup else 0),
                    evidence=[Evidence.of(text, 0, 5)] if scores.get(c.id) else [],
                    feedback=f"{c.label}: fixed feedback.",
                )
                for c in question.rubric.criteria
            ]
            words = count_words(text)
            store.add_grade(
                attempt_id,
                Grade(
                    question_id=question_id,
                    grader="offline",
                    overall=overall,
                    band=band_for(overall),
                    criteria=criteria,
                    red_flags=[RedFlagHit(id=f) for f in flags],
                    words=words,
                    speaking_seconds=speaking_seconds(words),
                ),
            )
            parent = attempt_id
            ids.append(attempt_id)
            clock.advance(86_400)
    return ids
