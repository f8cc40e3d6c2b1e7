"""Hostile photos through the one loader (vision/images.py): a decompression bomb is refused from its header
with no large allocation, HEIC is named as unsupported, truncated or garbled files give ImageLoadError (never
another exception), every suffix a folder scan accepts really loads, and a .pgm/.ppm gallery works for the
import's folder scan and for `bench identify`."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.core.errors import ImageLoadError
from app.core.settings import Settings
from app.core.vision.images import (
    HEIF_SUFFIXES,
    IMAGE_SUFFIXES,
    READABLE_SUFFIXES,
    ImageTooLargeError,
    is_image_file,
    load_rgb,
)
from tests.conftest import REPO_ROOT, fresh_process_outcome, shared_path
from tests.hostile_corpus import bomb_png, heic_file

ASTRONAUT = REPO_ROOT / "resources" / "demo" / "astronaut.png"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bomb_png(tmp_path_factory.mktemp("bomb") / "bomb.png")


def test_bomb_is_refused_from_its_header(bomb: Path) -> None:
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(
        ImageTooLargeError, match=r"bomb\.png is 20000x20000 pixels \(400 megapixels\), above"
    ):
        load_rgb(bomb)
    assert Settings().images.max_pixels == 50_000_000


_RSS_PROBE = """
import resource, sys
from app.core.errors import ImageLoadError
from app.core.vision.images import load_rgb
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    load_rgb(sys.argv[1])
    outcome = "loaded"
except ImageLoadError as exc:
    outcome = type(exc).__name__
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(outcome, (after - before) // 1024)
"""


def test_bomb_costs_no_memory(bomb: Path) -> None:
    """In a fresh process, so the peak RSS (ru_maxrss) reflects this load only: decoding would need >1 GB."""
    outcome, grown_mb = fresh_process_outcome(_RSS_PROBE, bomb)
    assert outcome == "ImageTooLargeError"
    assert grown_mb < 32, f"peak RSS grew {grown_mb} MB while refusing the bomb"


def test_ceiling_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    Image.new("RGB", (200, 100)).save(path)
    assert load_rgb(path).shape == (100, 200, 3)
    with pytest.raises(ImageTooLargeError, match=r"0\.02 megapixels|megapixel"):
        load_rgb(path, max_pixels=19_999)
    assert load_rgb(path, max_pixels=20_000).shape == (100, 200, 3)


def test_quality_cli_names_the_bomb(bomb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    assert main(["quality", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert "error: bomb.png is 20000x20000 pixels" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "major"), [("photo.heic", b"heic"), ("photo.HEIF", b"mif1"), ("renamed.jpg", b"heic")]
)
def test_heic_is_named_not_called_corrupt(tmp_path: Path, name: str, major: bytes) -> None:
    path = heic_file(tmp_path / name, major)
    assert is_image_file(path)  # a folder scan hands it to the loader, which says why it cannot read it
    with pytest.raises(ImageLoadError, match="HEIC is not supported: convert it to JPEG") as info:
        load_rgb(path)
    assert "corrupt" not in str(info.value)


def _astronaut(size: int = 96) -> Image.Image:
    return Image.open(ASTRONAUT).convert("RGB").resize((size, size))


@pytest.mark.parametrize("suffix", READABLE_SUFFIXES)
def test_every_scanned_suffix_loads(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"face{suffix}"
    image = _astronaut()
    if suffix == ".pbm":
        image = image.convert("1")
    elif suffix == ".pgm":
        image = image.convert("L")
    image.save(path)
    assert is_image_file(path)
    rgb = load_rgb(path)
    assert rgb.shape == (96, 96, 3) and rgb.dtype == np.uint8
    assert IMAGE_SUFFIXES == READABLE_SUFFIXES + HEIF_SUFFIXES


def test_large_jpeg_is_drafted_to_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    _astronaut(512).resize((4400, 2200)).save(path, quality=90)
    assert load_rgb(path, max_side=1000).shape == (500, 1000, 3)


def _garbled(data: bytes, rng: random.Random) -> list[bytes]:
    """Truncations at several points, and copies with a few random bytes overwritten (header included)."""
    cuts = [data[:n] for n in (8, 16, 40, 100, len(data) // 3, len(data) // 2, len(data) - 5)]
    flips = []
    for _ in range(25):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(min(len(buf), 300)) if rng.random() < 0.6 else rng.randrange(len(buf))
            buf[at] = rng.randrange(256)
        flips.append(bytes(buf))
    return cuts + flips


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP", "PPM"])
def test_garbled_files_give_a_clear_error(tmp_path: Path, fmt: str) -> None:
    buffer = io.BytesIO()
    _astronaut(64).save(buffer, format=fmt)
    rng = random.Random(f"hostile-{fmt}")
    loaded = refused = 0
    for i, data in enumerate(_garbled(buffer.getvalue(), rng)):
        path = tmp_path / f"g{i}.{fmt.lower()}"
        path.write_bytes(data)
        try:
            rgb = load_rgb(path)
        except ImageLoadError as exc:  # anything else is a crash of the command that loaded it
            assert path.name in str(exc)
            refused += 1
        else:
            assert rgb.ndim == 3 and rgb.shape[2] == 3
            loaded += 1
    assert refused >= 7  # every truncation at least


# --- a .pgm/.ppm gallery: the import's folder scan and bench identify -------------------------------------

LFW_PEOPLE = ["Colin_Powell", "George_W_Bush", "Tony_Blair"]


def _netpbm_gallery(root: Path) -> Path:
    lfw = shared_path("data/lfw/lfw-deepfunneled")
    for person in LFW_PEOPLE:
        folder = root / person
        folder.mkdir(parents=True)
        for n, suffix in ((1, ".ppm"), (2, ".pgm")):
            image = Image.open(lfw / person / f"{person}_{n:04d}.jpg").convert("RGB")
            (image.convert("L") if suffix == ".pgm" else image).save(folder / f"{person}_{n:04d}{suffix}")
    return root


@pytest.mark.shared
def test_netpbm_gallery_is_scanned_by_the_import(tmp_path: Path) -> None:
    from app.core.enrolment.bulk_import import read_folder
    from app.core.vision.pipeline import RecognitionPipeline, embed_photo

    root = _netpbm_gallery(tmp_path / "photos")
    heic_file(root / LFW_PEOPLE[0] / "from_a_phone.heic")
    entries, rejected = read_folder(root)
    assert rejected == []
    assert {e.external_id for e in entries} == {p.split("_")[0] for p in LFW_PEOPLE}
    photos = [p for e in entries for p in e.photos]
    assert sorted(p.suffix for p in photos) == [".heic"] + [".pgm"] * 3 + [".ppm"] * 3
    with RecognitionPipeline() as pipeline:
        for path in photos:
            if path.suffix == ".heic":
                with pytest.raises(ImageLoadError, match="HEIC is not supported"):
                    embed_photo(pipeline, path)
                continue
            face, count = embed_photo(pipeline, path)
            assert count == 1 and face is not None and face.embedding is not None, path.name


@pytest.mark.shared
def test_netpbm_gallery_for_bench_identify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    root = _netpbm_gallery(tmp_path / "gallery")
    assert main(["bench", "identify", "--root", str(root), "--enrol", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["persons"] == 3 and result["probes"] == 3 and result["faces_not_found"] == 0
    assert result["rank1"] == 1.0
