"""The database key: a random 256-bit key kept in the OS keyring, or derived from a passphrase.

The key itself is never written to disk. Beside the database lives a small, NON-secret header
(`<db>.header.json`) that says where the key comes from: the keyring entry name (a random db id)
or, in passphrase mode, the argon2id salt and cost parameters.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import keyring
from argon2.low_level import Type, hash_secret_raw

from app.core.storage.errors import KeyUnavailableError, StorageError

log = logging.getLogger(__name__)

SERVICE = "FaceAttend"
PASSPHRASE_ENV = "FACEATTEND_DB_PASSPHRASE"
HEADER_FORMAT = "faceattend-db-header"
HEADER_VERSION = 1
KEY_BYTES = 32
MIN_PASSPHRASE_LEN = 8

Prompt = Callable[[str], str]  # shows a message, returns what the user typed (no echo)


@dataclass(frozen=True)
class KdfParams:
    """argon2id costs. Default ≈ 0.2 s on one core, 64 MiB: well above OWASP's minimum (19 MiB, t=2)."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 1


@dataclass(frozen=True)
class KeyHeader:
    db_id: str
    key_source: str  # "keyring" | "passphrase"
    salt_hex: str = ""
    kdf: KdfParams | None = None

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "version": HEADER_VERSION,
            "db_id": self.db_id,
            "key_source": self.key_source,
            "note": "not secret: tells FaceAttend where the database key comes from",
        }
        if self.key_source == "passphrase" and self.kdf is not None:
            raw["kdf"] = {"name": "argon2id", "salt": self.salt_hex, **asdict(self.kdf)}
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> KeyHeader:
        if raw.get("format") != HEADER_FORMAT or raw.get("version") != HEADER_VERSION:
            raise ValueError("unknown header format")
        source = raw["key_source"]
        if source == "keyring":
            return cls(db_id=str(raw["db_id"]), key_source=source)
        if source == "passphrase":
            kdf = raw["kdf"]
            if kdf.get("name") != "argon2id":
                raise ValueError(f"unknown kdf {kdf.get('name')!r}")
            params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_cost_kib"]), int(kdf["parallelism"]))
            bytes.fromhex(kdf["salt"])
            return cls(db_id=str(raw["db_id"]), key_source=source, salt_hex=kdf["salt"], kdf=params)
        raise ValueError(f"unknown key source {source!r}")


@dataclass
class KeyRequest:
    """How the caller lets us obtain a key: an explicit passphrase, a prompt, a preferred source."""

    passphrase: str | None = None
    prompt: Prompt | None = None
    key_source: str = "auto"  # auto | keyring | passphrase (only matters when a database is created)
    kdf: KdfParams = field(default_factory=KdfParams)


def header_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".header.json")


def read_header(path: Path) -> KeyHeader | None:
    if not path.exists():
        return None
    try:
        return KeyHeader.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"The key header {path} is unreadable or damaged ({exc}).") from exc


def write_header(path: Path, header: KeyHeader) -> None:
    """Atomic write: temp file, fsync, rename, fsync the directory."""
    tmp = path.with_name(path.name + ".tmp")
    data = json.dumps(header.to_json(), indent=2).encode("utf-8")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows: directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def keyring_usable() -> bool:
    """True when an OS keyring backend exists and answers (headless Linux usually has none)."""
    try:
        backend = keyring.get_keyring()
        from keyring.backends import fail

        if isinstance(backend, fail.Keyring):
            return False
        backend.get_password(SERVICE, "__faceattend_probe__")
    except Exception as exc:  # any backend failure (NoKeyringError, D-Bus down, locked) means "no keyring"
        log.debug("keyring not usable: %s", exc)
        return False
    return True


def obtain_passphrase(request: KeyRequest, *, purpose: str, new: bool) -> str:
    """Explicit passphrase > FACEATTEND_DB_PASSPHRASE > interactive prompt (asked twice when new)."""
    if request.passphrase is not None:
        value = request.passphrase
    elif os.environ.get(PASSPHRASE_ENV):
        value = os.environ[PASSPHRASE_ENV]
    elif request.prompt is not None:
        value = request.prompt(f"{purpose} passphrase: ")
        if new and request.prompt(f"Repeat the {purpose.lower()} passphrase: ") != value:
            raise KeyUnavailableError("The two passphrases differ; nothing was created.")
    else:
        raise KeyUnavailableError(
            f"No OS keyring is available, so the database is protected by a passphrase: set {PASSPHRASE_ENV} "
            "or run interactively to be asked for it."
        )
    if new and len(value) < MIN_PASSPHRASE_LEN:
        raise KeyUnavailableError(f"The passphrase must have at least {MIN_PASSPHRASE_LEN} characters.")
    if not value:
        raise KeyUnavailableError("An empty passphrase cannot unlock the database.")
    return value


def _store_in_keyring(db_id: str, key: bytes) -> None:
    keyring.set_password(SERVICE, db_id, key.hex())
    if keyring.get_password(SERVICE, db_id) != key.hex():
        raise KeyUnavailableError("The OS keyring did not keep the database key.")


def new_header(request: KeyRequest) -> tuple[KeyHeader, bytes]:
    """Choose the key source for a new database and produce (header, key). The header is not written."""
    db_id = str(uuid.uuid4())
    source = request.key_source
    if source not in ("auto", "keyring", "passphrase"):
        raise ValueError(f"unknown key source {source!r}")
    if source in ("auto", "keyring"):
        if keyring_usable():
            key = secrets.token_bytes(KEY_BYTES)
            try:
                _store_in_keyring(db_id, key)
            except Exception as exc:
                if source == "keyring":
                    raise KeyUnavailableError(f"The OS keyring refused the database key: {exc}") from exc
                log.warning("keyring refused the key (%s); falling back to a passphrase", exc)
            else:
                log.info("new database key stored in the OS keyring (service %s, id %s)", SERVICE, db_id)
                return KeyHeader(db_id=db_id, key_source="keyring"), key
        elif source == "keyring":
            raise KeyUnavailableError("No OS keyring is available to hold the database key.")
    passphrase = obtain_passphrase(request, purpose="New database", new=True)
    salt = secrets.token_bytes(16)
    header = KeyHeader(db_id=db_id, key_source="passphrase", salt_hex=salt.hex(), kdf=request.kdf)
    log.info("new database key derived from a passphrase (argon2id)")
    return header, derive_key(passphrase, salt, request.kdf)


def key_for(header: KeyHeader, request: KeyRequest, *, create_missing: bool = False) -> bytes:
    """The key of an existing header. create_missing: make a keyring key when none exists (no db yet)."""
    if header.key_source == "passphrase":
        assert header.kdf is not None
        passphrase = obtain_passphrase(request, purpose="Database", new=create_missing)
        return derive_key(passphrase, bytes.fromhex(header.salt_hex), header.kdf)
    try:
        stored = keyring.get_password(SERVICE, header.db_id)
    except Exception as exc:
        raise KeyUnavailableError(
            f"The database key is kept in the OS keyring, which cannot be used here ({exc})."
        ) from exc
    if stored is None:
        if create_missing:
            key = secrets.token_bytes(KEY_BYTES)
            _store_in_keyring(header.db_id, key)
            return key
        raise KeyUnavailableError(
            f"The database key (keyring service {SERVICE!r}, id {header.db_id}) is not in "
            "this user's OS keyring; "
            "the database cannot be decrypted. Restore it from a backup with `faceattend db restore`."
        )
    try:
        key = bytes.fromhex(stored)
    except ValueError as exc:
        raise KeyUnavailableError(f"The keyring entry for database {header.db_id} is damaged.") from exc
    if len(key) != KEY_BYTES:
        raise KeyUnavailableError(f"The keyring entry for database {header.db_id} is damaged.")
    return key
