"""Still photos outside the passive model's domain (padding, grayscale): judged on real photos in ../shared.

A deep-funneled LFW photo carries black wedges joined to its border (the warp's padding); the passive
model reads their straight edges as a screen or print edge. The photo judge fills them in before scoring,
and calls a grayscale photo "undecided" rather than "spoof". Print and replay photos stay refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from app.core.evaluation.liveness import PhotoJudge, landmarker_path
from app.core.liveness.antispoof import PassiveAntiSpoof, load_passive_ensemble
from app.core.liveness.photo_domain import is_grayscale, padding_mask, prepare_photo
from app.core.settings import LivenessSettings
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path

LFW = "data/lfw/lfw-deepfunneled"
# Live LFW photos with large padding wedges that the passive model refused as they are (0.0001-0.03).
PADDED_LIVE = [
    f"{LFW}/Colleen_OClair/Colleen_OClair_0001.jpg",
    f"{LFW}/Bob_Curtis/Bob_Curtis_0001.jpg",
    f"{LFW}/Benazir_Bhutto/Benazir_Bhutto_0003.jpg",
]
GRAYSCALE_LIVE = [f"{LFW}/Babe_Ruth/Babe_Ruth_0001.jpg", f"{LFW}/Bing_Crosby/Bing_Crosby_0001.jpg"]
PRINT_REPLAY = [
    "data/spoof/silent_face/images/sample/image_F1.jpg",
    "data/spoof/silent_face/images/sample/image_F2.jpg",
    "data/spoof/miniailive/python/test_image/f_fake_andr_monitor.jpg",
    "data/spoof/miniailive/python/test_image/old-1.jpg",
    "data/spoof/doubango/assets/images/spoof.jpg",
]


@pytest.fixture(scope="module")
def passive() -> PassiveAntiSpoof:
    scorer = load_passive_ensemble().scorer
    if not isinstance(scorer, PassiveAntiSpoof):
        pytest.skip("the bundled passive anti-spoof models are not available")
    return scorer


@pytest.fixture(scope="module")
def judge(passive: PassiveAntiSpoof) -> Iterator[PhotoJudge]:
    j = PhotoJudge(LivenessSettings(), passive)
    yield j
    j.close()


def test_padding_mask_finds_a_letterbox_but_not_a_dark_area_inside() -> None:
    rgb = np.full((100, 120, 3), 128, np.uint8)
    rgb[:20] = 0  # letterbox band at the top, joined to the border
    rgb[50:60, 50:60] = 0  # a dark patch inside the picture (pupil, clothing): not padding
    mask = padding_mask(rgb)
    assert mask[:20].all() and not mask[20:].any()
    prepared = prepare_photo(rgb)
    assert prepared.padding_share == pytest.approx(20 / 100)
    assert prepared.rgb[:20].min() > 0  # filled in from the picture
    assert (prepared.rgb[50:60, 50:60] == 0).all()


@pytest.mark.parametrize("relative", PADDED_LIVE)
def test_padded_live_photo_is_live_once_its_padding_is_filled(
    relative: str, passive: PassiveAntiSpoof, judge: PhotoJudge
) -> None:
    path = shared_path(relative)
    rgb = load_rgb(path)
    assert prepare_photo(rgb).padding_share > 0.1
    with FaceLandmarker(landmarker_path(), max_faces=2, video=False) as landmarker:
        face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    assert passive.score(rgb, face) < 0.5  # as it was judged before: refused as a spoof
    assert judge.judge(path).decision == "live"


@pytest.mark.parametrize("relative", GRAYSCALE_LIVE)
def test_grayscale_photo_is_undecided_not_spoof(relative: str, judge: PhotoJudge) -> None:
    path = shared_path(relative)
    assert is_grayscale(load_rgb(path))
    sample = judge.judge(path)
    assert sample.decision == "undecided" and sample.score is None


@pytest.mark.parametrize("relative", PRINT_REPLAY)
def test_print_and_replay_photos_stay_refused(relative: str, judge: PhotoJudge) -> None:
    path = shared_path(relative)
    assert not is_grayscale(load_rgb(path))
    sample = judge.judge(path)
    assert sample.decision == "spoof", sample
    assert sample.score is not None and sample.score < 0.3
