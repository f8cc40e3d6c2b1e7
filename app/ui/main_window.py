"""Main window: a sidebar (Enrol, People, Kiosk, Reports, Settings and its admin pages Users and Audit), a top
bar with the camera picker and the signed-in user. Pages and buttons follow the session's role; an idle
session locks (the PIN is asked again); the daily retention runs at start-up and is re-checked hourly."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.camera.sources import DEMO_SPEC, open_source
from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Audit, Session
from app.core.records import Person
from app.ui.access.dialogs import ActivityFilter, SignInDialog, say
from app.ui.admin.audit_view import AuditView
from app.ui.admin.dialogs import AdminDialog, role_name
from app.ui.admin.users_view import UsersView
from app.ui.common.background import run_in_background
from app.ui.common.core_texts import antispoof_text, core_text, describe_error
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.common.language_box import LanguageBox
from app.ui.common.pages import Page, page_actions, page_names
from app.ui.common.widgets import CameraPicker
from app.ui.enrol.import_dialog import ImportDialog
from app.ui.enrol.view import EnrolView
from app.ui.kiosk.page import KioskPage
from app.ui.people.view import PeopleView
from app.ui.settings.camera_calibration_panel import CameraCalibrationGroup
from app.ui.settings.sync_panel import SyncIndicator, SyncSettingsGroup

log = logging.getLogger(__name__)

LOCK_CHECK_MS = 15_000
RETENTION_CHECK_MS = 3_600_000


MEGAPIXEL = 1_000_000
# The pixel ceiling's largest choice: FFmpeg refuses pictures above about 268 megapixels by itself.
MAX_PIXELS_CEILING_MP = 250


def _wrapping(label: QLabel) -> QLabel:
    """A value on the Settings page: wraps instead of widening the page (German and Japanese run longer)."""
    label.setWordWrap(True)
    return label


def _page(title: str, body: QWidget | None = None, scroll: bool = False) -> QWidget:
    """A page with its heading. `scroll`: the body scrolls instead of forcing the window taller (a long form
    such as Settings must still fit a 768-pixel laptop screen)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 24, 24, 24)
    heading = QLabel(title)
    heading.setObjectName("h1")
    layout.addWidget(heading)
    if body is not None and scroll:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(body)
        layout.addWidget(area, 1)
    elif body is not None:
        layout.addWidget(body, 1)
    return page


class MainWindow(QMainWindow):
    locked_changed = Signal(bool)

    def __init__(
        self,
        ctx: AppContext,
        probe_cameras: bool = True,
        source_spec: str | None = None,
        *,
        session: Session,
        run_retention: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.locked = False
        self.lock_dialog: SignInDialog | None = None
        self.last_retention: Any = None
        self.setWindowTitle(
            translate("MainWindow", "FaceAttend {__version__} — enrolment").format(__version__=__version__)
        )
        self.resize(1280, 800)
        self.kiosk_window: QWidget | None = None
        self._probe_cameras = probe_cameras

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        topbar = QFrame()
        topbar.setObjectName("topbar")
        top = QHBoxLayout(topbar)
        top.setContentsMargins(20, 10, 20, 10)
        title = QLabel(translate("MainWindow", "FaceAttend"))
        title.setObjectName("appTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.camera_picker = CameraPicker(probe=probe_cameras)
        top.addWidget(self.camera_picker)
        top.addSpacing(16)
        self.sync_indicator = SyncIndicator(ctx)
        top.addWidget(self.sync_indicator)
        self.user_label = QLabel("")
        self.user_label.setObjectName("userBadge")
        top.addSpacing(16)
        top.addWidget(self.user_label)
        self.lock_button = QPushButton(translate("MainWindow", "Lock"))
        self.lock_button.setToolTip(translate("MainWindow", "Lock the screen; the PIN is asked again"))
        self.lock_button.clicked.connect(self.lock)
        top.addWidget(self.lock_button)
        outer.addWidget(topbar)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.addItems([translate("MainWindow", name) for name in PAGES])
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.sidebar)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._start_spec = source_spec or self.camera_picker.spec
        if source_spec:
            self.camera_picker.set_spec(source_spec)
        self._reports_built = False
        self.today_view: Any = None
        self.reports_view: Any = None
        self.schedule_view: Any = None
        self.review_view: Any = None
        for page in PAGE_REGISTRY:  # one stacked widget per page, in sidebar order
            self.stack.addWidget(page.build(self))
        self.lock_page = self._lock_page()
        self.stack.addWidget(self.lock_page)

        self.camera_picker.changed.connect(self.enrol_view.set_source)
        self.enrol_view.enrolled.connect(lambda _uuid: self.people_view.refresh())
        self.enrol_view.enrolled.connect(lambda _uuid: self.sync_indicator.refresh())
        self.people_view.reenrol_requested.connect(self.reenrol)
        self.people_view.import_requested.connect(self.open_import)
        self.sidebar.currentRowChanged.connect(self.show_page)
        self.apply_session(session)

        self.activity = ActivityFilter(session, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(LOCK_CHECK_MS)
        self.lock_timer.timeout.connect(self.check_idle)
        self.lock_timer.start()
        self.retention_timer = QTimer(self)
        self.retention_timer.setInterval(RETENTION_CHECK_MS)
        self.retention_timer.timeout.connect(self.start_retention)
        if run_retention:
            self.retention_timer.start()
            QTimer.singleShot(0, self.start_retention)

    # --- session and roles ---
    def can(self, action: Action) -> bool:
        return self.session.can(action)

    def apply_session(self, session: Session) -> None:
        """Show only the pages and buttons the role may use; select the first allowed page."""
        self.session = session
        if hasattr(self, "activity"):
            self.activity.session = session
        self.ctx.sign_in(session)
        self.user_label.setText(f"{session.name} · {role_name(session.role)}")
        first: int | None = None
        for row, name in enumerate(PAGES):
            allowed = session.can(PAGE_ACTIONS[name])
            item = self.sidebar.item(row)
            item.setHidden(not allowed)
            if allowed and first is None:
                first = row
        self.people_view.set_session(session)
        self.users_view.set_session(session)
        self.audit_view.set_session(session)
        self.kiosk_panel.set_session(session)
        self.camera_picker.setVisible(session.can(Action.ENROL) or session.can(Action.RUN_KIOSK))
        self.sync_settings.set_session(session)
        self.camera_calibration.set_session(session)
        self._apply_settings_permissions()
        if self.reports_view is not None:
            self._apply_reports_permissions()
        current = self.sidebar.currentRow()
        if current >= 0 and not self.sidebar.item(current).isHidden():
            self.show_page(current)
        elif first is not None:
            self.sidebar.setCurrentRow(first)
        else:
            self.stack.setCurrentWidget(self.lock_page)
            self.lock_label.setText(
                translate("MainWindow", "The role “{role}” has no page on this workstation.").format(
                    role=session.role
                )
            )

    def page_visible(self, name: str) -> bool:
        return not self.sidebar.item(PAGES.index(name)).isHidden()

    def check_idle(self) -> None:
        if not self.locked and self.session.expired():
            log.info("session of %s idle: locking", self.session.name)
            self.lock()

    def lock(self) -> SignInDialog:
        """Hide every page behind the lock page and ask for the PIN (non-blocking dialog)."""
        if self.locked and self.lock_dialog is not None:
            return self.lock_dialog
        self.locked = True
        self.activity.paused = True
        self.ctx.sign_in(None)  # the core refuses changes until someone signs in again
        from app.ui.reports.corrections_dialog import CorrectionsDialog

        for dialog_open in self.findChildren(CorrectionsDialog):  # it acts with the locked session
            dialog_open.close()
        for admin_dialog in self.findChildren(AdminDialog):  # so do the Users page's dialogs
            admin_dialog.close()
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()
        self.sidebar.setEnabled(False)
        self.sidebar.hide()
        self.lock_button.setEnabled(False)
        self.camera_picker.setEnabled(False)
        self.lock_label.setText(
            translate("MainWindow", "Locked. {name}, enter your PIN to continue.").format(
                name=self.session.name
            )
        )
        self.stack.setCurrentWidget(self.lock_page)
        dialog = SignInDialog(self.ctx, self, locked_user=self.session.name)
        dialog.accepted.connect(lambda: self.unlock(dialog.session))
        dialog.rejected.connect(self._lock_dialog_closed)
        self.lock_dialog = dialog
        self.locked_changed.emit(True)
        dialog.open()
        return dialog

    def unlock(self, session: Session | None) -> None:
        if session is None:
            return
        self.locked = False
        self.lock_dialog = None
        self.activity.paused = False
        self.sidebar.setEnabled(True)
        self.sidebar.show()
        self.lock_button.setEnabled(True)
        self.camera_picker.setEnabled(True)
        self.apply_session(session)
        self.locked_changed.emit(False)

    def _lock_dialog_closed(self) -> None:
        self.lock_dialog = None
        self.lock_label.setText(translate("MainWindow", "Locked. Use “Unlock” to sign in again."))
        self.unlock_button.show()

    def _lock_page(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.lock_label = QLabel("")
        self.lock_label.setObjectName("hint")
        self.lock_label.setWordWrap(True)
        layout.addWidget(self.lock_label)
        self.unlock_button = QPushButton(translate("MainWindow", "Unlock…"))
        self.unlock_button.hide()
        self.unlock_button.clicked.connect(self._reopen_lock)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return _page(translate("MainWindow", "FaceAttend"), body)

    def _reopen_lock(self) -> None:
        self.unlock_button.hide()
        self.locked = False
        self.lock()

    # --- retention (app/core/people/privacy.py: at most once per UTC day) ---
    def start_retention(self) -> None:
        # a failure is logged and shown in the status; it never crashes the app
        run_in_background(
            self.ctx.run_retention_if_due, self._retention_done, self._retention_done, parent=self
        )

    def _retention_done(self, result: Any) -> None:
        self.last_retention = result
        if isinstance(result, Exception):
            self.statusBar().showMessage(
                translate("MainWindow", "Retention run failed: {0}").format(describe_error(result)), 10_000
            )
        elif result is not None and (
            result.attendance_events or result.unknown_faces or result.inactive_templates
        ):
            self.statusBar().showMessage(
                translate(
                    "MainWindow",
                    "Retention run: {attendance_events} old attendance events, {unknown_faces} unknown "
                    "faces, {inactive_templates} templates of inactive people removed.",
                ).format(
                    attendance_events=result.attendance_events,
                    unknown_faces=result.unknown_faces,
                    inactive_templates=result.inactive_templates,
                ),
                10_000,
            )

    # --- navigation ---
    def show_page(self, index: int) -> None:
        if index < 0 or self.locked:
            return
        self.stack.setCurrentIndex(index)
        current = PAGE_REGISTRY[index]
        for page in PAGE_REGISTRY:
            if page is not current and page.left is not None:
                page.left(self)
        if current.shown is not None:
            current.shown(self)

    def settings_shown(self) -> None:
        """The Settings page is shown: its figures follow the roster and the cameras calibrated since."""
        self.refresh_threshold_labels()
        self.camera_calibration.refresh()

    def refresh_threshold_labels(self) -> None:
        """The open-set threshold follows the number of people enrolled."""
        from app.core.recognition.decision import summarise

        summary = summarise(self.ctx.calibrator(), self.ctx.settings.recognition)
        locale = QLocale()
        values = {  # the figures of summary.lines(), with the locale's decimal sign
            "Target false matches per decision": locale.toString(summary.target_fpir, "g", 6),
            "Threshold in use": translate(
                "MainWindow", "similarity {similarity} (distance {distance}), people enrolled: {people}"
            ).format(
                similarity=locale.toString(summary.similarity, "f", 3),
                distance=locale.toString(summary.distance, "f", 3),
                people=locale.toString(summary.gallery_size),
            ),
            "Expected strangers accepted per 10,000 attempts": locale.toString(
                summary.strangers_per_10k, "g", 2
            ),
            "Margin over the second-best person": locale.toString(summary.margin, "f", 3),
        }
        for label, (caption, value) in zip(self.threshold_labels, summary.lines(), strict=True):
            label.setText(values.get(caption, value))

    def select_page(self, name: str) -> bool:
        """Go to a page; False when the role may not see it."""
        if not self.page_visible(name):
            return False
        self.sidebar.setCurrentRow(PAGES.index(name))
        return True

    def reenrol(self, person: Person) -> None:
        if not self.can(Action.ENROL):
            return
        self.select_page("Enrol")
        self.enrol_view.prepare_reenrol(person)

    def open_import(self) -> ImportDialog | None:
        if not self.can(Action.ENROL):
            return None
        dialog = ImportDialog(self.ctx, self.session, self)
        dialog.imported.connect(lambda _r: self.people_view.refresh())
        dialog.imported.connect(lambda _r: self.ctx.sync_now())  # push the imported people
        dialog.show()
        return dialog

    # --- the pages' factories (PAGE_REGISTRY) ---
    def _build_enrol(self) -> QWidget:
        self.enrol_view = EnrolView(self.ctx, self._start_spec)
        return self.enrol_view

    def _activate_enrol(self) -> None:
        self.enrol_view.activate()

    def _leave_enrol(self) -> None:
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()

    def _build_people(self) -> QWidget:
        self.people_view = PeopleView(self.ctx)
        return self.people_view

    def _build_reports_page(self) -> QWidget:
        self.reports_page = _page(translate("MainWindow", "Reports"))
        self.reports_page.setObjectName("reportsPage")
        return self.reports_page

    def _build_today_page(self) -> QWidget:
        self.today_page = _page(translate("MainWindow", "Today"))
        return self.today_page

    def _build_settings(self) -> QWidget:
        self.settings_page = self._settings_page()
        return self.settings_page

    def _build_users(self) -> QWidget:
        self.users_view = UsersView(self.ctx)
        self.users_view.session_changed.connect(self.apply_session)
        self.users_page = _page(translate("MainWindow", "Users"), self.users_view)
        return self.users_page

    def _build_audit(self) -> QWidget:
        self.audit_view = AuditView(self.ctx)
        self.audit_page = _page(translate("MainWindow", "Audit log"), self.audit_view)
        return self.audit_page

    def _build_kiosk(self) -> QWidget:
        self.kiosk_page = self._kiosk_page()
        return self.kiosk_page

    # --- kiosk (issue 6, another engineer's view: imported lazily) ---
    def _kiosk_page(self) -> QWidget:
        """app/ui/kiosk/page.py: the kiosk's camera, mode, liveness, greeting, Launch and the last events.
        Its camera picker and the top bar's show one choice."""
        self.kiosk_panel = KioskPage(self.ctx, self.session, probe_cameras=self._probe_cameras)
        self.kiosk_panel.camera.set_spec(self.camera_picker.spec)
        self.camera_picker.changed.connect(lambda spec: _follow(self.kiosk_panel.camera, spec))
        self.kiosk_panel.camera.changed.connect(lambda spec: _follow(self.camera_picker, spec))
        self.kiosk_panel.launch_requested.connect(self.launch_kiosk)
        self.kiosk_button = self.kiosk_panel.launch_button
        self.kiosk_status = self.kiosk_panel.status
        return _page(translate("MainWindow", "Kiosk"), self.kiosk_panel, scroll=True)

    def launch_kiosk(self, windowed: bool = False) -> QWidget | None:
        """Opens app.ui.kiosk.view (issue 6): `launch_kiosk(ctx, source_spec, parent)` if it exists, else
        `KioskView(KioskBackend.from_context(ctx), source_factory)` started full screen. Absent or failing →
        a message, never a crash. The enrolment camera is released first (one camera user at a time)."""
        try:
            module: Any = importlib.import_module("app.ui.kiosk.view")
        except ImportError as exc:
            self.kiosk_status.setText(
                translate("MainWindow", "The kiosk is not available in this build ({name}).").format(
                    name=exc.name
                )
            )
            return None
        try:
            self.session.require(Action.RUN_KIOSK)
        except FaceAttendError as exc:
            self.kiosk_status.setText(describe_error(exc))
            return None
        spec = self.kiosk_panel.camera.spec
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()
        try:
            if hasattr(module, "launch_kiosk"):
                window = module.launch_kiosk(self.ctx, spec, self)
            else:
                attendance: Any = importlib.import_module("app.core.attendance.kiosk")
                backend = attendance.KioskBackend.from_context(self.ctx)
                ceiling = self.ctx.settings.images.max_pixels
                window = module.KioskView(
                    backend, lambda: open_source(spec, max_pixels=ceiling), windowed=windowed
                )
                window.start()
                screen = self.screen()
                if not windowed and screen is not None:  # full screen also without a window manager
                    window.setGeometry(screen.geometry())
        except Exception as exc:
            log.exception("kiosk failed to start")
            self.kiosk_status.setText(
                translate("MainWindow", "The kiosk could not start: {0}").format(describe_error(exc))
            )
            return None
        self.kiosk_window = window
        self.kiosk_status.setText(translate("MainWindow", "Kiosk running."))
        result: QWidget | None = window
        return result

    def _build_today(self) -> None:
        """The Today board (built on first show; it polls the database only while shown)."""
        if self.today_view is not None:
            return
        from app.core.reports.today import TodayService
        from app.ui.reports.today_view import TodayView

        self.today_view = TodayView(TodayService(self.ctx.report_source(), self.ctx.settings))
        layout = self.today_page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.today_view, 1)

    # --- reports (another engineer's view) ---
    def _build_reports(self) -> None:
        if self._reports_built:
            return
        self._reports_built = True
        layout = self.reports_page.layout()
        assert layout is not None
        try:
            from app.ui.reports.view import ReportsView, ReportsViewModel

            source = self.ctx.report_source()
            if source is None:
                raise ImportError(translate("MainWindow", "the store adapter for reports is not installed"))
            view = ReportsView(ReportsViewModel(source, self.ctx.settings.reports, parent=self))
        except Exception as exc:
            log.exception("reports view failed")
            label = QLabel(
                translate("MainWindow", "Reports are not available: {0}").format(describe_error(exc))
            )
            label.setWordWrap(True)
            layout.addWidget(label)
            return
        self.reports_view = view
        view.export_guard = self._authorize_export
        view.vm.exported.connect(self._audit_export)
        view.corrections_requested.connect(self.open_corrections)
        self.reports_tabs = QTabWidget()
        self.reports_tabs.setObjectName("reportsTabs")
        self.reports_tabs.addTab(view, translate("MainWindow", "Report"))
        try:
            from app.ui.reports.schedule_view import ScheduleView

            self.schedule_view = ScheduleView(self.ctx, self.session)
            self.schedule_view.saved.connect(lambda _changes: view.refresh())
            self.reports_tabs.addTab(self.schedule_view, translate("MainWindow", "Work schedule"))
        except Exception:  # the schedule editor never keeps the reports from showing
            log.exception("work schedule view failed")
        try:
            from app.core.attendance.review_queue import review_queue_for
            from app.ui.reports.review_view import ReviewView

            self.review_view = ReviewView(review_queue_for(self.ctx), self.session)
            self.review_view.resolved.connect(lambda _uuid: view.refresh())
            self.reports_tabs.addTab(self.review_view, translate("MainWindow", "Review queue"))
        except Exception:  # the review queue never keeps the reports from showing
            log.exception("review queue view failed")
        self._apply_reports_permissions()
        layout.addWidget(self.reports_tabs)

    def _apply_reports_permissions(self) -> None:
        self.reports_view.set_permissions(
            can_export=self.can(Action.EXPORT_REPORTS), can_correct=self.can(Action.CORRECT_EVENTS)
        )
        if self.schedule_view is not None:
            self.schedule_view.set_session(self.session)
        if self.review_view is not None:
            self.review_view.set_session(self.session)

    def open_schedule(self) -> Any:
        """The Reports page's "Work schedule" tab (None when the role may not see Reports)."""
        if not self.select_page("Reports") or self.schedule_view is None:
            return None
        self.reports_tabs.setCurrentWidget(self.schedule_view)
        return self.schedule_view

    def _authorize_export(self, fmt: str, path: Path) -> bool:
        try:
            self.session.require(Action.EXPORT_REPORTS)
        except FaceAttendError as exc:
            self.reports_view.status.setText(describe_error(exc))
            return False
        return True

    def _audit_export(self, path: str) -> None:
        report = self.reports_view.vm.report if self.reports_view is not None else None
        details: dict[str, Any] = {"file": Path(path).name, "format": Path(path).suffix.lstrip(".")}
        if report is not None:
            details["period"] = report.period_label
        try:
            self.ctx.record(self.session, Audit.REPORT_EXPORT, details)
        except FaceAttendError as exc:
            log.error("report export not audited: %s", exc)

    def open_corrections(self) -> QWidget | None:
        """HR corrections (issue 7) for the person / period chosen in the reports view."""
        if not self.can(Action.CORRECT_EVENTS):
            return None
        from app.ui.reports.corrections_dialog import CorrectionsDialog

        view = self.reports_view
        try:
            query = view.query() if view is not None else None
        except FaceAttendError:
            query = None
        dialog = CorrectionsDialog(self.ctx, self.session, self)
        if query is not None:
            dialog.set_period(query.start, query.end)
            if query.person_uuid:
                dialog.select_person(query.person_uuid)
        if view is not None:
            dialog.corrected.connect(view.refresh)
        dialog.show()
        return dialog

    # --- settings ---
    def _settings_page(self) -> QWidget:
        body = QFrame()
        body.setObjectName("card")
        form = QFormLayout(body)
        form.setContentsMargins(24, 24, 24, 24)
        form.setVerticalSpacing(12)
        ctx = self.ctx
        form.addRow(translate("MainWindow", "Data folder"), QLabel(str(ctx.data_dir)))
        form.addRow(translate("MainWindow", "Face model"), QLabel(f"{ctx.model_id} v{ctx.model_version}"))
        # Open-set decisions (kiosk, identify, duplicate check): app/core/recognition/decision.py
        from app.core.recognition.calibration import TARGET_FPIR_CHOICES
        from app.core.recognition.decision import summarise

        self.fpir_box = QComboBox()
        for target in TARGET_FPIR_CHOICES:
            self.fpir_box.addItem(
                translate("MainWindow", "{target} per decision ({count} in 10,000)").format(
                    target=QLocale().toString(target, "g", 6),
                    count=QLocale().toString(target * 10_000, "g", 6),
                ),
                target,
            )
        self.fpir_box.setMaximumWidth(420)
        form.addRow(translate("MainWindow", "Strangers accepted (target)"), self.fpir_box)
        self.threshold_labels: list[QLabel] = []
        for caption, value in summarise(ctx.calibrator(), ctx.settings.recognition).lines():
            shown = _wrapping(QLabel(value))
            shown.setObjectName("openSetThreshold")
            self.threshold_labels.append(shown)
            form.addRow(core_text(caption), shown)
        self.refresh_threshold_labels()  # the figures in the user's locale
        liveness = (
            translate("MainWindow", "installed")
            if ctx.new_liveness() is not None
            else translate("MainWindow", "NOT installed (real cameras cannot enrol)")
        )
        form.addRow(translate("MainWindow", "Liveness check"), _wrapping(QLabel(liveness)))
        self.antispoof_label = _wrapping(QLabel(antispoof_text(ctx.antispoof_load())))
        self.antispoof_label.setObjectName("antispoofMode")
        form.addRow(translate("MainWindow", "Anti-spoof mode"), self.antispoof_label)
        form.addRow(
            translate("MainWindow", "Demo camera"),
            _wrapping(
                QLabel(
                    translate("MainWindow", "liveness is never checked on the demo camera (it is a photo)")
                )
            ),
        )

        self.frames_spin = QSpinBox()
        self.frames_spin.setRange(3, 15)
        self.frames_spin.setMaximumWidth(120)
        form.addRow(translate("MainWindow", "Frames per enrolment"), self.frames_spin)
        self.pixels_spin = QSpinBox()  # Settings.images.max_pixels, shown in megapixels
        self.pixels_spin.setRange(1, MAX_PIXELS_CEILING_MP)
        self.pixels_spin.setSuffix(translate("MainWindow", " megapixels"))
        self.pixels_spin.setMaximumWidth(200)
        self.pixels_spin.setToolTip(
            translate(
                "MainWindow",
                "Photos and video files whose pictures declare more pixels are refused before decoding: "
                "a small file can declare a huge picture (a decompression bomb).",
            )
        )
        form.addRow(translate("MainWindow", "Largest photo or video frame"), self.pixels_spin)
        self.org_edit = QLineEdit()
        self.org_edit.setMaximumWidth(360)
        form.addRow(translate("MainWindow", "Organisation (reports)"), self.org_edit)
        self.language_box = LanguageBox()
        form.addRow(translate("MainWindow", "Language"), self.language_box)
        self.retention_spins: dict[str, QSpinBox] = {}
        for key, label in (
            ("privacy.attendance_retention_days", translate("MainWindow", "Keep attendance records")),
            ("privacy.unknown_face_retention_days", translate("MainWindow", "Keep unknown-face events")),
            (
                "privacy.inactive_template_retention_days",
                translate("MainWindow", "Keep templates of inactive people"),
            ),
        ):
            spin = QSpinBox()
            spin.setRange(0, 3650)
            spin.setSuffix(translate("MainWindow", " days"))
            spin.setSpecialValueText(translate("MainWindow", "forever"))
            spin.setMaximumWidth(160)
            self.retention_spins[key] = spin
            form.addRow(label, spin)
        self.erasure_box = QComboBox()
        self.erasure_box.addItem(
            translate("MainWindow", "Pseudonymise: keep attendance anonymously (payroll law)"), "pseudonymise"
        )
        self.erasure_box.addItem(translate("MainWindow", "Delete attendance too"), "delete")
        self.erasure_box.setMinimumWidth(480)
        self.erasure_box.setMaximumWidth(560)
        form.addRow(translate("MainWindow", "Erasing a person"), self.erasure_box)
        row = QHBoxLayout()
        self.settings_save = QPushButton(translate("MainWindow", "Save settings"))
        self.settings_save.setObjectName("primary")
        self.settings_save.clicked.connect(self.save_settings)
        row.addWidget(self.settings_save)
        self.settings_message = QLabel("")
        self.settings_message.setObjectName("message")
        row.addWidget(self.settings_message, 1)
        form.addRow(row)
        self.sync_settings = SyncSettingsGroup(ctx)
        self.sync_settings.changed.connect(self.sync_indicator.refresh)
        form.addRow(self.sync_settings)
        self.camera_calibration = CameraCalibrationGroup(ctx)
        form.addRow(self.camera_calibration)
        note = QLabel(
            translate(
                "MainWindow",
                "Images are never stored: only the face template (128 numbers) is kept, encrypted. "
                "Retention runs once a day; every change here is written to the audit log. "
                "Shifts, holidays and the report time zone: Reports → Work schedule.",
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        self._load_settings_fields()
        return _page(translate("MainWindow", "Settings"), body, scroll=True)

    def _load_settings_fields(self) -> None:
        ctx = self.ctx
        self.frames_spin.setValue(int(ctx.setting_value("enrolment.frames")))
        self.pixels_spin.setValue(max(1, round(int(ctx.setting_value("images.max_pixels")) / MEGAPIXEL)))
        self.org_edit.setText(str(ctx.setting_value("reports.organisation_name")))
        self.language_box.set_code(ctx.setting_value("display.language"))
        for key, spin in self.retention_spins.items():
            spin.setValue(int(ctx.setting_value(key)))
        index = self.erasure_box.findData(ctx.setting_value("privacy.erasure_events"))
        self.erasure_box.setCurrentIndex(max(index, 0))
        from app.core.recognition.calibration import TARGET_FPIR_CHOICES

        target = float(ctx.setting_value("recognition.target_fpir"))
        nearest = min(range(len(TARGET_FPIR_CHOICES)), key=lambda i: abs(TARGET_FPIR_CHOICES[i] - target))
        self.fpir_box.setCurrentIndex(nearest)

    def settings_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "enrolment.frames": int(self.frames_spin.value()),
            "reports.organisation_name": self.org_edit.text().strip() or "FaceAttend",
            "privacy.erasure_events": str(self.erasure_box.currentData()),
            "display.language": self.language_box.code(),
            "recognition.target_fpir": float(self.fpir_box.currentData()),
            "images.max_pixels": int(self.pixels_spin.value()) * MEGAPIXEL,
        }
        values.update({key: int(spin.value()) for key, spin in self.retention_spins.items()})
        return values

    def _apply_settings_permissions(self) -> None:
        allowed = self.can(Action.CHANGE_SETTINGS)
        for w in (
            self.frames_spin,
            self.pixels_spin,
            self.org_edit,
            self.erasure_box,
            self.fpir_box,
            self.language_box,
            self.settings_save,
        ):
            w.setEnabled(allowed)
        for spin in self.retention_spins.values():
            spin.setEnabled(allowed)

    def save_settings(self) -> bool:
        try:
            changed = self.ctx.save_settings(self.session, self.settings_values())
        except FaceAttendError as exc:
            say(self.settings_message, describe_error(exc), "fail")
            return False
        self.refresh_threshold_labels()
        if changed:
            say(
                self.settings_message,
                translate("MainWindow", "Saved ({0} changed; recorded in the audit log).").format(
                    len(changed)
                ),
                "pass",
            )
        else:
            say(self.settings_message, translate("MainWindow", "Nothing changed."), "info")
        return True

    # --- lifecycle ---
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.lock_timer.stop()
        self.retention_timer.stop()
        self.sync_indicator.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        if self.lock_dialog is not None:
            self.lock_dialog.close()
        self.enrol_view.cancel_capture()
        self.enrol_view.deactivate()
        if self.kiosk_window is not None:
            shutdown = getattr(self.kiosk_window, "shutdown", None)
            if callable(shutdown):
                shutdown()
            self.kiosk_window.deleteLater()
        super().closeEvent(event)


# The sidebar pages in order: name, the action a role needs to see it, its factory, what showing and leaving
# it do. Users and Audit are the admin pages of the Settings area; Today is the live presence board.
PAGE_REGISTRY: tuple[Page[MainWindow], ...] = (
    Page("Enrol", Action.ENROL, MainWindow._build_enrol, MainWindow._activate_enrol, MainWindow._leave_enrol),
    Page("People", Action.VIEW_PEOPLE, MainWindow._build_people, lambda w: w.people_view.refresh()),
    Page("Kiosk", Action.RUN_KIOSK, MainWindow._build_kiosk),
    Page("Reports", Action.VIEW_REPORTS, MainWindow._build_reports_page, MainWindow._build_reports),
    Page("Today", Action.VIEW_REPORTS, MainWindow._build_today_page, MainWindow._build_today),
    Page("Settings", Action.CHANGE_SETTINGS, MainWindow._build_settings, MainWindow.settings_shown),
    Page("Users", Action.MANAGE_USERS, MainWindow._build_users, lambda w: w.users_view.refresh()),
    Page("Audit", Action.VIEW_AUDIT, MainWindow._build_audit, lambda w: w.audit_view.refresh()),
)
PAGES = page_names(PAGE_REGISTRY)
# the sidebar shows the names translated (PAGES stay the keys); listed here for the translators' catalogue
_PAGE_NAMES = (
    QT_TRANSLATE_NOOP("MainWindow", "Enrol"),
    QT_TRANSLATE_NOOP("MainWindow", "People"),
    QT_TRANSLATE_NOOP("MainWindow", "Kiosk"),
    QT_TRANSLATE_NOOP("MainWindow", "Reports"),
    QT_TRANSLATE_NOOP("MainWindow", "Today"),
    QT_TRANSLATE_NOOP("MainWindow", "Settings"),
    QT_TRANSLATE_NOOP("MainWindow", "Users"),
    QT_TRANSLATE_NOOP("MainWindow", "Audit"),
)
PAGE_ACTIONS = page_actions(PAGE_REGISTRY)


def _follow(picker: CameraPicker, spec: str) -> None:
    if picker.spec != spec:
        picker.set_spec(spec)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


__all__ = ["DEMO_SPEC", "PAGES", "PAGE_REGISTRY", "MainWindow", "show_error"]
