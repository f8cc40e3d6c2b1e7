"""Setup shared by the offscreen Qt tools (benches and screenshots): an in-memory keyring, the
QApplication and a throw-away data directory; and the hard exit that skips interpreter teardown.

Imported from a tool's main() once the tool has put the repository root on sys.path.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from PySide6.QtWidgets import QApplication

from app.core.settings import Settings


def start_gui(
    prefix: str, *, stylesheet: bool = False, keyring_in_memory: bool = True
) -> tuple[QApplication, Settings]:
    """The application (styled like the app with `stylesheet`) and Settings on a new temporary data dir.

    The OS keyring is replaced by one held in memory (the machine may have none) unless told otherwise.
    """
    if keyring_in_memory:
        import keyring

        from tests.conftest import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if stylesheet:
        from app.ui.common.widgets import load_stylesheet

        app.setStyleSheet(load_stylesheet())
    return app, Settings(data_dir=Path(tempfile.mkdtemp(prefix=prefix)))


def exit_after(main: Callable[[], int]) -> NoReturn:
    """Run `main`, then exit without interpreter teardown (MediaPipe/Qt objects can crash when finalised)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
