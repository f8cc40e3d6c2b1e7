"""What the kiosk shows and plays: one KioskEvent per decision with its greeting, and the face boxes
with their current labels for the preview overlay."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt

from app.core.attendance.rules import Outcome
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace


@dataclass
class KioskEvent:
    """What the kiosk shows and plays for one decision."""

    outcome: Outcome
    track_id: int
    at_utc: datetime
    at_local: datetime
    person: Person | None = None
    direction: Direction | None = None
    late: bool = False
    match_score: float = 0.0
    liveness_score: float = 0.0
    event: AttendanceEvent | None = None  # the stored (or, for ALREADY, the previous) event
    unknown: UnknownFace | None = None
    # The decision behind it ("Not me" keeps `embedding` as a negative; the review queue shows the scores).
    embedding: npt.NDArray[np.float32] | None = None  # the track's fused embedding (never an image)
    margin: float = 0.0  # best − second best
    threshold: float = 0.0  # the calibrated similarity in use
    doubts: list[str] = field(default_factory=list)  # app/core/attendance/doubt.py reasons
    refreshed: bool = False  # the person's template was refreshed after this check-in

    @property
    def greeting(self) -> str:
        return greeting_text(self)


@dataclass
class TrackView:
    """A face box and its current label, for the preview overlay."""

    track_id: int
    box: tuple[float, float, float, float]
    label: str
    # pending | low_light (pending: too dark to judge) | too_far (pending: the face too small to recognise)
    # | live | spoof | known | unknown | ambiguous
    state: str


@dataclass
class FrameDecisions:
    events: list[KioskEvent]
    tracks: list[TrackView]


def part_of_day(local: datetime) -> str:
    if local.hour < 5 or local.hour >= 18:
        return "Good evening"
    return "Good morning" if local.hour < 12 else "Good afternoon"


def greeting_text(ev: KioskEvent) -> str:
    if ev.outcome == Outcome.UNKNOWN:
        return "Face not recognised — please see an administrator"
    name = ev.person.name.split()[0] if ev.person and ev.person.name else "there"
    if ev.outcome == Outcome.ALREADY and ev.event is not None:
        previous = ev.event.at_utc.astimezone(ev.at_local.tzinfo)
        verb = "checked in" if ev.event.direction == Direction.IN else "checked out"
        return f"Hello {name} — already {verb} at {previous:%H:%M}"
    if ev.outcome == Outcome.CHECKED_OUT:
        return f"Goodbye, {name} — checked out {ev.at_local:%H:%M}"
    late = " (late)" if ev.late else ""
    return f"{part_of_day(ev.at_local)}, {name} — checked in {ev.at_local:%H:%M}{late}"
