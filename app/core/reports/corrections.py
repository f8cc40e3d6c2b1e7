"""Manual corrections by HR: validation and the pure logic of what a correction does to the log.

A correction never changes an event in place. `plan_correction` says what to write: the original as a voided
copy (VOID, EDIT) and/or a new event with source "manual" (ADD, EDIT). The store applies that plan, stores
the `Correction` and an audit entry in one transaction (`CorrectionSink`); `apply_corrections` does the same
in memory for tests and for the in-memory source.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid as uuid_mod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.records import AttendanceEvent, Correction, CorrectionAction
from app.core.reports.model import MANUAL_SOURCE, ReportError

log = logging.getLogger(__name__)


class CorrectionError(ReportError):
    """A correction is incomplete or refers to an event that does not exist."""


@dataclass(frozen=True)
class CorrectionEffect:
    """What applying one correction writes: `voided` replaces the original row's flag, `added` is inserted."""

    correction: Correction  # with new_event_uuid filled in for ADD/EDIT
    voided: AttendanceEvent | None  # a copy of the original with voided=True (the original is kept)
    added: AttendanceEvent | None  # the new manual event


def validate_correction(correction: Correction) -> None:
    if not correction.reason.strip():
        raise CorrectionError("A correction needs a reason.")
    if not correction.actor.strip():
        raise CorrectionError("A correction needs the name of the person who makes it.")
    if correction.created_at_utc.tzinfo is None:
        raise CorrectionError("A correction's time must be timezone-aware (UTC).")
    if (
        correction.action in (CorrectionAction.EDIT, CorrectionAction.VOID)
        and not correction.target_event_uuid
    ):
        raise CorrectionError(f"A correction of kind '{correction.action}' needs the event it corrects.")
    if correction.action == CorrectionAction.ADD:
        missing = [
            n for n in ("person_uuid", "at_utc", "direction", "tz_name") if getattr(correction, n) is None
        ]
        if missing:
            raise CorrectionError(f"An added event needs {', '.join(missing)}.")
    if correction.at_utc is not None and correction.at_utc.tzinfo is None:
        raise CorrectionError("A corrected event time must be timezone-aware (UTC).")


def plan_correction(correction: Correction, original: AttendanceEvent | None) -> CorrectionEffect:
    """The effect of one correction on the log; `original` is the target event for EDIT/VOID."""
    validate_correction(correction)
    if correction.action == CorrectionAction.ADD:
        assert correction.person_uuid and correction.at_utc and correction.direction and correction.tz_name
        new_uuid = correction.new_event_uuid or str(uuid_mod.uuid4())
        added = AttendanceEvent(
            uuid=new_uuid,
            person_uuid=correction.person_uuid,
            at_utc=correction.at_utc,
            tz_name=correction.tz_name,
            direction=correction.direction,
            match_score=0.0,
            liveness_score=0.0,
            device_id=f"manual:{correction.actor}",
            source=MANUAL_SOURCE,
        )
        return CorrectionEffect(dataclasses.replace(correction, new_event_uuid=new_uuid), None, added)
    if original is None or original.uuid != correction.target_event_uuid:
        raise CorrectionError(f"The event {correction.target_event_uuid} to correct does not exist.")
    if original.voided:
        raise CorrectionError(f"The event {original.uuid} is already void; correct its replacement instead.")
    voided = dataclasses.replace(original, voided=True)
    if correction.action == CorrectionAction.VOID:
        return CorrectionEffect(correction, voided, None)
    new_uuid = correction.new_event_uuid or str(uuid_mod.uuid4())
    added = dataclasses.replace(
        original,
        uuid=new_uuid,
        id=None,
        source=MANUAL_SOURCE,
        voided=False,
        person_uuid=correction.person_uuid or original.person_uuid,
        at_utc=correction.at_utc or original.at_utc,
        direction=correction.direction or original.direction,
        tz_name=correction.tz_name or original.tz_name,
    )
    return CorrectionEffect(dataclasses.replace(correction, new_event_uuid=new_uuid), voided, added)


def apply_corrections(
    events: Sequence[AttendanceEvent], corrections: Iterable[Correction]
) -> tuple[list[AttendanceEvent], list[CorrectionEffect]]:
    """The log after the corrections, in order. Inputs are not modified; every original stays in the list."""
    by_uuid = {e.uuid: i for i, e in enumerate(events)}
    log_out = list(events)
    effects = []
    for correction in corrections:
        idx = by_uuid.get(correction.target_event_uuid or "")
        effect = plan_correction(correction, log_out[idx] if idx is not None else None)
        if effect.voided is not None and idx is not None:
            log_out[idx] = effect.voided
        if effect.added is not None:
            by_uuid[effect.added.uuid] = len(log_out)
            log_out.append(effect.added)
        effects.append(effect)
        log.info(
            "correction %s (%s) by %s: %s",
            correction.uuid,
            correction.action,
            correction.actor,
            correction.reason,
        )
    return log_out, effects
