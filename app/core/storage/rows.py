"""Row helpers shared by the storage tables: a person's row id by uuid, a template from its stored columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from app.core.records import Template
from app.core.storage.errors import NotFoundError
from app.core.storage.timeutil import from_db

# The columns template_from_row reads, in its order (t: the templates table).
TEMPLATE_COLS = "t.model_id, t.model_version, t.vector, t.quality, t.frames_used, t.created_at, t.id"


def person_row_id(conn: Any, person_uuid: str) -> int:
    """The persons.id of `person_uuid`; NotFoundError when there is no such person."""
    row = conn.execute("SELECT id FROM persons WHERE uuid = ?", (person_uuid,)).fetchone()
    if row is None:
        raise NotFoundError(f"No person with uuid {person_uuid}.")
    return int(row[0])


def template_from_row(person_uuid: str, row: Sequence[Any]) -> Template:
    """A Template from the TEMPLATE_COLS of one row."""
    return Template(
        person_uuid,
        row[0],
        row[1],
        np.frombuffer(row[2], dtype="<f4").astype(np.float32),
        row[3],
        row[4],
        from_db(row[5]),
        row[6],
    )
