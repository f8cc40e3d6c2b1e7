"""Adapter: the encrypted store (app/core/storage) as an `EventSource` and `CorrectionSink`.

It only calls the store's public methods (no SQL here). The store is duck-typed through `StoreLike` so this
module does not import the storage package.

Correction mapping (`plan_correction` says what; `store.write_correction` writes it in ONE transaction, all or
nothing): VOID -> the original is voided and kept (the store's correction row and "event.correct" audit entry
keep the before/after values). EDIT -> the same, plus the corrected event added as a new "manual" event and an
"event.correction.edit" audit entry. ADD -> a new "manual" event plus an "event.correction.add" audit entry.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.core.records import AttendanceEvent, Correction, Person, UnknownFace
from app.core.reports.corrections import CorrectionEffect, plan_correction

log = logging.getLogger(__name__)


class StoreLike(Protocol):
    def list_persons(self, active_only: bool = False) -> list[Person]: ...

    def list_events(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        person_uuid: str | None = None,
        include_voided: bool = False,
    ) -> list[AttendanceEvent]: ...

    def get_event(self, event_uuid: str) -> AttendanceEvent | None: ...

    def list_unknown_faces(self, since: datetime | None = None, limit: int = 1000) -> list[UnknownFace]: ...

    def count_unknown_faces(self, since: datetime) -> int: ...

    def change_stamp(self) -> tuple[int, int]: ...

    def write_correction(
        self,
        actor: str,
        reason: str,
        *,
        void_uuid: str | None = None,
        added: AttendanceEvent | None = None,
        action: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None: ...


@dataclass
class StoreEventSource:
    store: StoreLike

    def persons(self, active_only: bool = False) -> list[Person]:
        return self.store.list_persons(active_only=active_only)

    def events_between(self, start_utc: datetime, end_utc: datetime) -> Sequence[AttendanceEvent]:
        return self.store.list_events(start_utc, end_utc, include_voided=True)

    def unknown_faces_since(self, since_utc: datetime, limit: int) -> list[UnknownFace]:
        """The newest `limit` unknown-face events at or after `since_utc` (the Today board)."""
        return self.store.list_unknown_faces(since_utc, limit)

    def count_unknown_faces(self, since_utc: datetime) -> int:
        return self.store.count_unknown_faces(since_utc)

    def change_stamp(self) -> tuple[int, int]:
        """Differs once anything was committed, by this process or another (app/core/reports/today.py)."""
        return self.store.change_stamp()

    def apply_correction(self, correction: Correction) -> CorrectionEffect:
        original = (
            self.store.get_event(correction.target_event_uuid) if correction.target_event_uuid else None
        )
        effect = plan_correction(correction, original)
        details: dict[str, Any] | None = None
        if effect.added is not None:
            details = {
                "correction": correction.uuid,
                "reason": correction.reason,
                "replaces": correction.target_event_uuid,
                "event": effect.added.uuid,
                "person": effect.added.person_uuid,
                "at_utc": effect.added.at_utc.isoformat(),
                "direction": str(effect.added.direction),
            }
        self.store.write_correction(
            correction.actor,
            correction.reason,
            void_uuid=effect.voided.uuid if effect.voided is not None else None,
            added=effect.added,
            action=f"event.correction.{correction.action}" if details is not None else None,
            details=details,
        )
        log.info(
            "correction %s (%s) by %s applied to the store",
            correction.uuid,
            correction.action,
            correction.actor,
        )
        return effect
