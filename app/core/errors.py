"""Typed errors that carry a message fit to show a user as it is."""


class FaceAttendError(Exception):
    """Base class: str(error) is a complete sentence for the user."""


class ModelError(FaceAttendError):
    """A model file is missing, altered (sha256 mismatch) or cannot be loaded."""


class ImageLoadError(FaceAttendError):
    """A file is not a readable image."""


class SourceError(FaceAttendError):
    """A frame source cannot be opened or stopped delivering frames."""


class SourceExhausted(SourceError):
    """A finite source (video file, folder) has no more frames."""


class StorageError(FaceAttendError):
    """The database cannot be opened, read or written."""
