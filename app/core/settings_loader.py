"""The ONE effective-settings loader: defaults → the values saved on the Settings page (in the database)
→ the work schedule HR saved. The GUI, the kiosk (AppContext.open) and every CLI command that reads the
database use it, so a retention period or an organisation name chosen on the Settings page holds for
`faceattend person retention` and `faceattend report` too.

    settings = effective_settings(store)                      # a fresh Settings with the saved values
    apply_saved_settings(store, ctx.settings, ctx.enrolment)   # in place (AppContext.open)

Unknown or ill-typed saved values are ignored with a warning (defaults apply), and so is a damaged work
schedule: a bad value never keeps the application from opening.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from app.core.schedule.work_schedule import ScheduleError, SettingsStore, load_schedule
from app.core.settings import Settings

if TYPE_CHECKING:  # not at run time: the CLI loads settings without the vision stack
    from app.core.enrolment.session import EnrolmentSettings

log = logging.getLogger(__name__)

# Settings the desktop Settings page persists in the database (key in the store -> (section, field)).
PERSISTED_SETTINGS: dict[str, tuple[str, str]] = {
    "enrolment.frames": ("enrolment", "frames"),
    "reports.organisation_name": ("reports", "organisation_name"),
    "privacy.attendance_retention_days": ("privacy", "attendance_retention_days"),
    "privacy.unknown_face_retention_days": ("privacy", "unknown_face_retention_days"),
    "privacy.inactive_template_retention_days": ("privacy", "inactive_template_retention_days"),
    "privacy.erasure_events": ("privacy", "erasure_events"),
    "recognition.target_fpir": ("recognition", "target_fpir"),  # open-set: strangers accepted per decision
    "images.max_pixels": ("images", "max_pixels"),  # the decompression-bomb ceiling for photos
}
STORE_PREFIX = "ui."  # the key of a persisted setting in the store's settings table


LIVENESS_LEVELS = ("off", "lenient", "balanced", "strict")  # weakest first


def weakens_liveness(requested: str, configured: str) -> bool:
    """True when `requested` is a weaker liveness level than `configured` ("off" is the weakest): such a
    change needs an administrator and is audited with its value."""
    try:
        return LIVENESS_LEVELS.index(requested) < LIVENESS_LEVELS.index(configured)
    except ValueError:
        return True  # an unknown level is never trusted as "not weaker"


def section_of(settings: Settings, enrolment: EnrolmentSettings | None, name: str) -> Any:
    """The object holding a persisted setting's section (None: enrolment settings not wanted)."""
    return enrolment if name == "enrolment" else getattr(settings, name)


def apply_saved_settings(
    store: SettingsStore, settings: Settings, enrolment: EnrolmentSettings | None = None
) -> Settings:
    """Overlay the saved Settings-page values, then the saved work schedule, on `settings` (in place;
    returned for convenience). `enrolment` receives the enrolment values (None: they are skipped)."""
    for key, (section, attr) in PERSISTED_SETTINGS.items():
        holder = section_of(settings, enrolment, section)
        value = store.get_setting(f"{STORE_PREFIX}{key}")
        if value is None or holder is None:
            continue
        current = getattr(holder, attr)
        if type(value) is type(current):
            setattr(holder, attr, value)
        else:
            log.warning("ignored persisted setting %s=%r", key, value)
    try:
        schedule = load_schedule(store)
    except ScheduleError as exc:  # a damaged value must not keep the app from opening: defaults apply
        log.warning("ignored the saved work schedule: %s", exc)
        schedule = None
    if schedule is not None:
        schedule.apply(settings.reports)
    return settings


def effective_settings(store: SettingsStore, base: Settings | None = None) -> Settings:
    """The settings in force for this database: `base` (default: Settings()) with the saved values."""
    return apply_saved_settings(store, base if base is not None else Settings())
