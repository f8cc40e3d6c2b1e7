"""MiniFASNet .pth -> ONNX without torch: reader safety, conversion vs a torch reference, install command."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import pickle
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.commands import models as models_command
from app.core.errors import FaceAttendError, ModelError
from app.core.liveness.antispoof import PassiveAntiSpoof, crop_window
from app.core.modelconv.convert import (
    ConvertedModel,
    convert_pth,
    parse_model_file_name,
    reference_forward,
    softmax,
    verification_batch,
)
from app.core.modelconv.pth import LEGACY_MAGIC, LEGACY_PROTOCOL, load_state_dict, strip_data_parallel
from app.core.models import ModelRegistry, sha256_of
from tests.conftest import REPO_ROOT, shared_path

V2 = "models/minifasnet/2.7_80x80_MiniFASNetV2.pth"
V1SE = "models/minifasnet/4_0_0_80x80_MiniFASNetV1SE.pth"


@pytest.fixture(scope="module")
def converted() -> dict[str, ConvertedModel]:
    return {rel: convert_pth(shared_path(rel)) for rel in (V2, V1SE)}


# ------------------------------------------------------------------------------------------- pure logic


def test_file_names_give_scale_size_and_architecture() -> None:
    assert parse_model_file_name("2.7_80x80_MiniFASNetV2.pth") == (2.7, 80, 80, "MiniFASNetV2")
    assert parse_model_file_name("4_0_0_80x80_MiniFASNetV1SE.pth") == (4.0, 80, 80, "MiniFASNetV1SE")
    assert parse_model_file_name("org_1_80x60_MiniFASNetV1.pth") == (None, 80, 60, "MiniFASNetV1")
    assert parse_model_file_name("weights.pth") is None


def test_crop_window_enlarges_about_the_centre_and_stays_inside_the_frame() -> None:
    # 100x100 box centred at (320, 240) in 640x480, scale 2 -> 200x200 around the same centre
    assert crop_window((270, 190, 370, 290), 2.0, 640, 480) == crop_window(
        (270, 190, 370, 290), 2.0, 640, 480
    )
    win = crop_window((270, 190, 370, 290), 2.0, 640, 480)
    assert (win.x0, win.y0, win.x1, win.y1) == (220, 140, 420, 340)
    # near the left/top edge: shifted, not clipped (same size)
    win = crop_window((0, 0, 100, 100), 2.7, 640, 480)
    assert (win.x0, win.y0) == (0, 0) and (win.x1, win.y1) == (270, 270)
    # too big for the frame: the scale shrinks so the window fits
    win = crop_window((100, 100, 400, 400), 4.0, 640, 480)
    assert win.y0 >= 0 and win.y1 <= 479 and win.x0 >= 0 and win.x1 <= 639
    with pytest.raises(FaceAttendError):
        crop_window((10, 10, 10.5, 40), 2.7, 640, 480)


# ------------------------------------------------------------------------------------------- reader


def test_reads_the_legacy_state_dicts_with_data_parallel_prefix() -> None:
    raw = load_state_dict(shared_path(V2))
    assert all(k.startswith("module.") for k in raw)
    tensors = strip_data_parallel(raw)
    assert tensors["conv1.conv.weight"].shape == (32, 3, 3, 3)
    assert tensors["conv_6_dw.conv.weight"].shape == (512, 1, 5, 5)
    assert tensors["prob.weight"].shape == (3, 128)
    assert tensors["bn.num_batches_tracked"].dtype == np.int64


def _legacy_file(obj_pickle: bytes, tail: bytes | None = None) -> bytes:
    """Legacy torch layout: magic, protocol, sys info, the object, then storage keys + data (`tail`)."""
    head = b"".join(
        pickle.dumps(x, protocol=2) for x in (LEGACY_MAGIC, LEGACY_PROTOCOL, {"little_endian": True})
    )
    return head + obj_pickle + (pickle.dumps([], protocol=2) if tail is None else tail)


class _Evil:
    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.getenv, ("HOME",))  # harmless if it ran; the loader must refuse to resolve it at all


@pytest.mark.parametrize("container", ["legacy", "zip"])
def test_refuses_pickles_that_reference_other_globals(tmp_path: Path, container: str) -> None:
    payload = pickle.dumps({"conv1.conv.weight": _Evil()}, protocol=2)
    path = tmp_path / "2.7_80x80_MiniFASNetV2.pth"
    if container == "legacy":
        path.write_bytes(_legacy_file(payload))
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("archive/data.pkl", payload)
        path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelError, match="refusing to load global os"):
        load_state_dict(path)


@pytest.mark.parametrize("content", [b"", b"not a pytorch file at all", b"PK\x03\x04garbage"])
def test_garbage_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "2.7_80x80_MiniFASNetV2.pth"
    path.write_bytes(content)
    with pytest.raises(ModelError, match="Cannot read"):
        load_state_dict(path)


def test_truncated_file_is_a_clear_error(tmp_path: Path) -> None:
    data = shared_path(V2).read_bytes()
    path = tmp_path / "2.7_80x80_MiniFASNetV2.pth"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="truncated"):
        convert_pth(path)


def test_a_state_dict_of_another_network_is_rejected(tmp_path: Path) -> None:
    weight = np.ones((4, 3), dtype=np.float32)
    path = tmp_path / "2.7_80x80_MiniFASNetV2.pth"
    path.write_bytes(_legacy_file(*_legacy_state_dict_pickle({"fc.weight": weight})))
    assert load_state_dict(path)["fc.weight"].shape == (4, 3)
    with pytest.raises(ModelError, match="not a MiniFASNet state dict"):
        convert_pth(path)


def _legacy_state_dict_pickle(tensors: dict[str, np.ndarray]) -> tuple[bytes, bytes]:
    """Hand-written legacy torch pickle (protocol 2) of float32 tensors: (object pickle, keys + data)."""
    out = bytearray(b"\x80\x02ccollections\nOrderedDict\n)R(")  # PROTO 2, OrderedDict(), MARK
    keys: list[str] = []
    for i, (name, array) in enumerate(tensors.items()):
        key = str(1000 + i)
        keys.append(key)
        stride = tuple(int(s) // array.itemsize for s in np.ascontiguousarray(array).strides)
        out += pickle.dumps(name, protocol=2)[2:-1]
        out += b"ctorch._utils\n_rebuild_tensor_v2\n("  # global, MARK for the args tuple
        out += b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\n"
        out += pickle.dumps(key, protocol=2)[2:-1] + b"X\x03\x00\x00\x00cpu"
        out += pickle.dumps(int(array.size), protocol=2)[2:-1] + b"Nt" + b"Q"  # tuple, BINPERSID
        out += b"K\x00" + pickle.dumps(tuple(array.shape), protocol=2)[2:-1]
        out += pickle.dumps(stride, protocol=2)[2:-1] + b"\x89" + b"ccollections\nOrderedDict\n)R"
        out += b"tR"  # TUPLE, REDUCE
    out += b"u."  # SETITEMS, STOP
    tail = pickle.dumps(keys, protocol=2)
    for array in tensors.values():
        tail += struct.pack("<q", array.size) + np.ascontiguousarray(array, dtype="<f4").tobytes()
    return bytes(out), tail


# ------------------------------------------------------------------------------------------- converter


@pytest.mark.parametrize("rel", [V2, V1SE])
def test_converted_model_is_verified_and_self_describing(
    converted: dict[str, ConvertedModel], rel: str
) -> None:
    model = converted[rel]
    v = model.verification
    assert v.output_shape == (3, 3)
    assert v.softmax_sum_error < 1e-5
    assert v.max_abs_diff_probs < 1e-4 and v.max_abs_diff_logits < 1e-4
    assert model.info.input_height == model.info.input_width == 80
    assert model.info.crop_scale == (2.7 if rel == V2 else 4.0)
    assert model.info.architecture == ("MiniFASNetV2" if rel == V2 else "MiniFASNetV1SE")
    assert model.source_description.startswith("minivision-ai/Silent-Face-Anti-Spoofing")


def test_conversion_is_deterministic(converted: dict[str, ConvertedModel]) -> None:
    again = convert_pth(shared_path(V2))
    assert again.onnx_bytes == converted[V2].onnx_bytes


# ------------------------------------------------------------------------------------------- torch reference


def _torch_child(*args: str) -> None:
    """tests/torch_reference.py in a child process (torch never loads into the test process)."""
    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is a test-only dependency: pip install torch==2.13.0")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "tests.torch_reference", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.mark.parametrize("rel", [V2, V1SE])
def test_onnx_equals_torch_reference(converted: dict[str, ConvertedModel], rel: str, tmp_path: Path) -> None:
    import onnxruntime as ort

    path = shared_path(rel)
    rng = np.random.default_rng(7)
    batch = np.concatenate(
        [verification_batch(80, 80), rng.uniform(0, 255, (5, 3, 80, 80)).astype(np.float32)]
    )
    np.save(tmp_path / "batch.npy", batch)
    zipped = tmp_path / path.name
    _torch_child(
        "reference", str(path), str(tmp_path / "batch.npy"), str(tmp_path / "torch.npz"), str(zipped)
    )
    with np.load(tmp_path / "torch.npz") as answers:
        want_logits, want_probs = answers["logits"], answers["probs"]
        loaded = {k.removeprefix("tensor:"): answers[k] for k in answers.files if k.startswith("tensor:")}
    # our torch-free reader gives exactly torch's tensors
    ours = load_state_dict(path)
    assert set(ours) == set(loaded)
    for key, value in loaded.items():
        np.testing.assert_array_equal(ours[key], value, err_msg=key)

    session = ort.InferenceSession(converted[rel].onnx_bytes, providers=["CPUExecutionProvider"])
    logits, probs = session.run(["logits", "probs"], {"input": batch})
    diff_logits = float(np.abs(logits - want_logits).max())
    diff_probs = float(np.abs(probs - want_probs).max())
    print(f"{Path(rel).name}: max |ONNX - torch| logits {diff_logits:.2e}, probs {diff_probs:.2e}")
    assert diff_logits < 1e-4
    assert diff_probs < 1e-4
    np.testing.assert_allclose(softmax(reference_forward(ours, batch)), want_probs, atol=1e-5)

    # a zip-format (torch >= 1.6) copy of the same state dict reads and converts to the same model
    assert zipfile.is_zipfile(zipped)
    assert convert_pth(zipped).onnx_bytes == converted[rel].onnx_bytes
    assert "torch" not in sys.modules  # the reference ran in its own process


def test_torch_rejects_nothing_we_accept_for_a_plain_torch_save(tmp_path: Path) -> None:
    path = tmp_path / "2.7_80x80_MiniFASNetV2.pth"
    _torch_child("linear", str(path))
    assert load_state_dict(path)["weight"].shape == (2, 4)
    with pytest.raises(ModelError, match="not a MiniFASNet state dict"):
        convert_pth(path)


# ------------------------------------------------------------------------------------------- command


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    models_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def test_import_installs_into_the_user_models_dir(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(shared_path(V2)), str(shared_path(V1SE))]
    assert _run(["models", "import-antispoof", *files]) == 0
    models_dir = data_dir / "models"
    manifest = json.loads((models_dir / "manifest.json").read_text(encoding="utf-8"))
    names = {m["name"]: m for m in manifest["models"]}
    assert set(names) == {"antispoof_minifasnet_v2", "antispoof_minifasnet_v1se"}
    for entry in names.values():
        assert entry["licence"] == "Apache-2.0"
        assert sha256_of(models_dir / entry["file"]) == entry["sha256"]
    assert not list(models_dir.glob(".*partial"))

    registry = ModelRegistry(models_dir)
    ensemble = PassiveAntiSpoof.from_registries([registry])
    assert ensemble is not None and len(ensemble.labels) == 2

    capsys.readouterr()
    assert _run(["models", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    user = {r["name"]: r["status"] for r in rows if r["origin"] == "user"}
    assert user == {"antispoof_minifasnet_v1se": "ok", "antispoof_minifasnet_v2": "ok"}

    # an altered file shows up in the list and is refused by the app
    target = models_dir / names["antispoof_minifasnet_v2"]["file"]
    target.write_bytes(target.read_bytes()[:-1] + b"\x00")
    assert _run(["models", "list"]) == 1
    assert "ALTERED" in capsys.readouterr().out
    with pytest.raises(ModelError, match="altered"):
        PassiveAntiSpoof.from_registries([ModelRegistry(models_dir)])


def test_a_bad_file_installs_nothing(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "4_0_0_80x80_MiniFASNetV1SE.pth"
    bad.write_bytes(b"\x80\x02garbage")
    with pytest.raises(ModelError):
        _run(["models", "import-antispoof", str(shared_path(V2)), str(bad)])
    models_dir = data_dir / "models"
    assert not models_dir.exists() or not [p for p in models_dir.iterdir() if p.name != "manifest.json"]
    if (models_dir / "manifest.json").exists():
        assert json.loads((models_dir / "manifest.json").read_text(encoding="utf-8")) == {"models": []}
