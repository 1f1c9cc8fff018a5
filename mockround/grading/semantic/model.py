"""The trained semantic model: what it learned from real answers, and how it scores a criterion.

Three signals per criterion, each computed over the answer's sentence embeddings:
- `sentence`: one logistic regression shared by every rubric, on the sentence embedding times
  the criterion's anchor (its level definitions and title), so a criterion with few labelled
  answers borrows from the others;
- `neighbours`: how many of the nearest labelled sentences of the same rubric supported the
  criterion (the labelled spans of the corpus's train split);
- `anchor`: the closest any sentence comes to the criterion's own definitions.
With the cue score, they feed one small logistic regression per question family, whose
probability decides whether the criterion is covered.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from mockround.grading.semantic.encoder import Encoder

MODEL_DIR = Path(__file__).parent
META_FILE = MODEL_DIR / "model.json"
ARRAYS_FILE = MODEL_DIR / "model.npz"
FEATURES = ("cue_named", "cue_reasoned", "sentence", "neighbours", "anchor")


@dataclass(frozen=True)
class Signals:
    """What the model saw for one criterion of one answer."""

    features: tuple[float, ...]
    probability: float
    threshold: float
    ranking: tuple[int, ...]
    """Indices (into the scored sentences), the one that best supports the criterion first."""
    sentence_scores: tuple[float, ...] = ()
    """The shared sentence regression's probability for each scored sentence."""


class SemanticModel:
    """The shipped artefact (model.json + model.npz), loaded once per process."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> None:
        import numpy as np

        self.meta = meta
        self.keys: list[str] = meta["criteria"]
        self.rubrics: list[str] = meta["rubrics"]
        self._index = {key: i for i, key in enumerate(self.keys)}
        self.anchors = arrays["anchors"].astype(np.float32)
        self.exemplars = arrays["ex_emb"].astype(np.float32)
        self.exemplar_rubric = arrays["ex_rubric"]
        self.exemplar_labels = arrays["ex_labels"].astype(np.float32)
        self.sentence_coef = np.asarray(meta["sentence"]["coef"], dtype=np.float32)
        self.sentence_bias = float(meta["sentence"]["intercept"])

    def knows(self, rubric_id: str, criterion_id: str) -> bool:
        """True when the model was trained with this criterion."""
        return f"{rubric_id}:{criterion_id}" in self._index

    def signals(
        self, family: str, rubric_id: str, criterion_id: str, cue: int, embeddings: NDArray[Any]
    ) -> Signals:
        """Features and the probability that the criterion is covered."""
        import numpy as np

        column = self._index[f"{rubric_id}:{criterion_id}"]
        anchor = self.anchors[column]
        head = self.meta["families"][family]
        if len(embeddings) == 0:
            features = (float(cue >= 1), float(cue == 2), 0.0, 0.0, 0.0)
            return Signals(
                features,
                _sigmoid(_dot(head["coef"], features) + head["intercept"]),
                head["threshold"],
                (),
            )
        per_sentence = _sigmoid_array(
            np.hstack([embeddings * anchor, (embeddings @ anchor)[:, None]]) @ self.sentence_coef
            + self.sentence_bias
        )
        rows = self.exemplar_rubric == self.rubrics.index(rubric_id)
        neighbours = self._neighbours(
            embeddings, self.exemplars[rows], self.exemplar_labels[rows, column]
        )
        anchor_sim = float((embeddings @ anchor).max())
        features = (
            float(cue >= 1),
            float(cue == 2),
            float(per_sentence.max()),
            neighbours,
            anchor_sim,
        )
        probability = _sigmoid(_dot(head["coef"], features) + head["intercept"])
        ranking = tuple(int(i) for i in np.argsort(-per_sentence, kind="stable"))
        scores = tuple(float(x) for x in per_sentence)
        return Signals(features, probability, head["threshold"], ranking, scores)

    def _neighbours(
        self, embeddings: NDArray[Any], pool: NDArray[Any], labels: NDArray[Any]
    ) -> float:
        import numpy as np

        if len(pool) == 0:
            return 0.0
        k = min(int(self.meta["knn"]["k"]), len(pool))
        sims = embeddings @ pool.T
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        power = self.meta["knn"]["power"]
        weights = np.maximum(np.take_along_axis(sims, nearest, 1), 0.0) ** power
        votes = (weights * labels[nearest]).sum(1) / np.maximum(weights.sum(1), 1e-9)
        return float(votes.max())


def _dot(coef: list[float], features: tuple[float, ...]) -> float:
    return sum(c * f for c, f in zip(coef, features, strict=True))


def _sigmoid(x: float) -> float:
    import math

    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def _sigmoid_array(x: NDArray[Any]) -> NDArray[Any]:
    import numpy as np

    result: NDArray[Any] = 1.0 / (1.0 + np.exp(-np.clip(x, -60.0, 60.0)))
    return result


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> tuple[SemanticModel, Encoder] | None:
    import numpy as np

    from mockround.grading.semantic.encoder import Encoder

    if not META_FILE.exists() or not ARRAYS_FILE.exists():
        return None
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    with np.load(ARRAYS_FILE) as data:
        arrays = {name: data[name] for name in data.files}
    return SemanticModel(meta, arrays), Encoder()


def load() -> tuple[SemanticModel, Encoder] | None:
    """The shipped model and the sentence encoder (None when no model is shipped).

    The TUI grades in a worker thread: the lock keeps two first grades from loading twice.
    """
    with _lock:
        return _load()
