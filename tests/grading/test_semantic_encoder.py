"""The numpy MiniLM forward pass gives sentence-transformers' own embeddings."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from mockround.grading.semantic.encoder import Encoder

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


def test_embeddings_match_the_reference_implementation() -> None:
    # The reference was computed once by sentence-transformers with torch (not installed here);
    # it includes a sentence past the 256-token limit, so truncation is checked too.
    reference = json.loads(REFERENCE.read_text())
    got = Encoder().encode(reference["sentences"])
    want = np.array(reference["embeddings"], dtype=np.float32)
    assert got.shape == want.shape == (len(reference["sentences"]), 384)
    assert np.abs(got - want).max() < 1e-4


def test_embeddings_are_unit_length_and_order_independent() -> None:
    encoder = Encoder()
    sentences = ["Class weights first.", "A much longer sentence about resampling inside folds."]
    forward = encoder.encode(sentences)
    backward = encoder.encode(sentences[::-1])[::-1]
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)
    assert np.allclose(forward, backward, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)
