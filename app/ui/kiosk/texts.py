"""What the kiosk screen says and in which colours: the instruction band for the faces in view, the greeting
card for a decision, the status row's words, the spoken sentence. Geometry is app/ui/kiosk/layout.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from app.core.attendance.events import KioskEvent, TrackView, part_of_day
from app.core.attendance.rules import Outcome

WHITE = QColor(255, 255, 255)
SOFT = QColor(200, 208, 216)
QUIET = QColor(168, 176, 184)
LINK = QColor(138, 180, 248)
GREEN = QColor(47, 184, 106)
BLUE = QColor(61, 139, 253)
AMBER = QColor(242, 169, 0)
ORANGE = QColor(240, 138, 36)
RED = QColor(230, 70, 60)
GREY = QColor(120, 128, 136)
STATE_COLOURS = {
    "known": GREEN,
    "live": GREEN,
    "pending": AMBER,
    "ambiguous": AMBER,
    "spoof": RED,
    "unknown": ORANGE,
}


@dataclass(frozen=True)
class Band:
    """The instruction strip above the status row: what the kiosk waits for or asks."""

    title: str
    subtitle: str = ""
    tone: QColor = field(default_factory=lambda: QColor(0, 0, 0, 170))


@dataclass(frozen=True)
class Status:
    """The quiet status row: (word, dot colour) for camera, database, sync and liveness."""

    items: tuple[tuple[str, QColor], ...]
    hint: str = "Esc: admin exit"


@dataclass(frozen=True)
class Card:
    """The greeting card's content, from one KioskEvent."""

    greeting: str
    name: str
    detail: str
    colour: QColor
    late: bool = False
    not_you: bool = True


def card_for(event: KioskEvent) -> Card:
    """What the card says for a decision (the full name: the face-box label may be elided, this never)."""
    name = event.person.name if event.person is not None and event.person.name else "Welcome"
    at = f"{event.at_local:%H:%M}"
    if event.outcome == Outcome.UNKNOWN:
        return Card(
            "Sorry", "Not recognised", "Please try again, or see the front desk", ORANGE, False, False
        )
    if event.outcome == Outcome.ALREADY:
        detail = "Already registered"
        if event.event is not None:
            previous = event.event.at_utc.astimezone(event.at_local.tzinfo)
            verb = "in" if str(event.event.direction) == "in" else "out"
            detail = f"Already checked {verb} at {previous:%H:%M}"
        return Card("Hello again", name, detail, GREY)
    if event.outcome == Outcome.CHECKED_OUT:
        return Card("Goodbye", name, f"Checked out at {at}", BLUE)
    return Card(part_of_day(event.at_local), name, f"Checked in at {at}", GREEN, late=event.late)


def spoken_text(event: KioskEvent) -> str:
    """A short sentence for the optional spoken greeting."""
    first = event.person.name.split()[0] if event.person is not None and event.person.name else ""
    if event.outcome == Outcome.UNKNOWN:
        return "Not recognised. Please try again."
    if event.outcome == Outcome.CHECKED_OUT:
        return f"Goodbye, {first}."
    if event.outcome == Outcome.ALREADY:
        return f"Hello again, {first}."
    return f"{part_of_day(event.at_local)}, {first}."


# --- the instruction band: what each track state asks of the person -----------------------------------
IDLE = Band("Look at the camera", "Stand in front of the screen, face inside the oval")
CHECKING = Band("Hold still…", "Checking who you are")
BLINK = Band("Please blink", "Blink once, so the camera knows you are really here", QColor(150, 100, 0, 220))
AMBIGUOUS = Band(
    "Please look at the camera", "Face the screen directly, one person at a time", QColor(150, 100, 0, 220)
)
UNKNOWN = Band("Not recognised", "Please try again, or see the front desk", QColor(170, 80, 20, 225))
SPOOF = Band("Not accepted", "Please see the front desk", QColor(160, 40, 35, 225))
THANKS = Band("Thank you", "Have a good day", QColor(20, 110, 60, 200))
BLINK_AFTER_S = 0.8  # a matched face waiting for liveness this long is asked to blink


def band_for(tracks: list[TrackView], waiting_s: float) -> Band:
    """The band for the faces in view. `waiting_s`: how long a recognised face has waited for liveness.
    A state this kiosk does not know (e.g. one a newer recogniser adds) shows its label text as it is."""
    if not tracks:
        return IDLE
    order = ("spoof", "unknown", "ambiguous", "pending", "live", "known")
    track = min(tracks, key=lambda t: order.index(t.state) if t.state in order else -1)
    state = track.state
    if state == "spoof":
        return SPOOF
    if state == "unknown":
        return UNKNOWN
    if state == "ambiguous":
        return AMBIGUOUS
    if state == "pending":
        return BLINK if track.label and waiting_s >= BLINK_AFTER_S else CHECKING
    if state in ("live", "known"):
        return THANKS if state == "known" else CHECKING
    text = track.label or state.replace("_", " ").strip().capitalize()
    return Band(text, "", QColor(0, 0, 0, 170))
