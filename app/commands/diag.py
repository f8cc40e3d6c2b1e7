"""`faceattend diag first-frame [--source demo]`: how long a cold start takes to process its first frame.

Used by the installer smoke test (installer/smoke_test.py) against the built bundle: it opens the frame
source and a video-mode recognition pipeline the way the kiosk does (no database, no window), processes the
first frame that arrives and prints the timings. The caller measures process start -> the printed line.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from typing import Any

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diag = sub.add_parser("diag", help="diagnostics for support and the installer smoke test")
    checks = diag.add_subparsers(dest="diag", metavar="CHECK", required=True)
    first = checks.add_parser(
        "first-frame", help="open a source + the recognition pipeline and time the first processed frame"
    )
    first.add_argument("--source", default="demo", help="demo (default), a camera index, a video or folder")
    first.add_argument("--json", action="store_true", help="print one JSON object")
    first.set_defaults(handler=cmd_first_frame)


def _process_age_s() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return uptime - int(fields[19]) / ticks  # field 22 of stat: starttime, in clock ticks after boot
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def cmd_first_frame(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    age_at_start = _process_age_s()
    from app.core.camera.sources import open_source
    from app.core.context import AppContext  # noqa: F401 - imported like the kiosk path does
    from app.core.settings import Settings
    from app.core.vision.pipeline import RecognitionPipeline

    t_imports = time.perf_counter()
    settings = Settings()
    source = open_source(str(args.source))
    t_source = time.perf_counter()
    try:
        with RecognitionPipeline(settings=settings.recognition, video=True) as pipeline:
            t_models = time.perf_counter()
            frame = source.read()
            t_read = time.perf_counter()
            result = pipeline.process(frame.rgb, frame.timestamp_ms)
            t_done = time.perf_counter()
    finally:
        source.close()
    age = _process_age_s()
    payload: dict[str, Any] = {
        "source": source.name,
        "faces": len(result.faces),
        "imports_ms": round((t_imports - t0) * 1000, 1),
        "open_source_ms": round((t_source - t_imports) * 1000, 1),
        "load_models_ms": round((t_models - t_source) * 1000, 1),
        "read_frame_ms": round((t_read - t_models) * 1000, 1),
        "process_frame_ms": round((t_done - t_read) * 1000, 1),
        "command_ms": round((t_done - t0) * 1000, 1),
        "process_age_at_command_s": None if age_at_start is None else round(age_at_start, 2),
        "process_age_at_first_frame_s": None if age is None else round(age, 2),
    }
    log.debug("first frame: %s", payload)
    if args.json:
        print(json.dumps(payload))
    else:
        for key, value in payload.items():
            print(f"{key}: {value}")
    sys.stdout.flush()
    return 0
