"""Text that is safe to store and to hand to a spreadsheet: formula neutralising and entry checks.

A spreadsheet program treats a cell that begins with `=`, `+`, `-` or `@` as a formula (and tab / carriage
return can smuggle one in), so a name such as `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` would run when HR opens
an export. Exports neutralise such cells the way OWASP recommends (a leading single quote in CSV; a string
cell with Excel's quote prefix in XLSX), and the enrolment form refuses them at entry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Bidirectional embeddings, overrides and isolates: they make a name display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Refused at the start of a name or department. "-" is allowed there: "-" alone is a common "no department"
# placeholder in HR data (and a few real names begin with one); the exports neutralise it anyway.
ENTRY_REFUSED_PREFIXES = ("=", "+", "@")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read this cell as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def neutralise_cell(text: str) -> str:
    """The text as a CSV cell no spreadsheet runs: a leading single quote when it starts like a formula."""
    return "'" + text if starts_like_formula(text) else text


def entry_problem(label: str, value: str) -> str | None:
    """Why `value` cannot be stored as a person's `label` (name, department …), or None when it can."""
    if any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in value):
        return (
            f"The {label} contains a control character (a tab, line break or text-direction override): "
            "retype it."
        )
    if value.startswith(ENTRY_REFUSED_PREFIXES):
        return (
            f"The {label} cannot begin with '{value[0]}' (spreadsheets would read it as a formula): "
            "remove that character."
        )
    return None


def person_text_problem(name: str, department: str = "", groups: Iterable[str] = ()) -> str | None:
    """The first reason a person's name, department or group names cannot be stored, or None."""
    checks = [("name", name), ("department", department), *(("group name", g) for g in groups)]
    for label, value in checks:
        problem = entry_problem(label, value)
        if problem:
            return problem
    return None
