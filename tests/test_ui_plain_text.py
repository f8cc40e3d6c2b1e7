"""A name is shown as typed, never rendered as HTML: `<img src=…>` or `<b>` in a person's or user's name,
or in a service's error text, must not become markup in a label, a message box or a tooltip."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.ui.app import make_application
from app.ui.common.plain_text import plain_tooltip

HOSTILE = "<img src='file:///etc/hostname'><b>Mallory</b>"


def test_labels_and_message_boxes_show_markup_as_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_application()  # the app's own set-up (the same QApplication pytest-qt made)
    label = QLabel(HOSTILE)
    qtbot.addWidget(label)
    label.show()
    assert label.textFormat() == Qt.TextFormat.PlainText
    # A plain label is as wide as the raw characters; rendered markup would be the width of "Mallory".
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(HOSTILE) - 2

    seen: list[Qt.TextFormat] = []

    def inspect_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        inner = box.findChild(QLabel, "qt_msgbox_label")
        seen.append(inner.textFormat())
        box.accept()

    QTimer.singleShot(200, inspect_box)
    QMessageBox.question(None, "Delete", f"Delete {HOSTILE} for good?")
    assert seen == [Qt.TextFormat.PlainText]


def test_tooltips_escape_user_text() -> None:
    tip = plain_tooltip(HOSTILE)
    assert "<img" not in tip and "&lt;img" in tip and tip.startswith("<p")
