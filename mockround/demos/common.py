"""Small helpers every demo shares: parameter checks, rounding, percentages, curve thinning.

Standard library only, so importing a demo module stays free of numpy and scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence

from mockround.demos.models import Series


class DemoParamError(ValueError):
    """A parameter the demo does not have, or a value it cannot use."""


def require_rate(name: str, value: float, low: float = 0.001, high: float = 0.3) -> float:
    """`value` as a float within [low, high], or DemoParamError."""
    if not low <= value <= high:
        raise DemoParamError(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return float(value)


def require_int(name: str, value: float, low: int, high: int) -> int:
    """`value` as an int within [low, high], or DemoParamError."""
    if not low <= value <= high or int(value) != value:
        raise DemoParamError(f"{name} must be a whole number from {low} to {high}, got {value:g}")
    return int(value)


def fig(value: float, digits: int = 3) -> float:
    """A figure rounded for tables and JSON (a plain float, never a numpy scalar)."""
    return round(float(value), digits)


def pct(value: float, digits: int = 1) -> str:
    """A fraction as a percentage string, e.g. 0.9912 -> '99.1%'."""
    return f"{100 * float(value):.{digits}f}%"


def bars(name: str, values: Sequence[float]) -> Series:
    """A bar series over categories 0, 1, 2... (labels go in the outcome's x_ticks)."""
    return Series(
        name=name, x=[float(i) for i in range(len(values))], y=[fig(v) for v in values], kind="bar"
    )


def curve(name: str, x: Sequence[float], y: Sequence[float], max_points: int = 80) -> Series:
    """A line series, thinned to at most `max_points` evenly spaced points (ends kept)."""
    count = len(x)
    if count > max_points:
        step = (count - 1) / (max_points - 1)
        picks = sorted({round(i * step) for i in range(max_points)})
        x = [x[i] for i in picks]
        y = [y[i] for i in picks]
    return Series(name=name, x=[fig(v, 4) for v in x], y=[fig(v, 4) for v in y], kind="line")
