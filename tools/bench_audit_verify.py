"""Audit-verify benchmark: how long `audit verify` takes on a large log and how long it holds the store lock
(while it holds it, every other store call — the UI thread's included — waits).

    python tools/bench_audit_verify.py [--entries 100000] [--repeat 3]

Runs in a temporary directory with a passphrase-derived key and an in-memory keyring (so the seal is checked
too). Measured, best of --repeat: the whole verification (chain + head + seal, audit_seal.verify), the first
seal of an unsealed log (audit_seal.seal, which re-checks the whole chain), the longest single hold of the
store lock by either, and the worst wait of a reader thread calling the store every 2 ms meanwhile. The last
line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.storage import SERVICE, KdfParams, Store, audit, audit_seal
from app.core.storage.timeutil import now_utc


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


class _TimedLock:
    """Wraps the store's RLock and records how long each outermost hold lasted, per thread."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.depth = 0
        self.started = 0.0
        self.holds: list[tuple[str, float]] = []

    def acquire(self, *args: Any, **kwargs: Any) -> bool:
        got = bool(self.inner.acquire(*args, **kwargs))
        if got:
            self.depth += 1
            if self.depth == 1:
                self.started = time.perf_counter()
        return got

    def release(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.holds.append((threading.current_thread().name, time.perf_counter() - self.started))
        self.inner.release()

    def __enter__(self) -> _TimedLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _fill(store: Store, entries: int) -> None:
    moment = now_utc()
    with store.tx() as conn:
        for i in range(entries):
            audit.append(conn, moment, f"user{i % 7}", "settings.change", {"key": f"k{i}", "value": i})


def _measure(store: Store, lock: _TimedLock, work: Callable[[], object]) -> dict[str, float]:
    """Run `work` on a thread named "verify" while this thread reads the store every 2 ms."""
    lock.holds.clear()
    done = threading.Event()
    waits: list[float] = []

    def run() -> None:
        try:
            work()
        finally:
            done.set()

    worker = threading.Thread(target=run, name="verify")
    t0 = time.perf_counter()
    worker.start()
    while not done.is_set():
        start = time.perf_counter()
        store.get_setting("bench.ping")
        waits.append(time.perf_counter() - start)
        time.sleep(0.002)
    worker.join()
    total = time.perf_counter() - t0
    holds = [seconds for name, seconds in lock.holds if name == "verify"]
    return {
        "total_s": round(total, 3),
        "lock_holds": len(holds),
        "longest_hold_ms": round(max(holds, default=0.0) * 1000, 1),
        "reader_calls": len(waits),
        "reader_worst_wait_ms": round(max(waits, default=0.0) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="work dir (default: a temp dir, deleted afterwards)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    keyring.set_keyring(_MemoryKeyring())
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench_audit_"))
    result: dict[str, Any] = {"entries": args.entries, "loadavg_1min": round(os.getloadavg()[0], 2)}
    try:
        store = Store.open(
            work, passphrase="bench passphrase", key_source="passphrase", kdf=KdfParams(1, 8192, 1)
        )
        t0 = time.perf_counter()
        _fill(store, args.entries)
        result["fill_s"] = round(time.perf_counter() - t0, 2)
        lock = _TimedLock(store._lock)
        store._lock = lock  # type: ignore[assignment]

        def best(work_fn: Callable[[], object], reset: Callable[[], None] | None = None) -> dict[str, float]:
            runs = []
            for _ in range(args.repeat):
                if reset is not None:
                    reset()
                runs.append(_measure(store, lock, work_fn))
            return min(runs, key=lambda r: r["total_s"])

        def unseal() -> None:
            keyring.get_keyring().delete_password(SERVICE, audit_seal._names(store)[1])

        first_seal = best(lambda: audit_seal.seal(store), reset=unseal)
        result["first_seal"] = first_seal
        verdicts: list[audit_seal.AuditVerdict] = []
        verify = best(lambda: verdicts.append(audit_seal.verify(store)))
        result["verify"] = verify
        verdict = verdicts[-1]
        result["verdict"] = {"ok": verdict.ok, "checked": verdict.checked, "seal": verdict.seal}
        for name, figures in (("first seal", first_seal), ("verify", verify)):
            print(
                f"{name}: {figures['total_s']:.2f} s, {figures['lock_holds']:.0f} lock holds, longest "
                f"{figures['longest_hold_ms']:.0f} ms; a reader waited at most "
                f"{figures['reader_worst_wait_ms']:.0f} ms ({figures['reader_calls']:.0f} calls)"
            )
        store.close()
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
