"""The first-run database passphrase (no OS keyring): typed twice with a strength hint, in a dialog that
fits a 1366-pixel-wide screen whatever the message; an existing database asks once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from app.core.context import AppContext
from app.core.policy.passphrase import strength
from app.core.settings import Settings
from app.core.storage import Store
from app.ui.access.passphrase_dialog import PassphraseDialog

LAPTOP_WIDTH = 1366
LONG_MESSAGE = (
    "Cannot open the FaceAttend database in /home/reception-desk-computer/.local/share/faceattend/"
    "a-rather-long-folder-name-on-this-kiosk: No OS keyring is available, so the database is protected by "
    "a passphrase: set FACEATTEND_DB_PASSPHRASE or run interactively to be asked for it."
)


@pytest.mark.parametrize("new", [True, False])
def test_dialog_fits_a_laptop_screen(qtbot: Any, new: bool) -> None:
    dialog = PassphraseDialog(LONG_MESSAGE, new=new)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 600 < LAPTOP_WIDTH and dialog.sizeHint().width() <= 600
    assert dialog.height() < 700
    if not new:  # the message is shown whole (wrapped), not cut off
        assert dialog.intro.text() == LONG_MESSAGE and dialog.intro.wordWrap()
        assert dialog.intro.width() <= dialog.width()
    intro = dialog.intro  # tall enough for every wrapped line (a clipped message was the old defect)
    assert intro.height() >= intro.heightForWidth(intro.width())


def test_new_passphrase_is_typed_twice_with_a_hint(qtbot: Any) -> None:
    dialog = PassphraseDialog(LONG_MESSAGE, new=True)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.first.setText("short")
    assert "at least 8" in dialog.hint.text() and not dialog.ok_button.isEnabled()
    dialog.first.setText("correct horse battery")
    dialog.second.setText("correct horse batery")
    assert "differ" in dialog.hint.text() and not dialog.ok_button.isEnabled()
    dialog.second.setText("correct horse battery")
    assert dialog.ok_button.isEnabled() and "strong" in dialog.hint.text()
    dialog.first.setText("password")
    dialog.second.setText("password")
    assert "weak" in dialog.hint.text()
    assert strength("password").label == "weak" and strength("abc").label == "too short"


def test_first_run_asks_for_a_new_passphrase_then_an_existing_one(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import app as ui_app

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("FACEATTEND_DB_PASSPHRASE", raising=False)
    asked: list[bool] = []

    def fake_ask(message: str, new: bool, parent: object = None) -> str:
        asked.append(new)
        return "correct horse battery"

    monkeypatch.setattr(ui_app, "ask_passphrase", fake_ask)
    try:
        ctx = AppContext(Settings(data_dir=data_dir), background_sync=False)
        assert ui_app.open_context_interactively(ctx)
        ctx.close()
        ctx = AppContext(Settings(data_dir=data_dir), background_sync=False)
        assert ui_app.open_context_interactively(ctx)
        ctx.close()
        assert asked == [True, False]  # new database: typed twice; then once
        with Store.open(data_dir, passphrase="correct horse battery"):
            pass
    finally:
        keyring.set_keyring(previous)
