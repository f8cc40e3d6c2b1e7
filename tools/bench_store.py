"""Store benchmarks: insert enrolments (person + template), load 100k templates into a float32 matrix.

    python tools/bench_store.py [--templates 100000] [--enrolments 10000] [--dim 128]

Runs in a temporary directory with a passphrase-derived key (no keyring needed). The last line is one
JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.records import Person, Template
from app.core.storage import KdfParams, Store

MODEL, VERSION = "bench_model", "1"


def enrolments(
    rng: np.random.Generator, start: int, count: int, dim: int
) -> list[tuple[Person, list[Template]]]:
    vectors = rng.standard_normal((count, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    out = []
    for i in range(count):
        p = Person(str(uuid.uuid4()), f"B{start + i:07d}", f"Bench person {start + i}", department="Bench")
        out.append((p, [Template(p.uuid, MODEL, VERSION, vectors[i], quality=0.9, frames_used=5)]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--templates", type=int, default=100_000)
    parser.add_argument("--enrolments", type=int, default=10_000)
    parser.add_argument("--single", type=int, default=200, help="enrolments timed one transaction each")
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--dir", type=Path, help="work dir (default: a temp dir, deleted afterwards)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench_store_"))
    rng = np.random.default_rng(0)
    result: dict[str, float | int | str] = {"dim": args.dim, "loadavg_1min": round(os.getloadavg()[0], 2)}
    try:
        t0 = time.perf_counter()
        store = Store.open(
            work, passphrase="bench passphrase", key_source="passphrase", kdf=KdfParams(1, 8192, 1)
        )
        result["open_create_s"] = round(time.perf_counter() - t0, 3)

        batch = enrolments(rng, 0, args.enrolments, args.dim)
        t0 = time.perf_counter()
        store.add_enrolments(batch)
        elapsed = time.perf_counter() - t0
        result["insert_enrolments"] = args.enrolments
        result["insert_enrolments_one_tx_s"] = round(elapsed, 3)
        result["insert_enrolments_per_s"] = round(args.enrolments / elapsed)
        print(
            f"insert {args.enrolments} enrolments (person + template), one transaction: {elapsed:.2f} s "
            f"({args.enrolments / elapsed:.0f}/s)"
        )

        single = enrolments(rng, args.enrolments, args.single, args.dim)
        t0 = time.perf_counter()
        for person, templates in single:
            store.add_enrolment(person, templates)
        per = (time.perf_counter() - t0) / max(1, args.single)
        result["enrolment_own_tx_ms"] = round(per * 1000, 2)
        result["insert_enrolments_own_tx_extrapolated_s"] = round(per * args.enrolments, 1)
        print(
            f"enrolment in its own transaction (fsync each, synchronous=FULL): {per * 1000:.2f} ms "
            f"→ {args.enrolments} would take {per * args.enrolments:.1f} s"
        )

        remaining = args.templates - args.enrolments - args.single
        t0 = time.perf_counter()
        done = 0
        while done < remaining:
            n = min(20_000, remaining - done)
            store.add_enrolments(enrolments(rng, args.enrolments + args.single + done, n, args.dim))
            done += n
        print(f"filled up to {args.templates} templates in {time.perf_counter() - t0:.1f} s")
        store.close()
        result["db_mb"] = round((work / "faceattend.db").stat().st_size / 1e6, 1)

        t0 = time.perf_counter()
        store = Store.open(work, passphrase="bench passphrase")
        result["reopen_s"] = round(time.perf_counter() - t0, 3)
        times, cpu = [], []
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            uuids, matrix = store.load_templates(MODEL, VERSION)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        assert (
            matrix.shape == (args.templates, args.dim)
            and matrix.dtype == np.float32
            and len(uuids) == len(matrix)
        )
        result["templates"] = args.templates
        result["load_templates_first_s"] = round(times[0], 3)
        result["load_templates_best_s"] = round(min(times), 3)
        result["load_templates_cpu_s"] = round(min(cpu), 3)
        result["load_target_s"] = 1.5
        result["load_within_target"] = "yes" if times[0] <= 1.5 else "no"
        print(
            f"load {args.templates} templates into a float32 [{args.templates}, {args.dim}] matrix: "
            f"first {times[0]:.3f} s, best of 3 {min(times):.3f} s, CPU {min(cpu):.3f} s (target ≤ 1.5 s)"
        )
        store.close()
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
