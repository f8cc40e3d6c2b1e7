"""One typed settings object, passed down; no module reads configuration from globals.

Each stage owns one section. Defaults are documented where they are defined.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "FaceAttend"


def default_data_dir() -> Path:
    """Per-OS user data dir, overridable with FACEATTEND_HOME."""
    override = os.environ.get("FACEATTEND_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class RecognitionSettings:
    # Euclidean distance between L2-normalised embeddings; chosen on LFW View 1 (see README).
    match_threshold: float = 0.5
    # Average the embedding of the chip and of its mirror image (test-time augmentation).
    flip_augment: bool = True
    max_faces: int = 8
    min_detection_confidence: float = 0.5


@dataclass
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    models_dir: Path | None = None  # None: the models/ folder shipped with the app
    recognition: RecognitionSettings = field(default_factory=RecognitionSettings)
