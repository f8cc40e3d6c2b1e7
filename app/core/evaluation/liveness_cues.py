"""Single-frame presentation-attack cues that need no training data (hand-made image statistics).

Measured, not used: tools/bench_liveness_cues.py measures each on the shared photos and videos, alone and
as a veto beside the passive model; none caught an attack the passive model admits without refusing live
people, so no decision uses them (README, "hand-made attack cues"). evaluation/flanking_edges.py holds a
per-track form of the bezel cue, measured and dropped too.

Each cue maps (RGB frame, face box) to one number; its direction is fixed in advance (`SPOOF_HIGH`:
True when a high value points to an attack), never fitted to the data it is measured on. The moiré cue
was revised once: its first form (one spectrum over the whole face) grew with the face's pixel size.

- moire:    screen replay. Isolated peaks in the high-frequency band of the face's spectrum (a display's
            pixel grid beating with the camera's sensor grid). log(peak / median) of the band, native pixels.
- bezel:    screen or print edge. Total length of long straight edges (near horizontal or vertical) in the
            ring around the face (the model's 2.7x crop minus the face box), over the ring's perimeter.
- range:    display / print gamut. Luma dynamic range of the face (99th - 1st percentile): a recaptured
            picture has lifted blacks and clipped whites. Low = attack.
- texture:  print. Fine-texture energy of the face at a fixed scale (Laplacian std over local std, face
            resized to 112 px wide). Low = attack.
- glare:    specular highlight. Share of face pixels that are near-white and unsaturated (V > 0.94,
            S < 0.12): glossy paper and screen glass reflect lamps as large white patches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from app.core.errors import FaceAttendError
from app.core.liveness.antispoof import Box, crop_window

RgbImage = npt.NDArray[np.uint8]
CUES_VERSION = "2"  # bump when a cue's definition changes (benchmark caches key on it)
FACE_SIDE = 112  # px: the face is resized to this width for the scale-free cues
TILE = 32  # px: Welch tile for the moire spectrum
RING_SCALE = 2.7  # the ring for edges: the MiniFASNet V2 crop around the face


@dataclass(frozen=True)
class CueValues:
    moire: float
    bezel: float
    range: float
    texture: float
    glare: float

    def as_dict(self) -> dict[str, float]:
        return {
            "moire": self.moire,
            "bezel": self.bezel,
            "range": self.range,
            "texture": self.texture,
            "glare": self.glare,
        }


# True: a high value is attack-like; False: a low value is attack-like.
SPOOF_HIGH: dict[str, bool] = {"moire": True, "bezel": True, "range": False, "texture": False, "glare": True}


def _face_patch(rgb: RgbImage, box: Box) -> RgbImage | None:
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = (round(v) for v in box)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 - x0 < 16 or y1 - y0 < 16:
        return None
    return rgb[y0:y1, x0:x1]


def _gray(rgb: RgbImage) -> npt.NDArray[np.float32]:
    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.float32)


def moire_peakiness(rgb: RgbImage, box: Box) -> float:
    """log(max / median) of the face's power spectrum in the band 0.25..0.5 cycles/pixel, averaged over
    TILE x TILE tiles at native pixels (Welch), so that the bin count does not grow with the face size."""
    patch = _face_patch(rgb, box)
    if patch is None or min(patch.shape[:2]) < TILE:
        return math.nan
    g = _gray(patch)
    window = np.outer(np.hanning(TILE), np.hanning(TILE)).astype(np.float32)
    step = TILE // 2
    power = np.zeros((TILE, TILE), np.float64)
    for y in range(0, g.shape[0] - TILE + 1, step):
        for x in range(0, g.shape[1] - TILE + 1, step):
            tile = g[y : y + TILE, x : x + TILE]
            power += np.abs(np.fft.fft2((tile - float(tile.mean())) * window)) ** 2
    freq = np.fft.fftfreq(TILE)
    fy, fx = freq[:, None], freq[None, :]
    radius = np.sqrt(fx**2 + fy**2)
    # JPEG / H.264 8x8 blocks put energy on the lines fx = k/8 and fy = k/8: not a screen, leave them out.
    off_blocks = (_block_distance(fx, TILE) > 1.0) & (_block_distance(fy, TILE) > 1.0)
    band = power[(radius >= 0.25) & (radius <= 0.5) & off_blocks]
    return float(np.log((band.max() + 1e-6) / (np.median(band) + 1e-6)))


def _block_distance(freq: npt.NDArray[np.floating[Any]], n: int) -> npt.NDArray[np.float64]:
    """Distance, in frequency bins, of each frequency from the nearest multiple of 1/8 cycle per pixel."""
    return np.asarray(np.abs(freq - np.round(freq * 8) / 8) * n, np.float64)


def bezel_edges(rgb: RgbImage, box: Box) -> float:
    """Length of long straight near-axis edges in the ring around the face, over the ring's perimeter."""
    h, w = rgb.shape[:2]
    try:
        win = crop_window(box, RING_SCALE, w, h)
    except FaceAttendError:
        return math.nan
    ring = rgb[win.y0 : win.y1 + 1, win.x0 : win.x1 + 1]
    rh, rw = ring.shape[:2]
    if rh < 32 or rw < 32:
        return math.nan
    edges = cv2.Canny(cv2.GaussianBlur(cv2.cvtColor(ring, cv2.COLOR_RGB2GRAY), (5, 5), 0), 50, 150)
    fx0, fy0 = round(box[0]) - win.x0, round(box[1]) - win.y0
    fx1, fy1 = round(box[2]) - win.x0, round(box[3]) - win.y0
    edges[max(0, fy0) : max(0, fy1), max(0, fx0) : max(0, fx1)] = 0  # the face itself is not a bezel
    face_w = box[2] - box[0]
    lines = cv2.HoughLinesP(
        edges, 1, np.pi / 180, threshold=40, minLineLength=max(20, int(0.6 * face_w)), maxLineGap=4
    )
    if lines is None:
        return 0.0
    total = 0.0
    for x_a, y_a, x_b, y_b in np.asarray(lines).reshape(-1, 4):
        angle = abs(math.degrees(math.atan2(y_b - y_a, x_b - x_a))) % 90
        if min(angle, 90 - angle) <= 10:  # near horizontal or vertical
            total += math.hypot(x_b - x_a, y_b - y_a)
    return float(total / (2 * (rh + rw)))


def luma_range(rgb: RgbImage, box: Box) -> float:
    patch = _face_patch(rgb, box)
    if patch is None:
        return math.nan
    lo, hi = np.percentile(_gray(patch), [1, 99])
    return float(hi - lo)


def fine_texture(rgb: RgbImage, box: Box) -> float:
    patch = _face_patch(rgb, box)
    if patch is None:
        return math.nan
    side = (FACE_SIDE, max(16, round(FACE_SIDE * patch.shape[0] / patch.shape[1])))
    g = _gray(np.asarray(cv2.resize(patch, side, interpolation=cv2.INTER_AREA), np.uint8))
    lap = cv2.Laplacian(g, cv2.CV_32F, ksize=1)
    local = float(np.std(g - cv2.GaussianBlur(g, (0, 0), 4)))
    return float(np.std(lap) / (local + 1e-3))


def glare_share(rgb: RgbImage, box: Box) -> float:
    patch = _face_patch(rgb, box)
    if patch is None:
        return math.nan
    hsv = cv2.cvtColor(patch, cv2.COLOR_RGB2HSV)
    s = hsv[..., 1].astype(np.float32) / 255.0
    v = hsv[..., 2].astype(np.float32) / 255.0
    return float(np.mean((v > 0.94) & (s < 0.12)))


CUES: dict[str, Callable[[RgbImage, Box], float]] = {
    "moire": moire_peakiness,
    "bezel": bezel_edges,
    "range": luma_range,
    "texture": fine_texture,
    "glare": glare_share,
}


def cue_values(rgb: RgbImage, box: Box) -> CueValues:
    """Every cue for the face in `box` (nan where the face is too small to measure)."""
    return CueValues(**{name: fn(rgb, box) for name, fn in CUES.items()})
