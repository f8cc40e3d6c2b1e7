"""`faceattend review list | confirm ID | void ID [--note TEXT]` (HR and admins): the kiosk's doubtful
decisions. IDs may be shortened to their first 8 characters (as `list` shows them). Every decision is audited;
void cancels the item's attendance event through the correction path (the original is kept)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.attendance.review_queue import review_queue_for
from app.core.policy.access import Action


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("review", help="the review queue: doubtful kiosk decisions to confirm or void")
    sub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="the open items (newest first)")
    ls.add_argument("--all", action="store_true", help="decided items too")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    add_user_option(ls)
    ls.set_defaults(handler=_list)
    for name, text in (("confirm", "the kiosk's decision stands"), ("void", "cancel its attendance event")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("id", metavar="ID")
        cmd.add_argument("--note", default="", help="why (kept in the audit log)")
        add_user_option(cmd)
        cmd.set_defaults(handler=_resolve, void=name == "void")


def _list(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.VIEW_REPORTS, ctx.access, record=False)
        rows = review_queue_for(ctx).rows(session, None if args.all else "open")
    if args.json:
        for row in rows:
            i = row.item
            print(json.dumps({
                "id": i.uuid, "at_utc": i.at_utc.isoformat(), "reason": i.reason, "person": row.person,
                "person_uuid": i.person_uuid, "event": i.event_uuid, "similarity": round(i.similarity, 4),
                "margin": round(i.margin, 4), "threshold": round(i.threshold, 4),
                "liveness": round(i.liveness_score, 4), "status": i.status, "thumbnail": row.has_thumbnail,
            }))  # fmt: skip
        return 0
    if not rows:
        print("The review queue is empty." if not args.all else "No review items.")
        return 0
    print(f"{'ID':8}  {'when (UTC)':16}  {'score':>6} {'margin':>6} {'thresh':>6}  {'status':9}  why — who")
    for row in rows:
        i = row.item
        print(
            f"{i.uuid[:8]}  {i.at_utc:%Y-%m-%d %H:%M}  {i.similarity:6.3f} {i.margin:6.3f} "
            f"{i.threshold:6.3f}  {i.status:9}  {row.reason} — {row.person or '(unknown face)'}"
        )
    return 0


def _resolve(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        session = authenticate(args, Action.CORRECT_EVENTS, ctx.access)
        queue = review_queue_for(ctx)
        try:
            item = queue.find(session, args.id)
        except (ValueError, LookupError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        done = (
            queue.void(session, item.uuid, args.note)
            if args.void
            else queue.confirm(session, item.uuid, args.note)
        )
    what = "voided (its attendance event no longer counts)" if args.void else "confirmed"
    print(f"review item {done.uuid[:8]} {what}")
    return 0
