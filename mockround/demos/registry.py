"""The demo registry: list demos, look one up, run it.

Importing this module (and asking for ids or specs) imports no numpy, scikit-learn or
imbalanced-learn: each demo module imports them inside its `run` function, so
`mockround check` and `mockround demo --list` stay instant.
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import cast

from mockround.demos.common import DemoParamError
from mockround.demos.models import DemoOutcome, DemoResult, DemoSpec, ParamValue

__all__ = ["DemoParamError", "demo_ids", "get_spec", "list_specs", "resolve_params", "run_demo"]

# Modules under mockround.demos, in the order the demos are listed. Each defines
# `SPEC: DemoSpec`, `RANDOM_STATE: int` and `run(seed, params) -> DemoOutcome`.
_MODULES: tuple[str, ...] = (
    "accuracy_paradox",
    "resampling_leakage",
    "threshold_cost",
    "pr_vs_roc",
    "class_weight",
    "undersampling_loss",
    "stratified_cv",
)

# numpy's RandomState (behind every scikit-learn random_state) accepts 32-bit seeds.
MAX_SEED = 2**32 - 1

Runner = Callable[[int, Mapping[str, ParamValue]], DemoOutcome]


@cache
def _modules() -> dict[str, ModuleType]:
    modules: dict[str, ModuleType] = {}
    for name in _MODULES:
        module = importlib.import_module(f"mockround.demos.{name}")
        spec = cast(DemoSpec, module.SPEC)
        modules[spec.id] = module
    return modules


def demo_ids() -> list[str]:
    """Every demo id, in display order."""
    return list(_modules())


def list_specs() -> list[DemoSpec]:
    """Every demo's spec, in display order."""
    return [cast(DemoSpec, module.SPEC) for module in _modules().values()]


def get_spec(demo_id: str) -> DemoSpec:
    """The spec of one demo; KeyError if the id is unknown."""
    return cast(DemoSpec, _module(demo_id).SPEC)


def resolve_params(spec: DemoSpec, overrides: Mapping[str, object]) -> dict[str, ParamValue]:
    """The demo's defaults with `overrides` applied, each coerced to its default's type.

    Strings are accepted for any type (so command-line values work); unknown names and
    values that do not convert raise DemoParamError.
    """
    params = dict(spec.params)
    for name, raw in overrides.items():
        if name not in params:
            known = ", ".join(sorted(params)) or "none"
            raise DemoParamError(f"demo '{spec.id}' has no parameter '{name}' (known: {known})")
        params[name] = _coerce(spec.id, name, raw, params[name])
    return params


def run_demo(demo_id: str, seed: int | None = None, **params: object) -> DemoResult:
    """Run one demo and return its result; KeyError for an unknown id.

    `seed` defaults to the demo's RANDOM_STATE; `params` override the spec's defaults.
    The same id, seed and params always give the same figures.
    """
    module = _module(demo_id)
    spec = cast(DemoSpec, module.SPEC)
    used_seed = int(module.RANDOM_STATE) if seed is None else int(seed)
    if not 0 <= used_seed <= MAX_SEED:
        raise DemoParamError(f"seed must be between 0 and {MAX_SEED}, got {used_seed}")
    used_params = resolve_params(spec, params)
    runner = cast(Runner, module.run)
    started = time.perf_counter()
    with _single_threaded():
        outcome = runner(used_seed, used_params)
    runtime = time.perf_counter() - started
    return DemoResult(
        **dict(outcome),
        id=spec.id,
        title=spec.title,
        claim=spec.claim,
        criteria=spec.criteria,
        seed=used_seed,
        params=used_params,
        runtime_seconds=round(runtime, 4),
    )


@contextmanager
def _single_threaded() -> Iterator[None]:
    # The demos' BLAS / OpenMP calls are tiny: on a 2-core machine that is busy (the TUI, a
    # test run) extra threads only contend, and a demo got 5x slower in our benchmark. One
    # thread keeps timings steady and leaves a core for the UI. threadpoolctl ships with
    # scikit-learn (a hard dependency of it), so this adds no package.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def _module(demo_id: str) -> ModuleType:
    modules = _modules()
    if demo_id not in modules:
        raise KeyError(f"unknown demo '{demo_id}' (known: {', '.join(modules)})")
    return modules[demo_id]


def _coerce(demo_id: str, name: str, raw: object, default: ParamValue) -> ParamValue:
    # bool before int: bool is a subclass of int, and "false" must not become True.
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if isinstance(default, int):
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError(raw)
            return int(str(raw)) if isinstance(raw, str) else int(cast(float, raw))
        if isinstance(default, float):
            value = float(cast(str, raw))
            if not math.isfinite(value):
                # nan slips past every range check (all comparisons are false) and prints "$nan".
                raise DemoParamError(
                    f"demo '{demo_id}' parameter '{name}' must be a finite number, got {raw!r}"
                )
            return value
        return str(raw)
    except DemoParamError:
        raise
    except (TypeError, ValueError):
        kind = type(default).__name__
        raise DemoParamError(
            f"demo '{demo_id}' parameter '{name}' must be {kind}, got {raw!r}"
        ) from None
