"""The open-database lock: `<db>.lock` beside the database file.

Every open Store holds a SHARED advisory lock on it (the app, the kiosk and a CLI report may all have the
database open at once: SQLite's WAL handles that). Replacing the file — `db restore` — needs it EXCLUSIVE and
does not wait: while any process still has the database open, the restore is refused with a clear message
instead of swapping the file under a running app. A Store cannot be opened while a restore holds it.

The kernel drops the lock when its holder exits, however it exits (SIGKILL, crash, power loss), so a lock
file left behind by a killed process blocks nothing: only a live holder does. The message names the holders:
on Linux from /proc/locks; elsewhere from the pid the file records of the last process that took the lock
(a hint, shown as "pid N?": another holder may exist).

POSIX: flock(2) (one lock per open file, so two Stores in one process are two holders too).
Windows: LockFileEx on one byte at 4 GiB, past the pid text (msvcrt.locking has no shared mode).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.core.storage.errors import StorageError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


class DatabaseInUseError(StorageError):
    """Another process (or another Store of this one) has the database open, or is restoring it."""

    def __init__(self, message: str, pid: int | None) -> None:
        super().__init__(message)
        self.pid = pid


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    _ERROR_LOCK_VIOLATION = 33
    _ERROR_IO_PENDING = 997

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    def _region() -> _Overlapped:
        return _Overlapped(None, None, 0, 1, None)  # the byte at offset 4 GiB (OffsetHigh = 1)

    def _try_lock(handle: BinaryIO, exclusive: bool) -> bool:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        os_handle = wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno()))
        if _kernel32.LockFileEx(os_handle, flags, 0, 1, 0, ctypes.byref(_region())):
            return True
        error = ctypes.get_last_error()
        if error in (_ERROR_LOCK_VIOLATION, _ERROR_IO_PENDING):
            return False
        raise ctypes.WinError(error)

    def _unlock(handle: BinaryIO) -> None:
        os_handle = wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno()))
        _kernel32.UnlockFileEx(os_handle, 0, 1, 0, ctypes.byref(_region()))

else:
    import fcntl

    def _try_lock(handle: BinaryIO, exclusive: bool) -> bool:
        try:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _recorded_pid(handle: BinaryIO) -> int | None:
    try:
        handle.seek(0)
        text = handle.read(32).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None


def _record_pid(handle: BinaryIO) -> None:
    """Write our pid (only when it is not there already: no needless write to the data directory)."""
    mine = str(os.getpid()).encode("ascii")
    try:
        handle.seek(0)
        if handle.read(32).strip() == mine:
            return
        handle.seek(0)
        handle.write(mine + b"\n")
        handle.truncate()
        handle.flush()
    except OSError as exc:  # the pid is only a hint for messages
        log.debug("could not record the pid in the lock file: %s", exc)


def lock_holders(path: Path) -> list[int]:
    """Linux: the pids holding a flock on the lock file `path` (from /proc/locks); [] elsewhere."""
    if not sys.platform.startswith("linux"):
        return []
    try:
        st = os.stat(path)
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    exact = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    by_dev: list[int] = []
    by_inode: list[int] = []  # overlay/FUSE file systems may report another device number
    for line in table.splitlines():
        fields = line.split()  # "1: FLOCK  ADVISORY  READ 6911 fe:00:2147272 0 EOF" ("->" marks a waiter)
        if len(fields) < 6 or fields[1] != "FLOCK" or "->" in fields or not fields[4].isdigit():
            continue
        if fields[5] == exact:
            by_dev.append(int(fields[4]))
        elif fields[5].rsplit(":", 1)[-1] == str(st.st_ino):
            by_inode.append(int(fields[4]))
    return sorted(set(by_dev or by_inode))


def _who(path: Path, handle: BinaryIO) -> tuple[str, int | None]:
    """("pid 6911", 6911) from the lock table, else the pid the file records as a hint ("pid 6911?")."""
    holders = lock_holders(path)
    if holders:
        labels = [f"{p} (this process)" if p == os.getpid() else str(p) for p in holders]
        return ("pid " if len(labels) == 1 else "pids ") + ", ".join(labels), holders[0]
    hint = _recorded_pid(handle)
    return ("pid unknown" if hint is None else f"pid {hint}?"), hint


@dataclass
class DatabaseLock:
    """A held lock; release() (or the process ending) lets go of it."""

    path: Path
    exclusive: bool
    _handle: BinaryIO | None = field(default=None, repr=False)

    @classmethod
    def acquire(cls, db_path: Path, *, exclusive: bool) -> DatabaseLock:
        """Take the lock without waiting; DatabaseInUseError when another holder is in the way."""
        path = lock_path_for(db_path)
        try:
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)  # never truncated: the pid hint stays
            fd = os.open(path, flags, 0o600)
        except OSError as exc:
            raise StorageError(f"Cannot open the lock file {path} ({exc}); is the folder writable?") from exc
        handle: BinaryIO = os.fdopen(fd, "r+b", buffering=0)
        try:
            if not _try_lock(handle, exclusive):
                raise _in_use(db_path, exclusive, *_who(path, handle))
            _record_pid(handle)
        except BaseException:
            handle.close()
            raise
        log.debug("%s lock on %s taken", "exclusive" if exclusive else "shared", path)
        return cls(path, exclusive, handle)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        except OSError as exc:  # closing the file drops the lock anyway
            log.debug("unlock %s: %s", self.path, exc)
        finally:
            handle.close()


def _in_use(db_path: Path, exclusive: bool, who: str, pid: int | None) -> DatabaseInUseError:
    if exclusive:
        return DatabaseInUseError(
            f"FaceAttend is still running with this database ({who}) — close the app or kiosk first. "
            f"{db_path} was not changed.",
            pid,
        )
    return DatabaseInUseError(
        f"The database {db_path} is being restored or replaced by another FaceAttend process ({who}); "
        "open it again when that has finished.",
        pid,
    )
