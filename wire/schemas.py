"""Wire schemas of the FaceAttend cloud API: the ONLY module shared between `cloud/` and the desktop app.

Vectors travel as base64 of little-endian float32 (`dim` values). In an end-to-end organisation a template
travels as `ciphertext_b64` instead (AES-GCM, sealed on the device; the service never sees the key).
Every string is checked for what PostgreSQL cannot store (NUL, lone surrogates) so that a malformed request
is a 422, never a 500.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

MAX_DIM = 4096
MAX_CIPHERTEXT_BYTES = 64 * 1024
MAX_BATCH = 500
MAX_SEQ = 2**62


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text must be valid Unicode") from exc
    return value


def _utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("date-time is out of range") from exc


def _b64(value: str) -> str:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not valid base64") from exc
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_storable)]
Text = Annotated[str, StringConstraints(max_length=200), AfterValidator(_storable)]
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._:-]{1,64}$")]


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a folder such as "Europe"
        raise ValueError(f"unknown time zone {value!r} (an IANA name such as Europe/Berlin)") from exc
    return value


TzName = Annotated[  # an IANA zone that exists, e.g. Europe/Berlin
    str, StringConstraints(pattern=r"^[A-Za-z0-9._+/-]{1,64}$"), AfterValidator(_zone)
]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
Score = Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)]
Version = Annotated[int, Field(ge=0, le=MAX_SEQ)]
Base64 = Annotated[str, StringConstraints(max_length=4 * MAX_CIPHERTEXT_BYTES // 3 + 8), AfterValidator(_b64)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def encode_vector(vector: object) -> str:
    """base64 of little-endian float32; `vector` is anything numpy can turn into a 1-D array."""
    import numpy as np

    return base64.b64encode(np.asarray(vector, dtype="<f4").reshape(-1).tobytes()).decode("ascii")


def decode_vector(value: str, dim: int) -> bytes:
    """The raw little-endian float32 bytes of a vector, checked for length and finite values."""
    import numpy as np

    raw = base64.b64decode(value, validate=True)
    if len(raw) != 4 * dim:
        raise ValueError(f"vector holds {len(raw) // 4} float32 values, dim says {dim}")
    if not bool(np.isfinite(np.frombuffer(raw, dtype="<f4")).all()):
        raise ValueError("vector holds NaN or infinite values")
    return raw


# --- organisations, sites, devices (admin) -------------------------------------------------------------


class OrganisationCreate(Wire):
    name: Name
    end_to_end: bool = False  # templates are sealed on the device; server-side search is off


class OrganisationOut(Wire):
    id: UUID
    name: str
    end_to_end: bool
    created_at: datetime


class SiteCreate(Wire):
    name: Name
    tz_name: TzName = "UTC"


class SiteOut(Wire):
    id: UUID
    organisation_id: UUID
    name: str
    tz_name: str


class DeviceCreate(Wire):
    name: Name
    site_id: UUID | None = None


class DeviceOut(Wire):
    id: UUID
    organisation_id: UUID
    site_id: UUID | None
    name: str
    key_prefix: str
    created_at: datetime
    revoked_at: datetime | None


class DeviceCreated(Wire):
    device: DeviceOut
    api_key: str = Field(description="Shown once; the service keeps only its SHA-256.")


class WhoAmI(Wire):
    device: DeviceOut
    organisation: OrganisationOut


# --- registry: groups, persons, templates ---------------------------------------------------------------


class GroupIn(Wire):
    name: Name
    base_version: Version | None = Field(default=None, description="The version this edit starts from.")


GROUP_NAMESPACE = UUID("6d1f3c2e-5a0b-4f43-9a57-3f6f0c2b8e11")


def group_uuid(name: str) -> UUID:
    """The wire id of a group the desktop knows by name: the same name gives the same id on every device
    (a group given as a uuid string keeps it)."""
    try:
        return UUID(name)
    except ValueError:
        return uuid5(GROUP_NAMESPACE, name.strip().casefold())


class GroupOut(Wire):
    uuid: UUID
    name: str
    version: int
    deleted: bool


class PersonIn(Wire):
    external_id: Text = ""
    name: Name
    department: Text = ""
    groups: list[UUID] = Field(default_factory=list, max_length=100)
    consent_at: UtcDatetime | None = None
    consent_by: Text = ""
    active: bool = True
    base_version: Version | None = Field(default=None, description="The version this edit starts from.")


class PersonOut(Wire):
    uuid: UUID
    external_id: str
    name: str
    department: str
    groups: list[UUID]
    consent_at: datetime | None
    consent_by: str
    active: bool
    version: int
    deleted: bool


class TemplateIn(Wire):
    person_uuid: UUID
    model_id: Ident
    model_version: Ident
    dim: int = Field(ge=1, le=MAX_DIM)
    vector_b64: Base64 | None = None
    ciphertext_b64: Base64 | None = None
    key_id: Ident | None = None
    quality: Score = 0.0
    frames_used: int = Field(default=1, ge=0, le=100_000)

    @model_validator(mode="after")
    def _one_payload(self) -> TemplateIn:
        if (self.vector_b64 is None) == (self.ciphertext_b64 is None):
            raise ValueError("give exactly one of vector_b64 and ciphertext_b64")
        if self.vector_b64 is not None:
            decode_vector(self.vector_b64, self.dim)
        elif self.ciphertext_b64 is not None:
            size = len(base64.b64decode(self.ciphertext_b64))
            if not 12 + 16 <= size <= MAX_CIPHERTEXT_BYTES:
                raise ValueError("ciphertext must hold a 12-byte nonce, the sealed vector and a 16-byte tag")
        return self


class TemplateOut(Wire):
    uuid: UUID
    person_uuid: UUID
    model_id: str
    model_version: str
    dim: int
    vector_b64: str | None
    ciphertext_b64: str | None
    key_id: str | None
    quality: float
    frames_used: int
    version: int
    deleted: bool


EntityKind = Literal["group", "person", "template"]


class Change(Wire):
    seq: int
    kind: EntityKind
    uuid: UUID
    deleted: bool
    group: GroupOut | None = None
    person: PersonOut | None = None
    template: TemplateOut | None = None


class ChangesPage(Wire):
    changes: list[Change]
    next_cursor: int = Field(description="Pass as `since` next time; never goes back.")
    has_more: bool


class ConflictOut(Wire):
    detail: str
    current: GroupOut | PersonOut | TemplateOut | None = None


class ErrorOut(Wire):
    detail: str


# --- attendance -----------------------------------------------------------------------------------------


class AttendanceIn(Wire):
    uuid: UUID
    person_uuid: UUID
    at_utc: UtcDatetime
    tz_name: TzName = "UTC"
    direction: Literal["in", "out"]
    match_score: Score = 0.0
    liveness_score: Score = 0.0
    voided: bool = False
    source: Ident = "kiosk"


class AttendanceBatch(Wire):
    events: list[AttendanceIn] = Field(min_length=1, max_length=MAX_BATCH)


class AttendanceResult(Wire):
    accepted: list[UUID] = Field(description="Stored now.")
    duplicates: list[UUID] = Field(description="Already stored: a repeated delivery, not an error.")
    voided: list[UUID] = Field(default_factory=list, description="Already stored, now voided.")


class AttendanceOut(Wire):
    uuid: UUID
    person_uuid: UUID
    at_utc: datetime
    tz_name: str
    direction: Literal["in", "out"]
    match_score: float
    liveness_score: float
    voided: bool
    source: str
    device_id: UUID | None
    site_id: UUID | None
    cursor: int


class AttendancePage(Wire):
    events: list[AttendanceOut]
    next_cursor: int
    has_more: bool


# --- search ---------------------------------------------------------------------------------------------


class _Probe(Wire):
    model_id: Ident
    model_version: Ident
    dim: int = Field(ge=1, le=MAX_DIM)
    vector_b64: Base64
    threshold: float = Field(
        default=0.5, ge=0.0, le=4.0, description="Largest Euclidean distance that matches."
    )

    @model_validator(mode="after")
    def _vector(self) -> _Probe:
        decode_vector(self.vector_b64, self.dim)
        return self


class SearchRequest(_Probe):
    top_k: int = Field(default=5, ge=1, le=100)


class SearchMatch(Wire):
    template_uuid: UUID
    person_uuid: UUID
    distance: float


class SearchResponse(Wire):
    matches: list[SearchMatch]
    gallery_size: int


class VerifyRequest(_Probe):
    person_uuid: UUID


class VerifyResponse(Wire):
    match: bool
    distance: float | None
    templates_compared: int
