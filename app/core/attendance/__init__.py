"""The kiosk use case: tracks of recognised faces → check-in/out events under the attendance rules.

Qt-free, one module per role: clock (time and zones) · rules (debounce, direction, lateness) ·
track_liveness (evidence per track) · events (what the kiosk shows) · service (the per-frame loop) ·
kiosk (the kiosk window's façade).
"""

from app.core.attendance.events import FrameDecisions, KioskEvent, TrackView, greeting_text
from app.core.attendance.kiosk import ExitCheck, KioskBackend, load_passive
from app.core.attendance.rules import AttendanceRules, Outcome
from app.core.attendance.service import AttendanceService

__all__ = [
    "AttendanceRules",
    "AttendanceService",
    "ExitCheck",
    "FrameDecisions",
    "KioskBackend",
    "KioskEvent",
    "Outcome",
    "TrackView",
    "greeting_text",
    "load_passive",
]
