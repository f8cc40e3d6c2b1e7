"""Where the report service gets its data: small Protocols the store will satisfy, and an in-memory source.

Hook-up: the SQLCipher store (app/core/storage/) implements `EventSource` (and, for
speed, `event_columns_between`) and `CorrectionSink`; until then the CLI and the tests use
`InMemoryEventSource`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from app.core.records import AttendanceEvent, Correction, Person
from app.core.reports.corrections import CorrectionEffect, apply_corrections
from app.core.reports.model import EventColumns

log = logging.getLogger(__name__)


@runtime_checkable
class EventSource(Protocol):
    def persons(self, active_only: bool = False) -> list[Person]:
        """All known people (or only the active ones)."""
        ...

    def events_between(self, start_utc: datetime, end_utc: datetime) -> Sequence[AttendanceEvent]:
        """Every event with start_utc <= at_utc < end_utc, voided ones included (the report skips them)."""
        ...


@runtime_checkable
class ColumnarEventSource(EventSource, Protocol):
    def event_columns_between(self, start_utc: datetime, end_utc: datetime) -> EventColumns:
        """The same events as arrays; a store can fill them straight from a cursor (no object per event)."""
        ...


@runtime_checkable
class CorrectionSink(Protocol):
    def apply_correction(self, correction: Correction) -> CorrectionEffect:
        """Validate and apply one correction (see corrections.plan_correction), store the Correction and an
        audit entry (actor, reason, before/after) in one transaction, and return what was written."""
        ...


@dataclass
class AuditEntry:
    at_utc: datetime
    actor: str
    action: str
    detail: str


@dataclass
class InMemoryEventSource:
    """A list of people and events; satisfies EventSource, ColumnarEventSource and CorrectionSink."""

    _persons: list[Person]
    _events: list[AttendanceEvent] = field(default_factory=list)
    _columns: EventColumns | None = None
    corrections: list[Correction] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)

    @classmethod
    def from_columns(cls, persons: list[Person], columns: EventColumns) -> InMemoryEventSource:
        """A source that serves columns directly (the benchmark's 1M events never become objects)."""
        return cls(persons, [], columns)

    def persons(self, active_only: bool = False) -> list[Person]:
        return [p for p in self._persons if p.active or not active_only]

    def events_between(self, start_utc: datetime, end_utc: datetime) -> Sequence[AttendanceEvent]:
        if self._columns is not None and not self._events:
            self._events = self._columns.to_events()
        return [e for e in self._events if start_utc <= e.at_utc < end_utc]

    def event_columns_between(self, start_utc: datetime, end_utc: datetime) -> EventColumns:
        if self._columns is None:
            self._columns = EventColumns.from_events(self._events)
        return self._columns.between(start_utc, end_utc)

    def apply_correction(self, correction: Correction) -> CorrectionEffect:
        if self._columns is not None and not self._events:
            self._events = self._columns.to_events()
        self._events, (effect,) = apply_corrections(self._events, [correction])
        self._columns = None  # rebuilt on the next columnar read
        self.corrections.append(effect.correction)
        self.audit.append(
            AuditEntry(
                correction.created_at_utc,
                correction.actor,
                f"correction.{correction.action}",
                f"{correction.reason} (event {correction.target_event_uuid or '-'}"
                f" -> {effect.correction.new_event_uuid or '-'})",
            )
        )
        return effect
