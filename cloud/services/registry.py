"""Groups, persons and templates, and the change feed.

ConflictError rule (documented for devices): the server's version wins and deletion wins.
- An edit must name the version it starts from (`base_version`); if that is not the server's current version
  the edit is refused with 409 and the current server version, which the device adopts.
- Re-sending what the server already holds is a no-op (200): every PUT/DELETE is idempotent, so a retried
  delivery never changes anything twice.
- A deleted entity stays deleted: a later PUT gets 410 GoneError. Deleting a person deletes its templates.
- Templates are immutable: a new enrolment is a new template uuid.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from cloud.db.engine import Database
from cloud.db.tables import Group, Person, Template, utcnow
from cloud.errors import ConflictError, GoneError, InvalidError, NotFoundError
from cloud.repo import orgs as org_repo
from cloud.repo import registry as repo
from cloud.services import mapping
from cloud.services.auth import DeviceContext
from wire import schemas

log = logging.getLogger(__name__)
_NIL = "00000000-0000-0000-0000-000000000000"  # person of a template deleted before it was seen
_Row = TypeVar("_Row", Group, Person, Template)
_Editable = TypeVar("_Editable", Group, Person)
_Out = TypeVar("_Out", bound=BaseModel)


def _person_fields(body: schemas.PersonIn) -> dict[str, object]:
    return {
        "external_id": body.external_id,
        "name": body.name,
        "department": body.department,
        "groups": [str(g) for g in body.groups],
        "consent_at": body.consent_at,
        "consent_by": body.consent_by,
        "active": body.active,
    }


def _same(row: object, fields: dict[str, object]) -> bool:
    return all(getattr(row, name) == value for name, value in fields.items())


class RegistryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- groups -----------------------------------------------------------------------------------------

    def put_group(
        self, ctx: DeviceContext, uuid: str, body: schemas.GroupIn
    ) -> tuple[schemas.GroupOut, bool]:
        return self._put(ctx, Group, uuid, {"name": body.name}, body.base_version, mapping.group)

    # --- persons ----------------------------------------------------------------------------------------

    def get_person(self, ctx: DeviceContext, uuid: str) -> schemas.PersonOut:
        return self._get(ctx, Person, uuid, mapping.person)

    def put_person(
        self, ctx: DeviceContext, uuid: str, body: schemas.PersonIn
    ) -> tuple[schemas.PersonOut, bool]:
        return self._put(ctx, Person, uuid, _person_fields(body), body.base_version, mapping.person)

    # --- shared by groups and persons -------------------------------------------------------------------

    def _get(self, ctx: DeviceContext, model: type[_Row], uuid: str, out: Callable[[_Row], _Out]) -> _Out:
        with self._db.read() as session:
            row = repo.get(session, model, ctx.org_id, uuid)
            if row is None:
                raise NotFoundError(f"No {model.__name__.lower()} {uuid}.")
            return out(row)

    def _put(
        self,
        ctx: DeviceContext,
        model: type[_Editable],
        uuid: str,
        fields: dict[str, object],
        base_version: int | None,
        out: Callable[[_Editable], _Out],
    ) -> tuple[_Out, bool]:
        """Create, or edit when based on the server version (else 409 with it); a tombstone answers 410."""
        kind = model.__name__
        with self._db.write(ctx.org_id) as session:
            row = repo.get(session, model, ctx.org_id, uuid)
            if row is None:
                row = model(
                    org_id=ctx.org_id, uuid=uuid, seq=org_repo.next_seq(session, ctx.org_id), **fields
                )
                repo.add(session, row)
                return out(row), True
            if row.deleted:
                raise GoneError(f"{kind} {uuid} was deleted; deletion wins.")
            if not _same(row, fields):
                if base_version != row.seq:
                    raise ConflictError(
                        f"The {kind.lower()} changed on the server; the server version wins.", out(row)
                    )
                for name, value in fields.items():
                    setattr(row, name, value)
                row.seq = org_repo.next_seq(session, ctx.org_id)
                row.updated_at = utcnow()
            return out(row), False

    # --- templates --------------------------------------------------------------------------------------

    def get_template(self, ctx: DeviceContext, uuid: str) -> schemas.TemplateOut:
        return self._get(ctx, Template, uuid, mapping.template)

    def put_template(
        self, ctx: DeviceContext, uuid: str, body: schemas.TemplateIn
    ) -> tuple[schemas.TemplateOut, bool]:
        encrypted = body.ciphertext_b64 is not None
        if ctx.end_to_end and not encrypted:
            raise InvalidError(
                "This organisation is end-to-end encrypted: send ciphertext_b64, never a clear vector."
            )
        if not ctx.end_to_end and encrypted:
            raise InvalidError("This organisation is not end-to-end encrypted: send vector_b64.")
        payload = base64.b64decode(body.ciphertext_b64 or body.vector_b64 or "")
        fields: dict[str, object] = {
            "person_uuid": str(body.person_uuid),
            "model_id": body.model_id,
            "model_version": body.model_version,
            "dim": body.dim,
            "payload": payload,
            "encrypted": encrypted,
            "key_id": body.key_id,
            "quality": body.quality,
            "frames_used": body.frames_used,
        }
        with self._db.write(ctx.org_id) as session:
            row = repo.get(session, Template, ctx.org_id, uuid)
            if row is not None:
                if row.deleted:
                    raise GoneError(f"Template {uuid} was deleted; deletion wins.")
                if not _same(row, fields):
                    raise ConflictError(
                        "Templates are immutable; the server version wins.", mapping.template(row)
                    )
                return mapping.template(row), False
            person = repo.get(session, Person, ctx.org_id, str(body.person_uuid))
            if person is None:
                raise InvalidError(f"Unknown person {body.person_uuid}: upload the person first.")
            if person.deleted:
                raise GoneError(f"Person {body.person_uuid} was deleted; deletion wins.")
            row = Template(org_id=ctx.org_id, uuid=uuid, seq=org_repo.next_seq(session, ctx.org_id), **fields)
            repo.add(session, row)
            return mapping.template(row), True

    # --- deletions --------------------------------------------------------------------------------------

    def delete(self, ctx: DeviceContext, kind: schemas.EntityKind, uuid: str) -> None:
        """Tombstone the entity (idempotent); an unknown uuid gets a tombstone too, so deletion still wins
        over a create that arrives later."""
        with self._db.write(ctx.org_id) as session:
            row = self._find(session, ctx.org_id, kind, uuid)
            if row is not None and row.deleted:
                return
            if row is None:
                row = self._tombstone(session, ctx, kind, uuid)
                repo.add(session, row)
            else:
                self._bury(session, ctx, row)
            if isinstance(row, Person):
                for tpl in repo.templates_of_person(session, ctx.org_id, uuid):
                    self._bury(session, ctx, tpl)
            log.info("%s %s deleted in organisation %s", kind, uuid, ctx.org_uuid)
        if kind != "group":
            self._db.purge_deleted()

    @staticmethod
    def _find(
        session: Session, org_id: int, kind: schemas.EntityKind, uuid: str
    ) -> Group | Person | Template | None:
        if kind == "template":
            return repo.get(session, Template, org_id, uuid)
        if kind == "person":
            return repo.get(session, Person, org_id, uuid)
        return repo.get(session, Group, org_id, uuid)

    @staticmethod
    def _tombstone(
        session: Session, ctx: DeviceContext, kind: schemas.EntityKind, uuid: str
    ) -> Group | Person | Template:
        seq = org_repo.next_seq(session, ctx.org_id)
        if kind == "template":
            return Template(org_id=ctx.org_id, uuid=uuid, person_uuid=_NIL, seq=seq, deleted=True)
        if kind == "person":
            return Person(org_id=ctx.org_id, uuid=uuid, groups=[], seq=seq, deleted=True)
        return Group(org_id=ctx.org_id, uuid=uuid, seq=seq, deleted=True)

    @staticmethod
    def _bury(session: Session, ctx: DeviceContext, row: Group | Person | Template) -> None:
        row.deleted = True
        row.seq = org_repo.next_seq(session, ctx.org_id)
        if isinstance(row, Template):
            row.payload = None  # a deleted face template is not kept
            return
        row.updated_at = utcnow()
        if isinstance(row, Person):  # a tombstone keeps no personal data
            row.external_id = row.name = row.department = row.consent_by = ""
            row.groups = []
            row.consent_at = None

    # --- change feed ------------------------------------------------------------------------------------

    def changes(self, ctx: DeviceContext, since: int, limit: int) -> schemas.ChangesPage:
        with self._db.read() as session:
            current = org_repo.current_seq(session, ctx.org_id)
            if since > current:
                raise ConflictError(f"Cursor {since} is ahead of the server ({current}); resync from 0.")
            rows = repo.changed_since(session, ctx.org_id, since, current, limit + 1)
            page = rows[:limit]
            return schemas.ChangesPage(
                changes=[mapping.change(row) for row in page],
                next_cursor=page[-1].seq if page else since,
                has_more=len(rows) > limit,
            )
