"""User data is never read as HTML. A QLabel (the label inside every QMessageBox included) and a tooltip guess
"rich text" from what they are given, so a person or user called `<img src=…>` or `<b>…` would be rendered as
markup in a heading, a status line, a confirmation or a tooltip. No FaceAttend label uses markup, so every
label is switched to plain text when it is first polished, before it is ever shown; tooltips that carry user
data go through `plain_tooltip`."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel


class PlainTextLabels(QObject):
    """Application-wide event filter: every QLabel becomes Qt.PlainText when it is polished."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        polished_label = event.type() == QEvent.Type.Polish and isinstance(watched, QLabel)
        if polished_label and watched.textFormat() != Qt.TextFormat.PlainText:  # type: ignore[attr-defined]
            watched.setTextFormat(Qt.TextFormat.PlainText)  # type: ignore[attr-defined]
        return False


def plain_tooltip(text: str) -> str:
    """A tooltip showing `text` exactly (escaped inside explicit rich text: a tooltip has no format)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


_FILTER: PlainTextLabels | None = None


def install_plain_text(app: QApplication) -> None:
    """Once per application (idempotent)."""
    global _FILTER
    if _FILTER is None:
        _FILTER = PlainTextLabels(app)
        app.installEventFilter(_FILTER)
