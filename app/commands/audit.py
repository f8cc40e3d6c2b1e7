"""`faceattend audit verify | export FILE.csv | list | reseal` (admins).

verify exits 0 when the log is intact, 1 when an entry was edited, deleted or the newest ones removed
(the first bad entry is named), 2 on errors (wrong PIN, no permission…).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_store
from app.core.policy.access import Action, Audit, record, verify_audit
from app.core.policy.safe_text import neutralise_cell
from app.core.private_files import private_text
from app.core.storage import audit_seal
from app.core.storage.timeutil import to_db


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
    with open_store() as store:
        session = authenticate(args, Action.VIEW_AUDIT, store)
        verdict = verify_audit(store, session)
        if verdict.ok:
            print(f"audit log OK: {verdict.checked} entries, chain and head intact, seal {verdict.seal}")
            return 0
    print(f"audit log TAMPERED: first bad entry #{verdict.first_bad_id}")
    for problem in verdict.problems:
        print(f"  - {problem}")
    print(f"  ({verdict.checked} entries verified before the first break; seal {verdict.seal})")
    return 1


def _export(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = authenticate(args, Action.EXPORT_AUDIT, store)
        verdict = audit_seal.verify(store)
        count, after = 0, 0
        with private_text(args.file, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "at_utc", "actor", "action", "details_json", "prev_hash", "hash"])
            while page := store.all_audit_entries(after_id=after, limit=5000):
                for e in page:
                    details = json.dumps(e.details, sort_keys=True, separators=(",", ":"), default=str)
                    actor = neutralise_cell(e.actor)  # a user name cannot become a spreadsheet formula
                    writer.writerow([e.id, to_db(e.at_utc), actor, e.action, details, e.prev_hash, e.hash])
                count += len(page)
                after = page[-1].id
        record(store, session, Audit.AUDIT_EXPORT, {"file": str(args.file), "entries": count})
    print(f"{count} audit entries written to {args.file}")
    if not verdict.ok:
        print(f"warning: the log fails verification (first bad entry #{verdict.first_bad_id})")
        return 1
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_store() as store:
        authenticate(args, Action.VIEW_AUDIT, store)
        for e in store.audit_entries(args.limit):
            print(f"#{e.id}\t{to_db(e.at_utc)}\t{e.actor}\t{e.action}\t{json.dumps(e.details, default=str)}")
    return 0


def _reseal(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = authenticate(args, Action.MANAGE_USERS, store)
        before = audit_seal.verify(store)
        record(store, session, Audit.AUDIT_RESEAL, {"problems": before.problems[:5]})
        ok = audit_seal.seal(store, force=True)
    print("audit log resealed" if ok else "no OS keyring: nothing to seal")
    return 0
