"""The demo contracts: what a demo is (`DemoSpec`) and what running it shows (`DemoResult`).

Pure pydantic: importing this module never imports numpy, scikit-learn or imbalanced-learn.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ParamValue = int | float | str | bool
"""A demo parameter: a plain scalar, so it survives JSON and the command line."""

Cell = str | float | int
"""One cell of a metrics table."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoSpec(_Frozen):
    """What a demo proves and which rubric criteria it backs; known without running it."""

    id: str
    title: str
    claim: str
    """The interview claim the demo tests, in one sentence."""
    criteria: tuple[str, ...]
    """Main-rubric criterion ids this demo backs (see rubrics/imbalanced-data.toml)."""
    red_flags: tuple[str, ...] = ()
    """Main-rubric red-flag ids this demo argues against."""
    params: dict[str, ParamValue] = Field(default_factory=dict)
    """Parameter defaults; `run_demo(..., **params)` overrides them."""
    default_seed: int = 0
    """The demo's `RANDOM_STATE`, used when no seed is given."""


class MetricsTable(_Frozen):
    """A small table of figures: one row per model or setting."""

    columns: list[str]
    rows: list[list[Cell]]


class Series(_Frozen):
    """One plotted series; `kind` says whether to draw it as a line or as bars."""

    name: str
    x: list[float]
    y: list[float]
    kind: Literal["line", "bar"] = "line"


class DemoOutcome(_Frozen):
    """What a demo module computes; the registry wraps it into a `DemoResult`."""

    claim_holds: bool
    """Computed from the figures below, never fixed in advance."""
    metrics: MetricsTable
    series: list[Series]
    x_label: str
    y_label: str
    plot_title: str
    x_ticks: list[str] = Field(default_factory=list)
    """Labels for x = 0, 1, 2... when the series are bars over categories; empty otherwise."""
    takeaway: str
    """One sentence with the real figures, something a candidate can quote."""


class DemoResult(DemoOutcome):
    """A finished demo run: the outcome plus what was run, with which seed, and how long it took."""

    id: str
    title: str
    claim: str
    criteria: tuple[str, ...]
    seed: int
    params: dict[str, ParamValue]
    runtime_seconds: float
    """Wall time of the demo run (the first run in a process also pays for importing sklearn)."""
