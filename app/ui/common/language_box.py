"""The Settings page's language choice: System / English / Deutsch / 日本語, saved as "display.language".

    box = LanguageBox()
    form.addRow(translate("MainWindow", "Language"), box)
    box.set_code(ctx.setting_value("display.language")); values["display.language"] = box.code()

The choice applies from the next start (the windows are built in one language); the pages say so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.ui.common.i18n import LANGUAGES, translate


class LanguageBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, name in LANGUAGES.items():
            # the languages are named in their own language; "System" in the current one
            self.addItem(translate("LanguageBox", "System") if code == "system" else name, code)
        self.setToolTip(
            translate("LanguageBox", "The language of the app and of XLSX/PDF reports (next start).")
        )
        self.setMaximumWidth(240)

    def set_code(self, code: object) -> None:
        index = self.findData(str(code))
        self.setCurrentIndex(max(index, 0))

    def code(self) -> str:
        return str(self.currentData())
