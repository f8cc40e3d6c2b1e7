"""Network camera addresses and their passwords.

A camera is named by its URL WITHOUT the password (`rtsp://admin@192.168.1.20:554/stream1`): that is what the
camera picker shows and what may be written anywhere. The password lives, in this order of precedence:

1. in this process only (typed in the "Network camera…" dialog or asked on the command line); gone at exit;
2. in the OS keyring (service "FaceAttend", account `camera:<scheme>://<user>@<host>:<port>`), when one
   exists and the user asked to remember it;
3. in the environment variable FACEATTEND_CAMERA_PASSWORD (headless machines: no keyring; one password for
   the camera(s) this process opens).

It is never written to a settings file or a log: logs and messages use `mask_url`, which replaces it with
"***". A password typed inside the URL (`rtsp://user:pass@host/…`) is accepted too, but it then shows in the
process list: prefer the keyring or the environment variable.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import keyring

from app.core.errors import SourceError
from app.core.storage import keys

log = logging.getLogger(__name__)

NETWORK_SCHEMES = ("rtsp", "rtsps", "rtmp", "http", "https")
CAMERA_PASSWORD_ENV = "FACEATTEND_CAMERA_PASSWORD"
DEFAULT_PORTS = {"rtsp": 554, "rtsps": 322, "rtmp": 1935, "http": 80, "https": 443}

_session_lock = threading.Lock()
_session_passwords: dict[str, str] = {}


@dataclass(frozen=True)
class CameraAddress:
    """A parsed network camera URL. `url` never holds the password; `password` is kept out of repr()."""

    url: str  # scheme://[user@]host[:port]/path?query, without the password
    scheme: str
    host: str
    port: int
    user: str = ""
    password: str | None = field(default=None, repr=False)  # only when it was given inside the URL

    @property
    def account(self) -> str:
        """The keyring account: one password per user at one camera (every stream path of it)."""
        return f"camera:{self.scheme}://{self.user}@{self.host}:{self.port}"

    @property
    def display(self) -> str:
        """Short and without secrets, for the picker and status lines: host:port/path."""
        parts = urlsplit(self.url)
        port = f":{self.port}" if self.port != DEFAULT_PORTS.get(self.scheme) else ""
        return f"{self.host}{port}{parts.path}"

    def with_password(self, password: str | None) -> str:
        """The URL to hand to the video backend (percent-encoded credentials). Never log it."""
        if not self.user:
            return self.url
        parts = urlsplit(self.url)
        host = _host_port(self.host, parts.port)
        userinfo = quote(self.user, safe="")
        if password:
            userinfo += ":" + quote(password, safe="")
        return urlunsplit((parts.scheme, f"{userinfo}@{host}", parts.path, parts.query, parts.fragment))


def is_network_spec(spec: str) -> bool:
    """True for rtsp://, rtsps://, rtmp://, http:// and https:// addresses (a Windows path is not one)."""
    scheme, sep, _rest = spec.strip().partition("://")
    return bool(sep) and scheme.lower() in NETWORK_SCHEMES


def parse_camera_url(spec: str) -> CameraAddress:
    """Validate a network camera URL; SourceError with a message fit for the user when it is not one."""
    text = spec.strip()
    if not is_network_spec(text):
        schemes = ", ".join(s + "://" for s in NETWORK_SCHEMES)
        raise SourceError.said("Not a network camera address: it must start with {schemes}.", schemes=schemes)
    if any(c.isspace() for c in text):
        raise SourceError.said("A network camera address cannot contain spaces.")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise SourceError.said(
            "The port in {address} is not a number from 1 to 65535.", address=mask_url(text)
        ) from None
    host = parts.hostname or ""
    if not host:
        raise SourceError.said(
            "The network camera address {address} has no host name or IP address.", address=mask_url(text)
        )
    user = unquote(parts.username or "")
    password = unquote(parts.password) if parts.password is not None else None
    userinfo = f"{quote(user, safe='')}@" if user else ""
    netloc = userinfo + _host_port(host, parts.port)
    url = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
    return CameraAddress(url=url, scheme=scheme, host=host, port=port, user=user, password=password)


def with_user(address: CameraAddress, user: str) -> CameraAddress:
    """The same camera with another user name ("" = none); a password given inside the URL is kept."""
    parts = urlsplit(address.url)
    userinfo = f"{quote(user, safe='')}@" if user else ""
    netloc = userinfo + _host_port(address.host, parts.port)
    url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return CameraAddress(url, address.scheme, address.host, address.port, user, address.password)


def mask_url(url: str) -> str:
    """The URL with any password replaced by *** (for logs and messages)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, tail = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{hostport}{slash}{tail}"


def _host_port(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port else shown


# --- passwords ------------------------------------------------------------------------------------------


def keyring_available() -> bool:
    return keys.keyring_usable()


def remember_for_session(address: CameraAddress, password: str) -> None:
    """Keep the password in this process only (no keyring, or the user chose not to store it)."""
    with _session_lock:
        _session_passwords[address.account] = password


def store_password(address: CameraAddress, password: str) -> bool:
    """Remember the password: in the OS keyring when there is one (True), else for this process only
    (False: asked again at the next start, or set FACEATTEND_CAMERA_PASSWORD)."""
    remember_for_session(address, password)
    if not keyring_available():
        return False
    try:
        keyring.set_password(keys.SERVICE, address.account, password)
    except Exception as exc:  # a locked or failing backend: keep it for this session only
        log.warning("the camera password could not be stored in the keyring (%s)", type(exc).__name__)
        return False
    return True


def forget_password(address: CameraAddress) -> None:
    with _session_lock:
        _session_passwords.pop(address.account, None)
    if keyring_available():
        try:
            keyring.delete_password(keys.SERVICE, address.account)
        except Exception as exc:  # nothing stored
            log.debug("no keyring entry for %s: %s", address.account, type(exc).__name__)


def find_password(address: CameraAddress) -> str | None:
    """The password inside the URL, for this session, in the keyring or in FACEATTEND_CAMERA_PASSWORD."""
    if address.password is not None:
        return address.password
    with _session_lock:
        cached = _session_passwords.get(address.account)
    if cached is not None:
        return cached
    if keyring_available():
        try:
            stored = keyring.get_password(keys.SERVICE, address.account)
        except Exception as exc:
            log.warning("keyring unavailable for the camera password (%s)", type(exc).__name__)
            stored = None
        if stored is not None:
            return stored
    return os.environ.get(CAMERA_PASSWORD_ENV) or None
