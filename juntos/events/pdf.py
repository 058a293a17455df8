"""Printable sign-in sheets and postcards with fpdf2 (pure Python).

The sheet's columns are laid out from the page's own width and height, so the same
code fits A4 and US Letter; which paper is the planner's choice.
"""

from django.utils import formats, timezone, translation
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


CARD_INSET = 9  # mm inside each card: most printers cannot print to the sheet's edge


def postcard_lines(card: dict) -> dict:
    """The words of one card, in the active language (the postcard's, postcard_language):
    salutation, recipient lines ("The Honorable ...", the chamber), the office address,
    the sender and return address."""
    from juntos.districts import addressing

    office = card.get("office")
    name = card.get("office_name") or (office.name if office is not None else "")
    return {
        "salutation": addressing.salutation(office, name) if name else "",
        "recipient": addressing.recipient_lines(office, name) if name else [],
        "address": [p.strip() for p in (card.get("office_address") or "").split("\n") if p],
        "sender": card.get("name") or "",
        "return_address": card.get("return_address") or "",
    }


def postcard_language(event) -> str:
    """The card's own language, whatever the reader's screen: the language the event's texts
    were written in, else the coalition's first language (as a letter is written in its
    template's language)."""
    return event.language or event.coalition.primary_language


def postcard_message(event) -> str:
    """The card's body: the host's postcard message, else a standard request to the
    representative naming the event, in the active language (never the event's principles
    or the coalition's mission)."""
    if event.postcard_message.strip():
        return event.postcard_message
    from juntos.core.translatable import version

    return _(
        "As your constituent, I attended %(event)s with %(coalition)s. I ask you to "
        "support our coalition's cause and to tell me where you stand. Thank you."
    ) % {
        "event": version(event, "title", translation.get_language()).text,
        "coalition": event.coalition.name,
    }


def postcards(*, event, cards: list[dict], paper: str) -> bytes:
    """Pre-addressed postcards, four to a sheet, front and back: the message pages and the
    address pages alternate, the address side mirrored left to right so each card's two
    sides meet when printed double-sided (flip on the short edge), then cut in four."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format=PAPERS.get(paper, "Letter"))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    family, clean = font(pdf)
    card_w, card_h = pdf.w / 2, pdf.h / 2
    inner_w = card_w - 2 * CARD_INSET
    language = postcard_language(event)
    with translation.override(language):
        message = postcard_message(event)
    slots = [(0, 0), (0, 1), (1, 0), (1, 1)]  # (row, column)

    def cut_lines():
        pdf.set_draw_color(170, 170, 170)
        pdf.set_dash_pattern(dash=2, gap=2)
        pdf.line(card_w, 0, card_w, pdf.h)
        pdf.line(0, card_h, pdf.w, card_h)
        pdf.set_dash_pattern()

    def front(card, x, y):
        with translation.override(language):
            words = postcard_lines(card)
        pdf.set_xy(x + CARD_INSET, y + CARD_INSET)
        pdf.set_font(family, "B", 10.5)
        if words["salutation"]:
            pdf.cell(inner_w, 6, clean(words["salutation"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(x + CARD_INSET)
        pdf.set_font(family, "", 9.5)
        pdf.multi_cell(inner_w, 4.6, clean(message)[:650], align="L")
        pdf.set_xy(x + CARD_INSET, y + card_h - CARD_INSET - 7)
        pdf.set_font(family, "B", 10.5)
        pdf.cell(inner_w, 6, clean(words["sender"] or "_" * 30))

    def back(card, x, y):
        with translation.override(language):
            words = postcard_lines(card)
            stamp = _("Stamp")
        # Return address, top left.
        pdf.set_xy(x + CARD_INSET, y + CARD_INSET)
        pdf.set_font(family, "", 8)
        sender = "\n".join(t for t in (words["sender"], words["return_address"]) if t)
        pdf.multi_cell(inner_w * 0.55, 3.8, clean(sender), align="L")
        # Stamp box, top right.
        pdf.set_draw_color(120, 120, 120)
        pdf.rect(x + card_w - CARD_INSET - 20, y + CARD_INSET, 20, 24)
        pdf.set_xy(x + card_w - CARD_INSET - 20, y + CARD_INSET + 9)
        pdf.set_font(family, "", 7)
        pdf.cell(20, 5, clean(stamp), align="C")
        # Recipient, lower right half.
        left = x + card_w * 0.38
        width = card_w * 0.62 - CARD_INSET
        pdf.set_xy(left, y + card_h * 0.48)
        pdf.set_font(family, "B", 10.5)
        for line in words["recipient"]:
            pdf.set_x(left)
            pdf.multi_cell(width, 5.2, clean(line), align="L")
        pdf.set_font(family, "", 10)
        for line in words["address"]:
            pdf.set_x(left)
            pdf.multi_cell(width, 5, clean(line), align="L")

    for start in range(0, len(cards), 4):
        sheet = cards[start : start + 4]
        pdf.add_page()
        cut_lines()
        for card, (row, col) in zip(sheet, slots, strict=False):
            front(card, col * card_w, row * card_h)
        pdf.add_page()
        cut_lines()
        for card, (row, col) in zip(sheet, slots, strict=False):
            back(card, (1 - col) * card_w, row * card_h)
    if not cards:
        pdf.add_page()
        pdf.set_xy(MARGIN, MARGIN)
        pdf.set_font(family, "", 12)
        pdf.cell(0, 10, clean(_("No postcards recorded yet.")))
    return bytes(pdf.output())


MAIL_HOUSE_COLUMNS = (
    "recipient",
    "recipient_body",
    "office_address",
    "salutation",
    "sender_name",
    "return_address",
    "message",
)


def postcards_rows(*, event, cards: list[dict]):
    """The same cards as rows for a mail house (CSV), header first; the cards' words in
    the postcards' own language (postcard_language), whoever downloads them."""
    language = postcard_language(event)
    with translation.override(language):
        message = postcard_message(event)
    yield list(MAIL_HOUSE_COLUMNS)
    for card in cards:
        with translation.override(language):
            words = postcard_lines(card)
        recipient = words["recipient"] + ["", ""]
        yield [
            recipient[0],
            recipient[1],
            ", ".join(words["address"]),
            words["salutation"],
            words["sender"],
            words["return_address"].replace("\n", ", "),
            message,
        ]
