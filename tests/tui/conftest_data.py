"""A fixed history for history, compare and snapshot tests (written through the real Store)."""

from __future__ import annotations

from pathlib import Path

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Evidence, Grade, band_for
from mockround.grading.scoring import count_words, overall_score, speaking_seconds
from mockround.store import Store
from mockround.tui.clock import ManualClock

# (question id, mode, answer, criterion scores, red flags); overall follows from the rubric.
ATTEMPTS: tuple[tuple[str, str, str, dict[str, int], list[str]], ...] = (
    (
        "imbalanced-data", "drill",
        "I would oversample with SMOTE and check accuracy.",
        {"resampling": 1, "metrics": 1}, ["accuracy_endorsed"],
    ),
    (
        "which-metric", "followup",
        "Recall, because missing a fraud case costs more than a false alarm.",
        {}, [],
    ),
    (
        "imbalanced-data", "drill",
        "First the cost of each error. Then class weights, SMOTE only inside the folds, "
        "a tuned threshold and PR AUC under stratified cross-validation.",
        {"context": 2, "weighting": 2, "resampling": 2, "leakage": 2, "threshold": 2,
         "metrics": 2, "validation": 1, "diagnosis": 0},
        [],
    ),
)


def seed_history(db_path: Path, clock: ManualClock) -> list[str]:
    """Store the fixed attempts, one a day apart; return their ids oldest first."""
    bank = load_bank()
    ids: list[str] = []
    parent: str | None = None
    with Store.open(db_path, clock=clock.now) as store:
        for question_id, mode, text, scores, flags in ATTEMPTS:
            question = bank.get(question_id)
            attempt_id = store.start_attempt(
                question_id, mode=mode,  # type: ignore[arg-type]
                time_limit=90, parent_id=parent if mode == "followup" else None,
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
            overall = overall_score(question.rubric, {c.id: c.score for c in criteria}, flags)
            words = count_words(text)
            store.add_grade(
                attempt_id,
                Grade(
                    question_id=question_id, grader="offline", overall=overall,
                    band=band_for(overall), criteria=criteria,
                    red_flags=[{"id": f} for f in flags],  # type: ignore[misc]
                    words=words, speaking_seconds=speaking_seconds(words),
                ),
            )
            parent = attempt_id
            ids.append(attempt_id)
            clock.advance(86_400)
    return ids
