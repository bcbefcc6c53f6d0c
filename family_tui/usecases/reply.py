"""A therapist's reply: the template she fills in, and bringing her reply into the family's data.

The reply is checked whole against the family's program and notes, then written in one
step (``FamilyStore.apply_changes``): all of it lands, or nothing does.
"""

from __future__ import annotations

from ..clock import family_day
from ..domain.names import find_therapist
from ..domain.reply import ReplyPlan, parse_reply, plan_reply, reply_template
from ..storage import FamilyStore


class ReplyTemplateError(ValueError):
    """No template can be written; the message says why and what to type instead."""


def run_reply_template(store: FamilyStore, therapist: str) -> str:
    program = store.program()
    try:
        found = find_therapist(program, therapist)
    except ValueError as error:
        raise ReplyTemplateError(str(error)) from None
    today = family_day(store.clock.local_now(), store.settings().day_start)
    return reply_template(program, store.notes(), found, today)


def import_reply(store: FamilyStore, text: str, dry_run: bool = False) -> ReplyPlan:
    """Check the whole reply, then write every change in one step (nothing on a dry run).

    Raises :class:`~family_tui.domain.reply.ReplyError`, naming each problem by its place.
    """
    reply = parse_reply(text)
    plan = plan_reply(reply, store.program(), store.notes(), store.clock.now())
    if plan.saves and not dry_run:
        store.apply_changes(plan.saves)
    return plan
