"""EnrolmentService: the enrolment area — capture sessions, the duplicate check, template drafts and THE
save path shared by the camera enrolment and the bulk import (template, store, matcher, sealed audit entry,
sync wake-up)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy.typing as npt

from app.core.app_core import AppCore
from app.core.enrolment import save as enrol_save
from app.core.enrolment.session import (
    DuplicateHit,
    EnrolForm,
    EnrolmentError,
    EnrolmentSession,
    LivenessGate,
    TemplateDraft,
    build_draft,
    find_duplicate,
)
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.records import Person


@dataclass
class DuplicateInfo:
    person: Person
    similarity: float
    distance: float


class EnrolmentService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    def calibrator(self) -> Any:
        """The open-set calibrator of the current gallery (its size sets the threshold)."""
        from app.core.recognition.calibration import calibrator_for

        return calibrator_for(self._core.matcher)

    @property
    def min_similarity(self) -> float:
        """The open-set threshold calibrated for the gallery's size (duplicate check, import)."""
        target = self._core.settings.recognition.target_fpir
        return float(self.calibrator().threshold(target).similarity)

    def new_enrolment(
        self, form: EnrolForm, liveness: LivenessGate | None, demo: bool = False
    ) -> EnrolmentSession:
        """A capture session with the configured enrolment and quality limits."""
        core = self._core
        return EnrolmentSession(form, core.enrolment, core.settings.quality, liveness=liveness, demo=demo)

    def check_duplicate(self, vector: npt.ArrayLike, exclude: str | None = None) -> DuplicateInfo | None:
        core = self._core
        hit: DuplicateHit | None = find_duplicate(core.matcher, vector, self.min_similarity, exclude)
        if hit is None:
            return None
        person = core.store.get_person(hit.person_uuid)
        if person is None:  # deleted meanwhile
            core.matcher.remove(hit.person_uuid)
            return None
        return DuplicateInfo(person, hit.similarity, hit.distance)

    def check_form(self, form: EnrolForm) -> None:
        """Validate the form and refuse an ID that is already enrolled (EnrolmentError with the reason)."""
        form.validate()
        existing = self._core.store.find_person(form.external_id.strip())
        if existing is not None:
            raise EnrolmentError(f"The ID {form.external_id} is already enrolled ({existing.name}).")

    def build_draft(
        self, vectors: npt.ArrayLike, qualities: npt.ArrayLike, *, liveness_checked: bool = False
    ) -> TemplateDraft:
        """ONE template from several embeddings with the CONFIGURED outlier limits (ctx.enrolment)."""
        return build_draft(vectors, qualities, self._core.enrolment, liveness_checked=liveness_checked)

    def save_enrolment(
        self,
        form: EnrolForm,
        draft: TemplateDraft,
        elapsed_s: float | None = None,
        *,
        session: Session | None = None,
        source: str = enrol_save.SOURCE_CAMERA,
    ) -> Person:
        """THE enrolment save path (camera and bulk import): ENROL checked, the form validated and its ID
        free, then person + template + "person.enrol" audit entry in ONE transaction, the template in the
        matcher, the audit seal advanced and the sync loop woken. EnrolmentError / PermissionDenied."""
        core = self._core
        signed_in = core.authorise(session, Action.ENROL)
        form.operator = signed_in.name
        self.check_form(form)
        with access.sealed(core.store):
            person, template = enrol_save.save_enrolment(
                core.store,
                form,
                draft,
                core.model_id,
                core.model_version,
                elapsed_s,
                actor=signed_in.name,
                source=source,
            )
        core.matcher.add(person.uuid, template.vector)
        core.wake_sync()  # the new person and template are queued in the outbox: push them now
        return person

    def update_enrolment(
        self,
        person: Person,
        draft: TemplateDraft,
        elapsed_s: float | None = None,
        *,
        session: Session | None = None,
        source: str = enrol_save.SOURCE_CAMERA,
    ) -> None:
        """Re-enrol `person` (ENROL; the duplicate dialog's "update", or People → Re-enrol)."""
        core = self._core
        signed_in = core.authorise(session, Action.ENROL)
        with access.sealed(core.store):
            template = enrol_save.replace_template(
                core.store,
                person,
                draft,
                core.model_id,
                core.model_version,
                signed_in.name,
                elapsed_s,
                source,
            )
        if person.active:
            core.matcher.add(person.uuid, template.vector)
        core.wake_sync()
