"""Sign-in lists for the event's hosts: kiosk links, paper sheets, entries typed in from
paper, postcards, the press list as media contacts, and erasing details early."""

import io
import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.core.csv_safe import csv_writer
from juntos.core.pagecache import cached_page
from juntos.events import forms, pdf, selectors, services
from juntos.events.models import Guest, SignIn, SignInList
from juntos.events.services import EventError
from juntos.events.views.common import form_errors, refused, to_signins
from juntos.privacy import accesslog

SIGNINS_PER_PAGE = 50  # a big rally signs in thousands: the lists come a page at a time


SIGNIN_COLUMNS = (
    *("id", "event_id", "list", "name", "email", "phone", "organization", "may_contact"),
    *("member_id", "person_id", "source", "credited_at", "purged_at"),
)


@coalition_view("representative")
@cached_page
def signins(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    # The list shows these columns only (events/jinja2/events/_signin_table.html).
    signed = event.signins.only(*SIGNIN_COLUMNS).order_by("signed_at", "id")
    counts = selectors.counts_for(event)
    guests = Paginator(signed.filter(list=SignInList.GUEST), SIGNINS_PER_PAGE)
    press = Paginator(signed.filter(list=SignInList.PRESS), SIGNINS_PER_PAGE)
    guests.count, press.count = counts.guests, counts.press  # counted once, above
    guest_page = guests.get_page(request.GET.get("page"))
    press_page = press.get_page(request.GET.get("press_page"))
    accesslog.note(
        coalition_id=event.coalition_id,
        what=accesslog.AccessKind.SIGNINS,
        person_ids=[r.person_id for r in (*guest_page, *press_page) if r.person_id],
        ref=f"event:{event.pk}",
    )
    kiosk = {
        kind: request.build_absolute_uri(
            reverse("events_public:kiosk", kwargs={"token": services.kiosk_token(event, kind)})
        )
        for kind in SignInList.values
    }
    return render(
        request,
        "events/signins.html",
        {
            "event": event,
            # Where each row came from, translated once a page, not once a row.
            "sources": {k: str(v) for k, v in SignIn.Source.choices},
            "guest_rows": guest_page.object_list,
            "press_rows": press_page.object_list,
            "guest_page": guest_page,
            "press_page": press_page,
            "kiosk": kiosk,
            "paper_form": forms.PaperSignInForm(initial={"list": SignInList.GUEST}),
            "action_form": forms.ActionForm(coalition=request.coalition),
            "counts": counts,
            "by_office": selectors.postcards_by_office(event),
            "press_uncopied": event.signins.filter(
                list=SignInList.PRESS,
                may_contact=True,
                contact__isnull=True,
                purged_at__isnull=True,
            ).count(),
        },
    )


@require_POST
@coalition_view("representative")
def signin_paper(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    list_kind = request.POST.get("list", SignInList.GUEST)
    form = forms.PaperSignInForm(request.POST, list_kind=list_kind)
    if form.is_valid():
        data = dict(form.cleaned_data)
        client_id = data.pop("client_id") or uuid.uuid4().hex
        data.pop("list")
        try:
            result = services.signin_record(
                event=event,
                list_kind=list_kind,
                client_id=client_id,
                data=data,
                source=SignIn.Source.PAPER,
                actor=request.user,
            )
        except EventError as error:
            refused(request, error)
        else:
            if result.created:
                messages.success(request, _("Entry added from the paper sheet."))
            else:
                messages.info(request, _("This entry was already on the list."))
    else:
        form_errors(request, form)
    return to_signins(request, event)


@require_POST
@coalition_view("host")
def signin_credit(request, pk, signin_pk):
    """A host confirms that a sign-in matched to a member's person really was them."""
    event = selectors.get_event_signins_for(request, pk)
    signin = get_object_or_404(SignIn, event=event, pk=signin_pk)
    if services.signin_credit(signin=signin, actor=request.user, via="host"):
        messages.success(request, _("Attendance confirmed: it now counts for the member."))
    return to_signins(request, event)


@require_POST
@coalition_view("representative")
def kiosk_lock(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    services.kiosk_lock(event=event, actor=request.user)
    messages.success(request, _("Kiosks locked. New kiosk links are below."))
    return to_signins(request, event)


def _paper(request) -> str:
    return "a4" if request.GET.get("paper") == "a4" else "letter"


@coalition_view("representative")
def sheet(request, pk, list_kind):
    event = selectors.get_event_signins_for(request, pk)
    if list_kind not in SignInList.values:
        raise Http404
    prefilled = []
    if list_kind == SignInList.GUEST:
        prefilled = [
            (g.name, g.title) for g in event.guests.filter(rsvp=Guest.Rsvp.YES).order_by("name")
        ]
    body = pdf.signin_sheet(
        event=event, list_kind=list_kind, prefilled=prefilled, paper=_paper(request)
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{event.slug}-{list_kind}-{_paper(request)}.pdf"'
    )
    return response


@coalition_view("representative")
def postcards(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    body = pdf.postcards(event=event, cards=_cards(event), paper=_paper(request))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-postcards.pdf"'
    return response


def _cards(event) -> list[dict]:
    return [
        {
            "name": a.name,
            "office": a.office,
            "office_name": a.office_name,
            "office_address": a.office_address,
            "return_address": a.return_address,
        }
        for a in event.actions.filter(kind="postcard").select_related("office")
    ]


@coalition_view("representative")
def postcards_csv(request, pk):
    """The postcards for a mail house: one row per card (formula-safe cells)."""
    event = selectors.get_event_signins_for(request, pk)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for row in pdf.postcards_rows(event=event, cards=_cards(event)):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-postcards.csv"'
    return response


@require_POST
@coalition_view("representative")
def action_add(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    form = forms.ActionForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        try:
            made = services.action_record(event=event, actor=request.user, **form.cleaned_data)
        except EventError as error:
            refused(request, error)
        else:
            messages.success(request, _("%(n)d recorded.") % {"n": len(made)})
    else:
        form_errors(request, form)
    return to_signins(request, event)


@require_POST
@coalition_view("representative")
def press_contacts(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    added, known = services.press_to_contacts(event=event, actor=request.user)
    messages.success(
        request,
        _("%(added)d journalists added to the media contacts, %(known)d already there.")
        % {"added": added, "known": known},
    )
    return to_signins(request, event)


@require_POST
@coalition_view("representative")
def purge(request, pk):
    event = selectors.get_event_signins_for(request, pk)
    if request.POST.get("confirm") != "erase":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return to_signins(request, event)
    report = services.event_signins_purge(event=event, actor=request.user)
    messages.success(
        request,
        _("Names and contact details erased from %(n)d sign-ins; the counts stay.")
        % {"n": report.signins},
    )
    return to_signins(request, event)
