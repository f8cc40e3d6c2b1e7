import io
import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from app.core.camera.sources import FolderSource, VideoFileSource, open_source
from app.core.errors import ImageLoadError, SourceError, SourceExhausted
from app.core.vision.images import load_rgb
from tests.conftest import shared_path

ASTRONAUT = Path(__file__).resolve().parents[1] / "resources" / "demo" / "astronaut.png"


def test_exif_orientation_is_honoured(tmp_path: Path) -> None:
    base = np.zeros((40, 80, 3), dtype=np.uint8)
    base[:, :40] = 255  # left half white
    image = Image.fromarray(base)
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    path = tmp_path / "rotated.jpg"
    image.save(path, exif=exif.tobytes(), quality=95)
    rgb = load_rgb(path)
    assert rgb.shape == (80, 40, 3)
    assert rgb[:35].mean() > 200 and rgb[45:].mean() < 50  # the white half is now on top


@pytest.mark.parametrize("mode", ["L", "RGBA", "I;16", "P"])
def test_grayscale_rgba_16bit_palette_become_rgb(tmp_path: Path, mode: str) -> None:
    src = Image.open(ASTRONAUT).convert("RGB").resize((64, 64))
    converted = src.convert("I;16") if mode == "I;16" else src.convert(mode)
    path = tmp_path / f"img_{mode.replace(';', '')}.png"
    converted.save(path)
    rgb = load_rgb(path)
    assert rgb.shape == (64, 64, 3) and rgb.dtype == np.uint8


def test_huge_images_are_downscaled(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.new("RGB", (5000, 2500), (10, 20, 30)).save(path)
    assert load_rgb(path, max_side=1000).shape == (500, 1000, 3)


def test_corrupt_and_non_image_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture")
    with pytest.raises(ImageLoadError, match=r"notes\.jpg"):
        load_rgb(text)
    truncated = tmp_path / "cut.jpg"
    buffer = io.BytesIO()
    Image.open(ASTRONAUT).convert("RGB").save(buffer, format="JPEG")
    truncated.write_bytes(buffer.getvalue()[:2000])
    with pytest.raises(ImageLoadError):
        load_rgb(truncated)
    with pytest.raises(ImageLoadError, match="not found"):
        load_rgb(tmp_path / "missing.png")


def test_folder_source_skips_unreadable_files(tmp_path: Path) -> None:
    Image.open(ASTRONAUT).convert("RGB").save(tmp_path / "a.png")
    (tmp_path / "b.jpg").write_bytes(b"garbage")
    Image.open(ASTRONAUT).convert("RGB").save(tmp_path / "c.jpg")
    source = FolderSource(tmp_path)
    frames = list(source)
    assert [f.index for f in frames] == [0, 2]
    assert len(source.skipped) == 1 and source.skipped[0][0].name == "b.jpg"


def test_video_source_reads_and_loops() -> None:
    video = shared_path("data/video/real2.webm")
    source = VideoFileSource(video, loop=True)
    frames = [source.read() for _ in range(400)]  # the clip has ~350 frames: this wraps once
    source.close()
    stamps = [f.timestamp_ms for f in frames]
    assert all(b > a for a, b in itertools.pairwise(stamps))
    assert frames[0].rgb.shape == (480, 640, 3)


def test_video_source_end_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "tiny.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (32, 32))
    for _ in range(3):
        writer.write(np.zeros((32, 32, 3), np.uint8))
    writer.release()
    with VideoFileSource(path) as source:
        assert len(list(source)) == 3
        with pytest.raises(SourceExhausted):
            source.read()
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError):
        VideoFileSource(bad)
    with pytest.raises(SourceError, match="not found"):
        open_source(str(tmp_path / "nope.mp4"))


def test_missing_camera_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="Camera 7"):
        open_source("7")
