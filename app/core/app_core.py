"""AppCore: what the area services share — the open store, the matcher, the effective settings and the
signed-in session — and the two rules every mutating service applies: `authorise` (the permission, checked
in the core) and `record` (the ONE audit path, which always advances the keyring seal).

Only the composition root (app/core/context.py) creates it; the UI and the commands never see the store or
the matcher (import contract in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.enrolment.session import EnrolmentSettings
from app.core.errors import PermissionDenied, StorageError
from app.core.matcher import Matcher
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.records import AuditEntry
from app.core.settings import Settings
from app.core.storage import Store
from app.core.vision.embedder import EMBEDDING_DIM, MODEL_ID, MODEL_VERSION


@dataclass
class AppCore:
    settings: Settings
    enrolment: EnrolmentSettings
    actor: str = "operator"  # the name on entries written without a Session (the kiosk's attendance)
    matcher: Matcher = field(default_factory=lambda: Matcher(EMBEDDING_DIM))
    model_id: str = MODEL_ID
    model_version: str = MODEL_VERSION
    session: Session | None = None  # the signed-in user
    store_or_none: Store | None = None
    wake_sync: Callable[[], None] = lambda: None  # set by the composition root once sync runs

    @property
    def store(self) -> Store:
        if self.store_or_none is None:
            raise StorageError("The database is not open.")
        return self.store_or_none

    def authorise(self, session: Session | None, action: Action) -> Session:
        """The session to act as (given, else the signed-in one), checked for `action` (PermissionDenied)."""
        actual = session or self.session
        if actual is None:
            raise PermissionDenied(self.actor, "-", f"{action} (nobody is signed in)")
        actual.require(action)
        return actual

    def record(
        self, session: Session | str, action: str, details: dict[str, Any] | None = None
    ) -> AuditEntry:
        """An audit entry through access.record (appended, then the keyring seal advanced)."""
        return access.record(self.store, session, action, details)
