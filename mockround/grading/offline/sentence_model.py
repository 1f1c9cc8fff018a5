"""A tiny per-criterion sentence classifier scored in pure Python (no numpy, no sklearn).

The model is TF-IDF over word 1-2 grams and character 3-5 grams (inside word boundaries),
with one logistic regression per criterion: "is this sentence evidence of the criterion at
level >= 1". It is trained by `make train-grader` (scripts/train_grader.py) and shipped as
`sentence_model.json` next to this file. Feature extraction mirrors scikit-learn's
TfidfVectorizer (lowercase, token pattern, char_wb padding, L2 norm per block).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("sentence_model.json")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")
WORD_CACHE = 20_000
"""Most distinct words whose character-gram columns a block remembers."""


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    """Word n-grams as scikit-learn's word analyzer builds them (lower-cased)."""
    tokens = _TOKEN.findall(text.lower())
    grams: list[str] = []
    for n in range(low, high + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside space-padded words, as scikit-learn's `char_wb` builds them."""
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                continue
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True)
class Block:
    """One TF-IDF block: vocabulary (gram -> column) and idf per column."""

    kind: str
    low: int
    high: int
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    _word_columns: dict[str, tuple[int, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Character blocks: word -> its grams' columns, in gram order (words recur a lot)."""

    def vector(self, text: str) -> dict[int, float]:
        """L2-normalised tf-idf weights of `text` (sparse: column -> value)."""
        counts: dict[int, float] = {}
        for column in self._columns(text):
            counts[column] = counts.get(column, 0.0) + 1.0
        weighted = {c: n * self.idf[c] for c, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values()))
        return {c: v / norm for c, v in weighted.items()} if norm else {}

    def _columns(self, text: str) -> Iterator[int]:
        """Columns of the text's known grams, in the order scikit-learn's analyzer yields them."""
        vocabulary = self.vocabulary
        if self.kind == "word":
            for gram in word_ngrams(text, self.low, self.high):
                column = vocabulary.get(gram)
                if column is not None:
                    yield column
            return
        # Character grams never cross a word, so each word's columns are worked out once.
        cache = self._word_columns
        for word in _SPACES.sub(" ", text.lower()).split():
            columns = cache.get(word)
            if columns is None:
                grams = char_wb_ngrams(word, self.low, self.high)
                columns = tuple(c for c in (vocabulary.get(g) for g in grams) if c is not None)
                if len(cache) < WORD_CACHE:
                    cache[word] = columns
            yield from columns


@dataclass(frozen=True)
class SentenceModel:
    """TF-IDF blocks plus one linear model per criterion."""

    blocks: tuple[Block, ...]
    coefficients: dict[str, dict[int, float]]
    """criterion -> {global column: weight}; columns are block offsets plus local columns."""
    intercepts: dict[str, float]

    def probabilities(self, text: str, criteria: Collection[str] | None = None) -> dict[str, float]:
        """P(criterion evidenced at level >= 1) for one sentence, per criterion (or `criteria`)."""
        features: dict[int, float] = {}
        offset = 0
        for block in self.blocks:
            for column, value in block.vector(text).items():
                features[offset + column] = value
            offset += len(block.idf)
        wanted = self.coefficients if criteria is None else criteria
        result: dict[str, float] = {}
        for cid in wanted:
            weights = self.coefficients[cid]
            # Only the sentence's few features are looked up, in feature order, so the sum
            # is the same float as summing over every feature with zeros for the rest.
            total = 0.0
            for column, value in features.items():
                weight = weights.get(column)
                if weight is not None:
                    total += value * weight
            result[cid] = 1.0 / (1.0 + math.exp(-(self.intercepts[cid] + total)))
        return result


def from_dict(data: dict[str, object]) -> SentenceModel:
    """Build the model from its JSON form (see scripts/train_grader.py)."""
    blocks = tuple(
        Block(
            kind=str(b["kind"]),
            low=int(b["low"]),
            high=int(b["high"]),
            vocabulary={gram: i for i, gram in enumerate(b["features"])},
            idf=tuple(float(x) for x in b["idf"]),
        )
        for b in data["blocks"]  # type: ignore[attr-defined]
    )
    coefficients = {
        cid: {int(col): float(w) for col, w in weights}
        for cid, weights in data["coefficients"].items()  # type: ignore[attr-defined]
    }
    intercepts = {cid: float(v) for cid, v in data["intercepts"].items()}  # type: ignore[attr-defined]
    return SentenceModel(blocks, coefficients, intercepts)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> SentenceModel | None:
    """The shipped model (loaded once, on first use), or None when the file is absent."""
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
