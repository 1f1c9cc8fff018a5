"""The learned sentence model: reproducible from the repo, pure-Python scoring, gap-filling only."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from types import ModuleType

import pytest

from mockround.bank import load_bank
from mockround.grading.offline import OfflineGrader
from mockround.grading.offline.sentence_model import MODEL_FILE, from_dict, load_model

ROOT = Path(__file__).resolve().parents[2]


def _trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_grader", ROOT / "scripts/train_grader.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def trained() -> dict[str, object]:
    trainer = _trainer()
    model: dict[str, object] = trainer.train(trainer.load_rows())
    return model


def test_shipped_model_json_matches_a_fresh_training_run(trained: dict[str, object]) -> None:
    trainer = _trainer()
    assert MODEL_FILE.read_text(encoding="utf-8") == trainer.dumps(trained)


def test_pure_python_scores_match_scikit_learn_on_the_training_features() -> None:
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = from_dict(data)
    sentence = "I'd check how many positive cases we have and move the threshold for recall."
    blocks = []
    for block in data["blocks"]:
        vectorizer = TfidfVectorizer(
            analyzer=block["kind"],
            ngram_range=(block["low"], block["high"]),
            vocabulary=block["features"],
        )
        vectorizer.fit([sentence])
        vectorizer.idf_ = np.asarray(block["idf"])
        blocks.append(vectorizer.transform([sentence]))
    row = hstack(blocks).tocsr()
    for cid, weights in data["coefficients"].items():
        z = data["intercepts"][cid] + sum(row[0, c] * w for c, w in weights)
        assert model.probabilities(sentence)[cid] == pytest.approx(1 / (1 + math.exp(-z)))


def test_training_sentences_are_not_taken_from_any_labelled_answer_set() -> None:
    data = ROOT / "benchmarks" / "data"
    answers = " ".join(
        json.loads(line)["text"].lower()
        for name in ("own_answers.jsonl", "style_answers.jsonl", "heldout_answers.jsonl")
        for line in (data / name).read_text(encoding="utf-8").splitlines()
        if line
    )
    sentences = [
        json.loads(line)["text"].lower()
        for line in (data / "grader_sentences.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(sentences) >= 200
    assert not [s for s in sentences if s in answers]


def test_model_recognises_a_paraphrase_and_ignores_small_talk() -> None:
    model = load_model()
    assert model is not None
    assert model.probabilities("Check how many positives exist first.")["diagnosis"] > 0.8
    assert max(model.probabilities("The weather was lovely on our team outing.").values()) < 0.5


def test_model_adds_at_most_a_named_score_and_never_a_two() -> None:
    question = load_bank().get("imbalanced-data")
    answer = "We stop judging the model by the overall percent correct, it hides everything."
    with_model = OfflineGrader(use_model=True).grade(question, answer).scores()
    cues_only = OfflineGrader(use_model=False).grade(question, answer).scores()
    assert all(with_model[c] >= cues_only[c] for c in cues_only)
    assert all(with_model[c] <= 1 for c in with_model if cues_only[c] == 0)


def test_every_cue_pattern_of_every_rubric_compiles() -> None:
    from mockround.grading.offline.cues import all_patterns, cues_dir, load_cues

    rubric_ids = [p.stem for p in cues_dir().glob("*.toml") if not p.stem.startswith("_")]
    assert rubric_ids
    for rubric_id in rubric_ids:
        patterns = all_patterns(load_cues(rubric_id))
        assert patterns and all(p.check().pattern.lower() == p.pattern.lower() for p in patterns)


def test_a_bad_cue_regex_is_reported_with_its_file_when_first_used() -> None:
    from mockround.grading.offline.pattern import CueError, Pattern

    pattern = Pattern("(unclosed", "rubrics/cues/x.toml: criteria.c.named")
    with pytest.raises(CueError, match=r"x\.toml"):
        pattern.search("text")
