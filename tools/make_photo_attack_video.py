"""Make photo-attack videos: a still face photo moved in front of a fixed camera.

The photo is treated as a flat print (optionally with a white border) held in front of a textured,
static background, seen by a pinhole camera. Each variant moves the print differently: pan, zoom,
in-plane roll, tilt about the vertical / horizontal axis (true perspective), a hand-held mix, a
close-up that fills the frame (no background), and a print held still. Frames get fresh sensor noise.

    python tools/make_photo_attack_video.py PHOTO OUT_DIR [--variants all] [--fps 15]

Library use (tests): `attack_frames(photo_rgb, variant) -> (frames, fps)` keeps everything in memory.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

VARIANTS = ("pan", "zoom", "roll", "tilt_yaw", "tilt_pitch", "handheld", "closeup_tilt", "still")
WIDTH, HEIGHT = 640, 480
FOCAL = 600.0  # pixels: a typical 640x480 webcam (~56 deg horizontal field of view)


def _background(seed: int = 7) -> np.ndarray:
    """A static room-like background: smooth shading, a few rectangles, fine texture."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    base = 90 + 60 * (x / WIDTH) + 20 * np.sin(y / 60.0)
    img = np.dstack([base * 0.9, base, base * 0.8]).astype(np.float32)
    for _ in range(8):
        x0, y0 = int(rng.integers(0, WIDTH - 60)), int(rng.integers(0, HEIGHT - 60))
        w, h = int(rng.integers(30, 200)), int(rng.integers(30, 200))
        color = rng.integers(30, 220, 3).tolist()
        cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), color, -1)
    texture = cv2.GaussianBlur(rng.normal(0, 12, (HEIGHT, WIDTH)).astype(np.float32), (0, 0), 1.2)
    img += texture[..., None]
    return np.clip(img, 0, 255).astype(np.uint8)


def _print_of(photo: np.ndarray, border: float) -> np.ndarray:
    """The photo as a print: a white border of `border` x its shorter side."""
    pad = round(border * min(photo.shape[:2]))
    if pad <= 0:
        return photo
    return cv2.copyMakeBorder(photo, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(245, 245, 240))


def _rotation(yaw_deg: float, pitch_deg: float, roll_deg: float) -> np.ndarray:
    a, b, c = (math.radians(v) for v in (yaw_deg, pitch_deg, roll_deg))
    ry = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    return ry @ rx @ rz


def _homography(
    src_w: int,
    src_h: int,
    width_px: float,
    cx: float,
    cy: float,
    yaw: float,
    pitch: float,
    roll: float,
    anchor: tuple[float, float] = (0.5, 0.5),
) -> np.ndarray:
    """Map the print (src pixels) to the image: a plane `width_px` wide (at distance FOCAL) whose point
    `anchor` (fractions of the print) sits at (cx, cy), rotated in 3-D about it, seen by a pinhole camera."""
    s = width_px / src_w  # plane units = image pixels at depth FOCAL
    corners = np.array([[0, 0], [src_w, 0], [src_w, src_h], [0, src_h]], dtype=np.float64)
    ax, ay = anchor[0] * src_w, anchor[1] * src_h
    plane = np.c_[(corners[:, 0] - ax) * s, (corners[:, 1] - ay) * s, np.zeros(4)]
    r = _rotation(yaw, pitch, roll)
    world = plane @ r.T
    z = FOCAL + world[:, 2]
    img = np.c_[FOCAL * world[:, 0] / z + cx, FOCAL * world[:, 1] / z + cy]
    h = cv2.getPerspectiveTransform(corners.astype(np.float32), img.astype(np.float32))
    return np.asarray(h, dtype=np.float64)


def _motion(variant: str, t: float, duration: float) -> tuple[float, float, float, float, float, float]:
    """(scale, dx, dy, yaw, pitch, roll) of the print at time t."""
    w = 2 * math.pi / duration
    if variant == "pan":
        return 1.0, 110 * math.sin(w * t), 40 * math.sin(2 * w * t), 0, 0, 0
    if variant == "zoom":
        return 1.0 + 0.45 * math.sin(w * t), 0, 0, 0, 0, 0
    if variant == "roll":
        return 1.0, 0, 0, 0, 0, 25 * math.sin(w * t)
    if variant == "tilt_yaw":
        return 1.0, 0, 0, 40 * math.sin(w * t), 0, 0
    if variant == "tilt_pitch":
        return 1.0, 0, 0, 0, 35 * math.sin(w * t), 0
    if variant == "handheld":
        return (
            1.0 + 0.2 * math.sin(0.7 * w * t),
            60 * math.sin(w * t),
            25 * math.sin(1.3 * w * t),
            30 * math.sin(1.1 * w * t + 0.5),
            20 * math.sin(0.9 * w * t + 1.0),
            10 * math.sin(1.7 * w * t),
        )
    if variant == "closeup_tilt":
        return 1.0, 15 * math.sin(w * t), 0, 35 * math.sin(w * t), 15 * math.sin(2 * w * t), 0
    if variant == "still":  # held in a hand: sub-pixel tremor only
        return 1.0 + 0.004 * math.sin(7 * t), 0.6 * math.sin(5 * t), 0.5 * math.sin(4 * t), 0, 0, 0
    raise ValueError(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}")


def attack_frames(
    photo_rgb: np.ndarray, variant: str, fps: float = 15.0, duration_s: float | None = None, seed: int = 0
) -> tuple[list[np.ndarray], float]:
    """RGB frames (640x480) of one photo-attack variant, and the frame rate."""
    return list(iter_attack_frames(photo_rgb, variant, fps, duration_s, seed)), fps


def iter_attack_frames(
    photo_rgb: np.ndarray, variant: str, fps: float = 15.0, duration_s: float | None = None, seed: int = 0
) -> Iterator[np.ndarray]:
    """As attack_frames, one frame at a time (a test can stop as soon as it has its answer)."""
    if duration_s is None:
        duration_s = 7.0 if variant == "still" else 4.0
    rng = np.random.default_rng(seed)
    closeup = variant == "closeup_tilt"
    longest = max(photo_rgb.shape[:2])
    if longest > 800:  # the print is never shown larger than ~700 px: warp a smaller copy (faster)
        f = 800 / longest
        photo_rgb = cv2.resize(photo_rgb, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    printed = _print_of(photo_rgb, 0.0 if closeup else 0.08)
    background = _background(seed + 7)
    src_h, src_w = printed.shape[:2]
    base_width = (WIDTH * 1.1) if closeup else 380.0 * src_w / max(src_w, src_h)
    anchor = (0.5, 0.38) if closeup else (0.5, 0.5)  # a close-up centres the (upper-middle) face
    noise_bank = [rng.normal(0, 2.0, (HEIGHT, WIDTH, 3)).astype(np.int16) for _ in range(4)]
    n = round(duration_s * fps)
    for i in range(n):
        t = i / fps
        scale, dx, dy, yaw, pitch, roll = _motion(variant, t, duration_s)
        h = _homography(
            src_w, src_h, base_width * scale, WIDTH / 2 + dx, HEIGHT / 2 + dy, yaw, pitch, roll, anchor
        )
        frame = background.copy()
        warped = cv2.warpPerspective(printed, h, (WIDTH, HEIGHT), flags=cv2.INTER_LINEAR)
        mask = cv2.warpPerspective(np.full((src_h, src_w), 255, np.uint8), h, (WIDTH, HEIGHT))
        frame[mask > 127] = warped[mask > 127]
        # Fresh-looking sensor noise: one of a few noise fields, shifted by a random offset each frame.
        shift = int(rng.integers(0, WIDTH))
        noise = np.roll(noise_bank[i % len(noise_bank)], shift, axis=1)
        yield np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def write_video(frames: list[np.ndarray], fps: float, path: Path) -> Path:
    """MJPG in .avi: readable by every OpenCV build."""
    path = path.with_suffix(".avi")
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write {path}")
    for rgb in frames:
        writer.write(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def load_photo(path: Path) -> np.ndarray:
    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit(f"cannot read {path}")
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("photo", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--variants", default="all", help=f"comma list of {', '.join(VARIANTS)}, or all")
    parser.add_argument("--fps", type=float, default=15.0)
    args = parser.parse_args(argv)
    names = VARIANTS if args.variants == "all" else tuple(args.variants.split(","))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    photo = load_photo(args.photo)
    for k, name in enumerate(names):
        frames, fps = attack_frames(photo, name, fps=args.fps, seed=k)
        out = write_video(frames, fps, args.out_dir / f"photo_{name}")
        print(f"{out}: {len(frames)} frames at {fps:g} fps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
