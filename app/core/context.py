"""AppContext: the one façade the desktop UI (and the kiosk) uses. The UI never imports storage,
onnxruntime or mediapipe; it calls this object instead.

    ctx = AppContext(Settings())          # nothing opened yet
    ctx.open()                            # store (key from the OS keyring) + matcher loaded; StorageError
    pipe = ctx.new_pipeline()             # one RecognitionPipeline per worker thread (shares ctx.matcher)
    session = ctx.new_enrolment(form, demo=False)
    hit = ctx.check_duplicate(vector)     # DuplicateInfo (who) or None
    person = ctx.save_enrolment(session_form, draft, elapsed_s=...)   # store + matcher + audit
    ctx.close()

Thread-safety: the Store and the Matcher are internally locked, so any thread may call these methods;
pipelines are NOT shared between threads (create one per thread with new_pipeline()).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy.typing as npt

from app.core.embedder import EMBEDDING_DIM, MODEL_ID, MODEL_VERSION
from app.core.enrolment import (
    DuplicateHit,
    EnrolForm,
    EnrolmentError,
    EnrolmentSession,
    EnrolmentSettings,
    LivenessGate,
    SessionLiveness,
    TemplateDraft,
    find_duplicate,
    replace_template,
    save_enrolment,
)
from app.core.errors import FaceAttendError, StorageError
from app.core.matcher import Matcher, distance_to_similarity
from app.core.models import ModelRegistry
from app.core.pipeline import RecognitionPipeline
from app.core.records import AuditEntry, Person, Template
from app.core.settings import Settings
from app.core.storage import Store

log = logging.getLogger(__name__)

# Modules that may provide the active liveness challenge (being written in parallel, issue 4). The first
# importable one that has `make_enrolment_liveness(settings) -> LivenessGate` is used.
LIVENESS_PROVIDERS = ("app.core.liveness", "app.core.liveness.challenge", "app.core.liveness.session")


@dataclass
class DuplicateInfo:
    person: Person
    similarity: float
    distance: float


@dataclass
class PersonSummary:
    person: Person
    templates: int
    quality: float  # best template quality 0..1 (0 when none)
    frames_used: int
    model: str  # "dlib_resnet_v1 v1"
    enrolled_at: str = ""


@dataclass
class AppContext:
    settings: Settings = field(default_factory=Settings)
    passphrase: str | None = None  # only for databases protected by a passphrase (no OS keyring)
    actor: str = "operator"
    enrolment: EnrolmentSettings = field(default_factory=EnrolmentSettings)

    def __post_init__(self) -> None:
        self._store: Store | None = None
        self._registry: ModelRegistry | None = None
        self.matcher = Matcher(EMBEDDING_DIM)
        self.model_id = MODEL_ID
        self.model_version = MODEL_VERSION
        self._lock = threading.RLock()

    # --- opening -----------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> None:
        """Open (or create) the encrypted database and load the matcher. Raises StorageError with a
        message for the user (no keyring and no passphrase, wrong key, damaged file, other model…)."""
        with self._lock:
            if self._store is not None:
                return
            try:
                store = Store.open(self.data_dir, passphrase=self.passphrase)
            except StorageError as exc:
                raise StorageError(f"Cannot open the FaceAttend database in {self.data_dir}: {exc}") from exc
            self._store = store
            try:
                self.reload_matcher()
            except StorageError:
                self.close()
                raise

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> AppContext:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def store(self) -> Store:
        """For core services (bulk import, attendance). The UI must use the methods below instead."""
        if self._store is None:
            raise StorageError("The database is not open.")
        return self._store

    @property
    def registry(self) -> ModelRegistry:
        if self._registry is None:
            self._registry = ModelRegistry(self.settings.models_dir)
        return self._registry

    # --- recognition -------------------------------------------------------------------------------
    def new_pipeline(self, video: bool = True) -> RecognitionPipeline:
        """A pipeline for ONE thread (mediapipe's landmarker is not shared). It searches `self.matcher`."""
        settings = self.settings.recognition
        return RecognitionPipeline(self.registry, settings, matcher=self.matcher, video=video)

    @property
    def min_similarity(self) -> float:
        return distance_to_similarity(self.settings.recognition.match_threshold)

    def reload_matcher(self) -> int:
        """Load every active person's template of the current model into the matcher (one row per person)."""
        uuids, matrix = self.store.load_templates(self.model_id, self.model_version)
        self.matcher.clear()
        if uuids:
            last: dict[str, int] = {u: i for i, u in enumerate(uuids)}  # the newest template per person
            keys = list(last)
            self.matcher.add_many(keys, matrix[[last[k] for k in keys]])
        log.info("matcher loaded: %d persons", len(self.matcher))
        return len(self.matcher)

    # --- liveness seam -----------------------------------------------------------------------------
    def new_liveness(self, challenge_seed: int | None = None) -> LivenessGate | None:
        """The liveness check for a real camera/video (app.core.liveness: active challenge + 3-D + motion +
        the passive anti-spoof model when installed), or None when no liveness module is installed.
        `challenge_seed` fixes the random challenge (tests only)."""
        for name in LIVENESS_PROVIDERS:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            factory = getattr(module, "make_enrolment_liveness", None)
            if callable(factory):
                gate: LivenessGate = factory(self.settings)
                return gate
            if hasattr(module, "LivenessSession") and hasattr(module, "ActiveChallenge"):
                s = self.settings.liveness
                challenge = module.ActiveChallenge(s, rng=challenge_seed)
                session = module.LivenessSession(s, passive=self.passive_scorer(), challenge=challenge)
                return SessionLiveness(session)
        log.warning("no liveness module found in %s", LIVENESS_PROVIDERS)
        return None

    def passive_scorer(self) -> Any:
        """The passive anti-spoof ensemble from the shipped and user model dirs, or None (loaded once)."""
        if not hasattr(self, "_passive"):
            self._passive: Any = None
            try:
                from app.core.antispoof import PassiveAntiSpoof
                from app.core.models import user_models_dir

                registries = [self.registry]
                user_dir = user_models_dir(self.data_dir)
                if (user_dir / "manifest.json").is_file():
                    registries.append(ModelRegistry(user_dir))
                self._passive = PassiveAntiSpoof.from_registries(registries)
            except Exception as exc:  # a broken optional model never blocks enrolment: the active checks run
                log.warning("passive anti-spoof model not loaded: %s", exc)
        return self._passive

    def new_enrolment(
        self, form: EnrolForm, demo: bool = False, liveness: LivenessGate | None = None
    ) -> EnrolmentSession:
        """A capture session. `demo=True` (the built-in demo camera only) skips liveness, shown as such;
        otherwise `liveness` or new_liveness() (none installed → the session fails with a clear reason)."""
        return EnrolmentSession(
            form,
            self.enrolment,
            self.settings.quality,
            liveness=None if demo else (liveness or self.new_liveness()),
            demo=demo,
        )

    # --- persons -----------------------------------------------------------------------------------
    def list_persons(self, active_only: bool = False) -> list[Person]:
        return self.store.list_persons(active_only)

    def search_persons(self, text: str = "", active_only: bool = False) -> list[Person]:
        words = text.casefold().split()
        people = self.list_persons(active_only)
        if not words:
            return people

        def text_of(p: Person) -> str:
            return f"{p.name} {p.external_id} {p.department} {' '.join(p.groups)}".casefold()

        return [p for p in people if all(w in text_of(p) for w in words)]

    def get_person(self, person_uuid: str) -> Person | None:
        return self.store.get_person(person_uuid)

    def find_person(self, external_id: str) -> Person | None:
        return self.store.find_person(external_id.strip())

    def templates_for(self, person_uuid: str) -> list[Template]:
        return self.store.templates_for(person_uuid)

    def summary(self, person: Person) -> PersonSummary:
        templates = self.store.templates_for(person.uuid)
        best = max(templates, key=lambda t: t.quality, default=None)
        return PersonSummary(
            person,
            len(templates),
            best.quality if best else 0.0,
            best.frames_used if best else 0,
            f"{best.model_id} v{best.model_version}" if best else "",
            best.created_at.strftime("%Y-%m-%d %H:%M") if best and best.created_at else "",
        )

    def summaries(self, text: str = "") -> list[PersonSummary]:
        return [self.summary(p) for p in self.search_persons(text)]

    def update_person(self, person: Person) -> None:
        """Edit name / ID / department / groups. A taken ID raises StorageError (DuplicateError)."""
        person.name = " ".join(person.name.split())
        person.external_id = person.external_id.strip()
        if not person.name or not person.external_id:
            raise EnrolmentError("Name and ID cannot be empty.")
        other = self.store.find_person(person.external_id)
        if other is not None and other.uuid != person.uuid:
            raise EnrolmentError(f"The ID {person.external_id} already belongs to {other.name}.")
        self.store.update_person(person)
        self.audit("person.edit", {"uuid": person.uuid, "external_id": person.external_id})

    def set_active(self, person_uuid: str, active: bool) -> None:
        self.store.set_person_active(person_uuid, active)
        if active:
            templates = self.store.templates_for(person_uuid)
            if templates:
                self.matcher.add(person_uuid, templates[-1].vector)
        else:
            self.matcher.remove(person_uuid)
        self.audit("person.activate" if active else "person.deactivate", {"uuid": person_uuid})

    def delete_person(self, person_uuid: str) -> None:
        """Erase the person and their templates (the store writes the audit entry)."""
        self.store.delete_person(person_uuid, self.actor)
        self.matcher.remove(person_uuid)

    # --- enrolment ---------------------------------------------------------------------------------
    def check_duplicate(self, vector: npt.ArrayLike, exclude: str | None = None) -> DuplicateInfo | None:
        hit: DuplicateHit | None = find_duplicate(self.matcher, vector, self.min_similarity, exclude)
        if hit is None:
            return None
        person = self.store.get_person(hit.person_uuid)
        if person is None:  # deleted meanwhile
            self.matcher.remove(hit.person_uuid)
            return None
        return DuplicateInfo(person, hit.similarity, hit.distance)

    def check_form(self, form: EnrolForm) -> None:
        """Validate the form and refuse an ID that is already enrolled (EnrolmentError with the reason)."""
        form.validate()
        existing = self.find_person(form.external_id)
        if existing is not None:
            raise EnrolmentError(f"The ID {form.external_id} is already enrolled ({existing.name}).")

    def save_enrolment(self, form: EnrolForm, draft: TemplateDraft, elapsed_s: float | None = None) -> Person:
        self.check_form(form)
        person, template = save_enrolment(
            self.store, form, draft, self.model_id, self.model_version, elapsed_s
        )
        self.matcher.add(person.uuid, template.vector)
        return person

    def update_enrolment(self, person: Person, draft: TemplateDraft, elapsed_s: float | None = None) -> None:
        """Re-enrol `person` (the duplicate dialog's "update", or People → Re-enrol)."""
        template = replace_template(
            self.store, person, draft, self.model_id, self.model_version, self.actor, elapsed_s
        )
        if person.active:
            self.matcher.add(person.uuid, template.vector)

    # --- reports -----------------------------------------------------------------------------------
    def report_source(self) -> Any:
        """The store as the reports' EventSource (app/core/reports/store_source.py), or None if absent."""
        try:
            module = importlib.import_module("app.core.reports.store_source")
        except ImportError:
            return None
        return module.StoreEventSource(self.store)

    # --- audit -------------------------------------------------------------------------------------
    def audit(self, action: str, details: dict[str, Any] | None = None) -> AuditEntry:
        return self.store.append_audit(self.actor, action, details or {})

    def audit_entries(self, limit: int = 100) -> list[AuditEntry]:
        return self.store.audit_entries(limit)


def open_context(settings: Settings | None = None, **kwargs: Any) -> AppContext:
    ctx = AppContext(settings or Settings(), **kwargs)
    ctx.open()
    return ctx


def describe_error(exc: BaseException) -> str:
    """A message for a dialog: FaceAttendError messages as they are, anything else with its type."""
    if isinstance(exc, FaceAttendError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}): {exc}"


ProgressCallback = Callable[[int, int, str], None]
