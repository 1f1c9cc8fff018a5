"""Fixtures for the TUI tests: a hand-wound clock, a real store in a temp dir, an app factory."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from mockround.bank import Bank, Question, load_bank
from mockround.config import Settings
from mockround.demos.models import DemoResult, DemoSpec, MetricsTable, Series
from mockround.grading import CriterionScore, Evidence, Grade, Grader, RedFlagHit, band_for
from mockround.grading.scoring import count_words, overall_score, speaking_seconds
from mockround.store import Store
from mockround.tui.app import DrillStart, MockRoundApp, create_app
from mockround.tui.clock import ManualClock
from mockround.tui.services import DemoCatalog

AppFactory = Callable[..., MockRoundApp]


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
        overall = overall_score(
            question.rubric, {c.id: c.score for c in criteria}, [f.id for f in flags]
        )
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


class FailingGrader(Grader):
    """A grader that always raises, to show the failure path."""

    name = "failing"

    def grade(self, question: Question, answer: str) -> Grade:
        """Raise."""
        raise RuntimeError("server unreachable")


class FakeDemos(DemoCatalog):
    """Two instant demos with fixed numbers, for UI tests that are not about scikit-learn."""

    def list_specs(self) -> list[DemoSpec]:
        """Fixed specs."""
        return [
            DemoSpec(id="accuracy-paradox", title="The accuracy paradox",
                     claim="An all-negative model scores the base rate.", criteria=("metrics",)),
            DemoSpec(id="threshold-cost", title="Threshold by cost",
                     claim="Tuning the threshold lowers the cost.", criteria=("threshold",)),
        ]

    def run(self, demo_id: str, seed: int | None = None) -> DemoResult:
        """A fixed result."""
        spec = {s.id: s for s in self.list_specs()}[demo_id]
        return DemoResult(
            id=spec.id, title=spec.title, claim=spec.claim, criteria=spec.criteria,
            claim_holds=True, seed=seed or 0, params={}, runtime_seconds=0.01,
            metrics=MetricsTable(columns=["model", "accuracy", "recall"],
                                 rows=[["all negative", 0.99, 0.0], ["weighted", 0.93, 0.71]]),
            series=[Series(name="recall", x=[0.0, 1.0], y=[0.0, 0.71], kind="bar")],
            x_label="model", y_label="recall", plot_title="Recall by model",
            x_ticks=["all negative", "weighted"],
            takeaway="FAKE TAKEAWAY: 99% accuracy, 0% recall.",
        )


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The shipped bank."""
    return load_bank()


@pytest.fixture
def clock() -> ManualClock:
    """Time stands still unless a test advances it."""
    return ManualClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's history lives."""
    return tmp_path / "history.db"


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so times on screen are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def make_app(bank: Bank, clock: ManualClock, db_path: Path) -> Iterator[AppFactory]:
    """Build an app over a real store at db_path; graders and demos default to fakes."""
    stores: list[Store] = []

    def factory(
        *,
        grader: Callable[[], Grader] = KeywordGrader,
        demos: DemoCatalog | None = None,
        drill: DrillStart | None = None,
        settings: Settings | None = None,
    ) -> MockRoundApp:
        store = Store.open(db_path, clock=clock.now)
        stores.append(store)
        return create_app(
            settings or Settings(db=db_path), bank, drill=drill, store=store,
            grader_factory=grader, clock=clock, demos=demos or FakeDemos(),
        )

    yield factory
    for store in stores:
        store.close()


def _screen_text(app: MockRoundApp) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(
        app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens, simplify=True
        )
    )
    return console.export_text()


@pytest.fixture
def screen_text() -> Callable[[MockRoundApp], str]:
    """What the terminal shows right now, as plain text."""
    return _screen_text
