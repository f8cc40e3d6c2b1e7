"""Load benchmark of the cloud service on loopback: 1:N search over a large gallery, and attendance upload.

Starts `python -m cloud` on 127.0.0.1 (a subprocess, so client and server do not share a GIL), seeds the
gallery straight into the database (enrolment speed is not what is measured), then fires a bounded number of
requests from a few threads, stopping early at --time-limit. Prints requests/s and p50/p99 latency per phase;
the last line is JSON.

    python tools/bench_cloud.py                      # SQLite, 100k templates
    python tools/bench_cloud.py --db postgresql      # a throwaway PostgreSQL (tools/pg_test_server.sh)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import requests
from sqlalchemy import insert, update

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cloud import testing  # noqa: E402
from cloud.db.engine import Database  # noqa: E402
from cloud.db.tables import Organisation, Person, Template  # noqa: E402
from wire.schemas import encode_vector  # noqa: E402

ADMIN = "bench-admin-key"


def start_service(db_url: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    key_file = workdir / "admin.key"
    key_file.write_text(ADMIN)
    try:
        return testing.start_service(db_url, port, key_file, timeout_s=60)
    except RuntimeError:
        raise SystemExit("service did not start") from None


def seed(db_url: str, org_uuid: str, n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """n persons with one template each, inserted in bulk; returns the gallery matrix."""
    db = Database(db_url)
    gallery = rng.standard_normal((n, dim)).astype(np.float32)
    gallery /= np.linalg.norm(gallery, axis=1, keepdims=True)
    with db.write() as session:
        org = session.query(Organisation).filter_by(uuid=org_uuid).one()
        base = org.change_seq
        for start in range(0, n, 5000):
            stop = min(n, start + 5000)
            pids = [str(uuid.uuid4()) for _ in range(start, stop)]
            session.execute(
                insert(Person),
                [
                    {
                        "org_id": org.id,
                        "uuid": p,
                        "name": f"P{start + i}",
                        "groups": [],
                        "seq": base + 2 * (start + i) + 1,
                    }
                    for i, p in enumerate(pids)
                ],
            )
            session.execute(
                insert(Template),
                [
                    {
                        "org_id": org.id,
                        "uuid": str(uuid.uuid4()),
                        "person_uuid": p,
                        "model_id": "dlib_resnet_v1",
                        "model_version": "1",
                        "dim": dim,
                        "payload": gallery[start + i].tobytes(),
                        "encrypted": False,
                        "seq": base + 2 * (start + i) + 2,
                    }
                    for i, p in enumerate(pids)
                ],
            )
        session.execute(update(Organisation).where(Organisation.id == org.id).values(change_seq=base + 2 * n))
    db.dispose()
    return gallery


def run_phase(
    name: str,
    count: int,
    threads: int,
    time_limit: float,
    make: Callable[[int], tuple[str, str, Any]],
    url: str,
    key: str,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(count))
    deadline = time.monotonic() + time_limit

    def worker() -> None:
        session = requests.Session()
        session.headers["X-API-Key"] = key
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            method, path, body = make(i)
            t0 = time.perf_counter()
            r = session.request(method, url + path, json=body, timeout=30)
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                if r.status_code >= 400:
                    errors[0] += 1

    t0 = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - t0
    lat = np.array(latencies) * 1000
    out = {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 2) if len(lat) else None,
        "p99_ms": round(float(np.percentile(lat, 99)), 2) if len(lat) else None,
    }
    print(f"{name}: {out}", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--templates", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--searches", type=int, default=400)
    ap.add_argument("--uploads", type=int, default=200)
    ap.add_argument("--batch", type=int, default=50, help="attendance events per upload request")
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--time-limit", type=float, default=45.0, help="seconds per phase at most")
    args = ap.parse_args()
    rng = np.random.default_rng(0)

    with tempfile.TemporaryDirectory(prefix="faceattend-bench-") as tmp:
        workdir = Path(tmp)
        pg_name = admin_url = None
        if args.db == "postgresql":
            admin_url, reason = testing.pg_admin_url()
            if admin_url is None:
                raise SystemExit(reason)
            db_url, pg_name = testing.fresh_pg_database(admin_url)
        else:
            db_url = f"sqlite:///{workdir / 'cloud.db'}"
        port = testing.free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_service(db_url, port, workdir)
        try:
            admin = testing.admin_client(url, ADMIN)
            org = admin("POST", "/v1/admin/organisations", json={"name": "Bench"})
            dev = admin("POST", f"/v1/admin/organisations/{org['id']}/devices", json={"name": "bench"})
            key = dev["api_key"]
            t0 = time.perf_counter()
            gallery = seed(db_url, org["id"], args.templates, args.dim, rng)
            seed_s = time.perf_counter() - t0
            print(f"seeded {args.templates} templates in {seed_s:.1f} s", flush=True)

            probes = gallery[rng.integers(0, len(gallery), 64)] + 0.02 * rng.standard_normal(
                (64, args.dim)
            ).astype(np.float32)

            def search(i: int) -> tuple[str, str, Any]:
                body = {
                    "model_id": "dlib_resnet_v1",
                    "model_version": "1",
                    "dim": args.dim,
                    "vector_b64": encode_vector(probes[i % 64]),
                    "top_k": 5,
                    "threshold": 0.6,
                }
                return "POST", "/v1/search", body

            t0 = time.perf_counter()
            first = requests.post(
                url + "/v1/search", json=search(0)[2], headers={"X-API-Key": key}, timeout=120
            )
            load_s = time.perf_counter() - t0
            assert first.json()["gallery_size"] == args.templates, first.text
            print(f"first search (loads the gallery): {load_s:.2f} s", flush=True)

            # exact search in numpy in-process, for comparison with the HTTP figure
            mat = gallery
            sq = np.einsum("ij,ij->i", mat, mat)
            t0 = time.perf_counter()
            for p in probes[:32]:
                d = sq - 2 * (mat @ p) + p @ p
                np.argpartition(d, 5)[:5]
            numpy_ms = (time.perf_counter() - t0) / 32 * 1000

            s = run_phase("search", args.searches, args.threads, args.time_limit, search, url, key)
            person = str(uuid.uuid4())  # attendance must name a person the organisation has
            made = requests.put(
                f"{url}/v1/persons/{person}", json={"name": "Bench"}, headers={"X-API-Key": key}, timeout=30
            )
            assert made.status_code == 201, made.text
            now = datetime.now(UTC).isoformat()

            def upload(i: int) -> tuple[str, str, Any]:
                events = [
                    {"uuid": str(uuid.uuid4()), "person_uuid": person, "at_utc": now, "direction": "in"}
                    for _ in range(args.batch)
                ]
                return "POST", "/v1/attendance", {"events": events}

            u = run_phase("attendance upload", args.uploads, args.threads, args.time_limit, upload, url, key)
        finally:
            proc.terminate()
            proc.wait(20)
            if admin_url and pg_name:
                testing.drop_pg_database(admin_url, pg_name)

    result = {
        "db": args.db,
        "templates": args.templates,
        "dim": args.dim,
        "threads": args.threads,
        "search_backend": "numpy exact (pgvector not packaged by Debian 12)",
        "gallery_load_s": round(load_s, 2),
        "numpy_search_ms_in_process": round(numpy_ms, 2),
        "search_rps": s["rps"],
        "search_p50_ms": s["p50_ms"],
        "search_p99_ms": s["p99_ms"],
        "search_requests": s["requests"],
        "search_errors": s["errors"],
        "upload_rps": u["rps"],
        "upload_events_per_s": round(u["rps"] * args.batch, 1),
        "upload_p50_ms": u["p50_ms"],
        "upload_p99_ms": u["p99_ms"],
        "upload_batch": args.batch,
        "upload_requests": u["requests"],
        "upload_errors": u["errors"],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
