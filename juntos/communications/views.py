from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.communications import rules, services
from juntos.communications.forms import (
    DeadlineForm,
    DocumentForm,
    NoticeForm,
    StatementForm,
    UpdateForm,
)
from juntos.communications.models import (
    Document,
    Notice,
    SignOnAnswer,
    Statement,
    Update,
)
from juntos.communications.selectors import statements_visible_to
from juntos.consent.services import logo_consent_map, names_shown
from juntos.core.access import coalition_view, public, role_at_least
from juntos.core.pagecache import cached_page
from juntos.core.translatable import all_versions, language_name
from juntos.members.models import Member

NOTICES_PER_PAGE = 25

# --- Notices ---------------------------------------------------------------------------


def _visible_notices(request):
    notices = Notice.objects.filter(coalition=request.coalition)
    if request.role != "host":
        notices = notices.filter(deliveries__person=request.person).distinct()
    return notices


@coalition_view("supporter")
@cached_page
def notice_archive(request):
    """Newest first, a page at a time: a network sends hundreds of notices a year."""
    notices = _visible_notices(request).exclude(status=Notice.Status.DRAFT)
    drafts = []
    if request.role == "host":
        drafts = Notice.objects.filter(coalition=request.coalition, status=Notice.Status.DRAFT)
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "communications/notice_archive.html",
        {"notices": page.object_list, "page": page, "drafts": drafts},
    )


@coalition_view("host")
def notice_new(request):
    form = NoticeForm(
        request.POST if request.method == "POST" else None, coalition=request.coalition
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        notice = services.notice_create(
            coalition=request.coalition,
            actor=request.user,
            audience=c["audience"],
            team=c["team"],
            chosen=c["chosen"] or [],
            versions=form.versions,
            scheduled_for=c["scheduled_for"],
        )
        return redirect("communications:notice", slug=request.coalition.slug, pk=notice.pk)
    return render(request, "communications/notice_new.html", {"form": form})


def _progress(notice):
    counts = dict(notice.deliveries.values_list("status").annotate(n=Count("pk")))
    total = sum(counts.values())
    sent = counts.get("sent", 0)
    pending = sum(counts.get(s, 0) for s in ("queued", "claimed", "sending"))
    return {
        "total": total,
        "sent": sent,
        "failed": counts.get("failed", 0),
        "pending": pending,
        "digest": counts.get("digest", 0),
        "percent": round(100 * sent / total) if total else 0,
    }


@coalition_view("supporter")
def notice_detail(request, pk):
    notice = get_object_or_404(_visible_notices(request), pk=pk)
    language = get_language() or "en"
    subject, body = notice.version_for(language)
    available = notice.languages()
    context = {
        "notice": notice,
        "subject": subject,
        "body": body,
        # Shown in another language: which one, for the "not yet translated" mark.
        "shown_language": "" if language in available or not available else available[0],
    }
    if request.role == "host":
        context["progress"] = _progress(notice)
        context["versions"] = [
            (language_name(code), code, *notice.version_for(code)) for code in available
        ]
        context["recipients"] = (
            list(services.audience_people(notice).distinct()[:200])
            if notice.status == Notice.Status.DRAFT
            else None
        )
        context["deliveries"] = notice.deliveries.select_related("person").order_by(
            "status", "person__full_name"
        )[:500]
    return render(request, "communications/notice_detail.html", context)


@coalition_view("host")
def notice_progress(request, pk):
    notice = get_object_or_404(Notice, coalition=request.coalition, pk=pk)
    return render(
        request, "communications/_progress.html", {"notice": notice, "progress": _progress(notice)}
    )


@require_POST
@coalition_view("host")
def notice_send(request, pk):
    notice = get_object_or_404(Notice, coalition=request.coalition, pk=pk)
    notice = services.notice_send(notice=notice, actor=request.user, when=notice.scheduled_for)
    if notice.status == Notice.Status.SCHEDULED:
        messages.success(request, _("Scheduled."))
    else:
        messages.success(request, _("Sending. You can follow the progress here."))
    return redirect("communications:notice", slug=request.coalition.slug, pk=notice.pk)


@public
def unsubscribe(request, token):
    person = services.person_from_unsubscribe_token(token)
    if person is None:
        return render(request, "members/link_invalid.html", status=400)
    done = False
    if request.method == "POST":
        done = services.supporter_unsubscribe(person=person)
    return render(
        request,
        "communications/unsubscribe.html",
        {
            "person": person,
            "coalition": person.coalition,
            "done": done,
            "allowed": person.role == "supporter",
        },
    )


# --- Updates ---------------------------------------------------------------------------


@coalition_view("supporter")
def updates(request):
    feed = Update.objects.filter(coalition=request.coalition).select_related("author")
    if request.role == "supporter":
        feed = feed.filter(public=True)
    form = None
    if request.role == "host":
        form = UpdateForm(
            request.POST if request.method == "POST" else None, coalition=request.coalition
        )
        if request.method == "POST" and form.is_valid():
            services.update_post(
                coalition=request.coalition, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Posted."))
            return redirect("communications:updates", slug=request.coalition.slug)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "communications/updates.html", {"feed": feed[:100], "form": form})


# --- Statements ------------------------------------------------------------------------


def _may_manage(request, statement) -> bool:
    if request.role == "host":
        return True
    return bool(statement.owner_member_id) and statement.owner_member_id == (
        request.person.member_id
    )


@coalition_view("representative")
def statements(request):
    items = statements_visible_to(request).select_related("owner_member")
    form = StatementForm(
        request.POST if request.method == "POST" else None, coalition=request.coalition
    )
    if request.method == "POST" and form.is_valid():
        owner = None if request.role == "host" else request.person.member
        if owner is None and request.role != "host":
            raise PermissionDenied
        statement = services.statement_create(
            coalition=request.coalition, actor=request.user, owner_member=owner, **form.cleaned_data
        )
        return redirect("communications:statement", slug=request.coalition.slug, pk=statement.pk)
    mine = {
        a.statement_id: a
        for a in SignOnAnswer.objects.filter(
            statement__coalition=request.coalition, member_id=request.person.member_id
        )
    }
    return render(
        request, "communications/statements.html", {"statements": items, "form": form, "mine": mine}
    )


@coalition_view("representative")
@cached_page
def statement_detail(request, pk):
    statement = get_object_or_404(Statement, coalition=request.coalition, pk=pk)
    manage = _may_manage(request, statement)
    if statement.status == Statement.Status.DRAFT and not manage:
        raise Http404
    context = {
        "statement": statement,
        "manage": manage,
        "my_answer": SignOnAnswer.objects.filter(
            statement=statement, member_id=request.person.member_id
        ).first(),
        "deadline_form": DeadlineForm(),
    }
    if statement.status == Statement.Status.REQUESTED and manage:
        context["publication"] = services.publication_check(statement)
    if manage:
        context["rows"], context["counts"] = services.signon_dashboard(statement)
        context["versions"] = all_versions(statement, Statement.TRANSLATED_FIELDS)
    return render(request, "communications/statement_detail.html", context)


@require_POST
@coalition_view("representative")
def statement_action(request, pk, action):
    statement = get_object_or_404(Statement, coalition=request.coalition, pk=pk)
    back = redirect("communications:statement", slug=request.coalition.slug, pk=pk)
    if action == "answer":
        member = request.person.member
        if member is None or not member.is_active or statement.status != Statement.Status.REQUESTED:
            raise PermissionDenied
        signed = request.POST.get("signed") == "in"
        answer = services.signon_answer(
            statement=statement,
            member=member,
            signed=signed,
            by_name=request.person.full_name,
            via="app",
            user=request.user,
        )
        if answer.late:
            messages.warning(
                request,
                _(
                    "The deadline has passed: your answer is recorded, "
                    "but it counts only if the hosts reopen the request."
                ),
            )
        else:
            messages.success(request, _("Your answer is recorded."))
        from juntos.governance.views.mywork import back_to_my_work

        return back_to_my_work(request) or back
    if action == "withdraw":
        member = request.person.member
        if member is None or not member.is_active:
            raise PermissionDenied
        try:
            if services.signon_withdraw(statement=statement, member=member, user=request.user):
                messages.success(request, _("Your answer is withdrawn; you may answer again."))
        except services.TokenRefused:
            messages.error(request, _("The deadline has passed: the answer can no longer change."))
        from juntos.governance.views.mywork import back_to_my_work

        return back_to_my_work(request) or back
    if not _may_manage(request, statement):
        raise PermissionDenied
    if action == "request" and statement.status == Statement.Status.DRAFT:
        services.signon_request(statement=statement, actor=request.user)
        messages.success(request, _("Sign-on requested from every member."))
    elif action == "remind" and statement.status == Statement.Status.REQUESTED:
        n = services.signon_remind(statement=statement, force=True)
        messages.success(request, _("Reminder sent to %(n)d members.") % {"n": n})
    elif action == "reopen" and request.role == "host":
        form = DeadlineForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the new deadline."))
            return back
        services.signon_reopen(
            statement=statement, actor=request.user, deadline=form.cleaned_data["deadline"]
        )
        messages.success(request, _("Reopened."))
    elif action == "publish" and statement.status == Statement.Status.REQUESTED:
        try:
            services.statement_publish(
                statement=statement, actor=request.user, reason=request.POST.get("reason", "")
            )
        except services.PublishRefused as refused:
            messages.error(request, f"{refused.message} {_('Rule')}: {refused.rule}")
            return back
        messages.success(request, _("Published."))
    else:
        messages.error(request, _("That cannot be done now."))
    return back


@public
def statement_public(request, slug, pk):
    statement = get_object_or_404(
        Statement, coalition__slug=slug, pk=pk, status=Statement.Status.PUBLISHED
    )
    # Published for anyone: a signer is named only with its consent (its sign-on, unless
    # it has since revoked the use of its name), and its logo only with logo consent.
    signers = names_shown(
        statement.coalition, services.statement_signers(statement), viewer_role=None, signed=True
    )
    logos = logo_consent_map(signers)
    return render(
        request,
        "communications/statement_public.html",
        {
            "statement": statement,
            "coalition": statement.coalition,
            "signers": [{"member": m, "logo": logos.get(m.pk) and bool(m.logo)} for m in signers],
        },
    )


@public
def statement_logo(request, slug, pk, member_pk):
    """A signer's logo, only on a published statement and only with logo consent."""
    statement = get_object_or_404(
        Statement, coalition__slug=slug, pk=pk, status=Statement.Status.PUBLISHED
    )
    signers = names_shown(
        statement.coalition, services.statement_signers(statement), viewer_role=None, signed=True
    )
    member = next((m for m in signers if m.pk == member_pk), None)
    if member is None or not member.logo or not logo_consent_map([member]).get(member.pk):
        raise Http404
    return FileResponse(member.logo.open("rb"))


@public
def signon_link(request, token):
    try:
        invite, choice = services.invite_from_token(token)
    except services.TokenRefused as refused:
        return render(
            request, "communications/signon_refused.html", {"reason": refused.reason}, status=400
        )
    statement = invite.statement
    if request.method == "POST":
        try:
            answer = services.signon_answer(
                statement=statement,
                member=invite.member,
                signed=choice == "in",
                by_name=invite.person.full_name,
                via="email",
                invite=invite,
            )
        except services.TokenRefused as refused:
            return render(
                request,
                "communications/signon_refused.html",
                {"reason": refused.reason},
                status=400,
            )
        return render(
            request,
            "communications/signon_done.html",
            {
                "statement": statement,
                "answer": answer,
                "invite": invite,
                "coalition": statement.coalition,
            },
        )
    # A GET only shows the question: mail scanners that follow links change nothing.
    return render(
        request,
        "communications/signon_confirm.html",
        {
            "statement": statement,
            "invite": invite,
            "choice": choice,
            "coalition": statement.coalition,
        },
    )


# --- Documents -------------------------------------------------------------------------


def visible_documents(request):
    person = request.person
    team_ids = set(person.seats.values_list("team_id", flat=True))
    if person.member_id:
        team_ids |= set(
            Member.objects.get(pk=person.member_id).seats.values_list("team_id", flat=True)
        )
    docs = Document.objects.filter(coalition=request.coalition).prefetch_related(
        "named_people", "named_teams"
    )
    return [
        d
        for d in docs
        if rules.can_see(
            visibility=d.visibility,
            viewer_role=request.role,
            viewer_person_id=person.pk,
            named_person_ids=[p.pk for p in d.named_people.all()],
            viewer_team_ids=team_ids,
            named_team_ids=[t.pk for t in d.named_teams.all()],
        )
    ]


@coalition_view("supporter")
def documents(request):
    form = None
    if role_at_least(request.role, "core_team"):
        form = DocumentForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            coalition=request.coalition,
        )
        if request.method == "POST" and form.is_valid():
            c = form.cleaned_data
            services.document_add(
                coalition=request.coalition,
                actor=request.user,
                title=c["title"],
                visibility=c["visibility"],
                file=c["file"],
                url=c["url"],
                people=c["people"],
                teams=c["teams"],
            )
            messages.success(request, _("Added to the library."))
            return redirect("communications:documents", slug=request.coalition.slug)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "communications/documents.html",
        {"documents": visible_documents(request), "form": form},
    )


@coalition_view("supporter")
def document_open(request, pk):
    document = next((d for d in visible_documents(request) if d.pk == pk), None)
    if document is None:
        raise Http404
    if document.file:
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file.name.rsplit("/", 1)[-1],
        )
    return HttpResponseRedirect(document.url)


# --- The consent ledger ----------------------------------------------------------------


@coalition_view("host")
def ledger(request):
    from juntos.consent.models import ConsentEvent

    events = ConsentEvent.objects.filter(coalition=request.coalition).select_related(
        "person", "member", "recorded_by"
    )
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(Q(person__full_name__icontains=q) | Q(member__name__icontains=q))
    return render(request, "communications/ledger.html", {"events": events[:300], "q": q})
