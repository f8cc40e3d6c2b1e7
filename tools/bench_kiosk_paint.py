"""Kiosk paint cost: milliseconds to paint one frame of the KioskView (offscreen) per state and screen size.

    python tools/bench_kiosk_paint.py [--rounds 5] [--frames 60]

Each frame is a new 640x480-class camera image (the public-domain demo portrait) handed to the view as the
worker would, then the whole window is rendered into an image (paintEvent: scaled picture, boxes, cached
layers). Best of --rounds (the machine is shared). Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZES = ((1366, 768), (1024, 768), (1920, 1080))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--frames", type=int, default=60)
    args = ap.parse_args()

    from PySide6.QtGui import QImage

    from app.core.attendance import KioskBackend, KioskEvent, Outcome
    from app.core.attendance.events import FrameDecisions, TrackView
    from app.core.camera.sources import Frame
    from app.core.context import AppContext
    from app.core.records import Direction, Person
    from app.core.vision.images import load_rgb
    from app.ui.kiosk.view import KioskView
    from app.ui.kiosk.worker import to_qimage
    from tools.qt_tool import start_gui

    app, settings = start_gui("bench-paint-")
    settings.kiosk.sound = False
    at = datetime(2026, 3, 2, 8, 14, tzinfo=UTC)
    image = to_qimage(Frame(load_rgb(ROOT / "resources" / "demo" / "astronaut.png"), 0, 0))
    box = (205.0, 70.0, 300.0, 190.0)
    states = {
        "idle": (FrameDecisions([], []), None),
        "band": (FrameDecisions([], [TrackView(1, box, "Ana Lima", "ambiguous")]), None),
        "card": (
            FrameDecisions([], [TrackView(1, box, "Ana Lima", "known")]),
            KioskEvent(Outcome.CHECKED_IN, 1, at, at, Person("p", "E1", "Ana Lima"), Direction.IN),
        ),
    }
    figures: dict[str, dict[str, float]] = {}
    with AppContext(settings, background_sync=False) as ctx:
        backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: at)
        for w, h in SIZES:
            view = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
            view.resize(w, h)
            view.show()
            app.processEvents()
            view._on_camera("ok", "bench")
            target = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            row: dict[str, float] = {}
            for name, (decisions, event) in states.items():
                view._clear_greeting()
                view._on_decisions(decisions, 0)
                if event is not None:
                    view._show(event)
                view._on_frame(image, 0)
                view.render(target)  # the cached layers are drawn once here
                best = float("inf")
                for _ in range(args.rounds):
                    t0 = time.perf_counter()
                    for _ in range(args.frames):
                        view._on_frame(image, 0)
                        view.render(target)
                    best = min(best, (time.perf_counter() - t0) / args.frames * 1000)
                row[name] = round(best, 2)
            figures[f"{w}x{h}"] = row
            print(f"{w}x{h}: ms per painted frame {row}")
            view._exit_allowed = True
            view.shutdown()
            view.close()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    from tools.qt_tool import exit_after

    exit_after(main)
