"""Kiosk benchmark: the real KioskView (offscreen) fed by ../shared/data/video/real2.webm looping at 30 FPS.

real2.webm holds 214 frames over 11.6 s (variable rate, ~18.4 fps); --fps 30 (default) re-times every
decoded frame 1/30 s apart, i.e. a 30 FPS camera (the clip plays ~1.6x faster); --fps 0 keeps its own
presentation timestamps.

    python tools/bench_kiosk.py [--seconds 30] [--soak-minutes 2] [--no-passive] [--liveness balanced]
    python tools/bench_kiosk.py --source rtsp [--restart-at 20 --down-s 3]   # a network camera

--source rtsp: the kiosk reads a NetworkSource on rtsp://127.0.0.1 served by GStreamer's RTSP server
(tools/rtsp_test_server.py under the system Python), which sends real2.webm re-timed at --fps (re-encoded
VP8, once before serving; --fps 0: as recorded), in a loop; --source
mjpeg: an HTTP MJPEG server in this process sends real2's frames as JPEGs at --fps. The blanking is then
applied to the received frames by their arrival time (no soak phase). --restart-at S: the server is stopped
S seconds into the run and started again --down-s seconds later; recovery = server listening again -> first
frame shown by the kiosk (and "lost" -> "ok" on its status).

Phase 1, real time: display FPS (frames painted per second), face-appears -> greeting latency (the video is
blanked for 2 s every 8 s, so the person leaves and comes back; latency = first frame with the face shown
-> greeting signal in the window), inference FPS, CPU use (getrusage, % of one core and of the machine).
Phase 2, soak: the same loop sped up (paced at --soak-speed x real time; falls back to decode speed when
the machine cannot keep up) for --soak-minutes of VIDEO time; RSS (VmRSS) after warm-up and at the end.
The person is enrolled from the first 3 s of real2.webm into a throw-away encrypted database (in-memory
keyring); the passive anti-spoof ensemble bundled in models/ runs unless --no-passive.
Last line: JSON with every figure.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import resource
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(os.environ.get("FACEATTEND_SHARED", ROOT.parent / "shared"))
VIDEO = SHARED / "data" / "video" / "real2.webm"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def start_server(args: argparse.Namespace) -> Any:
    """The local network camera for --source rtsp / mjpeg (tests/netcam_support.py), or None."""
    if args.source == "file":
        return None
    from tests.netcam_support import MjpegServer, RtspServer, jpeg_frames, rtsp_unavailable

    if args.source == "rtsp":
        reason = rtsp_unavailable()
        if reason:
            raise SystemExit(f"--source rtsp: {reason}")
        # Re-timed at --fps (re-encoded once, before serving) like the file source: a 30 FPS camera.
        return RtspServer(args.video, loops=math.ceil(args.seconds / 7.0) + 3, retime=round(args.fps)).start()
    return MjpegServer(jpeg_frames(args.video, limit=400), fps=args.fps or 30.0).start()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0, help="real-time phase length (default 30)")
    ap.add_argument("--soak-minutes", type=float, default=2.0, help="video minutes of the soak (0: skip)")
    ap.add_argument("--soak-speed", type=float, default=8.0, help="soak pacing, x real time")
    ap.add_argument("--no-passive", action="store_true", help="without the passive anti-spoof models")
    ap.add_argument("--liveness", default="balanced", choices=("off", "lenient", "balanced", "strict"))
    ap.add_argument("--video", type=Path, default=VIDEO)
    ap.add_argument(
        "--fps",
        type=float,
        default=30.0,
        help="re-time the clip as a camera at this rate (0: its own timestamps)",
    )
    ap.add_argument(
        "--source", choices=("file", "rtsp", "mjpeg"), default="file", help="where frames come from"
    )
    ap.add_argument("--restart-at", type=float, default=0.0, help="network: restart the server after S s")
    ap.add_argument("--down-s", type=float, default=3.0, help="network: how long the server stays down")
    args = ap.parse_args()
    if args.source != "file":
        args.soak_minutes = 0.0
    logging.basicConfig(level=logging.WARNING)
    if not args.video.is_file():
        print(f"../shared not found: {args.video} is absent", file=sys.stderr)
        return 2

    from app.core.attendance import KioskBackend, KioskEvent
    from app.core.camera.sources import Frame, FrameSource, VideoFileSource, open_source
    from app.core.context import AppContext
    from app.core.records import Person, Template
    from app.ui.kiosk.view import KioskView
    from tools.qt_tool import start_gui

    server = start_server(args)

    class Blanking(FrameSource):
        """real2 looping; black for the first `gap_s` of every `period_s` (the person steps away)."""

        def __init__(self, period_s: float = 8.0, gap_s: float = 2.0) -> None:
            self.src = (
                open_source(server.url) if server is not None else VideoFileSource(args.video, loop=True)
            )
            self.name, self.fps = f"bench:real2:{args.source}", 30.0
            self.period_ms, self.gap_ms = int(period_s * 1000), int(gap_s * 1000)
            self.count = 0

        def visible(self, ts: int) -> bool:
            return ts % self.period_ms >= self.gap_ms

        def read(self) -> Frame:
            frame = self.src.read()
            if (
                args.fps > 0 and server is None
            ):  # a camera delivering `fps` frames/s (real2 itself is ~18.4 fps, variable)
                frame = Frame(frame.rgb, round(self.count * 1000 / args.fps), self.count)
            self.count += 1
            if not self.visible(frame.timestamp_ms):
                frame = Frame(np.zeros_like(frame.rgb), frame.timestamp_ms, frame.index)
            return frame

        def close(self) -> None:
            self.src.close()

    app, settings = start_gui("bench-kiosk-")
    settings.attendance.liveness = args.liveness
    settings.kiosk.sound = False

    figures: dict[str, object] = {
        "cpu_count": os.cpu_count(),
        "liveness": args.liveness,
        "source": args.source,
    }
    with AppContext(settings) as ctx:
        # Enrol from the first 3 s (every 10th frame), as an enrolment session would average.
        pipeline = ctx.new_pipeline()
        vectors = []
        with VideoFileSource(args.video) as src:
            for i, frame in enumerate(src):
                if i >= 90:
                    break
                if i % 10 == 0:
                    faces = pipeline.process(frame.rgb, frame.timestamp_ms, match=False).faces
                    if faces and faces[0].embedding is not None:
                        vectors.append(faces[0].embedding)
        pipeline.close()
        mean = np.mean(vectors, axis=0)
        person = Person(str(uuid.uuid4()), "E001", "Ana Example")
        vec = (mean / np.linalg.norm(mean)).astype(np.float32)
        ctx._store.add_enrolment(person, [Template(person.uuid, ctx.model_id, ctx.model_version, vec)])
        ctx.reload_matcher()
        backend = KioskBackend.from_context(ctx, load_models=not args.no_passive)
        figures["passive_model"] = backend.passive_installed

        def run(seconds: float, speed: float, video_minutes: float = 0.0) -> dict[str, object]:
            source_box: list[Blanking] = []

            def factory() -> FrameSource:
                source_box.append(Blanking())
                return source_box[-1]

            view = KioskView(backend, factory, windowed=True, speed=speed)
            appear: dict[int, float] = {}  # visit number -> wall time its first face frame was shown
            latencies: list[float] = []
            frames_needed: list[int] = []  # frames processed between the face appearing and the greeting
            appear_processed: dict[int, int] = {}
            greeted_visits: set[int] = set()
            last_ts = [0]

            def on_frame(_img: object, ts: int) -> None:
                last_ts[0] = ts
                src = source_box[-1]
                visit = ts // src.period_ms
                if src.visible(ts) and visit not in appear:
                    appear[visit] = time.perf_counter()
                    appear_processed[visit] = view.worker.stats.processed

            def on_greet(event: KioskEvent) -> None:
                src = source_box[-1]
                visit = last_ts[0] // src.period_ms
                if visit in appear and visit not in greeted_visits:
                    greeted_visits.add(visit)
                    latencies.append(time.perf_counter() - appear[visit])
                    frames_needed.append(view.worker.stats.processed - appear_processed[visit])

            outage: dict[
                str, float
            ] = {}  # --restart-at: stopped, started, lost, ok, first_frame (perf_counter)
            shown_at_stop = [0]

            def on_status(state: str, _message: str) -> None:
                now = time.perf_counter()
                if state == "lost" and "stopped" in outage:
                    outage.setdefault("lost", now)
                if state == "ok" and "started" in outage:
                    outage.setdefault("ok", now)

            def on_any_frame(_img: object, _ts: int) -> None:
                if "started" in outage and "first_frame" not in outage:
                    outage["first_frame"] = time.perf_counter()
                    outage["shown_at_first_frame"] = view.frames_shown

            view.worker.frame_ready.connect(on_frame)
            view.worker.frame_ready.connect(on_any_frame)
            view.worker.camera_status.connect(on_status)
            view.greeted.connect(on_greet)
            view.start()
            t0, c0, rss0 = time.perf_counter(), cpu_s(), rss_mb()
            warm: tuple[float, float] | None = None
            rss_max = rss0
            deadline = t0 + seconds if seconds else float("inf")
            while time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.005)
                now = time.perf_counter()
                if server is not None and args.restart_at and not outage and now - t0 >= args.restart_at:
                    shown_at_stop[0] = view.frames_shown
                    outage["stopped"] = now
                    server.stop()
                elif (
                    "stopped" in outage and "started" not in outage and now - outage["stopped"] >= args.down_s
                ):
                    server.start(describe=False) if args.source == "rtsp" else server.start()
                    outage["started"] = time.perf_counter()
                if video_minutes:
                    video_s = last_ts[0] / 1000
                    if warm is None and video_s >= 30:
                        warm = (video_s, rss_mb())
                    rss_max = max(rss_max, rss_mb()) if int(video_s) % 10 == 0 else rss_max
                    if video_s >= video_minutes * 60:
                        break
            wall, cpu = time.perf_counter() - t0, cpu_s() - c0
            shown, processed = view.frames_shown, view.worker.stats.processed
            view._exit_allowed = True
            view.shutdown()
            view.close()
            app.processEvents()
            out: dict[str, object] = {
                "wall_s": round(wall, 1),
                "video_s": round(last_ts[0] / 1000, 1),
                "display_fps": round(shown / wall, 1),
                "inference_fps": round(processed / wall, 1),
                "cpu_pct_one_core": round(100 * cpu / wall, 1),
                "cpu_pct_machine": round(100 * cpu / wall / (os.cpu_count() or 1), 1),
                "greetings": len(latencies),
                "latencies_s": [round(x, 2) for x in latencies],
                "frames_to_greeting": frames_needed,
                "latency_s_median": round(float(np.median(latencies)), 3) if latencies else None,
                "latency_s_max": round(max(latencies), 3) if latencies else None,
                "events_stored": len(ctx._store.list_events()),
            }
            received = getattr(source_box[-1].src, "frames_received", None) if source_box else None
            if received is not None:  # a network camera: what arrived, whether shown or not
                out["camera_fps_received"] = round(received / wall, 1)
            if outage:
                started = outage.get("started", float("nan"))
                out.update(
                    display_fps_before_restart=round(shown_at_stop[0] / (outage["stopped"] - t0), 1),
                    display_fps_after_recovery=round(
                        (shown - outage.get("shown_at_first_frame", shown))
                        / max(1e-6, t0 + wall - outage.get("first_frame", t0 + wall)),
                        1,
                    ),
                    lost_reported_s=round(outage.get("lost", float("nan")) - outage["stopped"], 2),
                    recovery_first_frame_s=round(outage.get("first_frame", float("nan")) - started, 2),
                    recovery_status_ok_s=round(outage.get("ok", float("nan")) - started, 2),
                )
            if video_minutes:
                end_rss = rss_mb()
                out.update(
                    rss_start_mb=round(warm[1] if warm else rss0, 1),
                    rss_end_mb=round(end_rss, 1),
                    rss_growth_mb=round(end_rss - (warm[1] if warm else rss0), 1),
                    rss_max_mb=round(rss_max, 1),
                )
            return out

        realtime = run(args.seconds, 1.0)
        figures["realtime"] = realtime
        print(
            f"real time {realtime['wall_s']} s: display {realtime['display_fps']} FPS, inference "
            f"{realtime['inference_fps']} FPS, CPU {realtime['cpu_pct_one_core']}% of one core "
            f"({realtime['cpu_pct_machine']}% of {os.cpu_count()} cores); face appears -> greeting median "
            f"{realtime['latency_s_median']} s, max {realtime['latency_s_max']} s "
            f"over {realtime['greetings']} visits {realtime['latencies_s']}, "
            f"frames processed until the greeting {realtime['frames_to_greeting']}"
        )
        if "recovery_first_frame_s" in realtime:
            print(
                f"server restart: display {realtime['display_fps_before_restart']} FPS before it, "
                f"{realtime['display_fps_after_recovery']} FPS after recovery; 'lost' "
                f"shown {realtime['lost_reported_s']} s after the stop; first frame "
                f"{realtime['recovery_first_frame_s']} s after the server was back (status ok after "
                f"{realtime['recovery_status_ok_s']} s)"
            )
        if args.soak_minutes > 0:
            soak = run(0.0, args.soak_speed, args.soak_minutes)
            figures["soak"] = soak
            print(
                f"soak {soak['video_s']} s of video in {soak['wall_s']} s: RSS {soak['rss_start_mb']} -> "
                f"{soak['rss_end_mb']} MB (growth {soak['rss_growth_mb']} MB, max {soak['rss_max_mb']} MB), "
                f"{soak['greetings']} greetings, {soak['events_stored']} stored events"
            )
    if server is not None:
        server.stop()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    from tools.qt_tool import exit_after

    exit_after(main)
