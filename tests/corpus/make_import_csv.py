"""Writes the malformed-import-CSV corpus (tests/corpus/import_csv/): small files, each one way a CSV that HR
exports or edits by hand goes wrong. Regenerate with `python -m tests.corpus.make_import_csv`;
tests/test_import_csv.py checks the committed files match this script and what the reader says of each.
Photo paths point nowhere: these files test the reader, not the photos."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "import_csv"

GOOD_ROWS = "E1,Ann Lee,Sales,ann.jpg,yes\nE2,Bo Chan,Sales,bo.jpg,no\nE3,Cy Diaz,Ops,cy.jpg,\n"
HEADER = "id,name,department,photo,consent\n"

CORPUS: dict[str, bytes] = {
    # a well-formed file: consent yes / no / not given
    "good.csv": (HEADER + GOOD_ROWS).encode(),
    # Excel's "CSV UTF-8" starts with a byte-order mark: read as if it were not there
    "utf8_bom.csv": b"\xef\xbb\xbf" + (HEADER + GOOD_ROWS).encode(),
    # a quote opened in row 3 and never closed: the csv module would swallow rows 3-6 into one cell
    "unterminated_quote.csv": (
        HEADER + 'E1,Ann Lee,Sales,ann.jpg,yes\nE2,"Bo Chan,Sales,bo.jpg,yes\n'
        "E3,Cy Diaz,Ops,cy.jpg,yes\nE4,Di Eng,Ops,di.jpg,yes\nE5,Ed Fox,Ops,ed.jpg,yes\n"
    ).encode(),
    # a quote opened in row 3 and closed in row 4: two rows silently become one
    "quote_closed_later.csv": (
        HEADER + 'E1,Ann Lee,Sales,ann.jpg,yes\nE2,"Bo Chan,Sales,bo.jpg,yes\nE3,Cy Diaz",Ops,cy.jpg,yes\n'
        "E4,Di Eng,Ops,di.jpg,yes\n"
    ).encode(),
    # text after a closing quote: `"Ann" Lee`
    "text_after_quote.csv": (HEADER + 'E1,"Ann" Lee,Sales,ann.jpg,yes\n').encode(),
    # saved from Excel as "Unicode text": UTF-16 with its byte-order mark
    "utf16.csv": (HEADER + GOOD_ROWS).encode("utf-16"),
    # saved in a Western code page (cp1252): é is byte 0xE9 on line 3
    "latin1.csv": (HEADER + "E1,Ann Lee,Sales,ann.jpg,yes\nE2,Zoé Roy,Sales,zoe.jpg,yes\n").encode("cp1252"),
    # no photo column
    "missing_photo_column.csv": b"id,name,department\nE1,Ann Lee,Sales\n",
    # the id column named twice
    "duplicate_column.csv": b"id,name,id,photo\nE1,Ann Lee,E9,ann.jpg\n",
    # one ID for two people (and one ID repeated for the same person: their photos are merged)
    "duplicate_ids.csv": (
        HEADER + "E1,Ann Lee,Sales,ann.jpg,yes\nE1,Bo Chan,Sales,bo.jpg,yes\nE2,Cy Diaz,Ops,cy1.jpg,yes\n"
        "E2,Cy Diaz,Ops,cy2.jpg,yes\n"
    ).encode(),
    # bad rows: an unknown consent value, a stray comma, no ID, no photo
    "bad_rows.csv": (
        HEADER + "E1,Ann Lee,Sales,ann.jpg,maybe\nE2,Bo Chan,Sales,bo.jpg,yes,extra\n,No Id,Ops,x.jpg,yes\n"
        "E4,Di Eng,Ops,,yes\nE5,Ed Fox,Ops,ed.jpg,yes\n"
    ).encode(),
    "empty.csv": b"",
    "header_only.csv": HEADER.encode(),
}


def write_corpus(directory: Path = HERE) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in CORPUS.items():
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
