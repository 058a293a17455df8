"""The meeting followed live: the motion card's fragment, the projector view and its
fragment, and the host's controls of the agenda's order and the row in progress.

The polled parts are small fragment views of their own, so they stay cheap to render."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.governance import selectors, services, words
from juntos.governance.models import AgendaItem, Ballot, Motion
from juntos.governance.selectors import NAMES_SHOWN
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import refused, to_meeting
from juntos.live.versions import display_picture, live_fragment


def _motion_for(request, pk, motion_pk) -> Motion:
    meeting = selectors.get_meeting_for(request, pk)
    return get_object_or_404(
        Motion.objects.select_related("meeting__coalition"), meeting=meeting, pk=motion_pk
    )


@coalition_view("representative")
@live_fragment("motion", every=3, parts=("attendance", "votes", "motions"))
def motion_live(request, pk, motion_pk):
    """The motion card's live part: counts and who has not voted; the result once closed."""
    motion = _motion_for(request, pk, motion_pk)
    picture = display_picture(request, motion.meeting)
    if request.GET.get("card") and not motion.is_open:
        # Closed: the whole vote card (with its buttons) gives way to the result.
        context = live_context(motion, picture)
        response = render(request, "governance/_motion_result_card.html", context)
        response.content += _ballots_out_of_band(request, context)
        response["HX-Retarget"] = f"#vote-card-{motion.pk}"
        response["HX-Reswap"] = "outerHTML"
        return response
    context = {**live_context(motion, picture), "card": bool(request.GET.get("card"))}
    response = render(request, "governance/_motion_live.html", context)
    if context["card"]:
        response.content += _ballots_out_of_band(request, context)
    return response


def _ballots_out_of_band(request, context) -> bytes:
    """The motion page's "Ballots" list, swapped in beside the card it came with (htmx's
    out-of-band swap), so the names and the count of those still to vote follow the card."""
    context = {**context, **ballots_context(context["motion"], context["live"]), "oob": True}
    return render_to_string("governance/_motion_ballots.html", context, request).encode()


def ballots_context(motion, live) -> dict:
    """The first ballots by name (at most NAMES_SHOWN) and how many more were cast."""
    if motion.is_open:
        cast = live.cast
    else:
        tally = motion.tally or {}
        cast = sum(tally.get(k) or 0 for k in ("yes", "no", "abstain"))
    rows = motion.ballots.order_by("member__name", "pk").values_list("member__name", "choice")
    labels = dict(Ballot.Choice.choices)
    first = [(name, labels.get(choice, choice)) for name, choice in rows[:NAMES_SHOWN]]
    return {"first_ballots": first, "more_ballots": max(0, cast - len(first)) if first else 0}


def live_context(motion, picture) -> dict:
    if motion is None:
        return {"motion": None}
    live = selectors.live_tally(motion, picture)
    return {
        "meeting": motion.meeting,
        "motion": motion,
        "picture": picture,
        "live": live,
        "live_line": words.live_line(live),
        "needed_line": words.needed_line(live),
        "result": None if motion.is_open else words.motion_result(motion),
        # After a delegate's ballot their card asks once more, when no worker's shared copy
        # can be older than the ballot (JUNTOS_LIVE_FRESH_MS), so it shows their vote counted.
        "after_ballot_ms": round(settings.JUNTOS_LIVE_FRESH_SECONDS * 1000) + 100,
    }


def _projector_context(request, meeting):
    picture = display_picture(request, meeting)
    motion = (
        meeting.motions.filter(status=Motion.Status.OPEN).order_by("-created_at").first()
        or meeting.motions.filter(status=Motion.Status.CLOSED).order_by("-closed_at").first()
    )
    current = None
    if meeting.current_item_id:
        visible = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
        current = next((i for i in visible if i.pk == meeting.current_item_id), None)
    return {
        **live_context(motion, picture),
        "meeting": meeting,
        "picture": picture,
        "current": current,
        "present_pct": round(100 * picture.quorum.result.present / picture.quorum.result.total, 1)
        if picture.quorum.result.total
        else 0,
        "needed_pct": round(100 * picture.quorum.result.needed / picture.quorum.result.total, 1)
        if picture.quorum.result.total
        else 0,
    }


@coalition_view("representative")
def projector(request, pk):
    """A full-screen page for the room's screen, in the meeting's language."""
    meeting = selectors.get_meeting_for(request, pk)
    with translation.override(meeting.language):
        response = render(
            request, "governance/projector.html", _projector_context(request, meeting)
        )
    response["Content-Language"] = meeting.language
    return response


@coalition_view("representative")
@live_fragment("projector", every=3, per_person=True, meeting_language=True)
def projector_live(request, pk):
    """The projector's polled part: live_fragment renders it in the meeting's language."""
    meeting = selectors.get_meeting_for(request, pk)
    response = render(
        request, "governance/_projector_live.html", _projector_context(request, meeting)
    )
    response["Content-Language"] = meeting.language
    return response


@require_POST
@coalition_view("core_team")
def agenda_item_move(request, pk, item_pk):
    meeting = selectors.get_meeting_for(request, pk)
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)
    try:
        services.agenda_item_move(
            item=item, actor=request.user, direction=request.POST.get("direction", "")
        )
    except GovernanceError as error:
        refused(request, error)
    if request.htmx:
        items = meeting.items.prefetch_related("named_members")
        return render(
            request,
            "governance/_agenda_table.html",
            {"meeting": meeting, "items": items, "edit": True},
        )
    return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)


@require_POST
@coalition_view("host")
def agenda_current(request, pk):
    """The host marks the agenda row in progress (or none)."""
    meeting = selectors.get_meeting_for(request, pk)
    raw = request.POST.get("item") or ""
    item = None
    if raw:
        item = AgendaItem.objects.filter(meeting=meeting, pk=raw if raw.isdigit() else 0).first()
        if item is None:
            messages.error(request, _("Choose a row of this agenda."))
            return to_meeting(request, meeting)
    services.meeting_current_item(meeting=meeting, actor=request.user, item=item)
    return to_meeting(request, meeting)
