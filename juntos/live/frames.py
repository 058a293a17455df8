"""A live page rendered once per worker, with each reader's own parts filled in (issue 21).

When the host opens a motion at an assembly, 2,000 delegates open its page within seconds,
and that burst, not the ballots, is what filled the server. The pages differ only in a few
parts: the reader's name in the header and their form token, which are filled in at serve
time, and what their organization may do (its ballot, whether it may vote and why not),
which is part of the key, so readers in the same position share one rendering.

The page is rendered with a *slot* in place of each filled part: a marker of letters and
digits (HTML escaping leaves it as it is) made of a random string drawn when the process
starts, so no text anyone wrote can be taken for one. The rendering is cut at the slots
once; serving it is a join.

The key must name everything else the page depends on (the caller's job; the motion page
keys its counters, language, role and the reader's position). A rendering is kept at most
`seconds`, the bound for a change no key follows.
"""

import re
import secrets
import time

from django.middleware.csrf import get_token
from django.utils.html import escape

_MARK = secrets.token_hex(8)
_SLOT = re.compile(rf"juntos{_MARK}([a-z]+)slot")
_frames: dict = {}
FRAMES_MAX = 500


def slot(name: str) -> str:
    """The marker for the part `name` (lower-case letters), to put in the context."""
    return f"juntos{_MARK}{name}slot"


class ReaderInHeader:
    """Stands for `user` in base.html while a frame is rendered: signed in, the same
    operator flag as the reader (part of the key), and a slot for the name."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, is_superuser: bool):
        self.is_superuser = is_superuser

    def get_short_name(self) -> str:
        return slot("name")


def frame_context(request) -> dict:
    """What a frame's context puts in place of the reader's own parts of base.html."""
    return {"csrf_token": slot("csrf"), "user": ReaderInHeader(request.user.is_superuser)}


def served(request, key, render, seconds: float, parts: dict) -> str:
    """The page for `key` (rendered by `render()` with `frame_context` and slots for
    `parts`, or kept), filled for this reader: their name, a form token of their session
    (which also sets the CSRF cookie if they had none), and `parts` (already HTML)."""
    now = time.monotonic()
    found = _frames.get(key)
    if found is None or now - found[1] >= seconds:
        pieces = _SLOT.split(render())
        if len(_frames) >= FRAMES_MAX:
            _frames.clear()
        found = _frames[key] = (pieces, now)
    values = {
        "name": escape(request.user.get_short_name()),
        "csrf": get_token(request),
        **parts,
    }
    pieces = list(found[0])
    pieces[1::2] = [values[name] for name in pieces[1::2]]
    return "".join(pieces)
