"""Cue files have a schema: each fault is one line naming file, entry and field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mockround import locations
from mockround.bank.loader import read_rubrics
from mockround.cli import main
from mockround.grading.offline import cues as cues_module
from mockround.grading.offline import pattern as pattern_module
from mockround.grading.offline.cue_check import check_cues
from mockround.grading.offline.cues import all_patterns, build_cues, load_cues
from mockround.grading.offline.pattern import CueError


@pytest.fixture
def rubrics(tmp_path: Path) -> Path:
    """A writable copy of the shipped rubrics and their cue files."""
    folder = tmp_path / "rubrics"
    shutil.copytree(locations.rubrics_dir(), folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_line(path: Path, start: str) -> None:
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(start)]
    assert len(kept) == len(text.splitlines()) - 1, f"no single line {start!r} in {path.name}"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _problems(rubrics: Path) -> list[str]:
    return [str(p) for p in check_cues(rubrics, read_rubrics(rubrics))]


Breakage = Callable[[Path], None]
IMBALANCED, WHICH_METRIC = "imbalanced-data.toml", "which-metric.toml"

# name -> (breakage of the copied cues folder, the one problem line it must give)
BREAKAGES: dict[str, tuple[Breakage, str]] = {
    "misspelt red flag key": (
        lambda c: _edit(c / WHICH_METRIC, "unless = [", "unles = ["),
        "which-metric.toml: red flag 'accuracy_optimised': unles: unknown field; "
        "expected one of: kind, patterns, unless,",
    ),
    "misspelt criterion key": (
        lambda c: _edit(c / IMBALANCED, "self_reasoned = true", "self_reasond = true"),
        "imbalanced-data.toml: criterion 'context': self_reasond: unknown field",
    ),
    "misspelt top-level key": (
        lambda c: _edit(c / WHICH_METRIC, 'rubric = "which-metric"', 'rubrik = "which-metric"'),
        "which-metric.toml: 'which-metric': rubrik: unknown field",
    ),
    "misspelt shared key": (
        lambda c: _edit(c / "_common.toml", "injection = [", "injecton = ["),
        "_common.toml: guards: injecton: unknown field; expected one of: injection, domain,",
    ),
    "unknown criterion id": (
        lambda c: _edit(c / WHICH_METRIC, "[criteria.no_accuracy]", "[criteria.no_acuracy]"),
        "which-metric.toml: criterion 'no_acuracy': id: not a criterion of rubric "
        "'which-metric' (known: cost_link, operating_metric, pr_auc, no_accuracy)",
    ),
    "red flag id not in the rubric": (
        lambda c: _edit(
            c / WHICH_METRIC, "[red_flags.accuracy_optimised]", "[red_flags.accuracy_optimized]"
        ),
        "which-metric.toml: red flag 'accuracy_optimized': id: not a red flag of rubric "
        "'which-metric'",
    ),
    "broken regex": (
        lambda c: _edit(c / WHICH_METRIC, "named = ['\\bprecision", "named = ['(\\bprecision"),
        "which-metric.toml: criterion 'operating_metric': named.0: bad regular expression",
    ),
    "regex that breaks once lower-cased": (
        lambda c: _edit(c / WHICH_METRIC, "named = ['\\bprecision", "named = ['(?P<Pr>x)|"),
        "which-metric.toml: criterion 'operating_metric': named.0: bad regular expression "
        "'(?P<Pr>x)|",
    ),
    "wrong type: a string for a bool": (
        lambda c: _edit(c / IMBALANCED, "before_techniques = true", 'before_techniques = "yes"'),
        "imbalanced-data.toml: criterion 'context': before_techniques: "
        "Input should be a valid boolean",
    ),
    "wrong type: a string for a list": (
        lambda c: _edit(
            c / "why-not-smote.toml",
            "reasoned = ['\\bthreshold\\b|\\bmetric\\b']",
            "reasoned = '\\bthreshold\\b|\\bmetric\\b'",
        ),
        "why-not-smote.toml: criterion 'when_it_helps': reasoned: should be a list of strings",
    ),
    "wrong type: a string for an int": (
        lambda c: _edit(c / IMBALANCED, "min_remedies = 3", 'min_remedies = "3"'),
        "imbalanced-data.toml: red flag 'tool_list': min_remedies: Input should be a valid integer",
    ),
    "unknown flag kind": (
        lambda c: _edit(c / IMBALANCED, 'kind = "tool_list"', 'kind = "toollist"'),
        "imbalanced-data.toml: red flag 'tool_list': kind: Input should be 'pattern' or "
        "'tool_list'",
    ),
    "a field the flag's kind never reads": (
        lambda c: _edit(c / IMBALANCED, "min_remedies = 3", "min_remedies = 3\nlead = ['x']"),
        "imbalanced-data.toml: red flag 'tool_list': lead: only read by kind = 'pattern' flags",
    ),
    "a sequel without its lead": (
        lambda c: _edit(c / WHICH_METRIC, "unless = [", "sequel = ['x']\nunless = ["),
        "which-metric.toml: red flag 'accuracy_optimised': sequel: `lead` and `sequel` work "
        "only together",
    ),
    "a pattern flag with nothing to match": (
        lambda c: _drop_line(c / WHICH_METRIC, "patterns = "),
        "which-metric.toml: red flag 'accuracy_optimised': patterns: empty:",
    ),
    "reasoning names an unknown criterion": (
        lambda c: _edit(c / IMBALANCED, '"context:1"', '"contxt:1"'),
        "imbalanced-data.toml: red flag 'tool_list': reasoning.0: unknown criterion 'contxt'",
    ),
    "reasoning score out of range": (
        lambda c: _edit(c / IMBALANCED, '"context:1"', '"context:3"'),
        "imbalanced-data.toml: red flag 'tool_list': reasoning.0: should look like "
        "'criterion:score'",
    ),
    "techniques names an unknown criterion": (
        lambda c: _edit(c / IMBALANCED, 'techniques = ["weighting"', 'techniques = ["weights"'),
        "imbalanced-data.toml: 'imbalanced-data': techniques.0: unknown criterion 'weights'",
    ),
    "include of a criterion that has no cues": (
        lambda c: _edit(c / WHICH_METRIC, '"imbalanced-data:metrics"', '"imbalanced-data:metric"'),
        "which-metric.toml: criterion 'no_accuracy': include: imbalanced-data:metric is not a "
        "cue criterion",
    ),
    "remedy group of an unknown remedy": (
        lambda c: _edit(c / IMBALANCED, 'oversampling = ["smote",', 'oversampling = ["smot",'),
        "imbalanced-data.toml: 'imbalanced-data': remedy_groups: names unknown remedies smot",
    ),
    "rubric field that is not the file name": (
        lambda c: _edit(c / WHICH_METRIC, 'rubric = "which-metric"', 'rubric = "which-metrics"'),
        "which-metric.toml: 'which-metric': rubric: must match the file name 'which-metric'",
    ),
    "cue file for no rubric": (
        lambda c: (c / "wich-metric.toml").write_text("[criteria.x]\nnamed = ['x']\n"),
        "wich-metric.toml: file: name: no rubric 'wich-metric'",
    ),
    "rubric without a cue file": (
        lambda c: (c / WHICH_METRIC).unlink(),
        "which-metric.toml: file: path: missing: the offline grader scores every criterion 0",
    ),
    "invalid toml": (
        lambda c: (c / WHICH_METRIC).write_text("[criteria.x\n", encoding="utf-8"),
        "which-metric.toml: file: toml: not valid TOML",
    ),
}


def test_the_shipped_cue_files_have_no_problems() -> None:
    assert check_cues(None, read_rubrics()) == []


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_each_cue_fault_is_one_line_naming_file_entry_and_field(kind: str, rubrics: Path) -> None:
    breakage, expected = BREAKAGES[kind]
    breakage(rubrics / "cues")

    problems = _problems(rubrics)

    assert [p for p in problems if p.startswith(str(rubrics))] == problems
    matching = [p for p in problems if expected in p]
    assert len(matching) == 1, problems
    assert matching[0].count(": ") >= 3 and "\n" not in matching[0]


def test_a_renamed_criterion_table_is_unknown_and_leaves_the_criterion_without_cues(
    rubrics: Path,
) -> None:
    _edit(rubrics / "cues" / WHICH_METRIC, "[criteria.pr_auc]", "[criteria.prauc]")
    problems = _problems(rubrics)
    assert len(problems) == 2, problems
    assert "criterion 'prauc': id: not a criterion of rubric 'which-metric'" in problems[0]
    assert "criterion 'pr_auc': named: no [criteria.pr_auc] table" in problems[1]


def test_a_schema_fault_does_not_hide_a_misnamed_table(rubrics: Path) -> None:
    cues = rubrics / "cues" / WHICH_METRIC
    _edit(cues, "unless = [", "unles = [")
    _edit(cues, "[red_flags.accuracy_optimised]", "[red_flags.accuracy_optimized]")
    problems = _problems(rubrics)
    assert any("unles: unknown field" in p for p in problems)
    assert any("red flag 'accuracy_optimized': id: not a red flag" in p for p in problems)


def test_an_include_fault_is_reported_beside_an_id_fault(rubrics: Path) -> None:
    cues = rubrics / "cues" / WHICH_METRIC
    _edit(cues, '"imbalanced-data:metrics"', '"imbalanced-data:metric"')
    _edit(cues, "[red_flags.accuracy_optimised]", "[red_flags.accuracy_optimized]")
    problems = _problems(rubrics)
    assert any("criterion 'no_accuracy': include: imbalanced-data:metric" in p for p in problems)
    assert any("red flag 'accuracy_optimized': id:" in p for p in problems)


def test_a_broken_shared_file_is_reported_once_not_once_per_including_rubric(
    rubrics: Path,
) -> None:
    _edit(rubrics / "cues" / IMBALANCED, "self_reasoned = true", "self_reasond = true")
    assert len([p for p in _problems(rubrics) if "self_reasond" in p]) == 1


def test_mockround_check_prints_cue_problems_and_exits_1(
    rubrics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(rubrics / "cues" / WHICH_METRIC, "unless = [", "unles = [")

    code = main(["check", "--rubrics", str(rubrics)])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[-1] == "1 problem(s) found"
    assert re.fullmatch(r".*which-metric\.toml: red flag 'accuracy_optimised': unles: .*", out[0])


def test_the_loader_rejects_a_misspelt_key_naming_file_entry_and_field(rubrics: Path) -> None:
    _edit(rubrics / "cues" / WHICH_METRIC, "unless = [", "unles = [")
    with pytest.raises(CueError) as caught:
        build_cues(rubrics / "cues", "which-metric")
    message = str(caught.value)
    assert "which-metric.toml: red flag 'accuracy_optimised': unles: unknown field" in message
    assert "\n" not in message and message.endswith("run `mockround check`")


def test_a_misspelt_key_makes_grade_fail_with_one_line_not_a_traceback(
    rubrics: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _edit(rubrics / "cues" / IMBALANCED, "unless = [", "unles = [")
    monkeypatch.setattr(cues_module, "cues_dir", lambda: rubrics / "cues")
    answer = tmp_path / "answer.txt"
    answer.write_text("I would use class weights.", encoding="utf-8")

    code = main(["grade", "--grader", "offline", "--json", str(answer)])

    err = capsys.readouterr().err.strip()
    assert code == 2
    assert "\n" not in err and "imbalanced-data.toml: criterion 'context': unles:" in err


def test_loading_cues_compiles_no_regex(rubrics: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Start-up cost: a grade compiles only the patterns it reaches (see `Pattern`).
    compiled: list[str] = []
    monkeypatch.setattr(pattern_module, "compile_cue", compiled.append)
    cues = build_cues(rubrics / "cues", "imbalanced-data")
    assert all_patterns(cues) and compiled == []


def test_a_broken_regex_loads_and_fails_on_first_use_naming_its_field(rubrics: Path) -> None:
    _edit(rubrics / "cues" / WHICH_METRIC, "named = ['\\bprecision", "named = ['(\\bprecision")
    cues = build_cues(rubrics / "cues", "which-metric")
    with pytest.raises(CueError, match=r"which-metric\.toml: criterion 'operating_metric': named"):
        cues.criteria["operating_metric"].named[0].search("precision")


def test_an_including_criterion_adds_patterns_and_overrides_scalars() -> None:
    main_question = load_cues("imbalanced-data").criteria["metrics"]
    followup = load_cues("which-metric").criteria["no_accuracy"]
    own = [p.pattern for p in followup.named[len(main_question.named) :]]
    assert [p.pattern for p in followup.named[: len(main_question.named)]] == [
        p.pattern for p in main_question.named
    ]
    assert own and all("accuracy" in p for p in own)
    assert followup.why == "it says an all-majority model already scores the base rate"
    assert followup.use_generic_reasons is main_question.use_generic_reasons is False
