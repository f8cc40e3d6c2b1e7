"""Main window: a sidebar (Enrol, People, Kiosk, Reports, Settings), a top bar with the camera picker."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.context import AppContext, describe_error
from app.core.records import Person
from app.core.sources import DEMO_SPEC, open_source
from app.ui.enrol_view import EnrolView
from app.ui.import_dialog import ImportDialog
from app.ui.people_view import PeopleView
from app.ui.widgets import CameraPicker

log = logging.getLogger(__name__)

PAGES = ("Enrol", "People", "Kiosk", "Reports", "Settings")


def _page(title: str, body: QWidget | None = None) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 24, 24, 24)
    heading = QLabel(title)
    heading.setObjectName("h1")
    layout.addWidget(heading)
    if body is not None:
        layout.addWidget(body, 1)
    return page


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, probe_cameras: bool = True, source_spec: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"FaceAttend {__version__} — enrolment")
        self.resize(1280, 800)
        self.kiosk_window: QWidget | None = None

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        topbar = QFrame()
        topbar.setObjectName("topbar")
        top = QHBoxLayout(topbar)
        top.setContentsMargins(20, 10, 20, 10)
        title = QLabel("FaceAttend")
        title.setObjectName("appTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.camera_picker = CameraPicker(probe=probe_cameras)
        top.addWidget(self.camera_picker)
        outer.addWidget(topbar)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.addItems(list(PAGES))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.sidebar)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        spec = source_spec or self.camera_picker.spec
        if source_spec:
            self.camera_picker.set_spec(source_spec)
        self.enrol_view = EnrolView(ctx, spec)
        self.people_view = PeopleView(ctx)
        self.kiosk_page = self._kiosk_page()
        self.reports_page = _page("Reports")
        self.reports_page.setObjectName("reportsPage")
        self._reports_built = False
        self.settings_page = self._settings_page()
        for w in (self.enrol_view, self.people_view, self.kiosk_page, self.reports_page, self.settings_page):
            self.stack.addWidget(w)

        self.camera_picker.changed.connect(self.enrol_view.set_source)
        self.enrol_view.enrolled.connect(lambda _uuid: self.people_view.refresh())
        self.people_view.reenrol_requested.connect(self.reenrol)
        self.people_view.import_requested.connect(self.open_import)
        self.sidebar.currentRowChanged.connect(self.show_page)
        self.sidebar.setCurrentRow(0)

    # --- navigation ---
    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        name = PAGES[index]
        if name == "Enrol":
            self.enrol_view.activate()
        else:
            self.enrol_view.cancel_capture()
            self.enrol_view.deactivate()
        if name == "People":
            self.people_view.refresh()
        if name == "Reports":
            self._build_reports()

    def select_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def reenrol(self, person: Person) -> None:
        self.select_page("Enrol")
        self.enrol_view.prepare_reenrol(person)

    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.ctx, self)
        dialog.imported.connect(lambda _r: self.people_view.refresh())
        dialog.show()
        return dialog

    # --- kiosk (issue 6, another engineer's view: imported lazily) ---
    def _kiosk_page(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        text = QLabel(
            "The kiosk is the check-in screen for employees: it recognises enrolled people and records "
            "attendance. It opens full screen with the camera chosen above."
        )
        text.setWordWrap(True)
        text.setObjectName("hint")
        layout.addWidget(text)
        self.kiosk_button = QPushButton("Launch kiosk")
        self.kiosk_button.setObjectName("kioskLaunch")
        self.kiosk_button.clicked.connect(self.launch_kiosk)
        layout.addWidget(self.kiosk_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.kiosk_status = QLabel("")
        self.kiosk_status.setObjectName("message")
        layout.addWidget(self.kiosk_status)
        layout.addStretch(1)
        return _page("Kiosk", body)

    def launch_kiosk(self, windowed: bool = False) -> QWidget | None:
        """Opens app.ui.kiosk_view (issue 6): `launch_kiosk(ctx, source_spec, parent)` if it exists, else
        `KioskView(KioskBackend.from_context(ctx), source_factory)` started full screen. Absent or failing →
        a message, never a crash. The enrolment camera is released first (one camera user at a time)."""
        try:
            module: Any = importlib.import_module("app.ui.kiosk_view")
        except ImportError as exc:
            self.kiosk_status.setText(f"The kiosk is not available in this build ({exc.name}).")
            return None
        spec = self.camera_picker.spec
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()
        try:
            if hasattr(module, "launch_kiosk"):
                window = module.launch_kiosk(self.ctx, spec, self)
            else:
                attendance: Any = importlib.import_module("app.core.attendance")
                backend = attendance.KioskBackend.from_context(self.ctx)
                window = module.KioskView(backend, lambda: open_source(spec), windowed=windowed)
                window.start()
                screen = self.screen()
                if not windowed and screen is not None:  # full screen also without a window manager
                    window.setGeometry(screen.geometry())
        except Exception as exc:
            log.exception("kiosk failed to start")
            self.kiosk_status.setText(f"The kiosk could not start: {describe_error(exc)}")
            return None
        self.kiosk_window = window
        self.kiosk_status.setText("Kiosk running.")
        result: QWidget | None = window
        return result

    # --- reports (another engineer's view) ---
    def _build_reports(self) -> None:
        if self._reports_built:
            return
        self._reports_built = True
        layout = self.reports_page.layout()
        assert layout is not None
        try:
            from app.ui.reports_view import ReportsView, ReportsViewModel

            source = self.ctx.report_source()
            if source is None:
                raise ImportError("the store adapter for reports is not installed")
            view = ReportsView(ReportsViewModel(source, self.ctx.settings.reports, parent=self))
        except Exception as exc:
            log.exception("reports view failed")
            label = QLabel(f"Reports are not available: {describe_error(exc)}")
            label.setWordWrap(True)
            layout.addWidget(label)
            return
        layout.addWidget(view)

    # --- settings ---
    def _settings_page(self) -> QWidget:
        body = QFrame()
        body.setObjectName("card")
        form = QFormLayout(body)
        form.setContentsMargins(24, 24, 24, 24)
        form.setVerticalSpacing(14)
        ctx = self.ctx
        form.addRow("Data folder", QLabel(str(ctx.data_dir)))
        form.addRow("Face model", QLabel(f"{ctx.model_id} v{ctx.model_version}"))
        threshold = ctx.settings.recognition.match_threshold
        form.addRow("Match threshold", QLabel(f"distance {threshold:.2f}"))
        self.frames_spin = QSpinBox()
        self.frames_spin.setRange(3, 15)
        self.frames_spin.setValue(ctx.enrolment.frames)
        self.frames_spin.setMaximumWidth(120)
        self.frames_spin.valueChanged.connect(lambda v: setattr(ctx.enrolment, "frames", int(v)))
        form.addRow("Frames per enrolment", self.frames_spin)
        liveness = (
            "installed" if ctx.new_liveness() is not None else "NOT installed (real cameras cannot enrol)"
        )
        form.addRow("Liveness check", QLabel(liveness))
        form.addRow("Demo camera", QLabel("liveness is never checked on the demo camera (it is a photo)"))
        note = QLabel("Images are never stored: only the face template (128 numbers) is kept, encrypted.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        return _page("Settings", body)

    # --- lifecycle ---
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()
        if self.kiosk_window is not None:
            shutdown = getattr(self.kiosk_window, "shutdown", None)
            if callable(shutdown):
                shutdown()
            self.kiosk_window.deleteLater()
        super().closeEvent(event)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


__all__ = ["DEMO_SPEC", "MainWindow", "show_error"]
