"""`faceattend bench liveness`: run the liveness decision on videos and photos (ISO/IEC 30107-3 figures).

    faceattend bench liveness --video FILE [--json]  -> {"decision", "passive_score", "seconds_to_decision"}
    faceattend bench liveness --folder DIR [--json]  -> {"apcer", "bpcer", "auc", "apcer_at_bpcer_5", counts}
      DIR/live/** are bona fide presentations, DIR/spoof/** attack presentations: videos and photos mixed.

A video is read until the decision is made (or it ends): "live", "spoof" (a spoof cue), or "undecided"
(the input ended before any evidence; a kiosk keeps prompting and admits no one meanwhile). A photo is
judged by the passive model alone (app.core.evaluation.liveness). APCER = attacks decided live / attacks;
BPCER = bona fide not decided live / bona fide; AUC and APCER at BPCER 5 % are taken on the passive scores.
`--cache FILE` keeps photo scores (keyed by the models' sha256) so a rerun over LFW is cheap.

The passive model: `--passive auto` (default) uses the bundled ensemble, overridden by imported models;
`--passive off` runs the active checks only; `--passive DIR` loads the .onnx models in DIR, or converts
the MiniFASNet .pth files in DIR on the fly.

Registered under the `bench` group by app.commands.recognition (register_bench); also runnable alone:
    python -m app.commands.bench_liveness liveness --video FILE --json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from app.core.errors import FaceAttendError
from app.core.evaluation.liveness import (
    PHOTO_PREPARATION,
    VIDEO_SUFFIXES,
    landmarker_path,
    load_cache,
    run_folder,
    run_video,
    save_cache,
)
from app.core.liveness import PassiveScorer
from app.core.settings import LivenessSettings

log = logging.getLogger(__name__)

__all__ = ["VIDEO_SUFFIXES", "landmarker_path", "load_passive", "main", "run_folder", "run_video"]


def register_bench(benches: argparse._SubParsersAction) -> None:
    """Add `liveness` to the `bench` group's sub-parsers."""
    p = benches.add_parser("liveness", help="liveness decision on a video, or APCER/BPCER on a folder")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--video", type=Path, help="one video: its decision")
    target.add_argument(
        "--folder", type=Path, help="a folder with live/ and spoof/ sub-folders of videos and photos"
    )
    p.add_argument("--passive", default="auto", help="auto | off | DIR with .onnx or MiniFASNet .pth files")
    p.add_argument("--strictness", choices=("lenient", "balanced", "strict"), default=None)
    p.add_argument("--max-seconds", type=float, default=None, help="give up (reject) after this video time")
    p.add_argument("--cache", type=Path, default=None, help="JSON file caching photo scores (--folder)")
    p.add_argument("--json", action="store_true", help="print the result as JSON on the last line")
    p.set_defaults(handler=cmd_bench_liveness)


def load_passive(spec: str) -> PassiveScorer | None:
    """The passive scorer named by --passive (None for off, or auto with nothing installed)."""
    from app.core.liveness.antispoof import PassiveAntiSpoof

    if spec == "off":
        return None
    if spec == "auto":
        from app.core.liveness.antispoof import load_passive_ensemble

        return load_passive_ensemble().scorer
    folder = Path(spec)
    onnx = sorted(folder.glob("*.onnx"))
    if onnx:
        return PassiveAntiSpoof(onnx)
    pth = sorted(folder.glob("*.pth"))
    if not pth:
        raise FaceAttendError(f"No .onnx or .pth anti-spoof models in {folder}.")
    from app.core.modelconv.convert import convert_pth

    out = Path(tempfile.mkdtemp(prefix="faceattend-antispoof-"))
    paths = []
    for file in pth:
        converted = convert_pth(file)
        target = out / converted.info.file_name
        target.write_bytes(converted.onnx_bytes)
        paths.append(target)
    return PassiveAntiSpoof(paths)


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
        key = f"{getattr(passive, 'fingerprint', 'none')}+{PHOTO_PREPARATION}"
        cache = load_cache(args.cache, key)
        try:
            payload = run_folder(args.folder, settings, passive, args.max_seconds, cache)
        finally:
            save_cache(args.cache, key, cache)
        if not args.json:
            print(
                f"APCER {payload['apcer']:.2%} ({payload['n_spoof']} attacks), "
                f"BPCER {payload['bpcer']:.2%} ({payload['n_live']} bona fide), AUC {payload['auc']}, "
                f"APCER at BPCER 5 % {payload['apcer_at_bpcer_5']} [{mode}]"
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
