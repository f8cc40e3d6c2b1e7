"""Export files that hold personal data: created owner-only (0600) and replaced atomically.

Every writer of a report, person or audit export goes through `private_binary` / `private_text`, so no
export is ever world-readable and a failed write never leaves a half-written file in place of the old one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_MODE = 0o600


@contextlib.contextmanager
def private_binary(path: Path) -> Iterator[IO[bytes]]:
    """A binary file for `path`: written to a temporary 0600 file beside it that replaces `path` on success
    and is removed on error. OSError (folder missing, disk full, permission denied) propagates."""
    with _private(Path(path)) as (fd, tmp):
        with os.fdopen(fd, "wb") as handle:
            yield handle
            _sync(handle)
        os.replace(tmp, path)


@contextlib.contextmanager
def private_text(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """As `private_binary`, in text mode."""
    with _private(Path(path)) as (fd, tmp):
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            _sync(handle)
        os.replace(tmp, path)


@contextlib.contextmanager
def _private(path: Path) -> Iterator[tuple[int, Path]]:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_MODE)  # mkstemp creates 0600 already; stated here whatever the platform
        yield fd, tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
