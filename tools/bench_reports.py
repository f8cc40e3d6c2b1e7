"""Benchmark: the HR report over ~1M events (target <= 2 s). Last line of output is JSON.

    python tools/bench_reports.py [--people 2000] [--days 365] [--repeat 3] [--night-share 0.2]

Events are generated as columns (what the store hands over), in Europe/Berlin over a year (two DST changes),
with lunch breaks, late arrivals and missing check-outs; `--night-share` puts that share of the people on a
22:00-06:00 night shift (check-out the next morning). The timed part is `build_report` from an
in-memory columnar source: window selection, local days, sort, pairing, lateness, absences, summaries.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.records import Person
from app.core.reports import (
    EventColumns,
    InMemoryEventSource,
    ReportQuery,
    ReportSettings,
    Shift,
    build_report,
)
from app.core.reports.timesheet import local_midnight_utc, utc_offset_table

ZONE = "Europe/Berlin"


def generate(
    people: int, start: date, days: int, seed: int = 1, night_share: float = 0.0
) -> tuple[list[Person], EventColumns]:
    rng = np.random.default_rng(seed)
    night = np.arange(people) < round(people * night_share)  # the first people work nights
    zone = ZoneInfo(ZONE)
    dates = [start + timedelta(days=i) for i in range(days)]
    weekday = np.array([d.weekday() < 5 for d in dates])
    p, d = np.nonzero(rng.random((people, days)) < 0.95)  # 5% absent
    keep = weekday[d] | (rng.random(len(d)) < 0.03)
    p, d = p[keep], d[keep]
    n = len(p)
    midnight = np.array([(x - date(1970, 1, 1)).days * 86400 for x in dates], np.int64)[d]
    begin = midnight + np.where(night[p], 22, 9) * 3600  # a night shift ends at 06:00 the next day
    arrive = begin + rng.normal(-300, 600, n).astype(np.int64)
    leave = begin + 8 * 3600 + rng.normal(600, 1800, n).astype(np.int64)
    lunch = rng.random(n) < 0.6
    lunch_out = begin + 3 * 3600 + rng.integers(0, 3600, n)
    lunch_in = lunch_out + rng.integers(1200, 2700, n)
    has_out = rng.random(n) > 0.04
    local = np.concatenate([arrive, lunch_out[lunch], lunch_in[lunch], leave[has_out]])
    person = np.concatenate([p, p[lunch], p[lunch], p[has_out]]).astype(np.int32)
    is_in = np.concatenate(
        [
            np.ones(n, bool),
            np.zeros(lunch.sum(), bool),
            np.ones(lunch.sum(), bool),
            np.zeros(has_out.sum(), bool),
        ]
    )
    lo, hi = local_midnight_utc(dates[0], zone), local_midnight_utc(dates[-1] + timedelta(days=1), zone)
    inst, offs = utc_offset_table(zone, lo - 86400, hi + 86400)
    t = local - offs[np.searchsorted(inst, local - 3600, side="right")]  # local wall clock -> UTC
    perm = rng.permutation(len(t))  # the store may hand them over in any order
    voided = rng.random(len(t)) < 0.002
    manual = rng.random(len(t)) < 0.001
    cols = EventColumns(
        person_ids=[f"p{i:05d}" for i in range(people)],
        person=person[perm],
        t=t[perm],
        is_in=is_in[perm],
        voided=voided,
        manual=manual,
        zone_hint=ZONE,
    )
    persons = [
        Person(f"p{i:05d}", f"E{i}", f"Person {i}", department="Nights" if night[i] else f"D{i % 10}")
        for i in range(people)
    ]
    return persons, cols


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=1300)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--night-share", type=float, default=0.0, help="share of people on a 22:00-06:00 shift")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    start = date(2024, 1, 1)
    t0 = time.perf_counter()
    persons, cols = generate(args.people, start, args.days, night_share=args.night_share)
    gen_s = time.perf_counter() - t0
    print(f"generated {len(cols):,} events for {args.people} people over {args.days} days in {gen_s:.2f} s")
    source = InMemoryEventSource.from_columns(persons, cols)
    settings = ReportSettings(
        organisation_name="Bench",
        timezone=ZONE,
        holidays=[date(2024, 5, 1)],
        group_shifts={"Nights": Shift("Night", dtime(22, 0), dtime(6, 0))},
    )
    query = ReportQuery(start, start + timedelta(days=args.days - 1))
    times = []
    report = None
    for i in range(args.repeat):
        t0 = time.perf_counter()
        report = build_report(source, settings, query)
        times.append(time.perf_counter() - t0)
        print(f"run {i + 1}: report in {times[-1]:.3f} s")
    assert report is not None
    best, median = min(times), float(np.median(times))
    print(
        f"report over {len(cols):,} events: best {best:.3f} s, median {median:.3f} s; "
        f"{len(report.days):,} person-day rows, {report.totals.worked_hours:,.0f} h, "
        f"{report.totals.late_days:,} late, {report.totals.absences:,} absences "
        f"(target <= 2 s: {'met' if median <= 2 else 'MISSED'})"
    )
    print(
        json.dumps(
            {
                "bench": "reports",
                "events": len(cols),
                "people": args.people,
                "days": args.days,
                "night_share": args.night_share,
                "seconds_best": round(best, 4),
                "seconds_median": round(median, 4),
                "rows": len(report.days),
                "target_seconds": 2.0,
                "met": median <= 2.0,
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "numpy": np.__version__,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
