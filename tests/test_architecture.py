"""The layering rules of docs/architecture.md, as import-linter contracts ([tool.importlinter] in
pyproject.toml): import graphs, direct and indirect, not name matching."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert " BROKEN" not in report and re.search(r"Contracts: ([5-9]|\d\d+) kept, 0 broken", report), report
