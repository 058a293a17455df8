"""Pages without a login: the public event page and its .ics file, the guest's RSVP, and
the kiosk at the door."""

import uuid

from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from juntos.core.access import public
from juntos.districts.addressing import seat_label, short_title
from juntos.events import forms, ical, selectors, services
from juntos.events.models import Guest, SignInList
from juntos.events.services import EventError
from juntos.events.services.planning import RSVP_SALT


@public
def public_page(request, slug, event_slug):
    event = selectors.public_event(slug, event_slug)
    # A public page: host organizations are named only with their name consent.
    selectors.with_shown_hosts(event.coalition, [event], viewer_role=None)
    return render(
        request,
        "events/public.html",
        {
            "event": event,
            "coalition": event.coalition,
            "counts": selectors.counts_for(event),
            "hosts": event.shown_hosts,
            "speakers": list(event.speakers.all()),
        },
    )


@public
def public_ics(request, slug, event_slug):
    """The event's .ics, with an ETag and Last-Modified: calendars polling it get a 304
    until the event changes."""
    import hashlib

    from django.utils.http import http_date, parse_http_date_safe, quote_etag

    event = selectors.public_event(slug, event_slug)
    body = ical.event_ics(event, request.build_absolute_uri("/"))
    etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    modified = int(event.calendar_changed_at.timestamp())
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    matches = request.headers.get("If-None-Match")
    if (matches and etag in [m.strip() for m in matches.split(",")]) or (
        not matches and since is not None and since >= modified
    ):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return response


@public
def events_feed(request, slug, token):
    """The coalition's events as an iCalendar feed, as the token's person sees them (the
    same rule as the events pages); the signed token stands in for a login. An unchanged
    feed answers 304 from one aggregate query."""
    from django.db.models import Count, Max

    from juntos.charter.models import Coalition
    from juntos.governance import ical as base

    coalition = get_object_or_404(Coalition, slug=slug)
    person = base.feed_reader(coalition, token, "supporter")
    events = ical.feed_events(coalition, person.role)
    return base.feed_response(
        request,
        language=person.language,
        validator=events.aggregate(n=Count("pk"), last=Max("calendar_changed_at"), top=Max("pk")),
        moments=[coalition.updated_at, person.updated_at],
        parts=("events", person.role),
        render=lambda: ical.calendar(coalition, events, site_url=request.build_absolute_uri("/")),
    )


@public
def rsvp(request, token):
    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=60 * 60 * 24 * 180)
    except signing.BadSignature:
        raise Http404 from None
    guest = get_object_or_404(Guest.objects.select_related("event__coalition"), pk=data.get("g"))
    event = guest.event
    if request.method == "POST":
        form = forms.RsvpForm(request.POST)
        if form.is_valid():
            try:
                services.guest_rsvp(guest=guest, answer=form.cleaned_data["answer"])
            except EventError:
                raise Http404 from None
            return redirect(request.path + "?answered=1")
    else:
        form = forms.RsvpForm(initial={"answer": guest.rsvp if guest.rsvp != "pending" else None})
    return render(
        request,
        "events/rsvp.html",
        {
            "guest": guest,
            "event": event,
            "coalition": event.coalition,
            "form": form,
            "answered": request.GET.get("answered") == "1",
        },
    )


def _kiosk_or_404(token):
    found = services.kiosk_event(token)
    if found is None:
        raise Http404
    return found


def _kiosk_context(request, event, list_kind, token, form, action_form, thanks=False):
    return {
        "event": event,
        "coalition": event.coalition,
        "list_kind": list_kind,
        "is_press": list_kind == SignInList.PRESS,
        "token": token,
        "form": form,
        "action_form": action_form,
        "thanks": thanks,
        "signed": selectors.counts_for(event),
    }


@never_cache
@public
def kiosk(request, token):
    event, list_kind = _kiosk_or_404(token)
    form = forms.SignInForm(list_kind=list_kind, initial={"client_id": uuid.uuid4().hex})
    action_form = (
        forms.GuestActionForm(coalition=event.coalition, event=event)
        if list_kind == SignInList.GUEST
        else None
    )
    return render(
        request,
        "events/kiosk.html",
        _kiosk_context(
            request,
            event,
            list_kind,
            token,
            form,
            action_form,
            thanks=request.GET.get("thanks") == "1",
        ),
    )


@public
def kiosk_sign(request, token):
    """One signature from the kiosk. Answers JSON to the kiosk's script (which queues and
    retries through a network drop) and redirects a browser without script."""
    if request.method != "POST":
        return redirect("events_public:kiosk", token=token)
    event, list_kind = _kiosk_or_404(token)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = forms.SignInForm(request.POST, list_kind=list_kind)
    action_form = (
        forms.GuestActionForm(request.POST, coalition=event.coalition, event=event)
        if list_kind == SignInList.GUEST
        else None
    )
    valid = form.is_valid() & (action_form is None or action_form.is_valid())
    if valid:
        data = dict(form.cleaned_data)
        client_id = data.pop("client_id")
        actions = action_form.cleaned_data if action_form is not None else {}
        try:
            result = services.signin_record(
                event=event,
                list_kind=list_kind,
                client_id=client_id,
                data=data,
                postcard_office_name=actions.get("office_name") or "",
                postcard_targets=action_form.targets if action_form is not None else (),
                return_address=actions.get("return_address") or "",
                endorse=bool(actions.get("endorse")),
            )
        except EventError as error:
            form.add_error(None, error.message)
        else:
            if wants_json:
                return JsonResponse(
                    {
                        "ok": True,
                        "created": result.created,
                        "postcard_to": _postcard_to(action_form),
                    },
                    status=201 if result.created else 200,
                )
            return redirect(request.path.rsplit("sign/", 1)[0] + "?thanks=1")
    if wants_json:
        errors = {**form.errors.get_json_data()}
        if action_form is not None:
            errors.update(action_form.errors.get_json_data())
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    context = _kiosk_context(request, event, list_kind, token, form, action_form)
    return render(request, "events/kiosk.html", context, status=400)


@never_cache
@public
def signin_confirm(request, token):
    """The link mailed to a person matched by a sign-in: a button (a mail scanner's GET
    confirms nothing), then the sign-in counts for the person and its member."""
    signin = services.signin_from_credit_token(token)
    done = False
    if signin is not None and signin.credited_at:
        signin = None  # already used
    if signin is not None and request.method == "POST":
        done = services.signin_credit(signin=signin, actor=None, via="mailed link")
    return render(request, "events/signin_confirm.html", {"signin": signin, "done": done})


def representative_labels(found) -> list[str]:
    """ "Robert F. Onder, Jr. (U.S. Representative, MO-3)" for each chosen seat."""
    if found is None:
        return []
    return [f"{s.official.name} ({seat_label(s.official)})" for s in found.chosen if s.official]


def _postcard_to(action_form) -> list[str]:
    if action_form is None:
        return []
    return [f"{short_title(t.official)} {t.official.name}".strip() for t in action_form.targets]


@never_cache
@public
def kiosk_representative(request, token):
    """The kiosk's "Your representative is ..." for the ZIP being typed (a fragment). Nothing
    is stored; the kiosk link is the key, as for signing."""
    event, list_kind = _kiosk_or_404(token)
    if list_kind != SignInList.GUEST:
        raise Http404
    form = forms.GuestActionForm(
        {"zip_code": request.GET.get("zip_code", "")}, coalition=event.coalition, event=event
    )
    return render(request, "events/_kiosk_representative.html", {"action_form": form})
