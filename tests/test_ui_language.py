"""The Settings page's language: saved in the database, audited, read back at the next start (and by the
kiosk command); the window built after it speaks the language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.context import AppContext
from app.core.settings import Settings
from app.core.settings_loader import effective_settings
from app.ui.app import apply_language
from app.ui.common import i18n
from app.ui.main_window import MainWindow


def test_language_saved_on_the_settings_page_applies_at_the_next_start(
    qtbot, qapp, ctx: AppContext, monkeypatch
) -> None:
    monkeypatch.setattr("app.ui.app.remember_choice", lambda code: None)  # not the user's QSettings
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    assert win.language_box.code() == "system"
    win.language_box.set_code("ja")
    assert win.save_settings()
    assert ctx._store.get_setting("ui.display.language") == "ja"
    assert effective_settings(ctx._store, Settings(data_dir=ctx.settings.data_dir)).display.language == "ja"
    assert any(
        e.action == "settings.change" and "display.language" in str(e.details) for e in ctx.audit_entries()
    )
    win.close()
    app = QCoreApplication.instance()
    try:
        apply_language(qapp, ctx)  # what run_gui does once the database is open
        assert i18n.current_language() == "ja"
        again = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
        qtbot.addWidget(again)
        assert again.sidebar.item(0).text() == "登録" and again.settings_save.text() == "設定を保存"
        again.close()
    finally:
        i18n.install_language(app, "system")
