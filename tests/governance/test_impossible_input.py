"""Numbers no calendar has get the form's message, not a server error."""

from django.urls import reverse


def test_schedule_preview_for_an_impossible_year_is_a_form_error(personas):
    url = reverse("governance:schedule", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url, {"year": "99999999999999999999", "start_time": "18:00"}
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert response.context["preview"] == []


def test_alternate_form_with_a_person_that_is_not_a_number_says_choose(personas):
    from juntos.governance.models import AlternateRepresentative

    url = reverse("governance:alternates", args=[personas.coalition.slug])
    rep = personas.client("rep")
    for value in ("abc", "\x00", "²", "99999999999999999999"):
        response = rep.post(url, {"person": value})
        assert response.status_code == 400  # the form again, with its message
        assert "Choose a person." in response.content.decode()
        response = rep.post(url, {"action": "remove", "alternate": value})
        assert response.status_code == 302
    assert not AlternateRepresentative.objects.exists()
