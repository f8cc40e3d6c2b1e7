"""Embeddings of a photo folder computed once with the project's pipeline and cached on disk.

The cache is keyed by the embedder's and the landmarker's sha256 and the flip setting, so a model change
never reuses stale vectors. It holds embeddings only (no photos) and lives outside the repository:
`FACEATTEND_CACHE_DIR`, else the user's cache folder.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from app.core.errors import ImageLoadError
from app.core.models import ModelRegistry
from app.core.vision.images import is_image_file, load_rgb
from app.core.vision.pipeline import RecognitionPipeline, central_face

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    env = os.environ.get("FACEATTEND_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "faceattend"


@dataclass
class FolderEmbeddings:
    """Unit embeddings of the central face of each photo, by path relative to the folder root."""

    paths: list[str]
    vectors: npt.NDArray[np.float32]  # len(paths) × dim
    missing: list[str]  # photos with no face found (or unreadable)

    def by_person(self) -> dict[str, list[tuple[str, npt.NDArray[np.float32]]]]:
        """Name/Name_0001.jpg layout → {Name: [(path, vector), …]} in file order."""
        out: dict[str, list[tuple[str, npt.NDArray[np.float32]]]] = {}
        for path, vector in zip(self.paths, self.vectors, strict=True):
            out.setdefault(path.split("/", 1)[0], []).append((path, vector))
        return out


def person_photos(root: Path) -> list[str]:
    """Every image under root/<person>/ as a relative path, sorted."""
    return sorted(
        f"{person.name}/{f.name}"
        for person in root.iterdir()
        if person.is_dir()
        for f in person.iterdir()
        if f.is_file() and is_image_file(f)
    )


def _key(registry: ModelRegistry, label: str, flip: bool) -> str:
    embedder = registry.entries["face_embedder"].sha256[:16]
    landmarker = registry.entries["face_landmarker"].sha256[:12]
    return f"{label}-{embedder}-{landmarker}-flip{int(flip)}.npz"


def embed_folder(
    root: Path,
    label: str,
    files: Sequence[str] | None = None,
    flip: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> FolderEmbeddings:
    """Embeddings of `files` (default: every person photo under root), from the cache when present."""
    wanted = list(files) if files is not None else person_photos(root)
    registry = ModelRegistry()
    path = cache_dir() / _key(registry, label, flip)
    cached_paths: list[str] = []
    cached_vectors = np.zeros((0, 128), dtype=np.float32)
    cached_missing: list[str] = []
    if path.is_file():
        with np.load(path) as data:
            cached_paths = [str(p) for p in data["paths"]]
            cached_vectors = data["vectors"].astype(np.float32)
            cached_missing = [str(p) for p in data["missing"]]
    known = dict(zip(cached_paths, cached_vectors, strict=True))
    missing = set(cached_missing)
    todo = [f for f in wanted if f not in known and f not in missing]
    if todo:
        log.info("embedding %d photos under %s (cache %s)", len(todo), root, path)
        started = time.perf_counter()
        with RecognitionPipeline(registry=registry) as pipeline:
            pipeline.settings.flip_augment = flip
            for i, rel in enumerate(todo, 1):
                try:
                    frame = pipeline.process(load_rgb(root / rel), match=False)
                except ImageLoadError as exc:
                    log.warning("%s", exc)
                    missing.add(rel)
                    continue
                face = central_face(frame.faces, frame.frame_size)
                if face is None or face.embedding is None:
                    missing.add(rel)
                else:
                    known[rel] = face.embedding.astype(np.float32)
                if progress is not None:
                    progress(i, len(todo))
                elif sys.stderr.isatty() and (i % 200 == 0 or i == len(todo)):
                    rate = i / max(1e-9, time.perf_counter() - started)
                    print(f"\r{i}/{len(todo)} photos, {rate:.1f}/s", end="", file=sys.stderr)
                if i % 1000 == 0:  # save as we go: a long run interrupted keeps its work
                    _save(path, known, missing)
        _save(path, known, missing)
    paths = [f for f in wanted if f in known]
    vectors = np.stack([known[f] for f in paths]) if paths else np.zeros((0, 128), dtype=np.float32)
    return FolderEmbeddings(paths, vectors.astype(np.float32), [f for f in wanted if f in missing])


def _save(path: Path, known: dict[str, npt.NDArray[np.float32]], missing: set[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    paths = sorted(known)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(
        tmp,
        paths=np.array(paths, dtype=str),
        vectors=np.stack([known[p] for p in paths]) if paths else np.zeros((0, 128), np.float32),
        missing=np.array(sorted(missing), dtype=str),
    )
    tmp.replace(path)
