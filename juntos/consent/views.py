from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.consent.models import ConsentEvent, ConsentKind
from juntos.consent.services import consent_set, consents_for
from juntos.core.access import coalition_view


class MyConsentForm(forms.Form):
    contact_sharing = forms.BooleanField(
        required=False,
        label=gettext_lazy("Other members may see my email and phone in the directory."),
    )


@coalition_view("supporter")
def my_consents(request):
    person = request.person
    current = consents_for(person=person)
    if request.method == "POST":
        form = MyConsentForm(request.POST)
        if form.is_valid():
            consent_set(
                coalition=request.coalition,
                kind=ConsentKind.CONTACT_SHARING,
                granted=form.cleaned_data["contact_sharing"],
                actor=request.user,
                person=person,
            )
            messages.success(request, _("Your choices are saved."))
            return redirect("consent:mine", slug=request.coalition.slug)
    else:
        form = MyConsentForm(initial={"contact_sharing": current.get("contact_sharing", False)})
    history = ConsentEvent.objects.filter(person=person).select_related("recorded_by")
    return render(request, "consent/mine.html", {"form": form, "history": history})
