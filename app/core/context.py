"""AppContext: the ONE composition root of the GUI, the kiosk and every CLI command. It opens the encrypted
database, loads the matcher and owns the area services; the UI and the commands call these services (or
the context's short-cuts to them) and never see the store or the matcher (import contract in
pyproject.toml: app.ui and app.commands import neither app.core.storage nor app.core.matcher).

    ctx = AppContext(Settings())          # nothing opened yet
    ctx.open()                            # store (key from the OS keyring) + matcher loaded; StorageError
    pipe = ctx.new_pipeline()             # one RecognitionPipeline per worker thread (shares the matcher)
    signed_in = ctx.access.login(name, pin)        # the Session every mutating method checks
    person = ctx.enrol.save_enrolment(form, draft)  # store + matcher + sealed audit entry + sync wake-up
    ctx.people.erase_person(uuid, signed_in)
    ctx.close()

The services, one file per area: people (people/service.py), enrol (enrolment/service.py), access
(policy/service.py), schedule (schedule/service.py), prefs (settings_service.py), cloud_sync
(sync/control.py), reports (reports/service.py), database (maintenance.py). They share one AppCore
(app_core.py: store, matcher, settings, session, the permission check and the audit path).

Thread-safety: the Store and the Matcher are internally locked, so any thread may call the services;
pipelines are NOT shared between threads (create one per thread with new_pipeline()).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.app_core import AppCore
from app.core.enrolment.service import DuplicateInfo, EnrolmentService
from app.core.enrolment.session import (
    EnrolForm,
    EnrolmentSession,
    EnrolmentSettings,
    LivenessGate,
    SessionLiveness,
)
from app.core.errors import FaceAttendError, StorageError
from app.core.maintenance import DatabaseService
from app.core.models import ModelRegistry
from app.core.people.service import PeopleService, PersonSummary
from app.core.policy.access import Session
from app.core.policy.service import AccessService
from app.core.reports.service import ReportService
from app.core.schedule.service import ScheduleService
from app.core.settings import Settings
from app.core.settings_service import SettingsService
from app.core.storage import Store
from app.core.storage.errors import NotFoundError
from app.core.storage.keys import Prompt
from app.core.storage.store import DB_FILENAME
from app.core.sync.control import SyncControl
from app.core.sync.service import SyncService
from app.core.vision.pipeline import RecognitionPipeline

if TYPE_CHECKING:  # loaded lazily: onnxruntime only when liveness is used
    from app.core.liveness.antispoof import PassiveLoad

__all__ = ["AppContext", "DuplicateInfo", "PersonSummary", "describe_error", "open_context"]

log = logging.getLogger(__name__)


class AppContext:
    def __init__(
        self,
        settings: Settings | None = None,
        passphrase: str | None = None,
        actor: str = "operator",
        enrolment: EnrolmentSettings | None = None,
        background_sync: bool = True,
        *,
        prompt: Prompt | None = None,
        create: bool = True,
        load_matcher: bool = True,
    ) -> None:
        """`passphrase`: only for a database protected by a passphrase (no OS keyring); `prompt` asks for
        it instead (the terminal). `actor`: the name on entries written without a Session (the kiosk's
        attendance). `background_sync`: open() starts the sync loop (it waits while sync is not
        configured). `create=False`: a missing database is a NotFoundError, not a new one. load_matcher=False
        (commands that never recognise anyone): the templates stay in the database, so a command also works
        on a database whose templates another model made."""
        self.settings = settings or Settings()
        self.enrolment = enrolment or EnrolmentSettings()
        self.passphrase = passphrase
        self.background_sync = background_sync
        self._prompt = prompt
        self._create = create
        self._load_matcher = load_matcher
        self._core = AppCore(self.settings, self.enrolment, actor=actor)
        self._registry: ModelRegistry | None = None
        self._lock = threading.RLock()
        core = self._core
        # the area services
        self.people = PeopleService(core)
        self.enrol = EnrolmentService(core)
        self.access = AccessService(core)
        self.schedule = ScheduleService(core)
        self.prefs = SettingsService(core)
        self.cloud_sync = SyncControl(core, background_sync)
        self.reports = ReportService(core)
        self.database = DatabaseService(core)
        # short-cuts the UI calls (each one a service's method)
        self.list_persons = self.people.list_persons
        self.search_persons = self.people.search_persons
        self.get_person = self.people.get_person
        self.find_person = self.people.find_person
        self.templates_for = self.people.templates_for
        self.summary = self.people.summary
        self.summaries = self.people.summaries
        self.update_person = self.people.update_person
        self.set_active = self.people.set_active
        self.delete_person = self.people.delete_person
        self.erase_person = self.people.erase_person
        self.is_erased = self.people.is_erased
        self.export_person = self.people.export_person
        self.record_consent = self.people.record_consent
        self.run_retention_if_due = self.people.run_retention_if_due
        self.check_duplicate = self.enrol.check_duplicate
        self.check_form = self.enrol.check_form
        self.build_draft = self.enrol.build_draft
        self.save_enrolment = self.enrol.save_enrolment
        self.update_enrolment = self.enrol.update_enrolment
        self.calibrator = self.enrol.calibrator
        self.needs_first_admin = self.access.needs_first_admin
        self.create_first_admin = self.access.create_first_admin
        self.login = self.access.login
        self.sign_in = self.access.sign_in
        self.record = self.access.record
        self.audit = self.access.audit
        self.audit_entries = self.access.audit_entries
        self.list_users = self.access.list_users
        self.add_user = self.access.add_user
        self.set_user_role = self.access.set_user_role
        self.reset_user_pin = self.access.reset_user_pin
        self.set_user_active = self.access.set_user_active
        self.audit_page = self.access.audit_page
        self.audit_actors = self.access.audit_actors
        self.verify_audit = self.access.verify_audit
        self.work_schedule = self.schedule.work_schedule
        self.save_work_schedule = self.schedule.save_work_schedule
        self.setting_value = self.prefs.setting_value
        self.save_settings = self.prefs.save_settings
        self.load_persisted_settings = self.prefs.load_persisted_settings
        self.report_source = self.reports.source
        self.list_events = self.reports.list_events
        self.event_corrections = self.reports.event_corrections
        self.correct_event = self.reports.correct_event
        self.add_sync_listener = self.cloud_sync.add_listener
        self.remove_sync_listener = self.cloud_sync.remove_listener
        self.sync_status = self.cloud_sync.status
        self.sync_config = self.cloud_sync.config
        self.sync_now = self.cloud_sync.sync_now
        self.configure_sync = self.cloud_sync.configure
        self.disable_sync = self.cloud_sync.disable

    # --- who is signed in --------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self._core.session

    @property
    def actor(self) -> str:
        return self._core.actor

    @actor.setter
    def actor(self, name: str) -> None:
        self._core.actor = name

    # --- opening -----------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    def database_exists(self) -> bool:
        """False before the first run created the database (its passphrase, if any, is then new)."""
        return (self.data_dir / DB_FILENAME).exists()

    @property
    def is_open(self) -> bool:
        return self._core.store_or_none is not None

    def open(self, *, store_only: bool = False) -> None:
        """Open (or create) the encrypted database and load the matcher. Raises StorageError with a
        message for the user (no keyring and no passphrase, wrong key, damaged file, other model…).
        `store_only` (database maintenance, which must work on a damaged file): no settings, no matcher,
        no sync."""
        with self._lock:
            if self._core.store_or_none is not None:
                return
            try:
                store = Store.open(
                    self.data_dir, passphrase=self.passphrase, prompt=self._prompt, create=self._create
                )
            except NotFoundError:
                raise
            except StorageError as exc:
                raise StorageError(f"Cannot open the FaceAttend database in {self.data_dir}: {exc}") from exc
            self._core.store_or_none = store
            if store_only:
                return
            try:
                self.prefs.load_persisted_settings()
                if self._load_matcher:
                    self.reload_matcher()
                self.cloud_sync.open()
            except StorageError:
                self.close()
                raise

    def close(self) -> None:
        with self._lock:
            self.cloud_sync.close()  # before the store: a pass in progress still writes to it
            if self._core.store_or_none is not None:
                self._core.store_or_none.close()
                self._core.store_or_none = None

    def __enter__(self) -> AppContext:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def _store(self) -> Store:
        """For the core (the kiosk backend) and white-box tests; the UI and the commands use the services."""
        return self._core.store

    @property
    def _matcher(self) -> Any:
        return self._core.matcher

    @property
    def registry(self) -> ModelRegistry:
        if self._registry is None:
            self._registry = ModelRegistry(self.settings.models_dir)
        return self._registry

    @property
    def model_id(self) -> str:
        return self._core.model_id

    @property
    def model_version(self) -> str:
        return self._core.model_version

    @property
    def sync(self) -> SyncService | None:
        """The database's SyncService (None while closed). status() and wake() are safe from any thread."""
        return self.cloud_sync.service

    # --- recognition -------------------------------------------------------------------------------
    def new_pipeline(self, video: bool = True) -> RecognitionPipeline:
        """A pipeline for ONE thread (mediapipe's landmarker is not shared). It searches the matcher."""
        settings = self.settings.recognition
        return RecognitionPipeline(self.registry, settings, matcher=self._core.matcher, video=video)

    @property
    def min_similarity(self) -> float:
        """The open-set threshold calibrated for the gallery's size (duplicate check, import)."""
        return self.enrol.min_similarity

    def new_identifier(self, pipeline: RecognitionPipeline) -> Any:
        """`faceattend identify`: open-set decisions for photos or tracks against the enrolled people."""
        from app.core.recognition.identify import Identifier

        return Identifier(self._core.store, pipeline, self.settings)

    def reload_matcher(self) -> int:
        """Load every active person's template of the current model into the matcher (one row per person)."""
        core = self._core
        uuids, matrix = core.store.load_templates(core.model_id, core.model_version)
        core.matcher.clear()
        if uuids:
            last: dict[str, int] = {u: i for i, u in enumerate(uuids)}  # the newest template per person
            keys = list(last)
            core.matcher.add_many(keys, matrix[[last[k] for k in keys]])
        log.info("matcher loaded: %d persons", len(core.matcher))
        return len(core.matcher)

    # --- liveness (app/core/liveness) --------------------------------------------------------------
    def new_liveness(self, challenge_seed: int | None = None) -> LivenessGate | None:
        """The liveness check for a real camera/video: active challenge + 3-D + motion + the passive
        anti-spoof model when installed. `challenge_seed` fixes the random challenge (tests only)."""
        from app.core.liveness import ActiveChallenge, LivenessSession

        s = self.settings.liveness
        challenge = ActiveChallenge(s, rng=challenge_seed)
        return SessionLiveness(LivenessSession(s, passive=self.passive_scorer(), challenge=challenge))

    def passive_scorer(self) -> Any:
        """The passive anti-spoof ensemble (bundled, overridden by imported models), or None; loaded once."""
        return self._passive_load().scorer

    def _passive_load(self) -> Any:
        if not hasattr(self, "_passive"):
            from app.core.liveness.antispoof import load_passive_ensemble

            self._passive: Any = load_passive_ensemble(self.data_dir, self.registry)
        return self._passive

    def new_enrolment(
        self, form: EnrolForm, demo: bool = False, liveness: LivenessGate | None = None
    ) -> EnrolmentSession:
        """A capture session. `demo=True` (the built-in demo camera only) skips liveness, shown as such;
        otherwise `liveness` or new_liveness()."""
        gate = None if demo else (liveness or self.new_liveness())
        return self.enrol.new_enrolment(form, gate, demo=demo)

    def antispoof_mode(self) -> str:
        """Which anti-spoof checks run on a real camera, in (English) words."""
        return str(self._passive_load().describe())

    def antispoof_load(self) -> PassiveLoad:
        """The passive ensemble in use and where it came from (the Settings page says it in its language)."""
        load: PassiveLoad = self._passive_load()
        return load


def open_context(settings: Settings | None = None, **kwargs: Any) -> AppContext:
    ctx = AppContext(settings or Settings(), **kwargs)
    ctx.open()
    return ctx


def describe_error(exc: BaseException) -> str:
    """A message for a dialog: FaceAttendError messages as they are, anything else with its type."""
    if isinstance(exc, FaceAttendError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}): {exc}"
