"""Local network cameras for tests and benchmarks: an HTTP MJPEG server (pure Python, here) and an RTSP server
(tools/rtsp_test_server.py under the system Python with GStreamer's RTSP server), both streaming a video file
on 127.0.0.1, with optional Basic authentication; stop() + start() on the same port = a camera that drops
and comes back."""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import cv2
import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
RTSP_SERVER_SCRIPT = REPO_ROOT / "tools" / "rtsp_test_server.py"
SYSTEM_PYTHON = "/usr/bin/python3"
RTSP_PACKAGES = "gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-good gstreamer1.0-plugins-base"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def jpeg_frames(video: Path, limit: int = 120, width: int = 640) -> list[bytes]:
    """The first `limit` frames of a video, JPEG-encoded (what an MJPEG camera sends)."""
    cap = cv2.VideoCapture(str(video))
    frames: list[bytes] = []
    try:
        while len(frames) < limit:
            ok, bgr = cap.read()
            if not ok:
                break
            if bgr.shape[1] != width:
                bgr = cv2.resize(bgr, (width, round(bgr.shape[0] * width / bgr.shape[1])))
            frames.append(cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes())
    finally:
        cap.release()
    return frames


STAMP_BITS = 16


def stamped_jpeg(index: int, size: tuple[int, int] = (640, 480)) -> bytes:
    """A frame that carries its own number: 16 black / white bars (bit 15 first) over the top half."""
    width, height = size
    image = np.full((height, width, 3), 90, np.uint8)
    bar = width // STAMP_BITS
    for bit in range(STAMP_BITS):
        if index >> (STAMP_BITS - 1 - bit) & 1:
            image[: height // 2, bit * bar : (bit + 1) * bar] = 255
        else:
            image[: height // 2, bit * bar : (bit + 1) * bar] = 0
    return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes())


def read_stamp(rgb: np.ndarray) -> int:
    """The number stamped_jpeg() put into a frame."""
    height, width = rgb.shape[:2]
    bar = width // STAMP_BITS
    value = 0
    for bit in range(STAMP_BITS):
        value = value << 1 | int(rgb[height // 4, bit * bar + bar // 2].mean() > 128)
    return value


class MjpegServer:
    """multipart/x-mixed-replace JPEG stream at `fps` on http://127.0.0.1:PORT/video.mjpg: `frames` looping,
    or (frames=None) stamped_jpeg(n) for n = 0, 1, 2… of each connection. `sent` = how many frames went
    out on the newest connection."""

    BOUNDARY = "faceattendframe"

    def __init__(
        self, frames: list[bytes] | None, port: int = 0, fps: float = 30.0, user: str = "", password: str = ""
    ) -> None:
        self.frames = frames
        self.sent = 0
        self.port = port or free_port()
        self.fps = fps
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else ""
        self.unauthorised = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._clients: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/video.mjpg"

    def start(self) -> MjpegServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                if owner.auth and self.headers.get("Authorization") != owner.auth:
                    owner.unauthorised += 1
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="camera"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path != "/video.mjpg":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={owner.BOUNDARY}")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                with owner._lock:
                    owner._clients.add(self.connection)
                try:
                    owner._stream(self)
                except OSError:  # the client went away, or stop() closed the socket
                    pass
                finally:
                    with owner._lock:
                        owner._clients.discard(self.connection)

        self._stop.clear()
        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="mjpeg-server", daemon=True)
        self._thread.start()
        return self

    def _stream(self, handler: BaseHTTPRequestHandler) -> None:
        period = 1.0 / self.fps
        t0 = time.monotonic()
        index = 0
        while not self._stop.is_set():
            jpeg = self.frames[index % len(self.frames)] if self.frames else stamped_jpeg(index)
            head = f"--{self.BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(jpeg)}\r\n\r\n"
            handler.wfile.write(head.encode())
            handler.wfile.write(jpeg)
            handler.wfile.write(b"\r\n")
            handler.wfile.flush()
            index += 1
            self.sent = index
            delay = t0 + index * period - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)

    def stop(self) -> None:
        """Close the listening socket and every open stream (the camera drops off the network)."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            for conn in list(self._clients):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(5)


def rtsp_unavailable() -> str | None:
    """Why the RTSP test server cannot run here (None when it can)."""
    if shutil.which(SYSTEM_PYTHON) is None:
        return f"{SYSTEM_PYTHON} not found (the RTSP test server runs under the system Python)"
    probe = subprocess.run(
        [
            SYSTEM_PYTHON,
            "-c",
            "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer",
        ],
        capture_output=True,
        timeout=30,
    )
    if probe.returncode != 0:
        return f"GStreamer's RTSP server is not installed (apt-get install {RTSP_PACKAGES})"
    return None


class RtspServer:
    """tools/rtsp_test_server.py in a child process: rtsp://127.0.0.1:PORT/real2, VP8 as recorded."""

    def __init__(
        self, video: Path, port: int = 0, loops: int = 40, user: str = "", password: str = "", retime: int = 0
    ) -> None:
        self.video = video
        self.retime = retime
        self._workdir = tempfile.TemporaryDirectory(prefix="rtsp-test-")
        self.port = port or free_port()
        self.loops = loops
        self.user = user
        self.password = password
        self._proc: subprocess.Popen[str] | None = None
        self._log: Any = None
        self._holder: socket.socket | None = None  # the DESCRIBE probe's connection, open while serving

    @property
    def url(self) -> str:
        return f"rtsp://127.0.0.1:{self.port}/real2"

    def start(self, timeout_s: float = 60.0, describe: bool = True) -> RtspServer:
        """Starts the server and waits for its "ready" line; with `describe`, also until it answers an RTSP
        DESCRIBE, which prepares the shared media, and keeps that connection open until `stop()`, which
        keeps the media prepared. (A clean-clone CI run once timed out opening the stream 10 s after
        "ready". Closing the probe's connection made it worse: GStreamer then unprepares the media, and a
        client arriving meanwhile got "503 Service Unavailable" or no answer: 3 first opens in 8 failed.)"""
        cmd = [SYSTEM_PYTHON, str(RTSP_SERVER_SCRIPT), "--video", str(self.video), "--port", str(self.port)]
        cmd += ["--loops", str(self.loops), "--retime", str(self.retime)]
        if self.retime:  # re-encoded once, reused when the server is started again
            cmd += [
                "--retimed-file",
                str(Path(self._workdir.name) / f"retimed-{self.retime}-{self.loops}.webm"),
            ]
        if self.user:
            cmd += ["--user", self.user, "--password", self.password]
        # stderr to a file: a pipe nobody reads fills up with GStreamer's warnings and blocks the server.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._log, text=True)
        assert self._proc.stdout is not None
        ready: list[str] = []
        reader = threading.Thread(target=lambda: ready.append(self._proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout_s)
        if not ready or not ready[0].startswith("ready"):
            self.stop()
            raise RuntimeError(f"the RTSP test server did not start on port {self.port}")
        if describe and not self._answers_describe(timeout_s):
            tail = self.log_tail()
            self.stop()
            raise RuntimeError(f"the RTSP test server on port {self.port} never answered DESCRIBE: {tail!r}")
        return self

    def _answers_describe(self, timeout_s: float) -> bool:
        """True once the server answers a DESCRIBE of the stream (200, or 401 when it asks for a password);
        the connection that got the answer stays open (`self._holder`)."""
        request = f"DESCRIBE {self.url} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n".encode()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            sock: socket.socket | None = None
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5.0)
                sock.sendall(request)
                answer = sock.recv(4096).decode(errors="replace")
                if answer.startswith(("RTSP/1.0 200", "RTSP/1.0 401")):
                    self._holder, sock = sock, None
                    return True
            except OSError:
                pass
            finally:
                if sock is not None:
                    sock.close()
            time.sleep(0.2)
        return False

    def log_tail(self, chars: int = 2000) -> str:
        """The end of the running server's stderr (GStreamer's warnings), for a failing test's message."""
        if self._log is None or self._log.closed:
            return ""
        fd = self._log.fileno()  # pread: the child writes through the same offset, leave it be
        size = os.fstat(fd).st_size
        return os.pread(fd, chars, max(0, size - chars)).decode(errors="replace")

    def stop(self) -> None:
        if self._holder is not None:
            self._holder.close()
            self._holder = None
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(5)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._log.close()
        self._proc = None
