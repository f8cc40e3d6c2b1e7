"""PeopleService: the people area — list and search, edit, (de)activate, delete, and the privacy controls
(GDPR erasure, export, consent, retention). Every mutating call takes (or uses the signed-in) Session, is
checked in the core and audited through the one path (AppCore.record / access.sealed)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.app_core import AppCore
from app.core.enrolment.session import EnrolmentError
from app.core.errors import FaceAttendError
from app.core.people import privacy
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.policy.safe_text import person_text_problem
from app.core.records import Person, Template

log = logging.getLogger(__name__)


@dataclass
class PersonSummary:
    person: Person
    templates: int
    quality: float  # best template quality 0..1 (0 when none)
    frames_used: int
    model: str  # "dlib_resnet_v1 v1"
    enrolled_at: str = ""  # UTC, "%Y-%m-%d %H:%M"
    enrolled: datetime | None = None  # the best template's time (aware, UTC): the UI shows it in local time


class PeopleService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    # --- reading -----------------------------------------------------------------------------------
    def list_persons(self, active_only: bool = False) -> list[Person]:
        return self._core.store.list_persons(active_only)

    def search_persons(self, text: str = "", active_only: bool = False) -> list[Person]:
        words = text.casefold().split()
        people = self.list_persons(active_only)
        if not words:
            return people

        def text_of(p: Person) -> str:
            return f"{p.name} {p.external_id} {p.department} {' '.join(p.groups)}".casefold()

        return [p for p in people if all(w in text_of(p) for w in words)]

    def get_person(self, person_uuid: str) -> Person | None:
        return self._core.store.get_person(person_uuid)

    def find_person(self, external_id: str) -> Person | None:
        return self._core.store.find_person(external_id.strip())

    def resolve(self, ident: str) -> Person:
        """A person by uuid or by external (employee) id (FaceAttendError when nobody has it)."""
        return privacy.resolve_person(self._core.store, ident)

    def templates_for(self, person_uuid: str) -> list[Template]:
        return self._core.store.templates_for(person_uuid)

    def summary(self, person: Person) -> PersonSummary:
        templates = self._core.store.templates_for(person.uuid)
        best = max(templates, key=lambda t: t.quality, default=None)
        return PersonSummary(
            person,
            len(templates),
            best.quality if best else 0.0,
            best.frames_used if best else 0,
            f"{best.model_id} v{best.model_version}" if best else "",
            best.created_at.strftime("%Y-%m-%d %H:%M") if best and best.created_at else "",
            best.created_at if best else None,
        )

    def summaries(self, text: str = "") -> list[PersonSummary]:
        return [self.summary(p) for p in self.search_persons(text)]

    def is_erased(self, person_uuid: str) -> bool:
        try:
            return self._core.store.person_erased_at(person_uuid) is not None
        except FaceAttendError:
            return True  # no row: deleted

    # --- editing -----------------------------------------------------------------------------------
    def update_person(self, person: Person, *, session: Session | None = None) -> None:
        """Edit name / ID / department / groups (EDIT_PERSON, checked once the input is valid). A taken ID
        raises EnrolmentError."""
        core = self._core
        person.name = " ".join(person.name.split())
        person.external_id = person.external_id.strip()
        if not person.name or not person.external_id:
            raise EnrolmentError("Name and ID cannot be empty.")
        if problem := person_text_problem(person.name, person.department, person.groups):
            raise EnrolmentError(problem)
        other = core.store.find_person(person.external_id)
        if other is not None and other.uuid != person.uuid:
            raise EnrolmentError(f"The ID {person.external_id} already belongs to {other.name}.")
        signed_in = core.authorise(session, Action.EDIT_PERSON)
        core.store.update_person(person)
        core.record(signed_in, access.Audit.PERSON_EDIT, {"uuid": person.uuid})

    def set_active(self, person_uuid: str, active: bool, *, session: Session | None = None) -> None:
        """(De)activate a person (EDIT_PERSON). Reactivated, their newest template OF THE CURRENT MODEL goes
        back into the matcher (a template of another embedder is in another space: it never matches)."""
        core = self._core
        signed_in = core.authorise(session, Action.EDIT_PERSON)
        core.store.set_person_active(person_uuid, active)
        if active:
            current = [
                t
                for t in core.store.templates_for(person_uuid)
                if t.model_id == core.model_id and t.model_version == core.model_version
            ]
            if current:
                core.matcher.add(person_uuid, current[-1].vector)
        else:
            core.matcher.remove(person_uuid)
        core.record(signed_in, "person.activate" if active else "person.deactivate", {"uuid": person_uuid})

    def delete_person(self, person_uuid: str, *, session: Session | None = None) -> None:
        """Erase the person and their templates (ERASE_PERSON; the store writes the audit entry in the
        same transaction, then the seal is advanced)."""
        core = self._core
        signed_in = core.authorise(session, Action.ERASE_PERSON)
        with access.sealed(core.store):
            core.store.delete_person(person_uuid, signed_in.name)
        core.matcher.remove(person_uuid)

    # --- privacy (app/core/people/privacy.py) ------------------------------------------------------
    def erase_person(
        self, person_uuid: str, session: Session, mode: privacy.ErasureMode | str | None = None
    ) -> privacy.ErasureCounts:
        """GDPR erasure (ERASE_PERSON): templates gone everywhere, identity gone, events pseudonymised by
        default (settings.privacy.erasure_events), audited."""
        core = self._core
        counts = privacy.erase_person(
            core.store, person_uuid, session, mode or core.settings.privacy.erasure_events
        )
        core.matcher.remove(person_uuid)
        return counts

    def export_person(
        self, person_uuid: str, path: Path, session: Session, include_vectors: bool = False
    ) -> dict[str, Any]:
        """A person's data (GDPR art. 15) as JSON at `path` (EXPORT_PERSON_DATA; audited)."""
        return privacy.write_person_export(self._core.store, person_uuid, path, session, include_vectors)

    def record_consent(self, person_uuid: str, session: Session) -> Person:
        return privacy.record_consent(self._core.store, person_uuid, session)

    def run_retention(self, session: Session) -> privacy.RetentionResult:
        """Apply the retention periods now (RUN_RETENTION), with the EFFECTIVE settings (the saved ones)."""
        self._core.authorise(session, Action.RUN_RETENTION)
        return privacy.run_daily_retention(self._core.store, self._core.settings, actor=session.name)

    def run_retention_if_due(self) -> privacy.RetentionResult | None:
        """The daily retention run (at most once per UTC day; call at start-up and hourly)."""
        return privacy.maybe_run_daily_retention(self._core.store, self._core.settings)
