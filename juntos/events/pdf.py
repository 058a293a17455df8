"""Printable sign-in sheets and postcards with fpdf2 (pure Python).

The sheet's columns are laid out from the page's own width and height, so the same
code fits A4 and US Letter; which paper is the planner's choice.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from juntos.core.pdf import font
from juntos.events import rules

PAPERS = {"letter": "Letter", "a4": "A4"}
MARGIN = 12
ROW_H = 10.5


def signin_sheet(*, event, list_kind: str, prefilled: list[tuple[str, str]], paper: str) -> bytes:
    """One list's sheet: the RSVPs printed (name, organization), then blank lines to the
    end of the last page, at least ten."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format=PAPERS.get(paper, "Letter"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    family, clean = font(pdf)
    press = list_kind == "press"
    width = pdf.w - 2 * MARGIN
    # Fractions of the width: number, name, organization/outlet, email or phone, contact ok,
    # signature. The layout scales with the page, so A4 and Letter both fit.
    fractions = [0.04, 0.25, 0.21, 0.24, 0.1, 0.16]
    widths = [width * f for f in fractions]
    header_h = 34
    footer_h = 12
    per_page = int((pdf.h - 2 * MARGIN - header_h - footer_h) // ROW_H)
    plan = rules.sheet_plan(prefilled=len(prefilled), rows_per_page=per_page)
    title = _("Press sign-in") if press else _("Guest sign-in")
    when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    where = ", ".join(x for x in (event.venue_name, event.venue_address) if x)
    heads = [
        "#",
        _("Name"),
        _("Outlet") if press else _("Organization (optional)"),
        _("Email or phone (optional)"),
        _("Contact me?"),
        _("Signature"),
    ]
    rows = list(prefilled) + [("", "")] * plan.blank_rows
    number = 0
    for page in range(plan.pages):
        pdf.add_page()
        pdf.set_font(family, "B", 15)
        pdf.cell(width * 0.7, 8, clean(f"{title}: {event.title}"))
        pdf.set_font(family, "", 9)
        pdf.cell(
            width * 0.3,
            8,
            clean(_("Page %(n)d of %(of)d") % {"n": page + 1, "of": plan.pages}),
            align="R",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(family, "", 10)
        pdf.cell(
            width,
            6,
            clean(" · ".join(x for x in (when, where) if x)),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(family, "", 8.5)
        pdf.multi_cell(
            width,
            4.5,
            clean(
                _(
                    "Please write only what you want to share. We never ask about "
                    "immigration status. Contact details are erased %(days)d days after "
                    "the event."
                )
                % {"days": event.retention_days}
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(MARGIN + header_h - 8)
        pdf.set_font(family, "B", 9)
        pdf.set_fill_color(230, 238, 236)
        for head, w in zip(heads, widths, strict=True):
            pdf.cell(w, 8, clean(head), border=1, fill=True)
        pdf.ln(8)
        pdf.set_font(family, "", 10)
        for name, org in rows[page * per_page : (page + 1) * per_page]:
            number += 1
            cells = [str(number), name, org, "", "", ""]
            for i, (text, w) in enumerate(zip(cells, widths, strict=True)):
                if i == 4:
                    x, y = pdf.get_x(), pdf.get_y()
                    pdf.cell(w, ROW_H, "", border=1)
                    box = 3.6
                    pdf.rect(x + 2, y + (ROW_H - box) / 2, box, box)
                    pdf.set_xy(x + 2 + box + 1, y)
                    pdf.set_font(family, "", 8)
                    pdf.cell(w - box - 4, ROW_H, clean(_("yes")))
                    pdf.set_font(family, "", 10)
                    pdf.set_xy(x + w, y)
                else:
                    pdf.cell(w, ROW_H, clean(text)[:60], border=1)
            pdf.ln(ROW_H)
        pdf.set_y(pdf.h - MARGIN - 6)
        pdf.set_font(family, "", 8)
        pdf.set_text_color(90, 107, 112)
        pdf.cell(width, 5, clean(f"{event.coalition.name} · Juntos"), align="C")
        pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())


def postcards(*, event, cards: list[dict], paper: str) -> bytes:
    """Pre-addressed postcards, four to a page: message and signer on the left, the
    congressional office on the right, cut along the lines."""
    from fpdf import FPDF

    pdf = FPDF(format=PAPERS.get(paper, "Letter"))
    pdf.set_auto_page_break(False)
    family, clean = font(pdf)
    card_w = pdf.w - 2 * MARGIN
    card_h = (pdf.h - 2 * MARGIN) / 4
    message = event.postcard_message or event.principles
    for i, card in enumerate(cards):
        if i % 4 == 0:
            pdf.add_page()
        top = MARGIN + (i % 4) * card_h
        pdf.set_draw_color(150, 150, 150)
        pdf.rect(MARGIN, top, card_w, card_h)
        pdf.line(MARGIN + card_w * 0.55, top + 6, MARGIN + card_w * 0.55, top + card_h - 6)
        pdf.set_xy(MARGIN + 5, top + 5)
        pdf.set_font(family, "", 9)
        pdf.multi_cell(card_w * 0.55 - 10, 4.4, clean(message)[:700])
        pdf.set_xy(MARGIN + 5, top + card_h - 14)
        pdf.set_font(family, "B", 10)
        pdf.cell(card_w * 0.55 - 10, 6, clean(card.get("name") or "_" * 30))
        pdf.set_xy(MARGIN + card_w * 0.55 + 8, top + card_h / 2 - 10)
        pdf.set_font(family, "B", 11)
        pdf.multi_cell(card_w * 0.45 - 14, 5.5, clean(card.get("office_name") or ""))
        pdf.set_x(MARGIN + card_w * 0.55 + 8)
        pdf.set_font(family, "", 10)
        pdf.multi_cell(card_w * 0.45 - 14, 5, clean(card.get("office_address") or ""))
    if not cards:
        pdf.add_page()
        pdf.set_font(family, "", 12)
        pdf.cell(0, 10, clean(_("No postcards recorded yet.")))
    return bytes(pdf.output())
