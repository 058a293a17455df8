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
    Center in the middle, direct relationships on an inner ring, the next ones outside
    next to the person they know. Our own people (members) are green with a ★; line
    width is the strength; dashed lines are confidential. Sized to stay legible on a
    phone: the picture is cropped to what it draws."""
    inner_ids, outer_ids, contacts = [], [], {center.pk: center}
    links: dict[int, set[int]] = {}
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
        links.setdefault(r.source_id, set()).add(r.target_id)
        links.setdefault(r.target_id, set()).add(r.source_id)
    cx = cy = 0.0
    pos = {center.pk: (cx, cy)}
    angle = {}
    r1 = max(130.0, 26.0 * len(inner_ids)) if outer_ids else max(150.0, 26.0 * len(inner_ids))
    for i, pk in enumerate(inner_ids):
        a = -math.pi / 2 + 2 * math.pi * i / max(len(inner_ids), 1)
        angle[pk] = a
        pos[pk] = (cx + r1 * math.cos(a), cy + r1 * math.sin(a))

    def wanted(pk):
        near = [angle[n] for n in links.get(pk, ()) if n in angle]
        if not near:
            return math.pi
        return math.atan2(sum(math.sin(a) for a in near), sum(math.cos(a) for a in near))

    r2 = r1 + max(110.0, 14.0 * len(outer_ids))
    ordered = sorted(outer_ids, key=wanted)
    step = 2 * math.pi / max(len(ordered), 1)
    start = wanted(ordered[0]) if ordered else 0.0
    for i, pk in enumerate(ordered):
        a = max(wanted(pk), start + i * step) if len(ordered) > 1 else wanted(pk)
        pos[pk] = (cx + r2 * math.cos(a), cy + r2 * math.sin(a))

    xs = [x for x, _y in pos.values()]
    ys = [y for _x, y in pos.values()]
    left, right = min(xs) - 80, max(xs) + 80
    top, bottom = min(ys) - 34, max(ys) + 66
    width, height = right - left, bottom - top
    title = _("Relationships around %(name)s") % {"name": center.name}
    parts = [
        f'<svg class="relmap" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'role="img" xmlns="http://www.w3.org/2000/svg" aria-labelledby="relmap-title">'
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
    for pk, (x, y) in pos.items():
        c = contacts[pk]
        radius = 22 if pk == center.pk else 14
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
        ty = y + radius + 18
        for j, line in enumerate(_label_lines(c.name, 15)):
            weight = ' font-weight="700"' if pk == center.pk or c.is_ours else ""
            parts.append(
                f'<text x="{x:.0f}" y="{ty + j * 19:.0f}" text-anchor="middle" class="node"'
                f"{weight}>{escape(line)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (all text escaped above)


def power_grid_svg(rows) -> str:
    """The grid organizers draw on paper: stance across (opponent … ally), power up.
    `rows`: [(contact, current placement, [earlier placements])]. Each stakeholder is a
    numbered dot (the table under the grid has the same numbers), so the picture stays
    legible on a phone; earlier positions are hollow dots joined to the current one."""
    cell, left, top = 80, 34, 34
    width, height = left + 5 * cell + 6, top + 5 * cell + 44
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
    parts.append(f'<text x="{left}" y="{top - 12}" class="axis">↑ {escape(_("More power"))}</text>')
    for col, stance in enumerate(range(-2, 3)):
        for j, line in enumerate(_label_lines(str(rules.STANCES[stance]), 10)):
            parts.append(
                f'<text x="{left + col * cell + cell / 2:.0f}" y="{top + 5 * cell + 18 + j * 16}" '
                f'text-anchor="middle" class="axis">{escape(line)}</text>'
            )
    for row in range(5):
        parts.append(
            f'<text x="{left - 8}" y="{top + row * cell + cell / 2 + 5:.0f}" '
            f'text-anchor="end" class="axis">{5 - row}</text>'
        )

    def centre(power, stance):
        return left + (stance + 2) * cell + cell / 2, top + (5 - power) * cell + cell / 2

    offsets = [(0, 0), (-19, -19), (19, -19), (-19, 19), (19, 19)]
    crowd: dict[tuple[int, int], list[int]] = {}
    for i, (_contact, current, _earlier) in enumerate(rows):
        crowd.setdefault((current.power, current.stance), []).append(i)
    trails, marks = [], []
    for i, (contact, current, earlier) in enumerate(rows):
        key = (current.power, current.stance)
        others = crowd[key]
        slot = others.index(i)
        cx, cy = centre(*key)
        if len(others) > 1:
            if slot >= 4:
                if slot == 4:
                    marks.append(
                        f'<text x="{cx:.0f}" y="{cy + 5:.0f}" text-anchor="middle" '
                        f'class="more">+{len(others) - 4}</text>'
                    )
                continue
            dx, dy = offsets[slot + 1]
            cx, cy = cx + dx, cy + dy
        if earlier:
            trail = [centre(p.power, p.stance) for p in earlier]
            points = " ".join(f"{px:.0f},{py:.0f}" for px, py in [*trail, (cx, cy)])
            trails.append(
                f'<polyline points="{points}" fill="none" stroke="{MUTED}" '
                f'stroke-width="2" stroke-dasharray="4 3"/>'
            )
            trails.extend(
                f'<circle cx="{px:.0f}" cy="{py:.0f}" r="6" fill="#fff" stroke="{MUTED}" '
                f'stroke-width="2"/>'
                for px, py in trail
            )
        colour = BRAND if contact.is_ours else ACCENT if current.stance < 0 else INK
        marks.append(
            f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="14" fill="{colour}">'
            f"<title>{escape(contact.name)}</title></circle>"
            f'<text x="{cx:.0f}" y="{cy + 5:.0f}" text-anchor="middle" class="num">{i + 1}</text>'
        )
    parts.extend(trails)
    parts.extend(marks)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (all text escaped above)
