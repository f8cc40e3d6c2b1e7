"""CLI sign-in: `--user NAME` (or FACEATTEND_USER) + the PIN from FACEATTEND_PIN or a no-echo prompt.

    def _run(args):
        with open_store() as store:
            session = authenticate(args, Action.EXPORT_AUDIT, store)

Any command that changes or exports data calls `authenticate` with the action it performs.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from app.core.errors import AuthenticationFailed
from app.core.policy.access import Action, Session, login, needs_first_admin, require
from app.core.settings import default_data_dir
from app.core.storage import KeyUnavailableError, Store
from app.core.storage.errors import NotFoundError
from app.core.storage.store import DB_FILENAME

USER_ENV = "FACEATTEND_USER"
PIN_ENV = "FACEATTEND_PIN"
NEW_PIN_ENV = "FACEATTEND_NEW_PIN"


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"sign in as NAME (default: ${USER_ENV}); the PIN comes from ${PIN_ENV} or is asked for",
    )


def prompt(message: str) -> str:
    if not sys.stdin.isatty():
        raise KeyUnavailableError(f"{message.rstrip(': ')} needed, but there is no terminal to ask on.")
    return getpass.getpass(message)


FIRST_RUN_HINT = "create it with `faceattend users add NAME --role admin` (or start `faceattend` once)"


def database_exists() -> bool:
    return (default_data_dir() / DB_FILENAME).exists()


def open_store(*, create: bool = False) -> Store:
    """The database of the data dir (FACEATTEND_HOME / --data-dir). Missing: NotFoundError saying how to
    create it, unless `create` (the first-run `users add`): then it is created, its key in the OS keyring
    or — with none — derived from FACEATTEND_DB_PASSPHRASE or a passphrase asked twice on the terminal."""
    try:
        return Store.open(default_data_dir(), prompt=prompt, create=create)
    except NotFoundError as exc:
        raise NotFoundError(f"{exc} No database yet: {FIRST_RUN_HINT}.") from exc


def signin(args: Any, store: Store, *, record: bool = True) -> Session:
    """Sign in without a role check (AuthenticationFailed / AccountLocked). record=False: a read-only
    command, the sign-in time is not stored either (see access.login)."""
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not name:
        if needs_first_admin(store):
            raise AuthenticationFailed(
                "No admin exists yet: create one first with `faceattend users add NAME --role admin`."
            )
        raise AuthenticationFailed(f"Sign in with --user NAME (or set {USER_ENV}).")
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        pin = prompt(f"PIN for {name}: ")
    return login(store, name, pin, record=record)


def authenticate(args: Any, action: Action | str, store: Store, *, record: bool = True) -> Session:
    """Sign in (AuthenticationFailed / AccountLocked) and check the role (PermissionDenied)."""
    session = signin(args, store, record=record)
    require(session, action)
    return session


def new_pin(label: str) -> str:
    """A new PIN: from FACEATTEND_NEW_PIN, else asked twice."""
    value = os.environ.get(NEW_PIN_ENV)
    if value is not None:
        return value
    value = prompt(f"New PIN/password for {label}: ")
    if prompt("Repeat it: ") != value:
        raise AuthenticationFailed("The two entries differ; nothing was changed.")
    return value
