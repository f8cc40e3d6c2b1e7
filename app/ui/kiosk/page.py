"""The Kiosk page of the main window: what a kiosk launched from here will use (camera — webcam, network
camera, video —, check-in/out mode, liveness, greeting), the Launch button, and the last attendance events
(read through the AppContext). Changing the kiosk's settings needs CHANGE_SETTINGS and is written to the audit
log; they apply to kiosks launched from this window (`faceattend kiosk` takes --mode / --liveness)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.camera.credentials import is_network_spec
from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Audit, Session
from app.core.records import AttendanceEvent
from app.ui.access.dialogs import say
from app.ui.common.core_texts import describe_error, short_date
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.common.widgets import CameraPicker

log = logging.getLogger(__name__)

# (value, combo text, what it means: shown under the combo)
MODES = (
    (
        "auto",
        QT_TRANSLATE_NOOP("KioskPage", "Automatic"),
        QT_TRANSLATE_NOOP(
            "KioskPage", "A person's first visit of the day checks in, the next one checks out."
        ),
    ),
    (
        "in",
        QT_TRANSLATE_NOOP("KioskPage", "Check-in only"),
        QT_TRANSLATE_NOOP("KioskPage", "Every recognised visit is a check-in (an entrance)."),
    ),
    (
        "out",
        QT_TRANSLATE_NOOP("KioskPage", "Check-out only"),
        QT_TRANSLATE_NOOP("KioskPage", "Every recognised visit is a check-out (an exit)."),
    ),
)
LIVENESS = (
    (
        "balanced",
        QT_TRANSLATE_NOOP("KioskPage", "Balanced (recommended)"),
        QT_TRANSLATE_NOOP(
            "KioskPage", "A blink is needed (the kiosk asks for one); photos and screens are refused."
        ),
    ),
    (
        "strict",
        QT_TRANSLATE_NOOP("KioskPage", "Strict"),
        QT_TRANSLATE_NOOP(
            "KioskPage",
            "A blink and the anti-spoof model (when installed, at a stricter threshold) must agree.",
        ),
    ),
    (
        "lenient",
        QT_TRANSLATE_NOOP("KioskPage", "Lenient"),
        QT_TRANSLATE_NOOP(
            "KioskPage", "Only clear spoofs (photos, screens) are refused; nothing is asked of the person."
        ),
    ),
    (
        "off",
        QT_TRANSLATE_NOOP("KioskPage", "Off"),
        QT_TRANSLATE_NOOP("KioskPage", "No liveness check: a photo of an enrolled person can check in."),
    ),
)
LAST_EVENTS = 12
LOOKBACK_DAYS = 7
REFRESH_MS = 10_000
DIRECTION_TEXT = {
    "in": QT_TRANSLATE_NOOP("KioskPage", "Check-in"),
    "out": QT_TRANSLATE_NOOP("KioskPage", "Check-out"),
}
SOURCE_TEXT = {  # AttendanceEvent.source: where an event came from
    "kiosk": QT_TRANSLATE_NOOP("KioskPage", "kiosk"),
    "manual": QT_TRANSLATE_NOOP("KioskPage", "manual"),
    "import": QT_TRANSLATE_NOOP("KioskPage", "import"),
    "sync": QT_TRANSLATE_NOOP("KioskPage", "sync"),
}


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    heading = QLabel(title)
    heading.setObjectName("h2")
    layout.addWidget(heading)
    return card, layout


def _combo(choices: tuple[tuple[str, str, str], ...], name: str) -> tuple[QComboBox, QLabel]:
    """A combo box of short choices and the hint under it that says what the current one means."""
    box = QComboBox()
    box.setObjectName(name)
    for value, text, meaning in choices:
        box.addItem(translate("KioskPage", text), value)
        box.setItemData(box.count() - 1, translate("KioskPage", meaning), Qt.ItemDataRole.ToolTipRole)
    hint = QLabel("")
    hint.setObjectName("hint")
    hint.setWordWrap(True)
    box.currentIndexChanged.connect(
        lambda i: hint.setText(translate("KioskPage", choices[i][2]) if i >= 0 else "")
    )
    hint.setText(translate("KioskPage", choices[0][2]))
    return box, hint


class KioskPage(QWidget):
    """`launch_requested` when Launch is pressed (the main window starts the kiosk with `camera.spec`)."""

    launch_requested = Signal()

    def __init__(
        self, ctx: AppContext, session: Session, probe_cameras: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self._names: dict[str, str] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(20)
        outer.addWidget(self._setup_card(probe_cameras), 1)
        outer.addWidget(self._events_card(), 1)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh_events)
        self.load_settings()
        self.set_session(session)

    # --- the kiosk's setup -----------------------------------------------------------------------
    def _setup_card(self, probe_cameras: bool) -> QFrame:
        card, layout = _card(translate("KioskPage", "The kiosk will use"))
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.camera = CameraPicker(probe=probe_cameras, label=False)
        self.camera.setObjectName("kioskCamera")
        self.camera.changed.connect(lambda _spec: self._describe_camera())
        form.addRow(translate("KioskPage", "Camera"), self.camera)
        self.camera_note = QLabel("")
        self.camera_note.setObjectName("hint")
        self.camera_note.setWordWrap(True)
        form.addRow("", self.camera_note)
        self.mode_box, self.mode_hint = _combo(MODES, "kioskMode")
        form.addRow(translate("KioskPage", "Check-in / out"), self.mode_box)
        form.addRow("", self.mode_hint)
        self.liveness_box, self.liveness_hint = _combo(LIVENESS, "kioskLiveness")
        form.addRow(translate("KioskPage", "Liveness"), self.liveness_box)
        form.addRow("", self.liveness_hint)
        self.greeting_spin = QDoubleSpinBox()
        self.greeting_spin.setObjectName("kioskGreetingSeconds")
        self.greeting_spin.setRange(1.0, 30.0)
        self.greeting_spin.setSingleStep(0.5)
        self.greeting_spin.setDecimals(1)
        self.greeting_spin.setSuffix(" s")
        self.greeting_spin.setMaximumWidth(140)
        form.addRow(translate("KioskPage", "Greeting shown for"), self.greeting_spin)
        self.sound_check = QCheckBox(translate("KioskPage", "Sound cue on check-in / out"))
        form.addRow("", self.sound_check)
        self.speak_check: QCheckBox | None = None
        if hasattr(self.ctx.settings.kiosk, "speak_greeting"):  # where the kiosk screen can speak
            self.speak_check = QCheckBox(translate("KioskPage", "Say the greeting aloud"))
            self.speak_check.setToolTip(
                translate("KioskPage", "Where the computer has a speech engine; silent otherwise")
            )
            form.addRow("", self.speak_check)
        layout.addLayout(form)
        self.permission_note = QLabel(translate("KioskPage", "Only an administrator may change these."))
        self.permission_note.setObjectName("hint")
        self.permission_note.setWordWrap(True)
        layout.addWidget(self.permission_note)
        layout.addSpacing(8)
        row = QHBoxLayout()
        self.launch_button = QPushButton(translate("KioskPage", "Launch kiosk"))
        self.launch_button.setObjectName("kioskLaunch")
        self.launch_button.setToolTip(
            translate("KioskPage", "Full screen; leaving it asks for an administrator's PIN")
        )
        self.launch_button.clicked.connect(self._launch_clicked)
        row.addWidget(self.launch_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("message")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        return card

    def _describe_camera(self) -> None:
        spec = self.camera.spec
        if spec == "demo":
            text = translate("KioskPage", "The demo camera is a photo: liveness is never checked on it.")
        elif is_network_spec(spec):
            text = translate(
                "KioskPage",
                "Network camera: if it drops, the kiosk reconnects by itself and says so on screen.",
            )
        else:
            text = ""
        self.camera_note.setText(text)
        self.camera_note.setVisible(bool(text))

    def load_settings(self) -> None:
        """Show the values in force."""
        attendance, kiosk = self.ctx.settings.attendance, self.ctx.settings.kiosk
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(attendance.mode)))
        self.liveness_box.setCurrentIndex(max(0, self.liveness_box.findData(attendance.liveness)))
        self.greeting_spin.setValue(float(kiosk.greeting_seconds))
        self.sound_check.setChecked(bool(kiosk.sound))
        if self.speak_check is not None:
            self.speak_check.setChecked(bool(getattr(kiosk, "speak_greeting", False)))
        self._describe_camera()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "attendance.mode": str(self.mode_box.currentData()),
            "attendance.liveness": str(self.liveness_box.currentData()),
            "kiosk.greeting_seconds": round(float(self.greeting_spin.value()), 1),
            "kiosk.sound": self.sound_check.isChecked(),
        }
        if self.speak_check is not None:
            values["kiosk.speak_greeting"] = self.speak_check.isChecked()
        return values

    def apply_settings(self) -> dict[str, Any]:
        """Put the page's values in force for kiosks launched from here; changes are audited
        (settings.change, scope "kiosk"). Returns {key: [old, new]}; PermissionDenied without the right."""
        changed: dict[str, Any] = {}
        for key, value in self.values().items():
            section, attr = key.split(".")
            old = getattr(getattr(self.ctx.settings, section), attr)
            if old != value:
                changed[key] = [old, value]
        if not changed:
            return changed
        self.session.require(Action.CHANGE_SETTINGS)
        for key, (_old, new) in changed.items():
            section, attr = key.split(".")
            setattr(getattr(self.ctx.settings, section), attr, new)
        self.ctx.record(self.session, Audit.SETTINGS_CHANGE, {"scope": "kiosk", **changed})
        return changed

    def _launch_clicked(self) -> None:
        try:
            self.apply_settings()
        except FaceAttendError as exc:
            say(self.status, describe_error(exc), "fail")
            self.load_settings()
            return
        self.launch_requested.emit()

    def set_session(self, session: Session) -> None:
        self.session = session
        allowed = session.can(Action.CHANGE_SETTINGS)
        widgets: list[QWidget] = [self.mode_box, self.liveness_box, self.greeting_spin, self.sound_check]
        if self.speak_check is not None:
            widgets.append(self.speak_check)
        for widget in widgets:
            widget.setEnabled(allowed)
        self.permission_note.setVisible(not allowed)
        self.launch_button.setEnabled(session.can(Action.RUN_KIOSK))
        if not allowed:
            self.load_settings()

    # --- the last events -------------------------------------------------------------------------
    def _events_card(self) -> QFrame:
        card, layout = _card(translate("KioskPage", "Last check-ins and check-outs"))
        self.events_table = QTableWidget(0, 4)
        self.events_table.setObjectName("kioskEvents")
        self.events_table.setHorizontalHeaderLabels(
            [
                translate("KioskPage", "Time"),
                translate("KioskPage", "Name"),
                translate("KioskPage", "Event"),
                translate("KioskPage", "Via"),
            ]
        )
        self.events_table.verticalHeader().hide()
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.events_table.setAlternatingRowColors(True)
        self.events_table.setWordWrap(False)
        header = self.events_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.events_table.setMinimumHeight(200)
        layout.addWidget(self.events_table, 1)
        row = QHBoxLayout()
        self.events_note = QLabel("")
        self.events_note.setObjectName("hint")
        self.events_note.setWordWrap(True)
        row.addWidget(self.events_note, 1)
        refresh = QPushButton(translate("KioskPage", "Refresh"))
        refresh.clicked.connect(self.refresh_events)
        row.addWidget(refresh, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        return card

    def recent_events(self, limit: int = LAST_EVENTS) -> list[AttendanceEvent]:
        """The newest `limit` events of the last week (voided ones left out), newest first."""
        since = datetime.now(UTC) - timedelta(days=LOOKBACK_DAYS)
        events = self.ctx.list_events(start=since, include_voided=False)
        return list(reversed(events[-limit:]))

    def _name(self, person_uuid: str) -> str:
        if person_uuid not in self._names:
            self._names = {p.uuid: p.name for p in self.ctx.list_persons()}
        return self._names.get(person_uuid) or translate("KioskPage", "(erased or unknown person)")

    def refresh_events(self) -> None:
        try:
            events = self.recent_events()
        except FaceAttendError as exc:
            self.events_note.setText(
                translate("KioskPage", "The events cannot be read: {0}").format(describe_error(exc))
            )
            return
        table = self.events_table
        table.setRowCount(len(events))
        today = datetime.now(UTC).astimezone().date()
        for row, event in enumerate(events):
            local = _local(event)
            when = f"{local:%H:%M}"
            if (
                local.date() != today
            ):  # "Thu 2026-12-03 08:40" / "Do. 03.12.2026 08:40" / "木 2026/12/03 08:40"
                day = QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
                when = f"{day} {short_date(local.date())} {when}"
            direction = translate("KioskPage", DIRECTION_TEXT.get(str(event.direction), str(event.direction)))
            if event.late:
                direction += translate("KioskPage", " (late)")
            source = (
                translate("KioskPage", SOURCE_TEXT[event.source])
                if event.source in SOURCE_TEXT
                else event.source
            )
            cells = (when, self._name(event.person_uuid), direction, source)
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        if events:
            self.events_note.setText(
                translate(
                    "KioskPage", "Newest {0} of the last {LOOKBACK_DAYS} days; refreshed every {1} s."
                ).format(len(events), REFRESH_MS // 1000, LOOKBACK_DAYS=LOOKBACK_DAYS)
            )
        else:
            self.events_note.setText(
                translate("KioskPage", "No check-in or check-out in the last {LOOKBACK_DAYS} days.").format(
                    LOOKBACK_DAYS=LOOKBACK_DAYS
                )
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh_events()
        self.refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.refresh_timer.stop()
        super().hideEvent(event)


def _local(event: AttendanceEvent) -> datetime:
    try:
        return (
            event.at_utc.astimezone(ZoneInfo(event.tz_name)) if event.tz_name else event.at_utc.astimezone()
        )
    except (ZoneInfoNotFoundError, ValueError):
        return event.at_utc.astimezone()
