"""AppContext: the one façade the desktop UI (and the kiosk) uses. The UI never imports storage,
onnxruntime or mediapipe; it calls this object instead.

    ctx = AppContext(Settings())          # nothing opened yet
    ctx.open()                            # store (key from the OS keyring) + matcher loaded; StorageError
    pipe = ctx.new_pipeline()             # one RecognitionPipeline per worker thread (shares ctx.matcher)
    signed_in = ctx.login(name, pin)      # the Session every mutating method checks (or pass session=)
    session = ctx.new_enrolment(form, demo=False)
    hit = ctx.check_duplicate(vector)     # DuplicateInfo (who) or None
    person = ctx.save_enrolment(session_form, draft, elapsed_s=...)   # store + matcher + sealed audit
    ctx.sync.status()                     # cloud sync (SyncService): started by open(), stopped by close()
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
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy.typing as npt

from app.core.embedder import EMBEDDING_DIM, MODEL_ID, MODEL_VERSION
from app.core.enrolment import save as enrol_save
from app.core.enrolment.session import (
    DuplicateHit,
    EnrolForm,
    EnrolmentError,
    EnrolmentSession,
    EnrolmentSettings,
    LivenessGate,
    SessionLiveness,
    TemplateDraft,
    build_draft,
    find_duplicate,
)
from app.core.errors import FaceAttendError, PermissionDenied, StorageError
from app.core.matcher import Matcher
from app.core.models import ModelRegistry
from app.core.people import privacy
from app.core.pipeline import RecognitionPipeline
from app.core.policy import access
from app.core.policy.access import Action, Audit, AuditFilter, AuditVerdict, Session
from app.core.policy.safe_text import person_text_problem
from app.core.records import AttendanceEvent, AuditEntry, Correction, Person, Template
from app.core.schedule.work_schedule import WorkSchedule, save_schedule
from app.core.settings import Settings
from app.core.settings_loader import PERSISTED_SETTINGS, apply_saved_settings, section_of
from app.core.storage import Store
from app.core.storage.store import DB_FILENAME
from app.core.sync.client import SyncStatus
from app.core.sync.service import SyncConfig, SyncService

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
    actor: str = "operator"  # the name on entries written without a Session (the kiosk's attendance)
    enrolment: EnrolmentSettings = field(default_factory=EnrolmentSettings)
    background_sync: bool = True  # open() starts the sync loop (it only waits while sync is not configured)

    def __post_init__(self) -> None:
        self._store: Store | None = None
        self._sync: SyncService | None = None
        self._sync_listeners: list[Callable[[SyncStatus], None]] = []
        self._registry: ModelRegistry | None = None
        self.matcher = Matcher(EMBEDDING_DIM)
        self.model_id = MODEL_ID
        self.model_version = MODEL_VERSION
        self._lock = threading.RLock()
        self.session: Session | None = None  # the signed-in user (login / create_first_admin / sign_in)

    # --- opening -----------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    def database_exists(self) -> bool:
        """False before the first run created the database (its passphrase, if any, is then new)."""
        return (self.data_dir / DB_FILENAME).exists()

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
                self.load_persisted_settings()
                self.reload_matcher()
                self._sync = SyncService(store, on_status=self._sync_status_changed)
            except StorageError:
                self.close()
                raise
            if self.background_sync:
                self._sync.start()

    def close(self) -> None:
        with self._lock:
            if self._sync is not None:  # before the store: a pass in progress still writes to it
                self._sync.stop()
                self._sync = None
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

    # --- cloud sync (app/core/sync/service.py) -----------------------------------------------------
    @property
    def sync(self) -> SyncService | None:
        """The database's SyncService (None while closed). status() and wake() are safe from any thread."""
        return self._sync

    def add_sync_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        """`listener(status)` after each sync pass — called on the SYNC thread (the UI re-emits a signal)."""
        self._sync_listeners.append(listener)

    def remove_sync_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        if listener in self._sync_listeners:
            self._sync_listeners.remove(listener)

    def _sync_status_changed(self, status: SyncStatus) -> None:
        for listener in list(self._sync_listeners):
            try:
                listener(status)
            except Exception:
                log.exception("sync listener failed")

    def sync_status(self) -> SyncStatus:
        return self._sync.status() if self._sync is not None else SyncStatus()

    def sync_config(self) -> SyncConfig | None:
        return self._sync.config() if self._sync is not None else None

    def sync_now(self) -> None:
        """Run a pass as soon as possible ("Sync now"; the loop is started if it was stopped)."""
        if self._sync is None:
            return
        if self.background_sync and not self._sync.running:
            self._sync.start()
        self._sync.wake()

    def configure_sync(self, session: Session, url: str, api_key: str, e2e: bool = False) -> int:
        """Turn cloud sync on (SYNC_KEY_CHANGE): URL + device API key (keyring), optional end-to-end mode.
        SyncService writes the audit entries (sync.key_change, sync.configure). Returns items queued."""
        session.require(Action.SYNC_KEY_CHANGE)
        if self._sync is None:
            raise StorageError("The database is not open.")
        with access.sealed(self.store):
            queued = self._sync.configure(url.strip(), api_key.strip(), e2e=e2e, actor=session.name)
        self.sync_now()
        return queued

    def disable_sync(self, session: Session) -> None:
        """Sync off (SYNC_KEY_CHANGE): the keys leave the keyring; audited as sync.disable."""
        session.require(Action.SYNC_KEY_CHANGE)
        if self._sync is None:
            raise StorageError("The database is not open.")
        with access.sealed(self.store):
            self._sync.disable(actor=session.name)
        self._sync_status_changed(self._sync.status())

    # --- recognition -------------------------------------------------------------------------------
    def new_pipeline(self, video: bool = True) -> RecognitionPipeline:
        """A pipeline for ONE thread (mediapipe's landmarker is not shared). It searches `self.matcher`."""
        settings = self.settings.recognition
        return RecognitionPipeline(self.registry, settings, matcher=self.matcher, video=video)

    @property
    def min_similarity(self) -> float:
        """The open-set threshold calibrated for the gallery's size (duplicate check, import)."""
        from app.core.recognition.calibration import calibrator_for

        return calibrator_for(self.matcher).threshold(self.settings.recognition.target_fpir).similarity

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

    def update_person(self, person: Person, *, session: Session | None = None) -> None:
        """Edit name / ID / department / groups (EDIT_PERSON, checked once the input is valid). A taken ID
        raises EnrolmentError."""
        person.name = " ".join(person.name.split())
        person.external_id = person.external_id.strip()
        if not person.name or not person.external_id:
            raise EnrolmentError("Name and ID cannot be empty.")
        if problem := person_text_problem(person.name, person.department, person.groups):
            raise EnrolmentError(problem)
        other = self.store.find_person(person.external_id)
        if other is not None and other.uuid != person.uuid:
            raise EnrolmentError(f"The ID {person.external_id} already belongs to {other.name}.")
        signed_in = self._authorise(session, Action.EDIT_PERSON)
        self.store.update_person(person)
        self.record(signed_in, Audit.PERSON_EDIT, {"uuid": person.uuid})

    def set_active(self, person_uuid: str, active: bool, *, session: Session | None = None) -> None:
        """(De)activate a person (EDIT_PERSON). Reactivated, their newest template OF THE CURRENT MODEL goes
        back into the matcher (a template of another embedder is in another space: it never matches)."""
        signed_in = self._authorise(session, Action.EDIT_PERSON)
        self.store.set_person_active(person_uuid, active)
        if active:
            current = [
                t
                for t in self.store.templates_for(person_uuid)
                if t.model_id == self.model_id and t.model_version == self.model_version
            ]
            if current:
                self.matcher.add(person_uuid, current[-1].vector)
        else:
            self.matcher.remove(person_uuid)
        self.record(signed_in, "person.activate" if active else "person.deactivate", {"uuid": person_uuid})

    def delete_person(self, person_uuid: str, *, session: Session | None = None) -> None:
        """Erase the person and their templates (ERASE_PERSON; the store writes the audit entry in the
        same transaction, then the seal is advanced)."""
        signed_in = self._authorise(session, Action.ERASE_PERSON)
        with access.sealed(self.store):
            self.store.delete_person(person_uuid, signed_in.name)
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

    def build_draft(
        self, vectors: npt.ArrayLike, qualities: npt.ArrayLike, *, liveness_checked: bool = False
    ) -> TemplateDraft:
        """ONE template from several embeddings with the CONFIGURED outlier limits (ctx.enrolment)."""
        return build_draft(vectors, qualities, self.enrolment, liveness_checked=liveness_checked)

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
        signed_in = self._authorise(session, Action.ENROL)
        form.operator = signed_in.name
        self.check_form(form)
        with access.sealed(self.store):
            person, template = enrol_save.save_enrolment(
                self.store,
                form,
                draft,
                self.model_id,
                self.model_version,
                elapsed_s,
                actor=signed_in.name,
                source=source,
            )
        self.matcher.add(person.uuid, template.vector)
        self.sync_now()  # the new person and template are queued in the outbox: push them now
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
        signed_in = self._authorise(session, Action.ENROL)
        with access.sealed(self.store):
            template = enrol_save.replace_template(
                self.store,
                person,
                draft,
                self.model_id,
                self.model_version,
                signed_in.name,
                elapsed_s,
                source,
            )
        if person.active:
            self.matcher.add(person.uuid, template.vector)
        self.sync_now()

    # --- reports -----------------------------------------------------------------------------------
    def report_source(self) -> Any:
        """The store as the reports' EventSource (app/core/reports/store_source.py), or None if absent."""
        try:
            module = importlib.import_module("app.core.reports.store_source")
        except ImportError:
            return None
        return module.StoreEventSource(self.store)

    # --- access control (app/core/policy/access.py) -------------------------------------------------------
    def needs_first_admin(self) -> bool:
        return access.needs_first_admin(self.store)

    def create_first_admin(self, name: str, pin: str) -> Session:
        """The first-run wizard: WeakPinError / ValueError (name) / PermissionDenied (an admin exists)."""
        session = access.create_first_admin(self.store, name, pin)
        self.sign_in(session)
        return session

    def login(self, name: str, pin: str) -> Session:
        """A session for name + PIN (AccountLocked / AuthenticationFailed); the actor of audit entries."""
        session = access.login(self.store, name.strip(), pin)
        self.sign_in(session)
        return session

    def sign_in(self, session: Session | None) -> None:
        """The user the mutating methods check when they are given no `session` (None: signed out)."""
        self.session = session
        if session is not None:
            self.actor = session.name

    def _authorise(self, session: Session | None, action: Action) -> Session:
        """The session to act as (given, else the signed-in one), checked for `action` (PermissionDenied)."""
        actual = session or self.session
        if actual is None:
            raise PermissionDenied(self.actor, "-", f"{action} (nobody is signed in)")
        actual.require(action)
        return actual

    def record(
        self, session: Session | str, action: str, details: dict[str, Any] | None = None
    ) -> AuditEntry:
        """An audit entry through access.record (advances the keyring seal)."""
        return access.record(self.store, session, action, details)

    # --- user administration and the audit log (the Users and Audit pages) ---------------------------
    def list_users(self, session: Session) -> list[access.UserInfo]:
        return access.list_users(self.store, session)

    def add_user(self, session: Session, name: str, role: str, pin: str) -> None:
        """WeakPinError (the policy's message), ValueError (name), DuplicateError, PermissionDenied."""
        access.add_user(self.store, session, name, role, pin)

    def set_user_role(self, session: Session, name: str, role: str) -> None:
        access.set_role(self.store, session, name, role)

    def reset_user_pin(self, session: Session, name: str, pin: str) -> None:
        access.reset_pin(self.store, session, name, pin)

    def set_user_active(self, session: Session, name: str, active: bool) -> None:
        access.set_active(self.store, session, name, active)

    def audit_page(
        self, session: Session, flt: AuditFilter | None = None, before_id: int | None = None, limit: int = 200
    ) -> list[AuditEntry]:
        return access.audit_page(self.store, session, flt, before_id, limit)

    def audit_actors(self, session: Session) -> list[str]:
        return access.audit_actors(self.store, session)

    def verify_audit(self, session: Session) -> AuditVerdict:
        """Reads the whole log (seconds on 100k entries): call it from a worker thread."""
        return access.verify_audit(self.store, session)

    # --- privacy (app/core/people/privacy.py) -------------------------------------------------------------
    def erase_person(
        self, person_uuid: str, session: Session, mode: privacy.ErasureMode | str | None = None
    ) -> privacy.ErasureCounts:
        """GDPR erasure (ERASE_PERSON): templates gone everywhere, identity gone, events pseudonymised by
        default (settings.privacy.erasure_events), audited."""
        counts = privacy.erase_person(
            self.store, person_uuid, session, mode or self.settings.privacy.erasure_events
        )
        self.matcher.remove(person_uuid)
        return counts

    def is_erased(self, person_uuid: str) -> bool:
        try:
            return self.store.person_erased_at(person_uuid) is not None
        except FaceAttendError:
            return True  # no row: deleted

    def export_person(self, person_uuid: str, path: Path, session: Session) -> dict[str, Any]:
        """A person's data (GDPR art. 15) as JSON at `path` (EXPORT_PERSON_DATA; audited)."""
        return privacy.write_person_export(self.store, person_uuid, path, session)

    def record_consent(self, person_uuid: str, session: Session) -> Person:
        return privacy.record_consent(self.store, person_uuid, session)

    def run_retention_if_due(self) -> privacy.RetentionResult | None:
        """The daily retention run (at most once per UTC day; call at start-up and hourly)."""
        return privacy.maybe_run_daily_retention(self.store, self.settings)

    # --- HR corrections (issue 7) ------------------------------------------------------------------
    def list_events(
        self,
        person_uuid: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        include_voided: bool = True,
    ) -> list[AttendanceEvent]:
        return self.store.list_events(start, end, person_uuid=person_uuid, include_voided=include_voided)

    def event_corrections(self, event_uuid: str) -> list[Any]:
        return self.store.corrections(event_uuid)

    def correct_event(self, correction: Correction, session: Session) -> Any:
        """Apply an HR correction (CORRECT_EVENTS) through the store adapter: the original is kept (voided),
        a replacement/added event is "manual", and the audit log records who, what and why.
        CorrectionError when the reason (or another field) is missing."""
        session.require(Action.CORRECT_EVENTS)
        from app.core.reports.store_source import StoreEventSource

        with access.sealed(self.store):
            return StoreEventSource(self.store).apply_correction(correction)

    # --- settings persisted in the database --------------------------------------------------------
    def _section(self, name: str) -> Any:
        return section_of(self.settings, self.enrolment, name)

    def setting_value(self, key: str) -> Any:
        section, attr = PERSISTED_SETTINGS[key]
        return getattr(self._section(section), attr)

    def load_persisted_settings(self) -> None:
        """The effective settings (app/core/settings_loader.py, the same for the GUI, the kiosk and the
        CLI): the values saved from the Settings page, then the saved work schedule, on ctx.settings."""
        apply_saved_settings(self.store, self.settings, self.enrolment)

    # --- the work schedule (core/schedule/work_schedule.py) -------------------------------------------------
    def work_schedule(self) -> WorkSchedule:
        """The schedule in force (a copy: edit it, then save_work_schedule)."""
        return WorkSchedule.from_settings(self.settings.reports)

    def save_work_schedule(self, session: Session, schedule: WorkSchedule) -> dict[str, Any]:
        """Validate (ScheduleError with the reason), persist and put in force the work schedule
        (MANAGE_SCHEDULES: HR and admins), with one "schedule.change" audit entry of what changed.
        ctx.settings.reports is changed in place: reports and a kiosk running on this context use it at
        once; a kiosk in another process at its next start. Returns the changes ({} = nothing changed)."""
        new, changes = save_schedule(self.store, session, schedule, self.work_schedule())
        if changes:
            new.apply(self.settings.reports)
        return changes

    def save_settings(self, session: Session, values: dict[str, Any]) -> dict[str, Any]:
        """Persist changed Settings-page values (CHANGE_SETTINGS) with one "settings.change" audit entry.
        Returns {key: [old, new]} of what changed (nothing changed: no entry)."""
        session.require(Action.CHANGE_SETTINGS)
        changed: dict[str, Any] = {}
        for key, value in values.items():
            section, attr = PERSISTED_SETTINGS[key]
            old = getattr(self._section(section), attr)
            if old == value:
                continue
            self.store.set_setting(f"ui.{key}", value)
            setattr(self._section(section), attr, value)
            changed[key] = [old, value]
        if changed:
            self.record(session, Audit.SETTINGS_CHANGE, changed)
        return changed

    def antispoof_mode(self) -> str:
        """Which anti-spoof checks run on a real camera, in words for the Settings page."""
        passive = self.passive_scorer()
        if passive is not None:
            return "passive model installed + active challenge"
        return "active challenge only (no passive anti-spoof model installed)"

    # --- audit -------------------------------------------------------------------------------------
    def audit(self, action: str, details: dict[str, Any] | None = None) -> AuditEntry:
        """An entry by the signed-in user (else ctx.actor) through access.record: the seal advances."""
        return self.record(self.session or self.actor, action, details)

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
