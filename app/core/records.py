"""Plain records that cross module boundaries (store ⇄ attendance ⇄ reports ⇄ sync). No behaviour here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


@dataclass
class Person:
    uuid: str
    external_id: str
    name: str
    department: str = ""
    groups: list[str] = field(default_factory=list)
    consent_at: datetime | None = None  # UTC, aware
    consent_by: str = ""
    active: bool = True


@dataclass
class Template:
    person_uuid: str
    model_id: str  # e.g. "dlib_resnet_v1"
    model_version: str
    vector: npt.NDArray[np.float32]  # L2-normalised
    quality: float = 0.0
    frames_used: int = 1
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class AttendanceEvent:
    uuid: str
    person_uuid: str
    at_utc: datetime  # aware, UTC
    tz_name: str  # IANA zone of the device, e.g. "Europe/Berlin"
    direction: Direction
    match_score: float
    liveness_score: float
    device_id: str
    voided: bool = False
    source: str = "kiosk"  # kiosk | manual | import | sync
    id: int | None = None
