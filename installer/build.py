"""Build the FaceAttend one-folder bundle: `python installer/build.py` -> dist/FaceAttend/ (+ an archive).

Writes only under build/ (PyInstaller's work dir) and dist/ (the bundle and the archive), both git-ignored.
On Linux the archive is dist/FaceAttend-<version>-linux-<arch>.tar.gz; on Windows/macOS a .zip of the folder
(the Windows installer itself is made by Inno Setup from installer/windows/faceattend.iss, see the README).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

log = logging.getLogger("faceattend.build")

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "faceattend.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_NAME = "FaceAttend"


def app_version() -> str:
    sys.path.insert(0, str(ROOT))
    from app import __version__

    return str(__version__)


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(clean: bool) -> None:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        "--log-level",
        "WARN",
    ]
    if clean:
        cmd.append("--clean")
    log.info("running %s", " ".join(cmd))
    env = dict(os.environ, PYTHONHASHSEED="0", QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def make_archive(bundle: Path, version: str) -> Path:
    tag = platform_tag()
    if sys.platform.startswith("linux"):
        archive = DIST / f"{APP_NAME}-{version}-{tag}.tar.gz"
        tmp = archive.with_suffix(".tmp")
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=APP_NAME)
        tmp.replace(archive)
        return archive
    base = DIST / f"{APP_NAME}-{version}-{tag}"
    return Path(shutil.make_archive(str(base), "zip", root_dir=DIST, base_dir=APP_NAME))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-archive", action="store_true", help="skip the compressed archive")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    version = app_version()
    bundle = DIST / APP_NAME
    started = time.perf_counter()
    # the translations ship compiled (resources/i18n/*.qm are build output, not in git)
    subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "compile"], check=True)
    run_pyinstaller(args.clean)
    build_s = time.perf_counter() - started
    if not (bundle / ("faceattend.exe" if sys.platform == "win32" else "faceattend")).is_file():
        log.error("PyInstaller finished but %s has no faceattend executable", bundle)
        return 1

    result: dict[str, object] = {
        "version": version,
        "bundle": str(bundle.relative_to(ROOT)),
        "bundle_mb": round(dir_size(bundle) / 1e6, 1),
        "pyinstaller_s": round(build_s, 1),
    }
    if not args.no_archive:
        t0 = time.perf_counter()
        archive = make_archive(bundle, version)
        result["archive"] = str(archive.relative_to(ROOT))
        result["archive_mb"] = round(archive.stat().st_size / 1e6, 1)
        result["archive_s"] = round(time.perf_counter() - t0, 1)
    result["total_s"] = round(time.perf_counter() - started, 1)
    (WORK / "build-result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log.info("bundle %s: %s MB", result["bundle"], result["bundle_mb"])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
