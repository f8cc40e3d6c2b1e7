"""Reading still images robustly: EXIF orientation, grayscale/RGBA/16-bit, huge images, corrupt files."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps, UnidentifiedImageError

from app.core.errors import ImageLoadError

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]

MAX_SIDE = 1920  # larger photos are downscaled: faces stay far above the embedder's 150 px chip
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
Image.MAX_IMAGE_PIXELS = 200_000_000  # decompression-bomb guard, still generous for camera photos


def load_rgb(path: Path | str, max_side: int = MAX_SIDE) -> RgbImage:
    """Load any image file as an HxWx3 uint8 RGB array, upright per EXIF, at most `max_side` px."""
    path = Path(path)
    if not path.is_file():
        raise ImageLoadError(f"Image not found: {path}")
    try:
        with Image.open(path) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened) or opened
            rgb = _to_rgb(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageLoadError(
            f"Cannot read {path.name}: not an image or the file is corrupt ({exc})."
        ) from exc
    longest = max(rgb.size)
    if longest > max_side:
        scale = max_side / longest
        rgb = rgb.resize(
            (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale))), Image.Resampling.LANCZOS
        )
        log.debug("downscaled %s by %.3f", path.name, scale)
    return np.asarray(rgb, dtype=np.uint8).copy()


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        array = np.asarray(image, dtype=np.float64)
        peak = array.max() or 1.0
        return Image.fromarray((array * (255.0 / peak)).astype(np.uint8)).convert("RGB")
    return image.convert("RGB")


def is_image_file(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES
