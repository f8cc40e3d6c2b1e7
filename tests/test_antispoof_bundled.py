"""The bundled passive ensemble: models/ holds MiniFASNet V2 + V1SE converted by our own converter, and a
fresh install (no imported model) runs it in the kiosk, at enrolment and says so in Settings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from app.commands import models as models_command
from app.core.attendance.kiosk import load_passive
from app.core.liveness.antispoof import MODEL_NAME_PREFIX, PassiveAntiSpoof, load_passive_ensemble
from app.core.modelconv.convert import convert_pth
from app.core.models import ModelRegistry, shipped_models_dir
from app.core.settings import Settings
from tests.conftest import shared_path

SOURCES = {
    "antispoof_minifasnet_v2": "models/minifasnet/2.7_80x80_MiniFASNetV2.pth",
    "antispoof_minifasnet_v1se": "models/minifasnet/4_0_0_80x80_MiniFASNetV1SE.pth",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_converter_reproduces_the_bundled_model(name: str) -> None:
    """Byte-identical: re-running the converter on the upstream .pth gives the committed file's sha256."""
    converted = convert_pth(shared_path(SOURCES[name]))
    entry = ModelRegistry().entries[name]
    assert converted.info.model_name == name
    assert converted.info.file_name == entry.file
    assert hashlib.sha256(converted.onnx_bytes).hexdigest() == entry.sha256
    assert converted.source_sha256 in entry.source  # provenance: the upstream file's own sha256


def test_bundled_models_are_listed_with_licence_and_licence_text() -> None:
    registry = ModelRegistry()
    names = sorted(n for n in registry.entries if n.startswith(MODEL_NAME_PREFIX))
    assert names == sorted(SOURCES)
    for name in names:
        entry = registry.entries[name]
        assert entry.licence == "Apache-2.0"
        assert "minivision-ai/Silent-Face-Anti-Spoofing" in entry.source
        assert "b6d5f04ad78778917853b25c778acef6d5626d15" in entry.source
        registry.path(name)  # sha256 verified
    text = (shipped_models_dir() / "LICENSE-MiniFASNet.txt").read_text(encoding="utf-8")
    assert "Apache License" in text and "Copyright 2020 Minivision" in text


def test_fresh_install_runs_the_bundled_ensemble(data_dir: Path) -> None:
    """No imported model: the kiosk's loader and the context's loader both give the two bundled models."""
    loaded = load_passive_ensemble(data_dir)
    assert loaded.scorer is not None and loaded.models == sorted(SOURCES) and loaded.imported == []
    assert loaded.describe().startswith("passive model on (bundled")
    kiosk_scorer = load_passive(Settings(data_dir=data_dir))
    assert isinstance(kiosk_scorer, PassiveAntiSpoof) and len(kiosk_scorer.labels) == 2
    score = kiosk_scorer.score_box(np.full((240, 320, 3), 128, np.uint8), (120.0, 80.0, 200.0, 180.0))
    assert 0.0 <= score.real <= 1.0


def test_imported_models_override_the_bundled_ones_and_a_broken_import_falls_back(data_dir: Path) -> None:
    converted = [convert_pth(shared_path(SOURCES["antispoof_minifasnet_v2"]))]
    installed = models_command.install_antispoof(converted, data_dir / "models")
    loaded = load_passive_ensemble(data_dir)
    assert loaded.imported == ["antispoof_minifasnet_v2"] and loaded.models == sorted(SOURCES)
    assert "bundled + imported" in loaded.describe()

    installed[0].write_bytes(installed[0].read_bytes()[:-1] + b"\x00")  # the imported file is altered
    loaded = load_passive_ensemble(data_dir)
    assert loaded.scorer is not None and loaded.imported == [] and "altered" in loaded.problem
    assert loaded.describe().startswith("passive model on (bundled")


def test_an_altered_bundled_model_leaves_passive_off_with_the_reason(data_dir: Path, tmp_path: Path) -> None:
    shipped = tmp_path / "models"
    shipped.mkdir()
    registry = ModelRegistry()
    (shipped / "manifest.json").write_bytes((registry.models_dir / "manifest.json").read_bytes())
    for name in SOURCES:
        file = registry.entries[name].file
        (shipped / file).write_bytes((registry.models_dir / file).read_bytes())
    victim = shipped / registry.entries["antispoof_minifasnet_v2"].file
    victim.write_bytes(victim.read_bytes()[:-1] + b"\x00")
    loaded = load_passive_ensemble(data_dir, ModelRegistry(shipped))
    assert loaded.scorer is None and "altered" in loaded.problem
    assert loaded.describe().startswith("active challenge only")


def _noisy_frames(rel: str, sigma: float, count: int = 6) -> list[tuple[np.ndarray, object]]:
    from app.core.camera.sources import VideoFileSource
    from app.core.evaluation.liveness import landmarker_path
    from app.core.vision.landmarker import FaceLandmarker

    rng = np.random.default_rng(0)
    out: list[tuple[np.ndarray, object]] = []
    with FaceLandmarker(landmarker_path(), max_faces=1) as lm, VideoFileSource(shared_path(rel)) as src:
        for i, frame in enumerate(src):
            if i % 12:
                continue
            noisy = np.clip(frame.rgb + rng.normal(0, sigma, frame.rgb.shape), 0, 255).astype(np.uint8)
            faces = lm.detect(noisy)
            if faces:
                out.append((noisy, faces[0]))
            if len(out) == count:
                break
    return out


def test_a_noisy_webcam_is_not_a_spoof_and_a_noisy_replay_still_is(data_dir: Path) -> None:
    """real3.mov (960x540, the model's crop ~500 px) with sensor noise sigma 8: plain bilinear resizing
    kept the noise and the ensemble read it as a recapture (median live probability 0.09); area-averaging
    large crops first gives 0.81. The phone replay fake2 under the same noise stays a spoof."""
    scorer = load_passive_ensemble(data_dir).scorer
    assert scorer is not None
    live = [scorer.score(rgb, face) for rgb, face in _noisy_frames("data/video/real3.mov", 8.0)]
    replay = [scorer.score(rgb, face) for rgb, face in _noisy_frames("data/video/fake2.webm", 8.0)]
    assert len(live) == len(replay) == 6
    assert float(np.median(live)) >= 0.5, live
    assert max(replay) < 0.5, replay
