"""Bulk import of people from photos: a folder or a CSV → one averaged template per person.

Layouts:
- folder with one sub-folder per person: `ID_Name/` (or `Name/`, the folder name is then also the ID);
- folder of files named `ID_Name.jpg` (several photos: `ID_Name_2.jpg`, …);
- CSV with a header: id, name, department (optional), photo (one or more paths separated by `;` or `|`,
  or several rows with the same id), consent (optional: yes / no). See app/core/enrolment/bulk_csv.py.

An import needs a session that may enrol (Action.ENROL). Consent is recorded for a person only when the
CSV's consent column says yes, or when the operator declares that consent was collected for everyone in
the import (`--consent-collected`, the dialog's checkbox; audited as such); otherwise the person is not
imported, with that reason. A "no" in the consent column always wins.

Each photo is quality-gated (readable, exactly one face, face size / pose / exposure / sharpness / eyes), the
good photos' embeddings are averaged into ONE template after rejecting outliers (the configured enrolment
limits), the template is checked against everyone enrolled (duplicate faces), and the person is saved
through the camera enrolment's save path (person + template, sealed audit entry, matcher, sync), one person
at a time: a failure, a cancel or a kill never leaves a person half-saved, and the audit log holds an entry
for every person saved (uuids only). The report is written as the import goes (enrolment/bulk_journal.py).
"""

from __future__ import annotations

import logging
import re
import time
import uuid as uuidlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.core.enrolment.bulk_csv import read_csv
from app.core.enrolment.bulk_journal import ImportJournal, default_report_path
from app.core.enrolment.bulk_model import ImportEntry, ImportFormatError, ImportReport, Rejection, merge_entry
from app.core.enrolment.save import SOURCE_IMPORT
from app.core.enrolment.session import EnrolForm, EnrolmentError
from app.core.errors import FaceAttendError, ImageLoadError
from app.core.policy.access import Action, Audit, Session
from app.core.storage.errors import DuplicateError, StorageError
from app.core.vision.images import is_image_file, load_rgb
from app.core.vision.quality import assess_face, check_one_face

if TYPE_CHECKING:
    from app.core.context import AppContext
    from app.core.vision.pipeline import RecognitionPipeline

__all__ = [
    "BulkImporter",
    "ImportEntry",
    "ImportFormatError",
    "ImportReport",
    "Rejection",
    "default_report_path",
    "import_path",
    "read_csv",
    "read_folder",
]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (photos done, photos total, message)
Cancelled = Callable[[], bool]

_merge = merge_entry


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


# --- importing ---------------------------------------------------------------------------------------


class BulkImporter:
    """Runs an import for a signed-in session with one pipeline (create it in the thread that runs the
    import). PermissionDenied unless the session may enrol."""

    def __init__(
        self,
        ctx: AppContext,
        session: Session,
        pipeline: RecognitionPipeline | None = None,
        reject_lookalikes: bool = False,
        *,
        consent_collected: bool = False,
        report_path: Path | None = None,
    ) -> None:
        """reject_lookalikes: refuse a person whose template matches someone enrolled (default: import them
        and add a warning; averaged templates of different people can fall under the match threshold).
        consent_collected: the operator declares that everyone in the input consented (rows whose consent
        column says no are still refused). report_path: where the report is written as the import goes."""
        session.require(Action.ENROL)
        self.ctx = ctx
        self.session = session
        self.reject_lookalikes = reject_lookalikes
        self.consent_collected = consent_collected
        self.report_path = report_path
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
        return self.run(
            entries, rejected, progress, cancelled, source=path, kind="csv" if as_csv else "folder"
        )

    def run(
        self,
        entries: list[ImportEntry],
        rejected: list[Rejection] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        *,
        source: Path | None = None,
        kind: str = "list",
    ) -> ImportReport:
        started = time.perf_counter()
        report = ImportReport(persons_total=len(entries), photos_total=sum(len(e.photos) for e in entries))
        report.rejected_inputs.extend(rejected or [])
        journal = ImportJournal(self.report_path) if self.report_path is not None else None
        report.report_path = self.report_path
        import_id = str(uuidlib.uuid4())
        consent = (
            "declared by the operator for everyone (a consent column's no still refuses)"
            if self.consent_collected
            else "per person, from the CSV's consent column"
        )
        done = 0
        try:
            if journal is not None:
                journal.start(source or Path(kind), report, consent, report.rejected_inputs)
            self.ctx.record(
                self.session,
                Audit.PERSON_IMPORT_START,
                {
                    "import": import_id,
                    "source": kind,
                    "persons": report.persons_total,
                    "photos": report.photos_total,
                    "consent_declared_by_operator": self.consent_collected,
                },
            )
            for entry in entries:
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, report.photos_total, f"{entry.external_id} {entry.name}")
                if not self._import_guarded(entry, report, journal):
                    break
                done += len(entry.photos)
        except KeyboardInterrupt:
            report.interrupted = "interrupted (Ctrl-C) — the people saved so far stay"
            raise
        finally:
            report.seconds = time.perf_counter() - started
            self._finish(report, journal, import_id)
        if progress is not None:
            progress(done, report.photos_total, "cancelled" if report.cancelled else "done")
        log.info("%s (%.1f s)", report.summary(), report.seconds)
        return report

    def _import_guarded(
        self, entry: ImportEntry, report: ImportReport, journal: ImportJournal | None
    ) -> bool:
        """Import one person; False when the import must stop (the database cannot be written)."""
        first_photo, first_warning = len(report.rejected_photos), len(report.warnings)
        reason = ""
        keep_going = True
        try:
            person_uuid, used = self._import_one(entry, report)
        except StorageError as exc:
            if isinstance(exc, DuplicateError):
                reason = str(exc)
            else:  # disk full, I/O error, database gone: every later person would fail the same way
                log.error("import stopped at %s: %s", entry.external_id, exc)
                reason = f"not saved: {exc}"
                report.interrupted = str(exc)
                keep_going = False
        except FaceAttendError as exc:
            reason = str(exc)
        except Exception as exc:  # one bad person never stops the import
            log.exception("import of %s failed", entry.external_id)
            reason = f"unexpected error: {exc}"
        if reason:
            report.rejected_persons.append(Rejection(entry.external_id, reason))
            person_uuid, used = "", 0
        if journal is not None:
            journal.person(
                entry.external_id,
                "rejected" if reason else "imported",
                uuid=person_uuid,
                reason=reason,
                photos_used=used,
                rejected_photos=report.rejected_photos[first_photo:],
                warnings=report.warnings[first_warning:],
            )
        return keep_going

    def _finish(self, report: ImportReport, journal: ImportJournal | None, import_id: str) -> None:
        """The closing audit entry (counts and uuids only) and the report's last line, whatever happened."""
        try:
            self.ctx.record(
                self.session,
                Audit.PERSON_IMPORT,
                {
                    "import": import_id,
                    "imported": len(report.imported),
                    "uuids": report.imported_uuids[:1000],
                    "rejected": report.persons_rejected,
                    "not_reached": report.persons_not_reached,
                    "photos_used": report.photos_used,
                    "photos_rejected": len(report.rejected_photos),
                    "cancelled": report.cancelled,
                    "stopped": report.interrupted,
                },
            )
        except Exception as exc:  # a full disk: the per-person entries are in, the summary is not
            log.error("the import's closing audit entry was not written: %s", exc)
        if journal is not None:
            try:
                journal.end(report)
            except OSError as exc:
                log.error("the import report's last line was not written: %s", exc)
            finally:
                journal.close()

    def _photo_vector(self, path: Path, ident: str, report: ImportReport) -> tuple[np.ndarray, float] | None:
        def reject(reason: str) -> None:
            report.rejected_photos.append(Rejection(ident, reason, str(path)))

        try:
            rgb = load_rgb(path, max_pixels=self.ctx.settings.images.max_pixels)
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

    def _check_consent(self, entry: ImportEntry) -> None:
        if entry.consent is False:
            raise EnrolmentError("no consent: the CSV's consent column says no")
        if entry.consent is None and not self.consent_collected:
            raise EnrolmentError(
                "no consent recorded: give a CSV whose consent column says yes, or declare that everyone "
                "consented (--consent-collected, or the dialog's consent box)"
            )

    def _import_one(self, entry: ImportEntry, report: ImportReport) -> tuple[str, int]:
        """(uuid, photos used) of the person saved; EnrolmentError (or another error) when not saved."""
        started = time.perf_counter()
        self._check_consent(entry)
        form = EnrolForm(entry.name, entry.external_id, entry.department, consent=True)
        form.operator = self.session.name
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
        draft = self.ctx.build_draft(vectors, qualities, liveness_checked=False)  # configured limits
        for path, ok, dist in zip(paths, draft.used, draft.distances, strict=True):
            if not ok:
                reason = f"does not match the other photos (distance {dist:.2f})"
                report.rejected_photos.append(Rejection(entry.external_id, reason, str(path)))
        hit = self.ctx.check_duplicate(draft.vector)
        if hit is not None:
            message = (
                f"same face as {hit.person.name} ({hit.person.external_id}) already enrolled "
                f"(distance {hit.distance:.2f})"
            )
            if self.reject_lookalikes:
                raise EnrolmentError(message)
            report.warnings.append(Rejection(entry.external_id, message))
        person = self.ctx.save_enrolment(  # the camera's save path: one transaction, sealed, synced
            form, draft, time.perf_counter() - started, session=self.session, source=SOURCE_IMPORT
        )
        report.imported.append(person.external_id)
        report.imported_uuids.append(person.uuid)
        report.photos_used += draft.frames_used
        return person.uuid, draft.frames_used


def import_path(
    ctx: AppContext,
    session: Session,
    path: Path,
    as_csv: bool | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    consent_collected: bool = False,
    report_path: Path | None = None,
) -> ImportReport:
    importer = BulkImporter(ctx, session, consent_collected=consent_collected, report_path=report_path)
    try:
        return importer.run_path(path, as_csv, progress, cancelled)
    finally:
        importer.close()
