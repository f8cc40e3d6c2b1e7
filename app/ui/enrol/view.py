"""Enrol: a form (name, ID, department, consent) → live guided capture → duplicate dialog → saved."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.camera.sources import DEMO_SPEC, FrameSource, open_source
from app.core.context import AppContext, DuplicateInfo
from app.core.enrolment.session import (
    EnrolForm,
    EnrolmentError,
    EnrolmentSession,
    EnrolPhase,
    EnrolStatus,
    LivenessGate,
)
from app.core.errors import FaceAttendError
from app.core.liveness.camera_record import attach_to_enrolment
from app.core.records import Person
from app.ui.common.core_texts import core_message, describe_error
from app.ui.common.i18n import translate
from app.ui.common.widgets import PreviewWidget
from app.ui.common.workers import Analysed, FrameWorker

log = logging.getLogger(__name__)

DUPLICATE_CANCEL = "cancel"
DUPLICATE_UPDATE = "update"


class EnrolView(QWidget):
    """The capture screen. The camera runs while the view is active (`activate()` / `deactivate()`)."""

    enrolled = Signal(str)  # person uuid (new or updated)
    status_changed = Signal(object)  # EnrolStatus (tests, kiosk-like displays)

    def __init__(
        self,
        ctx: AppContext,
        source_spec: str = "demo",
        source_factory: Callable[[str], FrameSource] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source_spec = source_spec
        # A video file is checked against the pixel ceiling in force (Settings page) when it is opened.
        self._source_factory = source_factory or (
            lambda spec: open_source(spec, max_pixels=ctx.settings.images.max_pixels)
        )
        self.worker: FrameWorker | None = None
        self.session: EnrolmentSession | None = None
        self.reenrol_person: Person | None = None
        self.last_saved_s: float | None = None  # Start → Saved of the last enrolment
        self.last_person_uuid: str | None = None
        self._building = False
        self._hold_until = 0.0  # idle updates leave the instruction alone until then (saved / failed text)
        # Hooks (tests, offline video): the liveness for real sources, and FrameWorker keyword options.
        self.liveness_factory: Callable[[], LivenessGate | None] | None = None
        self.camera_name: str | None = None  # the open source's name (its liveness calibration record)
        self.worker_options: dict[str, Any] = {}
        self._build_ui()

    # --- layout ---
    def _build_ui(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(24, 24, 24, 24)
        root.setSpacing(24)

        form_box = QFrame()
        form_box.setObjectName("card")
        form_box.setFixedWidth(420)
        left = QVBoxLayout(form_box)
        left.setContentsMargins(24, 24, 24, 24)
        left.setSpacing(14)
        self.heading = QLabel(translate("EnrolView", "New person"))
        self.heading.setObjectName("h1")
        left.addWidget(self.heading)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(translate("EnrolView", "First and last name"))
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(translate("EnrolView", "Badge or staff number"))
        self.dept_edit = QLineEdit()
        self.dept_edit.setPlaceholderText(translate("EnrolView", "e.g. Sales"))
        form.addRow(translate("EnrolView", "Name"), self.name_edit)
        form.addRow(translate("EnrolView", "ID"), self.id_edit)
        form.addRow(translate("EnrolView", "Department"), self.dept_edit)
        left.addLayout(form)
        self.consent = QCheckBox(
            translate("EnrolView", "The person consents to storing\ntheir face template for attendance.")
        )
        self.consent.setObjectName("consent")
        left.addWidget(self.consent)
        self.start_button = QPushButton(translate("EnrolView", "Start capture"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start_capture)
        self.cancel_button = QPushButton(translate("EnrolView", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel_capture)
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, 2)
        buttons.addWidget(self.cancel_button, 1)
        left.addLayout(buttons)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        left.addStretch(1)
        self.help = QLabel(
            translate(
                "EnrolView",
                "1. Fill in the form and tick consent.\n2. Press Start; the person looks at the camera.\n"
                "3. Follow the prompts until the ring is full.",
            )
        )
        self.help.setObjectName("hint")
        left.addWidget(self.help)
        root.addWidget(form_box)

        right = QVBoxLayout()
        right.setSpacing(12)
        self.preview = PreviewWidget()
        right.addWidget(self.preview, 1)
        self.instruction = QLabel(translate("EnrolView", "Fill in the form, then press Start capture."))
        self.instruction.setObjectName("instruction")
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        right.addWidget(self.instruction)
        self.liveness_label = QLabel("")
        self.liveness_label.setObjectName("liveness")
        self.liveness_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.liveness_label)
        root.addLayout(right, 1)

    # --- camera ---
    def set_source(self, spec: str) -> None:
        self.source_spec = spec
        if self.worker is not None:
            self.cancel_capture()
            self.deactivate()
            self.activate()

    def activate(self) -> None:
        """Start the camera preview (the view became visible)."""
        if self.worker is not None:
            return
        self.preview.clear(translate("EnrolView", "Starting camera…"))
        spec = self.source_spec
        worker = FrameWorker(lambda: self._source_factory(spec), self.ctx.new_pipeline, **self.worker_options)
        worker.frame_ready.connect(self.preview.show_frame)
        worker.analysed.connect(self._on_analysed)
        worker.failed.connect(self._on_source_failed)
        worker.interrupted.connect(self._on_source_failed)  # capture aborted; the preview resumes by itself
        worker.finished.connect(self._on_finished)
        worker.opened.connect(self._on_opened)
        self.worker = worker
        worker.start()

    def deactivate(self) -> None:
        if self.worker is not None:
            worker, self.worker = self.worker, None
            worker.stop()
            worker.deleteLater()
            self.camera_name = None

    def _on_opened(self, name: str, demo: bool) -> None:
        self.camera_name = name
        if self.session is not None and self.session.phase is EnrolPhase.CAPTURING:
            attach_to_enrolment(self.session.liveness, self.ctx, name)  # this camera's calibration
        self.preview.demo = demo
        self.liveness_label.setText(translate("EnrolView", "Liveness: demo — not checked") if demo else "")
        log.info("camera %s open (demo=%s)", name, demo)

    # --- capture ---
    def form(self) -> EnrolForm:
        return EnrolForm(
            name=self.name_edit.text(),
            external_id=self.id_edit.text(),
            department=self.dept_edit.text(),
            consent=self.consent.isChecked(),
            operator=self.ctx.actor,
        )

    def prepare_reenrol(self, person: Person) -> None:
        """Re-enrol an existing person: the form shows them, read-only; Start replaces their template."""
        self.reenrol_person = person
        self.heading.setText(translate("EnrolView", "Re-enrol {name}").format(name=person.name))
        self.name_edit.setText(person.name)
        self.id_edit.setText(person.external_id)
        self.dept_edit.setText(person.department)
        for edit in (self.name_edit, self.id_edit, self.dept_edit):
            edit.setReadOnly(True)
        self.consent.setChecked(False)
        self._say(translate("EnrolView", "Ask for consent again, then press Start capture."), "info")

    def reset_form(self) -> None:
        self.reenrol_person = None
        self.heading.setText(translate("EnrolView", "New person"))
        for edit in (self.name_edit, self.id_edit, self.dept_edit):
            edit.setReadOnly(False)
            edit.clear()
        self.consent.setChecked(False)

    def start_capture(self) -> bool:
        if self.session is not None and self.session.phase is EnrolPhase.CAPTURING:
            return False
        form = self.form()
        try:
            if self.reenrol_person is None:
                self.ctx.check_form(form)
            else:
                form.validate()
        except FaceAttendError as exc:
            self._say(str(exc), "fail")
            return False
        if self.worker is None:
            self.activate()
        assert self.worker is not None
        demo = self.worker.is_demo or self.source_spec == DEMO_SPEC
        liveness = None if demo or self.liveness_factory is None else self.liveness_factory()
        session = self.ctx.new_enrolment(form, demo=demo, liveness=liveness)
        if self.camera_name is not None:  # else when the camera opens (_on_opened)
            attach_to_enrolment(session.liveness, self.ctx, self.camera_name)
        session.start()
        self.session = session
        self._building = False
        self.worker.set_analyser(
            lambda frame, result: session.feed(frame.rgb, result, frame.timestamp_ms / 1000)
        )
        self.preview.progress = 0.0
        self._set_busy(True)
        self._say(translate("EnrolView", "Capturing… look at the camera."), "info")
        return True

    def cancel_capture(self) -> None:
        if self.worker is not None:
            self.worker.set_analyser(None)
        if self.session is not None and self.session.phase is EnrolPhase.CAPTURING:
            self.session.cancel()
            self._say(translate("EnrolView", "Capture cancelled; nothing was saved."), "info")
        self.session = None
        self.preview.progress = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for w in (self.name_edit, self.id_edit, self.dept_edit, self.consent):
            w.setEnabled(not busy)

    def _say(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _on_analysed(self, item: Analysed) -> None:
        status = item.extra
        if not isinstance(status, EnrolStatus):
            faces = item.result.faces
            self.preview.set_face(faces[0].face.box if faces else None, False)
            if self.session is None and time.monotonic() >= self._hold_until:
                self._show_instruction(
                    "" if faces else translate("EnrolView", "Look at the camera."), ok=bool(faces), idle=True
                )
            return
        self.status_changed.emit(status)
        self.preview.set_face(status.box, status.quality_ok)
        self.preview.progress = status.progress
        live = status.liveness
        if not live.checked:
            self.liveness_label.setText(translate("EnrolView", "Liveness: demo — not checked"))
        elif live.passed:
            self.liveness_label.setText(translate("EnrolView", "Liveness: passed ✔"))
        else:
            self.liveness_label.setText(translate("EnrolView", "Liveness: checking…"))
        if status.phase is EnrolPhase.CAPTURING:
            if status.instruction:
                self._show_instruction(core_message(status.instruction), ok=False, kind=status.kind)
            else:
                self._show_instruction(translate("EnrolView", "Good — hold still…"), ok=True)
        elif status.phase is EnrolPhase.READY and not self._building:
            self._building = True
            QTimer.singleShot(0, self._finish)
        elif status.phase is EnrolPhase.FAILED and self.session is not None:
            self._abort(core_message(status.message) or translate("EnrolView", "Capture failed."))

    def _show_instruction(self, text: str, ok: bool, idle: bool = False, kind: str = "") -> None:
        if idle:
            text = text or translate("EnrolView", "Fill in the form, then press Start capture.")
            kind = "idle"
        self.instruction.setText(text)
        self.instruction.setProperty(
            "kind", kind if kind in ("action", "idle") else ("pass" if ok else "fail")
        )
        self.instruction.style().unpolish(self.instruction)
        self.instruction.style().polish(self.instruction)

    def _abort(self, message: str) -> None:
        self.liveness_label.setText(
            translate("EnrolView", "Liveness: demo — not checked") if self.preview.demo else ""
        )
        if self.worker is not None:
            self.worker.set_analyser(None)
        self.session = None
        self.preview.progress = None
        self._set_busy(False)
        self._show_instruction(message, ok=False)
        self._hold_until = time.monotonic() + 4.0
        self._say(translate("EnrolView", "{message} Nothing was saved.").format(message=message), "fail")

    def _finish(self) -> None:
        session = self.session
        if session is None:
            return
        if self.worker is not None:
            self.worker.set_analyser(None)
        try:
            draft = session.build_template()
            if self.reenrol_person is not None:
                person = self.reenrol_person
                self.ctx.update_enrolment(person, draft, session.elapsed_s)
            else:
                duplicate = self.ctx.check_duplicate(draft.vector)
                if duplicate is not None:
                    self._show_instruction(
                        translate("EnrolView", "Already enrolled as {name}?").format(
                            name=duplicate.person.name
                        ),
                        ok=False,
                        kind="action",
                    )
                    if self.ask_duplicate(duplicate) != DUPLICATE_UPDATE:
                        self._abort(
                            translate(
                                "EnrolView", "Not saved: this face is already enrolled as {name}."
                            ).format(name=duplicate.person.name)
                        )
                        return
                    person = duplicate.person
                    self.ctx.update_enrolment(person, draft, session.elapsed_s)
                else:
                    person = self.ctx.save_enrolment(session.form, draft, session.elapsed_s)
        except (EnrolmentError, FaceAttendError) as exc:
            self._abort(describe_error(exc))
            return
        except Exception as exc:
            log.exception("saving the enrolment failed")
            self._abort(describe_error(exc))
            return
        elapsed = session.elapsed_s
        self.last_saved_s = elapsed
        self.last_person_uuid = person.uuid
        log.info("enrolled %s in %.2f s (%d frames, quality %.2f)", person.external_id, elapsed,
                 draft.frames_used, draft.quality)  # fmt: skip
        self.session = None
        self.preview.progress = 1.0
        self._set_busy(False)
        self._show_instruction(translate("EnrolView", "Saved ✔  {name}").format(name=person.name), ok=True)
        self._hold_until = time.monotonic() + 4.0  # the confirmation stays up a few seconds
        self._say(
            translate(
                "EnrolView",
                "{name} ({external_id}) saved in {elapsed:.1f} s — {frames_used} frames, quality "
                "{quality:.0%}.",
            ).format(
                name=person.name,
                external_id=person.external_id,
                elapsed=elapsed,
                frames_used=draft.frames_used,
                quality=draft.quality,
            ),
            "pass",
        )
        self.reset_form()
        self.enrolled.emit(person.uuid)
        QTimer.singleShot(2500, self._hide_ring)

    def _hide_ring(self) -> None:
        if self.session is None:
            self.preview.progress = None
            self.preview.update()

    def ask_duplicate(self, info: DuplicateInfo) -> str:
        """Cancel, or update the person the face already belongs to. Tests replace this method."""
        box = QMessageBox(self)
        box.setWindowTitle(translate("EnrolView", "Already enrolled?"))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            translate(
                "EnrolView", "This face matches {name} (ID {external_id}, {0}), distance {distance:.2f}."
            ).format(
                info.person.department or "no department",
                name=info.person.name,
                external_id=info.person.external_id,
                distance=info.distance,
            )
        )
        box.setInformativeText(
            translate("EnrolView", "Update that person's template with this capture, or cancel?")
        )
        update = box.addButton(
            translate("EnrolView", "Update {name}").format(name=info.person.name),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(translate("EnrolView", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return DUPLICATE_UPDATE if box.clickedButton() is update else DUPLICATE_CANCEL

    def _on_source_failed(self, message: str) -> None:
        capturing = self.session is not None and self.session.phase is EnrolPhase.CAPTURING
        if capturing:
            assert self.session is not None
            self.session.fail(message)
            self._abort(
                translate("EnrolView", "Camera problem: {message} Capture aborted.").format(message=message)
            )
        self.preview.clear(translate("EnrolView", "Camera problem:\n{message}").format(message=message))
        self._show_instruction(
            translate("EnrolView", "Camera problem: {message}").format(message=message), ok=False
        )

    def _on_finished(self, reason: str) -> None:
        if reason == "exhausted":
            if self.session is not None and self.session.phase is EnrolPhase.CAPTURING and not self._building:
                self._abort(translate("EnrolView", "The video ended before the capture was complete."))
            self.preview.placeholder = translate("EnrolView", "The video ended.")
        if self.worker is not None and not self.worker.running:
            self.worker.deleteLater()
            self.worker = None
