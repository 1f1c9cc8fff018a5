"""The corpus of real answers is well-formed: the data every grader is measured on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mockround.bank import load_bank
from mockround.evaluation.corpus import CorpusItem, corpus_problems, load_corpus, source_group


@pytest.fixture(scope="module")
def corpus() -> list[CorpusItem]:
    return load_corpus()


def test_the_corpus_is_well_formed(corpus: list[CorpusItem]) -> None:
    # Unique ids, labels for exactly the rubric's criteria, spans that are substrings of the
    # text, both raters present, and no source split across train/dev/test.
    assert corpus_problems(corpus, load_bank()) == []


def test_the_corpus_covers_every_rubric(corpus: list[CorpusItem]) -> None:
    per_rubric = Counter(item.question for item in corpus)
    bank = load_bank()
    assert set(per_rubric) == {q.rubric.id for q in bank.all_items()}
    assert per_rubric["imbalanced-data"] >= 250
    assert min(per_rubric.values()) >= 20
    assert len(corpus) >= 600


def test_a_quarter_or_more_is_held_out_for_test(corpus: list[CorpusItem]) -> None:
    splits = Counter(item.split for item in corpus)
    assert splits["test"] >= 0.25 * len(corpus)
    assert splits["dev"] > 0 and splits["train"] > 0


def test_each_file_holds_only_its_own_rubric() -> None:
    root = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real"
    for path in root.glob("*.jsonl"):
        questions = {json.loads(line)["question"] for line in path.read_text().splitlines() if line}
        assert questions == {path.stem}


def _item(**changes: object) -> CorpusItem:
    labels = {
        "context": 1,
        "diagnosis": 0,
        "weighting": 0,
        "resampling": 0,
        "leakage": 0,
        "threshold": 0,
        "metrics": 0,
        "validation": 0,
    }
    rater = {"labels": labels, "spans": {"context": ["missed fraud"]}, "holistic": 2}
    data = {
        "id": "x-1",
        "question": "imbalanced-data",
        "text": "A missed fraud costs more.",
        "source": "https://stats.stackexchange.com/questions/1/title",
        "split": "dev",
        **rater,
        "raters": {"a": rater, "b": rater},
    }
    data.update(changes)
    return CorpusItem.model_validate(data)


def test_the_check_names_each_kind_of_breakage() -> None:
    bank = load_bank()
    assert corpus_problems([_item()], bank) == []
    spans_off = _item(spans={"context": ["missed frauds"]})
    assert any("span not in the text" in p for p in corpus_problems([spans_off], bank))
    assert any("duplicate id" in p for p in corpus_problems([_item(), _item()], bank))
    leaky = [_item(), _item(id="x-2", split="test")]
    assert any("in both dev and test" in p for p in corpus_problems(leaky, bank))
    wrong = _item(labels={"context": 1})
    assert any("criteria" in p for p in corpus_problems([wrong], bank))
    one_rater = _item(raters={"a": _item().raters["a"]})
    assert any("needs raters a and b" in p for p in corpus_problems([one_rater], bank))


def test_sources_group_by_repository_thread_or_site() -> None:
    assert (
        source_group("https://github.com/Owner/Repo/blob/abc/README.md#L1")
        == "github.com/owner/repo"
    )
    assert source_group("https://stats.stackexchange.com/questions/123/why?x=1") == (
        "stats.stackexchange.com/q/123"
    )
    assert source_group("https://stats.stackexchange.com/a/456") == "stats.stackexchange.com/q/456"
    assert source_group("https://machinelearningmastery.com/a/b/") == "machinelearningmastery.com"
    assert source_group("https://medium.com/@someone/post-1") == "medium.com/@someone"


def test_the_shipped_agreement_was_measured_on_this_grader() -> None:
    import json

    from mockround.grading.trust import AGREEMENT_FILE, grader_digest

    data = json.loads(AGREEMENT_FILE.read_text())
    assert data["digest"] == grader_digest(), (
        "the offline grader changed: measure the test split once for the new version with "
        "`python benchmarks/grading_quality.py --split test --write-agreement`"
    )
    bank = load_bank()
    assert set(data["rubrics"]) == {q.rubric.id for q in bank.all_items()}
    assert set(data["families"]) == {"main", "follow-ups", "related"}
