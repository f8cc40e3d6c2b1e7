"""Translations: every UI text goes through Qt's translation calls, German and Japanese are complete, and the
language setting changes what the app says and how it writes dates."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.core.liveness.decision import MORE_LIGHT

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "app" / "ui"
sys.path.insert(0, str(ROOT / "tools"))
import i18n as i18n_tool  # noqa: E402  (tools/i18n.py)

# Where a user-visible text goes: Qt constructors (first argument), setters, message boxes, our helpers.
CONSTRUCTORS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton"}
SETTERS = {
    "setText": 0,
    "setWindowTitle": 0,
    "setPlaceholderText": 0,
    "setToolTip": 0,
    "setSuffix": 0,
    "setPrefix": 0,
    "setSpecialValueText": 0,
    "setTitle": 0,
    "addItem": 0,
    "insertItem": 1,
    "addRow": 0,
    "addTab": 1,
    "setTabText": 1,
    "addButton": 0,
    "setInformativeText": 0,
    "showMessage": 0,
    "setHorizontalHeaderLabels": 0,
}
FUNCTIONS = {
    "say": (1,),
    "_page": (0,),
    "show_error": (1, 2),
    "critical": (1, 2),
    "warning": (1, 2),
    "information": (1, 2),
    "question": (1, 2),
    "getText": (1, 2),
    "getOpenFileName": (1,),
    "getSaveFileName": (1,),
}
# (file, text) pairs that are not words to translate (product names, symbols).
ALLOWED = {
    ("*", "FaceAttend"),
    ("*", "OK"),  # Qt's own button text where a standard button is not used
    ("sync_panel.py", "https://sync.example.org"),  # an example address
}


def _words(node: ast.expr) -> list[str]:
    """The literal texts with letters in an argument (conditional expressions and lists looked into)."""
    if isinstance(node, ast.IfExp):
        return _words(node.body) + _words(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [w for e in node.elts for w in _words(e)]
    if isinstance(node, ast.BinOp):
        return _words(node.left) + _words(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[A-Za-z]{2,}", node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [text] if re.search(r"[A-Za-z]{2,}", text) else []
    return []


def untranslated_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        positions: tuple[int, ...] = ()
        if isinstance(func, ast.Name) and name in CONSTRUCTORS:
            positions = (0,)
        elif isinstance(func, ast.Attribute) and name in SETTERS:
            positions = (SETTERS[name],)
        elif name in FUNCTIONS:
            positions = FUNCTIONS[name]
        for pos in positions:
            if pos < len(node.args):
                for text in _words(node.args[pos]):
                    if (path.name, text) not in ALLOWED and ("*", text) not in ALLOWED:
                        found.append(f"{path.name}:{node.lineno}: {text!r}")
    return found


def test_no_literal_text_reaches_a_widget_untranslated() -> None:
    problems = [p for path in sorted(UI.rglob("*.py")) for p in untranslated_literals(path)]
    assert not problems, "wrap these in self.tr()/translate():\n" + "\n".join(problems)


def test_the_check_finds_a_bare_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label = QLabel("Hello")\nok = QLabel(translate("X", "Fine"))\nbox.setText(f"{n} people")\n'
        'say(msg, "Saved" if a else translate("X", "No"), "pass")\n',
        "utf-8",
    )
    assert [p.split(": ", 1)[1] for p in untranslated_literals(sample)] == [
        "'Hello'",
        "' people'",
        "'Saved'",
    ]


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None
    and not i18n_tool.Path(sys.executable).parent.joinpath("pyside6-lupdate").exists(),
    reason="pyside6-lupdate is not installed",
)
@pytest.mark.parametrize("language", i18n_tool.LANGUAGES)
def test_every_ui_text_is_translated(tmp_path: Path, language: str) -> None:
    """lupdate over today's sources into a copy of the shipped .ts: a new or changed text is 'unfinished'."""
    ts = tmp_path / f"faceattend_{language}.ts"
    shutil.copy(i18n_tool.I18N / ts.name, ts)
    i18n_tool.update([ts])
    missing = i18n_tool.untranslated(ts)
    assert not missing, (
        f"{len(missing)} texts lack a {language} translation (python tools/i18n.py update):\n"
        + ("\n".join(f"[{c}] {s!r}" for c, s in missing[:40]))
    )


@pytest.mark.parametrize("language", i18n_tool.LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    """{name}, {0}, %1 and %n in a source are in its translation too (a lost one would crash .format)."""
    import xml.etree.ElementTree as ET

    bad = []
    for message in ET.parse(i18n_tool.I18N / f"faceattend_{language}.ts").getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        wanted = set(re.findall(r"\{[^{}]*\}|%\d|%n", source))
        have = set(re.findall(r"\{[^{}]*\}|%\d|%n", text))
        if wanted != have:
            bad.append(f"{source!r} -> {text!r}")
    assert not bad, "\n".join(bad)


def test_compile_then_german_and_japanese_are_spoken(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from app.ui.common import i18n

    for language in i18n_tool.LANGUAGES:
        ts = i18n_tool.I18N / f"faceattend_{language}.ts"
        assert i18n.compile_catalogue(ts, tmp_path / f"faceattend_{language}.qm")
    app = QCoreApplication.instance()
    assert app is not None
    try:
        assert i18n.install_language(app, "de") == "de"
        assert i18n.translate("UsersView", "Add user…") == "Benutzer hinzufügen…"
        assert QLocale().toString(date(2026, 3, 9), QLocale.FormatType.ShortFormat) == "09.03.26"
        # texts from app/core (English there) shown translated: a report header, a known error message
        from app.core.errors import FaceAttendError
        from app.ui.common.core_texts import core_text, describe_error, short_date

        assert core_text("Hours worked") == "Stunden" and short_date(date(2026, 3, 9)) == "09.03.2026"
        assert (
            describe_error(FaceAttendError("Enter the person's name."))
            == "Geben Sie den Namen der Person ein."
        )
        assert describe_error(FaceAttendError("Photo x.jpg is unreadable.")) == "Photo x.jpg is unreadable."
        from app.core.errors import SourceError

        lost = SourceError.said("Camera {index} stopped sending frames (unplugged?).", index=2)
        assert str(lost) == "Camera 2 stopped sending frames (unplugged?)."  # logs and the CLI: English
        assert describe_error(lost) == "Kamera 2 liefert keine Bilder mehr (ausgesteckt?)."  # with its value
        from app.ui.kiosk.texts import band_for

        assert band_for([], 0.0).title == "Bitte in die Kamera schauen"  # the kiosk's idle instruction
        # the enrolment's guidance: quality, the challenge, and a dark room's reason
        assert core_text("Too dark: add light in front of you.").startswith("Zu dunkel:")
        assert core_text("Blink your eyes.") == "Blinzeln Sie."
        assert core_text(MORE_LIGHT).startswith("Mehr Licht, bitte")
        # a failed liveness check's message, assembled in app/core from several sentences and values
        from app.core.liveness import decision
        from app.core.liveness.challenge import PROMPTS, TOO_SLOW, WRONG_WAY, ChallengeAction
        from app.ui.common.core_texts import core_message

        slow = decision.CHALLENGE_FAILED.format(reason=TOO_SLOW.format(prompt=PROMPTS[ChallengeAction.BLINK]))
        assert core_message(slow) == (
            "Aufgabe nicht bestanden: Zu langsam: „Blinzeln Sie.“ wurde nicht rechtzeitig ausgeführt."
        )
        two = " ".join(
            [
                decision.PASSIVE_LOW.format(score="0.31", threshold="0.50"),
                decision.CHALLENGE_FAILED.format(reason=WRONG_WAY),
            ]
        )
        assert core_message(two) == (
            "Passives Modell: Lebendwahrscheinlichkeit 0,31 < 0,50. "  # German decimals (was "0.31 < 0.50")
            "Aufgabe nicht bestanden: In die falsche Richtung gedreht."
        )
        flat = decision.FLAT.format(residual="0.016", limit="0.020")
        assert core_message(flat).endswith("(Rest 0,016 <= 0,020).")  # the decimals app/core gave, kept
        timed_out = f"{decision.TIMED_OUT.format(seconds='10')} {decision.BLINK_NOT_SEEN}"
        assert (
            core_message(timed_out)
            == "Zeitüberschreitung nach 10 s. Blinzeln Sie (noch kein Blinzeln erkannt)."
        )
        assert core_message("Photo x.jpg is unreadable.") == "Photo x.jpg is unreadable."  # unknown: as it is
        assert i18n.install_language(app, "ja") == "ja"
        assert i18n.translate("UsersView", "Add user…") == "ユーザーを追加…"
        assert "0.31 < 0.50" in core_message(decision.PASSIVE_LOW.format(score="0.31", threshold="0.50"))
        assert i18n.current_language() == "ja"
        assert short_date(date(2026, 3, 9)) == "2026/03/09"
    finally:
        i18n.install_language(app, "system")  # as the other tests expect (the test machine's English)
    assert i18n.translate("UsersView", "Add user…") == "Add user…"


def test_the_catalogue_lists_every_enrolment_guidance_text() -> None:
    """What the enrolment tells the person in front of the camera comes from app/core in English and is shown
    through core_text: each of those texts must be in the catalogue (a new prompt without an entry fails here,
    instead of appearing in English in a German or Japanese UI)."""
    from app.core.enrolment.liveness import NOT_AVAILABLE
    from app.core.enrolment.session import SESSION_TEXTS
    from app.core.liveness.challenge import DONE, FAILURES, PROMPTS
    from app.core.liveness.decision import GUIDANCE, REASONS
    from app.core.vision.quality import INSTRUCTIONS
    from app.ui.common.core_texts import CORE_TEXTS

    texts = (
        *INSTRUCTIONS,
        *SESSION_TEXTS,
        *PROMPTS.values(),
        DONE,
        *GUIDANCE,
        NOT_AVAILABLE,
        *REASONS,
        *FAILURES,
    )
    assert [t for t in texts if t not in CORE_TEXTS] == []


def test_an_unknown_language_falls_back_to_english(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.ui.common import i18n

    app = QCoreApplication.instance()
    assert app is not None
    try:
        assert i18n.install_language(app, "xx") == "en"
    finally:
        i18n.install_language(app, "system")
    assert i18n.resolve_language("DE") == "de"


def test_tool_check_reports_untranslated(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de_DE"><context>'
        "<name>A</name><message><source>Yes</source><translation>Ja</translation></message>"
        '<message><source>No</source><translation type="unfinished"></translation></message>'
        "<message><source>Maybe</source><translation></translation></message></context></TS>",
        "utf-8",
    )
    assert i18n_tool.untranslated(ts) == [("A", "No"), ("A", "Maybe")]


def test_setup_compiles_the_catalogues() -> None:
    """A fresh clone has no .qm (build output): tools/setup.sh compiles them, the installer build too."""
    assert "tools/i18n.py compile" in (ROOT / "tools" / "setup.sh").read_text("utf-8")
    assert '"i18n.py"' in (ROOT / "installer" / "build.py").read_text("utf-8")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "resources/i18n/faceattend_de.qm"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0
