"""ScheduleService: the work schedule in force (shifts, holidays, zone) and its audited changes."""

from __future__ import annotations

from typing import Any

from app.core.app_core import AppCore
from app.core.policy.access import Action, Session
from app.core.schedule.work_schedule import SCHEDULE_KEY, WorkSchedule, save_schedule


class ScheduleService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    def work_schedule(self) -> WorkSchedule:
        """The schedule in force (a copy: edit it, then save_work_schedule)."""
        return WorkSchedule.from_settings(self._core.settings.reports)

    def is_saved(self, session: Session) -> bool:
        """False while the built-in defaults are in force (VIEW_REPORTS)."""
        self._core.authorise(session, Action.VIEW_REPORTS)
        return self._core.store.get_setting(SCHEDULE_KEY) is not None

    def save_work_schedule(
        self, session: Session, schedule: WorkSchedule, details: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Validate (ScheduleError with the reason), persist and put in force the work schedule
        (MANAGE_SCHEDULES: HR and admins), with one "schedule.change" audit entry of what changed (plus
        `details`). The settings are changed in place: reports and a kiosk running on this context use it
        at once; a kiosk in another process at its next start. Returns the changes ({} = nothing changed)."""
        core = self._core
        new, changes = save_schedule(core.store, session, schedule, self.work_schedule(), details)
        if changes:
            new.apply(core.settings.reports)
        return changes
