"""The review queue for HR and admins: the kiosk's doubtful decisions, to confirm or void.

Reading needs VIEW_REPORTS; deciding needs CORRECT_EVENTS (as an HR correction does). A decision is one store
transaction with its audit entry ("review.confirm" / "review.void"; voiding an item whose event still counts
voids the event through the correction path, the original kept), and the audit seal advances after it
(access.sealed: the one audit path). Qt-free: the Review page, `faceattend review …` and tests use it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.attendance.doubt import REASONS
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.records import Person, ReviewItem
from app.core.storage import review as review_db

if TYPE_CHECKING:
    from app.core.storage import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the queue, ready to show (names resolved; scores as stored)."""

    item: ReviewItem
    person: str  # "Name (external id)", or "" for an unknown face
    reason: str  # in words

    @property
    def has_thumbnail(self) -> bool:
        return self.item.thumbnail is not None


class ReviewQueue:
    def __init__(self, store: Store) -> None:
        self.store = store

    def rows(
        self, session: Session, status: str | None = review_db.OPEN, limit: int = 500
    ) -> list[ReviewRow]:
        session.require(Action.VIEW_REPORTS)
        people: dict[str, Person | None] = {}
        out = []
        for item in review_db.list_review_items(self.store, status, limit):
            label = ""
            if item.person_uuid is not None:
                if item.person_uuid not in people:
                    people[item.person_uuid] = self.store.get_person(item.person_uuid)
                person = people[item.person_uuid]
                label = f"{person.name} ({person.external_id})" if person is not None else item.person_uuid
            out.append(ReviewRow(item, label, REASONS.get(item.reason, item.reason)))
        return out

    def find(self, session: Session, prefix: str) -> ReviewItem:
        """The item whose uuid is or starts with `prefix` (the CLI shows short ids)."""
        session.require(Action.VIEW_REPORTS)
        prefix = prefix.strip().lower()
        if len(prefix) < 4:
            raise ValueError("give at least 4 characters of the review item's id")
        found = [
            i for i in review_db.list_review_items(self.store, None, 100_000) if i.uuid.startswith(prefix)
        ]
        if not found:
            raise LookupError(f"No review item {prefix!r}.")
        if len(found) > 1:
            raise LookupError(f"{len(found)} review items start with {prefix!r}: give more of the id.")
        return found[0]

    def confirm(self, session: Session, item_uuid: str, note: str = "") -> ReviewItem:
        """The kiosk's decision stands (audited)."""
        return self._resolve(session, item_uuid, review_db.CONFIRMED, note)

    def void(self, session: Session, item_uuid: str, note: str = "") -> ReviewItem:
        """The decision was wrong: its event (if it still counts) is voided, original kept (audited)."""
        return self._resolve(session, item_uuid, review_db.VOIDED, note)

    def _resolve(self, session: Session, item_uuid: str, status: str, note: str) -> ReviewItem:
        session.require(Action.CORRECT_EVENTS)
        with access.sealed(self.store):
            item = review_db.resolve_review_item(self.store, item_uuid, status, session.name, note.strip())
        log.info("review item %s %s by %s", item.uuid, status, session.name)
        return item


def review_queue_for(context: object) -> ReviewQueue:
    """The queue over an AppContext's store (the UI passes its context, never a store)."""
    store = getattr(context, "_store", None)
    if store is None:
        raise ValueError("the database is not open")
    return ReviewQueue(store)
