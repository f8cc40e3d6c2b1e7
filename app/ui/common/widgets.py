"""Small reusable widgets: the live preview (frame + face box + progress ring + DEMO badge), camera picker."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.core.camera.credentials import is_network_spec, parse_camera_url
from app.core.camera.sources import DEMO_SPEC, Frame, list_cameras
from app.core.errors import FaceAttendError
from app.ui.common.i18n import translate
from app.ui.common.plain_text import plain_tooltip

log = logging.getLogger(__name__)

PASS = QColor("#1e9e4a")
FAIL = QColor("#d93025")
WARN = QColor("#f2a900")
NEUTRAL = QColor("#8ab4f8")


def resources_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "resources"


def load_stylesheet() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8").replace("@RESOURCES@", resources_dir().as_posix())
    except OSError:
        log.warning("stylesheet %s not found", path)
        return ""


def to_qimage(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of an HxWx3 uint8 RGB array."""
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PreviewWidget(QWidget):
    """Paints the newest camera frame scaled to fit, the face box, a progress ring and badges."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 360)
        self._image: QImage | None = None
        self._frame_size = (640, 480)
        self.box: tuple[float, float, float, float] | None = None
        self.box_ok = False
        self.progress: float | None = None  # None hides the ring
        self.demo = False
        self.placeholder = translate("PreviewWidget", "Starting camera…")
        self.frames_painted = 0

    def show_frame(self, frame: Frame) -> None:
        self._image = to_qimage(frame.rgb)
        self._frame_size = (frame.rgb.shape[1], frame.rgb.shape[0])
        self.update()

    def clear(self, placeholder: str = "") -> None:
        self._image = None
        self.box = None
        self.placeholder = placeholder
        self.update()

    def set_face(self, box: tuple[float, float, float, float] | None, ok: bool) -> None:
        self.box, self.box_ok = box, ok
        self.update()

    def _target(self) -> QRectF:
        w, h = self._frame_size
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#111418"))
        if self._image is None:
            p.setPen(QColor("#c8ccd2"))
            p.setFont(QFont(self.font().family(), 18))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            p.end()
            return
        target = self._target()
        p.drawImage(target, self._image)
        self.frames_painted += 1
        scale = target.width() / self._frame_size[0]
        if self.box is not None:
            x0, y0, x1, y1 = self.box
            rect = QRectF(
                target.x() + x0 * scale, target.y() + y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale
            )
            p.setPen(QPen(PASS if self.box_ok else WARN, 4))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect, 12, 12)
        if self.demo:
            badge = QRectF(target.x() + 14, target.y() + 14, 190, 40)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(200, 40, 40, 220))
            p.drawRoundedRect(badge, 8, 8)
            p.setPen(QColor("white"))
            p.setFont(QFont(self.font().family(), 15, QFont.Weight.Bold))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, translate("PreviewWidget", "DEMO CAMERA"))
        if self.progress is not None:
            self._paint_ring(p, target)
        p.end()

    def _paint_ring(self, p: QPainter, target: QRectF) -> None:
        size = 96.0
        rect = QRectF(target.right() - size - 18, target.bottom() - size - 18, size, size)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 150))
        p.drawEllipse(rect.adjusted(-8, -8, 8, 8))
        p.setPen(QPen(QColor(255, 255, 255, 70), 10))
        p.drawEllipse(rect)
        fraction = max(0.0, min(1.0, self.progress or 0.0))
        p.setPen(
            QPen(PASS if fraction >= 1.0 else NEUTRAL, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        p.drawArc(rect, 90 * 16, -int(360 * 16 * fraction))
        p.setPen(QColor("white"))
        p.setFont(QFont(self.font().family(), 18, QFont.Weight.Bold))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{round(100 * fraction)}%")

    def ring_centre(self) -> QPointF:
        return self._target().bottomRight()


NETWORK_CHOICE = "__network__"
FILE_CHOICE = "__file__"


def spec_label(spec: str) -> str:
    """How the picker names a source it did not list itself: a network camera or a video file."""
    if is_network_spec(spec):
        try:
            return translate("Widgets", "Network: {display}").format(display=parse_camera_url(spec).display)
        except FaceAttendError:
            return translate("Widgets", "Network camera")
    return translate("Widgets", "Video: {name}").format(name=Path(spec).name)


class CameraPicker(QWidget):
    """Demo camera, the webcams found, a network camera or a video file. `changed(spec)` carries an
    open_source() spec (a network camera's address never holds its password)."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, probe: bool = True, label: bool = True) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName("cameraCombo")
        self.combo.setMinimumWidth(260)
        if label:  # off where a form row names it already
            caption = QLabel(translate("CameraPicker", "Camera"))
            caption.setObjectName("pickerLabel")
            layout.addWidget(caption)
        layout.addWidget(self.combo)
        self.combo.addItem(translate("CameraPicker", "Demo camera (built in)"), DEMO_SPEC)
        cameras = list_cameras() if probe else []
        for index in cameras:
            self.combo.addItem(translate("CameraPicker", "Webcam {index}").format(index=index), str(index))
        self.combo.addItem(translate("CameraPicker", "Network camera…"), NETWORK_CHOICE)
        self.combo.addItem(translate("CameraPicker", "Video file…"), FILE_CHOICE)
        if cameras:
            self.combo.setCurrentIndex(1)
        self._last = self.spec
        self.network_dialog: Any = None  # the open "Network camera…" dialog (tests reach it)
        self.combo.activated.connect(self._activated)

    @property
    def spec(self) -> str:
        return str(self.combo.currentData())

    def set_spec(self, spec: str) -> None:
        """Select (adding a video file entry when needed) without asking the user."""
        index = self.combo.findData(spec)
        if index < 0:
            self.combo.insertItem(self.combo.findData(NETWORK_CHOICE), spec_label(spec), spec)
            index = self.combo.findData(spec)
            self.combo.setItemData(index, plain_tooltip(spec), Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(index)
        self._last = spec
        self.changed.emit(spec)

    def _activated(self, _index: int) -> None:
        spec = self.spec
        if spec == NETWORK_CHOICE:
            chosen = self.choose_network_camera()
            if chosen:
                self.set_spec(chosen)
            else:
                self.combo.setCurrentIndex(max(0, self.combo.findData(self._last)))
            return
        if spec == FILE_CHOICE:
            path, _ = QFileDialog.getOpenFileName(
                self,
                translate("CameraPicker", "Choose a video"),
                "",
                translate("CameraPicker", "Videos (*.mp4 *.webm *.avi *.mov *.mkv);;All files (*)"),
            )
            if not path:
                self.combo.setCurrentIndex(max(0, self.combo.findData(self._last)))
                return
            self.set_spec(path)
            return
        self._last = spec
        self.changed.emit(spec)

    def choose_network_camera(self) -> str:
        """The "Network camera…" dialog (prefilled with the current one): its address, "" when cancelled."""
        from app.ui.kiosk.network_camera_dialog import NetworkCameraDialog

        dialog = NetworkCameraDialog(self, current=self._last)
        self.network_dialog = dialog
        accepted = dialog.exec() == NetworkCameraDialog.DialogCode.Accepted
        return dialog.spec if accepted else ""
