"""Typed errors that carry a message fit to show a user as it is."""

from __future__ import annotations

from typing import Any, Self


class FaceAttendError(Exception):
    """Base class: str(error) is a complete sentence for the user.

    An error made with `said(template, **values)` also keeps its English template and values, so the desktop
    can show the sentence in the user's language (app/ui/common/core_texts.describe_error); str() is the same.
    """

    template: str = ""
    values: dict[str, Any] = {}  # noqa: RUF012 (read-only default; said() sets an instance dict)

    @classmethod
    def said(cls, template: str, **values: Any) -> Self:
        error = cls(template.format(**values))
        error.template, error.values = template, values
        return error


class ModelError(FaceAttendError):
    """A model file is missing, altered (sha256 mismatch) or cannot be loaded."""


class ImageLoadError(FaceAttendError):
    """A file is not a readable image."""


class SourceError(FaceAttendError):
    """A frame source cannot be opened or stopped delivering frames."""


class SourceExhausted(SourceError):  # noqa: N818 (public name, kept)
    """A finite source (video file, folder) has no more frames."""


class SourceInterrupted(SourceError):  # noqa: N818
    """A live source lost its picture for a while and is reconnecting by itself: keep the source and read
    again (a network camera); str(error) says what happened, for a status line."""


class StorageError(FaceAttendError):
    """The database cannot be opened, read or written."""


class PermissionDenied(FaceAttendError):  # noqa: N818 (the name the issue asks for)
    """The signed-in user's role may not do this (app/core/policy/access.py)."""

    def __init__(self, user: str, role: str, action: str) -> None:
        super().__init__(f"{user} ({role}) is not allowed to {action.replace('_', ' ')}.")
        self.user = user
        self.role = role
        self.action = action


class AuthenticationFailed(FaceAttendError):  # noqa: N818
    """Wrong user name or PIN (the message never says which)."""


class AccountLocked(AuthenticationFailed):
    """Too many wrong PINs: the account is locked until `until` (UTC)."""

    def __init__(self, message: str, until: object) -> None:
        super().__init__(message)
        self.until = until


class WeakPinError(FaceAttendError, ValueError):
    """A PIN or password that the PIN policy refuses."""


class PrivacyError(FaceAttendError):
    """A privacy rule forbids the operation (e.g. storing face images while the setting is off)."""
