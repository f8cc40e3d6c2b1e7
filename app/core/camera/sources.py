"""Frame sources behind one interface: webcam, video file, folder of images, looping demo video (network
cameras: network.py)."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from app.core.errors import ImageLoadError, SourceError, SourceExhausted
from app.core.vision.images import DEFAULT_MAX_PIXELS, is_image_file, load_rgb

log = logging.getLogger(__name__)


@dataclass
class Frame:
    rgb: npt.NDArray[np.uint8]  # HxWx3 RGB
    timestamp_ms: int  # source time: video position, or monotonic ms for live cameras
    index: int


class FrameSource(ABC):
    """Yields frames until it raises SourceExhausted (finite sources) or SourceError (failure)."""

    name: str = "source"
    fps: float = 30.0

    @abstractmethod
    def read(self) -> Frame: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __iter__(self) -> FrameSource:
        return self

    def __next__(self) -> Frame:
        try:
            return self.read()
        except SourceExhausted:
            raise StopIteration from None


class VideoTooLargeError(SourceError):
    """A video declares frames with more pixels than the configured ceiling (a decompression bomb?)."""


class VideoFileSource(FrameSource):
    """A video file; `loop=True` restarts at the end (the demo camera).

    Hostile files are refused before a frame is decoded: opening reads the container and the first frame's
    header only (FFmpeg's stream probe parses, it does not decode), so the declared frame size is known
    before any pixel buffer exists; above `max_pixels` (Settings.images.max_pixels, as for photos) the file
    is refused. A 2 MB MJPEG AVI declaring 16000x16000 frames would otherwise take 1.7 GB and 6-11 s per
    frame. OpenCV then scales every frame to that declared size, so a later frame declaring more costs its
    decoder buffer only. The first frame is then decoded at open: a file with no decodable frame is refused
    there with the reason (never "end of video"), so a kiosk retries it with its back-off instead of
    reopening it in a tight loop."""

    def __init__(self, path: Path | str, loop: bool = False, max_pixels: int = DEFAULT_MAX_PIXELS) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise SourceError.said("Video file not found: {path}", path=self.path)
        self.loop = loop
        self.name = f"video:{self.path.name}"
        self.max_pixels = max_pixels
        self._cap = cv2.VideoCapture(str(self.path))
        if not self._cap.isOpened():
            self._cap.release()
            raise SourceError.said(
                "Cannot open video {name}: not a video, unsupported or corrupt.", name=self.path.name
            )
        self.fps = float(self._cap.get(cv2.CAP_PROP_FPS)) or 30.0
        self._index = 0
        self._loop_offset_ms = 0
        self._last_ts = 0
        try:
            self._check_size(
                int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
            )
            self._first: tuple[npt.NDArray[np.uint8], int] | None = self._read_first()
        except SourceError:
            self._cap.release()
            raise

    def _read_first(self) -> tuple[npt.NDArray[np.uint8], int]:
        """The first frame and its position (kept for the first read()); SourceError when none decodes."""
        ok, bgr = self._cap.read()
        if not ok or bgr is None:
            raise SourceError(
                f"Cannot read a frame of {self.path.name}: the file is damaged, not a video, or uses an "
                "unsupported codec."
            )
        self._check_size(bgr.shape[1], bgr.shape[0])  # a container that declared no size
        return np.asarray(bgr, dtype=np.uint8), self._position_ms()

    def _check_size(self, width: int, height: int) -> None:
        """Refuse frames above the pixel ceiling (0 or less: not declared, the decoded frame is checked)."""
        if width > 0 and height > 0 and width * height > self.max_pixels:
            raise VideoTooLargeError(
                f"{self.path.name} declares {width}x{height} frames ({width * height / 1e6:.0f} megapixels), "
                f"above the {self.max_pixels / 1e6:.0f}-megapixel limit for images: refused before "
                "decoding (a camera recording needs far less: 1920x1080 is 2 megapixels)."
            )

    def read(self) -> Frame:
        if self._first is not None:  # decoded at open
            bgr, position = self._first
            self._first = None
        else:
            ok, decoded = self._cap.read()
            if not ok:
                if not self.loop:
                    raise SourceExhausted(f"End of video {self.path.name}")
                self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                self._loop_offset_ms = self._last_ts + round(1000 / self.fps)
                ok, decoded = self._cap.read()
                if not ok:
                    raise SourceError(f"Cannot rewind video {self.path.name}")
            bgr, position = np.asarray(decoded, dtype=np.uint8), self._position_ms()
        ts = self._loop_offset_ms + position
        if self._index > 0 and ts <= self._last_ts:  # a container without usable timestamps
            ts = self._last_ts + round(1000 / self.fps)
        self._last_ts = ts
        rgb = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        frame = Frame(rgb=rgb, timestamp_ms=ts, index=self._index)
        self._index += 1
        return frame

    def _position_ms(self) -> int:
        """Presentation time of the frame just read: webcam recordings often have a variable frame rate
        (real2.webm: 214 frames in 11.6 s at a nominal 30 FPS), so frame index × 1/fps would be wrong."""
        position = float(self._cap.get(cv2.CAP_PROP_POS_MSEC))
        if position > 0 or self._index_in_loop() == 0:
            return round(position)
        return round(self._index_in_loop() * 1000 / self.fps)

    def _index_in_loop(self) -> int:
        return max(0, int(self._cap.get(cv2.CAP_PROP_POS_FRAMES)) - 1)

    def close(self) -> None:
        self._cap.release()


class CameraSource(FrameSource):
    """A webcam by index. A camera that stops delivering frames raises SourceError (unplugged)."""

    def __init__(self, index: int = 0, width: int = 1280, height: int = 720) -> None:
        self.index = index
        self.name = f"camera:{index}"
        self._cap = cv2.VideoCapture(index)
        if not self._cap.isOpened():
            self._cap.release()
            raise SourceError.said(
                "Camera {index} not found or busy. Check that it is plugged in and not in use.", index=index
            )
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self.fps = float(self._cap.get(cv2.CAP_PROP_FPS)) or 30.0
        self._count = 0
        self._t0 = time.monotonic()

    def read(self) -> Frame:
        ok, bgr = self._cap.read()
        if not ok or bgr is None:
            raise SourceError.said("Camera {index} stopped sending frames (unplugged?).", index=self.index)
        ts = round((time.monotonic() - self._t0) * 1000)
        rgb = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        frame = Frame(rgb=rgb, timestamp_ms=ts, index=self._count)
        self._count += 1
        return frame

    def close(self) -> None:
        self._cap.release()


class FolderSource(FrameSource):
    """Every image in a folder, in name order; unreadable files are skipped with a warning."""

    def __init__(self, folder: Path | str, fps: float = 1.0, max_pixels: int = DEFAULT_MAX_PIXELS) -> None:
        self.folder = Path(folder)
        self.max_pixels = max_pixels
        if not self.folder.is_dir():
            raise SourceError.said("Folder not found: {folder}", folder=self.folder)
        self.files = sorted(p for p in self.folder.iterdir() if p.is_file() and is_image_file(p))
        if not self.files:
            raise SourceError.said("No images in {folder}", folder=self.folder)
        self.name = f"folder:{self.folder.name}"
        self.fps = fps
        self._pos = 0
        self.skipped: list[tuple[Path, str]] = []

    def read(self) -> Frame:
        while self._pos < len(self.files):
            path = self.files[self._pos]
            index = self._pos
            self._pos += 1
            try:
                rgb = load_rgb(path, max_pixels=self.max_pixels)
            except ImageLoadError as exc:
                log.warning("%s", exc)
                self.skipped.append((path, str(exc)))
                continue
            return Frame(rgb=rgb, timestamp_ms=round(index * 1000 / self.fps), index=index)
        raise SourceExhausted(f"No more images in {self.folder}")


def demo_video_path() -> Path:
    """An optional demo clip in resources/ (`open_source("demo")` uses DemoSource)."""
    return Path(__file__).resolve().parents[3] / "resources" / "demo" / "demo.mp4"


def demo_image_path() -> Path:
    """The public-domain portrait the demo camera animates."""
    return Path(__file__).resolve().parents[3] / "resources" / "demo" / "astronaut.png"


DEMO_SPEC = "demo"


class DemoSource(FrameSource):
    """A built-in camera for a fresh install with no webcam: a still portrait animated with gentle pan,
    zoom, small in-plane rotations and a slight keystone, paced at `fps` (frames are produced on demand).

    It is a photograph, so any honest liveness check calls it a spoof: callers must treat
    `is_demo == True` sources as "liveness not checked", never as live.
    """

    is_demo = True

    def __init__(
        self,
        image: Path | str | None = None,
        fps: float = 30.0,
        size: tuple[int, int] = (640, 480),
        realtime: bool = True,
        focus: tuple[float, float] = (225.0, 135.0),
        zoom: float = 1.6,
    ) -> None:
        path = Path(image) if image is not None else demo_image_path()
        try:
            self._image = load_rgb(path)
        except ImageLoadError as exc:
            raise SourceError(f"The demo camera image is missing or unreadable ({exc}).") from exc
        self.name = "demo"
        self.fps = fps
        self.size = size
        self.realtime = realtime
        self.focus = focus
        self.zoom = zoom
        self._index = 0
        self._t0 = time.monotonic()

    def _matrix(self, t: float) -> npt.NDArray[np.float64]:
        w, h = self.size
        zoom = self.zoom * (1.0 + 0.04 * np.sin(2 * np.pi * t / 7.0))
        angle = np.deg2rad(3.0 * np.sin(2 * np.pi * t / 5.0))
        cx = self.focus[0] + 12.0 * np.sin(2 * np.pi * t / 6.0)
        cy = self.focus[1] + 6.0 * np.sin(2 * np.pi * t / 4.3)
        cos, sin = zoom * np.cos(angle), zoom * np.sin(angle)
        affine = np.array(
            [[cos, -sin, w / 2 - (cos * cx - sin * cy)], [sin, cos, h / 2 - (sin * cx + cos * cy)], [0, 0, 1]]
        )
        # A slight horizontal keystone: the portrait seems to turn a little left and right.
        k = 0.00012 * np.sin(2 * np.pi * t / 3.1)
        keystone = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [k, 0.0, 1.0 - k * cx]])
        result: npt.NDArray[np.float64] = affine @ keystone
        return result

    def read(self) -> Frame:
        period = 1.0 / self.fps
        if self.realtime:
            due = self._t0 + self._index * period
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        t = self._index * period
        rgb = cv2.warpPerspective(
            self._image, self._matrix(t), self.size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
        )
        frame = Frame(rgb=np.ascontiguousarray(rgb), timestamp_ms=round(t * 1000), index=self._index)
        self._index += 1
        return frame


def is_demo_source(source: FrameSource) -> bool:
    return bool(getattr(source, "is_demo", False))


def open_source(spec: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> FrameSource:
    """`demo`, a camera index (`0`), a network camera (`rtsp://…`, `http://…`), a video file, or a folder.
    `max_pixels`: the ceiling a video file's frames are checked against (Settings.images.max_pixels)."""
    if spec == DEMO_SPEC:
        return DemoSource()
    from app.core.camera.credentials import is_network_spec

    if is_network_spec(spec):
        from app.core.camera.network import NetworkSource  # imports this module: imported late

        return NetworkSource(spec)
    if spec.isdigit():
        return CameraSource(int(spec))
    path = Path(spec)
    if path.is_dir():
        return FolderSource(path, max_pixels=max_pixels)
    return VideoFileSource(path, max_pixels=max_pixels)


def list_cameras(max_index: int = 4) -> list[int]:
    """Indices of cameras that open (probing is cheap on Linux, slower elsewhere)."""
    found = []
    for index in range(max_index):
        cap = cv2.VideoCapture(index)
        if cap.isOpened():
            found.append(index)
        cap.release()
    return found
