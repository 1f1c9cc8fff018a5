"""Train the offline grader's semantic layer on the corpus of real answers.

Learns from the train split only; picks each family's decision threshold (and whether the model
may drop a criterion the cues found) on the dev split; never reads the test split. Writes
mockround/grading/semantic/model.json and model.npz and prints the dev figures it chose by.

Usage: python scripts/train_semantic.py [--dry-run]
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from mockround.bank import Bank, load_bank
from mockround.evaluation.corpus import CorpusItem, corpus_digest, load_corpus, source_group
from mockround.grading.offline import OfflineGrader
from mockround.grading.semantic.encoder import Encoder
from mockround.grading.semantic.layer import scored_sentences
from mockround.grading.semantic.model import ARRAYS_FILE, FEATURES, META_FILE, SemanticModel

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"

GUARD_SETS = ("own_answers", "heldout12_answers", "style_answers")
"""The team's own labelled sets (main question): the layer may not push them below GUARD_FLOOR."""
GUARD_FLOOR = 0.90
FOLDS = 5
KNN = {"k": 5, "power": 4}
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.96, 0.05)]


@dataclass
class Prepared:
    """One corpus item as the grader sees it: cue scores, sentence embeddings, sentence labels."""

    item: CorpusItem
    cues: dict[str, int]
    embeddings: Any
    sentence_labels: dict[str, list[float]]
    fold: int


class CachedEncoder:
    """Embeddings remembered across runs when MOCKROUND_EMBED_CACHE names a file (re-training)."""

    def __init__(self, encoder: Encoder) -> None:
        import os

        self.encoder = encoder
        self.path = (
            Path(os.environ["MOCKROUND_EMBED_CACHE"])
            if os.environ.get("MOCKROUND_EMBED_CACHE")
            else None
        )
        self.cache: dict[str, Any] = {}
        if self.path and self.path.exists():
            with np.load(self.path) as data:
                self.cache = {k: data[k] for k in data.files}

    def encode(self, texts: list[str]) -> Any:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in self.cache})
        if todo:
            for (k, _), v in zip(todo, self.encoder.encode([t for _, t in todo]), strict=True):
                self.cache[k] = v
            if self.path:
                np.savez(self.path, **self.cache)
        return np.array([self.cache[k] for k in keys], dtype=np.float32).reshape(len(keys), 384)


def prepare(bank: Bank, items: list[CorpusItem], encoder: Any) -> list[Prepared]:
    """Analyse every item with the offline grader and embed the sentences it reads."""
    grader = OfflineGrader(use_semantic=False)
    out = []
    for item in items:
        question = bank.get(item.question)
        analysis = grader.analyse(question, item.text)
        sentences = analysis.prepared.sentences
        indices = scored_sentences(sentences, analysis.prepared.addressed)
        spans = {
            cid: [(k, k + len(s)) for s in texts if (k := item.text.find(s)) >= 0]
            for cid, texts in item.spans.items()
        }
        labels: dict[str, list[float]] = {}
        for cid in question.rubric.criterion_ids:
            wanted = spans.get(cid, []) if item.labels[cid] > 0 else []
            labels[cid] = []
            for i in indices:
                start, end = analysis.prepared.span(sentences[i].start, sentences[i].end)
                labels[cid].append(float(any(start < e and s < end for s, e in wanted)))
        group = source_group(item.source)
        out.append(
            Prepared(
                item=item,
                cues={cid: r.score for cid, r in analysis.results.items()},
                embeddings=encoder.encode([sentences[i].text for i in indices]),
                sentence_labels=labels,
                fold=int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS,
            )
        )
    return out


def guard_items() -> list[CorpusItem]:
    """The team's labelled sets as corpus items (no spans: they only check the chosen threshold)."""
    items = []
    for name in GUARD_SETS:
        path = DATA / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("text", "").strip():
                labels = {"labels": row["labels"], "holistic": row["holistic"]}
                items.append(
                    CorpusItem.model_validate(
                        {
                            "id": f"{name}/{row['id']}",
                            "question": "imbalanced-data",
                            "text": row["text"],
                            "source": "https://mockround.invalid/team",
                            "split": "dev",
                            "raters": {"a": labels, "b": labels},
                            **labels,
                        }
                    )
                )
    return items


def anchors(bank: Bank, encoder: Any) -> tuple[list[str], Any]:
    """Each criterion's anchor: the mean embedding of its level definitions and title."""
    keys, vectors = [], []
    for rubric in sorted(bank.rubrics.values(), key=lambda r: r.id):
        for criterion in rubric.criteria:
            texts = [
                criterion.levels.named,
                criterion.levels.reasoned,
                criterion.say,
                criterion.title,
            ]
            mean = encoder.encode(texts).mean(axis=0)
            keys.append(f"{rubric.id}:{criterion.id}")
            vectors.append(mean / np.linalg.norm(mean))
    return keys, np.array(vectors, dtype=np.float32)


def fit(
    bank: Bank, train: list[Prepared], keys: list[str], anchor_vectors: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sentence regression and the exemplar store, from `train` only."""
    column = {key: i for i, key in enumerate(keys)}
    rubrics = sorted(bank.rubrics)
    xs, ys = [], []
    ex_emb, ex_rubric, ex_labels = [], [], []
    for p in train:
        if not len(p.embeddings):
            continue
        row_labels = np.zeros((len(p.embeddings), len(keys)), dtype=np.uint8)
        for cid, labels in p.sentence_labels.items():
            anchor = anchor_vectors[column[f"{p.item.question}:{cid}"]]
            xs.append(np.hstack([p.embeddings * anchor, (p.embeddings @ anchor)[:, None]]))
            ys.extend(labels)
            row_labels[:, column[f"{p.item.question}:{cid}"]] = labels
        ex_emb.append(p.embeddings)
        ex_rubric.extend([rubrics.index(p.item.question)] * len(p.embeddings))
        ex_labels.append(row_labels)
    regression = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    regression.fit(np.vstack(xs), np.array(ys))
    meta = {
        "criteria": keys,
        "rubrics": rubrics,
        "knn": KNN,
        "sentence": {
            "coef": [round(float(c), 6) for c in regression.coef_[0]],
            "intercept": round(float(regression.intercept_[0]), 6),
        },
        "families": {},
    }
    arrays = {
        "anchors": anchor_vectors,
        "ex_emb": np.vstack(ex_emb).astype(np.float16),
        "ex_rubric": np.array(ex_rubric, dtype=np.int16),
        "ex_labels": np.vstack(ex_labels),
    }
    return meta, arrays


@dataclass(frozen=True)
class Row:
    """One criterion of one answer, as the family head sees it."""

    family: str
    item: str
    key: str
    features: tuple[float, ...]
    gold: bool
    cue: int
    holistic: int


def features(model: SemanticModel, bank: Bank, rows: list[Prepared]) -> list[Row]:
    """A Row for every criterion of every prepared answer."""
    out = []
    for p in rows:
        question = bank.get(p.item.question)
        for cid in question.rubric.criterion_ids:
            # The family head is not fitted yet: a neutral one yields the raw features.
            signals = model.signals("any", p.item.question, cid, p.cues.get(cid, 0), p.embeddings)
            out.append(
                Row(
                    question.family,
                    p.item.id,
                    f"{p.item.question}:{cid}",
                    signals.features,
                    p.item.labels[cid] > 0,
                    p.cues.get(cid, 0),
                    p.item.holistic,
                )
            )
    return out


def figures(rows: list[Row], covered: list[bool], bank: Bank) -> tuple[float, float]:
    """Macro-F1 and Spearman(overall, holistic) of add-only decisions.

    A lifted criterion scores 1, a cue score stands; overall uses the rubric's weights (red
    flags left out: the layer never changes them).
    """
    from mockround.evaluation.agreement import spearman

    f1 = macro_f1([(r.key, c, r.gold) for r, c in zip(rows, covered, strict=True)])
    earned: dict[str, float] = defaultdict(float)
    holistic: dict[str, int] = {}
    for r, c in zip(rows, covered, strict=True):
        rubric_id, cid = r.key.split(":")
        rubric = bank.rubrics[rubric_id]
        level = r.cue if r.cue else int(c)
        earned[r.item] += rubric.criterion(cid).weight * level / 2 / rubric.total_weight
        holistic[r.item] = r.holistic
    items = sorted(earned)
    rho = spearman([earned[i] for i in items], [holistic[i] for i in items])
    return f1, rho


def choose_threshold(head: Any, dev: list[Row], guard: list[Row], bank: Bank) -> tuple[float, str]:
    """The dev threshold with the best macro-F1 that loses no Spearman against the cues alone
    and keeps the team's sets at or above GUARD_FLOOR."""
    prob = head.predict_proba(np.array([r.features for r in dev]))[:, 1]
    guard_prob = head.predict_proba(np.array([r.features for r in guard]))[:, 1] if guard else []
    cues = figures(dev, [r.cue > 0 for r in dev], bank)

    def at(t: float) -> tuple[float, float]:
        return figures(dev, [r.cue > 0 or p >= t for r, p in zip(dev, prob, strict=True)], bank)

    def team(t: float) -> float:
        decided = [r.cue > 0 or p >= t for r, p in zip(guard, guard_prob, strict=True)]
        return macro_f1([(r.key, c, r.gold) for r, c in zip(guard, decided, strict=True)])

    allowed = [
        t
        for t in THRESHOLDS
        if at(t)[1] >= cues[1] - 0.01 and (not guard or team(t) >= GUARD_FLOOR)
    ]
    best = max(allowed, key=lambda t: at(t)[0]) if allowed else 1.0
    got = at(best)
    kept = f", team sets {team(best):.3f}" if guard else ""
    return best, (
        f"dev macro-F1 cues {cues[0]:.3f} -> {got[0]:.3f}, Spearman {cues[1]:.3f} -> {got[1]:.3f} "
        f"at threshold {best}{kept}"
    )


def macro_f1(rows: list[tuple[str, bool, bool]]) -> float:
    """Mean over keys of the coverage F1 (an empty key counts as perfect, as in the benchmark)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, predicted, gold in rows:
        t = tally[key]
        t[0] += predicted and gold
        t[1] += predicted and not gold
        t[2] += gold and not predicted
    scores = [2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0 for tp, fp, fn in tally.values()]
    return float(np.mean(scores)) if scores else 0.0


def main(argv: list[str]) -> int:
    """Train, choose on dev, write the artefact."""
    bank = load_bank()
    encoder = CachedEncoder(Encoder())
    keys, anchor_vectors = anchors(bank, encoder)
    train = prepare(bank, load_corpus(splits=("train",)), encoder)
    dev = prepare(bank, load_corpus(splits=("dev",)), encoder)
    neutral = {"coef": [0.0] * 5, "intercept": 0.0, "threshold": 0.5}
    # Cross-fitted features for train: each fold is scored by models that never saw it.
    train_rows = []
    for fold in range(FOLDS):
        meta, arrays = fit(bank, [p for p in train if p.fold != fold], keys, anchor_vectors)
        meta["families"] = {"any": neutral}
        train_rows += features(
            SemanticModel(meta, arrays), bank, [p for p in train if p.fold == fold]
        )
    meta, arrays = fit(bank, train, keys, anchor_vectors)
    meta["families"] = {"any": neutral}
    dev_rows = features(SemanticModel(meta, arrays), bank, dev)
    guard_rows = features(SemanticModel(meta, arrays), bank, prepare(bank, guard_items(), encoder))
    families: dict[str, dict[str, Any]] = {}
    for family in ("main", "follow-ups", "related"):
        tr = [r for r in train_rows if r.family == family]
        head = LogisticRegression(max_iter=5000).fit(
            np.array([r.features for r in tr]), np.array([r.gold for r in tr])
        )
        threshold, lines = choose_threshold(
            head,
            [r for r in dev_rows if r.family == family],
            [r for r in guard_rows if r.family == family],
            bank,
        )
        print(f"{family:<10} {lines}")
        families[family] = {
            "coef": [round(float(c), 6) for c in head.coef_[0]],
            "intercept": round(float(head.intercept_[0]), 6),
            "threshold": threshold,
        }
    meta["families"] = families
    meta["features"] = list(FEATURES)
    meta["corpus_digest"] = corpus_digest(load_corpus(splits=("train",)))
    meta["trained_on"] = f"{len(train)} train answers; thresholds chosen on {len(dev)} dev answers"
    if "--dry-run" in argv:
        return 0
    META_FILE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    with ARRAYS_FILE.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    print(
        f"wrote {META_FILE.name} and {ARRAYS_FILE.name} ({ARRAYS_FILE.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
