"""Adapter: the encrypted store (app/core/storage) as an `EventSource` and `CorrectionSink`.

It only calls the store's public methods (no SQL here). The store is duck-typed through `StoreLike` so this
module does not import the storage package.

Correction mapping: VOID -> `store.correct_event(voided=True)` (the store's correction row and audit entry
keep the before/after values). EDIT -> the original is voided the same way and the corrected event is added
as a new "manual" event (the original row stays), plus an audit entry. ADD -> a new "manual" event plus an
audit entry. Caveat: for EDIT/ADD the void, insert and audit are separate store transactions; a single
`store.apply_correction(plan)` transaction would make them atomic (to add on the store side).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.core.records import AttendanceEvent, Correction, Direction, Person
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

    def add_event(self, event: AttendanceEvent) -> int: ...

    def correct_event(
        self,
        event_uuid: str,
        actor: str,
        reason: str,
        *,
        direction: Direction | None = None,
        at_utc: datetime | None = None,
        voided: bool | None = None,
    ) -> AttendanceEvent: ...

    def append_audit(self, actor: str, action: str, details: dict[str, Any] | None = None) -> Any: ...


@dataclass
class StoreEventSource:
    store: StoreLike

    def persons(self, active_only: bool = False) -> list[Person]:
        return self.store.list_persons(active_only=active_only)

    def events_between(self, start_utc: datetime, end_utc: datetime) -> Sequence[AttendanceEvent]:
        return self.store.list_events(start_utc, end_utc, include_voided=True)

    def apply_correction(self, correction: Correction) -> CorrectionEffect:
        original = (
            self.store.get_event(correction.target_event_uuid) if correction.target_event_uuid else None
        )
        effect = plan_correction(correction, original)
        if effect.voided is not None:
            self.store.correct_event(effect.voided.uuid, correction.actor, correction.reason, voided=True)
        if effect.added is not None:
            self.store.add_event(effect.added)
            self.store.append_audit(
                correction.actor,
                f"event.correction.{correction.action}",
                {
                    "correction": correction.uuid,
                    "reason": correction.reason,
                    "replaces": correction.target_event_uuid,
                    "event": effect.added.uuid,
                    "person": effect.added.person_uuid,
                    "at_utc": effect.added.at_utc.isoformat(),
                    "direction": str(effect.added.direction),
                },
            )
        log.info(
            "correction %s (%s) by %s applied to the store",
            correction.uuid,
            correction.action,
            correction.actor,
        )
        return effect
