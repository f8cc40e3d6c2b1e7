"""`faceattend audit verify | export FILE.csv | list | reseal` (admins).

verify exits 0 when the log is intact, 1 when an entry was edited, deleted or the newest ones removed
(the first bad entry is named), 2 on errors (wrong PIN, no permission…).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC
from pathlib import Path
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.policy.access import Action


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("audit", help="the tamper-evident audit log: verify, export, list, reseal")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    verify = sub.add_parser("verify", help="check the hash chain, its head and the keyring seal")
    add_user_option(verify)
    verify.set_defaults(handler=_verify)

    export = sub.add_parser("export", help="write the whole log as CSV")
    export.add_argument("file", type=Path, metavar="FILE.csv")
    add_user_option(export)
    export.set_defaults(handler=_export)

    ls = sub.add_parser("list", help="show the newest entries")
    ls.add_argument("--limit", type=int, default=50)
    add_user_option(ls)
    ls.set_defaults(handler=_list)

    reseal = sub.add_parser(
        "reseal", help="accept the current log as the sealed head (only after restoring a backup)"
    )
    add_user_option(reseal)
    reseal.set_defaults(handler=_reseal)


def _verify(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.VIEW_AUDIT, ctx.access)
        verdict = ctx.access.verify_audit(session)
    if verdict.ok:
        print(f"audit log OK: {verdict.checked} entries, chain and head intact, seal {verdict.seal}")
        return 0
    print(f"audit log TAMPERED: first bad entry #{verdict.first_bad_id}")
    for problem in verdict.problems:
        print(f"  - {problem}")
    print(f"  ({verdict.checked} entries verified before the first break; seal {verdict.seal})")
    return 1


def _export(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.EXPORT_AUDIT, ctx.access)
        export = ctx.access.export_audit_csv(session, args.file)
    print(f"{export.entries} audit entries written to {args.file}")
    if not export.intact:
        print(f"warning: the log fails verification (first bad entry #{export.first_bad_id})")
        return 1
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.VIEW_AUDIT, ctx.access)
        entries = ctx.access.newest_entries(session, args.limit)
    for e in entries:
        at = e.at_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        print(f"#{e.id}\t{at}\t{e.actor}\t{e.action}\t{json.dumps(e.details, default=str)}")
    return 0


def _reseal(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.MANAGE_USERS, ctx.access)
        ok = ctx.access.reseal_audit(session)
    print("audit log resealed" if ok else "no OS keyring: nothing to seal")
    return 0
