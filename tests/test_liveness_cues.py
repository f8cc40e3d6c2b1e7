"""The hand-made attack cues (measured, not used in decisions) on one real pair: the same phone camera and
person, live (image_T1) and replayed on a tablet whose bezel and glass glare are in view (image_F2)."""

from __future__ import annotations

import math

from app.core.evaluation.liveness import landmarker_path
from app.core.evaluation.liveness_cues import CueValues, cue_values
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path

SAMPLE = "data/spoof/silent_face/images/sample"


def _cues(relative: str) -> CueValues:
    rgb = load_rgb(shared_path(relative))
    with FaceLandmarker(landmarker_path(), max_faces=2, video=False) as landmarker:
        face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    return cue_values(rgb, face.box)


def test_tablet_replay_shows_its_bezel_and_glare_where_the_live_face_does_not() -> None:
    live, replay = _cues(f"{SAMPLE}/image_T1.jpg"), _cues(f"{SAMPLE}/image_F2.jpg")
    assert all(math.isfinite(v) for v in (*live.as_dict().values(), *replay.as_dict().values()))
    assert replay.bezel > 2 * live.bezel
    assert replay.glare > 0.05 > live.glare


def test_cues_are_nan_for_a_face_too_small_to_measure() -> None:
    rgb = load_rgb(shared_path(f"{SAMPLE}/image_T1.jpg"))
    values = cue_values(rgb, (10.0, 10.0, 20.0, 20.0))
    assert all(math.isnan(v) for v in (values.moire, values.range, values.texture, values.glare))
