"""`faceattend verify` and the recognition benches (`bench lfw|identify|search|pipeline`)."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from app.core.camera.sources import VideoFileSource
from app.core.errors import FaceAttendError, ImageLoadError
from app.core.evaluation.identification import evaluate_identification
from app.core.evaluation.lfw import evaluate, read_pairs
from app.core.vision.images import is_image_file, load_rgb
from app.core.vision.pipeline import FaceResult, RecognitionPipeline, central_face, embed_photo

log = logging.getLogger(__name__)

# Other modules that add sub-commands under `faceattend bench` (each has register_bench(subparsers)).
BENCH_MODULES: tuple[str, ...] = ("app.commands.bench_liveness",)


def register(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="compare the faces in two photos (1:1)")
    verify.add_argument("image_a", type=Path)
    verify.add_argument("image_b", type=Path)
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.set_defaults(handler=cmd_verify)

    ident_cmd = sub.add_parser(
        "identify",
        help="who is in these photos (1:N against the enrolled people, the kiosk's decision)",
        description="All PHOTOs are one track (like the frames of one kiosk visit); --tracks decides many "
        "tracks from a CSV with the columns track,photo. Needs a sign-in (VIEW_PEOPLE), like `report`.",
    )
    ident_cmd.add_argument("photos", nargs="*", type=Path, metavar="PHOTO")
    ident_cmd.add_argument("--tracks", type=Path, help="CSV with the columns track,photo")
    ident_cmd.add_argument("--json", action="store_true", help="one JSON object per track per line")
    ident_cmd.add_argument(  # as app.commands.auth.add_user_option (not imported: `verify` stays light)
        "--user",
        metavar="NAME",
        help="sign in as NAME (default: $FACEATTEND_USER); the PIN comes from $FACEATTEND_PIN or a prompt",
    )
    ident_cmd.set_defaults(handler=cmd_identify)

    bench = sub.add_parser("bench", help="measure accuracy and speed")
    benches = bench.add_subparsers(dest="bench", metavar="BENCH", required=True)

    lfw = benches.add_parser("lfw", help="LFW View 2 verification, 10-fold protocol")
    lfw.add_argument("--root", type=Path, required=True, help="LFW image root (Name/Name_0001.jpg)")
    lfw.add_argument("--pairs", type=Path, required=True, help="pairs.txt")
    lfw.add_argument("--folds", type=int, default=None, help="use only the first N folds")
    lfw.add_argument("--reference", choices=["dlib"], help="also run dlib's own pipeline side by side")
    lfw.add_argument("--no-flip", action="store_true", help="disable flip test-time augmentation")
    lfw.add_argument("--json", action="store_true")
    lfw.set_defaults(handler=cmd_bench_lfw)

    ident = benches.add_parser("identify", help="open-set 1:N identification on a Name/image folder")
    ident.add_argument("--root", type=Path, required=True)
    ident.add_argument("--enrol", type=int, default=1, help="images per person averaged into the template")
    ident.add_argument("--max-persons", type=int, default=None)
    ident.add_argument("--json", action="store_true")
    ident.set_defaults(handler=cmd_bench_identify)

    openset = benches.add_parser(
        "openset",
        help="open-set 1:N with the kiosk's decision code (FPIR, TPIR, wrong person) by gallery size",
    )
    openset.add_argument("--root", type=Path, required=True, help="image folder (Name/Name_0001.jpg)")
    openset.add_argument("--enrol", type=int, default=2, help="photos per person averaged into the template")
    openset.add_argument("--probe-frames", type=int, default=3, help="photos fused into one probe track")
    openset.add_argument("--gallery-sizes", default="50,100,400,all")
    openset.add_argument("--people", type=Path, help="only these people (LFW peopleDevTest.txt layout)")
    openset.add_argument("--seed", type=int, default=0)
    openset.add_argument(
        "--target-fpir", type=float, default=None, help="instead of the shipped default (1e-5 … 1e-1)"
    )
    openset.add_argument(
        "--rosters", type=int, default=1, help="also pool the counts over this many random rosters per size"
    )
    openset.add_argument(
        "--refresh", action="store_true", help="confident matches update the template (drift-guarded)"
    )
    openset.add_argument("--json", action="store_true")
    openset.set_defaults(handler=cmd_bench_openset)

    search = benches.add_parser("search", help="exact 1:N search speed on random unit vectors")
    search.add_argument("--n", type=int, default=100_000)
    search.add_argument("--dim", type=int, default=128)
    search.add_argument("--queries", type=int, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_bench_search)

    pipe = benches.add_parser("pipeline", help="per-face latency on a video")
    pipe.add_argument("--video", type=Path, required=True)
    pipe.add_argument("--frames", type=int, default=150)
    pipe.add_argument("--json", action="store_true")
    pipe.set_defaults(handler=cmd_bench_pipeline)

    for name in BENCH_MODULES:
        importlib.import_module(name).register_bench(benches)


def _emit(payload: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(payload))
    else:
        for key, value in payload.items():
            print(f"{key}: {value}")


def cmd_verify(args: argparse.Namespace) -> int:
    with RecognitionPipeline() as pipeline:
        faces = []
        for path in (args.image_a, args.image_b):
            face, count = embed_photo(pipeline, path)
            if face is None or face.embedding is None:
                raise FaceAttendError(f"No face found in {path}.")
            if count > 1:
                log.warning("%s: %d faces, using the one nearest the centre", path, count)
            faces.append(face)
        distance = float(np.linalg.norm(faces[0].embedding - faces[1].embedding))  # type: ignore[operator]
    from app.core.recognition.calibration import verification_threshold

    threshold = verification_threshold(pipeline.settings.target_fpir)
    _emit(
        {
            "distance": round(distance, 4),
            "threshold": round(threshold.distance, 4),
            "target_fpir": threshold.target_fpir,
            "same_person": distance < threshold.distance,
        },
        args.json,
    )
    return 0


def cmd_identify(args: argparse.Namespace) -> int:
    from app.commands.auth import authenticate, open_context
    from app.core.policy.access import Action
    from app.core.recognition.identify import read_tracks_csv

    if bool(args.photos) == bool(args.tracks):
        raise FaceAttendError("Give either PHOTO [PHOTO…] or --tracks FILE.csv.")
    if args.tracks is not None:
        _require(args.tracks, "Tracks file")
        tracks = read_tracks_csv(args.tracks)
    else:
        tracks = {"photos": list(args.photos)}
    missing = [str(p) for photos in tracks.values() for p in photos if not p.is_file()]
    if missing:
        raise FaceAttendError(f"Photo not found: {', '.join(missing[:5])}")
    with open_context() as ctx:
        authenticate(args, Action.VIEW_PEOPLE, ctx.access, record=False)
        with RecognitionPipeline(settings=ctx.settings.recognition) as pipeline:
            identifier = ctx.new_identifier(pipeline)
            for result in identifier.decide_all(tracks):
                if args.json:
                    print(json.dumps(result.to_json()), flush=True)
                elif result.frames == 0:  # nothing to compare: no score to print
                    n = len(tracks[result.track])
                    print(f"{result.track}: unknown (no usable face in {n} photo(s))", flush=True)
                else:
                    who = result.external_id if result.decision == "match" else result.decision
                    print(
                        f"{result.track}: {who} (similarity {result.similarity:.3f}, "
                        f"margin {result.margin:.3f}, {result.frames} photo(s))",
                        flush=True,
                    )
    return 0


def _progress(done: int, total: int, started: float) -> None:
    if sys.stderr.isatty() and (done % 50 == 0 or done == total):
        rate = done / max(1e-9, time.perf_counter() - started)
        print(f"\r{done}/{total} images, {rate:.1f}/s", end="" if done < total else "\n", file=sys.stderr)


def _embed_files(
    pipeline: RecognitionPipeline, files: list[Path]
) -> tuple[dict[Path, np.ndarray], list[float]]:
    vectors: dict[Path, np.ndarray] = {}
    times: list[float] = []
    started = time.perf_counter()
    for i, path in enumerate(files, 1):
        try:
            rgb = load_rgb(path)
        except ImageLoadError as exc:
            log.warning("%s", exc)
            continue
        t0 = time.perf_counter()
        frame = pipeline.process(rgb, match=False)
        face: FaceResult | None = central_face(frame.faces, frame.frame_size)
        times.append((time.perf_counter() - t0) * 1000)
        if face is not None and face.embedding is not None:
            vectors[path] = face.embedding
        _progress(i, len(files), started)
    return vectors, times


def _require(path: Path, what: str, folder: bool = False) -> None:
    if not (path.is_dir() if folder else path.is_file()):
        raise FaceAttendError(f"{what} not found: {path}")


def cmd_bench_lfw(args: argparse.Namespace) -> int:
    _require(args.root, "LFW image folder", folder=True)
    _require(args.pairs, "Pairs file")
    try:
        pairs = read_pairs(args.pairs, args.folds)
    except ValueError as exc:
        raise FaceAttendError(str(exc)) from exc
    files = sorted({args.root / p.image_a for p in pairs} | {args.root / p.image_b for p in pairs})
    with RecognitionPipeline() as pipeline:
        if args.no_flip:
            pipeline.settings.flip_augment = False
        vectors, times = _embed_files(pipeline, files)
    distances = [
        float(np.linalg.norm(vectors[a] - vectors[b])) if a in vectors and b in vectors else float("nan")
        for a, b in ((args.root / p.image_a, args.root / p.image_b) for p in pairs)
    ]
    result = evaluate(distances, pairs)
    payload: dict[str, Any] = {
        "pairs": len(pairs),
        "folds": len(result.fold_accuracies),
        "accuracy": round(result.accuracy, 5),
        "std": round(result.std, 5),
        "tar_at_far_1e-3": round(result.tar_at_far_1e_3, 5),
        "threshold": round(result.threshold, 4),
        "ms_per_face_median": round(statistics.median(times), 2) if times else None,
        "faces_not_found": len(files) - len(vectors),
        "failed_pairs": result.failed_pairs,
        "flip": not args.no_flip,
    }
    if args.reference == "dlib":
        payload["reference_dlib"] = _reference_lfw(args.root, pairs, files)
    _emit(payload, args.json)
    return 0


def _reference_lfw(root: Path, pairs: list, files: list[Path]) -> dict[str, Any]:
    from app.core.evaluation.dlib_reference import DlibReferencePipeline

    reference = DlibReferencePipeline()
    descriptors: dict[Path, np.ndarray] = {}
    times: list[float] = []
    started = time.perf_counter()
    for i, path in enumerate(files, 1):
        t0 = time.perf_counter()
        face = reference.describe(load_rgb(path))
        times.append((time.perf_counter() - t0) * 1000)
        if face is not None:
            descriptors[path] = face.descriptor
        _progress(i, len(files), started)
    distances = [
        float(np.linalg.norm(descriptors[a] - descriptors[b]))
        if a in descriptors and b in descriptors
        else float("nan")
        for a, b in ((root / p.image_a, root / p.image_b) for p in pairs)
    ]
    result = evaluate(distances, pairs)
    return {
        "accuracy": round(result.accuracy, 5),
        "std": round(result.std, 5),
        "tar_at_far_1e-3": round(result.tar_at_far_1e_3, 5),
        "threshold": round(result.threshold, 4),
        "ms_per_face_median": round(statistics.median(times), 2) if times else None,
        "faces_not_found": len(files) - len(descriptors),
    }


def cmd_bench_identify(args: argparse.Namespace) -> int:
    _require(args.root, "Image folder", folder=True)
    people = sorted(p for p in args.root.iterdir() if p.is_dir())
    if args.max_persons:
        people = people[: args.max_persons]
    per_person = {p.name: sorted(f for f in p.iterdir() if f.is_file() and is_image_file(f)) for p in people}
    files = [f for fs in per_person.values() for f in fs]
    with RecognitionPipeline() as pipeline:
        vectors, times = _embed_files(pipeline, files)
    gallery: dict[str, list[np.ndarray]] = {}
    mated: list[tuple[str, np.ndarray]] = []
    nonmated: list[np.ndarray] = []
    for name, fs in per_person.items():
        found = [vectors[f] for f in fs if f in vectors]
        if len(fs) > args.enrol and len(found) > args.enrol:
            gallery[name] = found[: args.enrol]
            mated.extend((name, v) for v in found[args.enrol :])
        else:  # too few images to enrol and probe: these people are strangers to the gallery
            nonmated.extend(found)
    result = evaluate_identification(gallery, mated, nonmated)
    _emit(
        {
            "rank1": round(result.rank1, 5),
            "tpr_at_fpir_1e-3": round(result.tpr_at_fpir_1e_3, 5),
            "persons": result.persons,
            "probes": result.probes,
            "nonmated_probes": result.nonmated_probes,
            "faces_not_found": len(files) - len(vectors),
            "ms_per_face_median": round(statistics.median(times), 2) if times else None,
        },
        args.json,
    )
    return 0


def cmd_bench_openset(args: argparse.Namespace) -> int:
    from app.core.evaluation.openset import evaluate_openset, folder_people, parse_gallery_sizes
    from app.core.settings import Settings

    _require(args.root, "Image folder", folder=True)
    if args.people is not None:
        _require(args.people, "People list")
    if args.enrol < 1 or args.probe_frames < 1 or args.rosters < 1:
        raise FaceAttendError("--enrol, --probe-frames and --rosters must be at least 1.")
    try:
        sizes = parse_gallery_sizes(args.gallery_sizes)
        recognition = Settings().recognition
        if args.target_fpir is not None:
            from app.core.recognition.calibration import check_target

            recognition.target_fpir = check_target(args.target_fpir)
        people = folder_people(args.root, args.people)
        from app.core.recognition.refresh import RefreshRule

        rule = RefreshRule() if args.refresh else None
        result = evaluate_openset(
            people,
            args.enrol,
            args.probe_frames,
            sizes,
            recognition,
            seed=args.seed,
            refresh=rule,
            rosters=args.rosters,
        )
    except ValueError as exc:
        raise FaceAttendError(str(exc)) from exc
    _emit(result, args.json)
    return 0


def cmd_bench_search(args: argparse.Namespace) -> int:
    from app.core.evaluation.search_bench import bench_search

    _emit(bench_search(args.n, args.dim, args.queries), args.json)
    return 0


def cmd_bench_pipeline(args: argparse.Namespace) -> int:
    _require(args.video, "Video file")
    detect, embed, per_face = [], [], []
    with RecognitionPipeline(video=True) as pipeline, VideoFileSource(args.video) as source:
        for frame in source:
            if frame.index >= args.frames:
                break
            result = pipeline.process(frame.rgb, frame.timestamp_ms, match=False)
            if not result.faces:
                continue
            detect.append(result.times.detect_ms)
            embed.append(result.times.embed_ms / len(result.faces))
            per_face.append((result.times.detect_ms + result.times.embed_ms) / len(result.faces))
    if not per_face:
        raise FaceAttendError(f"No face found in the first {args.frames} frames of {args.video}.")
    _emit(
        {
            "ms_per_face_median": round(statistics.median(per_face), 2),
            "ms_detect": round(statistics.median(detect), 2),
            "ms_embed": round(statistics.median(embed), 2),
            "frames_with_faces": len(per_face),
        },
        args.json,
    )
    return 0
