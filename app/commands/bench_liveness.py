"""`faceattend bench liveness`: run the liveness decision on videos (ISO/IEC 30107-3 figures).

    faceattend bench liveness --video FILE [--json]  -> {"decision", "passive_score", "seconds_to_decision"}
    faceattend bench liveness --folder DIR [--json]  -> {"apcer", "bpcer", "n_live", "n_spoof"}
      DIR/live/* are bona fide presentations, DIR/spoof/* attack presentations (videos).

A video is read until the decision is made (or it ends). An attempt still undecided at the end is
rejected ("spoof" with "undecided": true): a kiosk never admits without evidence. APCER = attacks
accepted as live / attacks; BPCER = bona fide rejected / bona fide.

The passive model: `--passive auto` (default) uses the installed anti-spoof models (faceattend models
import-antispoof) if any; `--passive off` runs the active checks only; `--passive DIR` loads the .onnx
models in DIR, or converts the MiniFASNet .pth files in DIR on the fly.

Registered under the `bench` group by app.commands.recognition (register_bench); also runnable alone:
    python -m app.commands.bench_liveness liveness --video FILE --json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.core.errors import FaceAttendError, ModelError
from app.core.landmarker import FaceLandmarker
from app.core.liveness import LivenessSession, PassiveScorer, Verdict
from app.core.models import ModelRegistry, shipped_models_dir, user_models_dir
from app.core.settings import LivenessSettings
from app.core.sources import VideoFileSource

log = logging.getLogger(__name__)

VIDEO_SUFFIXES = frozenset({".webm", ".mp4", ".avi", ".mkv", ".mov", ".m4v"})


def register_bench(benches: argparse._SubParsersAction) -> None:
    """Add `liveness` to the `bench` group's sub-parsers."""
    p = benches.add_parser("liveness", help="liveness decision on a video, or APCER/BPCER on a folder")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--video", type=Path, help="one video: its decision")
    target.add_argument("--folder", type=Path, help="a folder with live/ and spoof/ sub-folders of videos")
    p.add_argument("--passive", default="auto", help="auto | off | DIR with .onnx or MiniFASNet .pth files")
    p.add_argument("--strictness", choices=("lenient", "balanced", "strict"), default=None)
    p.add_argument("--max-seconds", type=float, default=None, help="give up (reject) after this video time")
    p.add_argument("--json", action="store_true", help="print the result as JSON on the last line")
    p.set_defaults(handler=cmd_bench_liveness)


def load_passive(spec: str) -> PassiveScorer | None:
    """The passive scorer named by --passive (None for off, or auto with nothing installed)."""
    from app.core.antispoof import PassiveAntiSpoof

    if spec == "off":
        return None
    if spec == "auto":
        registries = []
        for models_dir in (shipped_models_dir(), user_models_dir()):
            try:
                registries.append(ModelRegistry(models_dir))
            except ModelError:
                continue
        return PassiveAntiSpoof.from_registries(registries)
    folder = Path(spec)
    onnx = sorted(folder.glob("*.onnx"))
    if onnx:
        return PassiveAntiSpoof(onnx)
    pth = sorted(folder.glob("*.pth"))
    if not pth:
        raise FaceAttendError(f"No .onnx or .pth anti-spoof models in {folder}.")
    from app.core.antispoof_convert import convert_pth

    out = Path(tempfile.mkdtemp(prefix="faceattend-antispoof-"))
    paths = []
    for file in pth:
        converted = convert_pth(file)
        target = out / converted.info.file_name
        target.write_bytes(converted.onnx_bytes)
        paths.append(target)
    return PassiveAntiSpoof(paths)


def landmarker_path() -> Path:
    """The landmarker model, checked against the manifest (an altered file is refused, never loaded)."""
    return ModelRegistry().path("face_landmarker")


def run_video(
    path: Path,
    settings: LivenessSettings | None = None,
    passive: PassiveScorer | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """Decide one video. Returns the JSON-ready result (see the module doc)."""
    settings = settings or LivenessSettings()
    limit = max_seconds if max_seconds is not None else settings.max_observation_s
    session = LivenessSession(settings, passive=passive)
    decision = None
    frames = 0
    first_ts: int | None = None
    started = time.perf_counter()
    with (
        FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker,
        VideoFileSource(path) as src,
    ):
        for frame in src:
            if first_ts is None:
                first_ts = frame.timestamp_ms
            faces = landmarker.detect(frame.rgb, frame.timestamp_ms)
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            decision = session.update(frame.rgb, frame.timestamp_ms, face, faces_in_view=len(faces))
            frames += 1
            if decision.decided or (frame.timestamp_ms - first_ts) / 1000.0 >= limit:
                break
    cpu_s = time.perf_counter() - started
    if decision is None:
        raise FaceAttendError(f"{path.name}: no frames.")
    undecided = decision.verdict == Verdict.UNDECIDED
    return {
        "video": str(path),
        "decision": "spoof" if undecided else decision.verdict.value,
        "undecided": undecided,
        "passive_score": None if decision.passive_score is None else round(decision.passive_score, 4),
        "seconds_to_decision": round(decision.elapsed_s, 3),
        "frames": frames,
        "processing_s": round(cpu_s, 2),
        "reasons": decision.reasons,
        "evidence": {k: round(v, 4) for k, v in decision.evidence.items()},
    }


def run_folder(
    folder: Path,
    settings: LivenessSettings | None = None,
    passive: PassiveScorer | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    results: dict[str, list[dict[str, Any]]] = {}
    for label in ("live", "spoof"):
        sub = folder / label
        if not sub.is_dir():
            raise FaceAttendError(f"{folder} needs live/ and spoof/ sub-folders ({sub} is missing).")
        videos = sorted(p for p in sub.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
        results[label] = [run_video(v, settings, passive, max_seconds) for v in videos]
    live, spoof = results["live"], results["spoof"]
    if not live or not spoof:
        raise FaceAttendError(f"{folder}: live/ and spoof/ must each hold at least one video.")
    return {
        "apcer": round(sum(r["decision"] == "live" for r in spoof) / len(spoof), 4),
        "bpcer": round(sum(r["decision"] != "live" for r in live) / len(live), 4),
        "n_live": len(live),
        "n_spoof": len(spoof),
        "errors": [r["video"] for r in spoof if r["decision"] == "live"]
        + [r["video"] for r in live if r["decision"] != "live"],
    }


def cmd_bench_liveness(args: argparse.Namespace) -> int:
    settings = LivenessSettings()
    if args.strictness:
        settings = replace(settings, strictness=args.strictness)
    passive = load_passive(args.passive)
    mode = "passive + active" if passive is not None else "active only (no passive model)"
    if args.video:
        result = run_video(args.video, settings, passive, args.max_seconds)
        if not args.json:
            print(f"{args.video.name}: {result['decision']} after {result['seconds_to_decision']} s [{mode}]")
            for reason in result["reasons"]:
                print(f"  - {reason}")
        payload = {k: result[k] for k in ("decision", "passive_score", "seconds_to_decision")}
    else:
        payload = run_folder(args.folder, settings, passive, args.max_seconds)
        if not args.json:
            print(
                f"APCER {payload['apcer']:.2%} ({payload['n_spoof']} attacks), "
                f"BPCER {payload['bpcer']:.2%} ({payload['n_live']} bona fide) [{mode}]"
            )
    print(json.dumps(payload) if args.json else json.dumps(payload, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry: `python -m app.commands.bench_liveness liveness --video FILE`."""
    parser = argparse.ArgumentParser(prog="bench_liveness")
    register_bench(parser.add_subparsers(dest="bench", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        code: int = args.handler(args)
        return code
    except FaceAttendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
