"""`faceattend person export ID -o FILE.json | erase ID | consent ID | retention` (GDPR controls).

ID is a person's uuid or external (employee) id.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context, prompt
from app.core.people import privacy
from app.core.policy.access import Action


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("person", help="a person's data: export (GDPR access), erase, consent")
    sub = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)

    export = sub.add_parser("export", help="everything held about a person, as JSON (GDPR art. 15)")
    export.add_argument("ident", metavar="ID")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    export.add_argument(
        "--include-vectors", action="store_true", help="include the raw template vectors (off by default)"
    )
    add_user_option(export)
    export.set_defaults(handler=_export)

    erase = sub.add_parser("erase", help="erase a person's biometric data and identity (GDPR art. 17)")
    erase.add_argument("ident", metavar="ID")
    erase.add_argument(
        "--events",
        choices=[m.value for m in privacy.ErasureMode],
        default=privacy.ErasureMode.PSEUDONYMISE.value,
        help="keep the attendance events pseudonymised (default, for working-time law) or delete them",
    )
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_user_option(erase)
    erase.set_defaults(handler=_erase)

    consent = sub.add_parser("consent", help="record that the person consented (now, by you)")
    consent.add_argument("ident", metavar="ID")
    add_user_option(consent)
    consent.set_defaults(handler=_consent)

    retention = sub.add_parser("retention", help="apply the retention periods now")
    add_user_option(retention)
    retention.set_defaults(handler=_retention)


def _export(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.EXPORT_PERSON_DATA, ctx.access)
        person = ctx.people.resolve(args.ident)
        data = ctx.people.export_person(person.uuid, args.output, session, args.include_vectors)
    print(
        f"wrote {args.output}: {len(data['templates'])} templates, "
        f"{len(data['attendance_events'])} events, {len(data['audit_entries'])} audit entries"
    )
    return 0


def _erase(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.ERASE_PERSON, ctx.access)
        person = ctx.people.resolve(args.ident)
        if not args.yes:
            answer = prompt(f"Erase {person.name} ({person.external_id})? Type ERASE to confirm: ", "--yes")
            if answer.strip() != "ERASE":
                print("nothing erased")
                return 1
        counts = ctx.people.erase_person(person.uuid, session, args.events)
    print(
        f"erased {person.uuid}: {counts.templates} templates, {counts.images} images deleted; "
        f"{counts.events} attendance events {'deleted' if counts.mode == 'delete' else 'pseudonymised'}; "
        "cloud tombstone queued"
    )
    return 0


def _consent(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.EDIT_PERSON, ctx.access)
        person = ctx.people.resolve(args.ident)
        ctx.people.record_consent(person.uuid, session)
    print(f"consent recorded for {person.uuid} by {session.name}")
    return 0


def _retention(args: argparse.Namespace) -> int:
    with open_context() as ctx:  # the EFFECTIVE settings: the retention periods saved on the Settings page
        session = authenticate(args, Action.RUN_RETENTION, ctx.access)
        result = ctx.people.run_retention(session)
    print(
        f"retention: {result.attendance_events} attendance events, {result.unknown_faces} unknown faces, "
        f"{result.inactive_templates} templates of inactive people, {result.face_images} face images deleted"
    )
    return 0
