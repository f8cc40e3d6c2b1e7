"""Schema v3 (issue 8, cloud sync): the transactional outbox as SQL triggers.

When sync is configured (settings row `sync.outbox` = true) every write of a person, a template, a person or
template deletion, an attendance event or a void queues the matching sync item in the SAME transaction as the
write, whichever code path made it, so nothing is lost between a commit and an enqueue. Writes that apply
changes pulled from the cloud run with the `sync.applying` row present in sync_state (inside their own
transaction only) and queue nothing.

Idempotency keys are `<kind>:<entity uuid>:<version>`: persons carry a local revision (`local_rev`, bumped by
each synced edit), templates are immutable, attendance is keyed by the event uuid (plus `:void`).
Person and template items hold a reference (`ref`): the body is built when sent, from the row as it is then
(so the base version is the latest the device knows, and an end-to-end template is sealed at send time).
Attendance items hold the full wire body (an attendance record is immutable apart from a void).

Columns added: templates.uuid (the cloud identity; filled by a trigger for every insert), persons.sync_version
(the server version this copy is, 0 = never seen by the server) and persons.local_rev.
"""

from __future__ import annotations

OUTBOX_SETTING = "sync.outbox"
APPLYING = "sync.applying"

# SQLite has no uuid(): a random RFC 4122 version-4 uuid from randomblob().
_UUID4 = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || "
    "'-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || "
    "hex(randomblob(6)))"
)
_NOW = "strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'"  # the store's fixed-width format (timeutil)
_ON = (
    f"(SELECT value_json FROM settings WHERE key = '{OUTBOX_SETTING}') = 'true' "
    f"AND NOT EXISTS (SELECT 1 FROM sync_state WHERE name = '{APPLYING}')"
)


def _enqueue(kind: str, payload: str, key: str, where: str = "") -> str:
    return (
        "INSERT OR IGNORE INTO sync_queue (kind, payload_json, idempotency_key, next_attempt_at, created_at) "
        f"SELECT '{kind}', {payload}, {key}, {_NOW}, {_NOW}" + (f" WHERE {where}" if where else "")
    )


def _event_body(row: str, voided: str) -> str:
    return (
        f"json_object('entity_uuid', {row}.uuid, 'uuid', {row}.uuid, "
        f"'person_uuid', (SELECT uuid FROM persons WHERE id = {row}.person_id), 'at_utc', {row}.at_utc, "
        f"'tz_name', {row}.tz_name, 'direction', {row}.direction, 'match_score', {row}.match_score, "
        f"'liveness_score', {row}.liveness_score, 'voided', json({voided}), 'source', {row}.source)"
    )


_PERSON_REF = "json_object('entity_uuid', {r}.uuid, 'ref', 1)"
_TEMPLATE_REF = (
    "json_object('entity_uuid', {u}, 'person_uuid', (SELECT uuid FROM persons WHERE id = {r}.person_id), "
    "'ref', 1)"
)
_SYNCED_PERSON_COLUMNS = (
    "external_id",
    "name",
    "department",
    "groups_json",
    "consent_at",
    "consent_by",
    "active",
)
_PERSON_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _SYNCED_PERSON_COLUMNS)

_PERSON_PUT_NEW = _enqueue("person.put", _PERSON_REF.format(r="NEW"), "'person.put:' || NEW.uuid || ':0'")
_PERSON_PUT_EDIT = _enqueue(
    "person.put", _PERSON_REF.format(r="NEW"), "'person.put:' || NEW.uuid || ':' || (NEW.local_rev + 1)"
)
_PERSON_DELETE = _enqueue(
    "person.delete", "json_object('entity_uuid', OLD.uuid)", "'person.delete:' || OLD.uuid"
)
_NEW_TEMPLATE_UUID = "(SELECT uuid FROM templates WHERE id = NEW.id)"
_TEMPLATE_PUT = _enqueue(
    "template.put",
    _TEMPLATE_REF.format(r="NEW", u=_NEW_TEMPLATE_UUID),
    f"'template.put:' || {_NEW_TEMPLATE_UUID} || ':0'",
    _ON,
)
_TEMPLATE_DELETE = _enqueue(
    "template.delete",
    _TEMPLATE_REF.format(r="OLD", u="OLD.uuid").replace(", 'ref', 1", ""),
    "'template.delete:' || OLD.uuid",
)
_EVENT_NEW = _enqueue(
    "attendance",
    _event_body("NEW", "CASE WHEN NEW.voided THEN 'true' ELSE 'false' END"),
    "'attendance:' || NEW.uuid",
)
_EVENT_VOID = _enqueue("attendance", _event_body("NEW", "'true'"), "'attendance:' || NEW.uuid || ':void'")

V3: tuple[str, ...] = (
    "ALTER TABLE templates ADD COLUMN uuid TEXT",
    f"UPDATE templates SET uuid = {_UUID4} WHERE uuid IS NULL",
    "CREATE UNIQUE INDEX templates_uuid ON templates(uuid)",
    "ALTER TABLE persons ADD COLUMN sync_version INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE persons ADD COLUMN local_rev INTEGER NOT NULL DEFAULT 0",
    f"CREATE TRIGGER sync_person_insert AFTER INSERT ON persons WHEN {_ON} BEGIN {_PERSON_PUT_NEW}; END",
    f"""CREATE TRIGGER sync_person_update AFTER UPDATE ON persons
        WHEN NEW.local_rev = OLD.local_rev AND NEW.erased_at IS NULL AND ({_PERSON_CHANGED}) AND {_ON} BEGIN
        UPDATE persons SET local_rev = local_rev + 1 WHERE id = NEW.id;
        {_PERSON_PUT_EDIT};
    END""",
    f"""CREATE TRIGGER sync_person_delete AFTER DELETE ON persons WHEN OLD.erased_at IS NULL AND {_ON} BEGIN
        {_PERSON_DELETE};
    END""",
    # every template gets its uuid here (the store's INSERT does not name the column); then the outbox item
    f"""CREATE TRIGGER sync_template_insert AFTER INSERT ON templates BEGIN
        UPDATE templates SET uuid = {_UUID4} WHERE id = NEW.id AND uuid IS NULL;
        {_TEMPLATE_PUT};
    END""",
    f"""CREATE TRIGGER sync_template_delete AFTER DELETE ON templates
        WHEN OLD.uuid IS NOT NULL AND {_ON} BEGIN
        {_TEMPLATE_DELETE};
    END""",
    f"CREATE TRIGGER sync_event_insert AFTER INSERT ON attendance_events WHEN {_ON} BEGIN {_EVENT_NEW}; END",
    f"""CREATE TRIGGER sync_event_void AFTER UPDATE OF voided ON attendance_events
        WHEN NEW.voided = 1 AND OLD.voided = 0 AND {_ON} BEGIN
        {_EVENT_VOID};
    END""",
)

# Schema v6 (group names across devices): the groups the cloud holds, as this device last saw them (pulled
# from the change feed or answered to a PUT). A person's groups stay names in persons.groups_json; this table
# maps a wire group uuid back to its display name, and tells the outbox which groups the service holds.
V6: tuple[str, ...] = (
    "CREATE TABLE sync_groups (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL, "
    "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)))",
)
