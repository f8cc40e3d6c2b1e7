"""What a bulk import reads and reports: the people to import, what was refused and why, and the counts.

Counting rules (the summary keeps them): every person read is imported, rejected or not reached (the import
was cancelled first); every photo of those people is used in a saved template, rejected (with its reason)
or not used (its person was not imported, or not reached). Problems found while reading the input that
name no person to import (a file that is not a photo, a CSV row with no ID, a second name for an ID) are
input problems, counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import FaceAttendError


class ImportFormatError(FaceAttendError):
    """The folder or CSV cannot be read as an import."""


@dataclass
class ImportEntry:
    external_id: str
    name: str
    department: str = ""
    photos: list[Path] = field(default_factory=list)
    consent: bool | None = None  # the CSV's consent column: True yes, False no, None not given
    where: str = ""  # "people.csv line 7", for messages


@dataclass(frozen=True)
class Rejection:
    subject: str  # person ID, or a file / CSV line when no person applies
    reason: str
    path: str = ""


@dataclass
class ImportReport:
    persons_total: int = 0
    photos_total: int = 0
    imported: list[str] = field(default_factory=list)  # external IDs saved
    imported_uuids: list[str] = field(default_factory=list)
    photos_used: int = 0
    rejected_persons: list[Rejection] = field(default_factory=list)
    rejected_photos: list[Rejection] = field(default_factory=list)
    rejected_inputs: list[Rejection] = field(default_factory=list)  # read, but no person to import
    warnings: list[Rejection] = field(default_factory=list)  # imported, but worth a look (look-alikes)
    cancelled: bool = False
    interrupted: str = ""  # why the import stopped early (Ctrl-C, disk full…), "" when it ran to the end
    seconds: float = 0.0
    report_path: Path | None = None  # the report written as the import went

    @property
    def persons_rejected(self) -> int:
        return len(self.rejected_persons)

    @property
    def persons_not_reached(self) -> int:
        return self.persons_total - len(self.imported) - self.persons_rejected

    @property
    def photos_unused(self) -> int:
        """Photos neither in a saved template nor rejected: their person was not imported or not reached."""
        return self.photos_total - self.photos_used - len(self.rejected_photos)

    def summary(self) -> str:
        people = f"{len(self.imported)} of {self.persons_total} people imported"
        if self.rejected_persons:
            people += f", {self.persons_rejected} rejected"
        if self.persons_not_reached:
            people += f", {self.persons_not_reached} not reached"
        photos = (
            f"{self.photos_used} of {self.photos_total} photos used, {len(self.rejected_photos)} rejected"
        )
        if self.photos_unused:
            photos += f", {self.photos_unused} not used (person not imported)"
        text = f"{people}; {photos}"
        if self.rejected_inputs:
            text += f"; {len(self.rejected_inputs)} input problems"
        if self.warnings:
            text += f"; {len(self.warnings)} warning" + ("s" if len(self.warnings) > 1 else "")
        if self.interrupted:
            return f"{text} — stopped: {self.interrupted}."
        return text + (" — cancelled." if self.cancelled else ".")


def merge_entry(entries: dict[str, ImportEntry], entry: ImportEntry, rejected: list[Rejection]) -> None:
    """Add `entry`, or its photos to the entry with that ID and name; a second name for an ID is refused."""
    if not entry.external_id:
        rejected.append(Rejection(str(entry.photos[0]) if entry.photos else "?", "empty ID"))
        return
    existing = entries.get(entry.external_id)
    if existing is None:
        entries[entry.external_id] = entry
    elif existing.name.casefold() != entry.name.casefold():
        where = f" ({entry.where})" if entry.where else ""
        rejected.append(
            Rejection(
                entry.external_id,
                f"duplicate ID{where}: used for both {existing.name!r} and {entry.name!r}",
                ";".join(str(p) for p in entry.photos),
            )
        )
    elif entry.consent is not None and existing.consent is not None and entry.consent != existing.consent:
        rejected.append(
            Rejection(
                entry.external_id, f"the consent column says both yes and no for this ID ({entry.where})"
            )
        )
        existing.consent = False  # never assume consent on contradictory rows
    else:
        existing.photos.extend(p for p in entry.photos if p not in existing.photos)
        existing.department = existing.department or entry.department
        existing.consent = existing.consent if entry.consent is None else entry.consent
