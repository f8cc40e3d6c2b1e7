"""Reading still images robustly: EXIF orientation, grayscale/RGBA/16-bit, huge images, corrupt files.

The one loader for every still photo (`quality`, `verify`, `import`, `bench`, folder sources, the kiosk
portrait). Hostile files get a clear `ImageLoadError`, never a traceback:
- a decompression bomb (a small file declaring a huge canvas) is refused from its header, before any pixel
  is decoded, above `max_pixels` (Settings.images.max_pixels, 50 MP by default);
- HEIC/HEIF (recognised by its ISO-BMFF `ftyp` box, whatever the file is called) is named as unsupported;
- truncated or garbled files say so.
`IMAGE_SUFFIXES` is what folder scans pick up: exactly the formats this loader decodes, plus HEIC/HEIF so
that such photos are reported with the reason rather than skipped in silence.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps, UnidentifiedImageError, features

from app.core.errors import ImageLoadError
from app.core.settings import ImageSettings

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]

MAX_SIDE = 1920  # larger photos are downscaled: faces stay far above the embedder's 150 px chip
DEFAULT_MAX_PIXELS = ImageSettings().max_pixels
# Formats Pillow decodes without extra packages (each one is round-tripped by tests/test_hostile_images.py).
READABLE_SUFFIXES: tuple[str, ...] = (
    ".jpg",
    ".jpeg",
    ".jpe",
    ".jfif",
    ".png",
    ".bmp",
    ".dib",
    ".webp",
    ".tif",
    ".tiff",
    ".gif",
    ".pgm",
    ".ppm",
    ".pbm",
    ".pnm",
) + ((".avif",) if features.check_module("avif") else ())
HEIF_SUFFIXES: tuple[str, ...] = (".heic", ".heif")  # refused with a clear message (see _heif_brand)
IMAGE_SUFFIXES: tuple[str, ...] = READABLE_SUFFIXES + HEIF_SUFFIXES
# Pillow's own guard only warns above its limit and fails above twice it; `load_rgb` checks the header
# against `max_pixels` before decoding instead, so Pillow's (a global, and noisy) is switched off.
Image.MAX_IMAGE_PIXELS = None

_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)
_DECODABLE_BMFF_BRANDS = frozenset({b"avif", b"avis"})  # ISO-BMFF images Pillow reads (AVIF)


class ImageTooLargeError(ImageLoadError):
    """The image declares more pixels than the configured ceiling (a possible decompression bomb)."""


def load_rgb(path: Path | str, max_side: int = MAX_SIDE, max_pixels: int = DEFAULT_MAX_PIXELS) -> RgbImage:
    """Load any image file as an HxWx3 uint8 RGB array, upright per EXIF, at most `max_side` px.

    The pixel count is read from the header first: above `max_pixels` nothing is decoded."""
    path = Path(path)
    if not path.is_file():
        raise ImageLoadError(f"Image not found: {path}")
    try:
        with Image.open(path) as opened:
            check_pixels(path, opened.size, max_pixels)
            _draft(opened, max_side)
            opened.load()
            image = ImageOps.exif_transpose(opened) or opened
            rgb = _to_rgb(image)
    except ImageLoadError:
        raise
    except UnidentifiedImageError as exc:
        brand = _heif_brand(path)
        if brand:
            raise ImageLoadError(
                f"Cannot read {path.name}: HEIC is not supported: convert it to JPEG (it is an HEIF "
                f"'{brand}' photo, as iPhones take by default)."
            ) from exc
        raise ImageLoadError(f"Cannot read {path.name}: not an image or an unsupported format.") from exc
    except MemoryError as exc:
        raise ImageTooLargeError(f"Cannot read {path.name}: not enough memory to decode it.") from exc
    except Exception as exc:  # any decoder failure on a hostile file is "corrupt", never a crash
        log.debug("decoding %s failed", path, exc_info=True)
        raise ImageLoadError(
            f"Cannot read {path.name}: the file is truncated or corrupt ({type(exc).__name__}: {exc})."
        ) from exc
    longest = max(rgb.size)
    if longest > max_side:
        scale = max_side / longest
        rgb = rgb.resize(
            (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale))), Image.Resampling.LANCZOS
        )
        log.debug("downscaled %s by %.3f", path.name, scale)
    return np.asarray(rgb, dtype=np.uint8).copy()


def check_pixels(path: Path, size: tuple[int, int], max_pixels: int) -> None:
    """Refuse an image whose header declares more than `max_pixels` (before anything is decoded)."""
    width, height = size
    if width <= 0 or height <= 0:
        raise ImageLoadError(f"Cannot read {path.name}: its header declares an empty {width}x{height} image.")
    if width * height > max_pixels:
        raise ImageTooLargeError(
            f"{path.name} is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels), above the "
            f"{max_pixels / 1e6:.0f}-megapixel limit for photos: resize it (a face photo needs far less)."
        )


def _draft(image: Image.Image, max_side: int) -> None:
    """JPEG only: decode at a reduced scale (1/2, 1/4, 1/8) when the photo will be downscaled anyway; the
    decoded image stays at least `max_side` on its longest side, so the result is the same size."""
    longest = max(image.size)
    if image.format != "JPEG" or longest < 2 * max_side:
        return
    scale = max_side / longest
    image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _heif_brand(path: Path) -> str:
    """The HEIF brand ('heic', 'mif1' …) when the file starts with an ISO-BMFF `ftyp` box naming one (and no
    brand Pillow decodes, such as AVIF), else ''."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return ""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return ""
    size = int.from_bytes(head[0:4], "big")
    end = min(max(size, 16), len(head))
    brands = [head[8:12]] + [head[i : i + 4] for i in range(16, end - 3, 4)]
    if any(b in _DECODABLE_BMFF_BRANDS for b in brands):
        return ""
    heif = [b for b in brands if b in _HEIF_BRANDS]
    return heif[0].decode("ascii") if heif else ""


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
    """Whether a folder scan should hand this file to `load_rgb` (by its suffix; the content decides)."""
    return path.suffix.lower() in IMAGE_SUFFIXES
