"""CLI sign-in and the context every command opens: `--user NAME` (or FACEATTEND_USER) + the PIN from
FACEATTEND_PIN or a no-echo prompt.

    def _run(args):
        with open_context() as ctx:
            session = authenticate(args, Action.EXPORT_AUDIT, ctx.access)
            ...                                   # ctx.<area service>.<use case>(session, ...)

Any command that changes or exports data calls `authenticate` with the action it performs; the services
check the permission again in the core.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from app.core.context import AppContext
from app.core.errors import AuthenticationFailed
from app.core.policy.access import Action, Session, require
from app.core.policy.service import AccessService
from app.core.settings import Settings
from app.core.storage.errors import KeyUnavailableError, NotFoundError

USER_ENV = "FACEATTEND_USER"
PIN_ENV = "FACEATTEND_PIN"
NEW_PIN_ENV = "FACEATTEND_NEW_PIN"
PASSPHRASE_ENV = "FACEATTEND_DB_PASSPHRASE"  # read by the store (storage/keys.py); named in hints here


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"sign in as NAME (default: ${USER_ENV}); the PIN comes from ${PIN_ENV} or is asked for",
    )


def prompt(message: str, instead: str = "") -> str:
    """Ask on the terminal without echo; with no terminal, say what to give instead (`instead`)."""
    if not sys.stdin.isatty():
        hint = f" Give it with {instead}." if instead else ""
        raise KeyUnavailableError(f"{message.rstrip(': ')} needed, but there is no terminal to ask on.{hint}")
    return getpass.getpass(message)


FIRST_RUN_HINT = "create it with `faceattend users add NAME --role admin` (or start `faceattend` once)"


def cli_context(
    settings: Settings | None = None, *, create: bool = False, matcher: bool = False, actor: str = "cli"
) -> AppContext:
    """The context of a command (not opened): the data dir of FACEATTEND_HOME / --data-dir, the key from the
    OS keyring or — with none — FACEATTEND_DB_PASSPHRASE or the terminal, no background sync loop; the
    matcher is loaded only for the commands that recognise (`matcher=True`)."""
    return AppContext(
        settings or Settings(),
        actor=actor,
        background_sync=False,
        prompt=lambda message: prompt(message, f"${PASSPHRASE_ENV}"),
        create=create,
        load_matcher=matcher,
    )


def open_context(
    settings: Settings | None = None, *, create: bool = False, matcher: bool = False, store_only: bool = False
) -> AppContext:
    """The opened context. Missing database: NotFoundError saying how to create it, unless `create` (the
    first-run `users add`): then it is created, its key in the OS keyring or — with none — derived from
    FACEATTEND_DB_PASSPHRASE or a passphrase asked twice on the terminal. store_only: see AppContext.open."""
    ctx = cli_context(settings, create=create, matcher=matcher)
    try:
        ctx.open(store_only=store_only)
    except NotFoundError as exc:
        raise NotFoundError(f"{exc} No database yet: {FIRST_RUN_HINT}.") from exc
    return ctx


def signin(args: Any, access: AccessService, *, record: bool = True) -> Session:
    """Sign in without a role check (AuthenticationFailed / AccountLocked). record=False: a read-only
    command, the sign-in time is not stored either (see access.login)."""
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not name:
        if access.needs_first_admin():
            raise AuthenticationFailed(
                "No admin exists yet: create one first with `faceattend users add NAME --role admin`."
            )
        raise AuthenticationFailed(f"Sign in with --user NAME (or set {USER_ENV}).")
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        pin = prompt(f"PIN for {name}: ", f"${PIN_ENV}")
    return access.login(name, pin, record=record)


def authenticate(args: Any, action: Action | str, access: AccessService, *, record: bool = True) -> Session:
    """Sign in (AuthenticationFailed / AccountLocked) and check the role (PermissionDenied)."""
    session = signin(args, access, record=record)
    require(session, action)
    return session


def new_pin(label: str) -> str:
    """A new PIN: from FACEATTEND_NEW_PIN, else asked twice."""
    value = os.environ.get(NEW_PIN_ENV)
    if value is not None:
        return value
    value = prompt(f"New PIN/password for {label}: ", f"${NEW_PIN_ENV}")
    if prompt("Repeat it: ", f"${NEW_PIN_ENV}") != value:
        raise AuthenticationFailed("The two entries differ; nothing was changed.")
    return value
