"""Bulk import dialog: a folder or CSV, imported off the UI thread with progress + cancel, then the report
(also written beside the input as the import goes). Acts for the signed-in session; consent is recorded
only from the CSV's consent column, or for everyone when the operator ticks the consent box."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext
from app.core.enrolment.bulk_import import BulkImporter, ImportReport, default_report_path
from app.core.policy.access import Session
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)


class ImportThread(QThread):
    """Runs BulkImporter.run_path in its own thread (its pipeline is created there)."""

    progress = Signal(int, int, str)
    report_ready = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        session: Session,
        path: Path,
        as_csv: bool | None = None,
        *,
        consent_collected: bool = False,
        report_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.path = path
        self.as_csv = as_csv
        self.consent_collected = consent_collected
        self.report_path = report_path
        self.cancel_event = threading.Event()
        self.report: ImportReport | None = None

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        importer: BulkImporter | None = None
        try:
            importer = BulkImporter(
                self.ctx, self.session, consent_collected=self.consent_collected, report_path=self.report_path
            )
            self.report = importer.run_path(
                self.path, self.as_csv, lambda d, t, m: self.progress.emit(d, t, m), self.cancel_event.is_set
            )
            self.report_ready.emit(self.report)
        except Exception as exc:
            log.exception("import failed")
            self.failed.emit(describe_error(exc))
        finally:
            if importer is not None:
                importer.close()


def format_report(report: ImportReport) -> str:
    lines = [
        report.summary(),
        translate("ImportDialog", "Time: {seconds:.1f} s").format(seconds=report.seconds),
    ]
    if report.report_path is not None:
        lines.append(
            translate("ImportDialog", "Report file: {report_path}").format(report_path=report.report_path)
        )
    lines.append("")
    if report.rejected_inputs:
        lines.append(translate("ImportDialog", "Input problems:"))
        lines += [f"  • {r.subject}: {r.reason}" for r in report.rejected_inputs]
    if report.rejected_persons:
        lines.append(translate("ImportDialog", "People not imported:"))
        lines += [f"  • {r.subject}: {r.reason}" for r in report.rejected_persons]
    if report.rejected_photos:
        lines.append(translate("ImportDialog", "Photos rejected:"))
        lines += [
            f"  • {Path(r.path).name or r.subject} ({r.subject}): {r.reason}" for r in report.rejected_photos
        ]
    if report.warnings:
        lines.append(translate("ImportDialog", "Imported, but check:"))
        lines += [f"  • {r.subject}: {r.reason}" for r in report.warnings]
    return "\n".join(lines)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportReport

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.thread_: ImportThread | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(translate("ImportDialog", "Import people from photos"))
        self.setModal(True)
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        intro = QLabel(
            translate(
                "ImportDialog",
                "A folder with one sub-folder per person (ID_Name), photos named ID_Name.jpg, "
                "or a CSV with the columns id, name, department, photo and consent (yes / no).",
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(translate("ImportDialog", "Folder or CSV file"))
        folder = QPushButton(translate("ImportDialog", "Folder…"))
        csv_button = QPushButton(translate("ImportDialog", "CSV…"))
        folder.clicked.connect(self._pick_folder)
        csv_button.clicked.connect(self._pick_csv)
        row.addWidget(self.path_edit, 1)
        row.addWidget(folder)
        row.addWidget(csv_button)
        layout.addLayout(row)
        self.consent_box = QCheckBox(
            translate("ImportDialog", "Everyone in this import consented to storing their face template")
        )
        self.consent_box.setToolTip(
            translate(
                "ImportDialog",
                "Tick only when you collected everyone's consent: it is recorded as your declaration "
                "(audited). "
                "Unticked, only CSV rows whose consent column says yes are imported; a 'no' is never "
                "imported.",
            )
        )
        self.consent_box.setChecked(False)
        layout.addWidget(self.consent_box)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("message")
        layout.addWidget(self.status)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        layout.addWidget(self.report_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(translate("ImportDialog", "Import"))
        self.start_button.setObjectName("primary")
        self.cancel_button = QPushButton(translate("ImportDialog", "Cancel import"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(translate("ImportDialog", "Close"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        for b in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, translate("ImportDialog", "Folder of photos"))
        if path:
            self.path_edit.setText(path)

    def _pick_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportDialog", "CSV file"),
            "",
            translate("ImportDialog", "CSV (*.csv);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def start(self) -> bool:
        text = self.path_edit.text().strip()
        path = Path(text)
        if not text or not path.exists():
            self._say(translate("ImportDialog", "Choose an existing folder or CSV file."), "fail")
            return False
        self.report = None
        self.report_view.clear()
        thread = ImportThread(
            self.ctx,
            self.session,
            path,
            consent_collected=self.consent_box.isChecked(),
            report_path=default_report_path(path),
        )
        thread.progress.connect(self._on_progress)
        thread.report_ready.connect(self._on_report)
        thread.failed.connect(lambda m: self._say(m, "fail"))
        thread.finished.connect(self._on_finished)
        self.thread_ = thread
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self._say(translate("ImportDialog", "Importing…"), "info")
        thread.start()
        return True

    def cancel(self) -> None:
        if self.thread_ is not None:
            self.thread_.cancel()
            self._say(translate("ImportDialog", "Cancelling after the current person…"), "info")

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status.setText(
            translate("ImportDialog", "{done} / {total} photos — {message}").format(
                done=done, total=total, message=message
            )
        )

    def _on_report(self, report: ImportReport) -> None:
        self.report = report
        self.report_view.setPlainText(format_report(report))
        bad = report.rejected_persons or report.rejected_photos
        self._say(report.summary(), "fail" if bad and not report.imported else ("info" if bad else "pass"))
        self.imported.emit(report)

    def _on_finished(self) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)

    def _say(self, text: str, kind: str) -> None:
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self.thread_ is not None and self.thread_.isRunning():
            self.thread_.cancel()
            self.thread_.wait(10000)
        super().closeEvent(event)  # type: ignore[arg-type]
