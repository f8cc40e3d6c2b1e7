"""The converter's independent check: the unfolded network in float64 numpy vs ONNX Runtime."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.core.errors import ModelError
from app.core.modelconv.model_info import NUM_CLASSES, Verification
from app.core.modelconv.pth import strip_data_parallel
from app.core.modelconv.topology import BN_EPS, Array, Backend, StateDict, walk

FloatArray = npt.NDArray[np.float32]


def _conv2d(x: Array, w: Array, stride: int, pad: int, groups: int) -> Array:
    """Direct float64 convolution (N, C, H, W) for the verification path."""
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    kh, kw = w.shape[2:]
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    if groups == 1:
        return np.einsum("nchwij,ocij->nohw", windows, w, optimize=True)
    if groups == x.shape[1] == w.shape[0] and w.shape[1] == 1:
        return np.einsum("nchwij,cij->nchw", windows, w[:, 0], optimize=True)
    raise ModelError("grouped convolutions other than depthwise are not supported")


class _NumpyBackend(Backend[Array]):
    """Evaluates the raw (unfolded) state dict in float64: the converter's independent check."""

    def __init__(self, sd: StateDict) -> None:
        self.sd = sd

    def _bn(self, prefix: str, x: Array) -> Array:
        gamma, beta, mean, var = self.sd.bn(prefix, x.shape[1])
        shape = (1, -1) + (1,) * (x.ndim - 2)
        inv = gamma.reshape(shape) / np.sqrt(var.reshape(shape) + BN_EPS)
        return (x - mean.reshape(shape)) * inv + beta.reshape(shape)

    def conv_block(self, prefix: str, x: Array, groups: int, stride: int, pad: int, prelu: bool) -> Array:
        y = self._bn(f"{prefix}.bn", _conv2d(x, self.sd.get(f"{prefix}.conv.weight", 4), stride, pad, groups))
        if prelu:
            slope = self.sd.get(f"{prefix}.prelu.weight", 1).reshape(1, -1, 1, 1)
            y = np.where(y >= 0, y, y * slope)
        return y

    def se(self, prefix: str, x: Array) -> Array:
        g = x.mean(axis=(2, 3), keepdims=True)
        g = np.maximum(
            self._bn(f"{prefix}.bn1", _conv2d(g, self.sd.get(f"{prefix}.fc1.weight", 4), 1, 0, 1)), 0
        )
        g = self._bn(f"{prefix}.bn2", _conv2d(g, self.sd.get(f"{prefix}.fc2.weight", 4), 1, 0, 1))
        return x * (1.0 / (1.0 + np.exp(-g)))

    def add(self, a: Array, b: Array) -> Array:
        return a + b

    def head(self, x: Array, use_linear: bool) -> Array:
        y = x.reshape(x.shape[0], -1)
        if use_linear:
            y = y @ self.sd.get("linear.weight", 2).T
        y = self._bn("bn", y)
        return y @ self.sd.get("prob.weight", 2).T  # logits


def reference_forward(tensors: dict[str, Array], batch: Array) -> Array:
    """Logits of the unfolded network in float64 (numpy only; slow but exact enough to check ONNX)."""
    sd = StateDict(strip_data_parallel(tensors))
    return walk(sd, _NumpyBackend(sd), np.asarray(batch, dtype=np.float64))


def softmax(logits: Array) -> Array:
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


# --------------------------------------------------------------------------------------------- convert


def verification_batch(height: int, width: int) -> FloatArray:
    """Fixed inputs: seeded noise, a mid-grey image and a horizontal ramp (0..255, BGR, NCHW)."""
    rng = np.random.default_rng(20240611)
    noise = rng.uniform(0, 255, size=(1, 3, height, width))
    grey = np.full((1, 3, height, width), 128.0)
    ramp = np.broadcast_to(np.linspace(0, 255, width), (1, 3, height, width))
    return np.concatenate([noise, grey, ramp]).astype(np.float32)


def verify(model_bytes: bytes, tensors: dict[str, Array], height: int, width: int) -> Verification:
    """Run the ONNX model in onnxruntime and compare it with the numpy reference; raise on disagreement."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
    batch = verification_batch(height, width)
    logits, probs = session.run(["logits", "probs"], {"input": batch})
    want_logits = reference_forward(tensors, batch)
    want_probs = softmax(want_logits)
    result = Verification(
        max_abs_diff_probs=float(np.abs(probs - want_probs).max()),
        max_abs_diff_logits=float(np.abs(logits - want_logits).max()),
        softmax_sum_error=float(np.abs(probs.sum(axis=1) - 1.0).max()),
        output_shape=tuple(probs.shape),
    )
    logit_tol = 1e-3 * max(1.0, float(np.abs(want_logits).max()))
    if (
        result.output_shape != (len(batch), NUM_CLASSES)
        or not np.all(np.isfinite(probs))
        or result.softmax_sum_error > 1e-5
        or result.max_abs_diff_probs > 1e-4
        or result.max_abs_diff_logits > logit_tol
    ):
        raise ModelError(f"the converted model failed verification: {result}")
    return result
