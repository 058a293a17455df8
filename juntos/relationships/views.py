"""Relationships pages. Members only: representatives and above see the map; a
confidential entry is seen only by its author and the hosts (see selectors)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.core.forms import pick_text
from juntos.core.pagecache import cached_page
from juntos.privacy import accesslog
from juntos.relationships import forms, letters, messengers, rules, selectors, services, svg
from juntos.relationships.history import history_with_coalition
from juntos.relationships.models import Category, Ladder, LetterTemplate, PipelineEntry

MEMBERS = "representative"
RELATIONSHIPS_PER_PAGE = 25


def _date_param(value: str):
    """A YYYY-MM-DD query parameter as a date; None when absent or not a real date."""
    try:
        return parse_date(value[:10]) if value else None
    except ValueError:
        return None


@coalition_view(MEMBERS)
def contacts(request):
    form = forms.SearchForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    qs = selectors.contacts_search(request.coalition, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "relationships/contacts.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count},
    )


@coalition_view(MEMBERS)
def contact_add(request):
    if request.method == "POST":
        form = forms.ContactForm(request.POST, coalition=request.coalition, role=request.role)
        if form.is_valid():
            contact = services.contact_add(
                coalition=request.coalition, actor=request.user, data=form.contact_data()
            )
            messages.success(request, _("Contact added."))
            return redirect("relationships:contact", slug=request.coalition.slug, pk=contact.pk)
    else:
        form = forms.ContactForm(coalition=request.coalition, role=request.role)
    return render(request, "relationships/contact_add.html", {"form": form})


@coalition_view(MEMBERS)
def contact_edit(request, pk):
    contact = selectors.get_contact_for(request.coalition, pk)

    def make_form(*args, **kwargs):
        form = forms.ContactForm(*args, coalition=request.coalition, role=request.role, **kwargs)
        if not form.is_host and contact.category == Category.DECISION_MAKER:
            del form.fields["category"]  # only hosts re-classify decision makers
        return form

    if request.method == "POST":
        form = make_form(request.POST)
        if form.is_valid():
            services.contact_update(contact=contact, actor=request.user, data=form.contact_data())
            messages.success(request, _("Contact saved."))
            return redirect("relationships:contact", slug=request.coalition.slug, pk=contact.pk)
        status = 400
    else:
        initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
        form = make_form(initial=initial)
        status = 200
    return render(
        request,
        "relationships/contact_add.html",
        {"form": form, "contact": contact},
        status=status,
    )


def _contact_page(request, contact, rel_form=None, status=200):
    first, second = selectors.neighbourhood(contact, request.user, request.role)
    relationships = selectors.relationships_of(contact, request.user, request.role).order_by(
        "-strength", "id"
    )
    page = Paginator(relationships, RELATIONSHIPS_PER_PAGE).get_page(request.GET.get("page"))
    placements = contact.placements.order_by("-placed_on", "-id")[:20]
    return render(
        request,
        "relationships/contact.html",
        {
            "contact": contact,
            "title": contact.title or services.display_title(contact),
            "interests": [dict(forms.INTERESTS).get(i, i) for i in contact.interests],
            "picture": svg.neighbourhood_svg(contact, first, second),
            "relationships": page.object_list,
            "page": page,
            "placements": placements,
            "rel_form": rel_form
            or forms.RelationshipForm(coalition=request.coalition, exclude=contact),
            "in_pipeline": PipelineEntry.objects.filter(organization=contact).first(),
            "history": history_with_coalition(contact, request.coalition),
            "today": timezone.localdate(),
            "may_end_any": request.role in ("host", "core_team"),
        },
        status=status,
    )


@coalition_view(MEMBERS)
@cached_page
def contact(request, pk):
    return _contact_page(request, selectors.get_contact_for(request.coalition, pk))


@coalition_view(MEMBERS)
@require_POST
def relationship_add(request, pk):
    contact = selectors.get_contact_for(request.coalition, pk)
    form = forms.RelationshipForm(request.POST, coalition=request.coalition, exclude=contact)
    if form.is_valid():
        d = form.cleaned_data
        source, target = (contact, d["other"]) if d["direction"] == "out" else (d["other"], contact)
        try:
            services.relationship_add(
                coalition=request.coalition,
                actor=request.user,
                source=source,
                target=target,
                kind=d["kind"],
                strength=d["strength"],
                role=d["role"],
                mutual=d["mutual"],
                started_on=d["started_on"],
                ended_on=d["ended_on"],
                how_we_know=d["how_we_know"],
                confidential=d["confidential"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Relationship added."))
            return redirect("relationships:contact", slug=request.coalition.slug, pk=contact.pk)
    return _contact_page(request, contact, rel_form=form, status=400)


@coalition_view(MEMBERS)
@require_POST
def relationship_end(request, pk):
    rel = selectors.get_relationship_for(request.coalition, request.user, request.role, pk)
    if rel.author_id != request.user.pk and request.role not in ("host", "core_team"):
        raise PermissionDenied
    services.relationship_end(relationship=rel, actor=request.user)
    messages.success(request, _("Relationship marked as ended today."))
    return redirect("relationships:contact", slug=request.coalition.slug, pk=rel.source_id)


@coalition_view(MEMBERS)
def power(request):
    issue = request.GET.get("issue", "").strip()[:200]
    campaign = selectors.power_campaign(request.coalition, request.GET.get("campaign", ""))
    if campaign is not None:
        issue = ""
    if request.method == "POST":
        form = forms.PowerForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            d = form.cleaned_data
            services.power_place(
                coalition=request.coalition,
                actor=request.user,
                contact=d["contact"],
                power=d["power"],
                stance=d["stance"],
                issue=d["issue"],
                placed_on=d["placed_on"],
                note=d["note"],
                campaign=d.get("campaign"),
            )
            messages.success(request, _("Placed on the map."))
            if d.get("campaign"):
                query = f"?{urlencode({'campaign': d['campaign'].pk})}"
            else:
                query = f"?{urlencode({'issue': d['issue']})}" if d["issue"] else ""
            return redirect(request.path + query)
        status = 400
    else:
        form = forms.PowerForm(
            coalition=request.coalition, initial={"issue": issue, "campaign": campaign}
        )
        status = 200
    on = _date_param(request.GET.get("on", ""))
    rows = selectors.power_map(request.coalition, issue=issue, campaign=campaign, on=on)
    decorated = [(c, p, earlier, rules.quadrant(p.power, p.stance)) for c, p, earlier in rows]
    return render(
        request,
        "relationships/power.html",
        {
            "form": form,
            "issue": issue,
            "issues": selectors.power_issues(request.coalition),
            "campaign": campaign,
            "campaigns": list(selectors.power_campaigns(request.coalition)),
            "on": on,
            "grid": svg.power_grid_svg(rows),
            "rows": decorated,
        },
        status=status,
    )


@coalition_view(MEMBERS)
def messenger_search(request):
    form = forms.MessengerForm(request.GET or None, coalition=request.coalition)
    search = None
    if form.is_valid():
        target = form.cleaned_data["target"]
        graph = selectors.graph_for(request.coalition, request.user, request.role)
        search = messengers.find_messengers(
            graph,
            target.pk,
            kinds=form.cleaned_data["kinds"] or None,
            max_steps=form.cleaned_data["max_steps"] or messengers.MAX_STEPS,
            interests=target.interests,
        )
        search.target_contact = target
        search.suggested_labels = [Category(c).label for c in search.suggested]
        # Start from the people who live in the target's district (members by their ZIP).
        from juntos.districts.selectors import constituents

        search.constituents = constituents(request.coalition, target)
        home = {m.pk for m in search.constituents.members} if search.constituents else set()
        ours_home = set(
            selectors.Contact.objects.filter(
                coalition=request.coalition, member_id__in=home
            ).values_list("pk", flat=True)
        )
        search.from_district = ours_home
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "relationships/messengers.html", {"form": form, "search": search}, status=status
    )


@coalition_view(MEMBERS)
def pipeline(request):
    if request.method == "POST":
        form = forms.PipelineStartForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            entry = services.pipeline_start(
                coalition=request.coalition,
                actor=request.user,
                organization=form.cleaned_data["organization"],
            )
            return redirect(
                "relationships:pipeline_entry", slug=request.coalition.slug, pk=entry.pk
            )
        status = 400
    else:
        form = forms.PipelineStartForm(coalition=request.coalition)
        status = 200
    return render(
        request,
        "relationships/pipeline.html",
        {"form": form, "columns": selectors.pipeline_board(request.coalition)},
        status=status,
    )


@coalition_view(MEMBERS)
def pipeline_entry(request, pk):
    entry = get_object_or_404(
        PipelineEntry.objects.select_related("organization"), coalition=request.coalition, pk=pk
    )
    initial = {"stage": entry.stage, **{f"note_{k}": v for k, v in entry.notes.items()}}
    if request.method == "POST":
        form = forms.PipelineForm(request.POST, steps=rules.PIPELINE_STEPS)
        if form.is_valid():
            services.pipeline_update(
                entry=entry,
                actor=request.user,
                stage=form.cleaned_data["stage"],
                notes=form.notes(),
            )
            messages.success(request, _("Saved."))
            return redirect("relationships:pipeline", slug=request.coalition.slug)
        status = 400
    else:
        form = forms.PipelineForm(initial=initial, steps=rules.PIPELINE_STEPS)
        status = 200
    return render(
        request, "relationships/pipeline_entry.html", {"entry": entry, "form": form}, status=status
    )


@coalition_view(MEMBERS)
def letter_list(request):
    return render(
        request,
        "relationships/letters.html",
        {
            "templates": LetterTemplate.objects.filter(coalition=request.coalition),
            "fields": letters.MERGE_FIELDS,
        },
    )


def _letter_form(request, template=None):
    if request.method == "POST":
        form = forms.LetterTemplateForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                template = services.letter_template_save(
                    coalition=request.coalition,
                    actor=request.user,
                    template=template,
                    name=d["name"],
                    subject=d["subject"],
                    body=d["body"],
                    language=d["language"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Letter saved."))
                return redirect("relationships:letters", slug=request.coalition.slug)
        status = 400
    else:
        if template is None:
            subject, body = letters.introduction_letter()
            initial = {
                "name": _("Letter of introduction to a business group"),
                "subject": subject,
                "body": body,
                "language": request.LANGUAGE_CODE,
            }
        else:
            initial = {
                "name": template.name,
                "subject": template.subject,
                "body": template.body,
                "language": template.language,
            }
        form = forms.LetterTemplateForm(initial=initial)
        status = 200
    return render(
        request,
        "relationships/letter_form.html",
        {"form": form, "template": template, "fields": letters.MERGE_FIELDS},
        status=status,
    )


@coalition_view("core_team")
def letter_add(request):
    return _letter_form(request)


@coalition_view("core_team")
def letter_edit(request, pk):
    template = get_object_or_404(LetterTemplate, coalition=request.coalition, pk=pk)
    return _letter_form(request, template)


@coalition_view(MEMBERS)
def letter_merge(request, pk):
    template = get_object_or_404(LetterTemplate, coalition=request.coalition, pk=pk)
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    missing = []
    member = request.person.member
    if request.method == "POST":
        form = forms.MergeForm(request.POST, coalition=request.coalition, category=category)
        if form.is_valid():
            d = form.cleaned_data
            try:
                data = services.letters_merge(
                    coalition=request.coalition,
                    actor=request.user,
                    template=template,
                    recipients=list(d["recipients"]),
                    member_name=d["member_name"],
                    state=d["state"],
                    sender=request.person,
                    sender_title=d["sender_title"],
                )
            except services.LettersRefused as exc:
                missing = exc.missing
                form.add_error(None, exc)
            else:
                response = HttpResponse(data, content_type="application/zip")
                response["Content-Disposition"] = 'attachment; filename="letters.zip"'
                return response
        status = 400
    else:
        form = forms.MergeForm(
            coalition=request.coalition,
            category=category,
            initial={
                "member_name": member.name if member else request.coalition.name,
                "state": member.state if member else "",
                "sender_title": request.person.title,
            },
        )
        status = 200
    return render(
        request,
        "relationships/letter_merge.html",
        {
            "template": template,
            "form": form,
            "missing": [
                (m.recipient, [letters.MERGE_FIELDS.get(f, f) for f in m.fields]) for m in missing
            ],
            "used": [
                letters.MERGE_FIELDS.get(f, f)
                for f in letters.fields_used(template.subject, template.body)
            ],
            "category": category,
            "categories": Category.choices,
            "fields": letters.MERGE_FIELDS,
        },
        status=status,
    )


@coalition_view(MEMBERS)
def one_to_ones(request):
    if request.method == "POST":
        form = forms.OneToOneForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            try:
                services.one_to_one_log(
                    coalition=request.coalition,
                    actor=request.user,
                    organizer=request.person,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error("met_on", error.messages)
            else:
                messages.success(request, _("One-to-one saved."))
                return redirect("relationships:one_to_ones", slug=request.coalition.slug)
        status = 400
    else:
        form = forms.OneToOneForm(
            coalition=request.coalition, initial={"met_on": timezone.localdate()}
        )
        status = 200
    meetings = list(
        selectors.visible_one_to_ones(request.coalition, request.user, request.role).select_related(
            "person", "organizer"
        )[:100]
    )
    accesslog.note(
        coalition_id=request.coalition.pk,
        what=accesslog.AccessKind.ONE_TO_ONE,
        person_ids=[m.person_id for m in meetings],
    )
    return render(
        request,
        "relationships/one_to_ones.html",
        {"form": form, "meetings": meetings, "today": timezone.localdate()},
        status=status,
    )


@coalition_view(MEMBERS)
def leaders(request):
    team_form = forms.TeamFilterForm(request.GET or None, coalition=request.coalition)
    team = team_form.cleaned_data.get("team") if team_form.is_valid() else None
    if request.method == "POST":
        form = forms.StepForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            services.engagement_step_record(
                coalition=request.coalition, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Step recorded."))
            return redirect("relationships:leaders", slug=request.coalition.slug)
        status = 400
    else:
        form = forms.StepForm(coalition=request.coalition, initial={"on": timezone.localdate()})
        status = 200
    labels = dict(Ladder.choices)
    rows = [
        (person, pos, meeting, labels[pos.level], [(labels[lvl], on) for lvl, on in pos.history])
        for person, pos, meeting in selectors.leaders(
            request.coalition, request.user, request.role, team=team
        )
    ]
    return render(
        request,
        "relationships/leaders.html",
        {"rows": rows, "form": form, "team_form": team_form, "ladder": rules.LADDER},
        status=status,
    )


@coalition_view(MEMBERS)
def contact_pick(request):
    """Suggestions for a contact picker, as <option>s for its <datalist> (htmx);
    `among=outside`: only contacts of no member organization or person (letters' recipients)."""
    outside = request.GET.get("among") == "outside"
    text = pick_text(request, ignore=("among",))
    return render(
        request,
        "web/_pick_options.html",
        {"rows": selectors.contacts_matching(request.coalition, text, outside=outside)},
    )
