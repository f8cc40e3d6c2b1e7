"""The errors of cloud sync."""

from __future__ import annotations

from app.core.errors import FaceAttendError


class SyncError(FaceAttendError):
    """Sync could not complete."""


class TransientSyncError(SyncError):
    """The service is unreachable, slow or failing; the outbox keeps everything for a later try."""


class SyncAuthError(SyncError):
    """The service refused this device's API key (revoked or wrong): sync stops until it is reconfigured."""


class CursorAheadError(SyncError):
    """The device's cursor is ahead of the service (restored or replaced service): resync from 0."""
