"""The FPIR bound on real faces through the kiosk's own decision path (AttendanceService.decide_frames).

People are from LFW View 1's test half (peopleDevTest.txt), never used for the calibration (which used
peopleDevTrain.txt). Embeddings come from the project's pipeline and are cached outside the repository
(FACEATTEND_CACHE_DIR, else ../cache next to ../shared when it exists, else the user's cache folder).
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from app.core.attendance import AttendanceService
from app.core.attendance.service import TrackFrame
from app.core.evaluation.embedding_cache import embed_folder
from app.core.matcher import Matcher, distance_to_similarity
from app.core.recognition.decision import MATCH, fuse
from app.core.settings import Settings
from tests.conftest import SHARED, shared_path
from tests.test_attendance_rules import FakeStore

ROSTER = 250
STRANGERS = 600


@pytest.fixture(scope="module")
def devtest() -> dict[str, list[np.ndarray]]:
    lfw = shared_path("data/lfw")
    root = lfw / "lfw-deepfunneled"
    counts = {}
    for line in (lfw / "peopleDevTest.txt").read_text().splitlines()[1:]:
        name, count = line.split()
        counts[name] = int(count)
    files = [f"{n}/{n}_{i:04d}.jpg" for n, c in sorted(counts.items()) for i in range(1, min(c, 5) + 1)]
    with pytest.MonkeyPatch.context() as patch:
        if "FACEATTEND_CACHE_DIR" not in os.environ and (SHARED.parent / "cache").is_dir():
            patch.setenv("FACEATTEND_CACHE_DIR", str(SHARED.parent / "cache"))
        embedded = embed_folder(root, "lfw-deepfunneled", files)
    return {name: [v for _, v in rows] for name, rows in embedded.by_person().items()}


def service_for(gallery: dict[str, np.ndarray], settings: Settings | None = None) -> AttendanceService:
    matcher = Matcher(128, capacity=len(gallery))
    matcher.add_many(list(gallery), np.stack(list(gallery.values())))
    return AttendanceService(FakeStore({}), settings or Settings(), matcher=matcher)


def track(vectors: list[np.ndarray]) -> list[TrackFrame]:
    return [TrackFrame(v, 1.0, []) for v in vectors]


def test_roster_of_250_single_photos_and_600_strangers(devtest: dict[str, list[np.ndarray]]) -> None:
    enrolable = sorted(k for k, v in devtest.items() if len(v) >= 2)
    strangers = sorted(k for k, v in devtest.items() if len(v) == 1)
    assert len(enrolable) >= ROSTER and len(strangers) >= STRANGERS
    roster = enrolable[:ROSTER]
    service = service_for({k: devtest[k][0] for k in roster})
    stranger_decisions = [service.decide_frames(track(devtest[k][:1])) for k in strangers[:STRANGERS]]
    accepted = sum(d.decision == MATCH for d in stranger_decisions)
    # expected at the 1e-3 target: 0.6 of 600; 3 or more would happen by chance in 2 % of runs
    assert accepted <= 2, accepted
    mated = [(k, service.decide_frames(track(devtest[k][1:2]))) for k in roster]
    assert not [k for k, d in mated if d.decision == MATCH and d.key != k]  # never the wrong person
    # single photos are judged on the single-photo tails: 73 of 250 pass (47 at the fused tracks' threshold)
    assert sum(d.decision == MATCH for _, d in mated) >= 60
    # The old fixed per-frame threshold (distance 0.40) let a large share of these strangers in.
    old = distance_to_similarity(0.40)
    assert sum(d.similarity >= old for d in stranger_decisions) > 0.05 * STRANGERS


def test_fused_templates_and_tracks_reach_the_tpir_floor(devtest: dict[str, list[np.ndarray]]) -> None:
    """2 photos enrolled, 3-photo tracks: every person with 5 photos is enrolled, the others are strangers."""
    enrolable = sorted(k for k, v in devtest.items() if len(v) >= 5)
    strangers = sorted(k for k, v in devtest.items() if 3 <= len(v) < 5)
    service = service_for({k: fuse(np.stack(devtest[k][:2])) for k in enrolable})
    mated = [(k, service.decide_frames(track(devtest[k][2:5]))) for k in enrolable]
    tpir = np.mean([d.decision == MATCH and d.key == k for k, d in mated])
    assert not [k for k, d in mated if d.decision == MATCH and d.key != k]
    # measured 0.92 (125 people) without the crowding raise, 0.896 with it (3 people 0.001 under the bar)
    assert tpir >= 0.88, tpir
    accepted = [k for k in strangers if service.decide_frames(track(devtest[k][:3])).decision == MATCH]
    assert len(accepted) <= 1, accepted


def test_a_crowded_template_raises_the_bar_for_its_look_alike(devtest: dict[str, list[np.ndarray]]) -> None:
    """Chen Shui-bian is not enrolled; Jeong Se-hyun is, among 124 people with 5 photos. This embedder puts
    the two close together, and Jeong's template sits in a crowded part of the gallery: the raise keeps
    one of Chen's two 3-photo tracks out that the calibrated threshold alone let in as Jeong."""
    enrolable = sorted(k for k, v in devtest.items() if len(v) >= 5 and k != "Chen_Shui-bian")
    gallery = {k: fuse(np.stack(devtest[k][:2])) for k in enrolable}
    visits = [track(devtest["Chen_Shui-bian"][0:3]), track(devtest["Chen_Shui-bian"][2:5])]
    plain = Settings()
    plain.recognition.crowding = 0.0  # the rule before the raise
    before = [service_for(gallery, plain).decide_frames(v) for v in visits]
    assert [(d.decision, d.key) for d in before] == [(MATCH, "Jeong_Se-hyun")] * 2
    service = service_for(gallery)
    assert service.decider.crowding.raise_for("Jeong_Se-hyun") > 0.003
    after = [service.decide_frames(v) for v in visits]
    assert sum(d.decision == MATCH for d in after) <= 1
    own = service.decide_frames(track(devtest["Jeong_Se-hyun"][2:5]))
    assert (own.decision, own.key) == (MATCH, "Jeong_Se-hyun")  # Jeong himself is still recognised
