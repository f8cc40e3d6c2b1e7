"""`faceattend users add NAME --role R | list | reset-pin NAME | set-role NAME R | deactivate NAME |
reactivate NAME` (the rules are app/core/policy/access.py's, shared with the Users page).

The first `users add` (no database or no admin yet) needs no sign-in and must create an admin: the
first-run step; on an empty data dir it creates the database too.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.commands.auth import add_user_option, authenticate, cli_context, new_pin, open_context, signin
from app.core.policy import access
from app.core.policy.access import Action, Role


def register(subparsers: Any) -> None:
    users = subparsers.add_parser("users", help="local users: add, list, reset a PIN, change a role")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = sub.add_parser(
        "add",
        help="add a user (the very first one must be an admin; new PIN from "
        "FACEATTEND_NEW_PIN or asked twice)",
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add_user_option(add)
    add.set_defaults(handler=_add)

    ls = sub.add_parser("list", help="list users, roles, locks and last sign-in times")
    add_user_option(ls)
    ls.set_defaults(handler=_list)

    reset = sub.add_parser("reset-pin", help="set a new PIN (admins for anyone, users for themselves)")
    reset.add_argument("name")
    add_user_option(reset)
    reset.set_defaults(handler=_reset)

    role = sub.add_parser("set-role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    add_user_option(role)
    role.set_defaults(handler=_set_role)

    for verb, text in (
        ("deactivate", "stop an account from signing in (not your own, not the last active admin)"),
        ("reactivate", "let a deactivated account sign in again (also clears a PIN lockout)"),
    ):
        toggle = sub.add_parser(verb, help=text)
        toggle.add_argument("name")
        add_user_option(toggle)
        toggle.set_defaults(handler=_set_active, active=verb == "reactivate")


def _add(args: argparse.Namespace) -> int:
    return add_user(args, args.name, args.role)


def add_user(
    args: argparse.Namespace, name: str, role: str, pin_source: Callable[[str], str] = new_pin
) -> int:
    """`users add` and `kiosk --add-admin`: the one way to create an account from the command line.

    No database yet: the first run — the database is created (key in the OS keyring, else a passphrase
    from FACEATTEND_DB_PASSPHRASE or asked twice) and the first user must be an admin. No admin yet: the
    first admin needs no sign-in. Otherwise an admin signs in (MANAGE_USERS). The PIN policy, the audit
    entry and its seal are access.py's in every case."""
    first_run = not cli_context().database_exists()
    if first_run:
        if role != Role.ADMIN.value:
            print("error: no database yet; the first user must have --role admin")
            return 2
        pin = pin_source(name)
        access.check_pin_policy(pin)  # before anything is created
    with open_context(create=first_run) as ctx:
        if first_run:
            print(f"new database created in {ctx.data_dir}")
        if ctx.access.needs_first_admin():
            if role != Role.ADMIN.value:
                print("error: no admin exists yet; the first user must have --role admin")
                return 2
            ctx.access.create_first_admin(name, pin if first_run else pin_source(name))
            print(f"first admin {name} created")
            return 0
        session = authenticate(args, Action.MANAGE_USERS, ctx.access)
        ctx.access.add_user(session, name, role, pin_source(name))
    print(f"user {name} ({role}) added")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.MANAGE_USERS, ctx.access)
        users = ctx.access.list_users(session)
    for user in users:
        if user.state == "locked" and user.locked_until is not None:
            state = f"  locked until {user.locked_until:%Y-%m-%d %H:%M} UTC"
        else:
            state = "  deactivated" if user.state == "deactivated" else ""
        last = f"{user.last_login_at:%Y-%m-%d %H:%M} UTC" if user.last_login_at else "never"
        print(f"{user.name}\t{user.role}{state}\tlast sign-in: {last}")
    return 0


def _reset(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = signin(args, ctx.access)  # own PIN: any user; someone else's: manage_users (checked below)
        ctx.access.reset_user_pin(session, args.name, new_pin(args.name))
    print(f"PIN of {args.name} changed")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.MANAGE_USERS, ctx.access)
        ctx.access.set_user_role(session, args.name, args.role)
    print(f"{args.name} is now {args.role}")
    return 0


def _set_active(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.MANAGE_USERS, ctx.access)
        ctx.access.set_user_active(session, args.name, args.active)
    print(f"{args.name} {'reactivated' if args.active else 'deactivated'}")
    return 0
