"""The passive MiniFASNet ensemble on the labelled photos in ../shared/data/spoof (face box from MediaPipe).

Measured (threshold 0.5, mean real-class probability of V2@2.7 + V1SE@4.0):
  live photos            3/3 live     (0.994 .. 0.999)
  print / screen replay  5/5 spoof    (0.000 .. 0.278)
  masks / cut-outs       0/4 spoof    (0.968 .. 1.000): MiniFASNet was not trained on them; the active
                                       liveness checks must catch these (known limitation, xfail below)
Bona fide photos (every face photo in ../shared/data/faces: press and celebrity photos, the public-domain
astronaut): 96/97 with a face score live since crops over 4x the model input are area-averaged first
(94/97 before: two heavily retouched / upscaled web photos and a colour-graded TV still were below 0.5).
Print / replay max 0.283 (0.278 before), live min 0.978.

Excluded: doubango deepfake.jpg (a synthetic face, not a presentation attack) and miniailive old-4.jpg
(no ground truth, see its MANIFEST). Any threshold between ~0.3 and ~0.99 gives the same counts here;
0.5 is kept as the midpoint, not tuned on these 12 photos.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.liveness.antispoof import DEFAULT_THRESHOLD, AntiSpoofScore, PassiveAntiSpoof
from app.core.modelconv.convert import convert_to_folder
from app.core.models import ModelRegistry
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path

pytestmark = pytest.mark.shared

LIVE = [
    "data/spoof/silent_face/images/sample/image_T1.jpg",
    "data/spoof/doubango/assets/images/genuine.jpg",
    "data/spoof/doubango/assets/images/disguise.jpg",  # live person in disguise: hard genuine case
]
PRINT_OR_REPLAY = [
    "data/spoof/silent_face/images/sample/image_F1.jpg",  # printed photo
    "data/spoof/silent_face/images/sample/image_F2.jpg",  # tablet replay
    "data/spoof/doubango/assets/images/spoof.jpg",
    "data/spoof/miniailive/python/test_image/f_fake_andr_monitor.jpg",
    "data/spoof/miniailive/python/test_image/old-1.jpg",  # photo shown on a tablet
]
MASK_OR_CUTOUT = [
    "data/spoof/miniailive/python/test_image/f_fake_andr_mask.jpg",
    "data/spoof/miniailive/python/test_image/f_fake_andr_mask3d.jpg",
    "data/spoof/miniailive/python/test_image/f_fake_andr_outline.jpg",
    "data/spoof/miniailive/python/test_image/f_fake_andr_outline3d.jpg",
]


@pytest.fixture(scope="module")
def ensemble(tmp_path_factory: pytest.TempPathFactory) -> PassiveAntiSpoof:
    names = ("2.7_80x80_MiniFASNetV2.pth", "4_0_0_80x80_MiniFASNetV1SE.pth")
    sources = [shared_path(f"models/minifasnet/{name}") for name in names]
    return PassiveAntiSpoof(convert_to_folder(sources, tmp_path_factory.mktemp("antispoof")))


@pytest.fixture(scope="module")
def landmarker() -> Iterator[FaceLandmarker]:
    with FaceLandmarker(ModelRegistry().path("face_landmarker"), max_faces=4) as lm:
        yield lm


_cache: dict[str, AntiSpoofScore] = {}


def _score(rel: str, ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker) -> AntiSpoofScore:
    if rel not in _cache:
        rgb = load_rgb(shared_path(rel))  # honours EXIF (the silent_face captures are stored rotated)
        faces = landmarker.detect(rgb)
        assert faces, f"no face found in {rel}"
        face = max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
        result = ensemble.score_detailed(rgb, face)
        assert ensemble.score(rgb, face) == result.real
        _cache[rel] = result
        models = " ".join(f"{k}={v:.3f}" for k, v in result.per_model.items())
        print(f"{Path(rel).name:28} real={result.real:.3f}  {models}")
    return _cache[rel]


@pytest.mark.parametrize("rel", LIVE)
def test_live_photos_pass(rel: str, ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker) -> None:
    result = _score(rel, ensemble, landmarker)
    assert len(result.per_model) == 2
    assert result.is_live(DEFAULT_THRESHOLD), result


@pytest.mark.parametrize("rel", PRINT_OR_REPLAY)
def test_print_and_replay_attacks_are_rejected(
    rel: str, ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker
) -> None:
    result = _score(rel, ensemble, landmarker)
    assert not result.is_live(DEFAULT_THRESHOLD), result


@pytest.mark.xfail(reason="MiniFASNet is not trained on masks / cut-outs: they score as real (0.97-1.0)")
@pytest.mark.parametrize("rel", MASK_OR_CUTOUT)
def test_mask_and_cutout_attacks_known_limitation(
    rel: str, ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker
) -> None:
    result = _score(rel, ensemble, landmarker)
    assert not result.is_live(DEFAULT_THRESHOLD), result


def test_summary_at_threshold(ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker) -> None:
    live = [_score(r, ensemble, landmarker).real for r in LIVE]
    flat = [_score(r, ensemble, landmarker).real for r in PRINT_OR_REPLAY]
    masks = [_score(r, ensemble, landmarker).real for r in MASK_OR_CUTOUT]
    t = DEFAULT_THRESHOLD
    correct = sum(s >= t for s in live) + sum(s < t for s in flat) + sum(s < t for s in masks)
    total = len(live) + len(flat) + len(masks)
    print(
        f"threshold {t}: {correct}/{total} correct; live {sum(s >= t for s in live)}/{len(live)}, "
        f"print/replay {sum(s < t for s in flat)}/{len(flat)}, masks/cut-outs {sum(s < t for s in masks)}/"
        f"{len(masks)}; live min {min(live):.3f}, print/replay max {max(flat):.3f}"
    )
    assert min(live) > max(flat)  # the print/replay attacks and live photos are separable here
    assert correct >= len(live) + len(flat)


BONA_FIDE_FOLDERS = ["data/faces/deepface", "data/faces/face_recognition", "data/faces/public_domain"]


def test_bona_fide_photos_mostly_pass(ensemble: PassiveAntiSpoof, landmarker: FaceLandmarker) -> None:
    """BPCER of the passive model on real people's photos (not webcam frames: press photos, re-compressed)."""
    files = sorted(
        f
        for folder in BONA_FIDE_FOLDERS
        for f in shared_path(folder).rglob("*")
        if f.suffix.lower() in {".jpg", ".jpeg", ".png"}
    )
    scores = []
    for path in files:
        rgb = load_rgb(path)
        faces = landmarker.detect(rgb)
        if faces:
            face = max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
            scores.append(ensemble.score(rgb, face))
            if scores[-1] < DEFAULT_THRESHOLD:
                print(f"  below threshold: {path.name} {scores[-1]:.3f}")
    live = sum(s >= DEFAULT_THRESHOLD for s in scores)
    print(f"bona fide photos: {live}/{len(scores)} live ({len(files)} files)")
    assert len(scores) >= 90
    assert live / len(scores) >= 0.95
