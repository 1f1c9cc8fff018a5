"""The demo registry: ids, specs, rubric links, parameters, and no heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mockround.demos import registry
from mockround.demos.registry import DemoParamError

RUBRIC = Path(__file__).resolve().parents[2] / "rubrics" / "imbalanced-data.toml"
RUBRIC_DEMO_IDS = {
    "accuracy-paradox",
    "resampling-leakage",
    "threshold-cost",
    "pr-vs-roc",
    "class-weight",
    "undersampling-loss",
    "stratified-cv",
}
HEAVY = ("numpy", "scipy", "sklearn", "imblearn")


def _rubric_links(kind: str) -> dict[str, set[str]]:
    """demo id -> ids of the rubric entries of this kind ('criteria' or 'red_flags') citing it."""
    data = tomllib.loads(RUBRIC.read_text(encoding="utf-8"))
    links: dict[str, set[str]] = {}
    for entry in data.get(kind, []):
        for demo in entry.get("demos", []):
            links.setdefault(demo, set()).add(entry["id"])
    return links


def test_demo_ids_are_exactly_the_ids_the_main_rubric_uses() -> None:
    assert set(registry.demo_ids()) == RUBRIC_DEMO_IDS
    assert len(registry.demo_ids()) == len(RUBRIC_DEMO_IDS)


def test_every_demo_id_linked_from_every_rubric_file_resolves() -> None:
    rubric_dir = RUBRIC.parent
    linked: set[str] = set()
    for path in rubric_dir.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in [*data.get("criteria", []), *data.get("red_flags", [])]:
            linked.update(entry.get("demos", []))
    assert linked, "the rubrics link to no demo at all"
    assert linked <= set(registry.demo_ids())


def test_each_spec_lists_exactly_the_main_rubric_criteria_that_cite_it() -> None:
    criteria = _rubric_links("criteria")
    for spec in registry.list_specs():
        assert set(spec.criteria) == criteria.get(spec.id, set()), spec.id


def test_each_spec_lists_exactly_the_red_flags_that_cite_it() -> None:
    flags = _rubric_links("red_flags")
    for spec in registry.list_specs():
        assert set(spec.red_flags) == flags.get(spec.id, set()), spec.id


def test_list_specs_follows_demo_ids_and_get_spec_agrees() -> None:
    specs = registry.list_specs()
    assert [s.id for s in specs] == registry.demo_ids()
    for spec in specs:
        assert registry.get_spec(spec.id) == spec
        assert spec.title and spec.claim and spec.params


def test_unknown_demo_id_raises_key_error_naming_the_known_ids() -> None:
    with pytest.raises(KeyError, match="accuracy-paradox"):
        registry.get_spec("no-such-demo")
    with pytest.raises(KeyError):
        registry.run_demo("no-such-demo")


def test_params_from_strings_are_coerced_to_the_default_types() -> None:
    spec = registry.get_spec("threshold-cost")
    params = registry.resolve_params(spec, {"miss_cost_ratio": "20", "n_samples": "3000"})
    assert params["miss_cost_ratio"] == 20.0 and isinstance(params["miss_cost_ratio"], float)
    assert params["n_samples"] == 3000 and isinstance(params["n_samples"], int)
    assert params["false_alarm_cost"] == spec.params["false_alarm_cost"]


def test_unknown_or_malformed_params_raise_demo_param_error() -> None:
    spec = registry.get_spec("threshold-cost")
    with pytest.raises(DemoParamError, match="no parameter 'colour'"):
        registry.resolve_params(spec, {"colour": "red"})
    with pytest.raises(DemoParamError, match="must be int"):
        registry.resolve_params(spec, {"n_samples": "lots"})
    with pytest.raises(DemoParamError, match="must be int"):
        registry.resolve_params(spec, {"n_samples": 2.5})


def test_out_of_range_values_are_refused_before_any_fitting() -> None:
    with pytest.raises(DemoParamError, match="positive_rate"):
        registry.run_demo("accuracy-paradox", positive_rate=0.9)
    with pytest.raises(DemoParamError, match="seed"):
        registry.run_demo("accuracy-paradox", seed=-1)


def test_registry_and_specs_import_no_numpy_sklearn_or_imblearn() -> None:
    code = (
        "import json, sys\n"
        "from mockround.demos import registry\n"
        "from mockround.demos import models, common\n"
        "ids = registry.demo_ids()\n"
        "[registry.get_spec(i) for i in ids]\n"
        "registry.list_specs()\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == []


def test_demo_list_command_imports_no_sklearn_but_running_a_demo_does() -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from mockround.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['demo', '--list'])\n"
        f"before = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "from mockround.demos.registry import run_demo\n"
        "run_demo('accuracy-paradox')\n"
        "print(json.dumps([before, 'sklearn' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    before, after = json.loads(out.stdout)
    assert before == []
    assert after is True
