"""Reading an import CSV strictly: a malformed file is refused with the line to fix, never half-read.

Header (case-insensitive, any order): id, name, department (optional), photo, consent (optional). `photo`
holds one or more paths separated by `;` or `|` (or several rows share an ID); relative paths are relative
to the CSV's folder. `consent`: yes / true / 1 (the person consented), no / false / 0, or empty (not
recorded here; the operator may declare it for the whole import).

The whole file is refused (ImportFormatError naming the line) when it is not UTF-8 text (a UTF-8 byte-order
mark is fine; UTF-16 "Unicode text" is named as such), when a quote is never closed (the csv module would
otherwise read every later row into one field and lose them without a word), when a quoted field runs over
several lines, when the header lacks a column or names one twice, or when there is no row. A bad single
row (no ID, no name, no photo, an unknown consent value, more cells than the header) is refused alone and
reported with its line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from app.core.enrolment.bulk_model import ImportEntry, ImportFormatError, Rejection, merge_entry

ID_COLUMNS = ("id", "external_id", "employee_id", "badge", "identity")
NAME_COLUMNS = ("name", "full_name")
DEPT_COLUMNS = ("department", "dept", "group")
PHOTO_COLUMNS = ("photo", "photos", "path", "paths", "image", "images", "file")
CONSENT_COLUMNS = ("consent", "consented", "consent_given")
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0", ""})

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_csv(path: Path) -> tuple[list[ImportEntry], list[Rejection]]:
    """The people in the CSV and the rows refused. ImportFormatError when the file cannot be trusted."""
    text = _decode(path)
    rows = _rows(path, text)
    if not rows:
        raise ImportFormatError(f"The CSV {path.name} is empty.")
    _, header = rows[0]
    columns = _columns(path, header)
    id_col, name_col, dept_col, photo_col, consent_col = columns
    if len(rows) == 1:
        raise ImportFormatError(f"The CSV {path.name} has a header but no rows.")
    entries: dict[str, ImportEntry] = {}
    rejected: list[Rejection] = []
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path.name} line {line}"

        def cell(col: int | None, row: list[str] = row) -> str:
            return row[col].strip() if col is not None and col < len(row) else ""

        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            rejected.append(
                Rejection(where, f"{len(row)} cells but the header has {len(header)} (a stray comma?)")
            )
            continue
        ident, name, dept = cell(id_col), " ".join(cell(name_col).split()), cell(dept_col)
        if not ident:
            rejected.append(Rejection(where, "empty ID"))
            continue
        if not name:
            rejected.append(Rejection(ident, f"empty name ({where})"))
            continue
        consent: bool | None = None
        if consent_col is not None:
            value = cell(consent_col).casefold()
            if value not in YES | NO:
                rejected.append(Rejection(ident, f"consent {cell(consent_col)!r} is not yes or no ({where})"))
                continue
            consent = True if value in YES else (False if value else None)
        photos = [
            (p if p.is_absolute() else path.parent / p)
            for p in (Path(s.strip()) for s in re.split(r"[;|]", cell(photo_col)) if s.strip())
        ]
        if not photos:
            rejected.append(Rejection(ident, f"no photo given ({where})"))
            continue
        merge_entry(entries, ImportEntry(ident, name, dept, photos, consent, where), rejected)
    return list(entries.values()), rejected


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"Cannot read the CSV {path}: {exc.strerror or exc}") from exc
    if raw.startswith(_UTF16_BOMS):
        raise ImportFormatError(
            f'The CSV {path.name} is UTF-16 ("Unicode text"): save it as "CSV UTF-8" and import it again.'
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFormatError(
            f"The CSV {path.name} is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}): save it "
            'as "CSV UTF-8" and import it again.'
        ) from exc


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """(line the row starts on, cells) for every row; a quote left open or closed lines later is an error."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if reader.line_num != start:
                raise ImportFormatError(
                    f"The CSV {path.name}: the row starting on line {start} runs on to line "
                    f"{reader.line_num} (a quote opened on line {start} is closed lines later). Nothing was "
                    "imported: fix the quote and import the file again."
                )
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc) or reader.line_num > start:
            raise ImportFormatError(
                f"The CSV {path.name}: a quote opened on line {start} is never closed, so every later line "
                "would be read into one cell. Nothing was imported: fix the quote and import the file again."
            ) from exc
        raise ImportFormatError(f"The CSV {path.name} line {reader.line_num}: {exc}.") from exc
    return rows


def _columns(path: Path, header: list[str]) -> tuple[int | None, ...]:
    lowered = [h.strip().casefold() for h in header]
    twice = sorted({h for h in lowered if h and lowered.count(h) > 1})
    if twice:
        raise ImportFormatError(f"The CSV {path.name} names the column {', '.join(twice)} more than once.")

    def column(names: tuple[str, ...]) -> int | None:
        found = [lowered.index(n) for n in names if n in lowered]
        return found[0] if found else None

    id_col, name_col, photo_col = column(ID_COLUMNS), column(NAME_COLUMNS), column(PHOTO_COLUMNS)
    missing = [n for n, c in (("id", id_col), ("name", name_col), ("photo", photo_col)) if c is None]
    if missing:
        raise ImportFormatError(
            f"The CSV {path.name} has no {' or '.join(missing)} column: its header needs id, name, photo, "
            f"and optionally department and consent; found {', '.join(header) or 'nothing'}."
        )
    return id_col, name_col, column(DEPT_COLUMNS), photo_col, column(CONSENT_COLUMNS)
