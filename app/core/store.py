"""The store (see app/core/storage): kept as the entry point named in ARCHITECTURE.md."""

from app.core.storage import *  # noqa: F403
from app.core.storage import __all__ as __all__
