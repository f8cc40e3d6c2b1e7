"""Saving an enrolment: a new person and template in one transaction, then an audit entry; or a re-enrolment
(old templates out, new one in, audit entry) in ONE transaction. The store is a Protocol, so this module never
imports storage; no image is stored."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from app.core.records import Person, Template

if TYPE_CHECKING:
    from app.core.enrolment import EnrolForm, TemplateDraft


class EnrolmentStore(Protocol):
    """The part of the Store the enrolment uses (so this module never imports storage)."""

    def add_enrolment(self, person: Person, templates: Any) -> None: ...

    def replace_templates(
        self,
        person_uuid: str,
        templates: Sequence[Template],
        *,
        actor: str,
        action: str = ...,
        details: dict[str, Any] | None = None,
    ) -> None: ...

    def append_audit(self, actor: str, action: str, details: dict[str, Any] | None = None) -> Any: ...


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
) -> tuple[Person, Template]:
    """A new person and their template in ONE transaction, then an audit entry. No image is stored."""
    person = new_person(form)
    template = Template(person.uuid, model_id, model_version, draft.vector, draft.quality, draft.frames_used)
    store.add_enrolment(person, [template])
    store.append_audit(form.operator, "person.enrol", _audit_details(person, draft, elapsed_s))
    return person, template


def replace_template(
    store: EnrolmentStore,
    person: Person,
    draft: TemplateDraft,
    model_id: str,
    model_version: str,
    actor: str,
    elapsed_s: float | None = None,
) -> Template:
    """Re-enrol an existing person: their templates are replaced by the new one and the audit entry written
    in ONE store transaction (all or nothing: on failure the old templates stay exactly as they were)."""
    template = Template(person.uuid, model_id, model_version, draft.vector, draft.quality, draft.frames_used)
    store.replace_templates(
        person.uuid,
        [template],
        actor=actor,
        action="person.reenrol",
        details=_audit_details(person, draft, elapsed_s),
    )
    return template


def _audit_details(person: Person, draft: TemplateDraft, elapsed_s: float | None) -> dict[str, object]:
    details: dict[str, object] = {
        "uuid": person.uuid,
        "external_id": person.external_id,
        "frames_used": draft.frames_used,
        "frames_rejected": draft.frames_rejected,
        "quality": round(draft.quality, 3),
        "liveness": "checked" if draft.liveness_checked else "demo — not checked",
    }
    if elapsed_s is not None:
        details["seconds"] = round(elapsed_s, 2)
    return details
