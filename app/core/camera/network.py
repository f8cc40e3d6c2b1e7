"""Network (IP) cameras: RTSP, HTTP(S) MJPEG and whatever else OpenCV's FFmpeg backend opens.

    source = NetworkSource("rtsp://admin@192.168.1.20:554/stream1")   # password: camera_credentials
    frame = source.read()            # the NEWEST frame; blocks until one newer than the last arrives
    source.status                    # "ok" | "lost" | "closed", and source.message says why

A reader thread reads the stream continuously and keeps only the latest frame, so a slow consumer never
builds up delay. When the stream stops (camera rebooted, cable pulled, server restarted) the thread
reconnects by itself with back-off (`reconnect_initial_s`, doubling up to `reconnect_max_s`); meanwhile
read() raises SourceInterrupted at once and then every `stall_s` with a message for the status line, and
returns frames again once the camera is back — the owner keeps the same source. URLs are only ever logged
masked.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from app.core.camera.credentials import (
    CAMERA_PASSWORD_ENV,
    CameraAddress,
    find_password,
    mask_url,
    parse_camera_url,
)
from app.core.camera.sources import Frame, FrameSource
from app.core.errors import SourceError, SourceInterrupted

log = logging.getLogger(__name__)

FFMPEG_OPTIONS_ENV = "OPENCV_FFMPEG_CAPTURE_OPTIONS"
_env_lock = threading.Lock()

CaptureFactory = Callable[[str, int, int], Any]  # (url, open_timeout_ms, read_timeout_ms) -> VideoCapture

# What the source says, as templates (FaceAttendError.said) so that the UI can say it in its language.
CONNECTING = "Connecting to {camera}…"
CONNECTED = "Connected to {camera}."
STREAM_STOPPED = "the stream from {camera} stopped; reconnecting."
NO_PICTURE = "no picture from {camera} for {seconds} s."
NO_ANSWER_RETRY = "{camera} does not answer; next try in {seconds} s."
CLOSED = "{camera} closed."
WAS_CLOSED = "The network camera {camera} was closed."
OPEN_FAILED = "Cannot open the network camera {camera} ({error})."
CONNECT_FAILED = (
    "Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused "
    "the connection."
)
CONNECT_FAILED_LOGIN = (
    "Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused "
    "the connection (check the user name and password)."
)
NEEDS_PASSWORD = (
    "The network camera {camera} needs the password of {user}: enter it under Camera → Network camera… "
    "(kept in the OS keyring), or set {variable}."
)
LOST = "Network camera lost: {reason}"


def open_capture(url: str, open_timeout_ms: int, read_timeout_ms: int, transport: str = "tcp") -> Any:
    """cv2.VideoCapture on the FFmpeg backend with timeouts. RTSP goes over TCP by default (no lost UDP
    packets, no smeared frames, works through NAT); FFmpeg reads its options from an environment variable,
    set here only for the duration of the open unless the user set it."""
    params = [
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
        open_timeout_ms,
        cv2.CAP_PROP_READ_TIMEOUT_MSEC,
        read_timeout_ms,
    ]
    if not url.lower().startswith("rtsp") or FFMPEG_OPTIONS_ENV in os.environ:
        return cv2.VideoCapture(url, cv2.CAP_FFMPEG, params)
    with _env_lock:
        os.environ[FFMPEG_OPTIONS_ENV] = f"rtsp_transport;{transport}"
        try:
            return cv2.VideoCapture(url, cv2.CAP_FFMPEG, params)
        finally:
            os.environ.pop(FFMPEG_OPTIONS_ENV, None)


class NetworkSource(FrameSource):
    """A network camera. The first connection is made in the constructor (SourceError when it fails: wrong
    address, camera off, wrong password); later losses are repaired by the reader thread."""

    def __init__(
        self,
        spec: str | CameraAddress,
        password: str | None = None,
        *,
        open_timeout_s: float = 10.0,
        read_timeout_s: float = 5.0,
        stall_s: float = 3.0,
        reconnect_initial_s: float = 0.5,
        reconnect_max_s: float = 4.0,
        capture_factory: CaptureFactory | None = None,
    ) -> None:
        self.address = spec if isinstance(spec, CameraAddress) else parse_camera_url(spec)
        self.name = f"network:{self.address.display}"
        self.masked_url = mask_url(self.address.with_password("x" if self.address.user else None))
        self.fps = 30.0
        self.stall_s = stall_s
        self.reconnect_initial_s = reconnect_initial_s
        self.reconnect_max_s = reconnect_max_s
        self.open_timeout_ms = round(open_timeout_s * 1000)
        self.read_timeout_ms = round(read_timeout_s * 1000)
        self._capture_factory: CaptureFactory = capture_factory or open_capture
        secret = password if password is not None else find_password(self.address)
        if self.address.user and secret is None:
            raise SourceError.said(
                NEEDS_PASSWORD,
                camera=self.address.display,
                user=self.address.user,
                variable=CAMERA_PASSWORD_ENV,
            )
        self._url = self.address.with_password(secret)  # never logged
        self.status = "connecting"
        self._said: tuple[str, dict[str, Any]] = (CONNECTING, {"camera": self.address.display})
        self.message = CONNECTING.format(camera=self.address.display)
        self.reconnects = 0
        self.frames_received = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._latest: npt.NDArray[np.uint8] | None = None
        self._latest_at = 0.0
        self._seq = 0
        self._taken = 0
        self._losses = 0  # streams that stopped (the reader counts, read() reports each one at once)
        self._reported = 0
        self._loss_said: tuple[str, dict[str, Any]] = self._said
        self._count = 0
        self._t0 = time.monotonic()
        cap = self._connect()
        if cap is None:
            raise SourceError.said(self._said[0], **self._said[1])
        self._set_status("ok", CONNECTED)
        log.info("network camera %s opened", self.masked_url)
        self._thread = threading.Thread(target=self._run, args=(cap,), name="network-camera", daemon=True)
        self._thread.start()

    # --- consumer side ------------------------------------------------------------------------------
    def read(self) -> Frame:
        """The newest frame not yet returned. SourceInterrupted when none came for `stall_s` (reconnecting);
        SourceError once closed."""
        with self._cond:
            deadline = time.monotonic() + self.stall_s
            while self._seq == self._taken and not self._stop.is_set():
                left = deadline - time.monotonic()
                if self._losses > self._reported:  # the stream just stopped: say so now, not after stall_s
                    self._reported = self._losses
                    raise self._lost(self._loss_said)
                if left <= 0:
                    if self.status == "ok":  # frames stopped but the reader has not noticed yet
                        self._set_status("lost", NO_PICTURE, seconds=f"{self.stall_s:g}")
                    raise self._lost(self._said)
                self._cond.wait(left)
            if self._stop.is_set():
                raise SourceError.said(WAS_CLOSED, camera=self.address.display)
            bgr, arrived = self._latest, self._latest_at
            self._taken = self._seq
        assert bgr is not None
        rgb = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        frame = Frame(rgb=rgb, timestamp_ms=round((arrived - self._t0) * 1000), index=self._count)
        self._count += 1
        return frame

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        thread = getattr(self, "_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(self.read_timeout_ms / 1000 + 1.0)  # a read blocked in FFmpeg ends at its timeout
            if thread.is_alive():
                log.warning("network camera %s: the reader did not stop in time", self.masked_url)
        self._set_status("closed", CLOSED)

    # --- reader thread ------------------------------------------------------------------------------
    def _set_status(self, status: str, template: str, **values: Any) -> None:
        values = {"camera": self.address.display, **values}
        message = template.format(**values)
        if status != self.status:
            log.info("network camera %s: %s (%s)", self.masked_url, status, message)
        self.status, self.message, self._said = status, message, (template, values)

    @staticmethod
    def _lost(said: tuple[str, dict[str, Any]]) -> SourceInterrupted:
        """ "Network camera lost: <why>", the why kept as its own template (the UI translates both)."""
        return SourceInterrupted.said(LOST, reason=SourceError.said(said[0], **said[1]))

    def _connect(self) -> Any | None:
        """One attempt; None (with self.message set) when the camera cannot be opened."""
        try:
            cap = self._capture_factory(self._url, self.open_timeout_ms, self.read_timeout_ms)
        except Exception as exc:  # OpenCV raises on odd URLs
            self._set_status(self.status, OPEN_FAILED, error=type(exc).__name__)
            return None
        if cap.isOpened():
            return cap
        cap.release()
        self._set_status(self.status, CONNECT_FAILED_LOGIN if self.address.user else CONNECT_FAILED)
        return None

    def _run(self, cap: Any) -> None:
        try:
            while not self._stop.is_set():
                ok, bgr = cap.read()
                if ok and bgr is not None:
                    with self._cond:
                        self._latest, self._latest_at = bgr, time.monotonic()
                        self._seq += 1
                        self._cond.notify_all()
                    self.frames_received += 1
                    if self.status != "ok":
                        self._set_status("ok", CONNECTED)
                    continue
                cap.release()
                if self._stop.is_set():
                    return
                with self._cond:
                    self._taken = self._seq  # a frame from before the loss is stale: never hand it out
                    self._set_status("lost", STREAM_STOPPED)
                    self._loss_said = self._said  # what read() says, whatever the reconnects say next
                    self._losses += 1
                    self._cond.notify_all()
                log.warning("network camera %s: stream stopped, reconnecting", self.masked_url)
                cap = self._reconnect()
                if cap is None:
                    return
        finally:
            if cap is not None:
                cap.release()

    def _reconnect(self) -> Any | None:
        delay = self.reconnect_initial_s
        while not self._stop.wait(delay):
            self.reconnects += 1
            cap = self._connect()
            if cap is not None:
                log.info(
                    "network camera %s: reconnected after %d attempt(s)", self.masked_url, self.reconnects
                )
                return cap
            delay = min(self.reconnect_max_s, delay * 2)
            self._set_status("lost", NO_ANSWER_RETRY, seconds=f"{delay:g}")
        return None
