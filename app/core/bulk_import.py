"""Bulk import of people from photos: a folder or a CSV → one averaged template per person.

Layouts:
- folder with one sub-folder per person: `ID_Name/` (or `Name/`, the folder name is then also the ID);
- folder of files named `ID_Name.jpg` (several photos: `ID_Name_2.jpg`, …);
- CSV with a header: id, name, department (optional), photo (one or more paths separated by `;` or `|`,
  or several rows with the same id). Relative paths are relative to the CSV's folder.

Each photo is quality-gated (readable, exactly one face, face size / pose / exposure / sharpness / eyes), the
good photos' embeddings are averaged into ONE template after rejecting outliers, the template is checked
against everyone enrolled (duplicate faces) and the person + template are saved in ONE transaction, so a
failure or a cancel never leaves a person half-saved. The report says what was rejected and why.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.core.enrol_save import new_person
from app.core.enrolment import EnrolForm, EnrolmentError, average_template, find_duplicate
from app.core.errors import FaceAttendError, ImageLoadError
from app.core.images import is_image_file, load_rgb
from app.core.quality import assess_face, check_one_face
from app.core.records import Template

if TYPE_CHECKING:
    from app.core.context import AppContext
    from app.core.pipeline import RecognitionPipeline

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (photos done, photos total, message)
Cancelled = Callable[[], bool]

_ID_COLUMNS = ("id", "external_id", "employee_id", "badge", "identity")
_NAME_COLUMNS = ("name", "full_name")
_DEPT_COLUMNS = ("department", "dept", "group")
_PHOTO_COLUMNS = ("photo", "photos", "path", "paths", "image", "images", "file")


class ImportFormatError(FaceAttendError):
    """The folder or CSV cannot be read as an import."""


@dataclass
class ImportEntry:
    external_id: str
    name: str
    department: str = ""
    photos: list[Path] = field(default_factory=list)


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
    photos_used: int = 0
    rejected_persons: list[Rejection] = field(default_factory=list)
    rejected_photos: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)  # imported, but worth a look (look-alikes)
    cancelled: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        text = (
            f"{len(self.imported)} of {self.persons_total} people imported from {self.photos_used} of "
            f"{self.photos_total} photos; {len(self.rejected_persons)} people and "
            f"{len(self.rejected_photos)} photos rejected"
            + (f", {len(self.warnings)} warnings" if self.warnings else "")
        )
        return text + (" — cancelled." if self.cancelled else ".")


# --- reading the input -------------------------------------------------------------------------------


_TRAILING_NUMBER = re.compile(r"[_\- ]\d{1,3}$")


def _split_id_name(stem: str) -> tuple[str, str]:
    if "_" in stem:
        ident, name = stem.split("_", 1)
        return ident.strip(), name.replace("_", " ").strip()
    return stem.strip(), stem.replace("_", " ").strip()


def read_folder(root: Path) -> tuple[list[ImportEntry], list[Rejection]]:
    if not root.is_dir():
        raise ImportFormatError(f"Folder not found: {root}")
    entries: dict[str, ImportEntry] = {}
    rejected: list[Rejection] = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        ident, name = _split_id_name(sub.name)
        photos = sorted(p for p in sub.rglob("*") if p.is_file() and is_image_file(p))
        if not photos:
            rejected.append(Rejection(ident, "the folder has no photos", str(sub)))
            continue
        _merge(entries, ImportEntry(ident, name, "", photos), rejected)
    for path in sorted(p for p in root.iterdir() if p.is_file() and is_image_file(p)):
        stem = _TRAILING_NUMBER.sub("", path.stem) if "_" in path.stem else path.stem
        ident, name = _split_id_name(stem)
        _merge(entries, ImportEntry(ident, name, "", [path]), rejected)
    for path in sorted(p for p in root.iterdir() if p.is_file() and not is_image_file(p)):
        if not path.name.startswith("."):
            rejected.append(Rejection(path.name, "not an image file", str(path)))
    return list(entries.values()), rejected


def _merge(entries: dict[str, ImportEntry], entry: ImportEntry, rejected: list[Rejection]) -> None:
    if not entry.external_id:
        rejected.append(Rejection(str(entry.photos[0]) if entry.photos else "?", "empty ID"))
        return
    existing = entries.get(entry.external_id)
    if existing is None:
        entries[entry.external_id] = entry
    elif existing.name.casefold() != entry.name.casefold():
        rejected.append(
            Rejection(
                entry.external_id,
                f"duplicate ID: used for both {existing.name!r} and {entry.name!r}",
                ";".join(str(p) for p in entry.photos),
            )
        )
    else:
        existing.photos.extend(p for p in entry.photos if p not in existing.photos)
        existing.department = existing.department or entry.department


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().casefold() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def read_csv(path: Path) -> tuple[list[ImportEntry], list[Rejection]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"Cannot read the CSV {path}: {exc}") from exc
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise ImportFormatError(f"The CSV {path} is empty.")
    header = rows[0]
    id_col, name_col = _column(header, _ID_COLUMNS), _column(header, _NAME_COLUMNS)
    dept_col, photo_col = _column(header, _DEPT_COLUMNS), _column(header, _PHOTO_COLUMNS)
    if id_col is None or name_col is None or photo_col is None:
        raise ImportFormatError(
            f"The CSV {path.name} needs a header with the columns id, name, department (optional) and photo; "
            f"found {', '.join(header)}."
        )
    entries: dict[str, ImportEntry] = {}
    rejected: list[Rejection] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(col: int | None, row: list[str] = row) -> str:
            return row[col].strip() if col is not None and col < len(row) else ""

        ident, name, dept = cell(id_col), " ".join(cell(name_col).split()), cell(dept_col)
        where = f"{path.name} line {line}"
        if not ident:
            rejected.append(Rejection(where, "empty ID"))
            continue
        if not name:
            rejected.append(Rejection(ident, f"empty name ({where})"))
            continue
        photos = [
            (p if p.is_absolute() else path.parent / p)
            for p in (Path(s.strip()) for s in re.split(r"[;|]", cell(photo_col)) if s.strip())
        ]
        if not photos:
            rejected.append(Rejection(ident, f"no photo given ({where})"))
            continue
        _merge(entries, ImportEntry(ident, name, dept, photos), rejected)
    return list(entries.values()), rejected


# --- importing ---------------------------------------------------------------------------------------


class BulkImporter:
    """Runs an import with one pipeline (create it in the thread that runs the import)."""

    def __init__(
        self, ctx: AppContext, pipeline: RecognitionPipeline | None = None, reject_lookalikes: bool = False
    ) -> None:
        """reject_lookalikes: refuse a person whose template matches someone enrolled (default: import them
        and add a warning; averaged templates of different people can fall under the match threshold)."""
        self.ctx = ctx
        self.reject_lookalikes = reject_lookalikes
        self._pipeline = pipeline
        self._own_pipeline = pipeline is None

    @property
    def pipeline(self) -> RecognitionPipeline:
        if self._pipeline is None:
            self._pipeline = self.ctx.new_pipeline(video=False)
        return self._pipeline

    def close(self) -> None:
        if self._own_pipeline and self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None

    def run_path(
        self, path: Path, as_csv: bool | None = None, progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:  # fmt: skip
        as_csv = path.suffix.lower() == ".csv" if as_csv is None else as_csv
        entries, rejected = read_csv(path) if as_csv else read_folder(path)
        return self.run(entries, rejected, progress, cancelled)

    def run(
        self,
        entries: list[ImportEntry],
        rejected: list[Rejection] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        started = time.perf_counter()
        report = ImportReport(persons_total=len(entries), photos_total=sum(len(e.photos) for e in entries))
        report.rejected_persons.extend(rejected or [])
        done = 0
        for entry in entries:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, report.photos_total, f"{entry.external_id} {entry.name}")
            try:
                self._import_one(entry, report)
            except FaceAttendError as exc:
                report.rejected_persons.append(Rejection(entry.external_id, str(exc)))
            except Exception as exc:  # one bad person never stops the import
                log.exception("import of %s failed", entry.external_id)
                report.rejected_persons.append(Rejection(entry.external_id, f"unexpected error: {exc}"))
            done += len(entry.photos)
        if progress is not None:
            progress(done, report.photos_total, "cancelled" if report.cancelled else "done")
        report.seconds = time.perf_counter() - started
        if report.imported:
            self.ctx.audit(
                "person.import",
                {
                    "imported": len(report.imported),
                    "ids": report.imported[:1000],
                    "cancelled": report.cancelled,
                },
            )
        log.info("%s (%.1f s)", report.summary(), report.seconds)
        return report

    def _photo_vector(self, path: Path, ident: str, report: ImportReport) -> tuple[np.ndarray, float] | None:
        def reject(reason: str) -> None:
            report.rejected_photos.append(Rejection(ident, reason, str(path)))

        try:
            rgb = load_rgb(path)
        except ImageLoadError as exc:
            reject(f"unreadable photo: {exc}")
            return None
        frame = self.pipeline.process(rgb, match=False)
        if len(frame.faces) != 1:
            reject(check_one_face(len(frame.faces)).detail + (" (no face found)" if not frame.faces else ""))
            return None
        face = frame.faces[0]
        quality = assess_face(rgb, face.face, self.ctx.settings.quality)
        if not quality.passed:
            reasons = "; ".join(f"{c.name}: {c.detail or c.instruction}" for c in quality.failed)
            reject(f"quality: {reasons}")
            return None
        if face.embedding is None:
            reject("no embedding")
            return None
        return np.asarray(face.embedding, dtype=np.float32), quality.score

    def _import_one(self, entry: ImportEntry, report: ImportReport) -> None:
        form = EnrolForm(entry.name, entry.external_id, entry.department, consent=True)
        form.operator = self.ctx.actor
        form.validate()
        if self.ctx.find_person(form.external_id) is not None:
            raise EnrolmentError("duplicate ID: already enrolled")
        vectors, qualities, paths = [], [], []
        for path in entry.photos:
            got = self._photo_vector(path, entry.external_id, report)
            if got is not None:
                vectors.append(got[0])
                qualities.append(got[1])
                paths.append(path)
        if not vectors:
            raise EnrolmentError("no usable photo")
        vector, used, distances = average_template(np.stack(vectors))
        for path, ok, dist in zip(paths, used, distances, strict=True):
            if not ok:
                reason = f"does not match the other photos (distance {dist:.2f})"
                report.rejected_photos.append(Rejection(entry.external_id, reason, str(path)))
        hit = find_duplicate(self.ctx.matcher, vector, self.ctx.min_similarity)
        if hit is not None:
            other = self.ctx.get_person(hit.person_uuid)
            who = f"{other.name} ({other.external_id})" if other else hit.person_uuid
            message = f"same face as {who} already enrolled (distance {hit.distance:.2f})"
            if self.reject_lookalikes:
                raise EnrolmentError(message)
            report.warnings.append(Rejection(entry.external_id, message))
        person = new_person(form)
        template = Template(
            person.uuid, self.ctx.model_id, self.ctx.model_version, vector,
            float(np.mean(np.asarray(qualities)[used])), int(used.sum()),
        )  # fmt: skip
        self.ctx.store.add_enrolment(person, [template])  # one transaction per person
        self.ctx.matcher.add(person.uuid, vector)
        report.imported.append(person.external_id)
        report.photos_used += int(used.sum())


def import_path(
    ctx: AppContext, path: Path, as_csv: bool | None = None, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:  # fmt: skip
    importer = BulkImporter(ctx)
    try:
        return importer.run_path(path, as_csv, progress, cancelled)
    finally:
        importer.close()
