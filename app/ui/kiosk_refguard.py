"""Keep a kiosk that runs for days alive on PySide6 6.12 + CPython 3.11.

Measured in this venv (PySide6 6.12.0, CPython 3.11.7): many PySide6 calls drop one reference to None
(e.g. QPainter.fillRect, QFont(), drawImage, every Python paintEvent override) and others to True/False,
without ever taking it. On CPython < 3.12 these singletons are ordinary objects, so after a few hundred
thousand painted frames None's count reaches 0 and the process aborts with "Fatal Python error:
none_dealloc" (the kiosk soak died after ~90 s at 8x speed; a real-time kiosk would die within hours).
CPython >= 3.12 makes None/True/False immortal, which is what this guard emulates: once a second it tops
their reference counts up by 2**30 when they fall below 2**20. Nothing is allocated; it is a no-op on
3.12+ and on debug builds (whose object header differs).
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

FLOOR = 1 << 20
TOP_UP = 1 << 30
GUARDED = (None, True, False)


def needed() -> bool:
    return sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount")


def top_up() -> int:
    """Raise the guarded singletons' counts when low; returns how many were topped up."""
    if not needed():
        return 0
    count = 0
    for obj in GUARDED:
        if sys.getrefcount(obj) < FLOOR:
            ctypes.c_ssize_t.from_address(id(obj)).value += TOP_UP  # ob_refcnt is the first field
            count += 1
    return count


def install(parent: QObject, interval_ms: int = 1000) -> QTimer | None:
    """Start the guard on the UI thread (one per window is harmless)."""
    if not needed():
        return None
    top_up()
    timer = QTimer(parent)
    timer.timeout.connect(top_up)
    timer.start(interval_ms)
    log.debug("reference guard for None/True/False installed (CPython %s)", sys.version.split()[0])
    return timer
