"""The desktop app's language: Qt translators from resources/i18n/faceattend_<lang>.qm and the QLocale that
formats dates, times and numbers.

    install_language(app, "de")      # at start, and again when the database's saved choice is known
    translate("People", "Save")      # outside a QObject (lupdate finds `translate("Context", "…")`)

The .ts sources live in resources/i18n/ and are compiled to .qm by `python tools/i18n.py compile` (run by
tools/setup.sh and the installer build); a source checkout whose .qm files are missing or older than their .ts
compiles them here on first use, when pyside6-lrelease is available. Texts that come from app/core (Qt-free)
are English; `core_text` translates the known ones under the context "Core".
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

# code -> the name shown in the language box (each in its own language; "system" is translated).
LANGUAGES: dict[str, str] = {"system": "System", "en": "English", "de": "Deutsch", "ja": "日本語"}
TRANSLATED = ("de", "ja")  # the languages with a .ts file; English is the source text
ENV_OVERRIDE = "FACEATTEND_LANGUAGE"  # e.g. screenshots: FACEATTEND_LANGUAGE=ja
_QSETTINGS_KEY = "display/language"  # the last choice, for the dialogs before the database is open

translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks `text` for extraction under `context` and returns it unchanged (translate it where it is shown).
    PySide6's own QT_TRANSLATE_NOOP does the same but is typed as returning object."""
    return text


_installed: list[QTranslator] = []


def i18n_dir() -> Path:
    """resources/i18n next to the source tree, or inside a frozen bundle (sys._MEIPASS)."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parents[3]
    return root / "resources" / "i18n"


def resolve_language(code: str) -> str:
    """ "system" → the OS language when it is translated, else "en"; an unknown code → "en"."""
    code = (code or "system").strip().lower()
    if code == "system":
        system = QLocale.system().name().split("_")[0].lower()
        return system if system in TRANSLATED else "en"
    return code if code in LANGUAGES else "en"


def lrelease_path() -> str | None:
    """pyside6-lrelease next to this Python (a venv), else on PATH."""
    here = Path(sys.executable).parent / ("pyside6-lrelease" + (".exe" if os.name == "nt" else ""))
    if here.exists():
        return str(here)
    return shutil.which("pyside6-lrelease")


def compile_catalogue(ts: Path, qm: Path) -> bool:
    """Compile one .ts into .qm with pyside6-lrelease; False (logged) when the tool is missing or fails."""
    tool = lrelease_path()
    if tool is None:
        log.warning("pyside6-lrelease not found: %s stays uncompiled", ts.name)
        return False
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if done.returncode != 0 or not qm.exists():
        log.warning("pyside6-lrelease failed on %s: %s", ts.name, done.stderr.strip())
        return False
    return True


def catalogue(language: str) -> Path | None:
    """The compiled catalogue for `language`, compiling it when it is missing or older than its source."""
    folder = i18n_dir()
    qm = folder / f"faceattend_{language}.qm"
    ts = folder / f"faceattend_{language}.ts"
    stale = ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime)
    if stale and os.access(folder, os.W_OK):
        compile_catalogue(ts, qm)
    return qm if qm.exists() else None


def saved_choice() -> str:
    """The language chosen last time (QSettings), for the passphrase dialog before the database opens."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return override
    value = QSettings("FaceAttend", "FaceAttend").value(_QSETTINGS_KEY, "system")
    return str(value or "system")


def remember_choice(code: str) -> None:
    QSettings("FaceAttend", "FaceAttend").setValue(_QSETTINGS_KEY, code)


def install_language(app: QCoreApplication, code: str) -> str:
    """Install the translators for `code` ("system", "en", "de", "ja"; FACEATTEND_LANGUAGE wins) and make
    its QLocale the default. Returns the language in force ("en" when its catalogue is missing)."""
    code = os.environ.get(ENV_OVERRIDE) or code
    language = resolve_language(code)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != "en":
        path = catalogue(language)
        translator = QTranslator(app)
        if path is None or not translator.load(str(path)):
            log.warning(
                "no translation for %s (resources/i18n/faceattend_%s.qm): English", language, language
            )
            language = "en"
        else:
            app.installTranslator(translator)
            _installed.append(translator)
            qt = QTranslator(app)  # Qt's own texts: message box buttons, context menus
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                _installed.append(qt)
    system_english = resolve_language(code) == "en" and code.strip().lower() in ("", "system")
    QLocale.setDefault(QLocale.system() if system_english else locale_for(language))
    return language


def locale_for(language: str) -> QLocale:
    return {
        "de": QLocale(QLocale.Language.German, QLocale.Country.Germany),
        "ja": QLocale(QLocale.Language.Japanese, QLocale.Country.Japan),
    }.get(language, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def current_language() -> str:
    """The language in force: "en", "de" or "ja" (from the default QLocale)."""
    name = QLocale().name().split("_")[0]
    return name if name in TRANSLATED else "en"
