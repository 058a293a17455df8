"""Pictures drawn on the server as SVG: a contact's neighbourhood and the power grid.
Every text is escaped here; the result is marked safe only once it is whole."""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from juntos.relationships import rules

INK, MUTED, LINE, BRAND, ACCENT = "#1f2a2e", "#5b6b70", "#9fb0b4", "#1d6b5f", "#b4572e"


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _label_lines(text: str, n: int = 16) -> list[str]:
    """Up to two lines of at most `n` characters, broken at a space where possible."""
    if len(text) <= n:
        return [text]
    cut = text.rfind(" ", 0, n + 1)
    if cut <= 0:
        cut = n
    return [text[:cut].strip(), _short(text[cut:].strip(), n)]


def neighbourhood_svg(center, first, second) -> str:
    """`center`: a Contact; `first`/`second`: Relationship rows (see selectors.neighbourhood).
    Center in the middle, direct relationships on an inner ring, the next ones outside.
    Our own people (members) are green with a ★; line width is the strength."""
    size = 640
    cx = cy = size / 2
    inner_ids, outer_ids, contacts = [], [], {center.pk: center}
    for r in first:
        other = r.target if r.source_id == center.pk else r.source
        contacts[other.pk] = other
        if other.pk not in inner_ids:
            inner_ids.append(other.pk)
    for r in second:
        for c in (r.source, r.target):
            contacts.setdefault(c.pk, c)
            if c.pk != center.pk and c.pk not in inner_ids and c.pk not in outer_ids:
                outer_ids.append(c.pk)
    pos = {center.pk: (cx, cy)}
    r1 = 150 if outer_ids else 200
    for i, pk in enumerate(inner_ids):
        a = -math.pi / 2 + 2 * math.pi * i / max(len(inner_ids), 1)
        pos[pk] = (cx + r1 * math.cos(a), cy + r1 * math.sin(a))
    for i, pk in enumerate(outer_ids):
        a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(len(outer_ids), 1)
        pos[pk] = (cx + 265 * math.cos(a), cy + 265 * math.sin(a))

    title = _("Relationships around %(name)s") % {"name": center.name}
    parts = [
        f'<svg class="relmap" viewBox="0 0 {size} {size}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="relmap-title">'
        f'<title id="relmap-title">{escape(title)}</title>'
    ]
    for r in [*second, *first]:
        if r.source_id not in pos or r.target_id not in pos:
            continue
        (x1, y1), (x2, y2) = pos[r.source_id], pos[r.target_id]
        dash = ' stroke-dasharray="6 4"' if r.confidential else ""
        parts.append(
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{LINE}" '
            f'stroke-width="{1 + r.strength * 0.9:.1f}"{dash}>'
            f"<title>{escape(r.get_kind_display())}</title></line>"
        )
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        parts.append(
            f'<text x="{mx:.0f}" y="{my:.0f}" class="edge" text-anchor="middle">'
            f"{escape(_short(r.role or r.get_kind_display(), 18))}</text>"
        )
    for pk, (x, y) in pos.items():
        c = contacts[pk]
        radius = 26 if pk == center.pk else 16
        fill = BRAND if c.is_ours else ("#fff" if pk != center.pk else ACCENT)
        stroke = BRAND if c.is_ours else (ACCENT if pk == center.pk else MUTED)
        parts.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{radius}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="3"><title>{escape(c.name)}</title></circle>'
        )
        if c.is_ours:
            parts.append(
                f'<text x="{x:.0f}" y="{y + 6:.0f}" text-anchor="middle" class="star">★</text>'
            )
        lines = _label_lines(c.name)
        ty = y + radius + 18
        for j, line in enumerate(lines):
            weight = ' font-weight="700"' if pk == center.pk or c.is_ours else ""
            parts.append(
                f'<text x="{x:.0f}" y="{ty + j * 19:.0f}" text-anchor="middle" class="node"'
                f"{weight}>{escape(line)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (all text escaped above)


def power_grid_svg(rows) -> str:
    """The grid organizers draw on paper: stance across (opponent … ally), power up.
    `rows`: [(contact, current placement, [earlier placements])]. Earlier positions are
    hollow dots joined to the current one."""
    cell, left, top = 120, 40, 40
    width, height = left + 5 * cell + 10, top + 5 * cell + 50
    parts = [
        f'<svg class="powergrid" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="pg-title">'
        f'<title id="pg-title">{escape(_("Power map"))}</title>'
    ]
    shades = {-2: "#f6d5cf", -1: "#fbe9e5", 0: "#f1f3f3", 1: "#e3f1ec", 2: "#cde8de"}
    for col, stance in enumerate(range(-2, 3)):
        for row in range(5):
            x, y = left + col * cell, top + row * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{shades[stance]}" '
                f'stroke="#fff" stroke-width="2"/>'
            )
    # axes
    parts.append(
        f'<text x="{left + 5 * cell / 2:.0f}" y="{top - 14}" text-anchor="middle" class="axis">'
        f"{escape(_('More power'))} ↑</text>"
    )
    for col, stance in enumerate(range(-2, 3)):
        label = _label_lines(str(rules.STANCES[stance]), 12)
        for j, line in enumerate(label):
            parts.append(
                f'<text x="{left + col * cell + cell / 2:.0f}" y="{top + 5 * cell + 20 + j * 17}" '
                f'text-anchor="middle" class="axis">{escape(line)}</text>'
            )
    for row in range(5):
        parts.append(
            f'<text x="{left - 10}" y="{top + row * cell + cell / 2 + 6:.0f}" '
            f'text-anchor="end" class="axis">{5 - row}</text>'
        )

    def centre(power, stance):
        return left + (stance + 2) * cell + cell / 2, top + (5 - power) * cell + cell / 2

    slots: dict[tuple[int, int], int] = {}
    marks = []
    for contact, current, earlier in rows:
        key = (current.power, current.stance)
        slot = slots.get(key, 0)
        slots[key] = slot + 1
        x = left + (current.stance + 2) * cell + 12
        y = top + (5 - current.power) * cell + 18 + slot * 22
        if slot >= 5:  # a crowded cell: the list below the grid names everyone
            continue
        trail = [centre(p.power, p.stance) for p in earlier]
        if trail:
            points = " ".join(f"{px:.0f},{py:.0f}" for px, py in [*trail, (x, y)])
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{MUTED}" '
                f'stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            for px, py in trail:
                parts.append(
                    f'<circle cx="{px:.0f}" cy="{py:.0f}" r="4" fill="#fff" stroke="{MUTED}"/>'
                )
        colour = BRAND if contact.is_ours else ACCENT if current.stance < 0 else INK
        marks.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="{colour}"/>'
            f'<text x="{x + 10:.0f}" y="{y + 5:.0f}" class="who">'
            f"{escape(_short(contact.name, 11))}<title>{escape(contact.name)}</title></text>"
        )
    parts.extend(marks)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (all text escaped above)
