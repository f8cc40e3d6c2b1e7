import numpy as np
import pytest

from app.core.matcher import Matcher, distance_to_similarity, l2_normalise


def random_unit(n: int, dim: int = 128, seed: int = 0) -> np.ndarray:
    return l2_normalise(np.random.default_rng(seed).standard_normal((n, dim), dtype=np.float32))


def test_top_k_equals_brute_force() -> None:
    gallery = random_unit(5000)
    queries = random_unit(20, seed=1)
    matcher = Matcher(128, capacity=16)  # forces several geometric growths
    matcher.add_many([f"p{i}" for i in range(len(gallery))], gallery)
    for query, found in zip(queries, matcher.search_many(queries, k=5), strict=True):
        expected = np.argsort(-(gallery @ query))[:5]
        assert [m.key for m in found] == [f"p{i}" for i in expected]
        assert found[0].similarity == pytest.approx(float(gallery[expected[0]] @ query), abs=1e-5)


def test_add_update_remove_without_rebuild() -> None:
    gallery = random_unit(100)
    matcher = Matcher(128)
    matcher.add_many([str(i) for i in range(100)], gallery)
    assert matcher.search(gallery[42])[0].key == "42"
    assert matcher.remove("42") and "42" not in matcher and len(matcher) == 99
    assert matcher.search(gallery[42])[0].key != "42"
    # the row moved into slot 42 is still found by its own vector
    assert matcher.search(gallery[99])[0].key == "99"
    matcher.add("7", gallery[3])  # update replaces the vector, keeps one row
    assert len(matcher) == 99
    assert {m.key for m in matcher.search(gallery[3], k=2)} == {"3", "7"}
    assert not matcher.remove("missing")


def test_open_set_threshold_and_empty_gallery() -> None:
    matcher = Matcher(128)
    assert matcher.search(random_unit(1)[0]) == []
    gallery = random_unit(10)
    matcher.add_many([str(i) for i in range(10)], gallery)
    stranger = random_unit(1, seed=9)[0]
    assert matcher.search(stranger, min_similarity=distance_to_similarity(0.5)) == []
    hit = matcher.search(gallery[4], min_similarity=distance_to_similarity(0.5))
    assert hit[0].key == "4" and hit[0].distance == pytest.approx(0.0, abs=1e-3)


def test_rejects_mismatched_keys() -> None:
    with pytest.raises(ValueError):
        Matcher(128).add_many(["a"], random_unit(2))


def test_an_empty_shared_matcher_is_still_shared() -> None:
    """An empty gallery is falsy (len 0): code must test `is None`, not truthiness, to keep sharing it."""
    from app.core.vision.pipeline import RecognitionPipeline

    shared = Matcher(128)
    with RecognitionPipeline(matcher=shared) as pipeline:
        assert pipeline.matcher is shared
        shared.add("late-enrolment", random_unit(1)[0])
        assert len(pipeline.matcher) == 1


@pytest.mark.parametrize("near_duplicates", [False, True])
def test_quantised_search_is_exact(monkeypatch: pytest.MonkeyPatch, near_duplicates: bool) -> None:
    """The int8 prefilter only proposes rows; the answer must equal brute-force float32 top-k,
    even when rows differ by less than the int8 rounding (near-duplicates)."""
    import app.core.matcher as matcher_module

    monkeypatch.setattr(matcher_module, "QUANTISED_MIN_ROWS", 100)
    gallery = random_unit(6000, seed=3)
    if near_duplicates:
        noise = np.random.default_rng(4).standard_normal(gallery.shape).astype(np.float32) * 1e-3
        gallery[3000:] = l2_normalise(gallery[:3000] + noise[3000:])
    queries = np.concatenate([random_unit(10, seed=5), gallery[[10, 3010, 5999]]])
    matcher = Matcher(128)
    matcher.add_many([f"p{i}" for i in range(len(gallery))], gallery)
    matcher.remove("p17")  # the int8 mirror follows the row moves
    matcher.add("p10", gallery[11])  # and updates
    exact = gallery.copy()
    exact[10] = gallery[11]
    keys = [f"p{i}" for i in range(len(gallery))]
    alive = np.array([k != "p17" for k in keys])
    for query, found in zip(queries, matcher.search_many(queries, k=5), strict=True):
        scores = np.where(alive, exact @ query, -np.inf)
        expected = np.argsort(-scores, kind="stable")[:5]
        assert [m.similarity for m in found] == pytest.approx([float(scores[i]) for i in expected], abs=1e-6)
        assert [m.key for m in found] == [keys[i] for i in expected]
    assert matcher.search(gallery[5], k=3, min_similarity=0.999)[0].key == "p5"
    assert matcher.search(random_unit(1, seed=99)[0], min_similarity=0.9) == []
