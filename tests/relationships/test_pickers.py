"""Past 300 contacts the pickers suggest names as you type (htmx, accents and case aside),
and the chosen suggestion or a name typed without its accents is accepted."""

import pytest
from django.urls import reverse

from juntos.core.forms import fold
from juntos.relationships.forms import MessengerForm
from juntos.relationships.models import Contact

pytestmark = pytest.mark.django_db


def crowd(coalition, n=305):
    Contact.objects.bulk_create(
        [Contact(coalition=coalition, name=f"Person {i:04d}") for i in range(n)]
    )
    return Contact.objects.create(
        coalition=coalition,
        name="Lucía Hernández",
        organization_name="Cámara Hispana",
        state="MO",
        district="5",
    )


def test_fold_ignores_accents_and_case():
    assert fold("Lucía HERNÁNDEZ") == fold("lucia hernandez")


def test_suggestions_find_a_name_without_its_accents(personas):
    lucia = crowd(personas.coalition)
    client = personas.client("rep")
    pick = reverse("relationships:contact_pick", args=[personas.coalition.slug])
    body = client.get(pick, {"target": "LUCIA"}).content.decode()
    assert f'value="Lucía Hernández (#{lucia.pk})"' in body
    assert "Cámara Hispana" in body and "MO-5" in body
    by_org = client.get(pick, {"q": "camara"}).content.decode()
    assert "Lucía Hernández" in by_org
    assert client.get(pick, {"q": "x"}).content.decode().strip() == ""
    # Another coalition's contacts never come up.
    outsider = personas.client("outsider").get(pick, {"q": "lucia"})
    assert outsider.status_code == 404


def test_past_300_the_picker_searches_as_you_type_and_accepts_the_choice(personas):
    lucia = crowd(personas.coalition)
    form = MessengerForm(coalition=personas.coalition)
    html = str(form["target"])
    assert 'hx-get="/c/' in html and "<datalist" in html and "<option" not in html
    chosen = MessengerForm(
        {"target": f"Lucía Hernández (#{lucia.pk})"}, coalition=personas.coalition
    )
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["target"] == lucia
    typed = MessengerForm({"target": "lucia hernandez"}, coalition=personas.coalition)
    assert typed.is_valid(), typed.errors
    assert typed.cleaned_data["target"] == lucia
    other = Contact.objects.create(coalition=personas.other_coalition, name="Elsewhere")
    foreign = MessengerForm({"target": f"Elsewhere (#{other.pk})"}, coalition=personas.coalition)
    assert not foreign.is_valid()


def test_few_contacts_stay_a_plain_select(personas):
    Contact.objects.create(coalition=personas.coalition, name="Ana")
    html = str(MessengerForm(coalition=personas.coalition)["target"])
    assert "<select" in html and "hx-get" not in html
