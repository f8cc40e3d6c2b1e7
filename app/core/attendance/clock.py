"""Time for the kiosk: an injectable clock (UTC, aware) so tests use a fake, and the time zones.

Wall-clock times (shifts, greetings) are read in an IANA zone from the settings, else the system's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_zone(name: str = "") -> tzinfo:
    """The IANA zone `name`, or the system's local zone."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown time zone %r; using the system zone", name)
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)
