"""How an official is addressed on a card or an envelope, in the reader's language, from
the facts stored about them (chamber, level, name). Nothing here is stored."""

import re

from django.utils.translation import gettext as _

SUFFIXES = re.compile(r",?\s+(Jr\.?|Sr\.?|II|III|IV|V)$", re.IGNORECASE)


def family_name(name: str) -> str:
    """ "Robert F. Onder, Jr." → "Onder"; "Emanuel Cleaver" → "Cleaver"."""
    bare = SUFFIXES.sub("", (name or "").strip()).strip(" ,")
    return bare.split()[-1] if bare.split() else ""


def short_title(official) -> str:
    """ "Rep." or "Sen." (state legislators too), empty for anyone else."""
    if official is None:
        return ""
    if official.chamber == "upper":
        return _("Sen.")
    if official.chamber in ("lower", "legislature"):
        return _("Rep.")
    return ""


def salutation(official, fallback_name: str = "") -> str:
    title = short_title(official)
    name = official.name if official is not None else fallback_name
    if title and family_name(name):
        return _("Dear %(title)s %(name)s,") % {"title": title, "name": family_name(name)}
    return _("Dear %(name)s,") % {"name": name} if name else ""


def body_name(official) -> str:
    """The body the official sits in, for the address block."""
    if official is None:
        return ""
    if official.level == "federal":
        return (
            _("United States Senate")
            if official.chamber == "upper"
            else _("U.S. House of Representatives")
        )
    if official.level == "state":
        return _("State Senate") if official.chamber == "upper" else _("State House")
    return ""


def recipient_lines(official, fallback_name: str = "") -> list[str]:
    """["The Honorable Jane Doe", "U.S. House of Representatives"]."""
    if official is None:  # written in by hand: as the guest wrote it
        return [fallback_name] if fallback_name else []
    name = official.name
    lines = [_("The Honorable %(name)s") % {"name": name}] if name else []
    body = body_name(official)
    if body:
        lines.append(body)
    return lines


def seat_label(official) -> str:
    """ "U.S. Representative, MO-3", "U.S. Senator, MO", "State Senator, MO-10"."""
    if official is None:
        return ""
    where = official.state + (
        f"-{official.district}"
        if official.district and official.district != "at-large"
        else (" " + _("at large") if official.district == "at-large" else "")
    )
    if official.level == "federal":
        role = _("U.S. Senator") if official.chamber == "upper" else _("U.S. Representative")
    elif official.chamber == "upper":
        role = _("State Senator")
    else:
        role = _("State Representative")
    return f"{role}, {where}"


def role_title(official) -> str:
    """ "U.S. Representative", "U.S. Senator", "State Senator", "State Representative";
    empty for anyone who is not a legislator."""
    if official is None or official.chamber not in ("upper", "lower", "legislature"):
        return ""
    if official.level == "federal":
        return _("U.S. Senator") if official.chamber == "upper" else _("U.S. Representative")
    if official.level == "state":
        return _("State Senator") if official.chamber == "upper" else _("State Representative")
    return ""
