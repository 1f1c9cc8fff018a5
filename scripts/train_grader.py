"""Train the offline grader's sentence model; write mockround/grading/offline/sentence_model.json.

Usage: python scripts/train_grader.py [--check]

Reads benchmarks/data/grader_sentences.jsonl (short sentences written for this purpose, each
with the criteria it evidences at level >= 1; none of them come from a labelled answer set),
fits TF-IDF (word 1-2 grams + char_wb 3-5 grams) and one LogisticRegression per criterion,
and exports a compact JSON the grader scores in pure Python. Deterministic: the same data
gives byte-identical JSON. With --check it only reports whether the shipped file is current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "grader_sentences.jsonl"
OUTPUT = ROOT / "mockround" / "grading" / "offline" / "sentence_model.json"
QUESTION = "imbalanced-data"
"""The model scores the main question's criteria, in rubric order (read from the bank)."""
SPECS = (("word", 1, 2, 1), ("char_wb", 3, 5, 2))
"""(analyzer, lowest n, highest n, min_df) per TF-IDF block."""
KEEP = 2500
"""N-gram columns kept for the exported model."""
DIGITS = 5
"""Rounding of exported numbers: keeps the file small and the export byte-stable."""


def load_rows(path: Path = DATA) -> list[dict[str, Any]]:
    """The labelled sentences, one dict per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _fit(texts: list[str], rows: list[dict[str, Any]], vocabularies: list[Any]) -> Any:
    """Vectorise with the given vocabularies (None = learn them) and fit every criterion."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizers = []
    matrices = []
    for (kind, low, high, min_df), vocabulary in zip(SPECS, vocabularies, strict=True):
        vectorizer = TfidfVectorizer(
            analyzer=kind,
            ngram_range=(low, high),
            min_df=min_df if vocabulary is None else 1,
            vocabulary=vocabulary,
        )
        matrices.append(vectorizer.fit_transform(texts))
        vectorizers.append(vectorizer)
    features = hstack(matrices).tocsr()
    from mockround.bank import load_bank

    models = {}
    for cid in load_bank().get(QUESTION).rubric.criterion_ids:
        target = [1 if cid in r["criteria"] else 0 for r in rows]
        model = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear")
        models[cid] = model.fit(features, target)
    return vectorizers, models


def train(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Fit, keep the most useful n-grams, refit on them; return the JSON-ready model.

    The full char n-gram vocabulary is tens of thousands of entries, too slow to load at
    start-up; refitting on the top KEEP columns (by largest weight in any criterion) keeps the
    file small and the pure-Python scorer exactly equal to the fitted pipeline.
    """
    texts = [str(r["text"]) for r in rows]
    vectorizers, models = _fit(texts, rows, [None] * len(SPECS))
    names = [str(f) for v in vectorizers for f in v.get_feature_names_out()]
    block_of = [i for i, v in enumerate(vectorizers) for _ in v.get_feature_names_out()]
    strength = [max(abs(float(m.coef_[0][c])) for m in models.values()) for c in range(len(names))]
    ranked = sorted(range(len(names)), key=lambda c: (-round(strength[c], 9), names[c]))[:KEEP]
    vocabularies = [sorted(names[c] for c in ranked if block_of[c] == b) for b in range(len(SPECS))]
    vectorizers, models = _fit(texts, rows, vocabularies)
    blocks = [
        {
            "kind": kind,
            "low": low,
            "high": high,
            "features": [str(f) for f in vectorizer.get_feature_names_out()],
            "idf": [round(float(x), DIGITS) for x in vectorizer.idf_],
        }
        for (kind, low, high, _), vectorizer in zip(SPECS, vectorizers, strict=True)
    ]
    coefficients = {
        cid: [
            [col, round(float(w), DIGITS)]
            for col, w in enumerate(model.coef_[0])
            if round(float(w), DIGITS) != 0
        ]
        for cid, model in models.items()
    }
    intercepts = {cid: round(float(m.intercept_[0]), DIGITS) for cid, m in models.items()}
    return {
        "version": 1,
        "source": "benchmarks/data/grader_sentences.jsonl",
        "blocks": blocks,
        "coefficients": coefficients,
        "intercepts": intercepts,
    }


def dumps(model: dict[str, Any]) -> str:
    """The exact text written to the JSON file (compact, one line)."""
    return json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Train and write the model (or, with --check, compare it with the shipped one)."""
    text = dumps(train(load_rows()))
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        print("sentence model is up to date" if current == text else "sentence model is STALE")
        return 0 if current == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
