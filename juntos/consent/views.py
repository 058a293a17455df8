from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.consent.models import ConsentEvent, ConsentKind
from juntos.consent.services import consent_set, consents_for
from juntos.core.access import coalition_view
from juntos.members.services import person_update


class MyConsentForm(forms.Form):
    contact_sharing = forms.BooleanField(
        required=False,
        label=gettext_lazy("Other members may see my email and phone in the directory."),
    )
    notice_frequency = forms.ChoiceField(
        label=gettext_lazy("How notices reach me"),
        choices=[
            ("immediate", gettext_lazy("Each notice as it is sent")),
            ("weekly", gettext_lazy("A weekly digest")),
        ],
        widget=forms.RadioSelect,
    )
    supporter_updates = forms.BooleanField(
        required=False, label=gettext_lazy("Send me the coalition's notices and updates.")
    )
    org_name = forms.BooleanField(
        required=False,
        label=gettext_lazy("The coalition may list our organization's name as a member."),
    )
    org_logo = forms.BooleanField(
        required=False,
        label=gettext_lazy("The coalition may show our logo next to statements we sign."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        if person.role == "supporter":
            del self.fields["notice_frequency"]
        else:
            del self.fields["supporter_updates"]
        if person.member_id is None:
            del self.fields["org_name"]
            del self.fields["org_logo"]


@coalition_view("supporter")
def my_consents(request):
    person = request.person
    member = person.member
    mine = consents_for(person=person)
    org = consents_for(member=member) if member else {}
    initial = {
        "contact_sharing": mine.get(ConsentKind.CONTACT_SHARING, False),
        "notice_frequency": person.notice_frequency,
        "supporter_updates": person.unsubscribed_at is None,
        "org_name": org.get(ConsentKind.NAME, False),
        "org_logo": org.get(ConsentKind.LOGO, False),
    }
    form = MyConsentForm(
        request.POST if request.method == "POST" else None, person=person, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        with transaction.atomic():
            consent_set(
                coalition=request.coalition,
                kind=ConsentKind.CONTACT_SHARING,
                granted=c["contact_sharing"],
                actor=request.user,
                person=person,
            )
            if "notice_frequency" in c and c["notice_frequency"] != person.notice_frequency:
                person_update(
                    person=person, actor=request.user, notice_frequency=c["notice_frequency"]
                )
            if "supporter_updates" in c:
                wanted = (
                    None if c["supporter_updates"] else (person.unsubscribed_at or timezone.now())
                )
                if wanted != person.unsubscribed_at:
                    person_update(person=person, actor=request.user, unsubscribed_at=wanted)
            if member is not None:
                consent_set(
                    coalition=request.coalition,
                    kind=ConsentKind.NAME,
                    granted=c["org_name"],
                    actor=request.user,
                    member=member,
                )
                consent_set(
                    coalition=request.coalition,
                    kind=ConsentKind.LOGO,
                    granted=c["org_logo"],
                    actor=request.user,
                    member=member,
                )
        messages.success(request, _("Your choices are saved."))
        return redirect("consent:mine", slug=request.coalition.slug)
    history = ConsentEvent.objects.filter(
        Q(person=person) | Q(member=member) if member else Q(person=person)
    ).select_related("recorded_by", "member", "person")[:100]
    return render(
        request, "consent/mine.html", {"form": form, "history": history, "member": member}
    )
