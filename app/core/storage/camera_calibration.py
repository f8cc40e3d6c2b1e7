"""SQL for the per-camera calibration of the passive liveness threshold (schema v8). Functions over an open
Store (like review.py); the rule itself is the caller's (app/core/liveness/camera_calibration.py), passed in
as `threshold_of`, so storage never decides liveness.

A bona fide session score is added in ONE transaction with the camera's new threshold; when the threshold
in force changes (learning → calibrated, or the calibrated value moves), "liveness.calibration" is audited in
that same transaction. A reset deletes the camera's record and audits "liveness.calibration_reset". The
records hold scores only: no person, no image.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.core.storage import audit
from app.core.storage.timeutil import from_db, now_utc, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store

CALIBRATION_CHANGE = "liveness.calibration"
CALIBRATION_RESET = "liveness.calibration_reset"
SOURCES = ("enrol", "checkin")
MIN_CHANGE = 0.005  # a smaller move of the threshold is not worth an audit entry


@dataclass(frozen=True)
class CameraRecord:
    device_id: str
    camera: str
    scores: list[float]  # oldest first, at most `window`
    threshold: float | None  # the threshold last stored (None: still learning)
    updated_at: datetime


def _camera_id(conn: Any, device_id: str, camera: str, create: bool, moment: datetime) -> int | None:
    row = conn.execute(
        "SELECT id FROM camera_calibration WHERE device_id = ? AND camera = ?", (device_id, camera)
    ).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    cursor = conn.execute(
        "INSERT INTO camera_calibration (device_id, camera, threshold, updated_at) VALUES (?, ?, NULL, ?)",
        (device_id, camera, to_db(moment)),
    )
    return int(cursor.lastrowid)


def _threshold(conn: Any, camera_id: int) -> float | None:
    row = conn.execute("SELECT threshold FROM camera_calibration WHERE id = ?", (camera_id,)).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def _scores(conn: Any, camera_id: int, window: int) -> list[float]:
    rows = conn.execute(
        "SELECT score FROM camera_bona_fide WHERE camera_id = ? ORDER BY id DESC LIMIT ?",
        (camera_id, int(window)),
    ).fetchall()
    return [float(r[0]) for r in reversed(rows)]


def add_bona_fide(
    store: Store,
    device_id: str,
    camera: str,
    source: str,
    score: float,
    threshold_of: Callable[[Sequence[float]], float | None],
    actor: str,
    window: int = 200,
) -> CameraRecord:
    """Add one bona fide session score of this camera and store the threshold `threshold_of(scores)` gives
    (None while learning); a change of it is audited in the same transaction. Older sessions beyond
    `window` are dropped."""
    if source not in SOURCES:
        raise ValueError(f"a bona fide session comes from one of {SOURCES}, not {source!r}")
    if not (math.isfinite(score) and 0.0 <= score <= 1.0):
        raise ValueError(f"a passive score is a number from 0 to 1, not {score!r}")
    if not device_id or not camera:
        raise ValueError("a camera is named by its device and its source name")
    moment = now_utc()
    with store.tx() as conn:
        camera_id = _camera_id(conn, device_id, camera, True, moment)
        assert camera_id is not None
        conn.execute(
            "INSERT INTO camera_bona_fide (camera_id, source, score, at_utc) VALUES (?, ?, ?, ?)",
            (camera_id, source, float(score), to_db(moment)),
        )
        conn.execute(
            "DELETE FROM camera_bona_fide WHERE camera_id = ? AND id NOT IN "
            "(SELECT id FROM camera_bona_fide WHERE camera_id = ? ORDER BY id DESC LIMIT ?)",
            (camera_id, camera_id, int(window)),
        )
        scores = _scores(conn, camera_id, window)
        previous = _threshold(conn, camera_id)
        threshold = threshold_of(scores)
        conn.execute(
            "UPDATE camera_calibration SET threshold = ?, updated_at = ? WHERE id = ?",
            (threshold, to_db(moment), camera_id),
        )
        changed = (previous is None) != (threshold is None) or (
            previous is not None and threshold is not None and abs(previous - threshold) >= MIN_CHANGE
        )
        if changed:
            details = {
                "device": device_id,
                "camera": camera,
                "sessions": len(scores),
                "threshold": threshold,
                "previous": previous,
                "source": source,
            }
            audit.append(conn, moment, actor, CALIBRATION_CHANGE, details)
    return CameraRecord(device_id, camera, scores, threshold, moment)


def get_camera(store: Store, device_id: str, camera: str, window: int = 200) -> CameraRecord | None:
    with store.read() as conn:
        row = conn.execute(
            "SELECT id, threshold, updated_at FROM camera_calibration WHERE device_id = ? AND camera = ?",
            (device_id, camera),
        ).fetchone()
        if row is None:
            return None
        scores = _scores(conn, int(row[0]), window)
    return CameraRecord(device_id, camera, scores, None if row[1] is None else float(row[1]), from_db(row[2]))


def list_cameras(store: Store, window: int = 200) -> list[CameraRecord]:
    with store.read() as conn:
        rows = conn.execute(
            "SELECT id, device_id, camera, threshold, updated_at FROM camera_calibration "
            "ORDER BY device_id, camera"
        ).fetchall()
        out = [
            CameraRecord(
                str(r[1]),
                str(r[2]),
                _scores(conn, int(r[0]), window),
                None if r[3] is None else float(r[3]),
                from_db(r[4]),
            )
            for r in rows
        ]
    return out


def reset_camera(store: Store, device_id: str, camera: str, actor: str) -> int:
    """Forget this camera's record (it learns again from the shipped threshold); audited in the same
    transaction, also when there was nothing to forget. Returns the sessions dropped."""
    moment = now_utc()
    with store.tx() as conn:
        camera_id = _camera_id(conn, device_id, camera, False, moment)
        dropped = 0
        previous = None
        if camera_id is not None:
            previous = _threshold(conn, camera_id)
            dropped = conn.execute("DELETE FROM camera_bona_fide WHERE camera_id = ?", (camera_id,)).rowcount
            conn.execute("DELETE FROM camera_calibration WHERE id = ?", (camera_id,))
        details = {"device": device_id, "camera": camera, "sessions": int(dropped), "previous": previous}
        audit.append(conn, moment, actor, CALIBRATION_RESET, details)
    return int(dropped)
