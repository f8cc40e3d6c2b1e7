"""Smoke test of the BUILT FaceAttend bundle (dist/FaceAttend), not of the source tree.

    python installer/smoke_test.py [--bundle dist/FaceAttend] [--skip-kiosk]

Checks: `--version`; `verify` on two real photos (the demo portrait and a transformed copy, plus two LFW
photos of one person when ../shared exists) prints the same JSON as the source tree (`python main.py verify
... --json`); the kiosk runs 10 s on the demo source offscreen and exits cleanly; the desktop window (no
arguments) starts; a missing model file in a copy of the bundle is reported by name with a non-zero exit;
dev-only packages are absent. Measures the bundle size, the archive size and the cold start to the first
processed frame (`faceattend diag first-frame --source demo`). Prints the figures; the last line is one JSON
object. Exit status 0 only when every check passed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "installer"))

from bundle_filter import DEV_ONLY_MODULES, UNUSED_RUNTIME_MODULES  # noqa: E402

EXE_NAME = "faceattend.exe" if sys.platform == "win32" else "faceattend"
MISSING_MODEL = "face_landmarker.task"
PASSPHRASE = "smoke-test-passphrase-not-secret"


class Smoke:
    def __init__(self, bundle: Path, tmp: Path) -> None:
        self.bundle = bundle
        self.exe = bundle / EXE_NAME
        self.tmp = tmp
        self.results: dict[str, Any] = {}
        self.failures: list[str] = []

    def env(self, home: Path | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            FACEATTEND_HOME=str(home or self.tmp / "home"),
            FACEATTEND_DB_PASSPHRASE=PASSPHRASE,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no OS keyring on CI boxes
            GLOG_minloglevel="2",
        )
        return env

    def run(
        self, args: list[str], timeout: float = 120, exe: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe or self.exe), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(),
            cwd=self.tmp,
        )

    def check(self, name: str, fn: Callable[[], Any]) -> None:
        t0 = time.perf_counter()
        try:
            value = fn()
            ok = True
        except Exception as exc:  # a failed check is reported, the others still run
            value = f"FAIL: {exc}"
            ok = False
            self.failures.append(name)
        seconds = time.perf_counter() - t0
        self.results[name] = value
        print(f"[{'ok' if ok else 'FAIL'}] {name} ({seconds:.1f} s): {value}", flush=True)

    # --- checks ---------------------------------------------------------------------------------------------
    def version(self) -> str:
        sys.path.insert(0, str(ROOT))
        from app import __version__

        proc = self.run(["--version"], timeout=60)
        out = proc.stdout.strip()
        if proc.returncode != 0 or out != f"FaceAttend {__version__}":
            raise AssertionError(f"exit {proc.returncode}, stdout {out!r}, stderr {proc.stderr[-500:]!r}")
        return out

    def photo_pairs(self) -> list[tuple[str, Path, Path]]:
        import cv2
        import numpy as np

        demo = ROOT / "resources" / "demo" / "astronaut.png"
        bgr = cv2.imread(str(demo))
        if bgr is None:
            raise AssertionError(f"cannot read {demo}")
        h, w = bgr.shape[:2]
        # another "shot" of the same face: rotated, scaled, brighter, re-encoded as JPEG
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 7.0, 0.85)
        moved = cv2.warpAffine(bgr, matrix, (w, h), borderMode=cv2.BORDER_REFLECT)
        moved = np.clip(moved.astype(np.float32) * 1.15 + 10, 0, 255).astype(np.uint8)
        copy = self.tmp / "astronaut_transformed.jpg"
        cv2.imwrite(str(copy), moved, [cv2.IMWRITE_JPEG_QUALITY, 85])
        pairs = [("demo", demo, copy)]
        lfw = SHARED / "data" / "lfw"
        if (lfw / "pairs.txt").is_file():
            name, a, b = (lfw / "pairs.txt").read_text().splitlines()[1].split("\t")
            folder = lfw / "lfw-deepfunneled" / name
            pairs.append(("lfw", folder / f"{name}_{int(a):04d}.jpg", folder / f"{name}_{int(b):04d}.jpg"))
        return pairs

    def verify_same_as_source(self, a: Path, b: Path) -> dict[str, Any]:
        bundled = self.run(["verify", str(a), str(b), "--json"])
        if bundled.returncode != 0:
            raise AssertionError(f"bundle exit {bundled.returncode}: {bundled.stderr[-800:]}")
        source = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "verify", str(a), str(b), "--json"],
            capture_output=True,
            text=True,
            timeout=120,
            env=self.env(),
            cwd=ROOT,
        )
        if source.returncode != 0:
            raise AssertionError(f"source tree exit {source.returncode}: {source.stderr[-800:]}")
        got = json.loads(bundled.stdout.strip().splitlines()[-1])
        want = json.loads(source.stdout.strip().splitlines()[-1])
        if got != want:
            raise AssertionError(f"bundle {got} != source {want}")
        if not got["same_person"]:
            raise AssertionError(f"two photos of one person not matched: {got}")
        return got

    def kiosk(self, seconds: float = 10.0) -> str:
        home = self.tmp / "kiosk-home"
        help_text = self.run(["kiosk", "--help"], timeout=60).stdout
        for flag in ("--source", "--windowed", "--seconds"):
            if flag not in help_text:
                raise AssertionError(f"`kiosk --help` has no {flag}")
        proc = subprocess.run(
            [str(self.exe), "kiosk", "--source", "demo", "--windowed", "--seconds", str(seconds)],
            capture_output=True,
            text=True,
            timeout=seconds + 90,
            env=self.env(home),
            cwd=self.tmp,
        )
        summary = [line for line in proc.stdout.splitlines() if line.startswith("kiosk:")]
        if proc.returncode != 0 or not summary:
            raise AssertionError(
                f"exit {proc.returncode}; stdout {proc.stdout[-400:]!r}; {proc.stderr[-800:]}"
            )
        # "kiosk: N frames shown, M processed, K decisions"
        words = summary[-1].replace(",", "").split()
        shown, processed = int(words[1]), int(words[4])
        if shown <= 0 or processed <= 0:
            raise AssertionError(f"no frames went through the kiosk: {summary[-1]}")
        for bad in ("Traceback", "Segmentation fault", "Could not load the Qt platform plugin"):
            if bad in proc.stderr:
                raise AssertionError(f"{bad!r} in the kiosk's stderr: {proc.stderr[-800:]}")
        return summary[-1]

    def gui_starts(self, seconds: float = 8.0) -> str:
        """`faceattend` with no arguments opens the desktop window and keeps running."""
        proc = subprocess.Popen(
            [str(self.exe)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(self.tmp / "gui-home"),
            cwd=self.tmp,
        )
        try:
            proc.wait(timeout=seconds)
            _out, err = proc.communicate()
            raise AssertionError(f"the desktop app exited early with {proc.returncode}: {err[-800:]}")
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            _out, err = proc.communicate()
        if "Traceback" in err:
            raise AssertionError(f"traceback from the desktop app: {err[-800:]}")
        return f"running after {seconds:.0f} s"

    def missing_model(self, photo: Path) -> str:
        copy = self.tmp / "bundle-copy"
        try:  # hard links: fast, no extra space; deleting a link leaves dist/ untouched
            shutil.copytree(self.bundle, copy, symlinks=True, copy_function=os.link)
        except OSError:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(self.bundle, copy, symlinks=True)
        models = [p for p in copy.rglob(MISSING_MODEL) if p.parent.name == "models"]
        if len(models) != 1:
            raise AssertionError(f"expected one models/{MISSING_MODEL} in the bundle, found {models}")
        models[0].unlink()
        proc = self.run(["verify", str(photo), str(photo)], timeout=120, exe=copy / EXE_NAME)
        message = (proc.stderr + proc.stdout).strip()
        if proc.returncode == 0 or MISSING_MODEL not in message:
            raise AssertionError(f"exit {proc.returncode}, output {message[-600:]!r}")
        if "Traceback" in message:
            raise AssertionError(f"a traceback instead of a message: {message[-600:]}")
        line = next(line for line in message.splitlines() if MISSING_MODEL in line)
        return f"exit {proc.returncode}: {line.strip()}"

    def contents(self) -> dict[str, Any]:
        """Dev-only packages are absent; models, resources and the Qt plugins the app needs are present."""
        internal = self.bundle / "_internal"
        base = internal if internal.is_dir() else self.bundle
        needed = [
            "models/manifest.json",
            f"models/{MISSING_MODEL}",
            "models/dlib_face_recognition_resnet_v1.onnx",
            "models/antispoof_minifasnet_v2_2.7_80x80.onnx",
            "models/antispoof_minifasnet_v1se_4_80x80.onnx",
            "models/LICENSE-MiniFASNet.txt",
            "resources/demo/astronaut.png",
            "resources/style.qss",
        ]
        if sys.platform.startswith("linux"):
            plugins = "PySide6/Qt/plugins"
            needed += [
                f"{plugins}/platforms/libqoffscreen.so",
                f"{plugins}/platforms/libqxcb.so",
                "mediapipe/tasks/c/libmediapipe.so",
            ]
        missing = [n for n in needed if not (base / n).exists()]
        if missing:
            raise AssertionError(f"missing from the bundle: {missing}")
        # left out on purpose (bundle_filter.py): Qt Multimedia's FFmpeg backend + QtQuick/Qml, OpenCV's
        # Qt 5 xcb platform plugin, Qt's translations but the German and Japanese qtbase ones
        dropped = [
            n
            for n in (
                "PySide6/Qt/plugins/multimedia",
                "PySide6/Qt/lib/libQt6Quick.so.6",
                "cv2/qt",
            )
            if (base / n).exists()
        ]
        dropped += [p.name for p in base.glob("*libQt5XcbQpa*")]
        qt_translations = {p.name for p in (base / "PySide6/Qt/translations").glob("*")}
        dropped += sorted(qt_translations - {"qtbase_de.qm", "qtbase_ja.qm"})
        catalogues = [f"resources/i18n/faceattend_{language}.qm" for language in ("de", "ja")]
        missing = [n for n in catalogues if not (base / n).is_file()]
        if missing:
            raise AssertionError(f"the app's translations are missing from the bundle: {missing}")
        if sys.platform.startswith("linux") and dropped:
            raise AssertionError(f"dropped files came back into the bundle: {dropped}")
        dangling = [str(p.relative_to(base)) for p in base.rglob("*") if p.is_symlink() and not p.exists()]
        if dangling:
            raise AssertionError(f"dangling symlinks in the bundle: {dangling[:10]}")
        top_level = {p.name.split(".")[0] for p in base.iterdir()}
        names: set[str] = set(top_level)
        try:
            from PyInstaller.archive.readers import pkg_archive_contents

            names |= {n.split(".")[0] for n in pkg_archive_contents(str(self.exe))}
            modules = set(pkg_archive_contents(str(self.exe)))
        except Exception:  # PyInstaller not importable here: file names only
            modules = set()
        leaked = sorted(
            m
            for m in (*DEV_ONLY_MODULES, *UNUSED_RUNTIME_MODULES)
            if ("." in m and m in modules) or ("." not in m and m in names)
        )
        if leaked:
            raise AssertionError(f"dev/test-only packages in the bundle: {leaked}")
        return {"dev_only_absent": True, "pyz_modules": len(modules)}

    def video_sources(self) -> dict[str, Any]:
        """OpenCV in the bundle: VideoCapture on a .webm (FFmpeg + libvpx inside opencv_contrib_python.libs;
        the frame then goes through warpAffine/resize/cvtColor and both models; `bench liveness` on it runs
        goodFeaturesToTrack + calcOpticalFlowPyrLK), and a camera index that does not exist gives the app's
        message, not a crash. (warpPerspective, findHomography, perspectiveTransform, Laplacian, convexHull
        and fillConvexPoly run in the kiosk check.)"""
        import cv2
        import numpy as np

        bgr = cv2.imread(str(ROOT / "resources" / "demo" / "astronaut.png"))
        if bgr is None:
            raise AssertionError("cannot read the demo portrait")
        h, w = bgr.shape[:2]
        clip = self.tmp / "moving.webm"
        fourcc = cv2.VideoWriter.fourcc(*"VP80")
        writer = cv2.VideoWriter(str(clip), fourcc, 10, (w, h))
        for i in range(10):
            shift = np.array([[1, 0, 2 * i], [0, 1, i]], dtype=np.float32)
            writer.write(cv2.warpAffine(bgr, shift, (w, h), borderMode=cv2.BORDER_REFLECT))
        writer.release()
        if not clip.is_file() or clip.stat().st_size < 1000:
            raise AssertionError(f"could not write the test clip {clip}")
        proc = self.run(["diag", "first-frame", "--source", str(clip), "--json"])
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise AssertionError(f".webm: exit {proc.returncode}: {proc.stderr[-600:]}")
        webm = json.loads(lines[-1])
        if webm.get("faces", 0) < 1:
            raise AssertionError(f"no face in the .webm's first frame: {webm}")
        # the active liveness checks on the clip: goodFeaturesToTrack + calcOpticalFlowPyrLK (a shifted still
        # photo, so the decision itself does not matter, only that one is made)
        bench = self.run(["bench", "liveness", "--video", str(clip), "--passive", "off", "--json"])
        lines = [line for line in bench.stdout.splitlines() if line.startswith("{")]
        if bench.returncode != 0 or not lines or "decision" not in json.loads(lines[-1]):
            raise AssertionError(f"bench liveness: exit {bench.returncode}: {bench.stderr[-600:]}")
        liveness = json.loads(lines[-1])
        camera = self.run(["diag", "first-frame", "--source", "9", "--json"])
        message = [line for line in camera.stderr.splitlines() if line.startswith("error:")]
        if camera.returncode == 0 or not message or "Traceback" in camera.stderr:
            raise AssertionError(f"camera 9: exit {camera.returncode}: {camera.stderr[-600:]}")
        return {
            "webm": f"{webm['source']} faces={webm['faces']}",
            "liveness": liveness["decision"],
            "camera_9": message[-1],
        }

    def first_frame(self, runs: int = 3) -> dict[str, Any]:
        """Wall time from process start to the first processed frame (the diag command's JSON line)."""
        times: list[float] = []
        detail: dict[str, Any] = {}
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [str(self.exe), "diag", "first-frame", "--source", "demo", "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=self.env(),
                cwd=self.tmp,
            )
            assert proc.stdout is not None
            line = proc.stdout.readline()
            elapsed = time.perf_counter() - t0
            _out, err = proc.communicate(timeout=60)
            if proc.returncode != 0 or not line.startswith("{"):
                raise AssertionError(f"exit {proc.returncode}: {line!r} {err[-600:]}")
            detail = json.loads(line)
            if detail.get("faces", 0) < 1:
                raise AssertionError(f"no face in the demo source's first frame: {detail}")
            times.append(elapsed)
        return {
            "cold_s": round(times[0], 2),
            "warm_s": round(min(times[1:] or times), 2),
            "last_run": detail,
        }


def du_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "FaceAttend")
    parser.add_argument("--skip-kiosk", action="store_true", help="skip the 10 s kiosk and GUI runs")
    parser.add_argument("--kiosk-seconds", type=float, default=10.0)
    args = parser.parse_args(argv)

    bundle = args.bundle.resolve()
    if not (bundle / EXE_NAME).is_file():
        print(f"no built bundle at {bundle} (run python installer/build.py first)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="faceattend-smoke-") as tmp_name:
        smoke = Smoke(bundle, Path(tmp_name))
        smoke.check("version", smoke.version)
        smoke.check("contents", smoke.contents)
        pairs: list[tuple[str, Path, Path]] = []

        def collect_photos() -> list[str]:
            pairs.extend(smoke.photo_pairs())
            return [f"{n}: {a.name} vs {b.name}" for n, a, b in pairs]

        smoke.check("photos", collect_photos)
        for name, a, b in pairs:
            smoke.check(f"verify_{name}", functools.partial(smoke.verify_same_as_source, a, b))
        smoke.check("first_frame", smoke.first_frame)
        smoke.check("video_sources", smoke.video_sources)
        if not args.skip_kiosk:
            smoke.check("kiosk", lambda: smoke.kiosk(args.kiosk_seconds))
            smoke.check("gui", smoke.gui_starts)
        smoke.check(
            "missing_model", lambda: smoke.missing_model(ROOT / "resources" / "demo" / "astronaut.png")
        )

    bundle_mb = round(du_bytes(bundle) / 1e6, 1)
    archives = [*sorted(bundle.parent.glob("FaceAttend-*.tar.gz")), *sorted(bundle.parent.glob("*.zip"))]
    archive_mb = round(archives[-1].stat().st_size / 1e6, 1) if archives else None
    first = smoke.results.get("first_frame")
    summary: dict[str, Any] = {
        "ok": not smoke.failures,
        "failures": smoke.failures,
        "bundle_mb": bundle_mb,
        "bundle_goal_mb": 400,
        "archive": archives[-1].name if archives else None,
        "archive_mb": archive_mb,
        "cold_start_first_frame_s": first.get("cold_s") if isinstance(first, dict) else None,
        "warm_start_first_frame_s": first.get("warm_s") if isinstance(first, dict) else None,
        "first_frame_goal_s": 3.0,
        "smoke_s": round(time.perf_counter() - started, 1),
    }
    print(f"bundle size: {bundle_mb} MB (goal < 400 MB); archive: {archive_mb} MB")
    print(
        f"cold start to first frame: {summary['cold_start_first_frame_s']} s "
        f"(second run {summary['warm_start_first_frame_s']} s; goal <= 3 s)"
    )
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
