from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.charter.models import Coalition
from juntos.core import ratelimit
from juntos.core.access import coalition_view, public
from juntos.core.forms import pick_text
from juntos.core.pagecache import cached_page
from juntos.members import selectors, services
from juntos.members.forms import (
    AnswerForm,
    ApplicationForm,
    MemberAddForm,
    NoteForm,
    PersonAddForm,
    QuestionForm,
    SectorsForm,
    TeamSeatForm,
)
from juntos.members.models import Application, Member, Person, Placement, TeamSeat
from juntos.members.rules import standing_visible

DIRECTORY_PAGE = 50  # members per page: a national network's state tables have hundreds


def _client_ip(request) -> str:
    return ratelimit.client_ip(request)


@public
def apply(request, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    version = coalition.charter_in_force()
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, coalition=coalition)
        rate_key = f"apply:{coalition.pk}:{_client_ip(request)}"
        from django.conf import settings

        if ratelimit.count(rate_key) >= settings.JUNTOS_APPLY_PER_HOUR:
            form.is_valid()
            form.add_error(
                None, _("Too many applications from this connection. Please try again in an hour.")
            )
        elif form.is_valid():
            services.application_submit(
                coalition=coalition,
                data=form.application_data(),
                logo=form.cleaned_data.get("logo"),
                language=get_language() or "en",
            )
            ratelimit.hit(rate_key, window=60 * 60)
            return redirect("members:apply_thanks", slug=coalition.slug)
        form.restart_clock()
    else:
        form = ApplicationForm(coalition=coalition)
    return render(
        request, "members/apply.html", {"coalition": coalition, "form": form, "version": version}
    )


@public
def apply_thanks(request, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    return render(request, "members/apply_thanks.html", {"coalition": coalition})


@public
def application_answer(request, slug, token):
    application = services.application_from_answer_token(token)
    if application is None or application.coalition.slug != slug:
        return render(request, "members/link_invalid.html", status=400)
    questions = application.notes.filter(kind="question")
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            services.application_answer(application=application, answer=form.cleaned_data["answer"])
            messages.success(request, _("Thank you. The hosts have your answer."))
            return redirect("members:application_answer", slug=slug, token=token)
    else:
        form = AnswerForm()
    return render(
        request,
        "members/application_answer.html",
        {
            "application": application,
            "coalition": application.coalition,
            "questions": questions,
            "form": form,
        },
    )


@coalition_view("host")
def application_queue(request):
    status = request.GET.get("status", "open")
    applications = Application.objects.filter(coalition=request.coalition)
    if status == "open":
        applications = applications.filter(status__in=Application.OPEN_STATUSES)
    elif status in Application.Status.values:
        applications = applications.filter(status=status)
    return render(
        request,
        "members/application_queue.html",
        {
            "applications": applications.order_by("created_at"),
            "status": status,
            "statuses": Application.Status.choices,
        },
    )


@coalition_view("host")
def application_detail(request, pk):
    application = get_object_or_404(Application, coalition=request.coalition, pk=pk)
    labels = dict(Placement.choices)
    forms = {
        "question_form": QuestionForm(),
        "note_form": NoteForm(),
        "sectors_form": SectorsForm(initial={"sectors": application.sectors}),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "ask":
            form = forms["question_form"] = QuestionForm(request.POST)
            if form.is_valid():
                services.application_ask(
                    application=application,
                    actor=request.user,
                    question=form.cleaned_data["question"],
                )
                messages.success(request, _("Your question was emailed to the applicant."))
                return redirect(request.path)
        elif action == "note":
            form = forms["note_form"] = NoteForm(request.POST)
            if form.is_valid():
                services.application_note(
                    application=application, actor=request.user, body=form.cleaned_data["body"]
                )
                return redirect(request.path)
        elif action == "sectors":
            form = forms["sectors_form"] = SectorsForm(request.POST)
            if form.is_valid():
                services.application_sectors_set(
                    application=application,
                    actor=request.user,
                    sectors=form.cleaned_data["sectors"],
                )
                messages.success(request, _("Sectors saved."))
                return redirect(request.path)
        elif action in ("ready", "declined", "withdrawn", "questions"):
            try:
                services.application_set_status(
                    application=application, actor=request.user, status=action
                )
            except services.TransitionError:
                messages.error(request, _("This application cannot move to that step now."))
            else:
                messages.success(request, _("Application updated."))
                if action == "ready":
                    _admission_on_agenda(request, application)
            return redirect(request.path)
        else:
            messages.error(request, _("Unknown action."))
    return render(
        request,
        "members/application_detail.html",
        {
            "application": application,
            "notes": application.notes.all(),
            "participation_labels": [labels.get(p, p) for p in application.participation],
            **forms,
        },
    )


@coalition_view("host")
def application_logo(request, pk):
    application = get_object_or_404(Application, coalition=request.coalition, pk=pk)
    if not application.logo:
        raise Http404
    return FileResponse(application.logo.open("rb"))


@coalition_view("representative")
@cached_page
def directory(request):
    rules = request.coalition.charter_in_force().parsed_rules
    show_removed = request.GET.get("removed") == "1" and request.role == "host"
    q = request.GET.get("q", "").strip()[:100]
    members = selectors.directory_members(request.coalition, include_removed=show_removed, q=q)
    page = Paginator(members, DIRECTORY_PAGE).get_page(request.GET.get("page"))
    rows = selectors.directory(
        request.coalition, viewer=request.person, rules=rules, members=page.object_list
    )
    query = urlencode({k: v for k, v in (("q", q), ("removed", "1" if show_removed else "")) if v})
    return render(
        request,
        "members/directory.html",
        {
            "rows": rows,
            "labels": selectors.directory_labels(),
            "show_removed": show_removed,
            "q": q,
            "page": page,
            "query": query,
        },
    )


@coalition_view("representative")
@cached_page
def member_detail(request, pk):
    try:
        member = selectors.member_detail(request.coalition, pk)
    except Member.DoesNotExist:
        raise Http404 from None
    rules = request.coalition.charter_in_force().parsed_rules
    people = list(member.people.all())
    contacts = selectors.contacts_for(people, viewer=request.person)
    may_see_standing = standing_visible(
        viewer_role=request.role, viewer_member_id=request.person.member_id, member_id=member.pk
    )
    from juntos.audit.models import AuditEntry

    history = AuditEntry.objects.filter(
        coalition=request.coalition, target_type="members.member", target_id=str(member.pk)
    )[:50]
    context = {
        "member": member,
        "contacts": contacts,
        "teams": sorted({s.team for s in member.seats.all()}, key=lambda t: t.name),
        "standing": selectors.standing_for(member, rules) if may_see_standing else None,
        "history": history,
    }
    if member.zip_code:  # the member's own public ZIP: who represents it
        from juntos.districts.selectors import lookup

        context["officials"] = lookup(request.coalition, member.zip_code)
    if request.role == "host":
        context["person_form"] = PersonAddForm()
        context["seat_form"] = TeamSeatForm(coalition=request.coalition)
    return render(request, "members/member_detail.html", context)


@coalition_view("representative")
def member_logo(request, pk):
    member = get_object_or_404(Member, coalition=request.coalition, pk=pk)
    if not member.logo:
        raise Http404
    return FileResponse(member.logo.open("rb"))


@coalition_view("host")
def member_add(request):
    if request.method == "POST":
        form = MemberAddForm(request.POST)
        if form.is_valid():
            member = services.member_add(
                coalition=request.coalition,
                actor=request.user,
                data=form.member_data(),
                representative=form.representative_data(),
            )
            messages.success(request, _("%(name)s was added.") % {"name": member.name})
            return redirect("members:detail", slug=request.coalition.slug, pk=member.pk)
    else:
        form = MemberAddForm()
    return render(request, "members/member_add.html", {"form": form})


@require_POST
@coalition_view("host")
def person_add(request, pk):
    member = get_object_or_404(Member, coalition=request.coalition, pk=pk)
    form = PersonAddForm(request.POST)
    if form.is_valid():
        services.person_add(
            coalition=request.coalition,
            actor=request.user,
            member=member,
            role="representative",
            **form.cleaned_data,
        )
        messages.success(request, _("Person added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("members:detail", slug=request.coalition.slug, pk=member.pk)


@require_POST
@coalition_view("host")
def primary_contact(request, pk):
    person = get_object_or_404(Person, coalition=request.coalition, pk=pk, member__isnull=False)
    services.primary_contact_set(person=person, actor=request.user)
    messages.success(request, _("%(name)s is now the primary contact.") % {"name": person})
    return redirect("members:detail", slug=request.coalition.slug, pk=person.member_id)


@require_POST
@coalition_view("host")
def team_join(request, pk):
    member = get_object_or_404(Member, coalition=request.coalition, pk=pk)
    form = TeamSeatForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        services.team_seat_add(team=form.cleaned_data["team"], actor=request.user, member=member)
        messages.success(request, _("Added to the team."))
    else:
        messages.error(request, _("Choose a team."))
    return redirect("members:detail", slug=request.coalition.slug, pk=member.pk)


@require_POST
@coalition_view("host")
def team_leave(request, pk, seat_pk):
    seat = get_object_or_404(TeamSeat, team__coalition=request.coalition, pk=seat_pk, member_id=pk)
    services.team_seat_remove(seat=seat, actor=request.user)
    messages.success(request, _("Removed from the team."))
    return redirect("members:detail", slug=request.coalition.slug, pk=pk)


def _departure_outcome(request) -> str:
    from juntos.members.departures import OUTCOMES, SUPPORTER

    outcome = request.POST.get("outcome", SUPPORTER)
    return outcome if outcome in OUTCOMES else SUPPORTER


@require_POST
@coalition_view("host")
def person_leave(request, pk):
    """A host takes a person off their member: they become a supporter or leave."""
    from juntos.members.departures import person_leave_member

    person = get_object_or_404(Person, coalition=request.coalition, pk=pk, member__isnull=False)
    member_pk = person.member_id
    person_leave_member(person=person, actor=request.user, outcome=_departure_outcome(request))
    messages.success(
        request,
        _("%(name)s no longer speaks for this member; their access through it has ended.")
        % {"name": person.full_name},
    )
    return redirect("members:detail", slug=request.coalition.slug, pk=member_pk)


@require_POST
@coalition_view("host")
def member_people_leave(request, pk):
    """The removal's follow-up: a removed member's people leave the coalition entirely."""
    from juntos.members.departures import LEAVE, member_access_end

    member = get_object_or_404(
        Member, coalition=request.coalition, pk=pk, status=Member.Status.REMOVED
    )
    count = member_access_end(member=member, actor=request.user, outcome=LEAVE)
    messages.success(
        request,
        ngettext(
            "%(n)s person of this member no longer has a role in the coalition.",
            "%(n)s people of this member no longer have a role in the coalition.",
            count,
        )
        % {"n": count},
    )
    return redirect("members:detail", slug=request.coalition.slug, pk=member.pk)


def _admission_on_agenda(request, application) -> None:
    """Ready for a vote: on the next regular meeting's agenda (governance decides where)."""
    from juntos.governance.services import admission_put_on_agenda

    item = admission_put_on_agenda(application=application, actor=request.user)
    if item is not None:
        messages.info(
            request,
            _("On the agenda of the meeting of %(date)s.")
            % {"date": formats.date_format(item.meeting.local_date, "DATE_FORMAT")},
        )


@coalition_view("representative")
def member_pick(request):
    """Suggestions for an organization picker (an event's hosts), as <option>s (htmx)."""
    rows = selectors.members_matching(request, pick_text(request))
    return render(request, "web/_pick_options.html", {"rows": rows})


@coalition_view("representative")
def person_pick(request):
    """Suggestions for a person picker, as <option>s for its <datalist> (htmx): only people
    the viewer may see (selectors.people_matching)."""
    among = request.GET.get("among", "")
    if among not in selectors.PICK_AMONG:
        among = ""
    rows = selectors.people_matching(request, pick_text(request, ignore=("among",)), among)
    return render(request, "web/_pick_options.html", {"rows": rows})
