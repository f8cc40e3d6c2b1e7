"""SettingsService: the effective settings (app/core/settings_loader.py: defaults → Settings-page values
saved in the database → the work schedule, the same for the GUI, the kiosk and the CLI) and their audited
changes."""

from __future__ import annotations

from typing import Any

from app.core.app_core import AppCore
from app.core.policy.access import Action, Audit, Session
from app.core.settings_loader import PERSISTED_SETTINGS, apply_saved_settings, section_of


class SettingsService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    def _section(self, name: str) -> Any:
        return section_of(self._core.settings, self._core.enrolment, name)

    def setting_value(self, key: str) -> Any:
        section, attr = PERSISTED_SETTINGS[key]
        return getattr(self._section(section), attr)

    def load_persisted_settings(self) -> None:
        """The saved values, then the saved work schedule, on the context's settings (in place)."""
        apply_saved_settings(self._core.store, self._core.settings, self._core.enrolment)

    def save_settings(self, session: Session, values: dict[str, Any]) -> dict[str, Any]:
        """Persist changed Settings-page values (CHANGE_SETTINGS) with one "settings.change" audit entry.
        Returns {key: [old, new]} of what changed (nothing changed: no entry)."""
        core = self._core
        core.authorise(session, Action.CHANGE_SETTINGS)
        changed: dict[str, Any] = {}
        for key, value in values.items():
            section, attr = PERSISTED_SETTINGS[key]
            old = getattr(self._section(section), attr)
            if old == value:
                continue
            core.store.set_setting(f"ui.{key}", value)
            setattr(self._section(section), attr, value)
            changed[key] = [old, value]
        if changed:
            core.record(session, Audit.SETTINGS_CHANGE, changed)
        return changed
