"""The Today board page: present now, late today, not yet arrived (by shift), left, unknown faces today, with
a group filter; it keeps itself current while events are written — by this app, by a kiosk running in
another process, or by the cloud sync.

Every second (while the page is shown) a pool thread asks the TodayService for its change stamp (PRAGMA
data_version + this connection's changes: one cheap query); only when it moved is the board rebuilt, again
off the UI thread, and handed back through a queued signal.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.reports.today import TodayBoard, TodayService
from app.ui.common.background import run_in_background
from app.ui.common.core_texts import describe_error, long_date
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.common.plain_text import plain_tooltip

log = logging.getLogger(__name__)

POLL_MS = 1000
ALL_GROUPS = QT_TRANSLATE_NOOP("TodayView", "All groups")
STYLE = """
#todayTile { background: white; border: 1px solid #dde2e8; border-radius: 12px; }
#todayCount { font-size: 34px; font-weight: 700; color: #1d2733; }
#todayCaption { font-size: 16px; color: #3c4350; }
#todayTile[kind="present"] #todayCount { color: #14733a; }
#todayTile[kind="late"] #todayCount { color: #a15c00; }
#todayTile[kind="absent"] #todayCount { color: #1d4ea8; }
#todayTile[kind="unknown"] #todayCount { color: #b3261e; }
#todayListTitle { font-size: 18px; font-weight: 600; color: #1d2733; }
"""


Polled = tuple[object, object, float] | None  # (TodayBoard | Exception, stamp, seconds the rebuild took)


def _poll(service: TodayService, last: object, group: str | None, force: bool) -> Polled:
    """One poll on a pool thread: the stamp, and the board only if the stamp moved (or `force`); None when
    nothing changed."""
    try:
        stamp = service.stamp()
        if stamp == last and not force:
            return None
        t0 = time.perf_counter()
        board = service.board(group)
        return board, stamp, time.perf_counter() - t0
    except Exception as exc:  # a closed or busy database: shown on the page, retried next second
        log.warning("today board: %s", exc)
        return exc, None, 0.0


class _Tile(QFrame):
    def __init__(self, caption: str, kind: str) -> None:
        super().__init__()
        self.setObjectName("todayTile")
        self.setProperty("kind", kind)
        layout = QHBoxLayout(self)  # count beside its caption: the lists below keep the height
        layout.setContentsMargins(14, 4, 14, 4)
        layout.setSpacing(10)
        self.count = QLabel("–")
        self.count.setObjectName("todayCount")
        self.caption = QLabel(caption)
        self.caption.setObjectName("todayCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.count)
        layout.addWidget(self.caption, 1)


class _List(QWidget):
    """A titled read-only table of people."""

    def __init__(self, title: str, headers: list[str]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title)
        self.title.setObjectName("todayListTitle")
        layout.addWidget(self.title)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

    def fill(self, rows: list[list[str]]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(r, c, item)

    def texts(self) -> list[list[str]]:
        t = self.table
        return [
            [item.text() if (item := t.item(r, c)) is not None else "" for c in range(t.columnCount())]
            for r in range(t.rowCount())
        ]


def _hm(entry_time: Any) -> str:
    return f"{entry_time:%H:%M}" if entry_time is not None else "—"


class TodayView(QWidget):
    """The board. `service` is a TodayService on the app's store (built by the main window)."""

    updated = Signal(object)  # TodayBoard, after it is shown

    def __init__(self, service: TodayService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setStyleSheet(STYLE)
        self.board: TodayBoard | None = None
        self.last_rebuild_s = 0.0
        self._stamp: object = None
        self._busy = False
        self._force = True

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("TodayView", "Group")))
        self.group_box = QComboBox()
        self.group_box.addItem(translate("TodayView", ALL_GROUPS), None)
        self.group_box.setMinimumContentsLength(16)
        self.group_box.currentIndexChanged.connect(self._group_changed)
        bar.addWidget(self.group_box)
        bar.addStretch(1)
        self.status = QLabel(translate("TodayView", "Loading…"))
        self.status.setObjectName("hint")
        bar.addWidget(self.status)
        outer.addLayout(bar)

        tiles = QHBoxLayout()
        self.tiles = {
            "present": _Tile(translate("TodayView", "Present now"), "present"),
            "late": _Tile(translate("TodayView", "Late today"), "late"),
            "not_arrived": _Tile(translate("TodayView", "Not yet arrived"), "absent"),
            "left": _Tile(translate("TodayView", "Left"), "left"),
            "unknown": _Tile(translate("TodayView", "Unknown faces today"), "unknown"),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        outer.addLayout(tiles)

        self.present_list = _List(
            translate("TodayView", "Present now"),
            [
                translate("TodayView", "Name"),
                translate("TodayView", "Group"),
                translate("TodayView", "In since"),
            ],
        )
        self.late_list = _List(
            translate("TodayView", "Late today"),
            [
                translate("TodayView", "Name"),
                translate("TodayView", "Arrived"),
                translate("TodayView", "Late by"),
            ],
        )
        self.absent_list = _List(
            translate("TodayView", "Not yet arrived"),
            [
                translate("TodayView", "Name"),
                translate("TodayView", "Shift"),
                translate("TodayView", "Expected"),
            ],
        )
        self.left_list = _List(
            translate("TodayView", "Left"),
            [translate("TodayView", "Name"), translate("TodayView", "In"), translate("TodayView", "Left at")],
        )
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.present_list, 0, 0)
        grid.addWidget(self.absent_list, 0, 1)
        grid.addWidget(self.late_list, 1, 0)
        grid.addWidget(self.left_list, 1, 1)
        self.thumbs = QWidget()
        self.thumbs_layout = QHBoxLayout(self.thumbs)
        self.thumbs_layout.setContentsMargins(0, 0, 0, 0)
        self.thumbs.hide()
        grid.addWidget(self.thumbs, 2, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        outer.addWidget(scroll, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    # --- polling --------------------------------------------------------------------------------
    @property
    def group(self) -> str | None:
        data = self.group_box.currentData()
        return str(data) if data else None

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().hideEvent(event)

    def poll(self, force: bool = False) -> None:
        """Ask (off the UI thread) whether the database changed; rebuild the board when it did."""
        self._force = self._force or force
        if self._busy:
            return
        self._busy = True
        force, self._force = self._force, False
        service, stamp, group = self.service, self._stamp, self.group
        run_in_background(lambda: _poll(service, stamp, group, force), self._polled, parent=self)

    def _polled(self, polled: Polled) -> None:
        if polled is None:
            self._on_unchanged()
        else:
            self._on_ready(*polled)

    def _group_changed(self) -> None:
        self.poll(force=True)

    def _on_unchanged(self) -> None:
        self._busy = False
        if self._force:
            self.poll()

    def _on_ready(self, board: object, stamp: object, seconds: float) -> None:
        self._busy = False
        if isinstance(board, Exception):
            self.status.setText(
                translate("TodayView", "Cannot read today's attendance: {0}").format(describe_error(board))
            )
            self._force = True
            return
        assert isinstance(board, TodayBoard)
        if board.group != self.group:  # the filter changed while this board was built
            self._force = True
            self.poll()
            return
        self._stamp = stamp
        self.last_rebuild_s = seconds
        self.show_board(board)
        if self._force:
            self.poll()

    # --- showing --------------------------------------------------------------------------------
    def show_board(self, board: TodayBoard) -> None:
        self.board = board
        self._update_groups(board.groups)
        counts = {
            "present": len(board.present),
            "late": len(board.late),
            "not_arrived": len(board.not_arrived),
            "left": len(board.left),
            "unknown": board.unknown_count,
        }
        for key, tile in self.tiles.items():
            tile.count.setText(str(counts[key]))
        self.present_list.fill(
            [
                [
                    e.person.name,
                    e.groups,
                    _hm(e.first_in) + (translate("TodayView", " (late)") if e.late else ""),
                ]
                for e in board.present
            ]
        )
        self.late_list.fill(
            [
                [
                    e.person.name,
                    _hm(e.first_in),
                    translate("TodayView", "{late_minutes} min").format(late_minutes=e.late_minutes),
                ]
                for e in board.late
            ]
        )
        self.absent_list.fill([[e.person.name, e.shift, _hm(e.expected)] for e in board.not_arrived])
        self.left_list.fill([[e.person.name, _hm(e.first_in), _hm(e.last_event)] for e in board.left])
        self._show_thumbnails(board.unknown_thumbnails)
        self.status.setText(
            translate("TodayView", "{day} · updated {at}").format(
                day=long_date(board.day), at=f"{board.at:%H:%M:%S}"
            )
        )
        self.updated.emit(board)

    def _update_groups(self, groups: list[str]) -> None:
        current = [self.group_box.itemText(i) for i in range(1, self.group_box.count())]
        if current == groups:
            return
        chosen = self.group
        self.group_box.blockSignals(True)
        self.group_box.clear()
        self.group_box.addItem(translate("TodayView", ALL_GROUPS), None)
        for name in groups:
            self.group_box.addItem(name, name)
        index = self.group_box.findData(chosen) if chosen else 0
        self.group_box.setCurrentIndex(max(0, index))
        self.group_box.blockSignals(False)

    def _show_thumbnails(self, thumbnails: list[bytes]) -> None:
        while self.thumbs_layout.count():
            item = self.thumbs_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not thumbnails:
            self.thumbs.hide()
            return
        title = QLabel(translate("TodayView", "Unknown faces today"))
        title.setObjectName("todayListTitle")
        self.thumbs_layout.addWidget(title)
        for data in thumbnails:
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                label = QLabel()
                label.setPixmap(pixmap.scaled(56, 56, Qt.AspectRatioMode.KeepAspectRatio))
                self.thumbs_layout.addWidget(label)
        self.thumbs_layout.addStretch(1)
        self.thumbs.show()
