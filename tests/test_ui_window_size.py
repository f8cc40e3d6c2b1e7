"""The main window fits a 1366 x 768 laptop screen for every role (long pages scroll instead of growing)."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.policy.access import Role, Session
from app.ui.common.widgets import load_stylesheet
from app.ui.main_window import MainWindow
from tests.ui_access_support import make_window, sessions  # noqa: F401 (fixtures)

SCREEN = (1366, 768)
TITLE_BAR_AND_TASKBAR = 80  # what a desktop takes from the screen height


@pytest.mark.parametrize("role", [Role.ADMIN, Role.HR, Role.ENROLLER])
def test_the_window_fits_a_laptop_screen(
    role: Role, qapp, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    qapp.setStyleSheet(load_stylesheet())
    win = make_window(sessions[role])
    win.show()
    hint = win.minimumSizeHint()
    assert hint.width() <= SCREEN[0], hint
    assert hint.height() <= SCREEN[1] - TITLE_BAR_AND_TASKBAR, hint
