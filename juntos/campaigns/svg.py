"""Server-drawn SVG: a goal's progress against its target, and the campaign timeline."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

RUNG_COLORS = {1: "#1d6b5f", 2: "#2f7d9b", 3: "#6b5fa8", 4: "#b4572e", 5: "#a3261b", 6: "#5a1610"}


def _short(text: str, n: int = 26) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def progress_svg(*, title: str, baseline, target, due_on: date, start: date, points) -> str:
    """A line of recorded values against the target, from `start` to the goal's date."""
    w, h, left, right, top, bottom = 640, 230, 48, 24, 20, 36
    pw, ph = w - left - right, h - top - bottom
    points = sorted(points)
    start = min([start, *[p[0] for p in points]])
    end = max([due_on, *[p[0] for p in points]])
    span = max((end - start).days, 1)
    values = [Decimal(baseline), Decimal(target), *[Decimal(v) for _d, v in points]]
    top_value = max(values) * Decimal("1.1") or Decimal(1)
    low = min(Decimal(0), min(values))

    def x(day):
        return left + pw * (day - start).days / span

    def y(value):
        return top + ph - float((Decimal(value) - low) / (top_value - low)) * ph

    label = escape(_("Progress on “%(goal)s”") % {"goal": title})
    out = [
        f'<svg class="progress" viewBox="0 0 {w} {h}" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" class="plot"/>',
    ]
    ty = y(target)
    out.append(f'<line x1="{left}" x2="{w - right}" y1="{ty:.1f}" y2="{ty:.1f}" class="target"/>')
    out.append(
        f'<text x="{left + 4}" y="{ty - 5:.1f}" class="target-label">'
        f"{escape(_('Target'))} {escape(_fmt(target))}</text>"
    )
    dx = x(due_on)
    out.append(f'<line x1="{dx:.1f}" x2="{dx:.1f}" y1="{top}" y2="{top + ph}" class="due"/>')
    out.append(
        f'<text x="{dx - 4:.1f}" y="{h - 8}" text-anchor="end" class="axis">'
        f"{escape(date_format(due_on, 'SHORT_DATE_FORMAT'))}</text>"
    )
    out.append(
        f'<text x="{left}" y="{h - 8}" class="axis">'
        f"{escape(date_format(start, 'SHORT_DATE_FORMAT'))}</text>"
    )
    out.append(
        f'<text x="{left - 6}" y="{y(low) + 4:.1f}" text-anchor="end" class="axis">'
        f"{escape(_fmt(low))}</text>"
    )
    if points:
        path = [(x(start), y(baseline))] + [(x(d), y(v)) for d, v in points]
        d_attr = " ".join(
            f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py) in enumerate(path)
        )
        out.append(f'<path d="{d_attr}" class="line"/>')
        for (day, value), (px, py) in zip(points, path[1:], strict=True):
            tip = escape(f"{date_format(day, 'SHORT_DATE_FORMAT')}: {_fmt(value)}")
            out.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" class="point">'
                f"<title>{tip}</title></circle>"
            )
        last_x, last_y = path[-1]
        out.append(
            f'<text x="{min(last_x + 6, w - right - 30):.1f}" y="{last_y - 6:.1f}" '
            f'class="value">{escape(_fmt(points[-1][1]))}</text>'
        )
    else:
        out.append(
            f'<text x="{left + pw / 2}" y="{top + ph / 2}" text-anchor="middle" '
            f'class="axis">{escape(_("No progress recorded yet"))}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every piece of text above is escaped


def _fmt(value) -> str:
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


@dataclass
class TimelineItem:
    lane: str  # "dates", "actions", "events", "meetings", "deliverables"
    title: str
    starts_on: date
    ends_on: date | None = None
    css: str = ""
    color: str = ""
    note: str = ""
    url: str = ""  # a page to open from the item, when the viewer may see it


LANES = ["dates", "actions", "events", "meetings", "deliverables"]


def lane_labels():
    return {
        "dates": _("Key dates"),
        "actions": _("Actions"),
        "events": _("Events"),
        "meetings": _("Meetings"),
        "deliverables": _("Deliverables"),
    }


def timeline_range(items, today: date) -> tuple[date, date]:
    days = [today] + [i.starts_on for i in items] + [i.ends_on for i in items if i.ends_on]
    start = min(days) - timedelta(days=7)
    end = max(max(days), today + timedelta(days=60)) + timedelta(days=7)
    return start.replace(day=1), end


def timeline_svg(
    *, items: list[TimelineItem], blackouts: dict, start: date, end: date, today: date
) -> str:
    """Lanes of key dates, actions, events, meetings and deliverables over months; blackout days
    shaded. Wide on purpose: the page scrolls it sideways on a phone."""
    per_day = 5
    left, top, lane_h, label_rows = 110, 34, 74, 3
    days = (end - start).days + 1
    w = left + days * per_day + 20
    h = top + lane_h * len(LANES) + 10

    def x(day):
        return left + (day - start).days * per_day

    out = [
        f'<svg class="timeline" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{escape(_("Campaign timeline"))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i in range(len(LANES)):
        ly = top + i * lane_h
        out.append(
            f'<rect x="0" y="{ly}" width="{w}" height="{lane_h}" class="lane lane-{i % 2}"/>'
        )
    for day, reasons in sorted(blackouts.items()):
        if start <= day <= end:
            out.append(
                f'<rect x="{x(day)}" y="{top}" width="{per_day}" height="{h - top - 10}" '
                f'class="blackout"><title>{escape(date_format(day, "SHORT_DATE_FORMAT"))}: '
                f"{escape(', '.join(reasons))}</title></rect>"
            )
    month = start.replace(day=1)
    while month <= end:
        mx = x(month)
        out.append(f'<line x1="{mx}" x2="{mx}" y1="{top - 14}" y2="{h - 10}" class="month"/>')
        out.append(
            f'<text x="{mx + 3}" y="{top - 18}" class="month-label">'
            f"{escape(date_format(month, 'YEAR_MONTH_FORMAT'))}</text>"
        )
        month = (month + timedelta(days=32)).replace(day=1)
    labels = lane_labels()
    for i, lane in enumerate(LANES):
        ly = top + i * lane_h
        out.append(f'<text x="8" y="{ly + 20}" class="lane-label">{escape(labels[lane])}</text>')
        in_lane = sorted((it for it in items if it.lane == lane), key=lambda it: it.starts_on)
        for row, item in enumerate(in_lane):
            ix = x(item.starts_on)
            iy = ly + 16 + (row % label_rows) * 19
            tip = escape(
                f"{date_format(item.starts_on, 'SHORT_DATE_FORMAT')} {item.title}"
                + (f" · {item.note}" if item.note else "")
            )
            color = f' style="fill:{item.color}"' if item.color else ""
            if item.url:
                out.append(f'<a href="{escape(item.url)}">')
            if item.ends_on and item.ends_on > item.starts_on:
                bw = max((item.ends_on - item.starts_on).days + 1, 1) * per_day
                out.append(
                    f'<rect x="{ix}" y="{iy - 9}" width="{bw}" height="12" rx="3" '
                    f'class="span {item.css}"{color}><title>{tip}</title></rect>'
                )
            else:
                out.append(
                    f'<circle cx="{ix + per_day / 2}" cy="{iy - 3}" r="6" '
                    f'class="dot {item.css}"{color}><title>{tip}</title></circle>'
                )
            out.append(
                f'<text x="{ix + 10}" y="{iy + 1}" class="item {item.css}">'
                f"{escape(_short(item.title))}</text>"
            )
            if item.url:
                out.append("</a>")
    tx = x(today)
    out.append(f'<line x1="{tx}" x2="{tx}" y1="{top}" y2="{h - 10}" class="today"/>')
    out.append(f'<text x="{tx + 3}" y="{h - 2}" class="today-label">{escape(_("Today"))}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # every piece of text above is escaped
