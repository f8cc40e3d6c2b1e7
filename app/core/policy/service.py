"""AccessService: the access area — the first admin, sign-in, user administration and the audit log (read,
verify, export, reseal). The rules are access.py's; this service binds them to the open database and to the
signed-in session."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.app_core import AppCore
from app.core.policy import access
from app.core.policy.access import Action, Audit, AuditFilter, AuditVerdict, Session
from app.core.policy.safe_text import neutralise_cell
from app.core.private_files import private_text
from app.core.records import AuditEntry
from app.core.storage import audit_seal
from app.core.storage.timeutil import to_db

AUDIT_CSV_HEADER = ["id", "at_utc", "actor", "action", "details_json", "prev_hash", "hash"]


@dataclass
class AuditExport:
    entries: int
    intact: bool  # False: the log failed verification before the export (first_bad_id says where)
    first_bad_id: int | None


class AccessService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    # --- sessions ----------------------------------------------------------------------------------
    def needs_first_admin(self) -> bool:
        return access.needs_first_admin(self._core.store)

    def create_first_admin(self, name: str, pin: str) -> Session:
        """The first-run wizard: WeakPinError / ValueError (name) / PermissionDenied (an admin exists)."""
        session = access.create_first_admin(self._core.store, name, pin)
        self.sign_in(session)
        return session

    def login(self, name: str, pin: str, *, record: bool = True) -> Session:
        """A session for name + PIN (AccountLocked / AuthenticationFailed); the actor of audit entries.
        record=False (read-only commands): the sign-in time is not stored."""
        session = access.login(self._core.store, name.strip(), pin, record=record)
        self.sign_in(session)
        return session

    def sign_in(self, session: Session | None) -> None:
        """The user the mutating methods check when they are given no `session` (None: signed out)."""
        self._core.session = session
        if session is not None:
            self._core.actor = session.name

    def authorise(self, session: Session | None, action: Action) -> Session:
        return self._core.authorise(session, action)

    # --- the audit path ----------------------------------------------------------------------------
    def record(
        self, session: Session | str, action: str, details: dict[str, Any] | None = None
    ) -> AuditEntry:
        """An audit entry through access.record (advances the keyring seal)."""
        return self._core.record(session, action, details)

    def audit(self, action: str, details: dict[str, Any] | None = None) -> AuditEntry:
        """An entry by the signed-in user (else the context's actor) through the same path."""
        return self._core.record(self._core.session or self._core.actor, action, details)

    # --- users -------------------------------------------------------------------------------------
    def list_users(self, session: Session) -> list[access.UserInfo]:
        return access.list_users(self._core.store, session)

    def add_user(self, session: Session, name: str, role: str, pin: str) -> None:
        """WeakPinError (the policy's message), ValueError (name), DuplicateError, PermissionDenied."""
        access.add_user(self._core.store, session, name, role, pin)

    def set_user_role(self, session: Session, name: str, role: str) -> None:
        access.set_role(self._core.store, session, name, role)

    def reset_user_pin(self, session: Session, name: str, pin: str) -> None:
        access.reset_pin(self._core.store, session, name, pin)

    def set_user_active(self, session: Session, name: str, active: bool) -> None:
        access.set_active(self._core.store, session, name, active)

    # --- the audit log -----------------------------------------------------------------------------
    def audit_page(
        self, session: Session, flt: AuditFilter | None = None, before_id: int | None = None, limit: int = 200
    ) -> list[AuditEntry]:
        return access.audit_page(self._core.store, session, flt, before_id, limit)

    def audit_actors(self, session: Session) -> list[str]:
        return access.audit_actors(self._core.store, session)

    def audit_entries(self, limit: int = 100) -> list[AuditEntry]:
        return self._core.store.audit_entries(limit)

    def newest_entries(self, session: Session, limit: int = 50) -> list[AuditEntry]:
        """The newest entries (VIEW_AUDIT)."""
        self._core.authorise(session, Action.VIEW_AUDIT)
        return self._core.store.audit_entries(limit)

    def verify_audit(self, session: Session) -> AuditVerdict:
        """Reads the whole log (seconds on 100k entries): call it from a worker thread."""
        return access.verify_audit(self._core.store, session)

    def export_audit_csv(self, session: Session, path: Path) -> AuditExport:
        """The whole log as CSV at `path` (EXPORT_AUDIT; created 0600; actor names cannot become spreadsheet
        formulas), audited as audit.export. The log is verified first: a broken one is still exported."""
        core = self._core
        core.authorise(session, Action.EXPORT_AUDIT)
        store = core.store
        verdict = audit_seal.verify(store)
        count, after = 0, 0
        with private_text(path, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(AUDIT_CSV_HEADER)
            while page := store.all_audit_entries(after_id=after, limit=5000):
                for e in page:
                    details = json.dumps(e.details, sort_keys=True, separators=(",", ":"), default=str)
                    actor = neutralise_cell(e.actor)
                    writer.writerow([e.id, to_db(e.at_utc), actor, e.action, details, e.prev_hash, e.hash])
                count += len(page)
                after = page[-1].id
        core.record(session, Audit.AUDIT_EXPORT, {"file": str(path), "entries": count})
        return AuditExport(count, verdict.ok, verdict.first_bad_id)

    def reseal_audit(self, session: Session) -> bool:
        """Accept the current log as the sealed head (MANAGE_USERS; only after restoring a backup), audited
        with the problems it had. False: no OS keyring, nothing to seal."""
        core = self._core
        core.authorise(session, Action.MANAGE_USERS)
        before = audit_seal.verify(core.store)
        core.record(session, Audit.AUDIT_RESEAL, {"problems": before.problems[:5]})
        return bool(audit_seal.seal(core.store, force=True))
