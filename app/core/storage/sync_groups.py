"""Group names across devices (the SQL of it): the desktop knows a group by its name (persons.groups_json),
the wire by a uuid derived from the name (wire.schemas.group_uuid). `sync_groups` holds the groups the
service holds, as this device last saw them, so that a pulled group uuid shows its name again, even on a
device where no person belonged to the group yet.

A name that is itself a uuid is a group this device could not name (stored so by earlier versions): it is
never pushed as a name, and it is replaced by the real name as soon as the service tells it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any
from uuid import UUID

log = logging.getLogger(__name__)


def _is_uuid(name: str) -> bool:
    try:
        UUID(name)
    except ValueError:
        return False
    return True


def learn_group(conn: Any, uuid: str, name: str, version: int, deleted: bool) -> None:
    """Store the service's copy of a group; a live group's name replaces its uuid in persons' groups."""
    if deleted:
        conn.execute(
            "INSERT INTO sync_groups (uuid, name, version, deleted) VALUES (?, '', ?, 1) "
            "ON CONFLICT(uuid) DO UPDATE SET deleted = 1, version = excluded.version",
            (uuid, version),
        )
        return
    conn.execute(
        "INSERT INTO sync_groups (uuid, name, version, deleted) VALUES (?, ?, ?, 0) "
        "ON CONFLICT(uuid) DO UPDATE SET name = excluded.name, version = excluded.version, deleted = 0",
        (uuid, name, version),
    )
    rows = conn.execute(
        "SELECT id, groups_json FROM persons WHERE groups_json LIKE ? COLLATE NOCASE", (f"%{uuid}%",)
    ).fetchall()
    for person_id, groups_json in rows:
        groups = json.loads(groups_json or "[]")
        named = [name if _is_uuid(g) and str(UUID(g)) == uuid else g for g in groups]
        if named != groups:
            conn.execute("UPDATE persons SET groups_json = ? WHERE id = ?", (json.dumps(named), person_id))
            log.info("group %s is %r: shown by name again on person %s", uuid, name, person_id)


def group_names(conn: Any, group_ids: Sequence[Any]) -> list[str]:
    """Group uuids from the cloud back to names: the name this device's persons use, else the name the
    service holds, else (a group this device never heard of) the uuid itself."""
    from wire.schemas import group_uuid

    local: dict[str, str] = {}
    for known in _local_names(conn):
        if not _is_uuid(known):
            local.setdefault(str(group_uuid(known)), known)
    out = []
    for gid in map(str, group_ids):
        name = local.get(gid)
        if name is None:
            row = conn.execute(
                "SELECT name FROM sync_groups WHERE uuid = ? AND deleted = 0 AND name <> ''", (gid,)
            ).fetchone()
            name = str(row[0]) if row else gid
        out.append(name)
    return out


def groups_to_push(conn: Any) -> list[tuple[str, str]]:
    """(uuid, name) of the groups this device's persons belong to that the service is not known to hold,
    in order of first use. Group uuids without a name are left out."""
    from wire.schemas import group_uuid

    held = {row[0] for row in conn.execute("SELECT uuid FROM sync_groups")}
    out: dict[str, str] = {}
    for name in _local_names(conn, "AND p.erased_at IS NULL"):
        if name.strip() and not _is_uuid(name):
            gid = str(group_uuid(name))
            if gid not in held:
                out.setdefault(gid, name)
    return list(out.items())


def _local_names(conn: Any, where: str = "") -> list[str]:
    """Each group name of this device's persons once, in order of first use (SQLite's json_each: cheap enough
    to ask before every person sent or pulled)."""
    rows = conn.execute(
        "SELECT g.value, min(p.id) FROM persons p, json_each(p.groups_json) g "
        f"WHERE p.groups_json <> '[]' AND g.type = 'text' {where} GROUP BY g.value ORDER BY 2"
    )
    return [str(row[0]) for row in rows]
