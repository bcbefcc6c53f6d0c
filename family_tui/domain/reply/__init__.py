"""A therapist's reply file: her answers, notes, cues and goal changes, coming back in one step.

``format = "family-tui/reply@1"`` tells a reply from a home-program file. :func:`parse_reply`
reads one (every mistake named by its place, ``answers[0]: ...``), :func:`plan_reply` works
out what it changes in the family's program and notes (all of it, or nothing when any part
is wrong), and :func:`reply_template` writes the file a therapist fills in.

No Textual and no storage here.
"""

from .form import ReplyForm, build_reply_form
from .form_html import reply_form_html
from .parse import REPLY_FORMAT, Reply, ReplyError, is_reply, parse_reply
from .plan import ReplyPlan, plan_reply
from .questions import open_questions_for
from .template import reply_template

__all__ = [
    "REPLY_FORMAT",
    "Reply",
    "ReplyError",
    "ReplyForm",
    "ReplyPlan",
    "build_reply_form",
    "is_reply",
    "open_questions_for",
    "parse_reply",
    "plan_reply",
    "reply_form_html",
    "reply_template",
]
