"""Letters with merge fields: pure rules for the fields, and the files a batch merge makes
(one PDF and one email draft per recipient).

Merge fields are written {{ field }}. A template may use only the known fields; a batch
is refused, before anything is generated, when any recipient leaves a used field empty.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.core.pdf import font

FIELD_RE = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")

MERGE_FIELDS = {
    "recipient_name": gettext_lazy("Recipient's name"),
    "recipient_title": gettext_lazy("Recipient's title"),
    "salutation": gettext_lazy("Greeting (Dear Sen. Onder,)"),
    "organization": gettext_lazy("Recipient's organization"),
    "member_name": gettext_lazy("Member or chapter name"),
    "state": gettext_lazy("State"),
    "sender_name": gettext_lazy("Sender's name"),
    "sender_title": gettext_lazy("Sender's title"),
    "date": gettext_lazy("Date"),
}


def fields_used(*texts: str) -> list[str]:
    """Merge fields in the order they first appear."""
    out: list[str] = []
    for text in texts:
        for name in FIELD_RE.findall(text or ""):
            if name not in out:
                out.append(name)
    return out


def unknown_fields(*texts: str) -> list[str]:
    return [f for f in fields_used(*texts) if f not in MERGE_FIELDS]


@dataclass(frozen=True)
class Missing:
    recipient: str
    fields: tuple[str, ...]


def missing_values(subject: str, body: str, rows: list[dict]) -> list[Missing]:
    """For each recipient row, the used fields it leaves empty. Empty list = ready."""
    used = fields_used(subject, body)
    out = []
    for row in rows:
        empty = tuple(f for f in used if not str(row.get(f) or "").strip())
        if empty:
            out.append(Missing(str(row.get("recipient_name") or "?"), empty))
    return out


def render(text: str, row: dict) -> str:
    return FIELD_RE.sub(lambda m: str(row.get(m.group(1), m.group(0))), text)


# ---- files ---------------------------------------------------------------------------


def signature_split(body: str) -> tuple[list[str], list[str]]:
    """The body's paragraphs, and apart from them the signature block that must stay on
    one page: the last paragraph, with the closing line before it ("Sincerely,") when the
    closing stands alone."""
    paragraphs = [p.strip("\n") for p in (body or "").replace("\r\n", "\n").split("\n\n")]
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        return [], []
    keep = 1
    if len(paragraphs) > 1:
        closing = paragraphs[-2].strip()
        if "\n" not in closing and len(closing) <= 40 and closing.endswith((",", ":")):
            keep = 2
    return paragraphs[:-keep], paragraphs[-keep:]


def letter_document(
    *,
    subject: str,
    body: str,
    letterhead: str,
    sender_address: str = "",
    recipient: list[str] | tuple[str, ...] = (),
    day=None,
):
    """The letter as an fpdf2 document: letterhead with the sender's address, the date in
    words in the active language, the recipient's address block (with the honorific an
    official is addressed by), the subject and body; the signature block never split
    across pages."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    below = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
    pdf = FPDF(format="Letter")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    family, clean = font(pdf)
    pdf.set_font(family, "B", 13)
    pdf.multi_cell(0, 7, clean(letterhead), **below)
    lines = [line.strip() for line in (sender_address or "").splitlines() if line.strip()]
    if lines:
        pdf.set_font(family, "", 9)
        pdf.multi_cell(0, 4.5, clean("\n".join(lines)), **below)
    pdf.ln(6)
    pdf.set_font(family, "", 10)
    # The date in words, in the active language ("March 10, 2027", "10 de marzo de 2027").
    day = day or timezone.localdate()
    pdf.multi_cell(0, 5, clean(date_format(day, "DATE_FORMAT")), **below)
    pdf.ln(4)
    if recipient:
        pdf.multi_cell(0, 5, clean("\n".join(line for line in recipient if line)), **below)
        pdf.ln(4)
    pdf.set_font(family, "B", 11)
    pdf.multi_cell(0, 6, clean(subject), **below)
    pdf.ln(3)
    pdf.set_font(family, "", 11)
    paragraphs, signature = signature_split(body)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, clean(paragraph), **below)
        pdf.ln(3)
    if signature:
        # unbreakable(): the whole block moves to the next page rather than splitting.
        with pdf.unbreakable() as block:
            for i, paragraph in enumerate(signature):
                if i:
                    block.ln(3)
                block.multi_cell(0, 6, clean(paragraph), **below)
    return pdf


def letter_pdf(**kwargs) -> bytes:
    return bytes(letter_document(**kwargs).output())


def letter_eml(*, subject: str, body: str, to: str, sender: str) -> bytes:
    """An unsent email (X-Unsent: 1 makes mail programs open it as a draft)."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["To"] = to
    msg["From"] = sender
    msg["Date"] = format_datetime(timezone.now())
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    return msg.as_bytes()


def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()[:40] or "letter"


def merge_zip(
    *,
    subject: str,
    body: str,
    rows: list[dict],
    letterhead: str,
    sender: str,
    sender_address: str = "",
) -> bytes:
    """A ZIP with one PDF and one .eml draft per recipient. Call only after
    `missing_values` came back empty. A row's `address_block` (lines) heads its letter."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, row in enumerate(rows, start=1):
            subj, text = render(subject, row), render(body, row)
            stem = f"{i:03d}-{_slug(row.get('recipient_name', ''))}"
            pdf = letter_pdf(
                subject=subj,
                body=text,
                letterhead=letterhead,
                sender_address=sender_address,
                recipient=row.get("address_block") or (),
            )
            zf.writestr(f"{stem}.pdf", pdf)
            zf.writestr(
                f"{stem}.eml",
                letter_eml(subject=subj, body=text, to=row.get("email") or "", sender=sender),
            )
    return buffer.getvalue()


def introduction_letter() -> tuple[str, str]:
    """The project's own letter of introduction to a business group, after seed 001's
    sample. Returns (subject, body)."""
    subject = _("Working together for a strong {{ state }} economy and fair immigration laws")
    body = _(
        "Dear {{ recipient_name }},\n\n"
        "I am writing to you as {{ recipient_title }} of {{ organization }} on behalf of "
        "{{ member_name }}, a member of our coalition in {{ state }}.\n\n"
        "Employers across {{ state }} tell us the same thing: they cannot find enough "
        "workers, and the people who already work for them, pay taxes and raise families "
        "here live with uncertainty that an outdated immigration system creates. "
        "Enforcement-only measures cost businesses trained staff and cost towns their "
        "customers, while lawmakers keep postponing the practical reforms most voters "
        "support.\n\n"
        "We are not writing to ask for a donation or a signature. We would like to start "
        "a conversation between your members and ours, because we believe we share more "
        "than it may seem. Working together we could:\n"
        "- put your members in touch with legislators and their staff, and help them "
        "speak about immigration in terms of the local economy;\n"
        "- keep each other informed about state and federal proposals that affect the "
        "people we each represent;\n"
        "- share timely alerts and plain-language analysis of bills when they move;\n"
        "- identify the officials and candidates willing to support sensible reform.\n\n"
        "Lawmakers tell us they hear mostly from people opposed to reform. A business "
        "voice from their own district changes that conversation. We can provide the "
        "background and the legal expertise; you know what your members need.\n\n"
        "I will call your office in the coming days to ask for a short meeting at a time "
        "and place that suits you.\n\n"
        "Thank you for your time.\n\n"
        "Sincerely,\n\n"
        "{{ sender_name }}\n"
        "{{ sender_title }}, {{ member_name }}"
    )
    return subject, body
