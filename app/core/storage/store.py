"""Store: the FaceAttend database (one SQLCipher file) — opening, persons, templates, attendance events."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.core.records import Person, Template
from app.core.settings import default_data_dir
from app.core.storage import audit, installation, keys
from app.core.storage.connection import configure, map_error, raw_connect, verify_identity
from app.core.storage.error_map import RESTORE_HINT, corrupt, raise_mapped
from app.core.storage.errors import (
    ForeignDatabaseError,
    ModelMismatchError,
    NotFoundError,
    StorageError,
    WrongKeyError,
)
from app.core.storage.instance_lock import DatabaseLock
from app.core.storage.migrations import migrate
from app.core.storage.privacy import PrivacyTables
from app.core.storage.rows import TEMPLATE_COLS, person_row_id, template_from_row
from app.core.storage.timeutil import now_utc, opt_from_db, to_db

log = logging.getLogger(__name__)

DB_FILENAME = "faceattend.db"

_PERSON_COLS = "uuid, external_id, name, department, groups_json, consent_at, consent_by, active"


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    integrity: list[str]  # PRAGMA integrity_check rows ("ok" when fine)
    cipher: list[str]  # PRAGMA cipher_integrity_check rows (empty when every page's HMAC is fine)
    audit: audit.AuditCheck
    schema_version: int


def _person(row: Sequence[Any]) -> Person:
    return Person(
        row[0], row[1], row[2], row[3], json.loads(row[4]), opt_from_db(row[5]), row[6], bool(row[7])
    )


def _vector_blob(vector: npt.ArrayLike) -> tuple[int, bytes]:
    array = np.asarray(vector, dtype="<f4")
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError("a template vector is a non-empty 1-D array of finite numbers")
    return int(array.size), array.tobytes()


def _person_values(person: Person) -> tuple[Any, ...]:
    """The stored columns of a person after its uuid, in _PERSON_COLS order."""
    return (
        person.external_id,
        person.name,
        person.department,
        json.dumps(person.groups),
        to_db(person.consent_at) if person.consent_at else None,
        person.consent_by,
        int(person.active),
    )


class Store(PrivacyTables):
    """Open with Store.open(); use as a context manager or call close(). Thread-safe (one lock)."""

    def __init__(
        self, conn: Any, path: Path, header: keys.KeyHeader, db_lock: DatabaseLock | None = None
    ) -> None:
        super().__init__(conn, path)
        self.header = header
        self.erasure_log = path
        self._db_lock = db_lock  # shared: a restore refuses to replace the file while this Store is open

    # --- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        *,
        passphrase: str | None = None,
        prompt: keys.Prompt | None = None,
        key_source: str = "auto",
        kdf: keys.KdfParams | None = None,
        create: bool = True,
    ) -> Store:
        """Open (or on first run create) <data_dir>/faceattend.db.

        The key comes from the OS keyring, or — where there is none — from a passphrase (argument,
        FACEATTEND_DB_PASSPHRASE, or `prompt`). An existing file that does not decrypt is never modified.
        The Store holds the shared open-database lock until close() (DatabaseInUseError during a restore).
        """
        directory = Path(data_dir) if data_dir is not None else default_data_dir()
        path = directory / DB_FILENAME
        if not create and not path.exists():
            raise NotFoundError(f"No database at {path}.")
        directory.mkdir(parents=True, exist_ok=True)
        db_lock = DatabaseLock.acquire(path, exclusive=False)
        try:
            return cls._open_locked(
                path,
                db_lock,
                keys.KeyRequest(passphrase, prompt, key_source, kdf or keys.KdfParams()),
                create,
            )
        except BaseException:
            db_lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, db_lock: DatabaseLock, request: keys.KeyRequest, create: bool) -> Store:
        """open() under the shared lock: no restore can swap the file while the key is checked."""
        hpath = keys.header_path(path)
        if path.exists():
            if not path.is_file():
                raise ForeignDatabaseError(path, "not a regular file")
            if path.stat().st_size == 0:
                raise corrupt(path, "the file is empty")
            header = keys.read_header(hpath)
            if header is None:
                reason = f"its key header {hpath.name} is missing, so its key cannot be found; {RESTORE_HINT}"
                raise WrongKeyError(path, reason=reason)
            key = keys.key_for(header, request)
        else:
            if not create:
                raise NotFoundError(f"No database at {path}.")
            header = keys.read_header(hpath)  # left by an interrupted first run: reuse it
            if header is None:
                header, key = keys.new_header(request)
                keys.write_header(hpath, header)
            else:
                key = keys.key_for(header, request, create_missing=True)
            create_database(path, key)
        return cls._connect(path, key, header, db_lock)

    @classmethod
    def _connect(cls, path: Path, key: bytes, header: keys.KeyHeader, db_lock: DatabaseLock) -> Store:
        conn = raw_connect(path, key)
        try:
            verify_identity(conn, path)
            configure(conn)
            migrate(conn)
        except BaseException as exc:
            conn.close()
            raise_mapped(exc, path)
        installation.ensure_installation_id(conn, path, to_db(now_utc()))
        log.info("opened %s (key from %s)", path, header.key_source)
        return cls(conn, path, header, db_lock)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection, then let go of the open-database lock."""
        try:
            super().close()
        finally:
            if self._db_lock is not None:
                self._db_lock.release()

    # --- health --------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])

    def check(self) -> CheckReport:
        """cipher_integrity_check (HMAC of every page) + integrity_check + the audit chain. Read-only.

        Damage is reported in the lists (never raised) so that `faceattend db check` can show it.
        """
        with self._lock:
            if self._conn is None:
                raise StorageError("The database is closed.")
            try:
                cipher = [str(r[0]) for r in self._conn.execute("PRAGMA cipher_integrity_check")]
            except Exception as exc:
                cipher = [str(map_error(exc, self.path))]
        version = -1
        try:
            with self.read() as conn:
                version = int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
                integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        except StorageError as exc:
            integrity = [str(exc)]
        try:
            chain = self.verify_audit()
        except StorageError as exc:
            chain = audit.AuditCheck(False, 0, None, str(exc))
        ok = integrity == ["ok"] and not cipher and chain.ok
        return CheckReport(ok, integrity, cipher, chain, version)

    # --- persons -------------------------------------------------------------------------------
    def add_person(self, person: Person) -> Person:
        with self.tx() as conn:
            self._insert_person(conn, person)
        return person

    def _insert_person(self, conn: Any, person: Person) -> int:
        moment = to_db(now_utc())
        cursor = conn.execute(
            f"INSERT INTO persons ({_PERSON_COLS}, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (person.uuid, *_person_values(person), moment, moment),
        )
        return int(cursor.lastrowid)

    def update_person(self, person: Person) -> None:
        with self.tx() as conn:
            cursor = conn.execute(
                "UPDATE persons SET external_id = ?, name = ?, department = ?, groups_json = ?, "
                "consent_at = ?, "
                "consent_by = ?, active = ?, updated_at = ? WHERE uuid = ?",
                (*_person_values(person), to_db(now_utc()), person.uuid),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No person with uuid {person.uuid}.")

    def set_person_active(self, person_uuid: str, active: bool) -> None:
        person = self.get_person(person_uuid)
        if person is None:
            raise NotFoundError(f"No person with uuid {person_uuid}.")
        person.active = active
        self.update_person(person)

    def get_person(self, person_uuid: str) -> Person | None:
        with self.read() as conn:
            row = conn.execute(
                f"SELECT {_PERSON_COLS} FROM persons WHERE uuid = ?", (person_uuid,)
            ).fetchone()
        return None if row is None else _person(row)

    def find_person(self, external_id: str) -> Person | None:
        with self.read() as conn:
            row = conn.execute(
                f"SELECT {_PERSON_COLS} FROM persons WHERE external_id = ?", (external_id,)
            ).fetchone()
        return None if row is None else _person(row)

    def list_persons(self, active_only: bool = False) -> list[Person]:
        sql = (
            f"SELECT {_PERSON_COLS} FROM persons"
            + (" WHERE active = 1" if active_only else "")
            + " ORDER BY name"
        )
        with self.read() as conn:
            return [_person(r) for r in conn.execute(sql)]

    def delete_person(self, person_uuid: str, actor: str) -> None:
        """Erase a person and their templates (biometric data). Refused while attendance events remain:
        deactivate instead, or purge the events first."""
        with self.tx() as conn:
            person_id = person_row_id(conn, person_uuid)
            if conn.execute(
                "SELECT 1 FROM attendance_events WHERE person_id = ? LIMIT 1", (person_id,)
            ).fetchone():
                raise StorageError("This person has attendance records; deactivate them instead of deleting.")
            conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
            moment = now_utc()
            audit.append(conn, moment, actor, "person.delete", {"uuid": person_uuid})  # uuid only
            if self.erasure_log is not None:
                entry = installation.Erasure(person_uuid, to_db(moment), "delete")
                installation.record_erasure(self.erasure_log, entry)

    # --- templates -----------------------------------------------------------------------------
    def add_template(self, template: Template) -> int:
        with self.tx() as conn:
            return self._insert_template(conn, template)

    def _insert_template(
        self, conn: Any, template: Template, person_id: int | None = None, kind: str = "enrol"
    ) -> int:
        """One template row; `kind` "enrol" (an enrolment) or "refresh" (a refresh version). An enrolment
        leaves `kind` to the column's default, so the same insert also serves a database being written
        before the migration that added the column (an upgrade's first open)."""
        if person_id is None:
            person_id = person_row_id(conn, template.person_uuid)
        dim, blob = _vector_blob(template.vector)
        columns = "person_id, model_id, model_version, dim, vector, quality, frames_used, created_at"
        values: list[Any] = [
            person_id,
            template.model_id,
            template.model_version,
            dim,
            blob,
            float(template.quality),
            int(template.frames_used),
            to_db(template.created_at or now_utc()),
        ]
        if kind != "enrol":
            columns += ", kind"
            values.append(kind)
        marks = ", ".join("?" * len(values))
        cursor = conn.execute(f"INSERT INTO templates ({columns}) VALUES ({marks})", values)
        template.id = int(cursor.lastrowid)
        return template.id

    def add_enrolment(
        self,
        person: Person,
        templates: Sequence[Template],
        *,
        actor: str | None = None,
        action: str = "person.enrol",
        details: dict[str, Any] | None = None,
    ) -> None:
        """A new person and their templates, atomically; with `actor`, the audit entry in the SAME
        transaction (all or nothing: never a person without their entry, nor an entry without them)."""
        with self.tx() as conn:
            self._insert_enrolment(conn, person, templates)
            if actor is not None:
                audit.append(conn, now_utc(), actor, action, details or {})

    def add_enrolments(self, enrolments: Iterable[tuple[Person, Sequence[Template]]]) -> int:
        """Many enrolments in ONE transaction (bulk import): all or nothing. Returns how many."""
        count = 0
        with self.tx() as conn:
            for person, templates in enrolments:
                self._insert_enrolment(conn, person, templates)
                count += 1
        return count

    def _insert_enrolment(self, conn: Any, person: Person, templates: Sequence[Template]) -> None:
        person_id = self._insert_person(conn, person)
        for template in templates:
            if template.person_uuid != person.uuid:
                raise ValueError("template.person_uuid differs from the person enrolled")
            self._insert_template(conn, template, person_id)

    def replace_templates(
        self,
        person_uuid: str,
        templates: Sequence[Template],
        *,
        actor: str,
        action: str = "person.reenrol",
        details: dict[str, Any] | None = None,
    ) -> None:
        """Re-enrolment in ONE transaction: the person's old templates are deleted, `templates` inserted and
        the audit entry appended (the sync outbox triggers queue template.delete/put inside it too).
        All or nothing: on any error the old templates, the audit log and the outbox are untouched."""
        if not templates:
            raise ValueError("a re-enrolment needs at least one template")
        if any(t.person_uuid != person_uuid for t in templates):
            raise ValueError("template.person_uuid differs from the person re-enrolled")
        previous_ids = [t.id for t in templates]
        try:
            with self.tx() as conn:
                person_id = person_row_id(conn, person_uuid)
                removed = conn.execute("DELETE FROM templates WHERE person_id = ?", (person_id,)).rowcount
                for template in templates:
                    self._insert_template(conn, template, person_id)
                audit.append(conn, now_utc(), actor, action, details or {})
        except BaseException:
            for template, previous in zip(templates, previous_ids, strict=True):
                template.id = previous  # the rolled-back insert never happened
            raise
        log.info("re-enrolled %s: %d template(s) replaced by %d", person_uuid, removed, len(templates))

    def templates_for(self, person_uuid: str) -> list[Template]:
        with self.read() as conn:
            found = conn.execute(
                f"SELECT {TEMPLATE_COLS} FROM templates t JOIN persons p ON p.id = t.person_id "
                "WHERE p.uuid = ? ORDER BY t.id",
                (person_uuid,),
            ).fetchall()
        return [template_from_row(person_uuid, r) for r in found]

    def template_models(self) -> list[tuple[str, str, int]]:
        """(model_id, model_version, number of templates) for every model present."""
        with self.read() as conn:
            rows = conn.execute(
                "SELECT model_id, model_version, count(*) FROM templates GROUP BY model_id, model_version"
            ).fetchall()
        return [(str(r[0]), str(r[1]), int(r[2])) for r in rows]

    def delete_templates(self, person_uuid: str | None = None, model_id: str | None = None) -> int:
        """Delete templates of one person and/or of one model (e.g. after re-enrolling with a new model)."""
        clauses, params = [], []
        if person_uuid is not None:
            clauses.append("person_id = (SELECT id FROM persons WHERE uuid = ?)")
            params.append(person_uuid)
        if model_id is not None:
            clauses.append("model_id = ?")
            params.append(model_id)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        with self.tx() as conn:
            return int(conn.execute(f"DELETE FROM templates{where}", params).rowcount)

    def load_templates(self, model_id: str, model_version: str) -> tuple[list[str], npt.NDArray[np.float32]]:
        """(person uuids, float32 matrix [N, D]) of every active person's templates, one row per template.

        Refuses (ModelMismatchError) when any template was made by another model or version: vectors of
        different models are not comparable, so those people must be re-enrolled. Empty → shape (0, 0).
        """
        with self.read() as conn:
            others = conn.execute(
                "SELECT model_id, model_version, count(*) FROM templates "
                "WHERE model_id <> ? OR model_version <> ? GROUP BY model_id, model_version",
                (model_id, model_version),
            ).fetchall()
            if others:
                found = ", ".join(f"{n} of {m} v{v}" for m, v, n in others)
                raise ModelMismatchError(
                    f"The database holds face templates made with another model ({found}); the matcher uses "
                    f"{model_id} v{model_version}. Those people must be re-enrolled: templates of different "
                    "models are never mixed."
                )
            rows = conn.execute(
                "SELECT p.uuid, t.dim, t.vector FROM templates t JOIN persons p ON p.id = t.person_id "
                "WHERE p.active = 1 ORDER BY t.id"
            ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        uuids, dims, blobs = zip(*rows, strict=True)
        if len(set(dims)) != 1:
            raise ModelMismatchError(
                f"Templates of {model_id} v{model_version} have different sizes {set(dims)}."
            )
        buffer = bytearray().join(blobs)
        matrix = np.frombuffer(buffer, dtype="<f4").reshape(len(rows), dims[0])
        return list(uuids), matrix.astype(np.float32, copy=False)

    # --- backup --------------------------------------------------------------------------------
    def backup(
        self, destination: Path, passphrase: str, kdf: keys.KdfParams | None = None, actor: str = "system"
    ) -> None:
        """Write an encrypted, verified backup (see storage.backup); audited as db.backup by `actor`."""
        from app.core.storage.backup import write_backup

        write_backup(self, destination, passphrase, kdf or keys.KdfParams(), actor)


def create_database(path: Path, key: bytes) -> None:
    """Create a new database beside `path` and rename it into place once its schema is committed,
    so a crash during the first run never leaves a half-made file under the real name."""
    tmp = path.with_name(path.name + ".creating")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
        leftover.unlink(missing_ok=True)
    conn = raw_connect(tmp, key)
    try:
        configure(conn)
        migrate(conn)
    except BaseException as exc:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise_mapped(exc, path)
    conn.close()  # checkpoints and removes the -wal/-shm files
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    keys.fsync_dir(path.parent)
    log.info("created database %s", path)
