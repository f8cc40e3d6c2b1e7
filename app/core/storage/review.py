"""SQL for the review queue, the "Not me" negatives and template refresh versions (schema v7). Functions over
an open Store (like user_admin.py), kept apart from the Store classes.

Voiding goes through the HR correction path (EventTables._correct: the original is kept with voided = 1, a
correction row keeps the old values, "event.correct" is audited), inside the same transaction as the review
row, the negative or the resolution and its own audit entry: all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from app.core.records import ReviewItem, Template
from app.core.storage import audit
from app.core.storage.errors import NotFoundError, StorageError
from app.core.storage.rows import TEMPLATE_COLS, person_row_id, template_from_row
from app.core.storage.timeutil import from_db, now_utc, opt_from_db, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store

OPEN, CONFIRMED, VOIDED = "open", "confirmed", "voided"
KIND_ENROL, KIND_REFRESH = "enrol", "refresh"

_ITEM_COLS = (
    "r.uuid, r.at_utc, r.device_id, r.reason, p.uuid, r.event_uuid, r.similarity, r.margin, r.threshold, "
    "r.liveness_score, r.thumbnail, r.status, r.resolved_at, r.resolved_by, r.id"
)


def _item(row: Sequence[Any]) -> ReviewItem:
    return ReviewItem(
        row[0],
        from_db(row[1]),
        row[2],
        row[3],
        row[4],
        row[5],
        float(row[6]),
        float(row[7]),
        float(row[8]),
        float(row[9]),
        row[10],
        row[11],
        opt_from_db(row[12]),
        row[13],
        row[14],
    )


def _person_id(conn: Any, person_uuid: str | None) -> int | None:
    return None if person_uuid is None else person_row_id(conn, person_uuid)


def _insert_item(conn: Any, item: ReviewItem) -> int:
    cursor = conn.execute(
        "INSERT INTO review_items (uuid, at_utc, device_id, reason, person_id, event_uuid, similarity, "
        "margin, threshold, liveness_score, thumbnail, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            item.uuid,
            to_db(item.at_utc),
            item.device_id,
            item.reason,
            _person_id(conn, item.person_uuid),
            item.event_uuid,
            float(item.similarity),
            float(item.margin),
            float(item.threshold),
            float(item.liveness_score),
            item.thumbnail,
            item.status,
        ),
    )
    item.id = int(cursor.lastrowid)
    return item.id


def _blob(vector: npt.ArrayLike) -> tuple[int, bytes]:
    array = np.asarray(vector, dtype="<f4").reshape(-1)
    if array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError("an embedding is a non-empty array of finite numbers")
    return int(array.size), array.tobytes()


def add_review_item(store: Store, item: ReviewItem) -> ReviewItem:
    """A doubtful decision for the queue (not audited: the kiosk only reports; HR's decision is)."""
    with store.tx() as conn:
        _insert_item(conn, item)
    return item


def list_review_items(store: Store, status: str | None = OPEN, limit: int = 500) -> list[ReviewItem]:
    """Newest first; `status` None lists every item."""
    where, params = ("WHERE r.status = ?", [status]) if status is not None else ("", [])
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {_ITEM_COLS} FROM review_items r LEFT JOIN persons p ON p.id = r.person_id {where} "
            "ORDER BY r.at_utc DESC, r.id DESC LIMIT ?",
            (*params, int(limit)),
        ).fetchall()
    return [_item(r) for r in rows]


def _item_by_uuid(conn: Any, item_uuid: str) -> ReviewItem | None:
    row = conn.execute(
        f"SELECT {_ITEM_COLS} FROM review_items r LEFT JOIN persons p ON p.id = r.person_id WHERE r.uuid = ?",
        (item_uuid,),
    ).fetchone()
    return None if row is None else _item(row)


def get_review_item(store: Store, item_uuid: str) -> ReviewItem | None:
    with store.read() as conn:
        return _item_by_uuid(conn, item_uuid)


def _event_active(conn: Any, event_uuid: str | None) -> bool:
    if event_uuid is None:
        return False
    row = conn.execute("SELECT voided FROM attendance_events WHERE uuid = ?", (event_uuid,)).fetchone()
    return row is not None and not row[0]


def resolve_review_item(store: Store, item_uuid: str, status: str, actor: str, note: str = "") -> ReviewItem:
    """HR's decision, in ONE transaction with its audit entry ("review.confirm" / "review.void"). Voiding an
    item whose event still counts voids the event through the correction path (the original is kept);
    voiding a "Not me" item (the claim was wrong) drops its negative example (a running kiosk drops it from
    its memory at its next start)."""
    if status not in (CONFIRMED, VOIDED):
        raise ValueError(f"a review item is confirmed or voided, not {status!r}")
    moment = now_utc()
    with store.tx() as conn:
        item = _item_by_uuid(conn, item_uuid)
        if item is None:
            raise NotFoundError(f"No review item {item_uuid}.")
        if item.status != OPEN:
            raise StorageError(
                f"The review item {item_uuid} was already {item.status} by {item.resolved_by}."
            )
        voided_event, dropped = None, 0
        if status == VOIDED and item.reason == "not_me":  # the "Not me" was wrong: its negative goes
            dropped = conn.execute(
                "DELETE FROM recognition_negatives WHERE review_uuid = ?", (item.uuid,)
            ).rowcount
        if status == VOIDED and _event_active(conn, item.event_uuid):
            reason = f"review: {item.reason}" + (f" ({note})" if note else "")
            store._correct(conn, str(item.event_uuid), actor, reason, None, None, True)
            voided_event = item.event_uuid
        conn.execute(
            "UPDATE review_items SET status = ?, resolved_at = ?, resolved_by = ? WHERE id = ?",
            (status, to_db(moment), actor, item.id),
        )
        details = {
            "negatives_dropped": int(dropped),
            "item": item.uuid,
            "reason": item.reason,
            "person": item.person_uuid,
            "event": item.event_uuid,
            "voided_event": voided_event,
            "note": note,
        }
        audit.append(conn, moment, actor, f"review.{'confirm' if status == CONFIRMED else 'void'}", details)
    item.status, item.resolved_at, item.resolved_by = status, moment, actor
    return item


@dataclass(frozen=True)
class NotMeRecord:
    item: ReviewItem
    voided: bool  # False when the event was already void (nothing to undo)


def record_not_me(
    store: Store,
    item: ReviewItem,
    vector: npt.ArrayLike | None,
    model_id: str,
    model_version: str,
    actor: str,
) -> NotMeRecord:
    """ "Not me" at the kiosk, in ONE transaction: the event (when the greeting booked one) is voided through
    the correction path (original kept), the case goes to the review queue, the track's fused embedding is
    kept as a negative example for (probe, person), and "review.not_me" is audited (uuids only)."""
    if item.person_uuid is None:
        raise ValueError("Not me needs the person the kiosk decided on")
    moment = now_utc()
    with store.tx() as conn:
        voided = _event_active(conn, item.event_uuid)
        if voided and item.event_uuid is not None:
            store._correct(conn, item.event_uuid, actor, "Not me (at the kiosk)", None, None, True)
        _insert_item(conn, item)
        if vector is not None:
            dim, blob = _blob(vector)
            conn.execute(
                "INSERT INTO recognition_negatives (person_id, model_id, model_version, dim, vector, "
                "review_uuid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _person_id(conn, item.person_uuid),
                    model_id,
                    model_version,
                    dim,
                    blob,
                    item.uuid,
                    to_db(moment),
                ),
            )
        details = {
            "item": item.uuid,
            "event": item.event_uuid,
            "person": item.person_uuid,
            "negative": vector is not None,
            "similarity": round(item.similarity, 4),
        }
        audit.append(conn, moment, actor, "review.not_me", details)
    return NotMeRecord(item, voided)


def load_negatives(store: Store, model_id: str, model_version: str) -> dict[str, npt.NDArray[np.float32]]:
    """Every active person's negative examples of this model: person uuid → [n, dim]."""
    with store.read() as conn:
        rows = conn.execute(
            "SELECT p.uuid, n.vector FROM recognition_negatives n JOIN persons p ON p.id = n.person_id "
            "WHERE n.model_id = ? AND n.model_version = ? AND p.active = 1 ORDER BY n.id",
            (model_id, model_version),
        ).fetchall()
    grouped: dict[str, list[npt.NDArray[np.float32]]] = {}
    for person_uuid, blob in rows:
        grouped.setdefault(str(person_uuid), []).append(np.frombuffer(blob, dtype="<f4").astype(np.float32))
    return {k: np.stack(v) for k, v in grouped.items()}


# --- template refresh versions -----------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateVersions:
    anchor: Template  # the enrolment template (the oldest "enrol" row)
    current: Template  # the newest row: the one the matcher uses
    refreshes: int  # refresh versions kept
    last_refresh: datetime | None


def template_versions(store: Store, person_uuid: str) -> TemplateVersions | None:
    """The person's anchor and current template (None without templates)."""
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {TEMPLATE_COLS}, t.kind FROM templates t JOIN persons p ON p.id = t.person_id "
            "WHERE p.uuid = ? ORDER BY t.id",
            (person_uuid,),
        ).fetchall()
    if not rows:
        return None
    tpl = [(template_from_row(person_uuid, r), str(r[7])) for r in rows]
    anchors = [t for t, kind in tpl if kind == KIND_ENROL] or [tpl[0][0]]
    refreshed = [t for t, kind in tpl if kind == KIND_REFRESH]
    last = refreshed[-1].created_at if refreshed else None
    return TemplateVersions(anchors[0], tpl[-1][0], len(refreshed), last)


def add_refresh_template(
    store: Store, template: Template, keep: int, actor: str, details: dict[str, Any]
) -> int:
    """A refreshed template as a NEW row (kind "refresh"; the sync outbox queues it like any template), the
    person's refresh versions beyond the newest `keep` deleted (the anchor never), and "template.refresh"
    audited, in ONE transaction. Returns how many old versions were pruned."""
    moment = now_utc()
    with store.tx() as conn:
        person_id = person_row_id(conn, template.person_uuid)
        store._insert_template(conn, template, person_id, KIND_REFRESH)
        pruned = conn.execute(
            "DELETE FROM templates WHERE person_id = ? AND kind = ? AND id NOT IN "
            "(SELECT id FROM templates WHERE person_id = ? AND kind = ? ORDER BY id DESC LIMIT ?)",
            (person_id, KIND_REFRESH, person_id, KIND_REFRESH, max(1, int(keep))),
        ).rowcount
        audit.append(conn, moment, actor, "template.refresh", {**details, "pruned": int(pruned)})
    return int(pruned)


def revert_refreshes(store: Store, person_uuid: str, actor: str) -> int:
    """Back to the enrolment anchor: every refresh version is deleted (synced as template deletions),
    audited as "template.refresh_revert". Returns how many."""
    with store.tx() as conn:
        person_id = _person_id(conn, person_uuid)
        removed = conn.execute(
            "DELETE FROM templates WHERE person_id = ? AND kind = ?", (person_id, KIND_REFRESH)
        ).rowcount
        audit.append(
            conn,
            now_utc(),
            actor,
            "template.refresh_revert",
            {"person": person_uuid, "removed": int(removed)},
        )
    return int(removed)


@dataclass(frozen=True)
class HealthRow:
    """Recognition health of one person: recent kiosk scores, open doubts, the last refresh."""

    person_uuid: str
    recent_scores: tuple[float, ...]  # newest first, kiosk events only
    recent_margins: tuple[float, ...]  # from review items (doubtful decisions), newest first
    doubts: int  # open review items
    refreshes: int
    last_refresh: datetime | None


def recognition_health(store: Store, person_uuid: str, recent: int = 10) -> HealthRow:
    with store.read() as conn:
        scores = conn.execute(
            "SELECT e.match_score FROM attendance_events e JOIN persons p ON p.id = e.person_id "
            "WHERE p.uuid = ? AND e.source = 'kiosk' ORDER BY e.at_utc DESC, e.id DESC LIMIT ?",
            (person_uuid, int(recent)),
        ).fetchall()
        margins = conn.execute(
            "SELECT r.margin, r.status FROM review_items r JOIN persons p ON p.id = r.person_id "
            "WHERE p.uuid = ? ORDER BY r.at_utc DESC, r.id DESC LIMIT ?",
            (person_uuid, int(recent)),
        ).fetchall()
        refresh = conn.execute(
            "SELECT count(*), max(t.created_at) FROM templates t JOIN persons p ON p.id = t.person_id "
            "WHERE p.uuid = ? AND t.kind = ?",
            (person_uuid, KIND_REFRESH),
        ).fetchone()
    return HealthRow(
        person_uuid,
        tuple(float(r[0]) for r in scores),
        tuple(float(r[0]) for r in margins),
        sum(1 for r in margins if r[1] == OPEN),
        int(refresh[0]),
        opt_from_db(refresh[1]),
    )


def person_review_data(store: Store, person_uuid: str) -> tuple[list[ReviewItem], int]:
    """The review items about one person and how many "Not me" negatives are held for them (GDPR export)."""
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {_ITEM_COLS} FROM review_items r JOIN persons p ON p.id = r.person_id WHERE p.uuid = ? "
            "ORDER BY r.at_utc, r.id",
            (person_uuid,),
        ).fetchall()
        negatives = conn.execute(
            "SELECT count(*) FROM recognition_negatives n JOIN persons p ON p.id = n.person_id "
            "WHERE p.uuid = ?",
            (person_uuid,),
        ).fetchone()[0]
    return [_item(r) for r in rows], int(negatives)
