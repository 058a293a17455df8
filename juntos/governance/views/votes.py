"""Absence notices, check-in, closing attendance, motions and ballots."""

import pickle
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.charter import rules as charter_rules
from juntos.core.access import coalition_view
from juntos.core.pagecache import has_messages
from juntos.governance import forms, phrases, rules, selectors, services
from juntos.governance.models import Ballot, Motion
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import (
    form_errors,
    refused,
    to_meeting,
)
from juntos.governance.views.live import ballots_context, live_context
from juntos.governance.views.mywork import back_to_my_work
from juntos.live import frames
from juntos.live.versions import current, display_picture, kept, shared_part
from juntos.members.models import Member, Person

ROLL_CALL_PER_PAGE = 50
SHARED_TEMPLATES = {
    "quorum": "governance/_quorum.html",
    "tail": "governance/_motion_tail.html",
    "result": "governance/_motion_closed.html",
    "ballots": "governance/_motion_ballots.html",
}

# --- Attendance ----------------------------------------------------------------------------


@require_POST
@coalition_view("representative")
def absence_notify(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.AbsenceForm(request.POST)
    if request.person.member is None:
        messages.error(request, _("Only a member's representative can notify an absence."))
    elif not form.is_valid():
        form_errors(request, form)
    else:
        try:
            services.absence_notify(
                meeting=meeting,
                member=request.person.member,
                person=request.person,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The hosts know your organization will be absent."))
        except GovernanceError as error:
            refused(request, error)
    return back_to_my_work(request) or to_meeting(request, meeting)


@require_POST
@coalition_view("representative")
def absence_withdraw(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if request.person.member is None:
        messages.error(request, _("Only a member's representative can notify an absence."))
    else:
        try:
            if services.absence_withdraw(
                meeting=meeting, member=request.person.member, actor=request.user
            ):
                messages.success(request, _("Your notice of absence is withdrawn."))
        except GovernanceError as error:
            refused(request, error)
    return back_to_my_work(request) or to_meeting(request, meeting)


@coalition_view("representative")
def check_in(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    is_host = request.role == "host"
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "self":
                member = services.member_spoken_for(request.person)
                if member is None:
                    raise GovernanceError(_("Only a member's representative can check in."))
                services.attendance_check_in(
                    meeting=meeting,
                    member=member,
                    person=request.person,
                    actor=request.user,
                    self_check_in=True,
                )
                messages.success(request, _("You are checked in."))
            elif action in ("mark", "unmark") and is_host:
                form = forms.CheckInForm(request.POST, coalition=request.coalition)
                if not form.is_valid():
                    form_errors(request, form)
                elif action == "mark":
                    services.attendance_check_in(
                        meeting=meeting,
                        member=form.cleaned_data["member"],
                        person=form.cleaned_data["person"],
                        actor=request.user,
                    )
                else:
                    services.attendance_remove(
                        meeting=meeting, member=form.cleaned_data["member"], actor=request.user
                    )
            else:
                messages.error(request, _("Unknown action."))
        except GovernanceError as error:
            refused(request, error)
        back = back_to_my_work(request) if action == "self" else None
        return back or redirect("governance:check_in", slug=request.coalition.slug, pk=meeting.pk)
    picture = selectors.voting_picture(meeting)
    my_member = services.member_spoken_for(request.person)
    window = settings.JUNTOS_MEETING_DAY_WINDOW
    day = rules.meeting_day_allowed(
        meeting_on=meeting.local_date, today=timezone.localdate(), window_days=window
    )
    opens_on = meeting.local_date - timedelta(days=max(0, window))
    rows = []
    if is_host:
        people = {}
        for p in Person.objects.filter(coalition=request.coalition, member__isnull=False):
            people.setdefault(p.member_id, []).append(p)
        rows = [
            {
                "member": m,
                "people": people.get(m.pk, []),
                "attendance": picture.present.get(m.pk),
                "notice": picture.notified.get(m.pk),
                "eligibility": picture.eligibility[m.pk],
            }
            for m in picture.members.values()
            if m.status == Member.Status.ACTIVE
        ]
    return render(
        request,
        "governance/check_in.html",
        {
            "meeting": meeting,
            "picture": picture,
            "rows": rows,
            "is_host": is_host,
            "my_member": my_member,
            "mine": picture.present.get(getattr(my_member, "pk", None)),
            "check_in_open": bool(day),
            "check_in_not_yet": not day and timezone.localdate() < opens_on,
            "opens_on": opens_on,
            "day_rule": day.rule,
        },
    )


@coalition_view("host")
def attendance_close(request, pk):
    """GET: what closing will count; POST: close it."""
    meeting = selectors.get_meeting_for(request, pk)
    if request.method != "POST":
        return render(
            request,
            "governance/attendance_close.html",
            {
                "meeting": meeting,
                "preview": selectors.attendance_close_preview(meeting),
                "allowed": rules.attendance_close_allowed(
                    starts_at=meeting.starts_at, now=timezone.now()
                ),
            },
        )
    try:
        reviews = services.attendance_close(meeting=meeting, actor=request.user)
    except GovernanceError as error:
        refused(request, error)
    else:
        messages.success(request, _("Attendance closed."))
        for review in reviews:
            messages.warning(
                request,
                _(
                    "%(member)s reached the count of absences without notice: a removal review "
                    "is on the next meeting's agenda."
                )
                % {"member": review.member},
            )
    return to_meeting(request, meeting)


# --- Motions and ballots -------------------------------------------------------------------


@require_POST
@coalition_view("host")
def motion_open(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.MotionForm(request.POST, coalition=request.coalition)
    if not form.is_valid():
        form_errors(request, form)
        return to_meeting(request, meeting)
    data = form.cleaned_data
    try:
        motion = services.motion_open(
            meeting=meeting,
            actor=request.user,
            kind=data["kind"],
            text=data["text"],
            subject_member=data["subject_member"],
            subject_application=data["subject_application"],
            subject_priority=data["subject_priority"],
            amendment=form.amendment(),
        )
    except GovernanceError as error:
        refused(request, error)
        return to_meeting(request, meeting)
    messages.success(request, _("Motion open for votes."))
    return redirect(
        "governance:motion", slug=request.coalition.slug, pk=meeting.pk, motion_pk=motion.pk
    )


def _motion_for(request, pk, motion_pk, *, counters: bool = False) -> Motion:
    """The motion of a meeting this viewer may see (404 otherwise), with its meeting, in one
    query; with `counters` the meeting's live counters too (motion.live_version)."""
    if counters:
        return _motion_with_counters(request, pk, motion_pk)
    motion = Motion.objects.select_related("meeting").filter(meeting_id=pk, pk=motion_pk).first()
    if motion is None or not selectors.meeting_visible(motion.meeting, request):
        raise Http404
    motion.meeting.coalition = request.coalition  # the request's own row (charter read)
    return motion


# The motion page's motion with its meeting, per worker, read again when the motions counter
# moves (a motion opened, closed or changed, and changes to its meeting, move it; a ballot
# moves only the votes counter): while a room opens the page at once, one small read of the
# counters, through the meeting's visibility rule, is all each page load asks the database.
_motions: dict = {}
COUNTERS = ("attendance", "votes", "motions")


def _motion_with_counters(request, pk, motion_pk) -> Motion:
    version = current(request, pk, COUNTERS)
    if version is None:
        raise Http404

    def load():
        found = Motion.objects.select_related("meeting").filter(meeting_id=pk, pk=motion_pk)
        return pickle.dumps(found.first(), pickle.HIGHEST_PROTOCOL)

    data = kept(_motions, (pk, motion_pk), version[2], load, 0)
    motion = pickle.loads(data)  # noqa: S301 (this worker's own): each page its own copy
    if motion is None:
        raise Http404
    motion.meeting.coalition = request.coalition  # the request's own row (charter read)
    motion.live_version = dict(zip(COUNTERS, version, strict=True))
    return motion


def _shared_parts(request, motion, picture) -> dict:
    """The parts of the motion page every reader sees alike (the quorum panel, the live card,
    the result, the first ballots), rendered once per worker and language while the
    meeting's attendance and votes counters stand (or for JUNTOS_LIVE_FRESH_MS while votes
    pour in), whatever the number of voters: counts and at most a dozen names each."""

    def render_parts() -> dict:
        threshold = picture.rules.threshold(motion.kind)
        context = {
            **live_context(motion, picture),
            "picture": picture,
            "threshold": threshold,
            "threshold_label": charter_rules.vote_rule_label(threshold),
        }
        if motion.is_open:
            context["card"] = True
        context.update(ballots_context(motion, context["live"]))
        parts = ["quorum", "tail"] if motion.is_open else ["result"]
        return {
            part: render_to_string(SHARED_TEMPLATES[part], context, request)
            for part in [*parts, "ballots"]
        }

    version = tuple(motion.live_version.values())
    key = ("motion-page", motion.pk, motion.status, get_language())
    return shared_part(key, version, render_parts)


def _my_ballot(request, motion, picture) -> tuple:
    """The ballot this person's organization cast (or None) and whether it may vote now."""
    my_member = services.member_spoken_for(request.person)
    if my_member is None:
        return None, None
    mine = selectors.ballot_of(motion, my_member.pk)
    if not motion.is_open:
        return mine, None
    return mine, picture.ballot_allowed(my_member.pk, motion)


@coalition_view("representative")
def motion_detail(request, pk, motion_pk):
    motion = _motion_for(request, pk, motion_pk, counters=True)
    request.live_version = motion.live_version  # display_picture reads no counter again
    picture = display_picture(request, motion.meeting)  # the ballot checks its own, locked
    mine, allowed = _my_ballot(request, motion, picture)
    threshold = picture.rules.threshold(motion.kind)
    is_host = request.role == "host"
    context = {
        "meeting": motion.meeting,
        "motion": motion,
        "picture": picture,
        "mine": mine,
        "allowed": allowed,
        "threshold": threshold,
        "blocked_by_quorum": threshold.requires_quorum and not picture.quorum.met,
        "is_host": is_host,
    }
    shared = _shared_parts(request, motion, picture)
    if not is_host and not request.GET and not request.htmx and not has_messages(request):
        return _motion_page_kept(request, motion, context, shared)
    new_member, placements = selectors.admission_placements(motion) if is_host else (None, [])
    ballot_form = None
    if is_host and motion.is_open:
        ballot_form = forms.BallotForm(
            coalition=request.coalition, meeting=motion.meeting, auto_id="ballot-%s"
        )
    context.update(
        shared=shared, ballot_form=ballot_form, new_member=new_member, placements=placements
    )
    return render(request, "governance/motion_detail.html", context)


def _motion_page_kept(request, motion, context, shared) -> HttpResponse:
    """A delegate's motion page from the frame this worker keeps for readers in the same
    position (juntos/live/frames.py): when a vote opens, the whole room opens this page at
    once. Hosts (who see the call-out form and the placements) get it rendered."""
    mine, allowed = context["mine"], context["allowed"]
    version = motion.live_version
    key = (
        "motion-page",
        request.coalition.slug,
        motion.pk,
        motion.status,
        version["attendance"],  # the quorum's rule and the reader's standing
        version["motions"],  # the motion and its meeting
        get_language(),
        request.role,
        request.user.is_superuser,
        getattr(request, "locked_down", False),
        mine.choice if mine else None,
        (allowed.allowed, allowed.reason, allowed.rule) if allowed else None,
        context["blocked_by_quorum"],
    )

    def render_frame() -> str:
        slots = {part: frames.slot(part) for part in shared}
        frame = {**context, **frames.frame_context(request), "shared": slots}
        return render_to_string("governance/motion_detail.html", frame, request)

    seconds = settings.JUNTOS_LIVE_PICTURE_SECONDS
    return HttpResponse(frames.served(request, key, render_frame, seconds, shared))


@coalition_view("representative")
def motion_roll_call(request, pk, motion_pk):
    """Every ballot of a motion by member name, 50 a page: the record for the minutes. While
    the vote is open, `?show=waiting` lists the members present who have not voted yet."""
    motion = _motion_for(request, pk, motion_pk)
    waiting = motion.is_open and request.GET.get("show") == "waiting"
    if waiting:
        picture = display_picture(request, motion.meeting)
        voted = set(motion.ballots.values_list("member_id", flat=True))
        eligible = rules.eligible_voters(
            voting_ids=picture.voting_ids,
            present_ids=picture.present,
            kind=motion.kind,
            subject_member_id=motion.subject_member_id,
        )
        rows = sorted(picture.members[i].name for i in eligible - voted)
    else:
        labels = dict(Ballot.Choice.choices)
        rows = motion.ballots.order_by("member__name", "pk").values_list("member__name", "choice")
    page = Paginator(rows, ROLL_CALL_PER_PAGE).get_page(request.GET.get("page"))
    if not waiting:
        page.object_list = [(name, labels.get(c, c)) for name, c in page.object_list]
    return render(
        request,
        "governance/roll_call.html",
        {
            "meeting": motion.meeting,
            "motion": motion,
            "page": page,
            "waiting": waiting,
            "query": "show=waiting" if waiting else "",
        },
    )


@require_POST
@coalition_view("representative")
def ballot_cast(request, pk, motion_pk):
    # The worker's copy of the motion, as the page has it: the ballot reads its status again
    # under the motion's lock.
    motion = _motion_for(request, pk, motion_pk, counters=True)
    form = forms.BallotForm(request.POST, coalition=request.coalition)
    recorded = None
    if not form.is_valid():
        form_errors(request, form)
    else:
        member = services.member_spoken_for(request.person)
        person = request.person
        if request.role == "host" and form.cleaned_data["member"] is not None:
            member = form.cleaned_data["member"]  # a host records a ballot called out in the room
            person = None
        if member is None:
            messages.error(request, _("Only a member's representative can vote."))
        else:
            try:
                recorded = services.ballot_cast(
                    motion=motion,
                    member=member,
                    choice=form.cleaned_data["choice"],
                    actor=request.user,
                    person=person,
                )
                messages.success(request, _("Ballot recorded for %(member)s.") % {"member": member})
            except GovernanceError as error:
                refused(request, error)
    if request.htmx and "member" not in request.POST:
        # The delegate's own buttons (_my_ballot.html): only their part of the card comes
        # back, and the live card is told to ask again (_motion_live.html).
        if recorded is not None:  # allowed a moment ago, under the motion's lock
            mine, allowed = recorded, rules.BallotEligibility(allowed=True, reason="", rule="")
        else:
            motion.refresh_from_db(fields=["status"])
            mine, allowed = _my_ballot(request, motion, display_picture(request, motion.meeting))
        context = {"meeting": motion.meeting, "motion": motion, "mine": mine, "allowed": allowed}
        response = render(request, "governance/_my_ballot.html", context)
        if recorded is not None:
            response["HX-Trigger"] = "ballot-recorded"  # the live card asks once more
        return response
    return redirect("governance:motion", slug=request.coalition.slug, pk=pk, motion_pk=motion.pk)


@require_POST
@coalition_view("host")
def motion_close(request, pk, motion_pk):
    motion = _motion_for(request, pk, motion_pk)
    try:
        closed = services.motion_close(motion=motion, actor=request.user)
    except GovernanceError as error:
        refused(request, error)
    else:
        messages.success(request, phrases.motion_outcome(closed))
    return redirect("governance:motion", slug=request.coalition.slug, pk=pk, motion_pk=motion.pk)
