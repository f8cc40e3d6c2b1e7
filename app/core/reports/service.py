"""ReportService: attendance records as the reports see them — the store as an EventSource, the events of a
person or a period, HR corrections (the original kept, voided), and the audit entry of an export."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.core.app_core import AppCore
from app.core.policy import access
from app.core.policy.access import Action, Audit, Session
from app.core.records import AttendanceEvent, Correction
from app.core.reports.store_source import StoreEventSource


class ReportService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    def source(self) -> StoreEventSource:
        """The open database as the reports' EventSource."""
        return StoreEventSource(self._core.store)

    def record_export(self, session: Session, details: dict[str, Any]) -> None:
        """The "report.export" audit entry of a written report (file name, format, period)."""
        self._core.record(session, Audit.REPORT_EXPORT, details)

    def list_events(
        self,
        person_uuid: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        include_voided: bool = True,
    ) -> list[AttendanceEvent]:
        return self._core.store.list_events(
            start, end, person_uuid=person_uuid, include_voided=include_voided
        )

    def event_corrections(self, event_uuid: str) -> list[Any]:
        return self._core.store.corrections(event_uuid)

    def correct_event(self, correction: Correction, session: Session) -> Any:
        """Apply an HR correction (CORRECT_EVENTS): the original is kept (voided), a replacement/added event
        is "manual", and the audit log records who, what and why. CorrectionError when the reason (or
        another field) is missing."""
        self._core.authorise(session, Action.CORRECT_EVENTS)
        with access.sealed(self._core.store):
            return self.source().apply_correction(correction)
