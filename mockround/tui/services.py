"""Everything the app depends on, injected through one object so tests build it deterministically.

The TUI holds no logic of its own: it calls the store, the graders and the demos through
this object. `build_services` wires the real ones; tests pass their own clock, store or
grader factory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from mockround.tui.clock import Clock, SystemClock

if TYPE_CHECKING:
    from mockround.bank import Bank, Question
    from mockround.config import Settings
    from mockround.demos.models import DemoResult
    from mockround.grading import Grade, Grader
    from mockround.grading.exchange import LLMExchange
    from mockround.store import Store


class DemoCatalog(Protocol):
    """The demos the app can list and run."""

    def list_specs(self) -> list[Any]:
        """Every demo spec (id, title, claim, criteria)."""
        ...

    def run(self, demo_id: str, seed: int | None = None) -> DemoResult:
        """Run one demo; blocking (call it from a worker)."""
        ...


class RegistryDemos:
    """The real demo registry, imported only when first used."""

    def list_specs(self) -> list[Any]:
        """Every demo spec from mockround.demos.registry."""
        from mockround.demos.registry import list_specs

        return list(list_specs())

    def run(self, demo_id: str, seed: int | None = None) -> DemoResult:
        """Run a demo through the registry."""
        from mockround.demos.registry import run_demo

        return run_demo(demo_id, seed=seed)


@dataclass
class Services:
    """The app's dependencies.

    The settings, the bank and the store may arrive late: `load_settings`, `load_bank` and
    `open_store` build them on first use (the app asks from a worker right after Home's first
    paint), so validating them and opening the database never hold up the first screen.
    """

    load_settings: Callable[[], Settings]
    load_bank: Callable[[], Bank]
    open_store: Callable[[Bank], Store]
    grader_factory: Callable[[], Grader]
    clock: Clock = field(default_factory=SystemClock)
    demos: DemoCatalog = field(default_factory=RegistryDemos)
    _settings: Settings | None = field(default=None, init=False, repr=False)
    # Its own lock: opening the store (under `_loading`) reads the settings.
    _settings_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _bank: Bank | None = field(default=None, init=False, repr=False)
    _store: Store | None = field(default=None, init=False, repr=False)
    _loading: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _grader: Grader | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _grading: threading.local = field(default_factory=threading.local, init=False, repr=False)
    _model_grades: dict[tuple[str, str], Grade] = field(
        default_factory=dict, init=False, repr=False
    )

    @property
    def settings(self) -> Settings:
        """The validated settings (resolved on first use)."""
        with self._settings_lock:
            if self._settings is None:
                self._settings = self.load_settings()
            return self._settings

    @property
    def settings_loaded(self) -> bool:
        """Whether the settings were validated already (reading them costs nothing)."""
        return self._settings is not None

    @property
    def bank(self) -> Bank:
        """The question bank (loaded and validated on first use)."""
        with self._loading:
            if self._bank is None:
                self._bank = self.load_bank()
            return self._bank

    @property
    def store(self) -> Store:
        """The history store (opened on first use; its plan takes targets from the bank)."""
        bank = self.bank
        with self._loading:
            if self._store is None:
                self._store = self.open_store(bank)
            return self._store

    @property
    def loaded(self) -> bool:
        """Whether the bank and the store are ready (nothing to wait for)."""
        return self._bank is not None and self._store is not None

    def close(self) -> None:
        """Close the store if it was ever opened."""
        if self._store is not None:
            self._store.close()

    def grader(self) -> Grader:
        """The grader, built on first use (in a worker thread: its imports never block the UI)."""
        with self._lock:
            if self._grader is None:
                self._grader = self.grader_factory()
            return self._grader

    def model_answer_grade(self, question: Question) -> Grade:
        """The question's model answer graded offline (blocking; cached per question text).

        The app's grader when it is an offline one (the same grader the answer met), else the
        OfflineGrader: an LLM call per look at the model answer would cost money and time.
        """
        key = (question.id, question.model_answer)
        with self._lock:
            cached = self._model_grades.get(key)
        if cached is not None:
            return cached
        grader = self.grader()
        if grader.needs_network:
            from mockround.grading.offline import OfflineGrader

            grader = OfflineGrader()
        grade = grader.grade(question, question.model_answer)
        with self._lock:
            self._model_grades[key] = grade
        return grade

    @contextmanager
    def grading(self, attempt_id: str) -> Iterator[None]:
        """Within this block, LLM exchanges made by this thread are logged against attempt_id."""
        self._grading.attempt_id = attempt_id
        try:
            yield
        finally:
            self._grading.attempt_id = None

    def log_exchange(self, exchange: LLMExchange) -> None:
        """Keep an LLM request/response in the history, linked to the attempt being graded."""
        self.store.log_exchange(exchange, getattr(self._grading, "attempt_id", None))


def default_grader_factory(
    settings: Settings, on_exchange: Callable[[LLMExchange], None] | None = None
) -> Callable[[], Grader]:
    """A factory for the grader the settings choose (offline unless an LLM is configured)."""

    def build() -> Grader:
        from mockround.grading.select import make_grader

        return make_grader(settings, on_exchange=on_exchange)

    return build


def build_services(
    settings: Settings | Callable[[], Settings],
    bank: Bank | None = None,
    *,
    store: Store | None = None,
    grader_factory: Callable[[], Grader] | None = None,
    clock: Clock | None = None,
    demos: DemoCatalog | None = None,
) -> Services:
    """The real services, with any of them replaceable.

    `settings` may be a function that resolves them: then they are validated on first use.
    Without `bank` the shipped bank is loaded on first use; without `store` the database at
    settings.db_path is opened on first use.
    """
    services: Services

    def real_grader() -> Grader:
        # The LLM grader reports every exchange; the history keeps it with the attempt.
        return default_grader_factory(services.settings, services.log_exchange)()

    def real_store(bank: Bank) -> Store:
        return _open_store(services.settings, bank)

    services = Services(
        load_settings=settings if callable(settings) else lambda: settings,
        load_bank=(lambda: bank) if bank is not None else _load_shipped_bank,
        open_store=(lambda _bank: store) if store is not None else real_store,
        grader_factory=grader_factory or real_grader,
        clock=clock or SystemClock(),
        demos=demos or RegistryDemos(),
    )
    if not callable(settings):
        services._settings = settings
    if bank is not None:
        services._bank = bank
    if store is not None:
        services._store = store
    return services


def _load_shipped_bank() -> Bank:
    # Imported here: the bank's models (and their validation) wait until after the first paint.
    from mockround.bank import load_bank_or_fail

    return load_bank_or_fail()


def _open_store(settings: Settings, bank: Bank) -> Store:
    from mockround.plan.catalog import catalog_from_bank
    from mockround.store import Store

    # The bank is already loaded: the plan takes its follow-up targets from it.
    return Store.open(settings.db_path, catalog=catalog_from_bank(bank))
