"""The cloud's /v1/search and /v1/verify decide at the calibrated open-set threshold for the organisation's
gallery when the request names none (the old default, distance 0.5, let near look-alikes through)."""

from __future__ import annotations

import numpy as np

from app.core.recognition.calibration import Calibrator
from tests.test_cloud_service import Api, api, put_person, put_template, unit  # noqa: F401 - api: fixture
from wire.schemas import encode_vector


def at_distance(base: np.ndarray, distance: float, seed: int) -> np.ndarray:
    other = unit(seed)
    other = other - other.dot(base) * base
    other /= np.linalg.norm(other)
    similarity = 1 - distance**2 / 2
    return (similarity * base + np.sqrt(1 - similarity**2) * other).astype(np.float32)


def test_search_and_verify_default_to_the_calibrated_threshold(api: Api) -> None:  # noqa: F811
    org = api.org()
    _, h = api.device(org)
    people = [put_person(api, h, name=f"P{i}") for i in range(10)]
    for i, pid in enumerate(people):
        put_template(api, h, pid, unit(300 + i))
    calibrated = Calibrator().threshold(1e-3, 10).distance
    assert calibrated < 0.45
    probe = {
        "model_id": "dlib",
        "model_version": "1",
        "dim": 128,
        "vector_b64": encode_vector(at_distance(unit(303), 0.45, 7)),  # a look-alike of P3
    }
    assert api.client.post("/v1/search", json=probe, headers=h).json()["matches"] == []
    explicit = api.client.post("/v1/search", json={**probe, "threshold": 0.5}, headers=h).json()
    assert [m["person_uuid"] for m in explicit["matches"]] == [people[3]]
    verify = {**probe, "person_uuid": people[3]}
    r = api.client.post("/v1/verify", json=verify, headers=h).json()
    assert not r["match"] and abs(r["distance"] - 0.45) < 1e-3
    assert api.client.post("/v1/verify", json={**verify, "threshold": 0.5}, headers=h).json()["match"]
    close = {**probe, "vector_b64": encode_vector(at_distance(unit(303), 0.2, 8))}
    hits = api.client.post("/v1/search", json=close, headers=h).json()["matches"]
    assert [m["person_uuid"] for m in hits] == [people[3]]


def test_the_cloud_threshold_is_the_desktops() -> None:
    """The cloud recomputes the desktop's model from the shipped table (it may not import the app)."""
    from cloud.services.search import calibrated_distance
    from wire.schemas import SearchRequest

    body = {"model_id": "dlib", "model_version": "1", "dim": 128, "vector_b64": encode_vector(unit(1))}
    request = SearchRequest(**body)
    for n in (1, 50, 10_000):
        assert calibrated_distance(request, n) == Calibrator().threshold(1e-3, n).distance
    assert calibrated_distance(SearchRequest(**body, threshold=0.7), 50) == 0.7
