"""Translations of the desktop app (Qt Linguist files in resources/i18n/).

    python tools/i18n.py update     # pyside6-lupdate over app/ui: new texts are "unfinished" in each .ts
    python tools/i18n.py compile    # pyside6-lrelease: each .ts -> .qm (setup.sh and the installer run this)
    python tools/i18n.py check      # every text translated in every language (exit 1 with the missing ones)

Edit the .ts files with Qt Linguist (pyside6-linguist) or a text editor; keep placeholders ({name}, %1, %n).
The .qm files are build output and are not committed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("de", "ja")
SOURCES = ROOT / "app" / "ui"


def tool(name: str) -> str:
    here = Path(sys.executable).parent / (name + (".exe" if os.name == "nt" else ""))
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this environment (bash tools/setup.sh)")
    return found


def source_files() -> list[str]:
    return [str(p) for p in sorted(SOURCES.rglob("*.py"))]


def update(ts_files: list[Path], no_obsolete: bool = True) -> None:
    """Extract the texts of app/ui into `ts_files` (existing translations are kept)."""
    args = [tool("pyside6-lupdate"), *source_files()]
    if no_obsolete:
        args.append("-no-obsolete")
    args += ["-locations", "none"]  # no line numbers: the .ts changes only when a text does
    args += ["-ts", *map(str, ts_files)]
    subprocess.run(args, check=True, capture_output=True, text=True)


def compile_all() -> list[Path]:
    out = []
    for language in LANGUAGES:
        ts = I18N / f"faceattend_{language}.ts"
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished, non-empty translation (plural forms too)."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
            text = (translation.text or "") if translation is not None else ""
            if kind == "unfinished" or not (any(forms) if forms else text.strip()):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="i18n", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.command == "update":
        I18N.mkdir(parents=True, exist_ok=True)
        update([I18N / f"faceattend_{language}.ts" for language in LANGUAGES])
        for language in LANGUAGES:
            ts = I18N / f"faceattend_{language}.ts"
            print(f"{ts.relative_to(ROOT)}: {len(untranslated(ts))} to translate")
        return 0
    if args.command == "compile":
        for qm in compile_all():
            print(f"compiled {qm.relative_to(ROOT)}")
        return 0
    bad = 0
    for language in LANGUAGES:
        for context, source in untranslated(I18N / f"faceattend_{language}.ts"):
            print(f"{language}: [{context}] {source!r}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
