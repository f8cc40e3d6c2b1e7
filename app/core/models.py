"""Model files and their manifest: every file is checked against its sha256 before it is loaded."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import ModelError

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"


def shipped_models_dir() -> Path:
    """The models/ folder next to the app (or inside a PyInstaller bundle)."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "models"
    return Path(__file__).resolve().parents[2] / "models"


@dataclass(frozen=True)
class ModelEntry:
    name: str  # logical name used by the code, e.g. "face_embedder"
    file: str  # file name inside the models dir
    sha256: str
    source: str
    licence: str
    version: str

    @classmethod
    def from_json(cls, raw: dict[str, str]) -> ModelEntry:
        return cls(
            name=raw["name"],
            file=raw["file"],
            sha256=raw["sha256"],
            source=raw["source"],
            licence=raw["licence"],
            version=raw.get("version", ""),
        )

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "file": self.file,
            "sha256": self.sha256,
            "source": self.source,
            "licence": self.licence,
            "version": self.version,
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def user_models_dir(data_dir: Path | None = None) -> Path:
    """Models the user installed (e.g. imported anti-spoof models): <data dir>/models."""
    from app.core.settings import default_data_dir

    return (data_dir or default_data_dir()) / "models"


class ModelRegistry:
    """Reads a models dir's manifest and hands out verified file paths."""

    def __init__(self, models_dir: Path | None = None, *, create: bool = False) -> None:
        """create=True: a missing dir gets an empty manifest (the user models dir on first import)."""
        self.models_dir = models_dir or shipped_models_dir()
        self._verified: dict[str, Path] = {}
        manifest = self.models_dir / MANIFEST_NAME
        if create and not manifest.exists():
            self.models_dir.mkdir(parents=True, exist_ok=True)
            manifest.write_text(json.dumps({"models": []}, indent=2) + "\n", encoding="utf-8")
        if not manifest.is_file():
            raise ModelError(f"Model manifest not found: {manifest}. Reinstall FaceAttend.")
        try:
            raw = json.loads(manifest.read_text(encoding="utf-8"))
            self.entries = {e.name: e for e in (ModelEntry.from_json(item) for item in raw["models"])}
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"Model manifest {manifest} is malformed: {exc}") from exc

    def has(self, name: str) -> bool:
        entry = self.entries.get(name)
        return entry is not None and (self.models_dir / entry.file).is_file()

    def path(self, name: str) -> Path:
        """Path of a model file after checking it exists and its sha256 matches the manifest."""
        if name in self._verified:
            return self._verified[name]
        entry = self.entries.get(name)
        if entry is None:
            raise ModelError(f"Model '{name}' is not listed in {self.models_dir / MANIFEST_NAME}.")
        file = self.models_dir / entry.file
        if not file.is_file():
            raise ModelError(f"Model file missing: {file} (model '{name}'). Reinstall FaceAttend.")
        actual = sha256_of(file)
        if actual != entry.sha256:
            raise ModelError(
                f"Model file altered or corrupt: {file} has sha256 {actual[:16]}…, "
                f"the manifest expects {entry.sha256[:16]}…. Reinstall FaceAttend."
            )
        log.debug("verified model %s (%s)", name, file)
        self._verified[name] = file
        return file

    def register(self, entry: ModelEntry) -> None:
        """Add or replace an entry and rewrite the manifest (used by model import commands)."""
        self.entries[entry.name] = entry
        payload = {"models": [e.to_json() for e in sorted(self.entries.values(), key=lambda e: e.name)]}
        target = self.models_dir / MANIFEST_NAME
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        tmp.replace(target)
        self._verified.pop(entry.name, None)
