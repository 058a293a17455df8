"""A hand-made POST naming an id beyond any database's integer range gets the form's
"Select a valid choice", not a server error (SQLite raised OverflowError in `pk__in`)."""

from django.urls import reverse

from juntos.communications.models import Document, Notice
from juntos.members.models import Person

HUGE = "99999999999999999999"


def test_document_naming_an_impossible_person_is_refused_with_a_message(personas):
    url = reverse("communications:documents", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url,
        {
            "title": "Memo",
            "url": "https://example.org/memo",
            "visibility": "named",
            "people": [HUGE],
            "teams": [HUGE],
        },
    )
    assert response.status_code == 200
    assert {"people", "teams"} <= set(response.context["form"].errors)
    assert not Document.objects.exists()


def test_notice_to_an_impossible_choice_is_refused_with_a_message(personas):
    url = reverse("communications:notice_new", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url,
        {"audience": "chosen", "chosen": [HUGE], "subject_en": "Hi", "body_en": "Hello."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Notice.objects.exists()


def test_a_list_of_ids_with_one_impossible_still_finds_the_real_ones(personas):
    rep = Person.objects.get(user=personas.rep)
    found = Person.objects.filter(pk__in=[rep.pk, int(HUGE), -int(HUGE)])
    assert list(found) == [rep]
    assert not Person.objects.filter(pk__in=[int(HUGE)]).exists()
