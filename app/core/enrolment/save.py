"""Saving an enrolment — the ONE save path of the camera enrolment and the bulk import.

    draft = build_draft(vectors, qualities, ctx.enrolment, liveness_checked=False)  # configured limits
    person = ctx.save_enrolment(form, draft, session=session, source=SOURCE_IMPORT)

AppContext.save_enrolment (context.py) checks the session (Action.ENROL) and the form, then calls
`save_enrolment` below: the person, the template and the audit entry in ONE store transaction; it then puts
the template into the matcher, advances the audit seal and wakes the sync loop. A re-enrolment
(`replace_template`) replaces the person's templates and writes its entry in one transaction too.

The audit entry names the person by uuid only (the log is append-only: it must not hold an identity that
an erasure would have to remove). The store is a Protocol, so this module never imports storage; no image
is stored.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from app.core.enrolment.session import EnrolForm, TemplateDraft
from app.core.records import Person, Template

SOURCE_CAMERA = "camera"  # a guided capture session (enrol page)
SOURCE_IMPORT = "import"  # photos from a folder or a CSV (bulk import)
SOURCES = (SOURCE_CAMERA, SOURCE_IMPORT)

AUDIT_ENROL = "person.enrol"
AUDIT_REENROL = "person.reenrol"


class EnrolmentStore(Protocol):
    """The part of the Store the enrolment uses (so this module never imports storage)."""

    def add_enrolment(
        self,
        person: Person,
        templates: Sequence[Template],
        *,
        actor: str | None = None,
        action: str = ...,
        details: dict[str, Any] | None = None,
    ) -> None: ...

    def replace_templates(
        self,
        person_uuid: str,
        templates: Sequence[Template],
        *,
        actor: str,
        action: str = ...,
        details: dict[str, Any] | None = None,
    ) -> None: ...


def new_person(form: EnrolForm) -> Person:
    return Person(
        uuid=str(uuidlib.uuid4()),
        external_id=form.external_id,
        name=form.name,
        department=form.department,
        groups=list(form.groups),
        consent_at=datetime.now(UTC),
        consent_by=form.operator,
    )


def save_enrolment(
    store: EnrolmentStore,
    form: EnrolForm,
    draft: TemplateDraft,
    model_id: str,
    model_version: str,
    elapsed_s: float | None = None,
    *,
    actor: str | None = None,
    source: str = SOURCE_CAMERA,
) -> tuple[Person, Template]:
    """A new person, their template and the "person.enrol" audit entry in ONE transaction (actor: who
    enrolled, default the form's operator). No image is stored. Callers go through
    AppContext.save_enrolment, which also checks the session, updates the matcher, seals and syncs."""
    if source not in SOURCES:
        raise ValueError(f"unknown enrolment source {source!r}")
    person = new_person(form)
    template = Template(person.uuid, model_id, model_version, draft.vector, draft.quality, draft.frames_used)
    store.add_enrolment(
        person,
        [template],
        actor=actor or form.operator,
        action=AUDIT_ENROL,
        details=audit_details(person, draft, elapsed_s, source),
    )
    return person, template


def replace_template(
    store: EnrolmentStore,
    person: Person,
    draft: TemplateDraft,
    model_id: str,
    model_version: str,
    actor: str,
    elapsed_s: float | None = None,
    source: str = SOURCE_CAMERA,
) -> Template:
    """Re-enrol an existing person: their templates are replaced by the new one and the audit entry written
    in ONE store transaction (all or nothing: on failure the old templates stay exactly as they were)."""
    template = Template(person.uuid, model_id, model_version, draft.vector, draft.quality, draft.frames_used)
    store.replace_templates(
        person.uuid,
        [template],
        actor=actor,
        action=AUDIT_REENROL,
        details=audit_details(person, draft, elapsed_s, source),
    )
    return template


def audit_details(
    person: Person, draft: TemplateDraft, elapsed_s: float | None, source: str = SOURCE_CAMERA
) -> dict[str, object]:
    """What an enrolment's audit entry says: the person's uuid (never their name or external ID)."""
    if draft.liveness_checked:
        liveness = "checked"
    elif source == SOURCE_IMPORT:
        liveness = "photos — not checked"
    else:
        liveness = "demo — not checked"
    details: dict[str, object] = {
        "uuid": person.uuid,
        "source": source,
        "frames_used": draft.frames_used,
        "frames_rejected": draft.frames_rejected,
        "quality": round(draft.quality, 3),
        "liveness": liveness,
    }
    if elapsed_s is not None:
        details["seconds"] = round(elapsed_s, 2)
    return details
