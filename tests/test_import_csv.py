"""The import CSV reader on the malformed-CSV corpus (tests/corpus/import_csv, made by
tests/corpus/make_import_csv.py): every file is read right or refused with the line to fix; no row is
ever dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.enrolment.bulk_import import ImportFormatError, read_csv
from tests.corpus.make_import_csv import CORPUS, HERE, write_corpus


def corpus(name: str) -> Path:
    return HERE / name


def test_committed_corpus_matches_its_generator(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    for name in CORPUS:
        assert (HERE / name).read_bytes() == (tmp_path / name).read_bytes(), name


@pytest.mark.parametrize("name", ["good.csv", "utf8_bom.csv"])
def test_good_file_with_or_without_bom(name: str) -> None:
    entries, rejected = read_csv(corpus(name))
    assert rejected == []
    assert [(e.external_id, e.name, e.department, e.consent) for e in entries] == [
        ("E1", "Ann Lee", "Sales", True),
        ("E2", "Bo Chan", "Sales", False),
        ("E3", "Cy Diaz", "Ops", None),
    ]
    assert entries[0].photos == [HERE / "ann.jpg"] and entries[0].where == f"{name} line 2"


def test_unterminated_quote_refuses_the_file_naming_the_line() -> None:
    # The old reader returned E1 and one "person" E2 whose name held every later line: E3-E5 were lost.
    with pytest.raises(ImportFormatError, match=r"quote opened on line 3 is never closed") as err:
        read_csv(corpus("unterminated_quote.csv"))
    assert "Nothing was imported" in str(err.value)


def test_quote_closed_lines_later_refuses_the_file() -> None:
    with pytest.raises(ImportFormatError, match=r"row starting on line 3 runs on to line 4"):
        read_csv(corpus("quote_closed_later.csv"))


def test_text_after_a_closing_quote_is_named() -> None:
    with pytest.raises(ImportFormatError, match=r"line 2: ',' expected after '\"'"):
        read_csv(corpus("text_after_quote.csv"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("utf16.csv", r"is UTF-16 \(\"Unicode text\"\): save it as \"CSV UTF-8\""),
        ("latin1.csv", r"is not UTF-8 text \(byte 0xe9 on line 3\)"),
        ("missing_photo_column.csv", r"has no photo column: its header needs id, name, photo"),
        ("duplicate_column.csv", r"names the column id more than once"),
        ("empty.csv", r"is empty"),
        ("header_only.csv", r"has a header but no rows"),
    ],
)
def test_unreadable_files_get_a_clear_message(name: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read_csv(corpus(name))


def test_duplicate_ids_one_person_refused_same_person_merged() -> None:
    entries, rejected = read_csv(corpus("duplicate_ids.csv"))
    assert [e.external_id for e in entries] == ["E1", "E2"]
    assert entries[0].name == "Ann Lee"
    assert [p.name for p in entries[1].photos] == ["cy1.jpg", "cy2.jpg"]
    assert len(rejected) == 1 and rejected[0].subject == "E1"
    reason = rejected[0].reason
    assert reason == "duplicate ID (duplicate_ids.csv line 3): used for both 'Ann Lee' and 'Bo Chan'"


def test_bad_rows_are_refused_alone_with_their_line() -> None:
    entries, rejected = read_csv(corpus("bad_rows.csv"))
    assert [e.external_id for e in entries] == ["E5"]
    reasons = [f"{r.subject}: {r.reason}" for r in rejected]
    assert reasons == [
        "E1: consent 'maybe' is not yes or no (bad_rows.csv line 2)",
        "bad_rows.csv line 3: 6 cells but the header has 5 (a stray comma?)",
        "bad_rows.csv line 4: empty ID",
        "E4: no photo given (bad_rows.csv line 5)",
    ]
