"""Today board benchmark: how soon after a SEPARATE process (a kiosk) commits a check-in is it on the board?

    python tools/bench_today.py [--people 300] [--days 30] [--events 20]

A throw-away passphrase-protected database gets `--people` people and `--days` of past events (a few per
person per day, so the board reads a realistic table); the real TodayView (offscreen) polls it as in the
app. A child process opens the same database and writes one check-in at a time; latency = the child's
commit (wall clock, printed by the child) -> the page showing that person as present. Also: the cost of one
change-stamp poll and of one board rebuild. Last line: JSON with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PASSPHRASE = "bench today passphrase"

WRITER = """
import sys, time, uuid
from datetime import UTC, datetime
from pathlib import Path
from app.core.records import AttendanceEvent, Direction
from app.core.storage import KdfParams, Store
store = Store.open(Path(sys.argv[1]), passphrase=sys.argv[2],
                   kdf=KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1))
print("ready", flush=True)
for line in sys.stdin:
    store.add_event(AttendanceEvent(str(uuid.uuid4()), line.strip(), datetime.now(UTC), "UTC", Direction.IN,
                                    0.9, 1.0, "kiosk-2", source="kiosk"))
    print(time.time(), flush=True)
store.close()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--days", type=int, default=30, help="days of past events in the database")
    ap.add_argument("--events", type=int, default=20, help="check-ins written by the other process")
    args = ap.parse_args()

    from app.core.context import AppContext
    from app.core.records import AttendanceEvent, Direction, Person
    from app.core.reports.today import TodayService
    from app.core.storage import KdfParams, Store
    from app.ui.reports.today_view import TodayView
    from tests.conftest import python_child
    from tools.qt_tool import start_gui

    app, settings = start_gui("bench-today-", keyring_in_memory=False)
    home = settings.data_dir
    kdf = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
    rng = random.Random(3)
    now = datetime.now(UTC)
    with Store.open(home, passphrase=PASSPHRASE, key_source="passphrase", kdf=kdf) as store:
        people = [
            Person(str(uuid.uuid4()), f"E{i:05d}", f"Person {i}", f"Dept {i % 8}") for i in range(args.people)
        ]
        past: list[AttendanceEvent] = []
        for person in people:
            store.add_person(person)
        for day in range(1, args.days + 1):
            for person in people:
                start = now - timedelta(days=day, hours=rng.uniform(0, 2))
                for k, direction in enumerate((Direction.IN, Direction.OUT)):
                    at = start + timedelta(hours=8 * k)
                    past.append(
                        AttendanceEvent(str(uuid.uuid4()), person.uuid, at, "UTC", direction, 0.9, 1.0, "k")
                    )
        with store.tx() as conn:
            for ev in past:
                store._insert_event(conn, ev)
    figures: dict[str, object] = {"people": args.people, "past_events": len(past)}

    ctx = AppContext(settings, passphrase=PASSPHRASE, background_sync=False)
    ctx.open()
    service = TodayService(ctx.report_source(), ctx.settings)
    t0 = time.perf_counter()
    for _ in range(200):
        service.stamp()
    figures["stamp_ms"] = round((time.perf_counter() - t0) / 200 * 1000, 3)
    view = TodayView(service)
    view.resize(1280, 800)
    view.show()
    deadline = time.monotonic() + 30
    while view.board is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    child = python_child(WRITER, str(home), PASSPHRASE)
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    latencies: list[float] = []
    rebuilds: list[float] = []
    for person in rng.sample(people, min(args.events, len(people))):
        time.sleep(rng.uniform(0.1, 1.0))  # events arrive at any moment of the poll cycle
        app.processEvents()
        child.stdin.write(person.uuid + "\n")
        child.stdin.flush()
        committed = float(child.stdout.readline())
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            app.processEvents()
            board = view.board
            if board is not None and any(e.person.uuid == person.uuid for e in board.present):
                latencies.append(time.time() - committed)
                rebuilds.append(view.last_rebuild_s)
                break
            time.sleep(0.002)
        else:
            print(f"not shown within 10 s: {person.name}", file=sys.stderr)
    child.stdin.close()
    child.wait(30)
    view.stop()
    ctx.close()
    figures.update(
        events=len(latencies),
        latency_s_median=round(statistics.median(latencies), 3) if latencies else None,
        latency_s_max=round(max(latencies), 3) if latencies else None,
        rebuild_ms_median=round(statistics.median(rebuilds) * 1000, 1) if rebuilds else None,
        poll_ms=1000,
    )
    print(
        f"{len(latencies)} check-ins by another process: shown after {figures['latency_s_median']} s median, "
        f"{figures['latency_s_max']} s max (poll every 1 s); stamp {figures['stamp_ms']} ms, board rebuild "
        f"{figures['rebuild_ms_median']} ms ({args.people} people, {len(past)} past events)"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    from tools.qt_tool import exit_after

    exit_after(main)
