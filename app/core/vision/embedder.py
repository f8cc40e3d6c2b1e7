"""Face embedder: dlib's face-recognition ResNet (converted to ONNX) run with onnxruntime on the CPU.

Input chips are what `dlib.get_face_chip(img, shape, size=150, padding=0.25)` produces (and what
`app.core.vision.alignment` reproduces): 150×150 RGB uint8. Output rows are L2-normalised 128-D float32
vectors, so cosine similarity is a dot product and dlib's Euclidean distance on raw descriptors maps
onto them monotonically.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from app.core.errors import ModelError

log = logging.getLogger(__name__)

CHIP_SIZE: Final = 150
INPUT_NAME: Final = "chips"
OUTPUT_NAME: Final = "embedding"

# Stored with every template; bump MODEL_VERSION whenever the converted weights, the graph or the
# pre/post-processing change the vectors, so that old templates are recognised as stale.
MODEL_ID: Final = "dlib_resnet_v1"
MODEL_VERSION: Final = "1"
EMBEDDING_DIM: Final = 128

ChipBatch = npt.NDArray[np.uint8]
Embeddings = npt.NDArray[np.float32]


class FaceEmbedder:
    """Turns aligned 150×150 RGB face chips into unit 128-D embeddings.

    `threads` sets onnxruntime's intra-op thread count (the app is meant for small CPUs, so keep it at
    or below the number of cores). `batch_size` bounds how many chips go through one session run
    (with `flip=True` a run holds twice that many images). The session is thread-safe.
    """

    model_id: Final = MODEL_ID
    model_version: Final = MODEL_VERSION
    dim: Final = EMBEDDING_DIM

    def __init__(self, model_path: Path, threads: int = 2, batch_size: int = 16) -> None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.model_path = Path(model_path)
        self.threads = threads
        self.batch_size = batch_size
        if not self.model_path.is_file():
            raise ModelError(f"Face embedder model file missing: {self.model_path}. Reinstall FaceAttend.")

        import onnxruntime as ort  # local import: keeps `import app.core` light for tools that skip it

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only; ORT warnings would otherwise go to stderr
        try:
            self._session = ort.InferenceSession(
                str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own unrelated exception types
            raise ModelError(
                f"Face embedder model {self.model_path} cannot be loaded by onnxruntime "
                f"(corrupt or not an ONNX model): {exc}"
            ) from exc
        self._check_signature()
        log.info(
            "face embedder %s v%s loaded from %s (%d threads)",
            self.model_id,
            self.model_version,
            self.model_path,
            threads,
        )

    def _check_signature(self) -> None:
        inputs = self._session.get_inputs()
        outputs = self._session.get_outputs()
        in_ok = (
            len(inputs) == 1
            and inputs[0].name == INPUT_NAME
            and list(inputs[0].shape[1:]) == [CHIP_SIZE, CHIP_SIZE, 3]
        )
        out_ok = len(outputs) == 1 and outputs[0].name == OUTPUT_NAME and outputs[0].shape[-1] == self.dim
        if not (in_ok and out_ok):
            found_in = [(i.name, i.shape) for i in inputs]
            found_out = [(o.name, o.shape) for o in outputs]
            raise ModelError(
                f"Face embedder model {self.model_path} has the wrong signature: inputs {found_in}, "
                f"outputs {found_out}; expected '{INPUT_NAME}' [N,{CHIP_SIZE},{CHIP_SIZE},3] → "
                f"'{OUTPUT_NAME}' [N,{self.dim}]."
            )

    def raw(self, chips: ChipBatch) -> Embeddings:
        """dlib's raw (unnormalised) descriptors for a batch of chips, in one session run."""
        batch = self._validate(chips)
        if batch.shape[0] == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._session.run([OUTPUT_NAME], {INPUT_NAME: batch.astype(np.float32)})[0]
        return np.asarray(out, dtype=np.float32)

    def embed(self, chips: ChipBatch, flip: bool = False) -> Embeddings:
        """Unit embeddings [N, 128] for chips [N, 150, 150, 3] uint8 RGB.

        With `flip`, each chip and its horizontal mirror go through the net in the same run and the
        two raw descriptors are averaged before normalising.
        """
        batch = self._validate(chips)
        n = batch.shape[0]
        result = np.empty((n, self.dim), dtype=np.float32)
        for start in range(0, n, self.batch_size):
            part = batch[start : start + self.batch_size]
            if flip:
                both = np.concatenate([part, part[:, :, ::-1, :]], axis=0)
                raw = self.raw(both)
                vectors = 0.5 * (raw[: len(part)] + raw[len(part) :])
            else:
                vectors = self.raw(part)
            result[start : start + len(part)] = vectors
        return l2_normalise(result)

    def _validate(self, chips: ChipBatch) -> ChipBatch:
        arr = np.asarray(chips)
        if arr.ndim != 4 or arr.shape[1:] != (CHIP_SIZE, CHIP_SIZE, 3):
            raise ValueError(
                f"expected face chips shaped [N,{CHIP_SIZE},{CHIP_SIZE},3], got {list(arr.shape)}"
            )
        if arr.dtype != np.uint8:
            raise ValueError(f"expected uint8 RGB chips, got dtype {arr.dtype}")
        return np.ascontiguousarray(arr)


def l2_normalise(vectors: Embeddings, eps: float = 1e-12) -> Embeddings:
    """Rows scaled to unit length (an all-zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, eps)).astype(np.float32, copy=False)
