"""`--source` values on the command line: a network camera address is checked at once, and its password is
found (keyring, FACEATTEND_CAMERA_PASSWORD) or asked for on the terminal; it is kept in this process only and
the address is passed on without it (app/core/camera/credentials.py)."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.core.camera.credentials import (
    CAMERA_PASSWORD_ENV,
    find_password,
    is_network_spec,
    parse_camera_url,
    remember_for_session,
)
from app.core.errors import SourceError

SOURCE_HELP = (
    "demo, a camera index (default 0), a video file or folder, or a network camera: "
    "rtsp://[user@]host[:port]/path "
    f"or http(s)://…/video.mjpg (the password comes from the OS keyring, ${CAMERA_PASSWORD_ENV} or is asked)"
)


def source_spec(text: str) -> str:
    """argparse `type=`: the spec unchanged, or a network address without its password."""
    if not is_network_spec(text):
        return text
    try:
        address = parse_camera_url(text)
    except SourceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if address.password is not None:  # typed into the URL: used, but not passed on
        remember_for_session(address, address.password)
    elif address.user and find_password(address) is None and sys.stdin.isatty():
        remember_for_session(address, getpass.getpass(f"Password of {address.user} at {address.display}: "))
    return address.url
