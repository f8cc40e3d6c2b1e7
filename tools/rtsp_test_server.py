"""A local RTSP server streaming a WebM (VP8) clip in a loop, for tests and benchmarks of network cameras.

Runs under the SYSTEM Python with GStreamer's RTSP server (Debian: gir1.2-gst-rtsp-server-1.0 python3-gi
gstreamer1.0-plugins-good gstreamer1.0-plugins-base), not in the project's venv:

    /usr/bin/python3 tools/rtsp_test_server.py --video ../shared/data/video/real2.webm --port 8554 \
        [--path /real2] [--loops 40] [--retime 30] [--user cam --password secret]

The clip is sent as it is (RTP VP8, no re-encoding), at its own pace, `--loops` times in a row (GStreamer's
concat element, so the timestamps keep rising). --retime FPS first re-encodes it (VP8, into a temporary
file) with every frame 1/FPS s after the previous one: a camera delivering FPS frames a second (real2.webm
itself has a variable rate of ~18 frames a second). One media is shared by every client. With --user, clients
must authenticate (Basic). Prints "ready rtsp://127.0.0.1:PORT/PATH" on stdout once it listens; stops on
SIGTERM / SIGINT. Kill it and start it again to simulate a camera that drops and comes back.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def launch_line(video: str, loops: int) -> str:
    location = video.replace("\\", "\\\\").replace('"', '\\"')
    sources = " ".join(f'filesrc location="{location}" ! matroskademux ! queue ! c.' for _ in range(loops))
    return f"( concat name=c ! rtpvp8pay name=pay0 pt=96 {sources} )"


def _run(launch: str, what: str) -> None:
    pipeline = Gst.parse_launch(launch)
    pipeline.set_state(Gst.State.PLAYING)
    message = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR
    )
    pipeline.set_state(Gst.State.NULL)
    if message.type == Gst.MessageType.ERROR:
        raise SystemExit(f"cannot {what}: {message.parse_error()[0].message}")


def retime(video: str, fps: int, out: Path, loops: int) -> None:
    """Decode to raw frames in a file, read them back `loops` times with frame n at n / fps (rawvideoparse
    stamps what it reads itself), encode VP8 again: one long file (concat's joins can stall a live stream)."""
    probe = Gst.parse_launch(f'filesrc location="{video}" ! matroskademux ! vp8dec ! fakesink name=sink')
    probe.set_state(Gst.State.PAUSED)
    probe.get_state(Gst.CLOCK_TIME_NONE)
    caps = probe.get_by_name("sink").sinkpads[0].get_current_caps().get_structure(0)
    width, height = caps.get_value("width"), caps.get_value("height")
    probe.set_state(Gst.State.NULL)
    raw = out.with_suffix(".i420")
    _run(
        f'filesrc location="{video}" ! matroskademux ! vp8dec ! videoconvert ! video/x-raw,format=I420 ! '
        f'filesink location="{raw}"',
        f"decode {video}",
    )
    try:
        _run(
            f'multifilesrc location="{raw}" loop=true num-buffers={loops} ! '
            f"rawvideoparse format=i420 width={width} height={height} "
            f"framerate={fps}/1 ! vp8enc deadline=1 cpu-used=4 target-bitrate=2000000 keyframe-max-dist=30 ! "
            f'webmmux ! filesink location="{out}"',
            f"re-encode {video}",
        )
    finally:
        raw.unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--video", required=True, help="a WebM file with a VP8 video track")
    ap.add_argument("--port", type=int, default=8554)
    ap.add_argument("--path", default="/real2")
    ap.add_argument("--loops", type=int, default=40, help="how many times the clip plays (default 40)")
    ap.add_argument(
        "--retime", type=int, default=0, help="re-encode at this frame rate first (0: as recorded)"
    )
    ap.add_argument("--retimed-file", type=Path, help="keep the re-encoded clip here; reused when it exists")
    ap.add_argument("--user", help="require this user name (Basic authentication)")
    ap.add_argument("--password", default="")
    args = ap.parse_args()

    Gst.init(None)
    video = args.video
    workdir = tempfile.mkdtemp(prefix="rtsp-test-server-")
    loops = max(1, args.loops)
    if args.retime:
        target = args.retimed_file or Path(workdir) / f"retimed-{args.retime}fps.webm"
        if not target.is_file():
            partial = target.with_name(target.name + ".part")
            retime(args.video, args.retime, partial, loops)
            partial.replace(target)
        video, loops = str(target), 1
    try:
        return serve(args, video, loops)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def serve(args: argparse.Namespace, video: str, loops: int) -> int:
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(video, loops))
    factory.set_shared(True)
    if args.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "camera-user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_role_from_structure(
            Gst.Structure.new_from_string(
                "camera-user, media.factory.access=true, media.factory.construct=true"
            )
        )
        factory.set_permissions(permissions)
    server.get_mount_points().add_factory(args.path, factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{args.port}", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"ready rtsp://127.0.0.1:{args.port}{args.path}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
