"""One typed settings object, passed down; no module reads configuration from globals.

Each stage owns one section. Defaults are documented where they are defined.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, time
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
class Shift:
    """A working pattern: lateness is measured against `start` + `grace_minutes` on `weekdays`."""

    name: str = "Day"
    start: time = time(9, 0)  # local wall-clock time in the organisation's zone
    end: time = time(17, 0)
    grace_minutes: int = 5
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # date.weekday(): Monday = 0 … Sunday = 6


@dataclass
class ReportSettings:
    organisation_name: str = "FaceAttend"
    # IANA zone the reports are computed in; "" = the zone most of the events' devices report, else UTC.
    timezone: str = ""
    holidays: list[date] = field(default_factory=list)  # no absences are counted on these days
    default_shift: Shift = field(default_factory=Shift)
    # Shift by department or group name (a person's department wins over their groups).
    group_shifts: dict[str, Shift] = field(default_factory=dict)
    csv_bom: bool = False  # a UTF-8 BOM lets Excel open the CSV with the right encoding


@dataclass
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    models_dir: Path | None = None  # None: the models/ folder shipped with the app
    recognition: RecognitionSettings = field(default_factory=RecognitionSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)
