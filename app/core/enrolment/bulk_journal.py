"""The import report, written as the import goes: one JSON object per line, flushed and synced to disk
after each person, so a killed, cancelled or crashed import leaves a report up to its last saved person.

    {"event": "start", "source": ..., "persons": 40, "photos": 95, "consent": ..., "at": ...}
    {"event": "input", "subject": "people.csv line 9", "reason": "empty ID", "path": ""}
    {"event": "person", "id": "E17", "status": "imported", "uuid": ..., "photos_used": 3,
     "rejected_photos": [{"path": ..., "reason": ...}], "warnings": [...]}
    {"event": "person", "id": "E18", "status": "rejected", "reason": "no usable photo", ...}
    {"event": "end", "summary": "...", "imported": 39, ...}       (absent when the import was killed)

The file is the operator's (created 0600, never overwritten): it names people by their ID, like the input
it was made from, and sits beside that input by default.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from app.core.enrolment.bulk_model import ImportFormatError, ImportReport, Rejection


def default_report_path(source: Path, now: datetime | None = None, fallback: Path | None = None) -> Path:
    """Beside the input, a name not yet taken: `people.csv` → `people.csv.import-20260102-093000.jsonl`
    (then `…-093000-2.jsonl`, … for a second import within the same second). When the input's folder
    cannot be written (read-only photos), in `fallback` (default: the home folder)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    source = source.resolve()
    folder = source.parent if os.access(source.parent, os.W_OK) else (fallback or Path.home())
    path = folder / f"{source.name}.import-{stamp}.jsonl"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{source.name}.import-{stamp}-{n}.jsonl"
    return path


class ImportJournal:
    """Appends report records to `path` (created new; ImportFormatError when it exists or cannot be made)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as exc:
            raise ImportFormatError(f"The report file {path} exists already: choose another.") from exc
        except OSError as exc:
            raise ImportFormatError(
                f"Cannot write the import report {path}: {exc.strerror or exc} (choose another place)."
            ) from exc
        self._file: IO[str] | None = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, event: str, **fields: Any) -> None:
        if self._file is None:
            return
        self._file.write(json.dumps({"event": event, **fields}, ensure_ascii=False, default=str) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def start(self, source: Path, report: ImportReport, consent: str, inputs: list[Rejection]) -> None:
        self.write(
            "start",
            source=str(source),
            at=datetime.now(UTC).isoformat(timespec="seconds"),
            persons=report.persons_total,
            photos=report.photos_total,
            consent=consent,
        )
        for r in inputs:
            self.write("input", subject=r.subject, reason=r.reason, path=r.path)

    def person(
        self,
        external_id: str,
        status: str,
        *,
        uuid: str = "",
        reason: str = "",
        photos_used: int = 0,
        rejected_photos: list[Rejection] | None = None,
        warnings: list[Rejection] | None = None,
    ) -> None:
        self.write(
            "person",
            id=external_id,
            status=status,
            uuid=uuid,
            reason=reason,
            photos_used=photos_used,
            rejected_photos=[{"path": r.path, "reason": r.reason} for r in rejected_photos or []],
            warnings=[r.reason for r in warnings or []],
        )

    def end(self, report: ImportReport) -> None:
        self.write(
            "end",
            summary=report.summary(),
            imported=len(report.imported),
            rejected=report.persons_rejected,
            not_reached=report.persons_not_reached,
            photos_used=report.photos_used,
            photos_rejected=len(report.rejected_photos),
            photos_unused=report.photos_unused,
            cancelled=report.cancelled,
            stopped=report.interrupted,
            seconds=round(report.seconds, 2),
        )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The records of a report (a last line cut short by a kill is skipped)."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records
