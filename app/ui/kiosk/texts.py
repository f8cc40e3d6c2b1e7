"""What the kiosk screen says and in which colours: the instruction band for the faces in view, the greeting
card for a decision, the status row's words, the spoken sentence. Geometry is app/ui/kiosk/layout.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from app.core.attendance.events import KioskEvent, TrackView, part_of_day
from app.core.attendance.rules import Outcome
from app.ui.common.core_texts import core_text
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

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
    "low_light": AMBER,
    "too_far": AMBER,
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
    hint: str = QT_TRANSLATE_NOOP("Kiosk", "Esc: admin exit")


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
    name = (
        event.person.name if event.person is not None and event.person.name else translate("Kiosk", "Welcome")
    )
    at = f"{event.at_local:%H:%M}"
    if event.outcome == Outcome.UNKNOWN:
        return Card(
            translate("Kiosk", "Sorry"),
            translate("Kiosk", "Not recognised"),
            translate("Kiosk", "Please try again, or see the front desk"),
            ORANGE,
            False,
            False,
        )
    if event.outcome == Outcome.ALREADY:
        detail = translate("Kiosk", "Already registered")
        if event.event is not None:
            previous = f"{event.event.at_utc.astimezone(event.at_local.tzinfo):%H:%M}"
            if str(event.event.direction) == "in":
                detail = translate("Kiosk", "Already checked in at {time}").format(time=previous)
            else:
                detail = translate("Kiosk", "Already checked out at {time}").format(time=previous)
        return Card(translate("Kiosk", "Hello again"), name, detail, GREY)
    if event.outcome == Outcome.CHECKED_OUT:
        return Card(
            translate("Kiosk", "Goodbye"),
            name,
            translate("Kiosk", "Checked out at {time}").format(time=at),
            BLUE,
        )
    return Card(
        core_text(part_of_day(event.at_local)),
        name,
        translate("Kiosk", "Checked in at {time}").format(time=at),
        GREEN,
        late=event.late,
    )


def spoken_text(event: KioskEvent) -> str:
    """A short sentence for the optional spoken greeting."""
    first = event.person.name.split()[0] if event.person is not None and event.person.name else ""
    if event.outcome == Outcome.UNKNOWN:
        return translate("Kiosk", "Not recognised. Please try again.")
    if event.outcome == Outcome.CHECKED_OUT:
        return translate("Kiosk", "Goodbye, {name}.").format(name=first)
    if event.outcome == Outcome.ALREADY:
        return translate("Kiosk", "Hello again, {name}.").format(name=first)
    return translate("Kiosk", "{greeting}, {name}.").format(
        greeting=core_text(part_of_day(event.at_local)), name=first
    )


# --- the instruction band: what each track state asks of the person -----------------------------------
IDLE = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Look at the camera"),
    QT_TRANSLATE_NOOP("Kiosk", "Stand in front of the screen, face inside the oval"),
)
CHECKING = Band(QT_TRANSLATE_NOOP("Kiosk", "Hold still…"), QT_TRANSLATE_NOOP("Kiosk", "Checking who you are"))
BLINK = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Please blink"),
    QT_TRANSLATE_NOOP("Kiosk", "Blink once, so the camera knows you are really here"),
    QColor(150, 100, 0, 220),
)
AMBIGUOUS = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Please look at the camera"),
    QT_TRANSLATE_NOOP("Kiosk", "Face the screen directly, one person at a time"),
    QColor(150, 100, 0, 220),
)
LOW_LIGHT = Band(
    QT_TRANSLATE_NOOP("Kiosk", "More light, please"),
    QT_TRANSLATE_NOOP("Kiosk", "The camera image is too dark to check that you are really here"),
    QColor(150, 100, 0, 220),
)
TOO_FAR = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Come closer"),
    QT_TRANSLATE_NOOP("Kiosk", "Step up to the screen, face inside the oval"),
    QColor(150, 100, 0, 220),
)
UNKNOWN = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Not recognised"),
    QT_TRANSLATE_NOOP("Kiosk", "Please try again, or see the front desk"),
    QColor(170, 80, 20, 225),
)
SPOOF = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Not accepted"),
    QT_TRANSLATE_NOOP("Kiosk", "Please see the front desk"),
    QColor(160, 40, 35, 225),
)
THANKS = Band(
    QT_TRANSLATE_NOOP("Kiosk", "Thank you"),
    QT_TRANSLATE_NOOP("Kiosk", "Have a good day"),
    QColor(20, 110, 60, 200),
)
BLINK_AFTER_S = 0.8  # a matched face waiting for liveness this long is asked to blink


def band_for(tracks: list[TrackView], waiting_s: float) -> Band:
    """The band for the faces in view, in the UI's language (see _band_for)."""
    band = _band_for(tracks, waiting_s)
    return Band(
        translate("Kiosk", band.title), translate("Kiosk", band.subtitle) if band.subtitle else "", band.tone
    )


def _band_for(tracks: list[TrackView], waiting_s: float) -> Band:
    """The band for the faces in view. `waiting_s`: how long a recognised face has waited for liveness.
    A state this kiosk does not know (e.g. one a newer recogniser adds) shows its label text as it is."""
    if not tracks:
        return IDLE
    order = ("spoof", "unknown", "ambiguous", "low_light", "pending", "too_far", "live", "known")
    track = min(tracks, key=lambda t: order.index(t.state) if t.state in order else -1)
    state = track.state
    if state == "spoof":
        return SPOOF
    if state == "unknown":
        return UNKNOWN
    if state == "ambiguous":
        return AMBIGUOUS
    if state == "low_light":
        return LOW_LIGHT
    if state == "too_far":
        return TOO_FAR
    if state == "pending":
        return BLINK if track.label and waiting_s >= BLINK_AFTER_S else CHECKING
    if state in ("live", "known"):
        return THANKS if state == "known" else CHECKING
    text = track.label or state.replace("_", " ").strip().capitalize()
    return Band(text, "", QColor(0, 0, 0, 170))
