"""Guard against Qt bindings that drop references to Python singletons.

PySide6 6.12.0 on Python 3.11 releases a reference to None on every QPainter.fillRect / QFont() call
without taking one; after enough frames the count reaches zero and the interpreter aborts
("Fatal Python error: none_dealloc"), which killed the kiosk within minutes. pyproject.toml pins
PySide6 below 6.12; this test fails if a build with that defect comes back.
"""

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter


def test_painting_keeps_the_refcount_of_none(qapp) -> None:
    canvas = QImage(64, 64, QImage.Format.Format_RGB32)

    def paint() -> None:
        painter = QPainter(canvas)
        painter.fillRect(QRectF(0, 0, 10, 10), QColor(1, 2, 3))
        painter.setFont(QFont())
        painter.end()

    paint()
    before = sys.getrefcount(None)
    for _ in range(2000):
        paint()
    # Other threads may hold or release a few references meanwhile; the defect loses one per call.
    assert abs(sys.getrefcount(None) - before) < 100
